/**
 * Adding meaning units to a code group (step 2): pick a code, then from its coded passages the
 * ones that carry meaning for the group. A meaning unit is a coding placed in the group, so the
 * source reference and exact words come with it; the same passage may sit in several groups.
 */
import { useId, useState } from "react";
import { useCodes, useSegments } from "../../../api/queries.js";
import { placeMeaningUnit, type StcCodeGroup, useStcMutation } from "../../../api/stc.js";
import { toast } from "../../../state/ui-store.js";

/** Passages listed for one code; enough to choose from without a pager. */
const PASSAGE_LIMIT = 200;

export function MeaningUnitPicker({
  projectKey,
  group,
}: {
  projectKey: string;
  group: StcCodeGroup;
}) {
  const codes = useCodes(projectKey);
  const [codeId, setCodeId] = useState("");
  const [subgroupId, setSubgroupId] = useState("");
  const codeSelectId = useId();
  const subgroupSelectId = useId();
  const segments = useSegments(projectKey, {
    codeIds: codeId ? [codeId] : [],
    match: "any",
    limit: PASSAGE_LIMIT,
  });
  const place = useStcMutation(projectKey, placeMeaningUnit);
  const placed = new Set(
    [...group.unsorted, ...group.subgroups.flatMap((subgroup) => subgroup.units)].map(
      (unit) => unit.codingId,
    ),
  );
  const coded = (codes.data ?? []).filter((code) => code.codingCount > 0);

  return (
    <details className="stc-picker">
      <summary>Add meaning units to {group.name}</summary>
      <div className="stc-picker-controls">
        <label htmlFor={codeSelectId}>Passages coded with</label>
        <select
          id={codeSelectId}
          value={codeId}
          onChange={(event) => setCodeId(event.target.value)}
        >
          <option value="">choose a code…</option>
          {coded.map((code) => (
            <option key={code.id} value={code.id}>
              {code.path} ({code.codingCount})
            </option>
          ))}
        </select>
        {group.subgroups.length > 0 && (
          <>
            <label htmlFor={subgroupSelectId}>into</label>
            <select
              id={subgroupSelectId}
              value={subgroupId}
              onChange={(event) => setSubgroupId(event.target.value)}
            >
              <option value="">no subgroup yet</option>
              {group.subgroups.map((subgroup) => (
                <option key={subgroup.id} value={subgroup.id}>
                  {subgroup.name}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      {codeId && segments.isPending && <p className="muted">Loading passages…</p>}
      {segments.data && (
        <ul className="stc-candidates" aria-label="Coded passages">
          {segments.data.segments.map((segment) => (
            <li key={segment.codingId}>
              <blockquote className="stc-unit-text">{segment.text}</blockquote>
              <div className="stc-unit-actions">
                <span className="muted small">{segment.sourceTitle}</span>
                {/* One button in both states, so focus stays on it once the unit is placed. */}
                <button
                  type="button"
                  className="small"
                  aria-disabled={placed.has(segment.codingId)}
                  onClick={() => {
                    if (placed.has(segment.codingId) || place.isPending) return;
                    place.mutate(
                      { codingId: segment.codingId, group: group.id, subgroup: subgroupId || null },
                      { onError: (error) => toast(error.message, "error") },
                    );
                  }}
                >
                  {placed.has(segment.codingId) ? "In this code group" : "Add as meaning unit"}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
