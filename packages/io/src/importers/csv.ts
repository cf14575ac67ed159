/**
 * CSV of short responses (survey comments, feedback): one source and one case per row, named by the
 * id column or `file:line`; the other columns (or the chosen ones) become typed case attributes.
 * The whole file is read once to check and type it before anything is written, then streamed in.
 */
import { basename, extname } from "node:path";
import { QuireError } from "@quire/core";
import { defineAttribute, importSources, type SourceInput } from "@quire/db";
import { type CsvInspection, inspectCsv, readCsvRows } from "@quire/formats";
import { emptyReport, type FileImporter, type ImportOptions } from "../importer.js";

export const csvImporter: FileImporter = {
  format: "CSV",
  extensions: [".csv", ".tsv"],
  async prepare(path, options) {
    const name = options.displayName ?? path;
    if (!options.textColumn)
      throw new QuireError(
        "invalid_input",
        `${name}: name the column that holds the text (text column)`,
      );
    const inspection = await inspectCsv(path, {
      name,
      textColumn: options.textColumn,
      ...(options.idColumn ? { idColumn: options.idColumn } : {}),
      ...(options.attributeColumns ? { attributeColumns: options.attributeColumns } : {}),
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    });
    return {
      async write(m, hooks) {
        const report = emptyReport(name, "CSV");
        for (const attribute of inspection.attributes) await defineAttribute(m, attribute);
        if (inspection.emptyTextCount > 0)
          report.warnings.push(
            `${inspection.emptyTextCount} responses are blank (kept: a non-response is data)`,
          );
        const result = await importSources(m, rows(path, name, inspection, options), {
          onProgress: (done) => hooks.progress?.(name, done, inspection.rowCount),
        });
        return { ...report, sources: result.sources, cases: result.casesCreated };
      },
    };
  },
};

async function* rows(
  path: string,
  name: string,
  inspection: CsvInspection,
  options: ImportOptions,
): AsyncGenerator<SourceInput> {
  const stem = basename(name, extname(name));
  for await (const row of readCsvRows(path, {
    name,
    textColumn: options.textColumn ?? "",
    ...(options.idColumn ? { idColumn: options.idColumn } : {}),
    delimiter: inspection.delimiter,
    attributes: inspection.attributes,
  })) {
    const caseName = row.id ?? `${stem}:${row.line}`;
    yield {
      kind: "response",
      title: caseName,
      text: row.text,
      metadata: { file: basename(name), line: row.line },
      caseName,
      caseKind: "respondent",
      caseAttributes: row.attributes,
    };
  }
}
