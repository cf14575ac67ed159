/**
 * The figures of one comparison: overall (each measure with its band and the parts it rests on —
 * observed and expected disagreement, units, coders), then a table per code and a table per source.
 * Undefined values say why in words; a code's row opens the side-by-side view of where coders
 * differ on it.
 */
import { useId, useState } from "react";
import type { AgreementReport, Measure, MeasureValues } from "../../../api/agreement.js";
import { MEASURE_NAMES, MEASURE_SHORT, partsOf, readValue } from "./measures.js";

function ValueCell({ measure, values }: { measure: Measure; values: MeasureValues }) {
  const reading = readValue(measure, values[measure]);
  return (
    <td className={`agreement-cell tone-${reading.tone}`}>
      <span className="agreement-figure">{reading.figure}</span>
      <span className="agreement-band">{reading.short}</span>
    </td>
  );
}

/** True when no coder applied the code at all: every value undefined for lack of variation. */
function nobodyApplied(values: MeasureValues): boolean {
  return Object.values(values).every(
    (value) => value?.value === null && value.undefinedReason === "no-variation",
  );
}

export function AgreementFigures({
  report,
  codeNames,
  sourceNames,
  onOpenCode,
}: {
  report: AgreementReport;
  codeNames: Map<string, string>;
  sourceNames: Map<string, string>;
  onOpenCode: (codeId: string) => void;
}) {
  const id = useId();
  const [showUnused, setShowUnused] = useState(false);
  const unused = report.byCode.filter((row) => nobodyApplied(row.values));
  const codeRows = showUnused
    ? report.byCode
    : report.byCode.filter((row) => !unused.includes(row));
  const characters = report.bySource.reduce((sum, source) => sum + source.length, 0);
  return (
    <>
      <section className="agreement-card" aria-labelledby={`${id}-overall`}>
        <h2 id={`${id}-overall`}>Overall</h2>
        <p className="muted">
          {report.coders.join(" and ")} over {report.bySource.length} source
          {report.bySource.length === 1 ? "" : "s"} ({characters.toLocaleString("en-GB")}{" "}
          characters) and {report.byCode.length} code{report.byCode.length === 1 ? "" : "s"}. Every
          character is a unit for every code: coded or not by each coder.
        </p>
        <ul className="agreement-overall">
          {report.measures.map((measure) => {
            const reading = readValue(measure, report.overall[measure]);
            return (
              <li key={measure} className={`agreement-measure tone-${reading.tone}`}>
                <span className="agreement-measure-name">{MEASURE_NAMES[measure]}</span>
                <span className="agreement-measure-value">{reading.figure}</span>
                <span className="agreement-measure-band">{reading.words}</span>
                <span className="agreement-measure-parts">
                  {partsOf(measure, report.overall[measure])}
                </span>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="agreement-card" aria-labelledby={`${id}-codes`}>
        <div className="agreement-card-head">
          <h2 id={`${id}-codes`}>By code</h2>
          {unused.length > 0 && (
            <label className="agreement-choice">
              <input
                type="checkbox"
                checked={showUnused}
                onChange={(event) => setShowUnused(event.target.checked)}
              />
              Show the {unused.length} code{unused.length === 1 ? "" : "s"} no coder applied
            </label>
          )}
        </div>
        {codeRows.length === 0 ? (
          <p className="muted">None of these coders applied any of the chosen codes.</p>
        ) : (
          <div className="agreement-table-wrap">
            <table className="agreement-table">
              <caption className="visually-hidden">Agreement by code</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  {report.measures.map((measure) => (
                    <th key={measure} scope="col" title={MEASURE_NAMES[measure]}>
                      {MEASURE_SHORT[measure]}
                    </th>
                  ))}
                  <th scope="col">
                    <span className="visually-hidden">Where they differ</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {codeRows.map((row) => {
                  const name = codeNames.get(row.codeId) ?? row.codeId;
                  return (
                    <tr key={row.codeId}>
                      <th scope="row">{name}</th>
                      {report.measures.map((measure) => (
                        <ValueCell key={measure} measure={measure} values={row.values} />
                      ))}
                      <td>
                        <button
                          type="button"
                          className="small"
                          aria-label={`Side by side: ${name}`}
                          onClick={() => onOpenCode(row.codeId)}
                        >
                          Side by side
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="agreement-card" aria-labelledby={`${id}-sources`}>
        <h2 id={`${id}-sources`}>By source</h2>
        <div className="agreement-table-wrap">
          <table className="agreement-table">
            <caption className="visually-hidden">Agreement by source</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Characters</th>
                {report.measures.map((measure) => (
                  <th key={measure} scope="col" title={MEASURE_NAMES[measure]}>
                    {MEASURE_SHORT[measure]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.bySource.map((row) => (
                <tr key={row.sourceId}>
                  <th scope="row">{sourceNames.get(row.sourceId) ?? row.sourceId}</th>
                  <td className="agreement-number">{row.length.toLocaleString("en-GB")}</td>
                  {report.measures.map((measure) => (
                    <ValueCell key={measure} measure={measure} values={row.values} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
