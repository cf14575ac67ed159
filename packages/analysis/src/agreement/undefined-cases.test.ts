/**
 * The undefined and degenerate cases each measure defines, and the input it refuses. README-formulas
 * §3 lists what the sources do; these tests pin what Quire does.
 */
import {
  agreementFromTable,
  binaryUnitizedAlpha,
  cohenKappa,
  createAlphaAccumulator,
  fleissKappa,
  gamma,
  krippendorffAlpha,
  legacyUnitizingAlpha,
  percentAgreement,
  scottPi,
  unitizedAlpha,
  weightedKappa,
} from "@quire/analysis";
import { QuireError } from "@quire/core";
import { describe, expect, it } from "vitest";

const invalid = (run: () => unknown, message: RegExp) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(QuireError);
    expect((error as QuireError).kind).toBe("invalid_input");
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error("expected a QuireError");
};

describe("Krippendorff's α undefined cases", () => {
  it("no pairable unit: null with reason no-data, never NaN", () => {
    const result = krippendorffAlpha([[1, null], [null, 2], []], "interval");
    expect(result.value).toBeNull();
    expect(result.undefinedReason).toBe("no-data");
    expect(result.pairableValues).toBe(0);
  });

  it("one value only: 1 by DKPro's convention, flagged; null when asked", () => {
    const units = [
      ["A", "A"],
      ["A", "A", null],
    ];
    const one = krippendorffAlpha(units);
    expect(one.value).toBe(1);
    expect(one.noVariation).toBe(true);
    const asNull = krippendorffAlpha(units, "nominal", { singleValue: "null" });
    expect(asNull.value).toBeNull();
    expect(asNull.undefinedReason).toBe("no-variation");
  });

  it("a single unit with differing values gives exactly 0 (observed = expected)", () => {
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
      expect(krippendorffAlpha([[1, 2, 3]], level).value).toBeCloseTo(0, 12);
    }
  });

  it("a lone value does not enter the ordinal marginals", () => {
    const withLone = krippendorffAlpha(
      [
        [1, 2],
        [2, 3],
        [3, 3],
        [9, null],
      ],
      "ordinal",
    );
    const without = krippendorffAlpha(
      [
        [1, 2],
        [2, 3],
        [3, 3],
      ],
      "ordinal",
    );
    expect(withLone.value).toBe(without.value);
    expect(withLone.categories).not.toContain(9);
  });

  it("declared but unused ordinal categories change nothing", () => {
    const units = [
      ["low", "mid"],
      ["mid", "mid"],
      ["high", "mid"],
      ["high", "high"],
    ];
    const tight = krippendorffAlpha(units, "ordinal", { categories: ["low", "mid", "high"] });
    const loose = krippendorffAlpha(units, "ordinal", {
      categories: ["none", "low", "mid", "very", "high"],
    });
    expect(loose.value).toBeCloseTo(tight.value ?? Number.NaN, 12);
  });

  it("refuses text at interval level, negative ratios, unordered ordinal text and bad weights", () => {
    invalid(() => krippendorffAlpha([["a", "b"]], "interval"), /interval α needs numbers/);
    invalid(() => krippendorffAlpha([[-1, 2]], "ratio"), /ratio α needs values ≥ 0/);
    invalid(() => krippendorffAlpha([["a", "b"]], "ordinal"), /declare the order/);
    invalid(() => createAlphaAccumulator("nominal").add([1, 2], 0), /positive number/);
    invalid(() => krippendorffAlpha([[Number.NaN, 1]]), /finite number/);
  });
});

describe("two-coder coefficients", () => {
  it("κ and π are null (no-variation) when both coders use one category throughout", () => {
    const units = [
      [1, 1],
      [1, 1],
    ];
    expect(cohenKappa(units)).toMatchObject({ value: null, undefinedReason: "no-variation" });
    expect(scottPi(units)).toMatchObject({ value: null, undefinedReason: "no-variation" });
    expect(weightedKappa(units, { weights: "linear" }).value).toBeNull();
  });

  it("skips units a coder left empty and reports them", () => {
    const result = cohenKappa([
      [1, 1],
      [2, 2],
      [1, null],
      [null, null],
    ]);
    expect(result.units).toBe(2);
    expect(result.skippedUnits).toBe(2);
    expect(result.value).toBe(1);
    expect(cohenKappa([[1, null]])).toMatchObject({ value: null, undefinedReason: "no-data" });
  });

  it("refuses a third coder and unordered text for weighted κ", () => {
    invalid(() => cohenKappa([[1, 2, 3]]), /exactly two coders/);
    invalid(() => weightedKappa([["a", "b"]], { weights: "linear" }), /declare the order/);
  });
});

describe("Fleiss' κ missing data", () => {
  it("rejects a missing rating by default and drops the unit when asked, as irr does", () => {
    const units = [
      [1, 1, 2],
      [2, 2, 2],
      [1, null, 1],
    ];
    invalid(() => fleissKappa(units), /missing/);
    const dropped = fleissKappa(units, { missing: "drop-unit" });
    expect(dropped.droppedUnits).toBe(1);
    expect(dropped.value).toBeCloseTo(fleissKappa(units.slice(0, 2)).value ?? Number.NaN, 12);
  });

  it("rejects units with different numbers of ratings", () => {
    invalid(
      () =>
        fleissKappa([
          [1, 2, 1],
          [1, 2],
        ]),
      /same number of ratings/,
    );
  });
});

describe("percent agreement", () => {
  it("mean over coder pairs differs from pooled pairs only with missing data", () => {
    const complete = [
      [1, 1, 2],
      [2, 2, 2],
      [1, 2, 1],
    ];
    expect(percentAgreement(complete).value).toBeCloseTo(
      percentAgreement(complete, "pooled").value ?? Number.NaN,
      12,
    );
    const gappy = [
      [1, 1, null],
      [2, 2, 2],
      [1, 2, 1],
    ];
    expect(percentAgreement(gappy).value).not.toBeCloseTo(
      percentAgreement(gappy, "pooled").value ?? Number.NaN,
      6,
    );
  });
});

describe("unitized measures", () => {
  it("a study where nobody coded anything has no variation: null", () => {
    const result = unitizedAlpha([{ length: 10, coders: [[], []] }]);
    expect(result).toMatchObject({ value: null, undefinedReason: "no-variation" });
    expect(unitizedAlpha([])).toMatchObject({ value: null, undefinedReason: "no-data" });
  });

  it("identical codings give 1; zero-length segments are ignored", () => {
    const coding = [
      { start: 0, end: 3, value: "x" },
      { start: 5, end: 9, value: "y" },
      { start: 9, end: 9, value: "y" },
    ];
    expect(unitizedAlpha([{ length: 12, coders: [coding, coding.slice(0, 2)] }]).value).toBeCloseTo(
      1,
      12,
    );
    expect(binaryUnitizedAlpha([{ length: 12, coders: [coding, coding] }]).value).toBeCloseTo(
      1,
      12,
    );
  });

  it("refuses overlapping segments of one coder and a single coder", () => {
    const overlapping = [
      { start: 0, end: 5, value: "x" },
      { start: 4, end: 6, value: "y" },
    ];
    invalid(() => unitizedAlpha([{ length: 10, coders: [overlapping, []] }]), /overlapping/);
    invalid(() => unitizedAlpha([{ length: 10, coders: [[]] }]), /at least two coders/);
  });

  it("legacy αU: no units at all is null (no-data)", () => {
    expect(legacyUnitizingAlpha({ start: 0, length: 10, coders: [[], []] })).toMatchObject({
      value: null,
      undefinedReason: "no-data",
    });
  });

  it("γ of identical annotations is 1 and reproducible for a seed", () => {
    const units = ["A", "B"].flatMap((coder) => [
      { coder, value: "a", start: 1, end: 5 },
      { coder, value: "b", start: 10, end: 15 },
    ]);
    const first = gamma(units, { seed: 3, samples: 5 });
    expect(first.value).toBe(1);
    expect(gamma(units, { seed: 3, samples: 5 })).toEqual(first);
  });
});

describe("ratings table", () => {
  it("names the problem: too many coders, missing for Fleiss, text for interval α, ragged rows", () => {
    const three = [
      ["a", "b", "a"],
      ["b", "b", "b"],
    ];
    invalid(
      () => agreementFromTable(three, { measure: "cohen" }),
      /exactly two coders.*3 coder columns/,
    );
    invalid(
      () => agreementFromTable([["a", "b", null]], { measure: "fleiss" }),
      /row 1, column 3 is empty/,
    );
    invalid(
      () =>
        agreementFromTable(
          [
            ["1", "2"],
            ["3", "four"],
          ],
          { measure: "alpha", level: "interval" },
        ),
      /row 2, column 2 holds "four"/,
    );
    invalid(
      () => agreementFromTable([["1", "2"], ["3"]], { measure: "percent" }),
      /Row 2 has 1 columns/,
    );
    invalid(() => agreementFromTable([["1", "2"]], { measure: "weighted-cohen" }), /needs weights/);
    invalid(
      () => agreementFromTable([["a", "b"]], { measure: "nope" as "alpha" }),
      /Unknown agreement measure/,
    );
  });

  it("reads numeric text for interval α and treats blank cells as missing", () => {
    const table = [
      ["1", "1"],
      ["2", " 2 "],
      ["3", ""],
      ["4", "3"],
    ];
    const fromTable = agreementFromTable(table, { measure: "alpha", level: "interval" });
    const direct = krippendorffAlpha(
      [
        [1, 1],
        [2, 2],
        [3, null],
        [4, 3],
      ],
      "interval",
    );
    expect(fromTable.value).toBe(direct.value);
  });

  it("computes every measure on a two-coder table", () => {
    const table = [
      ["1", "1"],
      ["2", "2"],
      ["3", "2"],
      ["2", "2"],
      ["1", "3"],
    ];
    for (const measure of ["percent", "cohen", "scott", "bennett", "fleiss", "alpha"] as const) {
      const result = agreementFromTable(table, { measure });
      expect(typeof result.value).toBe("number");
    }
    const weighted = agreementFromTable(table, { measure: "weighted-cohen", weights: "quadratic" });
    expect(weighted.value).toBeCloseTo(
      weightedKappa(
        [
          [1, 1],
          [2, 2],
          [3, 2],
          [2, 2],
          [1, 3],
        ],
        { weights: "quadratic" },
      ).value ?? Number.NaN,
      12,
    );
  });
});
