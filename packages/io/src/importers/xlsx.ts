/**
 * Excel workbooks (.xlsx) of responses, as the CSV importer does CSV: one `response` source and one
 * case per row, named by the id column or `file:row`; other columns typed case attributes (the
 * same inference). Several text columns may be named, separated by commas; their cells are joined
 * line by line. Without a text column but with an id column, the sheet is a case table: one case
 * per row with its attributes, and no sources.
 */
import { basename, extname } from "node:path";
import { QuireError } from "@quire/core";
import {
  defineAttribute,
  ensureCase,
  importSources,
  type SourceInput,
  setCaseAttribute,
} from "@quire/db";
import { inspectXlsx, readXlsxRows, type XlsxInspection, type XlsxOptions } from "@quire/formats";
import { emptyReport, type FileImporter } from "../importer.js";

export const xlsxImporter: FileImporter = {
  format: "XLSX",
  extensions: [".xlsx"],
  async prepare(path, options) {
    const name = options.displayName ?? path;
    if (!options.textColumn && !options.idColumn)
      throw new QuireError(
        "invalid_input",
        `${name}: name the column that holds the text (text column), or only an id column to import a table of cases`,
      );
    const textColumns = options.textColumn ? splitColumns(options.textColumn) : [];
    const plan: XlsxOptions = {
      name,
      textColumns,
      ...(options.sheet ? { sheet: options.sheet } : {}),
      ...(options.idColumn ? { idColumn: options.idColumn } : {}),
      ...(options.attributeColumns ? { attributeColumns: options.attributeColumns } : {}),
    };
    let inspection: XlsxInspection;
    try {
      inspection = await inspectXlsx(path, plan);
    } catch (error) {
      // A comma inside one column's name: try it whole before giving up.
      if (textColumns.length > 1)
        inspection = await inspectXlsx(path, {
          ...plan,
          textColumns: [options.textColumn as string],
        });
      else throw error;
      plan.textColumns = [options.textColumn as string];
    }
    const rows = readXlsxRows(path, { ...plan, attributes: inspection.attributes });
    const stem = basename(name, extname(name));
    return {
      async write(m, hooks) {
        const report = emptyReport(name, "XLSX");
        for (const attribute of inspection.attributes) await defineAttribute(m, attribute);
        report.warnings.push(`sheet "${inspection.sheet}" of ${inspection.sheets.length}`);
        if (plan.textColumns.length === 0) {
          let cases = 0;
          let done = 0;
          for await (const row of rows) {
            if (!row.id) {
              report.skipped.push(`row ${row.line}: no id, so no case`);
              continue;
            }
            const found = await ensureCase(m, row.id, "participant");
            cases++;
            for (const [attribute, value] of Object.entries(row.attributes))
              if (value !== null) await setCaseAttribute(m, found.id, attribute, String(value));
            hooks.progress?.(name, ++done, inspection.rowCount);
          }
          return { ...report, cases };
        }
        if (inspection.emptyTextCount > 0)
          report.warnings.push(
            `${inspection.emptyTextCount} responses are blank (kept: a non-response is data)`,
          );
        async function* sources(): AsyncGenerator<SourceInput> {
          for await (const row of rows) {
            const caseName = row.id ?? `${stem}:${row.line}`;
            yield {
              kind: "response",
              title: caseName,
              text: row.text,
              metadata: { file: basename(name), sheet: inspection.sheet, row: row.line },
              caseName,
              caseKind: "respondent",
              caseAttributes: row.attributes,
            };
          }
        }
        const result = await importSources(m, sources(), {
          onProgress: (done) => hooks.progress?.(name, done, inspection.rowCount),
        });
        return { ...report, sources: result.sources, cases: result.casesCreated };
      },
    };
  },
};

function splitColumns(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
