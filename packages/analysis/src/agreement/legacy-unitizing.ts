/**
 * Krippendorff's older unitizing αU (Krippendorff 1995, "On the reliability of unitizing contiguous
 * data"; Content Analysis 2004, §12.4), the measure DKPro Statistics and INCEpTION report as
 * "Krippendorff's αU". Each category is judged on its own continuum (units of different categories may
 * overlap), by squared differences of unit boundaries; the overall value averages the categories'
 * disagreements. Kept for comparability with those tools; prefer uα for new studies.
 */
import { QuireError } from "@quire/core";
import type { CodeValue, UndefinedReason } from "./values.js";

/** One unit on a legacy continuum, half-open [start, end), whole-number positions. */
export interface LegacyUnit {
  start: number;
  end: number;
  value: CodeValue;
}

/** A continuum [start, start + length) and each coder's units on it, one array per coder. */
export interface LegacyContinuum {
  start: number;
  length: number;
  coders: readonly (readonly LegacyUnit[])[];
}

/** αU for one category. */
export interface LegacyCategoryResult {
  category: CodeValue;
  value: number | null;
  undefinedReason: UndefinedReason | null;
  observedDisagreement: number;
  expectedDisagreement: number;
}

/** αU with its parts. */
export interface LegacyUnitizingResult {
  measure: "legacy-unitizing-alpha";
  value: number | null;
  undefinedReason: UndefinedReason | null;
  /** Mean over categories of D_o(c). */
  observedDisagreement: number | null;
  /** Mean over categories of D_e(c). */
  expectedDisagreement: number | null;
  categories: LegacyCategoryResult[];
}

interface Span {
  start: number;
  length: number;
  unit: boolean;
}

/**
 * Krippendorff's 1995/2004 αU. Undefined (null) with no units at all (`no-data`) or, overall or per
 * category, when D_e = 0 (`no-variation`). DKPro returns 0.0 for a category whose D_o equals D_e,
 * including 0/0; here 0/0 is null.
 * @throws QuireError("invalid_input") for fewer than two coders, positions that are not whole numbers,
 *   units outside the continuum, or two units of one coder and one category that overlap.
 */
export function legacyUnitizingAlpha(continuum: LegacyContinuum): LegacyUnitizingResult {
  const { start, length, coders } = continuum;
  if (coders.length < 2) {
    throw new QuireError("invalid_input", `αU needs at least two coders, got ${coders.length}.`);
  }
  if (!(Number.isInteger(start) && Number.isInteger(length) && length > 0)) {
    throw new QuireError(
      "invalid_input",
      "αU needs a continuum with a whole-number start and a length ≥ 1.",
    );
  }
  const categories: CodeValue[] = [];
  for (const units of coders) {
    for (const unit of units) {
      if (!(Number.isInteger(unit.start) && Number.isInteger(unit.end))) {
        throw new QuireError(
          "invalid_input",
          `αU needs whole-number positions, got [${unit.start}, ${unit.end}).`,
        );
      }
      if (unit.start < start || unit.end > start + length || unit.end < unit.start) {
        throw new QuireError(
          "invalid_input",
          `A unit [${unit.start}, ${unit.end}) lies outside the continuum.`,
        );
      }
      if (!categories.includes(unit.value)) categories.push(unit.value);
    }
  }
  const perCategory = categories.map((category): LegacyCategoryResult => {
    const unitsByCoder = coders.map((units) =>
      units
        .filter((unit) => unit.value === category)
        .sort((a, b) => a.start - b.start || a.end - b.end),
    );
    for (const units of unitsByCoder) {
      for (let i = 1; i < units.length; i++) {
        if ((units[i] as LegacyUnit).start < (units[i - 1] as LegacyUnit).end) {
          throw new QuireError(
            "invalid_input",
            `Two units of category ${JSON.stringify(category)} by one coder overlap.`,
          );
        }
      }
    }
    const observed = observedDisagreement(unitsByCoder, start, length);
    const expected = expectedDisagreement(unitsByCoder, start, length);
    return {
      category,
      ...ratio(observed, expected),
      observedDisagreement: observed,
      expectedDisagreement: expected,
    };
  });
  if (perCategory.length === 0) {
    return {
      measure: "legacy-unitizing-alpha",
      value: null,
      undefinedReason: "no-data",
      observedDisagreement: null,
      expectedDisagreement: null,
      categories: [],
    };
  }
  const mean = (pick: (c: LegacyCategoryResult) => number) =>
    perCategory.reduce((sum, c) => sum + pick(c), 0) / perCategory.length;
  const observed = mean((c) => c.observedDisagreement);
  const expected = mean((c) => c.expectedDisagreement);
  return {
    measure: "legacy-unitizing-alpha",
    ...ratio(observed, expected),
    observedDisagreement: observed,
    expectedDisagreement: expected,
    categories: perCategory,
  };
}

function ratio(
  observed: number,
  expected: number,
): { value: number | null; undefinedReason: UndefinedReason | null } {
  if (expected === 0) return { value: null, undefinedReason: "no-variation" };
  return { value: 1 - observed / expected, undefinedReason: null };
}

/**
 * D_o(c) = 2 / (m(m−1) L²) Σ_{coder pairs} Σ δ²(sections), walking both coders' partitions of the
 * continuum (units and gaps) in step, as Krippendorff (1995) and DKPro's reference do. The walk stops
 * once neither coder has a unit left to enter, so trailing gaps add nothing.
 */
function observedDisagreement(
  unitsByCoder: readonly LegacyUnit[][],
  start: number,
  length: number,
): number {
  const m = unitsByCoder.length;
  const end = start + length;
  let sum = 0;
  for (let r1 = 0; r1 < m; r1++) {
    for (let r2 = r1 + 1; r2 < m; r2++) {
      const units1 = unitsByCoder[r1] ?? [];
      const units2 = unitsByCoder[r2] ?? [];
      let next1 = 0;
      let next2 = 0;
      let span1: Span = { start, length: 0, unit: false };
      let span2: Span = { start, length: 0, unit: false };
      let position = start;
      while (position < end && (next1 < units1.length || next2 < units2.length)) {
        if (position === span1.start + span1.length) {
          [span1, next1] = nextSpan(units1, next1, position, end);
        }
        if (position === span2.start + span2.length) {
          [span2, next2] = nextSpan(units2, next2, position, end);
        }
        sum += spanDistance(span1, span2);
        position = Math.min(span1.start + span1.length, span2.start + span2.length);
      }
    }
  }
  return (2 * sum) / (m * (m - 1) * length * length);
}

/** The unit starting at `position`, or the gap up to the next unit (or the continuum's end). */
function nextSpan(
  units: readonly LegacyUnit[],
  next: number,
  position: number,
  end: number,
): [Span, number] {
  const unit = units[next];
  if (unit && unit.start === position) {
    return [{ start: position, length: unit.end - unit.start, unit: true }, next + 1];
  }
  return [{ start: position, length: (unit ? unit.start : end) - position, unit: false }, next];
}

/**
 * δ² of Krippendorff (1995): two overlapping units differ by their squared start and end offsets; a
 * unit lying wholly inside the other coder's gap costs its squared length; anything else costs 0.
 */
function spanDistance(a: Span, b: Span): number {
  const startDiff = a.start - b.start;
  const lengthDiff = a.length - b.length;
  if (a.unit && b.unit && -a.length < startDiff && startDiff < b.length) {
    return startDiff ** 2 + (startDiff + lengthDiff) ** 2;
  }
  if (a.unit && !b.unit && startDiff >= 0 && -lengthDiff >= startDiff) return a.length ** 2;
  if (!a.unit && b.unit && startDiff <= 0 && -lengthDiff <= startDiff) return b.length ** 2;
  return 0;
}

/**
 * D_e(c) of Krippendorff (1995): the disagreement over all ways of placing the observed units in the
 * observed gaps, 2/L Σ_units [(N_c−1)(2ℓ³−3ℓ²+ℓ)/3 + ℓ² Σ_{gaps g ≥ ℓ} (g−ℓ+1)] / (mL(mL−1) − Σ ℓ(ℓ−1)).
 */
function expectedDisagreement(
  unitsByCoder: readonly LegacyUnit[][],
  start: number,
  length: number,
): number {
  const m = unitsByCoder.length;
  const all = unitsByCoder.flat();
  const count = all.length;
  let squaredLengths = 0;
  for (const unit of all) {
    const size = unit.end - unit.start;
    squaredLengths += size * (size - 1);
  }
  const gaps: number[] = [];
  for (const units of unitsByCoder) {
    let position = start;
    for (const unit of units) {
      if (unit.start > position) gaps.push(unit.start - position);
      position = unit.end;
    }
    if (position < start + length) gaps.push(start + length - position);
  }
  let sum = 0;
  for (const unit of all) {
    const size = unit.end - unit.start;
    sum += ((count - 1) * (2 * size ** 3 - 3 * size ** 2 + size)) / 3;
    let placements = 0;
    for (const gap of gaps) if (gap >= size) placements += gap - size + 1;
    sum += size * size * placements;
  }
  const denominator = m * length * (m * length - 1) - squaredLengths;
  return ((2 / length) * sum) / denominator;
}
