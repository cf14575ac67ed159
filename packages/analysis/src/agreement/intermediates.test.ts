/**
 * The published intermediate numbers of the vector cases (coincidences, D_o, D_e, p_o, p_e,
 * per-category values), so a right answer reached by a wrong route would still fail.
 */
import { readFileSync } from "node:fs";
import {
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  legacyUnitizingAlpha,
  type MaybeValue,
  unitsFromCoderRows,
} from "@quire/analysis";
import { describe, expect, it } from "vitest";

interface Vector {
  id: string;
  data: unknown;
  intermediate?: Record<string, number | Record<string, number>>;
}
const vectors = JSON.parse(
  readFileSync(new URL("./fixtures/vectors.json", import.meta.url), "utf8"),
) as Vector[];
const vector = (id: string): Vector => {
  const found = vectors.find((v) => v.id === id);
  if (!found) throw new Error(`missing vector ${id}`);
  return found;
};
const unitsOf = (id: string) => unitsFromCoderRows(vector(id).data as MaybeValue[][]);

describe("published intermediate values", () => {
  it("Krippendorff (2011) 4×12 example: n = 40 over 11 pairable units, o_ck, D_o, D_e", () => {
    const result = krippendorffAlpha(unitsOf("ka-k2011-nominal"), "nominal");
    expect(result.pairableValues).toBe(40);
    expect(result.pairableUnits).toBe(11);
    expect(result.units).toBe(12);
    const at = (c: number, k: number) =>
      result.coincidences?.[result.categories.indexOf(c)]?.[result.categories.indexOf(k)];
    expect(at(1, 1)).toBeCloseTo(7, 12);
    expect(at(2, 2)).toBeCloseTo(10, 12);
    expect(at(3, 3)).toBeCloseTo(8, 12);
    expect(at(4, 4)).toBeCloseTo(4, 12);
    expect(at(5, 5)).toBeCloseTo(3, 12);
    expect(at(1, 2)).toBeCloseTo(4 / 3, 12);
    expect(result.observedDisagreement).toBeCloseTo(0.2, 3);
    expect(result.expectedDisagreement).toBeCloseTo(0.779, 3);
  });

  it("Krippendorff (2004) p.224 binary example: D_o = 0.4, D_e ≈ 0.442", () => {
    const result = krippendorffAlpha(unitsOf("ka-k2004-binary"), "nominal");
    expect(result.observedDisagreement).toBeCloseTo(0.4, 12);
    expect(result.expectedDisagreement).toBeCloseTo(0.442, 3);
  });

  it("Artstein & Poesio (2008) p.568: α D_o = 0.12, D_e ≈ 0.601", () => {
    const result = krippendorffAlpha(unitsOf("ka-artstein-poesio-2008-ex2-nominal"), "nominal");
    expect(result.observedDisagreement).toBeCloseTo(0.12, 12);
    // The exact D_e is 0.60161 (α = 0.80053 confirms it); the paper truncates it to .601.
    expect(Math.abs((result.expectedDisagreement ?? 0) - 0.601)).toBeLessThan(0.001);
  });

  it("Cohen (1960) p.45: p_o = 0.70, p_e = 0.41", () => {
    const result = cohenKappa(unitsOf("ck-cohen1960-p45"));
    expect(result.observedAgreement).toBeCloseTo(0.7, 12);
    expect(result.expectedAgreement).toBeCloseTo(0.41, 12);
  });

  it("Fleiss (1971) p.379: P̄ ≈ .5556, P̄_e ≈ .2201, per-category κ within DKPro's ±0.005", () => {
    const result = fleissKappa(unitsOf("fk-fleiss1971-diagnoses"));
    expect(result.observedAgreement).toBeCloseTo(0.5556, 4);
    // Fleiss sums the squares of his rounded p_j (.144, .144, .167, .306, .239) to .2201; the exact
    // value is .21994, which κ = 0.4302445 (asserted to 5e-8 in the vectors) confirms.
    expect(Math.abs((result.expectedAgreement ?? 0) - 0.2201)).toBeLessThan(0.0002);
    const published = vector("fk-fleiss1971-diagnoses").intermediate?.category_kappas as Record<
      string,
      number
    >;
    for (const [category, kappa] of Object.entries(published)) {
      const mine = result.categories.find((c) => String(c.category) === category)?.kappa;
      expect(Math.abs((mine ?? Number.NaN) - kappa)).toBeLessThanOrEqual(0.005);
    }
  });

  it("Krippendorff (2004) p.254 αU per category: c ≈ 0.7286 (D_o .0144, D_e .0532), k = 1", () => {
    const data = vector("alphaU-k2004-p254-overall").data as {
      continuum_start: number;
      continuum_length: number;
      coders: Record<string, { offset: number; length: number; value: string }[]>;
    };
    const result = legacyUnitizingAlpha({
      start: data.continuum_start,
      length: data.continuum_length,
      coders: Object.values(data.coders).map((units) =>
        units.map((u) => ({ start: u.offset, end: u.offset + u.length, value: u.value })),
      ),
    });
    const c = result.categories.find((x) => x.category === "c");
    const k = result.categories.find((x) => x.category === "k");
    expect(c?.value).toBeCloseTo(0.7286, 4);
    expect(c?.observedDisagreement).toBeCloseTo(0.0144, 4);
    expect(c?.expectedDisagreement).toBeCloseTo(0.0532, 4);
    expect(k?.value).toBe(1);
    expect(k?.expectedDisagreement).toBeCloseTo(0.049, 3);
  });
});
