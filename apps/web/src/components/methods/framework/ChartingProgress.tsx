/**
 * How far the charting has come: cells done (charted, or marked not discussed) out of all cells of
 * the rows shown, the count of each state, and indexing progress per source (FW-2) — passages per
 * framework code, with the codes a source has none of, which may need re-indexing after a code was
 * added in a later version.
 */
import type { ChartCellState } from "@quire/core";
import type { Framework, SourceProgress } from "../../../api/framework.js";
import { CELL_STATE_TEXT, CELL_STATES, chartedShare } from "./cell-states.js";

export function ChartingProgress({
  counts,
  framework,
  sources,
}: {
  counts: Readonly<Record<ChartCellState, number>>;
  framework: Framework;
  sources: readonly SourceProgress[];
}) {
  const { done, total } = chartedShare(counts);
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  const codes = framework.categories.flatMap((category) => category.codes);
  return (
    <section className="fw-progress" aria-label="Charting progress">
      <p className="fw-progress-line">
        <progress value={done} max={Math.max(total, 1)} aria-label="Cells charted" />{" "}
        <strong data-testid="charting-progress">
          {done} of {total} cells charted ({percent} %)
        </strong>
      </p>
      <ul className="fw-state-counts" aria-label="Cells by state">
        {CELL_STATES.map((state) => (
          <li key={state}>
            <span className={`fw-state-badge state-${state}`}>{CELL_STATE_TEXT[state]}</span>{" "}
            {counts[state] ?? 0}
          </li>
        ))}
      </ul>
      {sources.length > 0 && codes.length > 0 && (
        <details className="fw-indexing">
          <summary>Indexing progress by source</summary>
          <table className="fw-indexing-table">
            <caption className="visually-hidden">Passages per source and framework code</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                {codes.map((code) => (
                  <th key={code.id} scope="col" title={code.name}>
                    {code.abbreviation}
                  </th>
                ))}
                <th scope="col">All</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((source) => (
                <tr key={source.sourceId}>
                  <th scope="row">{source.title}</th>
                  {codes.map((code) => {
                    const n = source.counts[code.codeId] ?? 0;
                    return (
                      <td key={code.id} className={n === 0 ? "fw-zero" : undefined}>
                        {n}
                      </td>
                    );
                  })}
                  <td>{source.codings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
