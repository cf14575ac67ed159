/**
 * A query's answer, as passages (each opens its source at the passage in the coding view), as
 * the sources they are in, or as the cases, with the counts of all three. The view is a radio
 * group; switching asks the server again, since only the passage view carries text.
 */
import { useId } from "react";
import type { QueryAnswer, QueryPassage, QueryView } from "../../../api/code-queries.js";
import { openSource, setUi } from "../../../state/ui-store.js";

export interface QueryResultsProps {
  answer: QueryAnswer;
  /** The query in words. */
  description: string;
  view: QueryView;
  onViewChange(view: QueryView): void;
  /** Asks for more passages; absent when all are shown. */
  onMore?: () => void;
  busy: boolean;
}

const VIEWS: { id: QueryView; label: string }[] = [
  { id: "segments", label: "Passages" },
  { id: "sources", label: "Sources" },
  { id: "cases", label: "Cases" },
];

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;
}

function attributesText(attributes: Record<string, unknown>): string {
  return Object.entries(attributes)
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join(", ");
}

export function QueryResults({
  answer,
  description,
  view,
  onViewChange,
  onMore,
  busy,
}: QueryResultsProps) {
  const name = useId();
  const headingId = useId();
  return (
    <section className="q-results" aria-labelledby={headingId} aria-busy={busy}>
      <header className="q-results-head">
        <h2 id={headingId}>Results</h2>
        <fieldset className="segmented">
          <legend className="visually-hidden">Show the results as</legend>
          {VIEWS.map((candidate) => (
            <label key={candidate.id}>
              <input
                type="radio"
                name={name}
                checked={view === candidate.id}
                onChange={() => onViewChange(candidate.id)}
              />
              <span>{candidate.label}</span>
            </label>
          ))}
        </fieldset>
      </header>
      <p className="q-description">{description}</p>
      <p className="result-count" role="status" data-testid="query-count">
        {plural(answer.total, "passage")} in {plural(answer.sources.length, "source")},{" "}
        {plural(answer.cases.length, "case")}
      </p>
      {answer.blindCoder && (
        <p className="q-note">
          Blind coding is on: these are {answer.blindCoder}’s codings only, until they are revealed.
        </p>
      )}
      {answer.total === 0 && <p className="empty-note">No passage matches this query.</p>}
      {view === "segments" && answer.view === "segments" && (
        <>
          <ol className="results" aria-label="Passages">
            {answer.segments.map((passage) => (
              <PassageItem key={passage.codingId} passage={passage} />
            ))}
          </ol>
          {onMore && (
            <button type="button" className="ghost" onClick={onMore}>
              Show more ({plural(answer.total - answer.segments.length, "passage")} left)
            </button>
          )}
        </>
      )}
      {view === "sources" && answer.sources.length > 0 && (
        <table className="data-table q-table">
          <caption className="visually-hidden">Sources with matching passages</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col" className="q-num">
                Passages
              </th>
            </tr>
          </thead>
          <tbody>
            {answer.sources.map((source) => (
              <tr key={source.sourceId}>
                <th scope="row">
                  <button
                    type="button"
                    className="q-link"
                    onClick={() => openSource(source.sourceId)}
                  >
                    {source.title}
                  </button>
                </th>
                <td className="q-num">{source.hits}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view === "cases" && answer.cases.length > 0 && (
        <table className="data-table q-table">
          <caption className="visually-hidden">Cases with matching passages</caption>
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Attributes</th>
              <th scope="col" className="q-num">
                Passages
              </th>
            </tr>
          </thead>
          <tbody>
            {answer.cases.map((item) => (
              <tr key={item.caseId}>
                <th scope="row">{item.name}</th>
                <td className="muted">{attributesText(item.attributes)}</td>
                <td className="q-num">{item.hits}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PassageItem({ passage }: { passage: QueryPassage }) {
  const where = [
    passage.caseName && passage.caseName !== passage.sourceTitle ? passage.caseName : null,
    `${passage.start}–${passage.end}`,
  ].filter(Boolean);
  const attributes = attributesText(passage.caseAttributes);
  return (
    <li className="result" style={{ ["--code" as string]: passage.codeColor }}>
      <button
        type="button"
        className="result-open"
        aria-label={`Open ${passage.sourceTitle} at “${passage.text.slice(0, 80)}”`}
        onClick={() => {
          openSource(passage.sourceId, { start: passage.start, end: passage.end });
          setUi({ selectedCodingId: passage.codingId });
        }}
      >
        <span className="result-source">
          {passage.sourceTitle}
          <span className="muted"> · {where.join(" · ")}</span>
        </span>
        <span className="kwic">
          <span className="muted">…{passage.before}</span>
          <mark>{passage.text}</mark>
          <span className="muted">{passage.after}…</span>
        </span>
      </button>
      <p className="result-meta">
        <span>{passage.codePath}</span>
        <span> · coded by {passage.coder}</span>
        {attributes && <span> · {attributes}</span>}
      </p>
    </li>
  );
}
