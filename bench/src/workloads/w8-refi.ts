/**
 * W8: REFI-QDA exchange of the coded project. Exports it to a `.qdpx` through the real path (the
 * store read page by page, streamed into the archive), then imports that file into a fresh
 * project in one mutation, as `quire import` does. Rates are megabytes of uncompressed archive
 * content (project.qde plus the source texts) per second; peak RSS is sampled throughout.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { createProject, mutate, readBundle, type Store, writeBundle } from "@quire/db";
import { openRefi, writeQdpx, ZipArchive } from "@quire/formats";
import { type BenchStore, freshStore } from "../backends.js";
import { ACTOR, type BenchContext } from "../context.js";
import { collectGarbage, now, progress, RssSampler } from "../measure.js";
import type { Backend } from "../options.js";
import type { ResultRow } from "../report.js";

const MIB = 2 ** 20;

export async function measureRefi(
  store: Store,
  projectId: string,
  backend: Backend,
  context: BenchContext,
  size: string,
): Promise<ResultRow[]> {
  const dir = mkdtempSync(join(context.tempDir, "w8-"));
  const path = join(dir, "project.qdpx");
  let target: BenchStore | null = null;
  try {
    progress(`${backend}: W8 export .qdpx`);
    collectGarbage();
    // What the process held before each phase: the peak is the whole process's, as in W1.
    const exportStartRss = process.memoryUsage().rss;
    let rss = new RssSampler();
    let started = now();
    const written = await writeQdpx(path, readBundle(store, projectId));
    const exportSeconds = (now() - started) / 1000;
    const exportRss = rss.stop();
    const archive = await ZipArchive.open(path);
    const contentBytes = archive.unpackedSize;
    const xmlBytes = archive.entry("project.qde")?.size ?? 0;
    await archive.close();

    progress(`${backend}: W8 import .qdpx`);
    target = await freshStore(backend, dir);
    const project = await createProject(target.store, {
      name: "W8",
      method: "reflexive_ta",
      actor: ACTOR,
    });
    collectGarbage();
    const importStartRss = process.memoryUsage().rss;
    rss = new RssSampler();
    started = now();
    const reader = await openRefi(path);
    const imported = await mutate(
      target.store,
      { projectId: project.id, actor: ACTOR, action: "import" },
      async (m) => {
        const result = await writeBundle(m, reader.parts);
        m.summary = `imported ${result.sources} sources`;
        return result;
      },
    );
    await reader.close();
    const importSeconds = (now() - started) / 1000;
    const importRss = rss.stop();
    const mb = contentBytes / 1e6;
    const outRate = mb / exportSeconds;
    const inRate = mb / importSeconds;
    const scale = `${Math.round(xmlBytes / MIB)} MiB XML, ${written.codings} codings`;
    const archiveMiB = Math.round(statSync(path).size / MIB);
    return [
      {
        workload: `W8 export .qdpx (${scale})`,
        backend,
        size,
        figure: `${outRate.toFixed(1)} MB/s · ${exportSeconds.toFixed(1)} s · RSS ${Math.round(exportRss / MIB)} MiB (from ${Math.round(exportStartRss / MIB)}) · ${archiveMiB} MiB file`,
        target: "≥ 50 MB/s; RSS ≤ 500 MiB",
        met: outRate >= 50 && exportRss <= 500 * MIB,
        ratio: "—",
        values: {
          megabytesPerSecond: outRate,
          seconds: exportSeconds,
          peakRssBytes: exportRss,
          startRssBytes: exportStartRss,
          xmlBytes,
          contentBytes,
        },
      },
      {
        workload: `W8 import .qdpx (${scale})`,
        backend,
        size,
        figure: `${inRate.toFixed(1)} MB/s · ${importSeconds.toFixed(1)} s · RSS ${Math.round(importRss / MIB)} MiB (from ${Math.round(importStartRss / MIB)}) · ${imported.codings} codings`,
        target: "≥ 30 MB/s; RSS ≤ 500 MiB",
        met: inRate >= 30 && importRss <= 500 * MIB && imported.codings === written.codings,
        ratio: "—",
        values: {
          megabytesPerSecond: inRate,
          seconds: importSeconds,
          peakRssBytes: importRss,
          startRssBytes: importStartRss,
          codings: imported.codings,
        },
      },
    ];
  } finally {
    await target?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
