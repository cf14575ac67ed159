/**
 * Writing tables to .xlsx with exceljs's streaming writer: rows are committed as they come, so a
 * large export never sits in memory as a workbook. One sheet per table; the header row is bold and
 * frozen so the columns stay labelled while scrolling.
 */
import { loadExcelJS } from "../lazy.js";

export interface XlsxSheet {
  name: string;
  columns: readonly string[];
  rows: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>;
}

/** Excel refuses longer cells; longer text is cut and marked. */
const MAX_CELL = 32_767;

/**
 * Writes the sheets to `path`, returning the rows written per sheet.
 * @throws Error from the file system (the caller names the file).
 */
export async function writeXlsx(
  path: string,
  sheets: readonly XlsxSheet[],
  onRow?: (written: number) => void,
): Promise<number[]> {
  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  });
  const counts: number[] = [];
  let written = 0;
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(safeSheetName(sheet.name), {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    worksheet.columns = sheet.columns.map((header) => ({
      header,
      key: header,
      width: Math.min(60, Math.max(10, header.length + 2)),
    }));
    worksheet.getRow(1).font = { bold: true };
    worksheet.getRow(1).commit();
    let count = 0;
    for await (const row of sheet.rows) {
      worksheet.addRow(row.map(cellValue)).commit();
      count++;
      if (++written % 1_000 === 0) onRow?.(written);
    }
    worksheet.commit();
    counts.push(count);
  }
  await workbook.commit();
  onRow?.(written);
  return counts;
}

function cellValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    // A leading = + - @ would make Excel read the text as a formula.
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return safe.length > MAX_CELL ? `${safe.slice(0, MAX_CELL - 12)} [truncated]` : safe;
  }
  if (typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

/** Sheet names: at most 31 characters, none of `[]:*?/\`. */
function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet";
}
