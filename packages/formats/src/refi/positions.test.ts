/**
 * The position rule (see positions.ts): file positions count UTF-16 units of the twin without its
 * BOM, CRLF as two; Quire's count units of canonical text. Checked on hand-picked cases and on
 * random texts built from the pieces that make the two differ.
 */
import { canonicalText } from "@quire/core";
import { mapPositions } from "@quire/formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

describe("mapPositions", () => {
  it("is the identity for canonical text, emoji included (UTF-16 units on both sides)", () => {
    const map = mapPositions("Oltás 😀 kell?\nIgen.");
    expect(map.identity).toBe(true);
    expect(map.toCanonical(9, "start")).toBe(9);
  });

  it("drops the BOM without counting it and counts CRLF as two in the file", () => {
    const raw = "\uFEFFelső sor\r\nmásodik 😀 sor\r\n";
    const map = mapPositions(raw);
    expect(map.text).toBe("első sor\nmásodik 😀 sor\n");
    expect(map.fileLength).toBe(raw.length - 1);
    // "második" starts at file position 10 (after "első sor" + CR + LF) and canonical 9.
    expect(map.toCanonical(10, "start")).toBe(9);
    expect(map.text.slice(map.toCanonical(10, "start"), map.toCanonical(17, "end"))).toBe(
      "második",
    );
    // Between CR and LF is inside the newline: a start keeps it, an end keeps it too.
    expect(map.toCanonical(9, "start")).toBe(8);
    expect(map.toCanonical(9, "end")).toBe(9);
  });

  it("keeps a selection's characters when NFC composes across its edge", () => {
    const raw = "cafe\u0301 noir"; // e + combining acute
    const map = mapPositions(raw);
    expect(map.text).toBe("café noir");
    // A selection ending between "e" and the accent still covers the whole "é".
    expect(map.toCanonical(4, "end")).toBe(4);
    expect(map.toCanonical(4, "start")).toBe(3);
    expect(map.toCanonical(5, "start")).toBe(4);
  });

  it("agrees with canonicalText on every range between pieces (seeded)", () => {
    const piece = fc.constantFrom(
      "a",
      "ő",
      "e\u0301",
      "\r\n",
      "\n",
      "\r",
      "😀",
      "\u0001",
      "\t",
      " ",
      "\u2028",
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.boolean(),
        fc.nat(),
        fc.nat(),
        (pieces, bom, i, j) => {
          const raw = pieces.join("");
          const map = mapPositions((bom ? "\uFEFF" : "") + raw);
          expect(map.text).toBe(canonicalText(raw));
          const bounds = [0];
          for (const p of pieces) bounds.push((bounds.at(-1) as number) + p.length);
          const a = bounds[i % bounds.length] as number;
          const b = bounds[j % bounds.length] as number;
          const [s, e] = a <= b ? [a, b] : [b, a];
          if (s === e) return; // empty selections are refused before mapping
          const slice = map.text.slice(map.toCanonical(s, "start"), map.toCanonical(e, "end"));
          expect(slice).toBe(canonicalText(raw.slice(s, e)));
        },
      ),
      { seed: 20261121, numRuns: 500 },
    );
  });
});
