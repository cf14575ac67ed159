/**
 * The search query language: word splitting, parsing (precedence, implicit AND, errors with their
 * position), the reference evaluator, hits and keyword-in-context lines.
 */
import {
  findHits,
  keywordInContext,
  matchesQuery,
  parseSearchQuery,
  QuireError,
  type SearchQuery,
  tokenizeWords,
} from "@quire/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const term = (text: string, prefix = false): SearchQuery => ({ type: "term", text, prefix });

describe("tokenizeWords", () => {
  it("splits on anything but letters and digits, folding case and diacritics", () => {
    expect(tokenizeWords("Café, CAFE'S naïve—2nd 😀x")).toEqual([
      { start: 0, end: 4, norm: "cafe" },
      { start: 6, end: 10, norm: "cafe" },
      { start: 11, end: 12, norm: "s" },
      { start: 13, end: 18, norm: "naive" },
      { start: 19, end: 22, norm: "2nd" },
      { start: 25, end: 26, norm: "x" },
    ]);
  });

  it("keeps combining marks inside a word but never starts one with a mark", () => {
    expect(tokenizeWords("e\u0301te\u0301 \u0301a")).toEqual([
      { start: 0, end: 5, norm: "ete" },
      { start: 7, end: 8, norm: "a" },
    ]);
  });

  it("folds as FTS5 does: Latin accents only, Σ and ς alike, other marks separate words", () => {
    const norms = (text: string) => tokenizeWords(text).map((word) => word.norm);
    expect(norms("Ærøskøbing İstanbul STRAßE")).toEqual(["ærøskøbing", "istanbul", "straße"]);
    expect(norms("Йод ΟΔΟΣ οδός")).toEqual(["йод", "οδοσ", "οδόσ"]);
    expect(norms("हैलो")).toEqual(["ह", "ल"]);
  });

  it("counts offsets in UTF-16 units past astral characters", () => {
    const text = "😀😀 𝐀bc";
    expect(tokenizeWords(text).map(({ start, end }) => text.slice(start, end))).toEqual(["𝐀bc"]);
  });
});

describe("parseSearchQuery", () => {
  it("reads words, prefixes and phrases in normalised form", () => {
    expect(parseSearchQuery("Diagnosis")).toEqual(term("diagnosis"));
    expect(parseSearchQuery("diagnos*")).toEqual(term("diagnos", true));
    expect(parseSearchQuery('"Last  Résort"')).toEqual({
      type: "phrase",
      terms: ["last", "resort"],
    });
    expect(parseSearchQuery('"resort"')).toEqual(term("resort"));
    expect(parseSearchQuery("self-care")).toEqual({ type: "phrase", terms: ["self", "care"] });
  });

  it("joins neighbours with AND and binds NOT tighter than AND, AND tighter than OR", () => {
    expect(parseSearchQuery("a b OR c NOT d")).toEqual({
      type: "or",
      items: [
        { type: "and", items: [term("a"), term("b")] },
        { type: "and", items: [term("c"), { type: "not", item: term("d") }] },
      ],
    });
    expect(parseSearchQuery("a AND (b OR c)")).toEqual({
      type: "and",
      items: [term("a"), { type: "or", items: [term("b"), term("c")] }],
    });
    expect(parseSearchQuery("a AND b AND c")).toEqual({
      type: "and",
      items: [term("a"), term("b"), term("c")],
    });
  });

  it("treats lower-case keywords as words", () => {
    expect(parseSearchQuery("fish and chips")).toEqual({
      type: "and",
      items: [term("fish"), term("and"), term("chips")],
    });
  });

  it.each([
    ["", /nothing to look for/],
    ["   ", /nothing to look for/],
    ["NOT pain", /only says what to leave out.*character 1/],
    ["pain OR NOT cost", /only says what to leave out.*character 9/],
    ["pain NOT NOT cost", /only says what to leave out.*character 10/],
    ["(NOT a) OR b", /only says what to leave out.*character 2/],
    ["pain AND", /AND needs a word.*character 6/],
    ["OR pain", /unexpected OR at character 1/],
    ["pain OR OR cost", /OR needs a word.*character 6/],
    ["(pain", /never closed at character 1/],
    ["pain)", /no matching \( at character 5/],
    ["()", /empty at character 1/],
    ['"last resort', /quote is never closed at character 1/],
    ['""', /phrase has no words at character 1/],
    ['"last resort"*', /can only end a single word at character 14/],
    ["pa*in", /can only end a word at character 3/],
    ["self-car*", /can only end a single word at character 9/],
    ["*", /no letters or digits.*character 1/],
    ["pain && cost", /"&&" has no letters or digits.*character 6/],
  ])("rejects %j", (input, message) => {
    expect(() => parseSearchQuery(input)).toThrow(message);
    expect(() => parseSearchQuery(input)).toThrow(QuireError);
  });

  it("never throws anything but a QuireError on random input", () => {
    const pieces = ["a", "b ", " ", "AND ", "OR ", "NOT ", "(", ")", '"', "*", "-", "é"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        try {
          parseSearchQuery(parts.join(""));
        } catch (error) {
          expect(error).toBeInstanceOf(QuireError);
        }
      }),
      { seed: 31337, numRuns: 500 },
    );
  });
});

describe("matchesQuery", () => {
  const text = "It was a last resort. Self-care helped; the diagnoses came late.";
  const matches = (query: string) => matchesQuery(text, parseSearchQuery(query));

  it("matches whole words, prefixes and phrases, ignoring case and accents", () => {
    expect(matches("RESORT")).toBe(true);
    expect(matches("resorts")).toBe(false);
    expect(matches("diagnos*")).toBe(true);
    expect(matches('"last resort"')).toBe(true);
    expect(matches('"resort last"')).toBe(false);
    expect(matches("self-care")).toBe(true);
    expect(matches("sélf")).toBe(true);
  });

  it("combines with AND, OR and NOT", () => {
    expect(matches("resort late")).toBe(true);
    expect(matches("resort AND early")).toBe(false);
    expect(matches("early OR late")).toBe(true);
    expect(matches("resort NOT early")).toBe(true);
    expect(matches("resort NOT late")).toBe(false);
    expect(matches("resort NOT (late early)")).toBe(true);
  });
});

describe("findHits", () => {
  const text = "Pain, pain and more PAIN. The painful part: pain relief.";

  it("lists every occurrence of what the query looks for, in order", () => {
    const hits = findHits(text, parseSearchQuery("pain"));
    expect(hits.map(({ start, end }) => text.slice(start, end))).toEqual([
      "Pain",
      "pain",
      "PAIN",
      "pain",
    ]);
  });

  it("spans phrases, merges overlaps and leaves out what sits under NOT", () => {
    const hits = findHits(text, parseSearchQuery('"pain relief" OR relief OR painf* NOT more'));
    expect(hits.map(({ start, end }) => text.slice(start, end))).toEqual([
      "painful",
      "pain relief",
    ]);
  });
});

describe("keywordInContext", () => {
  const text =
    "We waited\n\n   for months. Then the   consultant said it was a last resort, honestly.";
  const hit = { start: text.indexOf("last resort"), end: text.indexOf("last resort") + 11 };

  it("cuts context at word boundaries and collapses whitespace", () => {
    expect(keywordInContext(text, hit, 25)).toEqual({
      before: "consultant said it was a ",
      match: "last resort",
      after: ", honestly.",
      ...hit,
    });
    expect(keywordInContext(text, { start: 26, end: 30 }, 20).before).toBe("for months. ");
    expect(keywordInContext(text, { start: 26, end: 30 }, 26).before).toBe(
      "We waited for months. ",
    );
  });

  it("keeps a cut word when nothing else would be left, but never splits an emoji", () => {
    const long = "Antidisestablishmentarianism worked";
    expect(keywordInContext(long, { start: 29, end: 35 }, 5).before).toBe("nism ");
    const emoji = "😀😀 ok";
    expect(keywordInContext(emoji, { start: 5, end: 7 }, 4).before).toBe("😀 ");
  });

  it("rejects a hit outside the text or a negative context", () => {
    expect(() => keywordInContext(text, { start: 5, end: 999 }, 10)).toThrow(QuireError);
    expect(() => keywordInContext(text, hit, -1)).toThrow(/context length/);
  });
});
