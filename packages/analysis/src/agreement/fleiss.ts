/**
 * Fleiss' κ (Fleiss 1971) for many coders with the same number of ratings per unit, plus the
 * per-category κ_j of the same paper. Rater identity plays no part. Memory is O(categories).
 */
import { QuireError } from "@quire/core";
import {
  CategoryIndex,
  type CodeValue,
  chanceCorrectedAgreement,
  isPresent,
  type MaybeValue,
  type UndefinedReason,
} from "./values.js";

/**
 * What to do with a unit that has a missing rating. `"reject"` (default): throw, because Fleiss' κ
 * assumes n ratings per unit; use Krippendorff's α for missing data. `"drop-unit"`: skip the unit
 * (listwise deletion, as R irr::kappam.fleiss does), counted in `droppedUnits`.
 */
export type FleissMissing = "reject" | "drop-unit";

/** Fleiss' κ with its parts. */
export interface FleissResult {
  measure: "fleiss-kappa";
  value: number | null;
  undefinedReason: UndefinedReason | null;
  /** P̄: mean agreement within units. */
  observedAgreement: number | null;
  /** P̄_e = Σ_j p_j². */
  expectedAgreement: number | null;
  /** N: units used. */
  units: number;
  /** Units dropped for a missing rating (`missing: "drop-unit"`). */
  droppedUnits: number;
  /** n: ratings per unit, or null before any unit. */
  ratingsPerUnit: number | null;
  /** κ_j per category = 1 − Σ_i n_ij (n − n_ij) / (N n (n−1) p_j q_j); null where p_j q_j = 0. */
  categories: { category: CodeValue; proportion: number; kappa: number | null }[];
}

/** Streams units into Fleiss' κ. */
export interface FleissAccumulator {
  /**
   * Adds one unit's ratings.
   * @throws QuireError("invalid_input") for a missing rating under `"reject"`, a unit whose number of
   *   ratings differs from the first unit's, fewer than two ratings, a non-finite number, or a
   *   `weight` (times the unit counts, e.g. a stretch's length in characters) that is not > 0.
   */
  add(unitValues: readonly MaybeValue[], weight?: number): void;
  /**
   * Adds one unit as counts per category (`counts[j]` raters chose category `j`, the layout of
   * Fleiss' paper). Categories are the column positions 0, 1, 2, ….
   * @throws QuireError("invalid_input") as `add` does, or for negative or fractional counts.
   */
  addCounts(counts: readonly number[]): void;
  result(): FleissResult;
}

/** Creates a Fleiss' κ accumulator. Default `missing`: `"reject"`. */
export function createFleissAccumulator(
  options: { missing?: FleissMissing } = {},
): FleissAccumulator {
  const missing = options.missing ?? "reject";
  const index = new CategoryIndex();
  const categoryTotals: number[] = []; // Σ_i n_ij
  const categoryDisagreement: number[] = []; // Σ_i n_ij (n − n_ij)
  let ratings: number | null = null;
  let units = 0;
  let droppedUnits = 0;
  let unitAgreementSum = 0; // Σ_i Σ_j n_ij (n_ij − 1), divided by n(n−1) at the end

  function addCategoryCounts(
    counts: ReadonlyMap<number, number>,
    total: number,
    label: string,
    weight = 1,
  ): void {
    if (total < 2) {
      throw new QuireError(
        "invalid_input",
        `Fleiss' κ needs at least two ratings per unit; ${label} has ${total}.`,
      );
    }
    if (ratings === null) ratings = total;
    else if (ratings !== total) {
      throw new QuireError(
        "invalid_input",
        `Fleiss' κ needs the same number of ratings for every unit: ${label} has ${total}, earlier units ${ratings}.`,
      );
    }
    units += weight;
    for (const [category, count] of counts) {
      categoryTotals[category] = (categoryTotals[category] ?? 0) + weight * count;
      categoryDisagreement[category] =
        (categoryDisagreement[category] ?? 0) + weight * count * (total - count);
      unitAgreementSum += weight * count * (count - 1);
    }
  }

  return {
    add(unitValues, weight = 1) {
      if (!(Number.isFinite(weight) && weight > 0))
        throw new QuireError("invalid_input", `A unit's weight must be > 0, got ${weight}.`);
      const label = `unit ${units + droppedUnits + 1}`;
      if (unitValues.some((value) => !isPresent(value))) {
        if (missing === "drop-unit") {
          droppedUnits++;
          return;
        }
        throw new QuireError(
          "invalid_input",
          `Fleiss' κ needs every rating, but ${label} has a missing one; drop such units or use Krippendorff's α.`,
        );
      }
      const counts = new Map<number, number>();
      for (const value of unitValues as readonly CodeValue[]) {
        const category = index.intern(value);
        counts.set(category, (counts.get(category) ?? 0) + 1);
      }
      addCategoryCounts(counts, unitValues.length, label, weight);
    },
    addCounts(countsByCategory) {
      const label = `unit ${units + droppedUnits + 1}`;
      const counts = new Map<number, number>();
      let total = 0;
      countsByCategory.forEach((count, position) => {
        if (!(Number.isInteger(count) && count >= 0)) {
          throw new QuireError(
            "invalid_input",
            `Counts must be whole numbers ≥ 0; ${label} has ${count}.`,
          );
        }
        const category = index.intern(position);
        if (count > 0) counts.set(category, count);
        total += count;
      });
      addCategoryCounts(counts, total, label);
    },
    result() {
      const n = ratings ?? 0;
      const proportions = index.values().map((_, j) => (categoryTotals[j] ?? 0) / (units * n));
      const categories = index.values().map((category, j) => {
        const p = proportions[j] ?? 0;
        const pq = p * (1 - p);
        const kappa =
          units === 0 || pq === 0
            ? null
            : 1 - (categoryDisagreement[j] ?? 0) / (units * n * (n - 1) * pq);
        return { category, proportion: units === 0 ? 0 : p, kappa };
      });
      const base = {
        measure: "fleiss-kappa" as const,
        units,
        droppedUnits,
        ratingsPerUnit: ratings,
        categories,
      };
      if (units === 0) {
        return {
          ...base,
          value: null,
          undefinedReason: "no-data",
          observedAgreement: null,
          expectedAgreement: null,
        };
      }
      const observed = unitAgreementSum / (units * n * (n - 1));
      const expected = proportions.reduce((sum, p) => sum + p * p, 0);
      return { ...base, ...chanceCorrectedAgreement(observed, expected) };
    },
  };
}

/**
 * Fleiss' κ = (P̄ − P̄_e)/(1 − P̄_e) over units given as arrays of ratings. Undefined (null) with no
 * units (`no-data`) or one category only (`no-variation`).
 * @throws QuireError("invalid_input") as {@link FleissAccumulator.add} does.
 */
export function fleissKappa(
  units: Iterable<readonly MaybeValue[]>,
  options: { missing?: FleissMissing } = {},
): FleissResult {
  const accumulator = createFleissAccumulator(options);
  for (const unit of units) accumulator.add(unit);
  return accumulator.result();
}

/**
 * Fleiss' κ from a units × categories table of counts (Fleiss' own layout). Categories are reported
 * as column positions.
 * @throws QuireError("invalid_input") as {@link FleissAccumulator.addCounts} does.
 */
export function fleissKappaFromCounts(counts: Iterable<readonly number[]>): FleissResult {
  const accumulator = createFleissAccumulator();
  for (const row of counts) accumulator.addCounts(row);
  return accumulator.result();
}
