/**
 * Saturation: the new-codes curve, the Guest et al. (2020) rule on a worked example computed by
 * hand, and the Fugard & Potts (2015) sample size of METHODS SAT-6.
 */
import {
  binomialAtLeast,
  fugardPottsSampleSize,
  guestSaturation,
  type SourceCodes,
  saturationCurve,
} from "@quire/analysis";
import { describe, expect, it } from "vitest";

const letters = (text: string) => text.split("");

/**
 * Ten interviews P01–P10 in collection order. Codes are letters.
 *   P01 abcde  P02 afgh  P03 bij  P04 cklmnopqrst   → the base (b = 4) has a–t: B = 20 codes
 *   P05 au (u new)  P06 vw (v, w new)  P07 abx (x new)  P08 cd  P09 e  P10 ay (y new)
 */
const interviews: SourceCodes[] = [
  "abcde",
  "afgh",
  "bij",
  "cklmnopqrst",
  "au",
  "vw",
  "abx",
  "cd",
  "e",
  "ay",
].map((codes, index) => ({
  sourceId: `s${index + 1}`,
  label: `P${String(index + 1).padStart(2, "0")}`,
  // Collection positions need not be contiguous; only their order matters.
  position: (index + 1) * 10,
  codeIds: letters(codes),
}));

describe("saturation curve", () => {
  it("counts new and repeated codes per source in collection order", () => {
    const curve = saturationCurve([...interviews].reverse());
    expect(curve.map((p) => p.label)).toEqual(interviews.map((s) => s.label));
    expect(curve.map((p) => p.newCodes)).toEqual([5, 3, 2, 10, 1, 2, 1, 0, 0, 1]);
    expect(curve.map((p) => p.cumulative)).toEqual([5, 8, 10, 20, 21, 23, 24, 24, 24, 25]);
    expect(curve[6]).toMatchObject({ codes: 3, newCodes: 1, repeated: 2, newCodeIds: ["x"] });
  });

  it("keeps uncoded sources on the curve and refuses a source listed twice", () => {
    const curve = saturationCurve([
      { sourceId: "a", label: "A", position: 1, codeIds: ["x", "x"] },
      { sourceId: "b", label: "B", position: 2, codeIds: [] },
    ]);
    expect(curve.map((p) => [p.codes, p.newCodes, p.cumulative])).toEqual([
      [1, 1, 1],
      [0, 0, 1],
    ]);
    expect(() =>
      saturationCurve([
        { sourceId: "a", label: "A", position: 1, codeIds: [] },
        { sourceId: "a", label: "A", position: 2, codeIds: [] },
      ]),
    ).toThrow(/twice/);
  });
});

describe("Guest, Namey & Chen 2020", () => {
  it("b=4, r=2, t≤5%: saturation at P06, confirmed by P07–P08 (worked by hand)", () => {
    // Runs slide by one source; new = first seen anywhere so far; denominator = B = 20.
    //   run P05–P06: u + v, w = 3 new → 3/20 = 15% > 5%
    //   run P06–P07: v, w + x = 3 new → 15% > 5%
    //   run P07–P08: x + nothing = 1 new → 1/20 = 5% ≤ 5% → saturation at the source before the
    //   run, P06 (ordinal 6).
    const result = guestSaturation(interviews, { base: 4, run: 2, threshold: 0.05 });
    expect(result.baseCodes).toBe(20);
    expect(result.runs).toEqual([
      { from: 5, to: 6, newCodes: 3, ratio: 0.15 },
      { from: 6, to: 7, newCodes: 3, ratio: 0.15 },
      { from: 7, to: 8, newCodes: 1, ratio: 0.05 },
    ]);
    expect(result.saturated).toBe(true);
    expect(result.at).toEqual({ ordinal: 6, sourceId: "s6", label: "P06" });
    expect(result.confirmedBy).toEqual({ from: 7, to: 8, newCodes: 1, ratio: 0.05 });
    expect(result.statement).toBe(
      'saturation at source 6 "P06" (b=4, r=2, t≤5%): sources 7–8 added 1 new codes, 5% of the base\'s 20',
    );
  });

  it("b=4, r=2, t=0%: one run later, P07, confirmed by P08–P09 (0 new)", () => {
    const result = guestSaturation(interviews, { base: 4, run: 2, threshold: 0 });
    expect(result.at?.label).toBe("P07");
    expect(result.confirmedBy).toEqual({ from: 8, to: 9, newCodes: 0, ratio: 0 });
  });

  it("b=6, r=3, t=0%: base P01–P06 has 23 codes; P07–P09 add x → 1/23; P08–P10 add y → no saturation", () => {
    const result = guestSaturation(interviews, { base: 6, run: 3, threshold: 0 });
    expect(result.baseCodes).toBe(23);
    expect(result.runs.map((r) => [r.from, r.to, r.newCodes])).toEqual([
      [7, 9, 1],
      [8, 10, 1],
    ]);
    expect(result.saturated).toBe(false);
    expect(result.statement).toMatch(/^no saturation \(b=6, r=3, t≤0%\)/);
  });

  it("says when there are too few sources or the base has no codes", () => {
    expect(
      guestSaturation(interviews.slice(0, 5), { base: 4, run: 2, threshold: 0.05 }),
    ).toMatchObject({
      saturated: false,
      statement: expect.stringMatching(/at least 6 needed/),
    });
    const empty = interviews.map((s) => ({ ...s, codeIds: [] }));
    expect(guestSaturation(empty, { base: 4, run: 2, threshold: 0.05 }).statement).toMatch(
      /have no codes/,
    );
  });

  it("rejects impossible settings", () => {
    expect(() => guestSaturation(interviews, { base: 0, run: 2, threshold: 0.05 })).toThrow(/base/);
    expect(() => guestSaturation(interviews, { base: 4, run: 1.5, threshold: 0.05 })).toThrow(
      /run/,
    );
    expect(() => guestSaturation(interviews, { base: 4, run: 2, threshold: 5 })).toThrow(
      /threshold/,
    );
  });
});

describe("Fugard & Potts 2015", () => {
  it("80% power, k = 2, p = 0.10 gives n = 29 (METHODS SAT-6)", () => {
    // P(X ≥ 2) = 1 − 0.9^n − n·0.1·0.9^(n−1): n = 28 → 0.7848, n = 29 → 0.8011.
    const result = fugardPottsSampleSize({ k: 2, p: 0.1, power: 0.8 });
    expect(result.n).toBe(29);
    expect(result.achieved).toBeCloseTo(1 - 0.9 ** 29 - 29 * 0.1 * 0.9 ** 28, 12);
    expect(result.achieved).toBeGreaterThanOrEqual(0.8);
    expect(result.previous).toBeLessThan(0.8);
  });

  it("agrees with closed forms", () => {
    // k = 1: P(X ≥ 1) = 1 − (1−p)^n; smallest n with 1 − 0.9^n ≥ 0.8 is 16 (0.9^16 = 0.185).
    expect(fugardPottsSampleSize({ k: 1, p: 0.1, power: 0.8 }).n).toBe(16);
    expect(binomialAtLeast(10, 0, 0.3)).toBe(1);
    expect(binomialAtLeast(3, 4, 0.3)).toBe(0);
    expect(binomialAtLeast(3, 3, 0.5)).toBeCloseTo(0.125, 15);
    expect(binomialAtLeast(4, 2, 0.5)).toBeCloseTo(11 / 16, 15);
    expect(() => fugardPottsSampleSize({ k: 0, p: 0.1, power: 0.8 })).toThrow(/k must/);
    expect(() => fugardPottsSampleSize({ k: 2, p: 0, power: 0.8 })).toThrow(/p must/);
    expect(() => fugardPottsSampleSize({ k: 2, p: 0.1, power: 1 })).toThrow(/power/);
  });
});
