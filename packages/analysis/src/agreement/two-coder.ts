/**
 * Two-coder coefficients from one contingency table: percent agreement, Cohen's κ (1960), weighted κ
 * (Cohen 1968) with linear or quadratic weights, Scott's π (1955) and Bennett, Alpert & Goldstein's S
 * (1954; Brennan & Prediger's free-marginal κ). The table streams in unit by unit, so memory is
 * O(categories²).
 */
import { QuireError } from "@quire/core";
import {
  CategoryIndex,
  type CodeValue,
  chanceCorrectedAgreement,
  isPresent,
  type MaybeValue,
  orderCategories,
  SparseSquare,
  type UndefinedReason,
} from "./values.js";

/** The parts every two-coder coefficient reports. */
export interface TwoCoderParts {
  /** Units both coders coded (the N of every proportion). */
  units: number;
  /** Units skipped because one or both coders gave no value. */
  skippedUnits: number;
  /** Categories in table order (first appearance, or the declared/numeric order for weighted κ). */
  categories: CodeValue[];
  /** table[i][j]: units coder 1 put in categories[i] and coder 2 in categories[j]. */
  table: number[][];
}

/** A chance-corrected coefficient (κ, π, S) with its agreement parts. */
export interface ChanceCorrectedResult extends TwoCoderParts {
  measure: "cohen-kappa" | "scott-pi" | "bennett-s";
  /** The coefficient, or null when undefined (see `undefinedReason`). */
  value: number | null;
  undefinedReason: UndefinedReason | null;
  /** p_o: share of units with equal codes. Null when no unit was coded by both. */
  observedAgreement: number | null;
  /** p_e: agreement expected by chance under the measure's model. */
  expectedAgreement: number | null;
}

/** Weighted κ with its disagreement parts. */
export interface WeightedKappaResult extends TwoCoderParts {
  measure: "weighted-cohen-kappa";
  weights: KappaWeights;
  value: number | null;
  undefinedReason: UndefinedReason | null;
  /** Σ w_ck p_ck: weighted observed disagreement. */
  observedDisagreement: number | null;
  /** Σ w_ck p_c· p_·k: weighted disagreement expected by chance. */
  expectedDisagreement: number | null;
}

/** Percent agreement of two coders. */
export interface TwoCoderPercentResult extends TwoCoderParts {
  measure: "percent-agreement";
  value: number | null;
  undefinedReason: UndefinedReason | null;
}

/** Disagreement weights on category indices: |i−j| or (i−j)². */
export type KappaWeights = "linear" | "quadratic";

/** Options for weighted κ. */
export interface WeightedKappaOptions {
  weights: KappaWeights;
  /**
   * The ordered categories whose positions are the indices i, j in the weights. Default: the values
   * that occur, sorted as numbers, ranked 0, 1, 2, … (as R irr::kappa2 and scikit-learn do, so a
   * value that never occurs does not widen a gap). Declaring categories that never occur does widen it.
   */
  categories?: readonly CodeValue[];
}

/** Options for Bennett's S. */
export interface BennettOptions {
  /** All possible categories; q is their number. Default: the categories that occur. */
  categories?: readonly CodeValue[];
}

/** Streams pairs of codes into a contingency table. Build one with {@link createTwoCoderAccumulator}. */
export interface TwoCoderAccumulator {
  /**
   * Adds one unit: coder 1's and coder 2's value. A unit where either is missing is skipped, because
   * only units coded by both count.
   * @throws QuireError("invalid_input") for a non-finite number.
   */
  add(first: MaybeValue, second: MaybeValue, weight?: number): void;
  percentAgreement(): TwoCoderPercentResult;
  cohenKappa(): ChanceCorrectedResult;
  scottPi(): ChanceCorrectedResult;
  bennettS(options?: BennettOptions): ChanceCorrectedResult;
  /** @throws QuireError("invalid_input") when the categories cannot be ordered. */
  weightedKappa(options: WeightedKappaOptions): WeightedKappaResult;
}

/** Creates an empty two-coder table. */
export function createTwoCoderAccumulator(): TwoCoderAccumulator {
  const index = new CategoryIndex();
  const cells = new SparseSquare();
  const rowTotals: number[] = [];
  const columnTotals: number[] = [];
  let units = 0;
  let skippedUnits = 0;
  let agreements = 0;

  function parts(order: readonly number[]): TwoCoderParts {
    return {
      units,
      skippedUnits,
      categories: order.map((i) => index.values()[i] as CodeValue),
      table: cells.toDense(order),
    };
  }
  const firstSeenOrder = (): number[] => index.values().map((_, i) => i);

  function chanceCorrected(
    measure: ChanceCorrectedResult["measure"],
    expectedAgreement: () => number,
  ): ChanceCorrectedResult {
    const base = { measure, ...parts(firstSeenOrder()) };
    if (units === 0) {
      return {
        ...base,
        value: null,
        undefinedReason: "no-data",
        observedAgreement: null,
        expectedAgreement: null,
      };
    }
    const observed = agreements / units;
    const expected = expectedAgreement();
    // p_e = 1 happens only when both coders used one and the same category throughout: 0/0.
    return { ...base, ...chanceCorrectedAgreement(observed, expected) };
  }

  return {
    add(first, second, weight = 1) {
      if (!(Number.isFinite(weight) && weight > 0)) {
        throw new QuireError(
          "invalid_input",
          `A unit weight must be a positive number, got ${weight}.`,
        );
      }
      if (!isPresent(first) || !isPresent(second)) {
        skippedUnits += weight;
        return;
      }
      const row = index.intern(first);
      const column = index.intern(second);
      cells.add(row, column, weight);
      rowTotals[row] = (rowTotals[row] ?? 0) + weight;
      columnTotals[column] = (columnTotals[column] ?? 0) + weight;
      units += weight;
      if (row === column) agreements += weight;
    },

    percentAgreement() {
      const base = { measure: "percent-agreement" as const, ...parts(firstSeenOrder()) };
      if (units === 0) return { ...base, value: null, undefinedReason: "no-data" };
      return { ...base, value: agreements / units, undefinedReason: null };
    },

    cohenKappa() {
      return chanceCorrected("cohen-kappa", () => {
        let expected = 0;
        for (let c = 0; c < index.size; c++) {
          expected += ((rowTotals[c] ?? 0) / units) * ((columnTotals[c] ?? 0) / units);
        }
        return expected;
      });
    },

    scottPi() {
      return chanceCorrected("scott-pi", () => {
        let expected = 0;
        for (let c = 0; c < index.size; c++) {
          expected += (((rowTotals[c] ?? 0) + (columnTotals[c] ?? 0)) / (2 * units)) ** 2;
        }
        return expected;
      });
    },

    bennettS(options = {}) {
      const declared = options.categories;
      if (declared) orderCategories(index.values(), declared, "Bennett's S"); // checks membership
      const q = declared ? new Set(declared).size : index.size;
      return chanceCorrected("bennett-s", () => 1 / q);
    },

    weightedKappa(options) {
      const { weights } = options;
      if (weights !== "linear" && weights !== "quadratic") {
        throw new QuireError("invalid_input", `Unknown κ weights: ${String(weights)}.`);
      }
      const ordered = orderCategories(index.values(), options.categories, "weighted κ");
      const position = new Map(ordered.map((value, i) => [value, i] as const));
      const occurring = ordered
        .map((value) => index.find(value))
        .filter((i): i is number => i !== undefined);
      const weightOf = (c: number, k: number): number => {
        const gap = Math.abs(
          (position.get(index.values()[c] as CodeValue) ?? 0) -
            (position.get(index.values()[k] as CodeValue) ?? 0),
        );
        return weights === "linear" ? gap : gap * gap;
      };
      const base = { measure: "weighted-cohen-kappa" as const, weights, ...parts(occurring) };
      if (units === 0) {
        return {
          ...base,
          value: null,
          undefinedReason: "no-data",
          observedDisagreement: null,
          expectedDisagreement: null,
        };
      }
      let observed = 0;
      for (const [c, k, count] of cells.cells()) observed += weightOf(c, k) * (count / units);
      let expected = 0;
      for (const c of occurring) {
        for (const k of occurring) {
          expected +=
            weightOf(c, k) * ((rowTotals[c] ?? 0) / units) * ((columnTotals[k] ?? 0) / units);
        }
      }
      if (expected === 0) {
        return {
          ...base,
          value: null,
          undefinedReason: "no-variation",
          observedDisagreement: observed,
          expectedDisagreement: expected,
        };
      }
      return {
        ...base,
        value: 1 - observed / expected,
        undefinedReason: null,
        observedDisagreement: observed,
        expectedDisagreement: expected,
      };
    },
  };
}

/** Builds the table from units of exactly two values each; rejects any other width. */
function tableOf(units: Iterable<readonly MaybeValue[]>, measureName: string): TwoCoderAccumulator {
  const accumulator = createTwoCoderAccumulator();
  let row = 0;
  for (const unit of units) {
    row++;
    if (unit.length !== 2) {
      throw new QuireError(
        "invalid_input",
        `${measureName} compares exactly two coders, but unit ${row} has ${unit.length} values.`,
      );
    }
    accumulator.add(unit[0], unit[1]);
  }
  return accumulator;
}

/**
 * Cohen's κ = (p_o − p_e)/(1 − p_e), p_e from each coder's own marginals. Units are `[coder1, coder2]`;
 * a unit with a missing value is skipped. Undefined (null) when no unit has both values (`no-data`) or
 * p_e = 1 (`no-variation`).
 * @throws QuireError("invalid_input") when a unit does not hold exactly two values.
 */
export function cohenKappa(units: Iterable<readonly MaybeValue[]>): ChanceCorrectedResult {
  return tableOf(units, "Cohen's κ").cohenKappa();
}

/**
 * Weighted κ_w = 1 − Σ w_ck p_ck / Σ w_ck p_c· p_·k with disagreement weights on category ranks.
 * Undefined when no unit has both values or Σ w e = 0 (one category only).
 * @throws QuireError("invalid_input") for a unit without exactly two values, or categories that
 *   cannot be ordered (non-numbers without `categories`).
 */
export function weightedKappa(
  units: Iterable<readonly MaybeValue[]>,
  options: WeightedKappaOptions,
): WeightedKappaResult {
  return tableOf(units, "Weighted κ").weightedKappa(options);
}

/**
 * Scott's π: like Cohen's κ but p_e = Σ_c ((n_c1 + n_c2)/2N)², one shared marginal distribution.
 * Undefined as Cohen's κ is.
 * @throws QuireError("invalid_input") when a unit does not hold exactly two values.
 */
export function scottPi(units: Iterable<readonly MaybeValue[]>): ChanceCorrectedResult {
  return tableOf(units, "Scott's π").scottPi();
}

/**
 * Bennett's S (Brennan–Prediger κ_n, the chance model MAXQDA uses): p_e = 1/q. Undefined when no unit
 * has both values, or q = 1.
 * @throws QuireError("invalid_input") when a unit does not hold exactly two values or a value is not
 *   among the declared categories.
 */
export function bennettS(
  units: Iterable<readonly MaybeValue[]>,
  options: BennettOptions = {},
): ChanceCorrectedResult {
  return tableOf(units, "Bennett's S").bennettS(options);
}
