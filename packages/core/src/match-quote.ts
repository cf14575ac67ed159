/**
 * Quote matching: finds where a stored quote now sits in a text that was replaced from outside (a
 * re-imported transcript), tolerating small differences. Exact occurrences are tried first, then a
 * bounded edit-distance search; candidates are ranked by how well the quote, its context on both
 * sides and its closeness to the old position agree.
 */
import search from "approx-string-match";
import type { TextQuote } from "./anchor.js";
import { QuireError } from "./control.js";

/** Where a quote was found and how well it matched (0–1, 1 for identical quote and context). */
export interface QuoteMatch {
  start: number;
  end: number;
  score: number;
}

export interface MatchQuoteOptions {
  /** Where the quote is expected (usually its old start); nearer candidates win ties. */
  hint?: number;
  /**
   * Errors (inserted, deleted or changed UTF-16 units) allowed per unit of quote length in the
   * approximate search. Default 0.25; must be between 0 and 1.
   */
  maxErrorRatio?: number;
}

/**
 * Weights of the parts of a candidate's score. The quote dominates; context on either side breaks
 * ties between repeated phrases ("I don't know"); the position only separates otherwise equal
 * candidates, so a quote that moved far keeps its full score.
 */
const WEIGHT = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const TOTAL_WEIGHT = WEIGHT.quote + WEIGHT.prefix + WEIGHT.suffix + WEIGHT.position;

/** A quarter of the quote may differ: survives retyped words and punctuation, not a rewrite. */
export const DEFAULT_MAX_ERROR_RATIO = 0.25;

/**
 * Cap on errors in a search over the whole text. The search costs about errors/32 passes over the
 * text, so this keeps a 600,000-character text to a handful of passes whatever the quote length.
 */
const MAX_TEXT_SEARCH_ERRORS = 128;

/** Cap on errors when checking a candidate span against a long quote (the span is short). */
const MAX_SPAN_CHECK_ERRORS = 1024;

/**
 * Quotes longer than this are found by their head and tail segments, then checked as a whole: a
 * long pattern over a long text would otherwise cost (quote length / 32) passes in the worst case.
 */
const LONG_QUOTE = 256;
const SEGMENT_LENGTH = 64;

/** Candidates scored with full context similarity; the rest are ranked by a cheap estimate. */
const SHORTLIST_SIZE = 64;

/** Pairs of head and tail matches checked for a long quote. */
const MAX_SEGMENT_PAIRS = 32;

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * Finds the best place for `quote` in `text`. Returns null when the quote is empty or nothing is
 * within the allowed errors. An exact occurrence always beats an approximate one.
 * @throws QuireError `invalid_input` when `maxErrorRatio` is outside 0–1 or `hint` is not a number.
 */
export function matchQuote(
  text: string,
  quote: TextQuote,
  options: MatchQuoteOptions = {},
): QuoteMatch | null {
  const ratio = options.maxErrorRatio ?? DEFAULT_MAX_ERROR_RATIO;
  if (!(ratio >= 0 && ratio <= 1))
    throw new QuireError("invalid_input", `maxErrorRatio ${ratio} is not between 0 and 1`);
  if (options.hint !== undefined && !Number.isFinite(options.hint))
    throw new QuireError("invalid_input", `hint ${options.hint} is not a number`);
  const pattern = quote.exact;
  if (pattern === "" || text === "") return null;
  let candidates = exactCandidates(text, pattern);
  if (candidates.length === 0)
    candidates =
      pattern.length > LONG_QUOTE
        ? longQuoteCandidates(text, pattern, ratio, options.hint)
        : approximateCandidates(text, pattern, maxTextSearchErrors(pattern.length, ratio));
  return bestCandidate(text, quote, candidates, options.hint);
}

function maxTextSearchErrors(length: number, ratio: number): number {
  return Math.min(MAX_TEXT_SEARCH_ERRORS, Math.floor(length * ratio));
}

function exactCandidates(text: string, pattern: string): Candidate[] {
  const found: Candidate[] = [];
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1))
    found.push({ start: at, end: at + pattern.length, errors: 0 });
  return found;
}

function approximateCandidates(text: string, pattern: string, maxErrors: number): Candidate[] {
  if (maxErrors <= 0) return [];
  return search(text, pattern, maxErrors).filter((match) => match.end > match.start);
}

/** Any occurrence, exact or else approximate, of one segment of a long quote. */
function segmentCandidates(text: string, segment: string, ratio: number): Candidate[] {
  const exact = exactCandidates(text, segment);
  return exact.length > 0
    ? exact
    : approximateCandidates(text, segment, Math.floor(segment.length * ratio));
}

/**
 * Long quotes: find the head and the tail, pair a head with a tail that ends about a quote's length
 * later, and check the whole span against the quote. A quote whose head or tail was rewritten
 * beyond the error ratio is not found this way.
 */
function longQuoteCandidates(
  text: string,
  pattern: string,
  ratio: number,
  hint: number | undefined,
): Candidate[] {
  const slack = Math.floor(pattern.length * ratio);
  const heads = segmentCandidates(text, pattern.slice(0, SEGMENT_LENGTH), ratio);
  const tails = segmentCandidates(text, pattern.slice(-SEGMENT_LENGTH), ratio);
  const pairs: Candidate[] = [];
  for (const head of heads)
    for (const tail of tails) {
      const length = tail.end - head.start;
      if (tail.start >= head.start && Math.abs(length - pattern.length) <= slack)
        pairs.push({ start: head.start, end: tail.end, errors: 0 });
    }
  const reference = hint ?? 0;
  pairs.sort((a, b) => Math.abs(a.start - reference) - Math.abs(b.start - reference));
  const maxErrors = Math.min(MAX_SPAN_CHECK_ERRORS, slack);
  return pairs
    .slice(0, MAX_SEGMENT_PAIRS)
    .flatMap((pair) => checkSpan(text, pattern, pair, maxErrors));
}

/** The best approximate match of the whole quote inside a candidate span, if close enough. */
function checkSpan(text: string, pattern: string, span: Candidate, maxErrors: number): Candidate[] {
  const matches = search(text.slice(span.start, span.end), pattern, maxErrors);
  const best = matches.reduce<Candidate | undefined>(
    (kept, match) => (kept === undefined || match.errors < kept.errors ? match : kept),
    undefined,
  );
  if (best === undefined || best.end <= best.start) return [];
  return [{ start: span.start + best.start, end: span.start + best.end, errors: best.errors }];
}

function bestCandidate(
  text: string,
  quote: TextQuote,
  candidates: readonly Candidate[],
  hint: number | undefined,
): QuoteMatch | null {
  const scoring = { text, quote, hint };
  const shortlist =
    candidates.length <= SHORTLIST_SIZE
      ? candidates
      : [...candidates]
          .map((candidate) => ({ candidate, estimate: scoreCandidate(scoring, candidate, true) }))
          .sort((a, b) => b.estimate - a.estimate || tieBreak(a.candidate, b.candidate, hint))
          .slice(0, SHORTLIST_SIZE)
          .map(({ candidate }) => candidate);
  let best: QuoteMatch | null = null;
  for (const candidate of shortlist) {
    const score = scoreCandidate(scoring, candidate, false);
    if (
      best === null ||
      score > best.score ||
      (score === best.score && tieBreak(candidate, best, hint) < 0)
    )
      best = { start: candidate.start, end: candidate.end, score };
  }
  return best;
}

/** Nearer the hint first, then earlier in the text, so results never depend on search order. */
function tieBreak(a: { start: number }, b: { start: number }, hint: number | undefined): number {
  if (hint !== undefined) {
    const byDistance = Math.abs(a.start - hint) - Math.abs(b.start - hint);
    if (byDistance !== 0) return byDistance;
  }
  return a.start - b.start;
}

interface Scoring {
  text: string;
  quote: TextQuote;
  hint: number | undefined;
}

/**
 * A candidate's score in 0–1. `estimate` compares context by the length of its agreeing edge only,
 * which is cheap and never above the full similarity, to shortlist among many repeated matches.
 */
function scoreCandidate(
  { text, quote, hint }: Scoring,
  candidate: Candidate,
  estimate: boolean,
): number {
  const quoteScore = 1 - candidate.errors / Math.max(quote.exact.length, 1);
  const before = text.slice(Math.max(0, candidate.start - quote.prefix.length), candidate.start);
  const after = text.slice(candidate.end, candidate.end + quote.suffix.length);
  const similarity = estimate ? edgeAgreement : contextSimilarity;
  const prefixScore = similarity(quote.prefix, before, "end");
  const suffixScore = similarity(quote.suffix, after, "start");
  const positionScore =
    hint === undefined ? 1 : 1 - Math.min(1, Math.abs(candidate.start - hint) / text.length);
  return (
    (WEIGHT.quote * quoteScore +
      WEIGHT.prefix * prefixScore +
      WEIGHT.suffix * suffixScore +
      WEIGHT.position * positionScore) /
    TOTAL_WEIGHT
  );
}

/**
 * How alike stored context and the text now beside the candidate are, in 0–1. Empty stored context
 * (a quote at the very start or end of its text) is no evidence either way and scores 1.
 */
function contextSimilarity(expected: string, actual: string): number {
  if (expected === "") return 1;
  return Math.max(0, 1 - editDistance(expected, actual) / expected.length);
}

/** Share of the stored context that agrees character for character, counted from the quote side. */
function edgeAgreement(expected: string, actual: string, side: "start" | "end"): number {
  if (expected === "") return 1;
  let agreeing = 0;
  const limit = Math.min(expected.length, actual.length);
  while (agreeing < limit) {
    const e = side === "start" ? agreeing : expected.length - 1 - agreeing;
    const a = side === "start" ? agreeing : actual.length - 1 - agreeing;
    if (expected.charCodeAt(e) !== actual.charCodeAt(a)) break;
    agreeing++;
  }
  return agreeing / expected.length;
}

/** Levenshtein distance in UTF-16 units; only used on context, which is at most a few dozen long. */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const deletion = (previous[j] as number) + 1;
      const insertion = (current[j - 1] as number) + 1;
      current.push(Math.min(substitution, deletion, insertion));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
