/**
 * Word frequencies and keyword-in-context over a selection of texts (whole sources or a code's
 * passages). Words are core's search words (`tokenizeWords`: FTS5 `unicode61` rules, case-folded,
 * Latin accents removed), so a word counted here is a word the search finds.
 */
import { keywordInContext, QuireError, tokenizeWords } from "@quire/core";
import { ENGLISH_STOP_WORDS } from "./stop-words.js";

export interface WordFrequencyOptions {
  /** How many words to return (default 30). */
  top?: number;
  /** Words to leave out, normalised (default `ENGLISH_STOP_WORDS`; pass an empty set for none). */
  stopWords?: ReadonlySet<string>;
  /** Shortest word counted, in characters (default 2). */
  minLength?: number;
  /** Leave out words made only of digits (default true). */
  skipNumbers?: boolean;
}

export interface WordFrequency {
  word: string;
  /** Occurrences over all texts. */
  count: number;
  /** Texts it occurs in. */
  texts: number;
}

/**
 * The `top` most frequent words over `texts`, most frequent first, ties broken by the number of
 * texts and then alphabetically so the list is stable.
 * @throws QuireError `invalid_input` when `top` or `minLength` is not a whole number ≥ 0.
 */
export function wordFrequencies(
  texts: Iterable<string>,
  options: WordFrequencyOptions = {},
): { words: WordFrequency[]; totalWords: number; distinctWords: number } {
  const top = options.top ?? 30;
  const minLength = options.minLength ?? 2;
  if (!Number.isInteger(top) || top < 0)
    throw new QuireError("invalid_input", `top must be a whole number ≥ 0, not ${top}`);
  if (!Number.isInteger(minLength) || minLength < 0)
    throw new QuireError("invalid_input", `minLength must be a whole number ≥ 0, not ${minLength}`);
  const stop = options.stopWords ?? ENGLISH_STOP_WORDS;
  const skipNumbers = options.skipNumbers ?? true;
  const counts = new Map<string, { count: number; texts: number }>();
  let totalWords = 0;
  for (const text of texts) {
    const seen = new Set<string>();
    for (const token of tokenizeWords(text)) {
      const word = token.norm;
      if (word.length < minLength || stop.has(word)) continue;
      if (skipNumbers && /^\d+$/.test(word)) continue;
      totalWords++;
      const entry = counts.get(word) ?? { count: 0, texts: 0 };
      entry.count++;
      if (!seen.has(word)) {
        entry.texts++;
        seen.add(word);
      }
      counts.set(word, entry);
    }
  }
  const words = [...counts.entries()]
    .map(([word, entry]) => ({ word, ...entry }))
    .sort(
      (a, b) =>
        b.count - a.count || b.texts - a.texts || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0),
    )
    .slice(0, top);
  return { words, totalWords, distinctWords: counts.size };
}

/** A text to search for keywords in, with whatever labels the caller wants carried to the lines. */
export interface KwicText<L> {
  text: string;
  label: L;
  /** Where `text` starts in its source, so reported offsets are the source's (default 0). */
  offset?: number;
}

export interface KwicLine<L> {
  label: L;
  before: string;
  match: string;
  after: string;
  /** Offsets of the match in the source (UTF-16 units). */
  start: number;
  end: number;
}

/**
 * Every occurrence of `word` (one word, compared in normalised form, so "Talk" finds "talk" and
 * "TALK") in `texts`, with `context` characters on each side cut back to whole words.
 * @throws QuireError `invalid_input` when `word` is not exactly one word, or `context` is not a
 *   whole number ≥ 0.
 */
export function keywordsInContext<L>(
  texts: Iterable<KwicText<L>>,
  word: string,
  context = 40,
): KwicLine<L>[] {
  const tokens = tokenizeWords(word);
  const first = tokens[0];
  if (tokens.length !== 1 || !first)
    throw new QuireError("invalid_input", `"${word}" is not one word`);
  const wanted = first.norm;
  const lines: KwicLine<L>[] = [];
  for (const { text, label, offset = 0 } of texts)
    for (const token of tokenizeWords(text)) {
      if (token.norm !== wanted) continue;
      const line = keywordInContext(text, { start: token.start, end: token.end }, context);
      lines.push({
        label,
        before: line.before,
        match: line.match,
        after: line.after,
        start: offset + token.start,
        end: offset + token.end,
      });
    }
  return lines;
}
