/**
 * A ratings-table entry point in the style of ReCal and R's irr: rows are units, columns are coders,
 * `null` is a missing rating. It checks that the requested measure can be computed on the table and
 * says precisely why not when it cannot.
 */
import { QuireError } from "@quire/core";
import { type AlphaLevel, type AlphaResult, createAlphaAccumulator } from "./alpha.js";
import { createFleissAccumulator, type FleissResult } from "./fleiss.js";
import { createPercentAgreementAccumulator, type PercentAgreementResult } from "./percent.js";
import {
  type ChanceCorrectedResult,
  createTwoCoderAccumulator,
  type KappaWeights,
  type WeightedKappaResult,
} from "./two-coder.js";
import type { CodeValue } from "./values.js";

/** Measures the table entry point offers. */
export type TableMeasure =
  | "percent"
  | "cohen"
  | "weighted-cohen"
  | "scott"
  | "bennett"
  | "fleiss"
  | "alpha";

/** What to compute on the table. */
export interface TableOptions {
  measure: TableMeasure;
  /** α only: level of measurement. Default `"nominal"`. */
  level?: AlphaLevel;
  /** Weighted κ only, required: `"linear"` or `"quadratic"`. */
  weights?: KappaWeights;
  /**
   * Ordered categories for ordinal α and weighted κ (lowest first), or all possible categories for
   * Bennett's S. Default: the values that occur, which must then all be numbers to be ordered.
   */
  categories?: readonly string[];
}

/** The result of the requested measure. */
export type TableResult =
  | PercentAgreementResult
  | ChanceCorrectedResult
  | WeightedKappaResult
  | FleissResult
  | AlphaResult;

/**
 * Computes one agreement measure on a ratings table. Cells are trimmed; an empty cell counts as
 * missing. Numeric text is read as a number for interval/ratio α, and for ordinal α and weighted κ
 * when no `categories` are declared; otherwise cells are compared as text.
 * @throws QuireError("invalid_input") for a ragged table, Cohen's/Scott's/weighted κ/Bennett with
 *   other than two coder columns, weighted κ without weights, Fleiss' κ with a missing rating, a
 *   non-numeric cell where numbers are needed (naming its row and column), or an unknown measure.
 */
export function agreementFromTable(
  rows: readonly (readonly (string | null)[])[],
  options: TableOptions,
): TableResult {
  const width = rows[0]?.length ?? 0;
  rows.forEach((row, r) => {
    if (row.length !== width) {
      throw new QuireError(
        "invalid_input",
        `Row ${r + 1} has ${row.length} columns but row 1 has ${width}; every row needs one cell per coder.`,
      );
    }
  });
  const cells = rows.map((row) => row.map((cell) => normalise(cell)));
  const { measure } = options;
  switch (measure) {
    case "percent": {
      const accumulator = createPercentAgreementAccumulator();
      for (const row of cells) accumulator.add(row);
      return accumulator.result();
    }
    case "cohen":
    case "scott":
    case "bennett":
    case "weighted-cohen":
      return twoCoder(cells, width, options);
    case "fleiss": {
      const accumulator = createFleissAccumulator();
      cells.forEach((row, r) => {
        const c = row.indexOf(null);
        if (c !== -1) {
          throw new QuireError(
            "invalid_input",
            `Fleiss' κ needs every rating, but row ${r + 1}, column ${c + 1} is empty; use α for tables with missing ratings.`,
          );
        }
        accumulator.add(row);
      });
      return accumulator.result();
    }
    case "alpha":
      return alphaOfTable(cells, options);
    default:
      throw new QuireError("invalid_input", `Unknown agreement measure: ${String(measure)}.`);
  }
}

function normalise(cell: string | null): string | null {
  if (cell === null || cell === undefined) return null;
  const trimmed = String(cell).trim();
  return trimmed === "" ? null : trimmed;
}

const measureNames: Record<string, string> = {
  cohen: "Cohen's κ",
  scott: "Scott's π",
  bennett: "Bennett's S",
  "weighted-cohen": "Weighted κ",
};

function twoCoder(cells: (string | null)[][], width: number, options: TableOptions): TableResult {
  const name = measureNames[options.measure] ?? options.measure;
  if (width !== 2) {
    throw new QuireError(
      "invalid_input",
      `${name} compares exactly two coders, but the table has ${width} coder columns; use fleiss or alpha for more.`,
    );
  }
  const weighted = options.measure === "weighted-cohen";
  if (weighted && options.weights === undefined) {
    throw new QuireError("invalid_input", `Weighted κ needs weights: "linear" or "quadratic".`);
  }
  // Ordered categories come from numbers unless an order was declared.
  const numeric = weighted && !options.categories;
  const accumulator = createTwoCoderAccumulator();
  cells.forEach((row, r) => {
    const [first, second] = numeric
      ? row.map((cell, c) =>
          cell === null ? null : toNumber(cell, r, c, "Weighted κ without declared categories"),
        )
      : row;
    accumulator.add(first, second);
  });
  if (options.measure === "cohen") return accumulator.cohenKappa();
  if (options.measure === "scott") return accumulator.scottPi();
  if (options.measure === "bennett") {
    return accumulator.bennettS(options.categories ? { categories: options.categories } : {});
  }
  return accumulator.weightedKappa({
    weights: options.weights as KappaWeights,
    ...(options.categories ? { categories: options.categories } : {}),
  });
}

function alphaOfTable(cells: (string | null)[][], options: TableOptions): AlphaResult {
  const level = options.level ?? "nominal";
  const numeric =
    level === "interval" || level === "ratio" || (level === "ordinal" && !options.categories);
  const accumulator = createAlphaAccumulator(
    level,
    options.categories ? { categories: options.categories } : {},
  );
  cells.forEach((row, r) => {
    const values: (CodeValue | null)[] = numeric
      ? row.map((cell, c) => (cell === null ? null : toNumber(cell, r, c, `${level} α`)))
      : row;
    accumulator.add(values);
  });
  return accumulator.result();
}

function toNumber(cell: string, row: number, column: number, what: string): number {
  const value = Number(cell);
  if (!Number.isFinite(value)) {
    throw new QuireError(
      "invalid_input",
      `${what} needs numbers, but row ${row + 1}, column ${column + 1} holds ${JSON.stringify(cell)}.`,
    );
  }
  return value;
}
