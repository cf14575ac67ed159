/**
 * Short free-text responses from CSV (survey comments, feedback forms): one row per response, a text
 * column, an optional id column and attribute columns. `inspectCsv` reads the whole file once to
 * validate it and type its attributes; `readCsvRows` then streams the rows with typed values.
 */
import {
  type AttributeType,
  type AttributeValue,
  canonicalText,
  coerceAttributeValue,
  QuireError,
} from "@quire/core";
import { AttributeTypeTracker } from "./attribute-inference.js";
import { csvParseError, extraLines, openCsv } from "./csv-source.js";
import type { TextEncoding } from "./encoding.js";
import { FormatError } from "./errors.js";

export interface CsvColumnsOptions {
  /** The column holding the response text. */
  textColumn: string;
  /** A column naming the respondent or response, if any. */
  idColumn?: string;
  /** Field delimiter; default: sniffed from the header among `,` `;` tab `|`. */
  delimiter?: string;
  /** How to name the file in errors; default the path as given. */
  name?: string;
}

export interface InspectCsvOptions extends CsvColumnsOptions {
  /** Columns to read as attributes; default every column but the text and id columns. */
  attributeColumns?: readonly string[];
  /** How many leading rows to return as `sample`, for a preview. Default 5. */
  sampleRows?: number;
}

/** An attribute column with its inferred type; `allowedValues` lists a category's values. */
export interface CsvAttribute {
  name: string;
  type: AttributeType;
  allowedValues: string[];
}

export interface CsvInspection {
  /** Data rows (blank lines and the header not counted). */
  rowCount: number;
  /** Rows whose text cell is blank: non-responses, kept as data. */
  emptyTextCount: number;
  /** The header's column names, trimmed. */
  columns: string[];
  attributes: CsvAttribute[];
  encoding: TextEncoding;
  delimiter: string;
  /** The first `sampleRows` rows, text canonicalised, attributes as written. */
  sample: { line: number; id: string | null; text: string; attributes: Record<string, string> }[];
}

/** What `readCsvRows` needs: the columns and the attribute types (usually from `inspectCsv`). */
export interface CsvPlan extends CsvColumnsOptions {
  attributes: readonly CsvAttribute[];
}

export interface CsvRow {
  /** The 1-based line where the row starts in the file (the header is line 1). */
  line: number;
  /** The id cell, trimmed; null without an id column or when the cell is blank. */
  id: string | null;
  /** The canonical text of the text cell; `""` when the cell is blank (a non-response). */
  text: string;
  /** Each plan attribute's value; null when the cell is blank. */
  attributes: Record<string, AttributeValue | null>;
}

// Text made only of printable ASCII, tabs and newlines is already canonical: skip the normalisation.
const MAYBE_NOT_CANONICAL = /[^\t\n\x20-\x7e]/;

function canonicalCell(raw: string): string {
  const text = MAYBE_NOT_CANONICAL.test(raw) ? canonicalText(raw) : raw;
  if (text === "") return text;
  const first = text.charCodeAt(0);
  // Only a text that starts with a space can be blank; check those in full.
  if ((first <= 0x20 || first >= 0x80) && text.trim() === "") return "";
  return text;
}

interface Layout {
  columns: string[];
  textIndex: number;
  idIndex: number;
  attributeIndexes: number[];
}

function resolveLayout(
  name: string,
  header: readonly string[],
  options: CsvColumnsOptions,
  attributeColumns: readonly string[] | undefined,
): Layout {
  const columns = header.map((column) => canonicalText(column).trim());
  if (columns.every((column) => column === ""))
    throw new FormatError("csv", name, "has no header row (the first row is blank)", { line: 1 });
  const find = (wanted: string, role: string): number => {
    const target = wanted.trim();
    const index = columns.indexOf(target);
    if (index === -1) {
      const available = columns.map((column) => JSON.stringify(column)).join(", ");
      throw new FormatError(
        "csv",
        name,
        `has no ${role} column "${target}"; the columns are ${available}`,
        { line: 1, column: target },
      );
    }
    if (columns.indexOf(target, index + 1) !== -1)
      throw new FormatError("csv", name, `has more than one column named "${target}"`, {
        line: 1,
        column: target,
      });
    return index;
  };
  const textIndex = find(options.textColumn, "text");
  const idIndex = options.idColumn === undefined ? -1 : find(options.idColumn, "id");
  const attributeIndexes =
    attributeColumns === undefined
      ? columns.flatMap((column, index) =>
          index === textIndex || index === idIndex || column === "" ? [] : [index],
        )
      : attributeColumns.map((column) => find(column, "attribute"));
  return { columns, textIndex, idIndex, attributeIndexes };
}

function fieldCountError(name: string, line: number, got: number, want: number): FormatError {
  return new FormatError(
    "csv",
    name,
    `row has ${got} field${got === 1 ? "" : "s"}, the header has ${want}`,
    { line },
  );
}

/**
 * Reads a whole CSV file once, in a stream, to check it and to type its attribute columns with the
 * rules of `inferAttributeType` (in bounded memory per column).
 * @throws FormatError naming file and line for: a missing, empty or binary file, invalid UTF-8, no
 *   header, a named column that does not exist (listing the columns), a row with the wrong number of
 *   fields, quoting errors.
 */
export async function inspectCsv(path: string, options: InspectCsvOptions): Promise<CsvInspection> {
  const name = options.name ?? path;
  const sampleRows = options.sampleRows ?? 5;
  const source = await openCsv(path, name, options.delimiter);
  let layout: Layout | undefined;
  let trackers: AttributeTypeTracker[] = [];
  let line = 1;
  let rowCount = 0;
  let emptyTextCount = 0;
  const sample: CsvInspection["sample"] = [];
  try {
    for await (const record of source.records) {
      const recordLine = line;
      line += 1 + extraLines(record);
      if (layout === undefined) {
        layout = resolveLayout(name, record, options, options.attributeColumns);
        trackers = layout.attributeIndexes.map(() => new AttributeTypeTracker());
        continue;
      }
      if (record.length !== layout.columns.length) {
        if (record.length === 1 && record[0] === "") continue;
        throw fieldCountError(name, recordLine, record.length, layout.columns.length);
      }
      rowCount++;
      const text = canonicalCell(record[layout.textIndex] as string);
      if (text === "") emptyTextCount++;
      for (let i = 0; i < trackers.length; i++)
        (trackers[i] as AttributeTypeTracker).add(
          record[layout.attributeIndexes[i] as number] as string,
        );
      if (sample.length < sampleRows) {
        const attributes: Record<string, string> = {};
        for (const index of layout.attributeIndexes)
          attributes[layout.columns[index] as string] = record[index] as string;
        sample.push({ line: recordLine, id: idOf(record, layout.idIndex), text, attributes });
      }
    }
  } catch (error) {
    throw csvParseError(name, error, line);
  }
  if (layout === undefined) throw new FormatError("csv", name, "is empty");
  const { columns, attributeIndexes } = layout;
  const attributes = attributeIndexes.map((index, i): CsvAttribute => {
    const tracker = trackers[i] as AttributeTypeTracker;
    const type = tracker.type();
    return {
      name: columns[index] as string,
      type,
      allowedValues: type === "category" ? (tracker.values() ?? []) : [],
    };
  });
  return {
    rowCount,
    emptyTextCount,
    columns,
    attributes,
    encoding: source.encoding,
    delimiter: source.delimiter,
    sample,
  };
}

function idOf(record: readonly string[], idIndex: number): string | null {
  if (idIndex < 0) return null;
  const raw = record[idIndex] as string;
  const id = (MAYBE_NOT_CANONICAL.test(raw) ? canonicalText(raw) : raw).trim();
  return id === "" ? null : id;
}

/**
 * Streams the rows of a CSV file as plain data: canonical text, the id and the plan's attributes
 * coerced with `coerceAttributeValue`. Rows with a blank text cell are kept with `text: ""`.
 * @throws FormatError (from the iterator) naming file and line for the failures `inspectCsv` reports,
 *   and for a value that is not of its attribute's type (naming the column too).
 */
export async function* readCsvRows(path: string, plan: CsvPlan): AsyncGenerator<CsvRow> {
  const name = plan.name ?? path;
  const source = await openCsv(path, name, plan.delimiter);
  const definitions = plan.attributes;
  let layout: Layout | undefined;
  let line = 1;
  try {
    for await (const record of source.records as AsyncIterable<string[]>) {
      const recordLine = line;
      line += 1 + extraLines(record);
      if (layout === undefined) {
        layout = resolveLayout(
          name,
          record,
          plan,
          definitions.map((definition) => definition.name),
        );
        continue;
      }
      const width = layout.columns.length;
      if (record.length !== width) {
        if (record.length === 1 && record[0] === "") continue;
        throw fieldCountError(name, recordLine, record.length, width);
      }
      const attributes: Record<string, AttributeValue | null> = {};
      const indexes = layout.attributeIndexes;
      for (let i = 0; i < indexes.length; i++) {
        const definition = definitions[i] as CsvAttribute;
        const raw = record[indexes[i] as number] as string;
        try {
          attributes[definition.name] = coerceAttributeValue(definition, raw);
        } catch (error) {
          if (!(error instanceof QuireError)) throw error;
          throw new FormatError("csv", name, `column "${definition.name}": ${error.message}`, {
            line: recordLine,
            column: definition.name,
            cause: error,
          });
        }
      }
      yield {
        line: recordLine,
        id: idOf(record, layout.idIndex),
        text: canonicalCell(record[layout.textIndex] as string),
        attributes,
      };
    }
  } catch (error) {
    throw csvParseError(name, error, line);
  }
  if (layout === undefined) throw new FormatError("csv", name, "is empty");
}
