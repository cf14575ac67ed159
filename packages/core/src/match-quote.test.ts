/**
 * Quote matching: choosing among repeated phrases by context and position, tolerating retyped
 * words, long quotes found by head and tail, and a transcript-sized text.
 */
import { describeRange, matchQuote, QuireError, type TextQuote } from "@quire/core";
import { describe, expect, it } from "vitest";

function quoteAt(text: string, words: string, occurrence = 0): TextQuote & { start: number } {
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen++) start = text.indexOf(words, start + 1);
  return { start, ...describeRange(text, start, start + words.length) };
}

/** Deterministic filler text: pseudo-random words (high bits of an LCG, whose low bits cycle). */
function filler(length: number, seed: number): string {
  const words = [
    "the",
    "surgery",
    "waiting",
    "doctor",
    "nurse",
    "said",
    "felt",
    "time",
    "never",
    "well",
  ];
  let state = seed;
  let text = "";
  while (text.length < length) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const high = state >>> 16;
    text += `${words[high % words.length]}${high % 7 === 0 ? ".\n" : " "}`;
  }
  return text.slice(0, length);
}

describe("matchQuote", () => {
  const text =
    "P1: I don't know, really. I went back in March.\nP2: I don't know what they wanted from me.";

  it("picks among repeated phrases by their context", () => {
    const second = quoteAt(text, "I don't know", 1);
    const edited = `Interviewer: go on.\n${text}`;
    const match = matchQuote(edited, second);
    expect(match).not.toBeNull();
    expect(match?.start).toBe(second.start + 20);
    expect(match?.score).toBeGreaterThan(0.97);
  });

  it("uses the hint only to break ties", () => {
    const bare: TextQuote = { exact: "I don't know", prefix: "", suffix: "" };
    expect(matchQuote(text, bare, { hint: 60 })?.start).toBe(text.lastIndexOf("I don't know"));
    expect(matchQuote(text, bare, { hint: 0 })?.start).toBe(text.indexOf("I don't know"));
    expect(matchQuote(text, bare)?.start).toBe(text.indexOf("I don't know"));
  });

  it("finds a quote with a retyped word and scores it below an exact match", () => {
    const quote = quoteAt(text, "I went back in March");
    const edited = text.replace("went back in March", "went back in Mar.");
    const match = matchQuote(edited, quote, { hint: quote.start });
    expect(match).not.toBeNull();
    expect(edited.slice(match?.start, match?.end)).toMatch(/^I went back in Mar/);
    expect(match?.score).toBeLessThan(1);
    expect(match?.score).toBeGreaterThan(0.8);
  });

  it("gives up when more than the allowed share of the quote differs", () => {
    const quote = quoteAt(text, "I went back in March");
    const edited = text.replace("I went back in March", "We returned in spring");
    expect(matchQuote(edited, quote)).toBeNull();
    expect(matchQuote(text, quote, { maxErrorRatio: 0 })?.start).toBe(quote.start);
  });

  it("returns null for an empty quote or text", () => {
    expect(matchQuote(text, { exact: "", prefix: "", suffix: "" })).toBeNull();
    expect(matchQuote("", { exact: "a", prefix: "", suffix: "" })).toBeNull();
  });

  it("rejects options outside their range", () => {
    const quote = quoteAt(text, "March");
    expect(() => matchQuote(text, quote, { maxErrorRatio: 2 })).toThrow(QuireError);
    expect(() => matchQuote(text, quote, { hint: Number.NaN })).toThrow(/hint/);
  });

  it("finds a long quote by its head and tail when its middle was edited", () => {
    const original = filler(5000, 1);
    const quote = quoteAt(original, original.slice(1000, 2200));
    const edited = `${original.slice(0, 1500)}[inaudible]${original.slice(1530)}`;
    const match = matchQuote(edited, quote, { hint: quote.start });
    expect(match).toMatchObject({ start: 1000, end: 2181 });
    expect(match?.score).toBeGreaterThan(0.95);
  });

  it("stays quick on a transcript-sized text, exact or approximate", () => {
    const big = filler(600_000, 2);
    const quote = quoteAt(big, big.slice(450_000, 450_080));
    expect(matchQuote(big, quote, { hint: 10 })?.start).toBe(450_000);
    const edited = `${big.slice(0, 450_010)}XX${big.slice(450_014)}`;
    expect(matchQuote(edited, quote, { hint: 10 })?.start).toBe(450_000);
    const long = quoteAt(big, big.slice(300_000, 303_000));
    const editedLong = `${big.slice(0, 301_000)}${big.slice(301_100)}`;
    expect(matchQuote(editedLong, long)?.start).toBe(300_000);
    const common: TextQuote = { exact: "the", prefix: "zzz", suffix: "zzz" };
    expect(matchQuote(big, common, { hint: 300_000 })).not.toBeNull();
  });
});
