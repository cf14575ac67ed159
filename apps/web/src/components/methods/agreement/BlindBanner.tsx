/**
 * The banner across the whole workbench while blind coding is on, so nobody mistakes their own
 * codings for the team's: who they code as, and a way to the Agreement view, where "Reveal" is.
 */
import { useBlind } from "../../../api/agreement.js";
import { setUi, useUi } from "../../../state/ui-store.js";
import "./agreement.css";
import { sinceText } from "./blind-text.js";

export function BlindBanner() {
  const projectKey = useUi((ui) => ui.projectKey);
  const coder = useUi((ui) => ui.coder);
  const view = useUi((ui) => ui.view);
  const blind = useBlind(projectKey);
  if (!blind.data?.on) return null;
  return (
    <section className="blind-banner" aria-label="Blind coding notice">
      <span className="blind-banner-mark" aria-hidden="true" />
      <p>
        <strong>Blind coding is on</strong>
        {sinceText(blind.data)}: you, {coder}, see only your own codings; other coders' stay hidden
        until they are revealed.
      </p>
      {view !== "agreement" && (
        <button
          type="button"
          className="small blind-banner-action"
          onClick={() => setUi({ view: "agreement" })}
        >
          Blind coding and reveal…
        </button>
      )}
    </section>
  );
}
