/**
 * Braun & Clarke's six phases with the current one marked: move forward or back to any phase with
 * a reason (RTA-1: returning to an earlier phase is normal, and every move is logged), and read the
 * log of moves.
 */
import { RTA_PHASES } from "@quire/core";
import { useState } from "react";
import { setPhase, usePhase, useThemesMutation } from "../../../api/themes.js";

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

const phaseName = (phase: number | null) =>
  phase === null ? "not started" : `${phase}. ${RTA_PHASES[phase - 1]?.name ?? "?"}`;

export function PhaseTracker({ projectKey }: { projectKey: string }) {
  const phase = usePhase(projectKey);
  const current = phase.data?.phase ?? null;
  const log = phase.data?.log ?? [];
  const visited = new Set(log.map((entry) => entry.phase));
  const [target, setTarget] = useState("");
  const [rationale, setRationale] = useState("");
  const move = useThemesMutation(projectKey, (key, vars: { phase: number; rationale: string }) =>
    setPhase(key, vars.phase, vars.rationale),
  );
  const targetNumber = Number(target);

  return (
    <section className="phase-tracker" aria-labelledby="phase-heading">
      <h2 id="phase-heading">
        Phase: <span className="phase-current">{phaseName(current)}</span>
      </h2>
      <ol className="phase-steps">
        {RTA_PHASES.map((step) => (
          <li
            key={step.number}
            className={
              step.number === current ? "current" : visited.has(step.number) ? "visited" : undefined
            }
            aria-current={step.number === current ? "step" : undefined}
          >
            <span className="phase-number" aria-hidden="true">
              {step.number}
            </span>
            <span className="phase-name">
              <span className="visually-hidden">Phase {step.number}: </span>
              {step.name}
            </span>
          </li>
        ))}
      </ol>
      <form
        className="phase-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!targetNumber || rationale.trim() === "") return;
          move.mutate(
            { phase: targetNumber, rationale: rationale.trim() },
            {
              onSuccess: () => {
                setTarget("");
                setRationale("");
              },
            },
          );
        }}
      >
        <label>
          Move to phase
          <select value={target} onChange={(event) => setTarget(event.target.value)}>
            <option value="">Choose…</option>
            {RTA_PHASES.map((step) => (
              <option key={step.number} value={step.number} disabled={step.number === current}>
                {step.number}. {step.name}
                {current !== null && step.number < current ? " (revisit)" : ""}
              </option>
            ))}
          </select>
        </label>
        <label className="phase-rationale">
          Why
          <input
            value={rationale}
            onChange={(event) => setRationale(event.target.value)}
            placeholder="e.g. coding done across all transcripts"
          />
        </label>
        <button type="submit" disabled={move.isPending || !targetNumber || rationale.trim() === ""}>
          Move
        </button>
      </form>
      {move.isError && (
        <p role="alert" className="themes-error">
          {move.error.message}
        </p>
      )}
      {phase.isError && <p role="alert">{phase.error.message}</p>}
      <div className="phase-log">
        <h3>Phase log ({log.length})</h3>
        {log.length === 0 ? (
          <p className="muted">No moves yet.</p>
        ) : (
          <ol aria-label="Phase log">
            {[...log].reverse().map((entry) => (
              <li key={entry.id}>
                <time dateTime={entry.at}>{when(entry.at)}</time> — {entry.actor}:{" "}
                {entry.previousPhase === null
                  ? "started in"
                  : entry.phase < entry.previousPhase
                    ? `went back from ${entry.previousPhase} to`
                    : `moved from ${entry.previousPhase} to`}{" "}
                <strong>{phaseName(entry.phase)}</strong>. <q>{entry.rationale}</q>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
