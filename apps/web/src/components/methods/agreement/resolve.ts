/**
 * Resolving one disagreement (a stretch some coders coded and others did not) as a list of plain
 * coding operations for the codings API, worked out before anything is sent:
 * - adopt: the acting coder codes the stretch too (only someone who left it uncoded can adopt);
 * - drop: the codings that cover the stretch are trimmed off it, each keeping its coder. A coding
 *   that runs past both ends of the stretch must be split; the second half would be created as the
 *   acting coder, so that is offered only on the acting coder's own codings.
 */
import type { Disagreement } from "../../../api/agreement.js";

export interface CodingSpan {
  id: string;
  codeId: string;
  coder: string;
  start: number;
  end: number;
}

export type CodingOperation =
  | { op: "create"; start: number; end: number }
  | { op: "resize"; id: string; start: number; end: number }
  | { op: "delete"; id: string };

/** The operations, or why this resolution is not possible for the acting coder. */
export type Plan = { ok: true; operations: CodingOperation[] } | { ok: false; reason: string };

/** The acting coder codes the stretch as the coders in `codedBy` did. */
export function planAdopt(stretch: Disagreement, me: string): Plan {
  if (!stretch.notCodedBy.includes(me))
    return {
      ok: false,
      reason: stretch.codedBy.includes(me)
        ? `${me} already coded this stretch`
        : `only ${stretch.notCodedBy.join(" or ")} can adopt this coding: change "Coding as" in the status bar`,
    };
  return { ok: true, operations: [{ op: "create", start: stretch.start, end: stretch.end }] };
}

/** Trims every coding of `codeId` by the coders in `codedBy` off the stretch. */
export function planDrop(
  stretch: Disagreement,
  codeId: string,
  codings: readonly CodingSpan[],
  me: string,
): Plan {
  const operations: CodingOperation[] = [];
  const covering = codings.filter(
    (k) =>
      k.codeId === codeId &&
      stretch.codedBy.includes(k.coder) &&
      k.start < stretch.end &&
      k.end > stretch.start,
  );
  if (covering.length === 0) return { ok: false, reason: "the coding here has already changed" };
  for (const k of covering) {
    const before = k.start < stretch.start;
    const after = k.end > stretch.end;
    if (before && after) {
      if (k.coder !== me)
        return {
          ok: false,
          reason: `${k.coder}'s coding runs on both sides of this stretch; code as ${k.coder} to split it`,
        };
      operations.push({ op: "resize", id: k.id, start: k.start, end: stretch.start });
      operations.push({ op: "create", start: stretch.end, end: k.end });
    } else if (before)
      operations.push({ op: "resize", id: k.id, start: k.start, end: stretch.start });
    else if (after) operations.push({ op: "resize", id: k.id, start: stretch.end, end: k.end });
    else operations.push({ op: "delete", id: k.id });
  }
  return { ok: true, operations };
}
