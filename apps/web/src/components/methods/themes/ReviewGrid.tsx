/**
 * The review of themes against the whole dataset (RTA-3, level 2): sources × themes, each cell the
 * number of coded passages of the theme's codes in that source, tinted by count. Sources that
 * contribute to no theme are marked; codes in no theme are listed. A cell opens its passages
 * (level 1), each a click away from its place in the transcript.
 */
import { useState } from "react";
import { type ThemeReviewView, useThemeReview } from "../../../api/themes.js";
import { openSource } from "../../../state/ui-store.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The largest cell count, for the tint scale (at least 1, so empty grids divide safely). */
export function maxCellCount(review: ThemeReviewView): number {
  let max = 1;
  for (const row of review.rows)
    for (const cell of row.cells) max = Math.max(max, cell.passages.length);
  return max;
}

export function ReviewGrid({ projectKey }: { projectKey: string }) {
  const review = useThemeReview(projectKey);
  const [open, setOpen] = useState<{ sourceId: string; themeId: string } | null>(null);
  if (review.isError) return <p role="alert">{review.error.message}</p>;
  if (!review.data) return <p className="muted">Loading the review…</p>;
  const data = review.data;
  if (data.themes.length === 0)
    return <p className="muted">Create themes and attach codes to review them against the data.</p>;
  const max = maxCellCount(data);
  const themeName = new Map(data.themes.map((theme) => [theme.id, theme.name]));
  const openRow = open ? data.rows.find((row) => row.sourceId === open.sourceId) : undefined;
  const openCell = openRow?.cells.find((cell) => cell.themeId === open?.themeId);
  const silent = data.rows.filter((row) => !row.contributes).length;

  return (
    <div className="review">
      <p className="muted">
        Coded passages of each theme's codes per source. {plural(silent, "source")} contribute
        {silent === 1 ? "s" : ""} to no theme. Counts describe what was coded, not how much a theme
        matters.
      </p>
      <div className="review-scroll">
        <table className="review-grid">
          <caption className="visually-hidden">Sources against themes: coded passages</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              {data.themes.map((theme) => (
                <th key={theme.id} scope="col" className={`status-${theme.status}`}>
                  <span className="review-theme">{theme.name}</span>
                  <span className="muted review-theme-totals">
                    {plural(theme.sources, "source")}, {plural(theme.passages, "passage")}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.sourceId} className={row.contributes ? undefined : "silent"}>
                <th scope="row">
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Open source ${row.title} in the coding view`}
                    onClick={() => openSource(row.sourceId)}
                  >
                    {row.title}
                  </button>
                  {!row.contributes && <span className="silent-note"> no theme</span>}
                </th>
                {data.themes.map((theme) => {
                  const count =
                    row.cells.find((cell) => cell.themeId === theme.id)?.passages.length ?? 0;
                  const isOpen = open?.sourceId === row.sourceId && open.themeId === theme.id;
                  return (
                    <td key={theme.id}>
                      <button
                        type="button"
                        className="review-cell"
                        style={{ ["--share" as string]: String(count / max) }}
                        aria-pressed={isOpen}
                        aria-label={`${row.title}, ${theme.name}: ${plural(count, "passage")}`}
                        disabled={count === 0}
                        onClick={() =>
                          setOpen(isOpen ? null : { sourceId: row.sourceId, themeId: theme.id })
                        }
                      >
                        {count}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {openRow && openCell && open && (
        <section className="review-passages" aria-labelledby="review-passages-heading">
          <h3 id="review-passages-heading">
            {themeName.get(open.themeId)} in {openRow.title}
          </h3>
          <ul>
            {openCell.passages.map((passage) => (
              <li key={passage.codingId}>
                <button
                  type="button"
                  className="review-passage"
                  aria-label={`Open the passage in ${openRow.title}: ${passage.text}`}
                  onClick={() =>
                    openSource(passage.sourceId, { start: passage.start, end: passage.end })
                  }
                >
                  “{passage.text}”
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.unassignedCodes.length > 0 && (
        <section className="unassigned" aria-labelledby="unassigned-heading">
          <h3 id="unassigned-heading">Codes in no theme ({data.unassignedCodes.length})</h3>
          <p className="muted">{data.unassignedCodes.map((code) => code.name).join(" · ")}</p>
        </section>
      )}
    </div>
  );
}
