/**
 * Spreadsheets (.xlsx) of responses, read as the CSV importer reads CSV: one row per respondent,
 * a chosen text column (or several, joined line by line), an optional id column, and every other
 * column a typed attribute inferred with the same `AttributeTypeTracker`. The workbook is read
 * with exceljs's streaming reader after the container passed the ZIP limits, so a large sheet is
 * never held whole. Without a text column, a sheet is a case table: one case per row, no sources.
 */
import { Readable } from "node:stream";
import {
  type AttributeType,
  type AttributeValue,
  canonicalText,
  coerceAttributeValue,
  QuireError,
} from "@quire/core";
import { AttributeTypeTracker } from "./attribute-inference.js";
import type { CsvAttribute } from "./csv.js";
import { FormatError } from "./errors.js";
import { loadExcelJS } from "./lazy.js";
import { describeContainer, readDocumentBytes, sniffContainer } from "./read-bytes.js";
import { checkZip, type ZipLimits } from "./zip-limits.js";

export interface XlsxOptions {
  /** How to name the file in messages. */
  name?: string;
  /** The sheet by name or 1-based number (default: the first). */
  sheet?: string;
  /** Columns holding the text, joined by `\n` in this order. Empty: a case table. */
  textColumns: readonly string[];
  idColumn?: string;
  /** Default: every column other than the text and id columns. */
  attributeColumns?: readonly string[];
  limits?: ZipLimits;
}

export interface XlsxInspection {
  sheet: string;
  sheets: string[];
  columns: string[];
  rowCount: number;
  emptyTextCount: number;
  attributes: CsvAttribute[];
  /** Text of the first rows, to show the person what was picked. */
  sample: string[];
}

export interface XlsxRow {
  /** The 1-based row number in the sheet (the header is row 1). */
  line: number;
  id: string | null;
  text: string;
  attributes: Record<string, AttributeValue | null>;
}

/** Cell values as exceljs gives them. */
type Cell = unknown;

/**
 * Reads the sheet once to check the columns and type the attributes.
 * @throws FormatError naming the file (and sheet, row) for a damaged file or a missing column.
 */
export async function inspectXlsx(path: string, options: XlsxOptions): Promise<XlsxInspection> {
  const name = options.name ?? path;
  const trackers = new Map<string, AttributeTypeTracker>();
  let columns: string[] = [];
  let attributeNames: string[] = [];
  let rowCount = 0;
  let emptyTextCount = 0;
  const sample: string[] = [];
  const { sheet, sheets } = await eachRow(path, name, options, {
    header(found) {
      columns = found;
      attributeNames = planColumns(found, options, name);
      for (const column of attributeNames) trackers.set(column, new AttributeTypeTracker());
    },
    row(values) {
      rowCount++;
      const text = joinText(values, options.textColumns);
      if (options.textColumns.length > 0 && text.trim() === "") emptyTextCount++;
      if (sample.length < 5) sample.push(text.slice(0, 200));
      for (const column of attributeNames) trackers.get(column)?.add(values.get(column) ?? "");
    },
  });
  const attributes = attributeNames.map((column) => {
    const tracker = trackers.get(column) as AttributeTypeTracker;
    const type: AttributeType = tracker.type();
    return {
      name: column,
      type,
      allowedValues: type === "category" ? (tracker.values() ?? []) : [],
    };
  });
  return { sheet, sheets, columns, rowCount, emptyTextCount, attributes, sample };
}

/**
 * Streams the rows with typed attributes (as `inspectXlsx` inferred them).
 * @throws FormatError as `inspectXlsx`, and naming the row and column of a value that does not
 *   fit its attribute's type.
 */
export async function* readXlsxRows(
  path: string,
  options: XlsxOptions & { attributes: readonly CsvAttribute[] },
): AsyncGenerator<XlsxRow> {
  const name = options.name ?? path;
  const rows: XlsxRow[] = [];
  // exceljs drives the reading; rows are collected per sheet chunk and handed on.
  await eachRow(path, name, options, {
    header() {},
    row(values, line) {
      const attributes: Record<string, AttributeValue | null> = {};
      for (const attribute of options.attributes) {
        try {
          attributes[attribute.name] = coerceAttributeValue(
            attribute,
            values.get(attribute.name) ?? "",
          );
        } catch (error) {
          if (error instanceof QuireError)
            throw new FormatError("xlsx", name, error.message, { line, column: attribute.name });
          throw error;
        }
      }
      const id = options.idColumn ? (values.get(options.idColumn) ?? "").trim() : "";
      rows.push({
        line,
        id: id === "" ? null : id,
        text: canonicalText(joinText(values, options.textColumns)),
        attributes,
      });
    },
  });
  yield* rows;
}

function joinText(values: Map<string, string>, columns: readonly string[]): string {
  return columns
    .map((column) => values.get(column) ?? "")
    .filter((value) => value.trim() !== "")
    .join("\n");
}

function planColumns(found: string[], options: XlsxOptions, name: string): string[] {
  const missing = [
    ...options.textColumns,
    ...(options.idColumn ? [options.idColumn] : []),
    ...(options.attributeColumns ?? []),
  ].filter((column) => !found.includes(column));
  if (missing.length > 0)
    throw new FormatError(
      "xlsx",
      name,
      `has no column ${missing.map((column) => `"${column}"`).join(", ")} (its columns: ${found.join(", ")})`,
      { line: 1 },
    );
  const taken = new Set([...options.textColumns, ...(options.idColumn ? [options.idColumn] : [])]);
  return options.attributeColumns
    ? [...options.attributeColumns]
    : found.filter((column) => !taken.has(column));
}

interface RowVisitor {
  header(columns: string[]): void;
  row(values: Map<string, string>, line: number): void;
}

async function eachRow(
  path: string,
  name: string,
  options: XlsxOptions,
  visit: RowVisitor,
): Promise<{ sheet: string; sheets: string[] }> {
  const bytes = await readDocumentBytes(path, "xlsx", name);
  if (sniffContainer(bytes) !== "zip")
    throw new FormatError(
      "xlsx",
      name,
      `is not an Excel workbook (.xlsx): it is ${describeContainer(bytes)}`,
    );
  const { entries } = await checkZip(bytes, "xlsx", name, options.limits);
  if (!entries.some((entry) => entry.name === "xl/workbook.xml"))
    throw new FormatError(
      "xlsx",
      name,
      "is a ZIP archive but not an Excel workbook (no xl/workbook.xml)",
    );
  const ExcelJS = await loadExcelJS();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    entries: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
  });
  const sheets: string[] = [];
  let chosen: string | null = null;
  let index = 0;
  try {
    for await (const worksheet of reader) {
      index++;
      const sheetName = (worksheet as unknown as { name?: string }).name ?? `Sheet${index}`;
      sheets.push(sheetName);
      const wanted =
        options.sheet === undefined
          ? chosen === null
          : options.sheet === sheetName || options.sheet === String(index);
      if (!wanted) {
        // Drain the sheet so the reader can move on.
        for await (const _row of worksheet) void _row;
        continue;
      }
      chosen = sheetName;
      let columns: string[] | null = null;
      for await (const row of worksheet) {
        const values = (row.values ?? []) as Cell[];
        if (columns === null) {
          columns = values.slice(1).map((cell, at) => cellText(cell).trim() || `Column ${at + 1}`);
          if (columns.length === 0) continue;
          visit.header(columns);
          continue;
        }
        const map = new Map<string, string>();
        let blank = true;
        for (const [at, column] of columns.entries()) {
          const text = cellText(values[at + 1]);
          if (text.trim() !== "") blank = false;
          map.set(column, text);
        }
        if (!blank) visit.row(map, row.number);
      }
      if (columns === null) throw new FormatError("xlsx", name, `sheet "${sheetName}" is empty`);
    }
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new FormatError(
      "xlsx",
      name,
      `cannot be read as a workbook (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
  if (chosen === null)
    throw new FormatError(
      "xlsx",
      name,
      options.sheet === undefined
        ? "holds no worksheet"
        : `has no sheet "${options.sheet}" (its sheets: ${sheets.join(", ")})`,
    );
  return { sheet: chosen, sheets };
}

/** A cell's value as text: dates as `YYYY-MM-DD`, formulas by their result, rich text joined. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cell;
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return "";
    const iso = cell.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (typeof cell === "object") {
    const value = cell as {
      richText?: { text?: string }[];
      text?: unknown;
      result?: unknown;
      error?: unknown;
    };
    if (Array.isArray(value.richText)) return value.richText.map((run) => run.text ?? "").join("");
    if ("result" in value) return cellText(value.result);
    if (value.text !== undefined) return cellText(value.text);
    if (value.error !== undefined) return "";
  }
  return String(cell);
}
