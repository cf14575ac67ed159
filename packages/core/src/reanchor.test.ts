/**
 * Re-anchoring after a text is replaced from outside: the old offsets, the quote found again, a
 * fuzzy match with its score, and orphans that keep their quote. Seeded property tests cover
 * replaced texts that still contain the quote and texts from which it is really gone.
 */
import {
  type Anchor,
  anchorRange,
  applyChanges,
  asId,
  changeSetFromEdits,
  mapAnchor,
  QuireError,
  type RevisionId,
  reanchor,
} from "@quire/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const OLD: RevisionId = asId("old");
const NEW: RevisionId = asId("new");

const text =
  "Q: How did the diagnosis come about?\nA: In the end it was a last resort, after every other test.";
const start = text.indexOf("a last resort");
const coded = anchorRange(OLD, text, start, start + "a last resort".length);

describe("reanchor", () => {
  it("keeps the old offsets when the text there is unchanged", () => {
    const replaced = `${text}\nQ: Anything else?`;
    expect(reanchor(coded, replaced, NEW)).toMatchObject({
      start,
      exact: "a last resort",
      status: "anchored",
      score: 1,
      revisionId: NEW,
    });
  });

  it("finds the quote again where it moved", () => {
    const replaced = `[Transcript revised]\n${text}`;
    expect(reanchor(coded, replaced, NEW)).toMatchObject({
      start: start + 21,
      exact: "a last resort",
      status: "remapped",
      score: 1,
    });
  });

  it("accepts a close match as fuzzy, with its score and the new words", () => {
    const replaced = text.replace("a last resort", "a last-resort");
    const found = reanchor(coded, replaced, NEW);
    expect(found).toMatchObject({ status: "fuzzy", exact: "a last-resort" });
    expect(found.score).toBeGreaterThanOrEqual(0.75);
    expect(found.score).toBeLessThan(1);
  });

  it("orphans a coding whose words are gone, keeping its quote", () => {
    const replaced = text.replace("it was a last resort", "they found it");
    expect(reanchor(coded, replaced, NEW)).toMatchObject({
      status: "orphaned",
      score: 0,
      start,
      end: start,
      exact: "a last resort",
      prefix: coded.prefix,
      revisionId: NEW,
    });
  });

  it("orphans a weak match when asked for a higher score", () => {
    const replaced = text.replace("a last resort", "a last-resort");
    expect(reanchor(coded, replaced, NEW, { minScore: 0.999 }).status).toBe("orphaned");
  });

  it("finds an orphan again when its words come back, and clamps its position otherwise", () => {
    const orphan: Anchor = { ...coded, start: 500, end: 500, status: "orphaned", score: 0 };
    expect(reanchor(orphan, text, NEW)).toMatchObject({ status: "remapped", start });
    expect(reanchor(orphan, "nothing here", NEW)).toMatchObject({ status: "orphaned", start: 12 });
  });

  it("leaves a fuzzy anchor fuzzy while its offsets hold", () => {
    const fuzzy: Anchor = { ...coded, status: "fuzzy", score: 0.8 };
    expect(reanchor(fuzzy, text, NEW)).toMatchObject({ status: "fuzzy", score: 0.8 });
  });

  it("rejects a minimum score outside 0–1", () => {
    expect(() => reanchor(coded, text, NEW, { minScore: -1 })).toThrow(QuireError);
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests

const PIECES = ["a", "b", "c", "the ", " ", "\n", "é", "e\u0301", "😀", "👍🏽", "ab"];
const textArbitrary = (pieces: readonly string[], maxPieces: number) =>
  fc.array(fc.constantFrom(...pieces), { maxLength: maxPieces }).map((parts) => parts.join(""));
const spanArbitrary = fc.tuple(fc.nat(), fc.nat());

function anchorIn(source: string, [a, b]: [number, number]): Anchor {
  const from = a % source.length;
  return anchorRange(OLD, source, from, from + 1 + (b % (source.length - from)));
}

const RUNS = { seed: 424242, numRuns: 300 };

describe("reanchor on random texts", () => {
  it("never orphans a quote the new text contains, and covers exactly that quote", () => {
    const nonEmpty = textArbitrary(PIECES, 20).filter((source) => source.length > 0);
    fc.assert(
      fc.property(
        nonEmpty,
        spanArbitrary,
        textArbitrary(PIECES, 20),
        textArbitrary(PIECES, 20),
        (source, span, before, after) => {
          const anchor = anchorIn(source, span);
          const replaced = `${before}${anchor.exact}${after}`;
          const found = reanchor(anchor, replaced, NEW);
          expect(found.status).not.toBe("orphaned");
          expect(found.score).toBe(1);
          expect(replaced.slice(found.start, found.end)).toBe(anchor.exact);
          expect(found.exact).toBe(anchor.exact);
        },
      ),
      RUNS,
    );
  });

  it("orphans a quote whose every character is gone, keeping it", () => {
    // Disjoint alphabets: no span of the new text is within any error budget of the quote.
    const quoteText = textArbitrary(["a", "b", "c", "é"], 20).filter((source) => source.length > 0);
    const otherText = textArbitrary(["x", "y", " ", "\n", "😀", "\u0301"], 40);
    fc.assert(
      fc.property(quoteText, spanArbitrary, otherText, (source, span, replaced) => {
        const anchor = anchorIn(source, span);
        const found = reanchor(anchor, replaced, NEW);
        expect(found).toMatchObject({ status: "orphaned", score: 0, exact: anchor.exact });
        expect(found.start).toBe(found.end);
        expect(found.start).toBeLessThanOrEqual(replaced.length);
      }),
      RUNS,
    );
  });

  it("returns a live anchor only on text equal to its quote, fuzzy ones above the minimum", () => {
    const edits = fc.array(
      fc.record({ at: fc.nat(), length: fc.nat({ max: 4 }), insert: textArbitrary(PIECES, 2) }),
      {
        maxLength: 3,
      },
    );
    const nonEmpty = textArbitrary(PIECES, 30).filter((source) => source.length > 0);
    fc.assert(
      fc.property(nonEmpty, spanArbitrary, edits, (source, span, raw) => {
        const anchor = anchorIn(source, span);
        const chosen = raw.slice(0, 1).map(({ at, length, insert }) => {
          const from = at % (source.length + 1);
          return { from, to: Math.min(source.length, from + length), insert };
        });
        const changes = changeSetFromEdits(source.length, chosen);
        const replaced = applyChanges(source, changes);
        const found = reanchor(anchor, replaced, NEW);
        if (found.status !== "orphaned") {
          expect(found.start).toBeLessThan(found.end);
          expect(replaced.slice(found.start, found.end)).toBe(found.exact);
        }
        if (found.status === "fuzzy") expect(found.score).toBeGreaterThanOrEqual(0.75);
        if (replaced.includes(anchor.exact)) expect(found.exact).toBe(anchor.exact);
        // Differential: when mapping kept the quote and it occurs once, both agree on the place.
        const mapped = mapAnchor(anchor, changes, replaced, NEW);
        const once = replaced.indexOf(anchor.exact) === replaced.lastIndexOf(anchor.exact);
        if (mapped.status !== "orphaned" && mapped.exact === anchor.exact && once)
          expect([found.start, found.end]).toEqual([mapped.start, mapped.end]);
      }),
      RUNS,
    );
  });
});
