/** `quire export`: a project, or part of it, to a file through `@quire/io`. */
import { QuireError } from "@quire/core";
import { findCode } from "@quire/db";
import { exportProject } from "@quire/io";
import { type GlobalOptions, withSession } from "../context.js";
import type { Output } from "../output.js";
import { type Progress, startProgress } from "../progress.js";
import { count } from "./segments.js";

export interface ExportCommandOptions extends GlobalOptions {
  format?: string;
  out?: string;
  code?: string[];
  context?: string;
  source?: string;
}

export async function exportCommand(
  location: string,
  options: ExportCommandOptions,
  out: Output,
): Promise<void> {
  if (!options.out) throw new QuireError("invalid_input", "name the file to write with --out");
  const path = options.out;
  await withSession(location, options, async ({ store, project }) => {
    const codeIds = options.code?.length
      ? (await Promise.all(options.code.map((ref) => findCode(store, project.id, ref)))).map(
          (code) => code.id,
        )
      : undefined;
    let bar: Progress | null = null;
    try {
      const report = await exportProject(
        store,
        project,
        options.format ?? "csv",
        path,
        {
          ...(codeIds ? { codeIds } : {}),
          ...(options.source ? { source: options.source } : {}),
          context: count(options.context, "--context", 100),
        },
        {
          progress: (done, total) => {
            bar ??= startProgress("export", total, !out.json);
            bar.update(done);
          },
        },
      );
      out.result(report, (r) =>
        out.line(
          `wrote ${Object.entries(r.counts)
            .map(([unit, n]) => `${n} ${unit}`)
            .join(", ")} to ${r.path} (${r.format})`,
        ),
      );
    } finally {
      (bar as Progress | null)?.stop();
    }
  });
}
