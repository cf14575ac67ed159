/**
 * Importing files into a project: each file goes to the importer for its ending, every file is
 * read and checked first, and then all are written in one mutation — one transaction and one
 * audit event, so a bad file leaves the project exactly as it was and one undo removes the lot.
 */
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import type { Project } from "@quire/core";
import { QuireError } from "@quire/core";
import { mutate, type Store } from "@quire/db";
import type {
  FileImporter,
  FileReport,
  ImportHooks,
  ImportOptions,
  PreparedFile,
} from "./importer.js";
import { bibliographyImporter } from "./importers/bibliography.js";
import { csvImporter } from "./importers/csv.js";
import { docxImporter, odtImporter, pdfImporter } from "./importers/document.js";
import { forumImporter } from "./importers/forum.js";
import { refiImporter } from "./importers/refi.js";
import { subtitlesImporter } from "./importers/subtitles.js";
import { transcriptImporter } from "./importers/transcript.js";
import { xlsxImporter } from "./importers/xlsx.js";

/**
 * Files this large together make a large transaction (compressed formats expand several times),
 * which the store is set up for before it starts.
 */
const LARGE_IMPORT_BYTES = 32 * 1024 * 1024;

/** Every importer Quire has, in the order their endings are tried. */
export const importers: FileImporter[] = [
  refiImporter,
  bibliographyImporter,
  transcriptImporter,
  csvImporter,
  ...[docxImporter, odtImporter, pdfImporter, forumImporter, subtitlesImporter, xlsxImporter],
];

/** The importer for a file name, or null. */
export function importerFor(fileName: string): FileImporter | null {
  const lower = fileName.toLowerCase();
  return (
    importers.find((importer) =>
      importer.extensions.some((extension) => lower.endsWith(extension)),
    ) ?? null
  );
}

/** Every file ending Quire can import. */
export function importableExtensions(): string[] {
  return importers.flatMap((importer) => importer.extensions);
}

export interface ImportFile {
  /** Where the bytes are. */
  path: string;
  /** The name to show, when it differs from the path (an upload saved to a temporary file). */
  name?: string;
}

export interface ImportReport {
  files: FileReport[];
  sources: number;
  cases: number;
  turns: number;
  replaced: number;
}

/**
 * Imports files into a project as one mutation.
 * @throws QuireError for a file no importer reads; FormatError naming file and place for a file
 *   that cannot be read; QuireError `conflict` for a source that exists (unless `replace`).
 */
export async function importFiles(
  store: Store,
  project: Pick<Project, "id">,
  actor: string,
  files: readonly (string | ImportFile)[],
  options: ImportOptions = {},
  hooks: ImportHooks = {},
): Promise<ImportReport> {
  const entries = files.map((file) =>
    typeof file === "string"
      ? { path: file, name: file }
      : { path: file.path, name: file.name ?? file.path },
  );
  const chosen = entries.map((entry) => {
    const importer = importerFor(entry.name);
    if (!importer)
      throw new QuireError(
        "invalid_input",
        `${entry.name}: Quire cannot import "${extname(entry.name) || "extensionless"}" files (it reads ${importableExtensions().join(", ")})`,
      );
    return { entry, importer };
  });
  const prepared: PreparedFile[] = [];
  for (const { entry, importer } of chosen)
    prepared.push(
      await importer.prepare(entry.path, { ...options, displayName: entry.name }, hooks),
    );
  let bytes = 0;
  for (const { entry } of chosen) bytes += (await stat(entry.path)).size;
  const reports = await mutate(
    store,
    { projectId: project.id, actor, action: "import", large: bytes >= LARGE_IMPORT_BYTES },
    async (m) => {
      const done: FileReport[] = [];
      for (const file of prepared) done.push(await file.write(m, hooks));
      const sources = done.reduce((sum, report) => sum + report.sources, 0);
      m.summary = `imported ${sources} sources from ${entries.length} file${entries.length === 1 ? "" : "s"}`;
      return done;
    },
  );
  const sum = (key: "sources" | "cases" | "turns" | "replaced") =>
    reports.reduce((total, report) => total + report[key], 0);
  return {
    files: reports,
    sources: sum("sources"),
    cases: sum("cases"),
    turns: sum("turns"),
    replaced: sum("replaced"),
  };
}
