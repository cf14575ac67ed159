/**
 * The Analysis tab: the project's coded data as pictures — code frequencies (optionally split by a
 * case attribute), codes by attribute with "only in group X" and its counter-cases, co-occurrence,
 * and saturation. One attribute choice drives both the split and the crosstab, so the two views
 * tell the same story. The panel widens while this tab is open (see `.side.wide`). In reflexive
 * thematic analysis saturation sits behind a warning (METHODS SAT-8): there, themes are made by
 * the researcher, so a count of new codes is no stopping rule.
 */
import { useState } from "react";
import {
  useAttributes,
  useCooccurrence,
  useCrosstab,
  useFrequencies,
  useProjects,
  useSaturation,
} from "../api/queries.js";
import type { CooccurrenceRule, CounterPassage } from "../api/types.js";
import { openSource, setUi, useUi } from "../state/ui-store.js";
import { CooccurrenceHeatmap } from "./charts/CooccurrenceHeatmap.js";
import { CrosstabTable } from "./charts/CrosstabTable.js";
import { FrequencyChart } from "./charts/FrequencyChart.js";
import { SaturationChart } from "./charts/SaturationChart.js";

export function AnalysisPanel() {
  const projectKey = useUi((ui) => ui.projectKey);
  const attributes = useAttributes(projectKey);
  const [attribute, setAttribute] = useState("");
  const [only, setOnly] = useState("");
  const [rule, setRule] = useState<CooccurrenceRule>("overlap");
  const [guest, setGuest] = useState({ base: 4, run: 2, threshold: 0.05 });
  const method = useProjects().data?.find((project) => project.key === projectKey)?.method;
  const [saturationShown, setSaturationShown] = useState(false);
  const saturationHidden = method === "reflexive_ta" && !saturationShown;
  const saturation = useSaturation(saturationHidden ? null : projectKey, guest);
  const frequencies = useFrequencies(projectKey, attribute);
  const crosstab = useCrosstab(projectKey, attribute, only);
  const cooccurrence = useCooccurrence(projectKey, rule);
  const codeNames = new Map(
    (frequencies.data?.codes ?? []).map((code) => [code.codeId, code.path]),
  );
  const openPassage = (passage: CounterPassage) => {
    openSource(passage.sourceId, { start: passage.start, end: passage.end });
    setUi({ selectedCodingId: passage.codingId });
  };
  const failed = [frequencies, crosstab, cooccurrence, saturation].find((query) => query.isError);

  return (
    <div className="analysis">
      <p className="muted analysis-note">
        Counts describe what was coded, not how often something happens.
      </p>
      {failed?.error && <p role="alert">{failed.error.message}</p>}
      <label className="inline-field">
        Split by attribute
        <select
          value={attribute}
          onChange={(event) => {
            setAttribute(event.target.value);
            setOnly("");
          }}
        >
          <option value="">No split</option>
          {(attributes.data ?? []).map((candidate) => (
            <option key={candidate.id} value={candidate.name}>
              {candidate.name}
            </option>
          ))}
        </select>
      </label>
      {frequencies.data && (
        <FrequencyChart
          codes={frequencies.data.codes}
          groups={frequencies.data.groups}
          attribute={frequencies.data.attribute}
        />
      )}
      {attribute && crosstab.data && (
        <CrosstabTable
          view={crosstab.data}
          onOpenPassage={openPassage}
          controls={
            <label className="inline-field">
              Only in group
              <select value={only} onChange={(event) => setOnly(event.target.value)}>
                <option value="">—</option>
                {crosstab.data.groups
                  .filter((group) => group.group !== null)
                  .map((group) => (
                    <option key={String(group.group)} value={group.group ?? ""}>
                      {group.group}
                    </option>
                  ))}
              </select>
            </label>
          }
        />
      )}
      {cooccurrence.data && (
        <CooccurrenceHeatmap
          view={cooccurrence.data}
          controls={
            <fieldset className="segmented">
              <legend className="visually-hidden">Count two codes together when</legend>
              <label>
                <input
                  type="radio"
                  name="cooccurrence-rule"
                  checked={rule === "overlap"}
                  onChange={() => setRule("overlap")}
                />
                <span>Passages overlap</span>
              </label>
              <label>
                <input
                  type="radio"
                  name="cooccurrence-rule"
                  checked={rule === "turn"}
                  onChange={() => setRule("turn")}
                />
                <span>Same turn</span>
              </label>
            </fieldset>
          }
        />
      )}
      {saturationHidden && (
        <section className="saturation-warning" aria-label="Saturation">
          <h3>Saturation</h3>
          <p className="muted">
            This project follows reflexive thematic analysis. There, themes are generated by the
            researcher rather than found in the data, so a count of new codes per interview is not a
            reason to stop collecting (Braun &amp; Clarke 2021). Information power is the better
            question.
          </p>
          <button type="button" className="small" onClick={() => setSaturationShown(true)}>
            Show the saturation curve anyway
          </button>
        </section>
      )}
      {!saturationHidden && saturation.data && (
        <SaturationChart
          view={saturation.data}
          codeNames={codeNames}
          controls={
            <div className="guest-options">
              <label>
                Base
                <input
                  type="number"
                  min={1}
                  value={guest.base}
                  onChange={(event) =>
                    setGuest({ ...guest, base: Math.max(1, Number(event.target.value) || 1) })
                  }
                />
              </label>
              <label>
                Run
                <input
                  type="number"
                  min={1}
                  value={guest.run}
                  onChange={(event) =>
                    setGuest({ ...guest, run: Math.max(1, Number(event.target.value) || 1) })
                  }
                />
              </label>
              <label>
                New ≤ %
                <input
                  type="number"
                  min={0}
                  max={100}
                  value={Math.round(guest.threshold * 100)}
                  onChange={(event) =>
                    setGuest({
                      ...guest,
                      threshold: Math.min(1, Math.max(0, Number(event.target.value) / 100 || 0)),
                    })
                  }
                />
              </label>
            </div>
          }
        />
      )}
    </div>
  );
}
