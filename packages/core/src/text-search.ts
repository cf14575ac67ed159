/**
 * The text-search query language of `quire search` and the search box: words, "quoted phrases",
 * `word*` prefixes, AND / OR / NOT and parentheses. Parsing and word splitting live here so that
 * every database backend and the reference evaluator below read a query the same way.
 *
 * Words follow SQLite FTS5's `unicode61` tokenizer with `remove_diacritics 2`, which the SQLite
 * backend indexes with: a word is a run of letters, digits and private-use characters, which
 * combining accents may continue but never start, and words compare in lower case with the
 * accents of Latin letters removed. Where FTS5's older Unicode tables classify a character
 * differently from the JavaScript engine's, the two can still disagree.
 */
import { QuireError } from "./control.js";

/** A parsed query. Terms and phrase words are already normalised (see {@link tokenizeWords}). */
export type SearchQuery =
  | { type: "term"; text: string; prefix: boolean }
  | { type: "phrase"; terms: string[] }
  | { type: "and" | "or"; items: SearchQuery[] }
  | { type: "not"; item: SearchQuery };

/** A word of a text: its UTF-16 offsets and its normalised form. */
export interface WordToken {
  start: number;
  end: number;
  norm: string;
}

/** A found occurrence, as UTF-16 offsets into the searched text. */
export interface SearchHit {
  start: number;
  end: number;
}

/** One keyword-in-context line. */
export interface KeywordInContext {
  /** Context before the match, whitespace runs collapsed to one space, trimmed at its outer edge. */
  before: string;
  /** The matched text exactly as written. */
  match: string;
  /** Context after the match, treated like `before`. */
  after: string;
  /** The hit's offsets in the text. */
  start: number;
  end: number;
}

/**
 * The combining accents FTS5 lets continue a word and then drops (its `diacritic` table). Other
 * marks, such as Devanagari vowel signs, separate words there, so they do here too.
 */
const DIACRITICS =
  "\u0300-\u0304\u0306-\u030c\u030f\u0311\u031b\u0323-\u0328\u032d\u032e\u0330\u0331";
const WORD = new RegExp(`[\\p{L}\\p{N}\\p{Co}][\\p{L}\\p{N}\\p{Co}${DIACRITICS}]*`, "gu");
const DIACRITIC = new RegExp(`[${DIACRITICS}]`, "u");
const WORD_CHARACTER = new RegExp(`[\\p{L}\\p{N}\\p{Co}${DIACRITICS}]`, "u");
/**
 * Lower-case letters that Unicode case folding maps to another letter, as FTS5's fold does and
 * `toLowerCase` does not.
 */
const CASE_FOLDS: Readonly<Record<string, string>> = {
  "\u00b5": "\u03bc",
  "\u017f": "s",
  "\u03c2": "\u03c3",
  "\u03d0": "\u03b2",
  "\u03d1": "\u03b8",
  "\u03d5": "\u03c6",
  "\u03d6": "\u03c0",
  "\u03f0": "\u03ba",
  "\u03f1": "\u03c1",
  "\u03f5": "\u03b5",
  "\u1e9b": "\u1e61",
  "\u1fbe": "\u03b9",
};
/** A lower-case ASCII letter followed only by marks: a Latin letter with diacritics, decomposed. */
const ACCENTED_ASCII = /^[a-z]\p{M}+$/u;

/**
 * The form words are compared in, as FTS5 `unicode61` with `remove_diacritics 2` folds them: each
 * character case-folded on its own (ς and Σ are both σ), Latin letters with diacritics as
 * their ASCII letter, loose combining accents dropped. Other scripts keep their marks: й stays й.
 */
export function normalizeWord(word: string): string {
  let norm = "";
  for (const character of word)
    for (const lowerCase of keepsCase(character) ? character : character.toLowerCase()) {
      if (DIACRITIC.test(lowerCase)) continue;
      const lower = CASE_FOLDS[lowerCase] ?? lowerCase;
      const decomposed = lower.normalize("NFD");
      norm += ACCENTED_ASCII.test(decomposed) ? decomposed.charAt(0) : lower;
    }
  return norm;
}

/** Cherokee capitals: FTS5's tables predate their lower-case forms (Unicode 8), so keep them. */
function keepsCase(character: string): boolean {
  const code = character.charCodeAt(0);
  return code >= 0x13a0 && code <= 0x13f5;
}

/** Splits a text into words with their offsets, in order. */
export function tokenizeWords(text: string): WordToken[] {
  const words: WordToken[] = [];
  for (const match of text.matchAll(WORD)) {
    const norm = normalizeWord(match[0]);
    if (norm !== "") words.push({ start: match.index, end: match.index + match[0].length, norm });
  }
  return words;
}

// ---------------------------------------------------------------------------------------------
// Parsing

type Token =
  | { kind: "word"; at: number; raw: string; words: string[]; prefix: boolean }
  | { kind: "phrase"; at: number; words: string[] }
  | { kind: "and" | "or" | "not" | "open" | "close"; at: number };

const KEYWORDS = { AND: "and", OR: "or", NOT: "not" } as const;

function syntaxError(message: string, at: number): QuireError {
  return new QuireError("invalid_input", `search query: ${message} at character ${at + 1}`);
}

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < input.length) {
    const character = input[at] as string;
    if (/\s/u.test(character)) at++;
    else if (character === "(") tokens.push({ kind: "open", at: at++ });
    else if (character === ")") tokens.push({ kind: "close", at: at++ });
    else if (character === '"') at = lexPhrase(input, at, tokens);
    else at = lexWord(input, at, tokens);
  }
  return tokens;
}

function lexPhrase(input: string, at: number, tokens: Token[]): number {
  const close = input.indexOf('"', at + 1);
  if (close === -1) throw syntaxError("the quote is never closed", at);
  const words = tokenizeWords(input.slice(at + 1, close)).map((word) => word.norm);
  if (words.length === 0) throw syntaxError("the quoted phrase has no words", at);
  if (input[close + 1] === "*") throw syntaxError("a * can only end a single word", close + 1);
  tokens.push({ kind: "phrase", at, words });
  return close + 1;
}

function lexWord(input: string, at: number, tokens: Token[]): number {
  let end = at;
  while (end < input.length && !/[\s()"]/u.test(input[end] as string)) end++;
  const raw = input.slice(at, end);
  const keyword = KEYWORDS[raw as keyof typeof KEYWORDS];
  if (keyword !== undefined) {
    tokens.push({ kind: keyword, at });
    return end;
  }
  const star = raw.indexOf("*");
  const prefix = star !== -1;
  if (prefix && star !== raw.length - 1) throw syntaxError("a * can only end a word", at + star);
  const body = prefix ? raw.slice(0, -1) : raw;
  const found = tokenizeWords(body);
  if (found.length === 0) throw syntaxError(`"${raw}" has no letters or digits to look for`, at);
  if (prefix && (found.length > 1 || found[0]?.end !== body.length))
    throw syntaxError("a * can only end a single word", at + star);
  tokens.push({ kind: "word", at, raw, words: found.map((word) => word.norm), prefix });
  return end;
}

/**
 * Recursive descent over the tokens, one method per precedence level. It remembers where each node
 * began so that errors about a query's meaning (not only its syntax) can point at a character.
 */
class Parser {
  readonly positions = new Map<SearchQuery, number>();
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly inputLength: number,
  ) {}

  parse(): SearchQuery {
    const query = this.parseOr();
    const extra = this.peek();
    if (extra !== undefined) throw syntaxError("this ) has no matching (", extra.at);
    return query;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token | undefined {
    return this.tokens[this.index++];
  }

  private at(query: SearchQuery, position: number): SearchQuery {
    if (!this.positions.has(query)) this.positions.set(query, position);
    return query;
  }

  private startsOperand(token: Token | undefined): boolean {
    return (
      token !== undefined && token.kind !== "and" && token.kind !== "or" && token.kind !== "close"
    );
  }

  private expectOperand(keyword: string, position: number): void {
    if (!this.startsOperand(this.peek()))
      throw syntaxError(`${keyword} needs a word, phrase or group after it`, position);
  }

  private parseOr(): SearchQuery {
    const items = [this.parseAnd()];
    for (let token = this.peek(); token?.kind === "or"; token = this.peek()) {
      this.next();
      this.expectOperand("OR", token.at);
      items.push(this.parseAnd());
    }
    return this.combine("or", items);
  }

  private parseAnd(): SearchQuery {
    const items = [this.parseUnary()];
    for (let token = this.peek(); ; token = this.peek()) {
      if (token?.kind === "and") {
        this.next();
        this.expectOperand("AND", token.at);
      } else if (!this.startsOperand(token)) break;
      items.push(this.parseUnary());
    }
    return this.combine("and", items);
  }

  private parseUnary(): SearchQuery {
    const token = this.peek();
    if (token?.kind !== "not") return this.parsePrimary();
    this.next();
    this.expectOperand("NOT", token.at);
    return this.at({ type: "not", item: this.parseUnary() }, token.at);
  }

  private parsePrimary(): SearchQuery {
    const token = this.next();
    if (token === undefined)
      throw syntaxError("a word, phrase or group is missing", this.inputLength);
    switch (token.kind) {
      case "word":
        return this.at(wordsQuery(token.words, token.prefix), token.at);
      case "phrase":
        return this.at(wordsQuery(token.words, false), token.at);
      case "open": {
        if (this.peek()?.kind === "close") throw syntaxError("the parentheses are empty", token.at);
        const inner = this.parseOr();
        if (this.next()?.kind !== "close") throw syntaxError("this ( is never closed", token.at);
        return inner;
      }
      default:
        throw syntaxError(`unexpected ${describeToken(token)}`, token.at);
    }
  }

  /** Joins operands, flattening `a AND (b AND c)` so that backends see one level per operator. */
  private combine(type: "and" | "or", items: SearchQuery[]): SearchQuery {
    const first = items[0] as SearchQuery;
    if (items.length === 1) return first;
    const flat = items.flatMap((item) => (item.type === type ? item.items : [item]));
    return this.at({ type, items: flat }, this.positions.get(first) ?? 0);
  }
}

function describeToken(token: Token): string {
  return token.kind === "close" ? ")" : token.kind.toUpperCase();
}

function wordsQuery(words: string[], prefix: boolean): SearchQuery {
  return words.length === 1
    ? { type: "term", text: words[0] as string, prefix }
    : { type: "phrase", terms: words };
}

function isPositive(query: SearchQuery): boolean {
  switch (query.type) {
    case "term":
    case "phrase":
      return true;
    case "not":
      return false;
    case "and":
      return query.items.some(isPositive);
    case "or":
      return query.items.every(isPositive);
  }
}

const ONLY_LEAVING_OUT =
  "this only says what to leave out; add a word to look for, as in: care NOT cost";

/**
 * Rejects queries that say only what to leave out, anywhere in the tree (`NOT a`, `a OR NOT b`,
 * `a NOT NOT b`): such a query would match nearly every text, and full-text indexes cannot express
 * it (FTS5's NOT needs something on its left). The error points at the part at fault.
 */
function checkSomethingToFind(
  query: SearchQuery,
  positions: ReadonlyMap<SearchQuery, number>,
): void {
  const at = positions.get(query) ?? 0;
  switch (query.type) {
    case "term":
    case "phrase":
      return;
    case "not":
      throw syntaxError(ONLY_LEAVING_OUT, at);
    case "or":
      for (const item of query.items) checkSomethingToFind(item, positions);
      return;
    case "and":
      if (!query.items.some(isPositive)) throw syntaxError(ONLY_LEAVING_OUT, at);
      for (const item of query.items)
        checkSomethingToFind(item.type === "not" ? item.item : item, positions);
  }
}

/**
 * Parses a search query. Words are matched whole and case- and accent-insensitively; `word*` matches
 * words starting with `word`; `"a phrase"` matches words in sequence (a bare `self-care` is the
 * phrase "self care"). Keywords are upper case only (`and` is a word): NOT binds tightest, then AND,
 * then OR; neighbours without a keyword are ANDed, so `a NOT b` means `a AND NOT b`.
 * @throws QuireError `invalid_input` for an empty or malformed query, or one that only says what to
 *   leave out (`NOT a`, `a OR NOT b`), naming the character (counted from 1) where it goes wrong.
 */
export function parseSearchQuery(input: string): SearchQuery {
  const tokens = lex(input);
  if (tokens.length === 0)
    throw new QuireError("invalid_input", "search query: there is nothing to look for");
  const parser = new Parser(tokens, input.length);
  const query = parser.parse();
  checkSomethingToFind(query, parser.positions);
  return query;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** Where each leaf of a query occurs among a text's words, as [first word, last word] indices. */
function leafOccurrences(
  words: readonly WordToken[],
  query: { type: "term"; text: string; prefix: boolean } | { type: "phrase"; terms: string[] },
): [number, number][] {
  const terms = query.type === "term" ? [query.text] : query.terms;
  const lastPrefix = query.type === "term" && query.prefix;
  const found: [number, number][] = [];
  for (let first = 0; first + terms.length <= words.length; first++) {
    const matches = terms.every((term, offset) => {
      const norm = (words[first + offset] as WordToken).norm;
      return lastPrefix ? norm.startsWith(term) : norm === term;
    });
    if (matches) found.push([first, first + terms.length - 1]);
  }
  return found;
}

function evaluate(words: readonly WordToken[], query: SearchQuery): boolean {
  switch (query.type) {
    case "term":
    case "phrase":
      return leafOccurrences(words, query).length > 0;
    case "and":
      return query.items.every((item) => evaluate(words, item));
    case "or":
      return query.items.some((item) => evaluate(words, item));
    case "not":
      return !evaluate(words, query.item);
  }
}

/**
 * Whether a text matches a query, judged on its words. This is the reference meaning of a query:
 * the database backends are tested against it.
 */
export function matchesQuery(text: string, query: SearchQuery): boolean {
  return evaluate(tokenizeWords(text), query);
}

function positiveLeaves(
  query: SearchQuery,
): ({ type: "term"; text: string; prefix: boolean } | { type: "phrase"; terms: string[] })[] {
  switch (query.type) {
    case "term":
    case "phrase":
      return [query];
    case "and":
    case "or":
      return query.items.flatMap(positiveLeaves);
    case "not":
      return [];
  }
}

/**
 * Every occurrence in `text` of the words, prefixes and phrases a query looks for (not those under
 * NOT), sorted, with overlapping occurrences merged. A phrase spans from its first word's start to
 * its last word's end. It does not check that the text matches the whole query: use
 * {@link matchesQuery} for that.
 */
export function findHits(text: string, query: SearchQuery): SearchHit[] {
  const words = tokenizeWords(text);
  const hits = positiveLeaves(query)
    .flatMap((leaf) => leafOccurrences(words, leaf))
    .map(([first, last]) => ({
      start: (words[first] as WordToken).start,
      end: (words[last] as WordToken).end,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: SearchHit[] = [];
  for (const hit of hits) {
    const previous = merged.at(-1);
    if (previous !== undefined && hit.start < previous.end)
      previous.end = Math.max(previous.end, hit.end);
    else merged.push({ ...hit });
  }
  return merged;
}

/**
 * A keyword-in-context line for one hit: up to `contextChars` characters each side, cut back to a
 * word boundary when that leaves some context (never through a word or a surrogate pair otherwise),
 * with runs of whitespace, line breaks included, shown as one space.
 * @throws QuireError `invalid_input` when the hit is not inside the text or `contextChars` is not a
 *   whole number ≥ 0.
 */
export function keywordInContext(
  text: string,
  hit: SearchHit,
  contextChars: number,
): KeywordInContext {
  const { start, end } = hit;
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end < start ||
    end > text.length
  )
    throw new QuireError(
      "invalid_input",
      `hit ${start}:${end} is not inside a text of length ${text.length}`,
    );
  if (!Number.isInteger(contextChars) || contextChars < 0)
    throw new QuireError(
      "invalid_input",
      `context length ${contextChars} is not a whole number ≥ 0`,
    );
  const from = contextStart(text, start, contextChars);
  const to = contextEnd(text, end, contextChars);
  return {
    before: collapseWhitespace(text.slice(from, start)).trimStart(),
    match: text.slice(start, end),
    after: collapseWhitespace(text.slice(end, to)).trimEnd(),
    start,
    end,
  };
}

function isWordCharacterAt(text: string, index: number): boolean {
  const codePoint = text.codePointAt(index);
  return (
    codePoint !== undefined &&
    !isLowSurrogateAt(text, index) &&
    WORD_CHARACTER.test(String.fromCodePoint(codePoint))
  );
}

function isWordCharacterBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  return isWordCharacterAt(text, isLowSurrogateAt(text, index - 1) ? index - 2 : index - 1);
}

function isLowSurrogateAt(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  return unit >= 0xdc00 && unit <= 0xdfff;
}

function hasWordCharacter(text: string, from: number, to: number): boolean {
  return WORD_CHARACTER.test(text.slice(from, to));
}

/** Where `before` begins: moved forward past a cut word, unless no whole word would be left. */
function contextStart(text: string, start: number, contextChars: number): number {
  let from = Math.max(0, start - contextChars);
  if (from < start && isLowSurrogateAt(text, from)) from++;
  if (isWordCharacterBefore(text, from) && isWordCharacterAt(text, from)) {
    let next = from;
    while (next < start && isWordCharacterAt(text, next))
      next += (text.codePointAt(next) ?? 0) > 0xffff ? 2 : 1;
    if (hasWordCharacter(text, next, start)) from = next;
  }
  return from;
}

/** Where `after` ends: moved back before a cut word, unless no whole word would be left. */
function contextEnd(text: string, end: number, contextChars: number): number {
  let to = Math.min(text.length, end + contextChars);
  if (to > end && isLowSurrogateAt(text, to)) to--;
  if (isWordCharacterBefore(text, to) && isWordCharacterAt(text, to)) {
    let previous = to;
    while (previous > end && isWordCharacterBefore(text, previous))
      previous -= isLowSurrogateAt(text, previous - 1) ? 2 : 1;
    if (hasWordCharacter(text, end, previous)) to = previous;
  }
  return to;
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, " ");
}
