/**
 * The blind-coding switch in the Agreement view: start it (for every coder of the project), or end
 * it with "Reveal", which shows everyone's codings again and is logged with an optional reason.
 */
import { useId, useState } from "react";
import { useBlind, useSetBlind } from "../../../api/agreement.js";
import { BLIND_SCOPE, sinceText } from "./blind-text.js";

export function BlindControls({ projectKey }: { projectKey: string }) {
  const blind = useBlind(projectKey);
  const setBlind = useSetBlind(projectKey);
  const [rationale, setRationale] = useState("");
  const headingId = useId();
  const scopeId = useId();
  const on = blind.data?.on ?? false;
  const reveal = () =>
    setBlind.mutate(
      { mode: "reveal", ...(rationale.trim() ? { rationale: rationale.trim() } : {}) },
      { onSuccess: () => setRationale("") },
    );
  return (
    <section className="agreement-card blind-controls" aria-labelledby={headingId}>
      <h2 id={headingId}>Blind coding</h2>
      <div className="blind-row">
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-describedby={scopeId}
          className="blind-switch"
          disabled={!blind.data || setBlind.isPending}
          onClick={() => (on ? reveal() : setBlind.mutate({ mode: "on" }))}
        >
          <span className="blind-switch-track" aria-hidden="true">
            <span className="blind-switch-thumb" />
          </span>
          Blind coding
        </button>
        <span className="muted">
          {on
            ? `On${sinceText(blind.data ?? { on, since: null, revealedAt: null, revealedBy: null })}`
            : blind.data?.revealedAt
              ? `Off; last revealed by ${blind.data.revealedBy ?? "someone"}`
              : "Off"}
        </span>
      </div>
      <p id={scopeId} className="muted">
        {BLIND_SCOPE}
      </p>
      {on && (
        <div className="blind-reveal">
          <label className="inline-field">
            Reason for revealing (kept in the history)
            <input
              value={rationale}
              onChange={(event) => setRationale(event.target.value)}
              placeholder="e.g. both coders finished the first four interviews"
            />
          </label>
          <button type="button" className="primary" disabled={setBlind.isPending} onClick={reveal}>
            Reveal every coder's codings
          </button>
        </div>
      )}
      {setBlind.isError && <p role="alert">{setBlind.error.message}</p>}
    </section>
  );
}
