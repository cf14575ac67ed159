/**
 * The shared vocabulary of the agreement measures: what a coded value is, how a measure says that it
 * has no value, and the dense category index every accumulator keeps instead of the raw data.
 */
import { QuireError } from "@quire/core";

/** One coder's value for one unit: a category label or a number. */
export type CodeValue = string | number;

/** A value that may be missing: `null` or `undefined` mean "this coder gave no value". */
export type MaybeValue = CodeValue | null | undefined;

/**
 * Why a coefficient has no value. `no-data`: nothing could be compared (no pairable values, no units).
 * `no-variation`: only one value occurs, so expected disagreement is 0 and the ratio is 0/0.
 */
export type UndefinedReason = "no-data" | "no-variation";

/** Human-readable text for each undefined reason, for CLI and UI messages. */
export const undefinedReasonText: Readonly<Record<UndefinedReason, string>> = {
  "no-data": "nothing to compare: no unit was coded by at least two coders",
  "no-variation": "no variation: only one value occurs, so chance agreement is perfect (0/0)",
};

/**
 * The chance-corrected coefficient (A_o − A_e) / (1 − A_e) shared by κ, π, S and Fleiss' κ, with its
 * one undefined case made explicit: A_e = 1, when a single category was used throughout (0/0).
 */
export function chanceCorrectedAgreement(
  observed: number,
  expected: number,
): {
  value: number | null;
  undefinedReason: UndefinedReason | null;
  observedAgreement: number;
  expectedAgreement: number;
} {
  const parts = { observedAgreement: observed, expectedAgreement: expected };
  return expected >= 1
    ? { value: null, undefinedReason: "no-variation", ...parts }
    : { value: (observed - expected) / (1 - expected), undefinedReason: null, ...parts };
}

/** Whether a cell holds a value. */
export function isPresent(value: MaybeValue): value is CodeValue {
  return value !== null && value !== undefined;
}

/**
 * Rejects values no measure can use: NaN and infinities would poison every sum silently.
 * @throws QuireError("invalid_input") for a non-finite number or an unsupported type.
 */
export function checkValue(value: CodeValue): CodeValue {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new QuireError("invalid_input", `A coded value must be a finite number, got ${value}.`);
    }
    return value;
  }
  if (typeof value !== "string") {
    throw new QuireError("invalid_input", `A coded value must be a string or a number.`);
  }
  return value;
}

/**
 * Maps each distinct value to a dense index in order of first appearance, so accumulators can keep
 * arrays sized by the number of categories rather than by the number of units.
 */
export class CategoryIndex {
  private readonly indexOf = new Map<CodeValue, number>();
  private readonly list: CodeValue[] = [];

  /** Index of `value`, adding it when new. */
  intern(value: CodeValue): number {
    const known = this.indexOf.get(value);
    if (known !== undefined) return known;
    const index = this.list.length;
    this.indexOf.set(checkValue(value), index);
    this.list.push(value);
    return index;
  }

  /** Index of `value`, or undefined when it was never seen. */
  find(value: CodeValue): number | undefined {
    return this.indexOf.get(value);
  }

  get size(): number {
    return this.list.length;
  }

  /** The values in order of first appearance. */
  values(): readonly CodeValue[] {
    return this.list;
  }
}

/**
 * A sparse square matrix of non-negative weights over category indices. Only cells that occur are
 * stored, so memory grows with the category pairs seen, never with the number of units.
 */
export class SparseSquare {
  private readonly rows = new Map<number, Map<number, number>>();

  add(row: number, column: number, weight: number): void {
    let cells = this.rows.get(row);
    if (!cells) {
      cells = new Map();
      this.rows.set(row, cells);
    }
    cells.set(column, (cells.get(column) ?? 0) + weight);
  }

  get(row: number, column: number): number {
    return this.rows.get(row)?.get(column) ?? 0;
  }

  /** Every stored cell as [row, column, weight]. */
  *cells(): Generator<[number, number, number]> {
    for (const [row, cells] of this.rows) {
      for (const [column, weight] of cells) yield [row, column, weight];
    }
  }

  /** A dense copy, rows and columns in the order given by `order` (category indices). */
  toDense(order: readonly number[]): number[][] {
    return order.map((row) => order.map((column) => this.get(row, column)));
  }
}

/**
 * Orders category values for ordinal measures and weighted κ: the declared order when given,
 * otherwise ascending numbers.
 * @throws QuireError("invalid_input") when values are not all numbers and no order was declared, or a
 *   value is missing from the declared order.
 */
export function orderCategories(
  seen: readonly CodeValue[],
  declared: readonly CodeValue[] | undefined,
  measureName: string,
): CodeValue[] {
  if (declared) {
    const position = new Map(declared.map((value, index) => [value, index] as const));
    if (position.size !== declared.length) {
      throw new QuireError(
        "invalid_input",
        `The declared categories for ${measureName} repeat a value.`,
      );
    }
    for (const value of seen) {
      if (!position.has(value)) {
        throw new QuireError(
          "invalid_input",
          `The value ${JSON.stringify(value)} is not among the declared categories for ${measureName}.`,
        );
      }
    }
    return [...declared];
  }
  const nonNumber = seen.find((value) => typeof value !== "number");
  if (nonNumber !== undefined) {
    throw new QuireError(
      "invalid_input",
      `${measureName} needs ordered categories: the value ${JSON.stringify(nonNumber)} is not a number, so declare the order with \`categories\`.`,
    );
  }
  return [...(seen as readonly number[])].sort((a, b) => a - b);
}
