/**
 * The codings under the cursor (or the one picked by a stripe): which code, who coded it, its memo;
 * resize it to the current selection or remove it. The keyboard path to everything a stripe offers.
 */
import { useEffect, useMemo, useState } from "react";
import { updateCoding } from "../api/client.js";
import { useCodes, useProjectMutation, useSource } from "../api/queries.js";
import type { CodingView } from "../api/types.js";
import { getActiveViewer } from "../editor/viewer-controller.js";
import { setUi, toast, useUi } from "../state/ui-store.js";
import { CodeSwatch } from "./CodeSwatch.js";

export function CodingInspector() {
  const projectKey = useUi((ui) => ui.projectKey);
  const sourceId = useUi((ui) => ui.sourceId);
  const cursor = useUi((ui) => ui.cursor);
  const selectedId = useUi((ui) => ui.selectedCodingId);
  const source = useSource(projectKey, sourceId);
  const codes = useCodes(projectKey);
  const codeById = useMemo(
    () => new Map((codes.data ?? []).map((code) => [code.id, code])),
    [codes.data],
  );
  const all = source.data?.codings ?? [];
  const selected = all.find((coding) => coding.id === selectedId);
  const here = cursor
    ? all.filter(
        (coding) =>
          coding.start <= cursor.head && cursor.head <= coding.end && coding.status !== "orphaned",
      )
    : [];
  const shown = selected ? [selected, ...here.filter((coding) => coding.id !== selected.id)] : here;

  if (!sourceId) return <p className="panel-empty">Open a source to see its codings.</p>;
  if (shown.length === 0)
    return (
      <div className="panel-empty">
        <p>No coding at the cursor.</p>
        <p className="muted">
          Click a coded passage or a stripe in the margin to see its coding here.
        </p>
      </div>
    );
  return (
    <ul className="inspector">
      {shown.map((coding) => (
        <CodingCard
          key={coding.id}
          coding={coding}
          selected={coding.id === selectedId}
          name={codeById.get(coding.codeId)?.path ?? coding.codeName ?? "Unknown code"}
          color={codeById.get(coding.codeId)?.color ?? coding.color ?? "#888"}
        />
      ))}
    </ul>
  );
}

function CodingCard(props: { coding: CodingView; selected: boolean; name: string; color: string }) {
  const { coding } = props;
  const projectKey = useUi((ui) => ui.projectKey);
  const [memo, setMemo] = useState(coding.memo ?? "");
  useEffect(() => setMemo(coding.memo ?? ""), [coding.memo]);
  const saveMemo = useProjectMutation(projectKey, (key, text: string) =>
    updateCoding(key, coding.id, { memo: text.trim() ? text : null }),
  );
  return (
    <li className={props.selected ? "coding-card selected" : "coding-card"}>
      <button
        type="button"
        className="coding-head"
        onClick={() => setUi({ selectedCodingId: coding.id })}
        aria-pressed={props.selected}
      >
        <CodeSwatch color={props.color} />
        <strong>{props.name}</strong>
      </button>
      <blockquote>
        {coding.exact.length > 240 ? `${coding.exact.slice(0, 240)}…` : coding.exact}
      </blockquote>
      <p className="muted small">
        {coding.coder} · {new Date(coding.createdAt).toLocaleDateString()}
        {coding.status !== "anchored" && ` · ${coding.status}`}
      </p>
      <label className="memo-field">
        Memo on this coding
        <textarea
          rows={2}
          value={memo}
          placeholder="Why this passage, what it suggests…"
          onChange={(event) => setMemo(event.target.value)}
        />
      </label>
      <div className="form-actions">
        <button
          type="button"
          disabled={memo === (coding.memo ?? "") || saveMemo.isPending}
          onClick={() =>
            saveMemo.mutate(memo, { onError: (error) => toast(error.message, "error") })
          }
        >
          Save memo
        </button>
        <button
          type="button"
          onClick={() => void getActiveViewer()?.resizeCoding(coding.id)}
          title="Select the new extent in the text first"
        >
          Resize to selection
        </button>
        <button
          type="button"
          className="danger-quiet"
          onClick={() => void getActiveViewer()?.removeCoding(coding.id)}
        >
          Remove
        </button>
      </div>
    </li>
  );
}
