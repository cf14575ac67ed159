/**
 * Blind coding in the reading commands (`query`, `matrix`, `saturation`, `segments`, `words
 * --code`): while a project's blind mode is on, whoever the command acts as (`--coder`, else
 * `QUIRE_CODER`, else the login name) counts and retrieves only their own codings, as the workbench
 * shows them, until someone runs `quire blind STUDY reveal`.
 */
import { QuireError } from "@quire/core";
import { blindCoderFor, blindState } from "@quire/db";
import type { Session } from "../context.js";

/**
 * The coder whose codings a read may cover: `requested` (a `--by-coder`, or undefined for everyone)
 * when blind coding is off; the acting coder while it is on.
 * @throws QuireError `conflict` when, while blind, `requested` names a coder other than the one acting.
 */
export function visibleCoder(
  session: Pick<Session, "project" | "actor">,
  requested: string | undefined,
): string | undefined {
  const blind = blindCoderFor(session.project, session.actor);
  if (blind === null) return requested;
  if (requested !== undefined && requested !== blind)
    throw new QuireError(
      "conflict",
      `blind coding is on: ${blind} sees only their own codings, not ${requested}'s; reveal them first (quire blind STUDY reveal)`,
    );
  return blind;
}

/**
 * Agreement and disagreements compare every coder's codings, so while blind they would reveal them.
 * @throws QuireError `conflict` while blind coding is on.
 */
export function refuseWhileBlind(session: Pick<Session, "project">): void {
  if (blindState(session.project).on)
    throw new QuireError(
      "conflict",
      "blind coding is on, and agreement compares every coder's codings: reveal them first (quire blind STUDY reveal)",
    );
}
