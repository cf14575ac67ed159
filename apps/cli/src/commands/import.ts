/**
 * `quire import`: files into a project through `@quire/io` — transcripts, CSV of responses and
 * every format it knows. All files of one call are one transaction and one undoable step.
 */
import { importFiles } from "@quire/io";
import { type GlobalOptions, withSession } from "../context.js";
import type { Output } from "../output.js";
import { type Progress, startProgress } from "../progress.js";

export interface ImportCommandOptions extends GlobalOptions {
  kind?: string;
  textColumn?: string;
  idColumn?: string;
  attributes?: string;
  delimiter?: string;
  replace?: boolean;
  sheet?: string;
  pseudonymise?: boolean;
  pseudonymKey?: string;
}

export async function importCommand(
  location: string,
  files: string[],
  options: ImportCommandOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const bars = new Map<string, Progress>();
    try {
      const report = await importFiles(
        session.store,
        session.project,
        session.actor,
        files,
        {
          ...(options.kind ? { kind: options.kind } : {}),
          ...(options.textColumn ? { textColumn: options.textColumn } : {}),
          ...(options.idColumn ? { idColumn: options.idColumn } : {}),
          ...(options.attributes ? { attributeColumns: splitList(options.attributes) } : {}),
          ...(options.delimiter ? { delimiter: options.delimiter } : {}),
          ...(options.replace ? { replace: true } : {}),
          ...(options.sheet ? { sheet: options.sheet } : {}),
          ...(options.pseudonymise ? { pseudonymise: true } : {}),
          ...(options.pseudonymKey ? { pseudonymKeyFile: options.pseudonymKey } : {}),
        },
        {
          note: (message) => out.note(message),
          progress: (file, done, total) => {
            let bar = bars.get(file);
            if (!bar) {
              bar = startProgress(file.replace(/^.*[\\/]/, ""), total, !out.json);
              bars.set(file, bar);
            }
            bar.update(done);
          },
        },
      );
      for (const bar of bars.values()) bar.stop();
      out.result(report, (r) => {
        out.line(
          `imported ${r.sources} sources (${r.turns} speaker turns, ${r.cases} new cases) from ${files.length} file${files.length === 1 ? "" : "s"} into "${session.project.name}"`,
        );
        if (r.replaced > 0) out.line(`re-imported ${r.replaced} sources, keeping their codings`);
        for (const file of r.files) {
          for (const warning of file.warnings) out.line(`${file.file}: ${warning}`);
          for (const skipped of file.skipped) out.line(`${file.file}: not imported: ${skipped}`);
        }
      });
    } finally {
      for (const bar of bars.values()) bar.stop();
    }
  });
}

function splitList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
