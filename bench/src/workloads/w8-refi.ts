/**
 * W8: REFI-QDA exchange of the coded project. Exports it to a `.qdpx` through the real path (the
 * store read page by page, streamed into the archive), then imports that file into a fresh
 * project in one mutation, as `quire import` does. Each step runs in a process of its own, as the
 * CLI's commands do, so that its peak RSS is its own and not the bench's fixture. Rates are
 * megabytes of uncompressed archive content (project.qde plus the source texts) per second.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createProject } from "@quire/db";
import { ZipArchive } from "@quire/formats";
import { type BenchStore, freshStore } from "../backends.js";
import { ACTOR, type BenchContext } from "../context.js";
import { progress } from "../measure.js";
import type { Backend } from "../options.js";
import type { ResultRow } from "../report.js";
import type { W8Step, W8StepResult } from "./w8-step.js";

const MIB = 2 ** 20;

export async function measureRefi(
  source: BenchStore,
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
    const exported = await inOwnProcess({
      mode: "export",
      location: source.location,
      projectId,
      archive: path,
    });
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
    await target.release();
    const imported = await inOwnProcess({
      mode: "import",
      location: target.location,
      projectId: project.id,
      archive: path,
    });
    const mb = contentBytes / 1e6;
    const outRate = mb / exported.seconds;
    const inRate = mb / imported.seconds;
    const scale = `${Math.round(xmlBytes / MIB)} MiB XML, ${exported.codings} codings`;
    const archiveMiB = Math.round(statSync(path).size / MIB);
    const rssOf = (step: W8StepResult) =>
      `RSS ${Math.round(step.peakRssBytes / MIB)} MiB (from ${Math.round(step.startRssBytes / MIB)})`;
    return [
      {
        workload: `W8 export .qdpx (${scale})`,
        backend,
        size,
        figure: `${outRate.toFixed(1)} MB/s · ${exported.seconds.toFixed(1)} s · ${rssOf(exported)} · ${archiveMiB} MiB file`,
        target: "≥ 50 MB/s; RSS ≤ 500 MiB",
        met: outRate >= 50 && exported.peakRssBytes <= 500 * MIB,
        ratio: "—",
        values: {
          megabytesPerSecond: outRate,
          seconds: exported.seconds,
          peakRssBytes: exported.peakRssBytes,
          startRssBytes: exported.startRssBytes,
          xmlBytes,
          contentBytes,
        },
      },
      {
        workload: `W8 import .qdpx (${scale})`,
        backend,
        size,
        figure: `${inRate.toFixed(1)} MB/s · ${imported.seconds.toFixed(1)} s · ${rssOf(imported)} · ${imported.codings} codings`,
        target: "≥ 30 MB/s; RSS ≤ 500 MiB",
        met:
          inRate >= 30 &&
          imported.peakRssBytes <= 500 * MIB &&
          imported.codings === exported.codings,
        ratio: "—",
        values: {
          megabytesPerSecond: inRate,
          seconds: imported.seconds,
          peakRssBytes: imported.peakRssBytes,
          startRssBytes: imported.startRssBytes,
          codings: imported.codings,
        },
      },
    ];
  } finally {
    await target?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one step in a fresh Node process (see `w8-step.ts`) and waits for its result. */
function inOwnProcess(step: W8Step): Promise<W8StepResult> {
  const child = fork(fileURLToPath(new URL("./w8-step.js", import.meta.url)), [
    JSON.stringify(step),
  ]);
  return new Promise((resolve, reject) => {
    let answered = false;
    child.on("message", (message: { ok: boolean; result?: W8StepResult; error?: string }) => {
      answered = true;
      if (message.ok && message.result) resolve(message.result);
      else reject(new Error(`W8 ${step.mode} failed: ${message.error}`));
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (!answered) reject(new Error(`W8 ${step.mode} process exited with code ${code}`));
    });
  });
}
