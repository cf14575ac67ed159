/**
 * Importing uploaded files: each upload is saved to a private temporary folder under its own
 * (base) name and handed to `@quire/io`, which reads every file first and then writes them all in
 * one mutation. Messages name the file as the user named it. The folder is removed afterwards,
 * whatever happened.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Store } from "@quire/db";
import { type ImportOptions, type ImportReport, importFiles } from "@quire/io";

export interface FilesImporterProps {
  store: Store;
  projectId: string;
  actor: string;
  files: readonly File[];
  options: ImportOptions;
  /** Called as the importer works through a file. */
  onProgress?(file: string, done: number, total: number): void;
}

/**
 * Imports uploads into a project as one undoable mutation.
 * @throws FormatError naming the file for a file that cannot be read; QuireError `invalid_input`
 *   for a file no importer reads, `conflict` for a source that exists (unless `replace`).
 */
export async function filesImporter(props: FilesImporterProps): Promise<ImportReport> {
  const folder = await mkdtemp(join(tmpdir(), "quire-upload-"));
  try {
    const saved = [];
    for (const [index, file] of props.files.entries()) {
      // The index keeps two uploads of the same name apart; basename drops any path a client sent.
      const name = basename(file.name.replaceAll("\\", "/")) || `upload-${index}`;
      const path = join(folder, `${index}-${name}`);
      await writeFile(path, new Uint8Array(await file.arrayBuffer()));
      saved.push({ path, name });
    }
    return await importFiles(
      props.store,
      { id: props.projectId as never },
      props.actor,
      saved,
      props.options,
      { progress: props.onProgress },
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
