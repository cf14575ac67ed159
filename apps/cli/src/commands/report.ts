/**
 * `quire report`: the written report of findings — findings in the shape of the project's method,
 * the coding tree, the derivation of themes, counts by an attribute, charts and the COREQ
 * checklist — as HTML or Word, through the `report-html` and `report-docx` exporters.
 */
import { QuireError } from "@quire/core";
import { exportProject } from "@quire/io";
import { type GlobalOptions, withSession } from "../context.js";
import type { Output } from "../output.js";

export interface ReportCommandOptions extends GlobalOptions {
  format?: string;
  out?: string;
  attribute?: string;
  label?: string;
}

export async function reportCommand(
  location: string,
  options: ReportCommandOptions,
  out: Output,
): Promise<void> {
  if (!options.out) throw new QuireError("invalid_input", "name the file to write with --out");
  const format = options.format ?? "html";
  if (format !== "html" && format !== "docx")
    throw new QuireError("invalid_input", `--format is html or docx, not "${format}"`);
  const path = options.out;
  await withSession(location, options, async ({ store, project }) => {
    const report = await exportProject(store, project, `report-${format}`, path, {
      ...(options.attribute ? { attribute: options.attribute } : {}),
      ...(options.label !== undefined
        ? {
            labelAttributes: options.label
              .split(",")
              .map((name) => name.trim())
              .filter((name) => name !== ""),
          }
        : {}),
    });
    out.result(report, (r) =>
      out.line(
        `wrote the report (${Object.entries(r.counts)
          .map(([unit, n]) => `${n} ${unit}`)
          .join(", ")}) to ${r.path}`,
      ),
    );
  });
}
