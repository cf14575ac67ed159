/**
 * Every published test vector in the shared reliability file, one test each, asserted within the
 * case's own tolerance. The file is read in place when the shared folder is present; otherwise from
 * the copy in fixtures/, so the suite also runs without it.
 */
import { existsSync, readFileSync } from "node:fs";
import {
  type AlphaLevel,
  bennettS,
  binaryUnitizedAlpha,
  cohenKappa,
  coveragePercentAgreement,
  fleissKappa,
  fleissKappaFromCounts,
  gamma,
  gammaBestAlignment,
  krippendorffAlpha,
  legacyUnitizingAlpha,
  type MaybeValue,
  percentAgreement,
  scottPi,
  type UnitizedSegment,
  unitizedAlpha,
  unitsFromCoderRows,
  weightedKappa,
} from "@quire/analysis";
import { describe, expect, it } from "vitest";
import { sharedPath } from "../../../../test-support/shared-data.js";

const relative = "data/reliability/vectors.json";
const fixture = new URL("./fixtures/vectors.json", import.meta.url);
const source = existsSync(sharedPath(relative)) ? sharedPath(relative) : fixture;

interface Vector {
  id: string;
  measure: string;
  level: string;
  data: unknown;
  counts?: number[][];
  expected: number | null;
  tolerance: number | null;
  source: string[];
  weights?: string;
  category_scores?: number[];
  intermediate?: Record<string, unknown>;
  expected_alignment_count?: number;
}

const vectors = JSON.parse(readFileSync(source, "utf8")) as Vector[];

function units(vector: Vector): MaybeValue[][] {
  return unitsFromCoderRows(vector.data as MaybeValue[][]);
}

interface Segments {
  continuum_length: number;
  index_base: number;
  end_inclusive: boolean;
  coders: Record<string, { start: number; end: number; value: string }[]>;
}

/** The book's figure numbers positions 1..L with inclusive ends; ours are 0-based and half-open. */
function continuumOf(data: Segments) {
  return {
    length: data.continuum_length,
    coders: Object.values(data.coders).map((segments) =>
      segments.map(
        (s): UnitizedSegment => ({
          start: s.start - data.index_base,
          end: s.end - data.index_base + (data.end_inclusive ? 1 : 0),
          value: s.value,
        }),
      ),
    ),
  };
}

/** The value each case's measure yields on its data. */
function compute(vector: Vector): number | null {
  const { measure } = vector;
  if (measure === "krippendorff_alpha") {
    return krippendorffAlpha(units(vector), vector.level as AlphaLevel).value;
  }
  if (measure === "cohen_kappa") return cohenKappa(units(vector)).value;
  if (measure === "cohen_kappa_weighted") {
    return weightedKappa(units(vector), {
      weights: vector.weights as "linear" | "quadratic",
      ...(vector.category_scores ? { categories: vector.category_scores } : {}),
    }).value;
  }
  if (measure === "scott_pi") return scottPi(units(vector)).value;
  if (measure === "bennett_s") return bennettS(units(vector)).value;
  if (measure === "percent_agreement") return percentAgreement(units(vector)).value;
  if (measure === "fleiss_kappa") {
    const fromRatings = fleissKappa(units(vector)).value;
    if (vector.counts)
      expect(fleissKappaFromCounts(vector.counts).value).toBeCloseTo(fromRatings ?? Number.NaN, 12);
    return fromRatings;
  }
  if (measure === "percent_agreement_nvivo") {
    const data = vector.data as {
      total_units: number;
      coded_by_both: number;
      coded_by_neither: number;
    };
    return coveragePercentAgreement({
      totalUnits: data.total_units,
      codedByBoth: data.coded_by_both,
      codedByNeither: data.coded_by_neither,
    }).value;
  }
  if (measure === "u_alpha") return unitizedAlpha([continuumOf(vector.data as Segments)]).value;
  if (measure.startsWith("binary_u_alpha")) {
    return binaryUnitizedAlpha([continuumOf(vector.data as Segments)]).value;
  }
  if (measure.startsWith("alpha_U_pre2016")) return legacyAlpha(vector).value;
  if (measure.startsWith("gamma_best_alignment_disorder")) {
    // The value comes from an early pygamma-agreement test, whose disorder was the mean over unitary
    // alignments; later releases divide by mean units per coder (Mathet et al. 2015) and assert 0.96.
    const best = gammaBestAlignment(gammaUnits(vector), {
      ...gammaOptions(vector.level),
      normalization: "alignments",
    });
    if (vector.expected_alignment_count !== undefined) {
      expect(best.alignments.length).toBe(vector.expected_alignment_count);
    }
    return best.disorder;
  }
  if (measure.startsWith("gamma"))
    return gamma(gammaUnits(vector), gammaOptions(vector.level)).value;
  throw new Error(`no implementation for measure ${measure}`);
}

function legacyAlpha(vector: Vector) {
  const data = vector.data as {
    continuum_start: number;
    continuum_length: number;
    coders: Record<string, { offset: number; length: number; value: string }[]>;
  };
  return legacyUnitizingAlpha({
    start: data.continuum_start,
    length: data.continuum_length,
    coders: Object.values(data.coders).map((units) =>
      units.map((u) => ({ start: u.offset, end: u.offset + u.length, value: u.value })),
    ),
  });
}

function gammaUnits(vector: Vector) {
  const data = vector.data as { unit_encoding: string; units: (string | number)[][] };
  const categoryFirst = data.unit_encoding.startsWith("annotator,category");
  return data.units.map((row) => {
    const [coder, a, b, c] = row;
    return categoryFirst
      ? { coder: String(coder), value: a as string | number, start: Number(b), end: Number(c) }
      : { coder: String(coder), value: c as string | number, start: Number(a), end: Number(b) };
  });
}

function gammaOptions(level: string) {
  const number = (name: string) => Number(new RegExp(`${name}=([0-9.]+)`).exec(level)?.[1]);
  return {
    alpha: number("alpha"),
    beta: number("beta"),
    deltaEmpty: number("delta_empty"),
    seed: 7,
  };
}

describe("published agreement vectors", () => {
  it("has the cases the formulas file describes", () => {
    expect(vectors.length).toBeGreaterThan(0);
  });

  it("keeps the fixture copy identical to the shared file", () => {
    if (!existsSync(sharedPath(relative))) return;
    // Compared as data: the copy is reformatted by the repository's formatter.
    expect(JSON.parse(readFileSync(fixture, "utf8"))).toEqual(
      JSON.parse(readFileSync(sharedPath(relative), "utf8")),
    );
  });

  for (const vector of vectors) {
    const citation = vector.source[0] ?? "no source";
    it(`${vector.id}: ${citation}`, () => {
      const value = compute(vector);
      if (vector.expected === null) {
        expect(value).toBeNull();
        return;
      }
      expect(value).not.toBeNull();
      expect(Math.abs((value as number) - vector.expected)).toBeLessThanOrEqual(
        (vector.tolerance ?? 0) + 1e-12,
      );
    });
  }
});
