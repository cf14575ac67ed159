/** Exporting a project to a file in one of the formats Quire writes. */
import { type Project, QuireError } from "@quire/core";
import type { Store } from "@quire/db";
import type { Exporter, ExportHooks, ExportOptions, ExportReport } from "./exporter.js";
import { backupExporter } from "./exporters/backup.js";
import {
  codebookCsvExporter,
  codebookDocxExporter,
  codebookXlsxExporter,
} from "./exporters/codebook.js";
import { frameworkXlsxExporter } from "./exporters/framework-xlsx.js";
import { qdcExporter, qdpxExporter } from "./exporters/refi.js";
import { segmentsCsvExporter, segmentsJsonExporter } from "./exporters/segments.js";
import { segmentsXlsxExporter } from "./exporters/segments-xlsx.js";
import { sourceDocxExporter, sourceHtmlExporter } from "./exporters/source-document.js";
import { stcResultsExporter } from "./exporters/stc-results.js";
import { reportDocxExporter, reportHtmlExporter } from "./report/exporters.js";

/** Every exporter Quire has. */
export const exporters: Exporter[] = [
  qdpxExporter,
  qdcExporter,
  segmentsCsvExporter,
  segmentsJsonExporter,
  ...[
    segmentsXlsxExporter,
    codebookCsvExporter,
    codebookXlsxExporter,
    codebookDocxExporter,
    sourceDocxExporter,
    sourceHtmlExporter,
    backupExporter,
    frameworkXlsxExporter,
    stcResultsExporter,
    reportHtmlExporter,
    reportDocxExporter,
  ],
];

/**
 * Writes the project (or the part the format covers) to `path`.
 * @throws QuireError `invalid_input` for an unknown format.
 */
export async function exportProject(
  store: Store,
  project: Project,
  format: string,
  path: string,
  options: ExportOptions = {},
  hooks: ExportHooks = {},
): Promise<ExportReport> {
  const exporter = exporters.find((candidate) => candidate.format === format);
  if (!exporter)
    throw new QuireError(
      "invalid_input",
      `cannot export as "${format}"; choose one of ${exporters.map((e) => e.format).join(", ")}`,
    );
  return exporter.write(store, project, path, options, hooks);
}
