/**
 * REFI-QDA export: the whole project as a `.qdpx` archive, or its codebook as a `.qdc`. The project
 * is read from the store a page at a time and written as a stream, so memory stays bounded.
 */
import type { Project } from "@quire/core";
import { readBundle, type Store } from "@quire/db";
import { writeQdc, writeQdpx } from "@quire/formats";
import type { Exporter } from "../exporter.js";

export const qdpxExporter: Exporter = {
  format: "qdpx",
  description: "REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder…)",
  extension: ".qdpx",
  async write(store: Store, project: Project, path, _options, hooks) {
    const total = await countSources(store, project.id);
    let skipped = 0;
    const counts = await writeQdpx(
      path,
      readBundle(store, project.id, { onSkip: () => skipped++ }),
      { onSource: (done) => hooks.progress?.(done, total) },
    );
    // Orphaned codings have no words to select; the count says how many stayed behind.
    return { path, format: "qdpx", counts: { ...counts, "not exported": skipped } };
  },
};

export const qdcExporter: Exporter = {
  format: "qdc",
  description: "REFI-QDA codebook (codes with hierarchy, colours, descriptions, code sets)",
  extension: ".qdc",
  async write(store: Store, project: Project, path) {
    const counts = await writeQdc(path, readBundle(store, project.id));
    return { path, format: "qdc", counts: { codes: counts.codes, sets: counts.sets } };
  },
};

async function countSources(store: Store, projectId: string): Promise<number> {
  const row = await store.db
    .selectFrom("sources")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("projectId", "=", projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
