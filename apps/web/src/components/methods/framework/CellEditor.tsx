/**
 * Charting one cell (case × code): the coded passages the cell links to, each a click from its
 * place in the source, and the researcher's summary. The summary starts empty for a prefilled cell
 * (the coded text is the participants' words, not a summary); "Start from the coded text" copies it
 * in to reduce by hand. Passages can be kept as verbatim quotes beside the summary. A cell with no
 * passages can be marked "not discussed".
 */
import { type KeyboardEvent, useId, useState } from "react";
import {
  type ChartMatrix,
  chartCell,
  useCellPassages,
  useFrameworkMutation,
} from "../../../api/framework.js";
import { openSource, toast } from "../../../state/ui-store.js";
import type { OpenCell } from "./ChartingMatrix.js";
import { CELL_STATE_TEXT } from "./cell-states.js";

interface CellEditorProps {
  projectKey: string;
  matrix: ChartMatrix;
  at: OpenCell;
  onClose(): void;
}

export function CellEditor({ projectKey, matrix, at, onClose }: CellEditorProps) {
  const row = matrix.rows.find((candidate) => candidate.caseId === at.caseId);
  const cell = row?.cells.find((candidate) => candidate.codeId === at.codeId);
  const column = matrix.columns.find((candidate) =>
    candidate.codes.some((code) => code.codeId === at.codeId),
  );
  const code = column?.codes.find((candidate) => candidate.codeId === at.codeId);
  const [summary, setSummary] = useState(cell?.state === "charted" ? cell.summary : "");
  const [quoteIds, setQuoteIds] = useState<string[]>(
    cell?.quotes.map((quote) => quote.codingId) ?? [],
  );
  const headingId = useId();
  const summaryId = useId();
  // Only this case's passages of the code, every page of them.
  const segments = useCellPassages(
    projectKey,
    at.caseId,
    at.codeId,
    (cell?.codingIds.length ?? 0) > 0,
  );
  const save = useFrameworkMutation(projectKey, chartCell);

  if (!row || !cell || !code || !column) return null;
  const linked = new Set(cell.codingIds);
  const passages = (segments.data ?? []).filter((segment) => linked.has(segment.codingId));

  // Buttons stay enabled while saving (a disabled button drops focus, and Escape with it).
  const write = (state: "charted" | "not_discussed") => {
    if (save.isPending) return;
    save.mutate(
      {
        caseId: at.caseId,
        codeId: at.codeId,
        state,
        summary: state === "charted" ? summary.trim() : "",
        quoteCodingIds: state === "charted" ? quoteIds : [],
      },
      {
        onSuccess: () => toast(state === "charted" ? "Summary saved." : "Marked as not discussed."),
        onError: (error) => toast(error.message, "error"),
      },
    );
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <section className="fw-cell-editor" aria-labelledby={headingId} onKeyDown={handleKeyDown}>
      <header className="fw-editor-head">
        <h2 id={headingId}>
          {row.caseName} × {code.abbreviation} {code.name}
        </h2>
        <button type="button" className="ghost small" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="muted small">
        {column.categoryName} ·{" "}
        <span className={`fw-state-badge state-${cell.state}`}>{CELL_STATE_TEXT[cell.state]}</span>
      </p>

      <h3>Coded passages ({cell.codingIds.length})</h3>
      {cell.codingIds.length === 0 ? (
        <p className="muted">No passage of this case is coded with this code.</p>
      ) : segments.isError ? (
        <p role="alert" className="error-text">
          {segments.error.message}
        </p>
      ) : segments.isPending ? (
        <p className="muted">Loading passages…</p>
      ) : (
        <ul className="fw-passages">
          {passages.map((passage) => (
            <li key={passage.codingId}>
              <blockquote className="fw-passage">{passage.text}</blockquote>
              <div className="fw-passage-actions">
                <span className="muted small">{passage.sourceTitle}</span>
                <label className="small">
                  <input
                    type="checkbox"
                    checked={quoteIds.includes(passage.codingId)}
                    onChange={(event) =>
                      setQuoteIds((ids) =>
                        event.target.checked
                          ? [...ids, passage.codingId]
                          : ids.filter((id) => id !== passage.codingId),
                      )
                    }
                  />{" "}
                  Quote in the cell
                </label>
                <button
                  type="button"
                  className="small"
                  onClick={() =>
                    openSource(passage.sourceId, { start: passage.start, end: passage.end })
                  }
                >
                  Open in source
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}

      <h3>
        <label htmlFor={summaryId}>Summary</label>
      </h3>
      <textarea
        id={summaryId}
        className="fw-summary-input"
        rows={6}
        value={summary}
        placeholder="Reduce the passages to their meaning, keeping the participant's sense"
        onChange={(event) => setSummary(event.target.value)}
        // biome-ignore lint/a11y/noAutofocus: opening a cell is asking to write its summary
        autoFocus
      />
      <div className="fw-editor-actions">
        <button
          type="button"
          className="primary"
          disabled={summary.trim() === ""}
          onClick={() => write("charted")}
        >
          Save summary
        </button>
        {cell.state === "unsummarised" && summary.trim() === "" && (
          <button type="button" onClick={() => setSummary(cell.summary)}>
            Start from the coded text
          </button>
        )}
        <button
          type="button"
          disabled={cell.codingIds.length > 0}
          onClick={() => write("not_discussed")}
          title={
            cell.codingIds.length > 0
              ? "This case has coded passages for the code, so it was discussed"
              : undefined
          }
        >
          Mark as not discussed
        </button>
      </div>
    </section>
  );
}
