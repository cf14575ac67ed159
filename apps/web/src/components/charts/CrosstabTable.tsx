/**
 * Code × attribute as a table whose cells carry a bar: the share of the group's cases with the
 * code (n/N), with the passages beside it. A table, because researchers quote these numbers; the
 * bars let the eye find the pattern first. "Only in group X" lists the codes X's cases have, the
 * exclusive ones first, and for the rest the counter-cases that contradict the claim, each passage
 * a button that opens it in the transcript.
 */
import type { ReactNode } from "react";
import type { CounterPassage, CrosstabView, OnlyInGroupCode } from "../../api/types.js";
import { CodeSwatch } from "../CodeSwatch.js";
import { ChartFrame } from "./ChartFrame.js";
import { groupLabel, percent, plural } from "./scales.js";

export interface CrosstabTableProps {
  view: CrosstabView;
  controls?: ReactNode;
  /** Opens a counter-case's passage in the transcript. */
  onOpenPassage?: (passage: CounterPassage) => void;
}

export function CrosstabTable({ view, controls, onOpenPassage }: CrosstabTableProps) {
  const sizes = view.groups.map((g) => `${groupLabel(g.group)} ${g.cases}`).join(", ");
  const summary =
    view.rows.length === 0
      ? `No coded passage is in a case with ${view.attribute}.`
      : `${plural(view.rows.length, "code")} across ${plural(view.groups.length, "group")} of ${view.attribute} (cases: ${sizes}). Each cell: cases with the code of the group's cases, and passages.`;
  return (
    <ChartFrame title={`Codes by ${view.attribute}`} summary={summary} controls={controls}>
      {view.rows.length > 0 && (
        <div className="crosstab-scroll">
          <table className="data-table crosstab">
            <thead>
              <tr>
                <th scope="col">Code</th>
                {view.groups.map((group) => (
                  <th
                    scope="col"
                    key={String(group.group)}
                    className={group.group === view.only?.group ? "chosen" : undefined}
                  >
                    {groupLabel(group.group)} <span className="muted">N={group.cases}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr key={row.codeId}>
                  <th scope="row">
                    <CodeSwatch color={row.color} />
                    {row.path}
                  </th>
                  {row.cells.map((cell) => (
                    <td key={String(cell.group)} className="bar-cell">
                      <span
                        className="cell-bar"
                        style={{ width: `${(cell.share ?? 0) * 100}%`, background: row.color }}
                        aria-hidden="true"
                      />
                      <span className="cell-text">
                        {cell.cases}/{cell.of}
                        <span className="muted">
                          {" "}
                          {percent(cell.share)} · {plural(cell.segments, "passage")}
                        </span>
                      </span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.only && (
        <OnlyInGroup
          attribute={view.attribute}
          group={view.only.group}
          codes={view.only.codes}
          onOpenPassage={onOpenPassage}
        />
      )}
    </ChartFrame>
  );
}

function OnlyInGroup({
  attribute,
  group,
  codes,
  onOpenPassage,
}: {
  attribute: string;
  group: string;
  codes: readonly OnlyInGroupCode[];
  onOpenPassage?: ((passage: CounterPassage) => void) | undefined;
}) {
  const exclusive = codes.filter((code) => code.onlyHere);
  const shared = codes.filter((code) => !code.onlyHere);
  return (
    <section className="only-in" aria-label={`Only in ${attribute} ${group}`}>
      <h4>
        Only in {group}{" "}
        <span className="muted">({plural(exclusive.length, "code")} no other case has)</span>
      </h4>
      {exclusive.length === 0 ? (
        <p className="muted">Every code of {group}'s cases also occurs in another group.</p>
      ) : (
        <ul className="only-list">
          {exclusive.map((code) => (
            <li key={code.codeId}>
              <CodeSwatch color={code.color} />
              {code.path}{" "}
              <span className="muted">
                {code.inGroup.cases} of {code.inGroup.of} {group} cases, none elsewhere
              </span>
            </li>
          ))}
        </ul>
      )}
      {shared.length > 0 && (
        <>
          <h4>Also elsewhere: the counter-cases</h4>
          <ul className="counter-list">
            {shared.map((code) => (
              <li key={code.codeId}>
                <p>
                  <CodeSwatch color={code.color} />
                  <strong>{code.path}</strong>{" "}
                  <span className="muted">
                    {code.inGroup.cases}/{code.inGroup.of} in {group}, {code.elsewhere.cases}/
                    {code.elsewhere.of} elsewhere
                  </span>
                </p>
                <ul>
                  {code.counterCases.map((counter) => (
                    <li key={counter.caseId} className="counter-case">
                      <span className="counter-name">
                        {counter.caseName}{" "}
                        <span className="muted">
                          ({groupLabel(counter.group)}, {plural(counter.segments, "passage")})
                        </span>
                      </span>
                      {counter.passages.map((passage) => (
                        <button
                          key={passage.codingId}
                          type="button"
                          className="counter-passage"
                          style={{ ["--code" as string]: code.color }}
                          aria-label={`Open ${counter.caseName}'s passage in ${passage.sourceTitle}: ${passage.text}`}
                          onClick={() => onOpenPassage?.(passage)}
                        >
                          “{passage.text}”
                        </button>
                      ))}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
