/**
 * Percent agreement for any number of coders, as DKPro and NLTK (`avg_Ao`) and ReCal report it: the
 * mean over coder pairs of the share of units on which the pair agrees. With two coders it is the
 * plain share of units with equal codes. Memory is O(coders²), whatever the number of units.
 */
import { QuireError } from "@quire/core";
import { checkValue, isPresent, type MaybeValue, type UndefinedReason } from "./values.js";

/**
 * How pairs are combined. `"mean-of-pairs"` (default): the mean over coder pairs of each pair's
 * agreement, over the units both coded. `"pooled"`: Σ_u agreeing pairs / Σ_u C(m_u, 2). The two differ
 * only when data are missing.
 */
export type PercentPooling = "mean-of-pairs" | "pooled";

/** Percent agreement with its parts. */
export interface PercentAgreementResult {
  measure: "percent-agreement";
  pooling: PercentPooling;
  /** Agreement in [0, 1], or null when no two coders coded a common unit. */
  value: number | null;
  undefinedReason: UndefinedReason | null;
  /** Units added. */
  units: number;
  /** Units with at least two values. */
  pairableUnits: number;
  /** Coder pairs with at least one common unit. */
  coderPairs: number;
  /** Pairs of values compared, pooled over units. */
  comparedPairs: number;
  /** Pairs of equal values, pooled over units. */
  agreeingPairs: number;
}

/** Streams units into percent agreement. */
export interface PercentAgreementAccumulator {
  /**
   * Adds one unit: values by coder position (`null` = missing). Positions must mean the same coder in
   * every unit, because pairs are tracked per coder pair.
   * `weight` counts the unit that many times (a stretch of text as its length in characters).
   * @throws QuireError("invalid_input") for a non-finite number or a weight that is not > 0.
   */
  add(unitValues: readonly MaybeValue[], weight?: number): void;
  result(): PercentAgreementResult;
}

/** Creates a percent-agreement accumulator. Default pooling: `"mean-of-pairs"`. */
export function createPercentAgreementAccumulator(
  pooling: PercentPooling = "mean-of-pairs",
): PercentAgreementAccumulator {
  if (pooling !== "mean-of-pairs" && pooling !== "pooled") {
    throw new QuireError(
      "invalid_input",
      `Unknown pooling for percent agreement: ${String(pooling)}.`,
    );
  }
  // Per coder pair "i,j" (i < j): [units both coded, units they agreed on].
  const pairs = new Map<string, [number, number]>();
  let units = 0;
  let pairableUnits = 0;
  let comparedPairs = 0;
  let agreeingPairs = 0;

  return {
    add(unitValues, weight = 1) {
      if (!(Number.isFinite(weight) && weight > 0))
        throw new QuireError("invalid_input", `A unit's weight must be > 0, got ${weight}.`);
      units += weight;
      let present = 0;
      for (let i = 0; i < unitValues.length; i++) {
        const a = unitValues[i];
        if (!isPresent(a)) continue;
        checkValue(a);
        present++;
        for (let j = i + 1; j < unitValues.length; j++) {
          const b = unitValues[j];
          if (!isPresent(b)) continue;
          const key = `${i},${j}`;
          const tally = pairs.get(key) ?? [0, 0];
          tally[0] += weight;
          comparedPairs += weight;
          if (a === b) {
            tally[1] += weight;
            agreeingPairs += weight;
          }
          pairs.set(key, tally);
        }
      }
      if (present >= 2) pairableUnits += weight;
    },
    result() {
      const base = {
        measure: "percent-agreement" as const,
        pooling,
        units,
        pairableUnits,
        coderPairs: pairs.size,
        comparedPairs,
        agreeingPairs,
      };
      if (comparedPairs === 0) return { ...base, value: null, undefinedReason: "no-data" };
      let value: number;
      if (pooling === "pooled") value = agreeingPairs / comparedPairs;
      else {
        let sum = 0;
        for (const [both, agreed] of pairs.values()) sum += agreed / both;
        value = sum / pairs.size;
      }
      return { ...base, value, undefinedReason: null };
    },
  };
}

/**
 * Percent agreement of units given as arrays of values by coder position (`null` = missing).
 * Undefined (null, `no-data`) when no unit has two values.
 * @throws QuireError("invalid_input") for a non-finite number.
 */
export function percentAgreement(
  units: Iterable<readonly MaybeValue[]>,
  pooling: PercentPooling = "mean-of-pairs",
): PercentAgreementResult {
  const accumulator = createPercentAgreementAccumulator(pooling);
  for (const unit of units) accumulator.add(unit);
  return accumulator.result();
}

/** Counts for NVivo's per-code, per-source percentage agreement, in its units (e.g. characters). */
export interface CoverageCounts {
  totalUnits: number;
  codedByBoth: number;
  codedByNeither: number;
}

/**
 * NVivo's "percentage agreement" for one code in one source: (units coded by both + units coded by
 * neither) / total units. Undefined when the source has no units.
 * @throws QuireError("invalid_input") for negative counts or counts exceeding the total.
 */
export function coveragePercentAgreement(counts: CoverageCounts): {
  measure: "coverage-percent-agreement";
  value: number | null;
  undefinedReason: UndefinedReason | null;
} & CoverageCounts {
  const { totalUnits, codedByBoth, codedByNeither } = counts;
  if (
    [totalUnits, codedByBoth, codedByNeither].some((n) => !(Number.isFinite(n) && n >= 0)) ||
    codedByBoth + codedByNeither > totalUnits
  ) {
    throw new QuireError(
      "invalid_input",
      "Coverage counts must be non-negative, and coded-by-both plus coded-by-neither cannot exceed the total.",
    );
  }
  const base = { measure: "coverage-percent-agreement" as const, ...counts };
  if (totalUnits === 0) return { ...base, value: null, undefinedReason: "no-data" };
  return { ...base, value: (codedByBoth + codedByNeither) / totalUnits, undefinedReason: null };
}
