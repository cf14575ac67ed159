/**
 * Coded segments as an Excel workbook: one row per coding with source, case, the case's
 * attributes, code path, coder, offsets, text and context — the columns of the CSV export — plus a
 * second sheet with the codebook, so the spreadsheet explains its own codes.
 */
import { listAttributes, listCodes, listCodesWithCounts } from "@quire/db";
import { CODEBOOK_COLUMNS, codebookRow, writeXlsx } from "@quire/formats";
import type { Exporter } from "../exporter.js";
import { codebookEntries } from "./codebook.js";
import { allSegments, segmentColumns, segmentRow } from "./segments.js";

export const segmentsXlsxExporter: Exporter = {
  format: "xlsx",
  description: "coded segments as an Excel workbook, one row per coding, with the codebook",
  extension: ".xlsx",
  async write(store, project, path, options, hooks) {
    const codeIds = options.codeIds ?? (await listCodes(store, project.id)).map((code) => code.id);
    const attributes = (await listAttributes(store, project.id)).map((attribute) => attribute.name);
    let total = 0;
    async function* rows() {
      for await (const segment of allSegments(
        store,
        project.id,
        codeIds,
        options.context ?? 100,
        (n) => (total = n),
      ))
        yield segmentRow(segment, attributes, null);
    }
    const entries = codebookEntries(await listCodesWithCounts(store, project.id));
    const [segments = 0] = await writeXlsx(
      path,
      [
        {
          name: "Coded segments",
          columns: segmentColumns(attributes),
          rows: rows(),
        },
        { name: "Codebook", columns: CODEBOOK_COLUMNS, rows: entries.map(codebookRow) },
      ],
      (written) => hooks.progress?.(written, total),
    );
    return { path, format: "xlsx", counts: { segments, codes: entries.length } };
  },
};
