/**
 * Krippendorff's α for nominal, ordinal, interval and ratio data, by the coincidence-matrix method of
 * Krippendorff (2011, "Computing Krippendorff's Alpha-Reliability"). Units stream into an accumulator,
 * so memory depends on the number of distinct values, never on the number of units.
 */
import { QuireError } from "@quire/core";
import {
  CategoryIndex,
  type CodeValue,
  checkValue,
  isPresent,
  type MaybeValue,
  orderCategories,
  SparseSquare,
  type UndefinedReason,
} from "./values.js";

/** Level of measurement; it chooses the difference function δ². */
export type AlphaLevel = "nominal" | "ordinal" | "interval" | "ratio";

/** Options for α. */
export interface AlphaOptions {
  /**
   * Ordinal only: the order of the categories, lowest first. Default: the values sorted as numbers
   * (non-numeric values then throw). Declared but unused categories change nothing.
   */
  categories?: readonly CodeValue[];
  /**
   * What α is when the pairable values use one value only (D_o = D_e = 0). Default `"one"`: α = 1, the
   * convention of DKPro Statistics (PR #48) and quallmer, with `noVariation: true` in the result.
   * `"null"` returns `value: null` with reason `no-variation` instead.
   */
  singleValue?: "one" | "null";
}

/** α with its parts, ready to print as JSON. */
export interface AlphaResult {
  measure: "krippendorff-alpha";
  level: AlphaLevel;
  /** α, or null when undefined (see `undefinedReason`). */
  value: number | null;
  undefinedReason: UndefinedReason | null;
  /** True when only one value occurred among pairable values (α is then 1 by convention, or null). */
  noVariation: boolean;
  /** D_o = Σ o_ck δ²_ck / n. Null when there are no pairable values. */
  observedDisagreement: number | null;
  /** D_e = Σ n_c n_k δ²_ck / (n (n−1)). Null when there are no pairable values. */
  expectedDisagreement: number | null;
  /** Units added, pairable or not (weighted units count their weight). */
  units: number;
  /** Units with at least two values; the others are dropped. */
  pairableUnits: number;
  /** n: number of pairable values. */
  pairableValues: number;
  /** Categories of the matrix and marginals: declared order for ordinal, ascending for numbers. */
  categories: CodeValue[];
  /** n_c: pairable values per category. */
  marginals: number[];
  /** o_ck; null for interval and ratio, whose distinct values are not bounded. */
  coincidences: number[][] | null;
}

/** Streams units into α. Build one with {@link createAlphaAccumulator}. */
export interface AlphaAccumulator {
  /**
   * Adds one unit: the values the coders gave it (`null`/`undefined` = missing; the position of a
   * value does not matter). `weight` (default 1) counts the unit that many times, which lets a run of
   * identical units, such as characters of text coded alike, enter in one call.
   * @throws QuireError("invalid_input") for non-finite or non-numeric values at interval/ratio
   *   level, negative values at ratio level, or a weight that is not a positive finite number.
   */
  add(unitValues: readonly MaybeValue[], weight?: number): void;
  /** α for the units added so far. */
  result(): AlphaResult;
}

/**
 * Creates an incremental α accumulator. Memory: nominal and ordinal keep the coincidence matrix,
 * O(categories²); interval and ratio keep one marginal per distinct value plus the observed
 * disagreement sum, O(distinct values), and `result()` costs O(distinct values²) for ratio.
 * @throws QuireError("invalid_input") for an unknown level.
 */
export function createAlphaAccumulator(
  level: AlphaLevel,
  options: AlphaOptions = {},
): AlphaAccumulator {
  if (!["nominal", "ordinal", "interval", "ratio"].includes(level)) {
    throw new QuireError("invalid_input", `Unknown level of measurement: ${String(level)}.`);
  }
  const numeric = level === "interval" || level === "ratio";
  const index = new CategoryIndex();
  const marginals: number[] = [];
  const coincidences = numeric ? null : new SparseSquare();
  let observedSum = 0; // Σ o_ck δ²_ck, kept directly for numeric levels
  let units = 0;
  let pairableUnits = 0;

  function add(unitValues: readonly MaybeValue[], weight = 1): void {
    if (!(Number.isFinite(weight) && weight > 0)) {
      throw new QuireError(
        "invalid_input",
        `A unit weight must be a positive number, got ${weight}.`,
      );
    }
    units += weight;
    const present = unitValues.filter(isPresent);
    for (const value of present) {
      checkValue(value);
      if (numeric) checkNumeric(value, level);
    }
    // A lone value has no partner to be compared with; it must not enter the marginals either.
    if (present.length < 2) return;
    const counts = new Map<number, number>();
    for (const value of present) {
      const category = index.intern(value);
      counts.set(category, (counts.get(category) ?? 0) + 1);
    }
    pairableUnits += weight;
    const scale = weight / (present.length - 1);
    for (const [c, countC] of counts) {
      marginals[c] = (marginals[c] ?? 0) + countC * weight;
      for (const [k, countK] of counts) {
        const pairs = c === k ? countC * (countC - 1) : countC * countK;
        if (pairs === 0) continue;
        if (coincidences) coincidences.add(c, k, pairs * scale);
        else if (c !== k) {
          observedSum +=
            pairs * scale * numericDistance(level, index.values()[c], index.values()[k]);
        }
      }
    }
  }

  function result(): AlphaResult {
    const seen = index.values();
    const order = orderIndices(level, seen, options.categories);
    const n = marginals.reduce((sum, count) => sum + (count ?? 0), 0);
    const base = {
      measure: "krippendorff-alpha" as const,
      level,
      units,
      pairableUnits,
      pairableValues: n,
      categories: order.map((i) => valueAt(seen, i)),
      marginals: order.map((i) => marginals[i] ?? 0),
      coincidences: coincidences ? coincidences.toDense(order) : null,
    };
    if (n === 0) {
      return {
        ...base,
        value: null,
        undefinedReason: "no-data",
        noVariation: false,
        observedDisagreement: null,
        expectedDisagreement: null,
      };
    }
    const { observed, expected } = coincidences
      ? categoricalSums(level, coincidences, order, marginals)
      : { observed: observedSum, expected: numericExpectedSum(level, seen, marginals) };
    const observedDisagreement = observed / n;
    const expectedDisagreement = expected / (n * (n - 1));
    if (expected === 0) {
      const asOne = (options.singleValue ?? "one") === "one";
      return {
        ...base,
        value: asOne ? 1 : null,
        undefinedReason: asOne ? null : "no-variation",
        noVariation: true,
        observedDisagreement,
        expectedDisagreement,
      };
    }
    return {
      ...base,
      value: 1 - (n - 1) * (observed / expected),
      undefinedReason: null,
      noVariation: false,
      observedDisagreement,
      expectedDisagreement,
    };
  }

  return { add, result };
}

/**
 * Krippendorff's α over units given as arrays of the coders' values (`null` = missing). Units with
 * fewer than two values are unpairable and dropped.
 * @throws QuireError("invalid_input") as {@link AlphaAccumulator.add} does.
 */
export function krippendorffAlpha(
  units: Iterable<readonly MaybeValue[]>,
  level: AlphaLevel = "nominal",
  options: AlphaOptions = {},
): AlphaResult {
  const accumulator = createAlphaAccumulator(level, options);
  for (const unit of units) accumulator.add(unit);
  return accumulator.result();
}

/**
 * Turns a coders × units matrix (one row per coder, the layout of Krippendorff's reliability data
 * matrix) into units (one array per unit), the shape every measure here takes.
 */
export function unitsFromCoderRows<T>(coderRows: readonly (readonly T[])[]): T[][] {
  const unitCount = Math.max(0, ...coderRows.map((row) => row.length));
  const units: T[][] = [];
  for (let u = 0; u < unitCount; u++) {
    units.push(coderRows.map((row) => row[u] as T));
  }
  return units;
}

function checkNumeric(value: CodeValue, level: AlphaLevel): void {
  if (typeof value !== "number") {
    throw new QuireError(
      "invalid_input",
      `${level} α needs numbers, got ${JSON.stringify(value)}.`,
    );
  }
  if (level === "ratio" && value < 0) {
    throw new QuireError("invalid_input", `ratio α needs values ≥ 0, got ${value}.`);
  }
}

function valueAt(values: readonly CodeValue[], i: number): CodeValue {
  const value = values[i];
  if (value === undefined) throw new Error(`category index ${i} out of range`);
  return value;
}

/** Category indices in the order the level needs (first appearance for nominal). */
function orderIndices(
  level: AlphaLevel,
  seen: readonly CodeValue[],
  declared: readonly CodeValue[] | undefined,
): number[] {
  const indices = seen.map((_, i) => i);
  if (level === "nominal") return indices;
  if (level === "ordinal") {
    const ordered = orderCategories(seen, declared, "ordinal α");
    const rank = new Map(ordered.map((value, position) => [value, position] as const));
    return indices.sort(
      (a, b) => (rank.get(valueAt(seen, a)) ?? 0) - (rank.get(valueAt(seen, b)) ?? 0),
    );
  }
  return indices.sort((a, b) => (valueAt(seen, a) as number) - (valueAt(seen, b) as number));
}

function numericDistance(
  level: AlphaLevel,
  a: CodeValue | undefined,
  b: CodeValue | undefined,
): number {
  const x = a as number;
  const y = b as number;
  if (level === "interval") return (x - y) ** 2;
  // Ratio: both values are ≥ 0, so x + y = 0 only when x = y = 0, where the distance is 0.
  return x + y === 0 ? 0 : ((x - y) / (x + y)) ** 2;
}

/** Σ o δ² and Σ n_c n_k δ² for nominal and ordinal, from the coincidence matrix. */
function categoricalSums(
  level: AlphaLevel,
  coincidences: SparseSquare,
  order: readonly number[],
  marginals: readonly (number | undefined)[],
): { observed: number; expected: number } {
  const delta = level === "ordinal" ? ordinalDistances(order, marginals) : null;
  const rank = new Map(order.map((category, position) => [category, position] as const));
  const distance = (c: number, k: number): number => {
    if (c === k) return 0;
    if (!delta) return 1;
    return delta[rank.get(c) ?? 0]?.[rank.get(k) ?? 0] ?? 0;
  };
  let observed = 0;
  for (const [c, k, weight] of coincidences.cells()) observed += weight * distance(c, k);
  let expected = 0;
  for (const c of order) {
    for (const k of order) {
      if (c !== k) expected += (marginals[c] ?? 0) * (marginals[k] ?? 0) * distance(c, k);
    }
  }
  return { observed, expected };
}

/**
 * Ordinal δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², indexed by rank. It uses the pairable
 * marginals, so a lone value in an unpairable unit never shifts the ranks.
 */
function ordinalDistances(
  order: readonly number[],
  marginals: readonly (number | undefined)[],
): number[][] {
  const counts = order.map((category) => marginals[category] ?? 0);
  const prefix = [0];
  for (const count of counts) prefix.push((prefix[prefix.length - 1] ?? 0) + count);
  return counts.map((countC, c) =>
    counts.map((countK, k) => {
      const low = Math.min(c, k);
      const high = Math.max(c, k);
      const between = (prefix[high + 1] ?? 0) - (prefix[low] ?? 0);
      return (between - (countC + countK) / 2) ** 2;
    }),
  );
}

/** Σ_c Σ_k n_c n_k δ²_ck for interval and ratio, from the marginals of the distinct values. */
function numericExpectedSum(
  level: AlphaLevel,
  values: readonly CodeValue[],
  marginals: readonly (number | undefined)[],
): number {
  if (level === "interval") {
    // Σ_c Σ_k n_c n_k (c−k)² = 2n Σ_c n_c (c − mean)²; centring keeps it exact for large values.
    let n = 0;
    let total = 0;
    values.forEach((value, i) => {
      n += marginals[i] ?? 0;
      total += (marginals[i] ?? 0) * (value as number);
    });
    if (n === 0) return 0;
    const mean = total / n;
    let spread = 0;
    values.forEach((value, i) => {
      spread += (marginals[i] ?? 0) * ((value as number) - mean) ** 2;
    });
    return 2 * n * spread;
  }
  let sum = 0;
  values.forEach((c, i) => {
    values.forEach((k, j) => {
      if (i !== j) sum += (marginals[i] ?? 0) * (marginals[j] ?? 0) * numericDistance(level, c, k);
    });
  });
  return sum;
}
