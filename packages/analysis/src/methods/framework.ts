/**
 * The Framework Method's charting matrix (Gale et al. 2013; METHODS §2, FW-3/FW-4): rows are
 * cases, columns are the framework's codes grouped by category, and each cell summarises the
 * passages where the case and the code meet. A cell with passages but no summary is prefilled
 * from the coded text and flagged `unsummarised`, so nothing uncharted passes for charted.
 */
import { CHART_STATE_LABELS, type ChartCellState, QuireError } from "@quire/core";

export interface MatrixCategory {
  id: string;
  name: string;
  codes: readonly {
    codeId: string;
    name: string;
    abbreviation: string;
    isOther: boolean;
  }[];
}

export interface MatrixCase {
  id: string;
  name: string;
  attributes: Record<string, unknown>;
}

export interface MatrixQuote {
  codingId: string;
  text: string;
}

export interface StoredChartCell {
  caseId: string;
  codeId: string;
  summary: string;
  quotes: readonly MatrixQuote[];
  state: "charted" | "unsummarised" | "not_discussed";
}

/** A passage where a case and a code meet (a coding in one of the case's sources). */
export interface MatrixPassage {
  caseId: string;
  codeId: string;
  codingId: string;
  sourceId: string;
  start: number;
  end: number;
  text: string;
}

export interface MatrixOptions {
  /** Keep only rows whose attributes equal these values (compared as text). */
  where?: Record<string, string>;
  /** Sort rows by an attribute (then by name); default by case name. */
  sort?: { attribute: string; direction?: "asc" | "desc" };
  /** Characters of coded text a prefilled summary may hold (default 600). */
  prefillLimit?: number;
}

export interface MatrixCell {
  codeId: string;
  state: ChartCellState;
  /** The summary, or for `unsummarised` cells the prefilled coded text. */
  summary: string;
  quotes: MatrixQuote[];
  /** The coded passages (case ∩ code) the cell is linked to. */
  codingIds: string[];
}

export interface MatrixRow {
  caseId: string;
  caseName: string;
  attributes: Record<string, unknown>;
  cells: MatrixCell[];
}

export interface ChartMatrix {
  columns: { categoryId: string; categoryName: string; codes: MatrixCategory["codes"] }[];
  rows: MatrixRow[];
  counts: Record<ChartCellState, number>;
}

/**
 * Prefills a summary from coded passages, in text order, joined by " … " and cut at `limit`
 * characters. The result is the participants' words, not a summary: callers flag it `unsummarised`.
 */
export function prefillFromPassages(passages: readonly { text: string }[], limit = 600): string {
  const joined = passages
    .map((passage) => passage.text.trim().replace(/\s+/g, " "))
    .filter((text) => text !== "")
    .join(" … ");
  return joined.length > limit ? `${joined.slice(0, limit - 1)}…` : joined;
}

/**
 * Lays out the matrix. Rows: the cases that pass `where`, sorted; cells in column order.
 * @throws QuireError `invalid_input` for a negative prefill limit.
 */
export function buildChartMatrix(
  categories: readonly MatrixCategory[],
  cases: readonly MatrixCase[],
  cells: readonly StoredChartCell[],
  passages: readonly MatrixPassage[],
  options: MatrixOptions = {},
): ChartMatrix {
  const limit = options.prefillLimit ?? 600;
  if (!(limit > 0)) throw new QuireError("invalid_input", "the prefill limit must be > 0");
  const key = (caseId: string, codeId: string) => `${caseId}\u0000${codeId}`;
  const stored = new Map(cells.map((cell) => [key(cell.caseId, cell.codeId), cell]));
  const passagesByCell = new Map<string, MatrixPassage[]>();
  for (const passage of passages) {
    const k = key(passage.caseId, passage.codeId);
    const list = passagesByCell.get(k) ?? [];
    list.push(passage);
    passagesByCell.set(k, list);
  }
  const codeIds = categories.flatMap((category) => category.codes.map((code) => code.codeId));
  const where = Object.entries(options.where ?? {});
  const kept = cases.filter((c) =>
    where.every(([name, value]) => textOf(c.attributes[name]) === value),
  );
  const sorted = [...kept].sort((a, b) => {
    if (options.sort) {
      const order = compareValues(
        a.attributes[options.sort.attribute],
        b.attributes[options.sort.attribute],
      );
      if (order !== 0) return options.sort.direction === "desc" ? -order : order;
    }
    return a.name.localeCompare(b.name, undefined, { numeric: true });
  });
  const counts: Record<ChartCellState, number> = {
    charted: 0,
    unsummarised: 0,
    not_discussed: 0,
    not_yet_charted: 0,
  };
  const rows = sorted.map((c): MatrixRow => {
    const rowCells = codeIds.map((codeId): MatrixCell => {
      const found = (passagesByCell.get(key(c.id, codeId)) ?? []).sort(
        (a, b) => a.sourceId.localeCompare(b.sourceId) || a.start - b.start,
      );
      const codingIds = found.map((passage) => passage.codingId);
      const cell = stored.get(key(c.id, codeId));
      let result: MatrixCell;
      if (cell && cell.state === "charted" && cell.summary.trim() !== "")
        result = {
          codeId,
          state: "charted",
          summary: cell.summary,
          quotes: [...cell.quotes],
          codingIds,
        };
      else if (cell?.state === "not_discussed" && found.length === 0)
        result = {
          codeId,
          state: "not_discussed",
          summary: "",
          quotes: [...cell.quotes],
          codingIds,
        };
      else if (found.length > 0 || (cell && cell.summary.trim() !== ""))
        result = {
          codeId,
          state: "unsummarised",
          summary:
            cell && cell.summary.trim() !== "" ? cell.summary : prefillFromPassages(found, limit),
          quotes: [...(cell?.quotes ?? [])],
          codingIds,
        };
      else result = { codeId, state: "not_yet_charted", summary: "", quotes: [], codingIds };
      counts[result.state]++;
      return result;
    });
    return { caseId: c.id, caseName: c.name, attributes: c.attributes, cells: rowCells };
  });
  return {
    columns: categories.map((category) => ({
      categoryId: category.id,
      categoryName: category.name,
      codes: category.codes,
    })),
    rows,
    counts,
  };
}

/**
 * A cell as one line of text for exports: the flag first where there is one, then the summary,
 * then the verbatim quotes set apart in quotation marks.
 */
export function chartCellText(cell: MatrixCell): string {
  const flag = CHART_STATE_LABELS[cell.state];
  const quotes = cell.quotes.map((quote) => `“${quote.text}”`).join(" ");
  return [flag, cell.summary, quotes === "" ? "" : `Quotes: ${quotes}`]
    .filter((part) => part !== "")
    .join("\n");
}

function textOf(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}
