/**
 * Re-anchoring: puts a coding back on its words when a source's text was replaced from outside (a
 * re-imported DOCX or transcript) and no change set says what moved. The cheapest evidence is tried
 * first and each step is checked against the stored quote: old offsets, then the quote itself.
 */
import { type Anchor, describeRange } from "./anchor.js";
import { QuireError } from "./control.js";
import type { RevisionId } from "./ids.js";
import { matchQuote } from "./match-quote.js";

export interface ReanchorOptions {
  /**
   * The lowest quote-match score accepted as a `fuzzy` anchor; below it the coding is orphaned.
   * Default 0.75: an unchanged context with up to a quarter of the quote retyped still passes, while
   * a near-identical quote whose surroundings are all new does not. Lower values re-attach more
   * codings on their own but risk putting one on the wrong words, which nobody notices; higher
   * values send more codings to a person, which is slower but visible.
   */
  minScore?: number;
}

/** See {@link ReanchorOptions.minScore}. */
export const DEFAULT_MIN_SCORE = 0.75;

/**
 * Finds an anchor again in a replaced text:
 * 1. the old offsets, accepted only when the text there still equals the quote (`anchored`, score
 *    1; a `fuzzy` anchor keeps its status and score until a person confirms it);
 * 2. else the quote searched near the old start: an exact occurrence is `remapped` with score 1, an
 *    approximate one scoring at least `minScore` is `fuzzy` with that score;
 * 3. else `orphaned` with score 0, keeping the old quote, at the old start (clamped to the text).
 * Orphans are given back, never dropped; an orphan is tried again like any other anchor.
 * @throws QuireError `invalid_input` when `minScore` is outside 0–1.
 */
export function reanchor(
  anchor: Anchor,
  newText: string,
  newRevisionId: RevisionId,
  options: ReanchorOptions = {},
): Anchor {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  if (!(minScore >= 0 && minScore <= 1))
    throw new QuireError("invalid_input", `minScore ${minScore} is not between 0 and 1`);
  if (offsetsStillHold(anchor, newText)) {
    const keepsStatus = anchor.status === "fuzzy";
    return {
      ...anchor,
      revisionId: newRevisionId,
      ...describeRange(newText, anchor.start, anchor.end),
      status: keepsStatus ? anchor.status : "anchored",
      score: keepsStatus ? anchor.score : 1,
    };
  }
  const match = matchQuote(newText, anchor, { hint: anchor.start });
  if (match !== null) {
    const quote = describeRange(newText, match.start, match.end);
    if (quote.exact === anchor.exact)
      return { revisionId: newRevisionId, ...match, ...quote, status: "remapped", score: 1 };
    if (match.score >= minScore)
      return { revisionId: newRevisionId, ...match, ...quote, status: "fuzzy" };
  }
  const position = Math.min(Math.max(0, anchor.start), newText.length);
  return {
    ...anchor,
    revisionId: newRevisionId,
    start: position,
    end: position,
    status: "orphaned",
    score: 0,
  };
}

function offsetsStillHold(anchor: Anchor, text: string): boolean {
  return (
    anchor.exact !== "" &&
    anchor.start >= 0 &&
    anchor.start < anchor.end &&
    anchor.end <= text.length &&
    text.slice(anchor.start, anchor.end) === anchor.exact
  );
}
