/**
 * REFI-QDA projects (`.qdpx`, or a bare `.qde`) and codebooks (`.qdc`) into the current project.
 * A project file is a whole-project import: codes merge by path and cases by name with what the
 * project has, and conflicts are reported. `prepare` opens and checks the archive (and, for files
 * that fit comfortably in memory, parses all of it) before anything is written; a larger file is
 * parsed as it is written, and any error then rolls the single mutation back, so either way the
 * project is exactly as before when a file is refused.
 */

import { stat } from "node:fs/promises";
import { writeBundle } from "@quire/db";
import {
  type BundlePart,
  bundleParts,
  collectBundle,
  openRefi,
  type RefiReader,
} from "@quire/formats";
import { emptyReport, type FileImporter } from "../importer.js";

/** Files up to this size are parsed completely in `prepare`, outside the transaction. */
const PARSE_FIRST_BYTES = 64 * 1024 * 1024;

export const refiImporter: FileImporter = {
  format: "REFI-QDA",
  extensions: [".qdpx", ".qde", ".qdc"],
  async prepare(path, options) {
    const name = options.displayName ?? path;
    // A file that cannot be read is left for openRefi to name in its error.
    const size = await stat(path).then(
      (found) => found.size,
      () => 0,
    );
    // A file streamed inside the transaction is parsed on a thread of its own, beside the writing.
    const reader = await openRefi(path, { file: name, thread: size > PARSE_FIRST_BYTES });
    let parts: AsyncIterable<BundlePart> | Iterable<BundlePart> = reader.parts;
    if (size <= PARSE_FIRST_BYTES) {
      try {
        const bundle = await collectBundle(reader.parts);
        parts = bundleParts(bundle);
      } finally {
        await reader.close();
      }
    }
    return {
      async write(m, hooks) {
        const report = emptyReport(
          name,
          reader.kind === "codebook" ? "REFI-QDA codebook" : "REFI-QDA",
        );
        try {
          const result = await writeBundle(m, codebookOnly(reader, parts), {
            ...(options.kind ? { kind: options.kind } : {}),
            onSource: (done) => hooks.progress?.(name, done, 0),
          });
          report.sources = result.sources;
          report.cases = result.cases;
          report.codes = result.codes;
          report.codings = result.codings;
          report.warnings.push(...reader.report.warnings, ...result.warnings);
          report.warnings.push(...result.conflicts.map((conflict) => `conflict: ${conflict}`));
          if (result.codesMerged > 0)
            report.warnings.push(
              `${result.codesMerged} codes matched codes already in the project by path`,
            );
          if (result.casesMerged > 0)
            report.warnings.push(
              `${result.casesMerged} cases matched cases already in the project by name`,
            );
          report.skipped.push(...reader.report.skipped, ...result.skipped);
          const counts = `${result.users} users, ${result.attributes} variables, ${result.memos} notes as memos, ${result.sets} sets`;
          report.warnings.unshift(`also imported ${counts}`);
          return report;
        } finally {
          await reader.close();
        }
      },
    };
  },
};

/** A codebook file carries no project: drop its project part so the project's settings stay. */
async function* codebookOnly(
  reader: RefiReader,
  parts: AsyncIterable<BundlePart> | Iterable<BundlePart>,
): AsyncGenerator<BundlePart> {
  for await (const part of parts) {
    if (reader.kind === "codebook" && (part.type === "project" || part.type === "end")) continue;
    yield part;
  }
}
