/**
 * What to compare: the coders (those who have coded), the sources and codes (all, or picked), and
 * the measures. Cohen's κ and Scott's π compare exactly two coders, so they are offered only then.
 */
import { useId, useState } from "react";
import {
  type AgreementRequest,
  type Measure,
  useCoders,
  useSourceChoices,
} from "../../../api/agreement.js";
import { useCodes } from "../../../api/queries.js";
import { MEASURE_HELP, MEASURE_NAMES, measuresFor, TWO_CODER_MEASURES } from "./measures.js";

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

export function ComparisonForm({
  projectKey,
  initial,
  busy,
  onCompare,
}: {
  projectKey: string;
  /** The comparison shown, whose choices the form starts from. */
  initial: AgreementRequest | null;
  busy: boolean;
  onCompare: (request: AgreementRequest) => void;
}) {
  const coders = useCoders(projectKey);
  const sources = useSourceChoices(projectKey);
  const codes = useCodes(projectKey);
  const [picked, setPicked] = useState<string[]>(initial?.coders ?? []);
  const [allSources, setAllSources] = useState(!initial?.sourceIds);
  const [sourceIds, setSourceIds] = useState<string[]>(initial?.sourceIds ?? []);
  const [allCodes, setAllCodes] = useState(!initial?.codeIds);
  const [codeIds, setCodeIds] = useState<string[]>(initial?.codeIds ?? []);
  const [unwanted, setUnwanted] = useState<Measure[]>(() =>
    initial?.measures
      ? measuresFor(initial.coders.length).filter((m) => !initial.measures?.includes(m))
      : [],
  );
  const id = useId();
  const available = measuresFor(Math.max(picked.length, 2));
  const measures = available.filter((m) => !unwanted.includes(m));
  const problem =
    picked.length < 2
      ? "Choose at least two coders."
      : !allSources && sourceIds.length === 0
        ? "Choose at least one source, or all sources."
        : !allCodes && codeIds.length === 0
          ? "Choose at least one code, or all codes."
          : measures.length === 0
            ? "Choose at least one measure."
            : null;
  // Keep the order the coders are listed in, so a report reads the same however they were ticked.
  const orderedCoders = (coders.data ?? []).filter((name) => picked.includes(name));

  return (
    <form
      className="agreement-card agreement-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(event) => {
        event.preventDefault();
        if (problem) return;
        onCompare({
          coders: orderedCoders,
          measures,
          ...(allSources ? {} : { sourceIds }),
          ...(allCodes ? {} : { codeIds }),
        });
      }}
    >
      <h2 id={`${id}-h`}>Compare coders</h2>
      <div className="agreement-form-grid">
        <fieldset>
          <legend>Coders</legend>
          {coders.isError && <p role="alert">{coders.error.message}</p>}
          {coders.data?.length === 0 && <p className="muted">Nobody has coded yet.</p>}
          {coders.data?.length === 1 && (
            <p className="muted">
              Only {coders.data[0]} has coded so far: a second coder codes under their own name
              ("Coding as" in the status bar).
            </p>
          )}
          {(coders.data ?? []).map((name) => (
            <label key={name} className="agreement-choice">
              <input
                type="checkbox"
                checked={picked.includes(name)}
                onChange={(event) => setPicked(toggle(picked, name, event.target.checked))}
              />
              {name}
            </label>
          ))}
        </fieldset>

        <fieldset>
          <legend>Sources</legend>
          <label className="agreement-choice">
            <input
              type="radio"
              name={`${id}-sources`}
              checked={allSources}
              onChange={() => setAllSources(true)}
            />
            All sources
          </label>
          <label className="agreement-choice">
            <input
              type="radio"
              name={`${id}-sources`}
              checked={!allSources}
              onChange={() => setAllSources(false)}
            />
            Chosen sources{!allSources && ` (${sourceIds.length})`}
          </label>
          {!allSources && (
            <fieldset className="agreement-picklist">
              <legend className="visually-hidden">Chosen sources</legend>
              {(sources.data ?? []).map((source) => (
                <label key={source.id} className="agreement-choice">
                  <input
                    type="checkbox"
                    checked={sourceIds.includes(source.id)}
                    onChange={(event) =>
                      setSourceIds(toggle(sourceIds, source.id, event.target.checked))
                    }
                  />
                  {source.title}
                </label>
              ))}
            </fieldset>
          )}
        </fieldset>

        <fieldset>
          <legend>Codes</legend>
          <label className="agreement-choice">
            <input
              type="radio"
              name={`${id}-codes`}
              checked={allCodes}
              onChange={() => setAllCodes(true)}
            />
            All codes
          </label>
          <label className="agreement-choice">
            <input
              type="radio"
              name={`${id}-codes`}
              checked={!allCodes}
              onChange={() => setAllCodes(false)}
            />
            Chosen codes{!allCodes && ` (${codeIds.length})`}
          </label>
          {!allCodes && (
            <fieldset className="agreement-picklist">
              <legend className="visually-hidden">Chosen codes</legend>
              {(codes.data ?? []).map((code) => (
                <label key={code.id} className="agreement-choice">
                  <input
                    type="checkbox"
                    checked={codeIds.includes(code.id)}
                    onChange={(event) => setCodeIds(toggle(codeIds, code.id, event.target.checked))}
                  />
                  {code.path}
                </label>
              ))}
            </fieldset>
          )}
        </fieldset>

        <fieldset>
          <legend>Measures</legend>
          {available.map((measure) => (
            <label key={measure} className="agreement-choice" title={MEASURE_HELP[measure]}>
              <input
                type="checkbox"
                checked={!unwanted.includes(measure)}
                onChange={(event) => setUnwanted(toggle(unwanted, measure, !event.target.checked))}
              />
              {MEASURE_NAMES[measure]}
              <span className="visually-hidden">: {MEASURE_HELP[measure]}</span>
            </label>
          ))}
          {picked.length > 2 && (
            <p className="muted">
              {TWO_CODER_MEASURES.map((m) => MEASURE_NAMES[m]).join(" and ")} compare exactly two
              coders; Fleiss' κ and α take any number.
            </p>
          )}
        </fieldset>
      </div>
      <div className="agreement-form-actions">
        <button type="submit" className="primary" disabled={busy || problem !== null}>
          Compare
        </button>
        <span className="muted" aria-live="polite">
          {problem ?? `${orderedCoders.join(" and ")}; each character judged, code by code`}
        </span>
      </div>
    </form>
  );
}
