/** Word frequencies and keyword-in-context, on texts with case, accents, stop-words and numbers. */
import { ENGLISH_STOP_WORDS, keywordsInContext, wordFrequencies } from "@quire/analysis";
import { describe, expect, it } from "vitest";

const texts = [
  "I think the therapist listened. The THERAPIST really listened, you know.",
  "My GP didn't listen; the café was 24 hours.",
  "Therapist? Café!",
];

describe("word frequencies", () => {
  it("counts normalised words without stop-words, numbers or one-letter words", () => {
    const result = wordFrequencies(texts, { top: 3 });
    expect(result.words).toEqual([
      { word: "therapist", count: 3, texts: 2 },
      { word: "cafe", count: 2, texts: 2 },
      { word: "listened", count: 2, texts: 1 },
    ]);
    expect(result.distinctWords).toBe(6); // therapist, listened, gp, listen, cafe, hours
    expect(ENGLISH_STOP_WORDS.has("didn")).toBe(true);
  });

  it("takes another stop-list and minimum length, and refuses a bad top", () => {
    const all = wordFrequencies(["a a b"], { stopWords: new Set(), minLength: 1 });
    expect(all.words).toEqual([
      { word: "a", count: 2, texts: 1 },
      { word: "b", count: 1, texts: 1 },
    ]);
    expect(() => wordFrequencies(texts, { top: -1 })).toThrow(/top/);
  });
});

describe("keyword in context", () => {
  it("finds every occurrence of the word, whatever its case, with offsets in the source", () => {
    const lines = keywordsInContext(
      texts.map((text, index) => ({ text, label: index, offset: 100 })),
      "Therapist",
      12,
    );
    expect(lines.map((l) => [l.label, l.match, l.start])).toEqual([
      [0, "therapist", 112],
      [0, "THERAPIST", 136],
      [2, "Therapist", 100],
    ]);
    expect(lines[0]?.before).toBe("I think the ");
    expect(() => keywordsInContext([], "two words")).toThrow(/one word/);
  });
});
