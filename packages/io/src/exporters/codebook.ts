/**
 * The codebook on its own: every code in tree order with its path, definition, inclusion and
 * exclusion criteria, example, colour, origin and usage — as CSV, as an Excel sheet, or as a Word
 * document for an appendix.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { type CodeWithCounts, listCodesWithCounts } from "@quire/db";
import {
  CODEBOOK_COLUMNS,
  type CodebookEntry,
  codebookDocx,
  codebookRow,
  writeXlsx,
} from "@quire/formats";
import { stringify } from "csv-stringify";
import type { Exporter } from "../exporter.js";

/** The store's codes as codebook entries. */
export function codebookEntries(codes: readonly CodeWithCounts[]): CodebookEntry[] {
  return codes.map((code) => ({
    path: code.path,
    name: code.name,
    depth: code.depth,
    definition: code.description.definition ?? "",
    inclusion: code.description.inclusion ?? "",
    exclusion: code.description.exclusion ?? "",
    example: code.description.example ?? "",
    color: code.color,
    origin: code.origin,
    codings: code.codingCount,
    sources: code.sourceCount,
  }));
}

export const codebookCsvExporter: Exporter = {
  format: "codebook-csv",
  description: "the codebook as CSV, one row per code",
  extension: ".csv",
  async write(store, project, path) {
    const entries = codebookEntries(await listCodesWithCounts(store, project.id));
    const file = createWriteStream(path);
    const csv = stringify({ header: true, columns: [...CODEBOOK_COLUMNS] });
    csv.pipe(file);
    for (const entry of entries) if (!csv.write(codebookRow(entry))) await once(csv, "drain");
    csv.end();
    await once(file, "finish");
    return { path, format: "codebook-csv", counts: { codes: entries.length } };
  },
};

export const codebookXlsxExporter: Exporter = {
  format: "codebook-xlsx",
  description: "the codebook as an Excel sheet",
  extension: ".xlsx",
  async write(store, project, path) {
    const entries = codebookEntries(await listCodesWithCounts(store, project.id));
    await writeXlsx(path, [
      { name: "Codebook", columns: CODEBOOK_COLUMNS, rows: entries.map(codebookRow) },
    ]);
    return { path, format: "codebook-xlsx", counts: { codes: entries.length } };
  },
};

export const codebookDocxExporter: Exporter = {
  format: "codebook-docx",
  description: "the codebook as a Word document",
  extension: ".docx",
  async write(store, project, path) {
    const entries = codebookEntries(await listCodesWithCounts(store, project.id));
    await writeFile(path, await codebookDocx(project.name, entries));
    return { path, format: "codebook-docx", counts: { codes: entries.length } };
  },
};
