/**
 * The anchor model: where a coding sits in a revision's text. Offsets come first; the quote and its
 * surroundings are kept alongside so that the coding can be found again when the text changes.
 */
import type { RevisionId } from "./ids.js";

/**
 * `anchored`: offsets as made. `remapped`: moved through an edit's change set. `fuzzy`: found again by
 * quote after the text was replaced, with `score` < 1. `orphaned`: its words are gone; awaits a person.
 */
export const ANCHOR_STATUSES = ["anchored", "remapped", "fuzzy", "orphaned"] as const;
export type AnchorStatus = (typeof ANCHOR_STATUSES)[number];

/** How many characters of context are stored on each side of a quote. */
export const CONTEXT_LENGTH = 32;

export interface TextQuote {
  /** The coded text itself. */
  exact: string;
  /** Up to `CONTEXT_LENGTH` characters before and after it. */
  prefix: string;
  suffix: string;
}

export interface Anchor extends TextQuote {
  revisionId: RevisionId;
  /** UTF-16 code unit offsets into the revision's canonical text; `start < end` unless orphaned. */
  start: number;
  end: number;
  status: AnchorStatus;
  /** 1 for exact anchors; the quote-match score (0–1) for fuzzy ones; 0 for orphans. */
  score: number;
}

/**
 * Describes the range `[start, end)` of `text` as a quote with context.
 * @throws RangeError when the range is empty, reversed or outside the text.
 */
export function describeRange(text: string, start: number, end: number): TextQuote {
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end > text.length ||
    start >= end
  )
    throw new RangeError(`range ${start}:${end} is not inside a text of length ${text.length}`);
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
  };
}

/** A fresh anchor for a range the user has just selected. */
export function anchorRange(
  revisionId: RevisionId,
  text: string,
  start: number,
  end: number,
): Anchor {
  return {
    revisionId,
    start,
    end,
    ...describeRange(text, start, end),
    status: "anchored",
    score: 1,
  };
}
