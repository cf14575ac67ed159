/**
 * Retrieval: every passage coded with the picked codes (any of them, or all at once), with its
 * context, source, case and attributes; filterable by an attribute value and by coder; each result
 * opens its place in the source.
 */

import { useMemo, useState } from "react";
import { useAttributes, useCodes, useSegments } from "../api/queries.js";
import type { Segment, SegmentQuery } from "../api/types.js";
import { subtreeIds } from "../state/code-tree.js";
import { openSource, setUi, useUi } from "../state/ui-store.js";
import { AttributeFilter } from "./AttributeFilter.js";
import { CodeSwatch } from "./CodeSwatch.js";

export function RetrievalPanel() {
  const projectKey = useUi((ui) => ui.projectKey);
  const codeIds = useUi((ui) => ui.selectedCodeIds);
  const match = useUi((ui) => ui.codeMatch);
  const codes = useCodes(projectKey);
  const attributes = useAttributes(projectKey);
  const [attribute, setAttribute] = useState("");
  const [value, setValue] = useState("");
  const [coder, setCoder] = useState("");
  const [limit, setLimit] = useState(100);
  const [withChildren, setWithChildren] = useState(true);
  // With "include sub-codes", a parent stands for itself and everything under it (OR only: AND of
  // a whole subtree has no clear meaning).
  const effectiveIds = useMemo(() => {
    if (!withChildren || match === "all") return codeIds;
    const all = codes.data ?? [];
    return [...new Set(codeIds.flatMap((id) => [...subtreeIds(all, id)]))];
  }, [codeIds, withChildren, match, codes.data]);
  const query = useMemo<SegmentQuery>(
    () => ({
      codeIds: effectiveIds,
      match,
      context: 120,
      limit,
      ...(attribute && value ? { where: { [attribute]: value } } : {}),
      ...(coder.trim() ? { coder: coder.trim() } : {}),
    }),
    [effectiveIds, match, attribute, value, coder, limit],
  );
  const segments = useSegments(projectKey, query);
  const byId = new Map((codes.data ?? []).map((code) => [code.id, code]));
  const picked = codeIds.map((id) => byId.get(id)).filter((code) => code !== undefined);

  if (codeIds.length === 0)
    return (
      <div className="panel-empty">
        <p>Pick a code in the codebook to see every passage coded with it.</p>
        <p className="muted">Ctrl/⌘-click more codes to combine them with AND or OR.</p>
      </div>
    );

  return (
    <div className="retrieval">
      <fieldset className="chips">
        <legend className="visually-hidden">Codes retrieved</legend>
        {picked.map((code) => (
          <span key={code.id} className="chip">
            <CodeSwatch color={code.color} />
            {code.name}
            <button
              type="button"
              className="icon small"
              aria-label={`Edit ${code.name}`}
              title="Colour, description, merge"
              onClick={() => setUi({ editingCodeId: code.id })}
            >
              ✎
            </button>
            <button
              type="button"
              className="icon small"
              aria-label={`Remove ${code.name} from the retrieval`}
              onClick={() =>
                setUi((ui) => ({
                  selectedCodeIds: ui.selectedCodeIds.filter((id) => id !== code.id),
                }))
              }
            >
              ×
            </button>
          </span>
        ))}
      </fieldset>
      {codeIds.length > 1 && (
        <fieldset className="segmented">
          <legend className="visually-hidden">Combine the codes</legend>
          <label>
            <input
              type="radio"
              name="match"
              checked={match === "any"}
              onChange={() => setUi({ codeMatch: "any" })}
            />
            <span>Any (OR)</span>
          </label>
          <label>
            <input
              type="radio"
              name="match"
              checked={match === "all"}
              onChange={() => setUi({ codeMatch: "all" })}
            />
            <span>All overlap (AND)</span>
          </label>
        </fieldset>
      )}
      {match === "any" && (
        <label className="check">
          <input
            type="checkbox"
            checked={withChildren}
            onChange={(event) => setWithChildren(event.target.checked)}
          />
          Include sub-codes
        </label>
      )}
      <div className="filter-row">
        <AttributeFilter
          attributes={attributes.data ?? []}
          attribute={attribute}
          value={value}
          label="Filter by attribute"
          anyLabel="Any case"
          onChange={(nextAttribute, nextValue) => {
            setAttribute(nextAttribute);
            setValue(nextValue);
          }}
        />
        <input
          aria-label="Filter by coder"
          placeholder="Coder"
          value={coder}
          onChange={(event) => setCoder(event.target.value)}
          className="narrow"
        />
      </div>
      <p className="result-count" role="status">
        {segments.data
          ? `${segments.data.total.toLocaleString()} passages`
          : segments.isFetching
            ? "Retrieving…"
            : ""}
      </p>
      {segments.isError && <p role="alert">{segments.error.message}</p>}
      <ol className="results">
        {(segments.data?.segments ?? []).map((segment) => (
          <SegmentCard
            key={segment.codingId}
            segment={segment}
            color={byId.get(segment.codeId)?.color ?? "#888"}
            showCode={effectiveIds.length > 1}
          />
        ))}
      </ol>
      {segments.data && segments.data.total > segments.data.segments.length && (
        <button
          type="button"
          className="ghost"
          onClick={() => setLimit(Math.min(500, limit + 100))}
        >
          Show more
        </button>
      )}
    </div>
  );
}

function SegmentCard({
  segment,
  color,
  showCode,
}: {
  segment: Segment;
  color: string;
  showCode: boolean;
}) {
  const attributes = Object.entries(segment.attributes);
  return (
    <li className="result" style={{ ["--code" as string]: color }}>
      <button
        type="button"
        className="result-open"
        onClick={() => {
          openSource(segment.sourceId, { start: segment.start, end: segment.end });
          setUi({ selectedCodingId: segment.codingId });
        }}
      >
        <span className="result-source">
          {segment.sourceTitle}
          {segment.caseName && segment.caseName !== segment.sourceTitle && (
            <span className="muted"> · {segment.caseName}</span>
          )}
        </span>
        <span className="kwic">
          <span className="muted">…{segment.before}</span>
          <mark>{segment.text}</mark>
          <span className="muted">{segment.after}…</span>
        </span>
      </button>
      <p className="result-meta">
        {showCode && <span>{segment.codePath} · </span>}
        <span>coded by {segment.coder}</span>
        {attributes.length > 0 && (
          <span>
            {" "}
            · {attributes.map(([name, value]) => `${name}: ${String(value)}`).join(", ")}
          </span>
        )}
        {segment.memo && <span className="memo-flag"> · memo: {segment.memo}</span>}
      </p>
    </li>
  );
}
