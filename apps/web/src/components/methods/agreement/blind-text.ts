/** The words for blind coding, shared by the banner across the app and the switch in the view. */
import type { BlindState } from "../../../api/agreement.js";

export const BLIND_SCOPE =
  "Blind coding applies to every coder in this project: each sees only their own codings — in the " +
  "transcript, retrieval, search and analysis, here and in the quire command — until someone " +
  "reveals them. Exports and agreement wait for the reveal.";

/** "since 21 Nov 2026, 21:40", or "" when unknown. */
export function sinceText(state: BlindState): string {
  if (!state.since) return "";
  const date = new Date(state.since);
  return Number.isNaN(date.getTime())
    ? ""
    : ` since ${date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}`;
}
