/**
 * One W8 step (export or import) in a process of its own, as `quire export` and `quire import` run:
 * the bench process holds the generated corpora and fixture, hundreds of megabytes that are no
 * part of an exchange, so the peak RSS of a step is only meaningful measured apart. The parent
 * forks this module with the step as JSON in argv and receives the result as one IPC message.
 */
import { readFileSync } from "node:fs";
import { mutate, openStore, readBundle, writeBundle } from "@quire/db";
import { openRefi, writeQdpx } from "@quire/formats";
import { ACTOR } from "../context.js";
import { now, RssSampler } from "../measure.js";

export interface W8Step {
  mode: "export" | "import";
  /** The store's location: a SQLite file or a PostgreSQL URL. */
  location: string;
  projectId: string;
  archive: string;
}

export interface W8StepResult {
  seconds: number;
  /** Peak RSS of the step's process, sampled and (on Linux) the kernel's high-water mark. */
  peakRssBytes: number;
  startRssBytes: number;
  codings: number;
}

/** The kernel's record of this process's peak resident set, where there is one. */
function highWaterMark(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function run(step: W8Step): Promise<W8StepResult> {
  const store = await openStore(step.location);
  try {
    const startRssBytes = process.memoryUsage().rss;
    const rss = new RssSampler();
    const started = now();
    let codings: number;
    if (step.mode === "export") {
      codings = (await writeQdpx(step.archive, readBundle(store, step.projectId))).codings;
    } else {
      // As `quire import` reads a file of this size: on a thread of its own.
      const reader = await openRefi(step.archive, { thread: true });
      try {
        const result = await mutate(
          store,
          // As `quire import` sets up a file of this size.
          { projectId: step.projectId, actor: ACTOR, action: "import", large: true },
          async (m) => {
            const written = await writeBundle(m, reader.parts);
            m.summary = `imported ${written.sources} sources`;
            return written;
          },
        );
        codings = result.codings;
      } finally {
        await reader.close();
      }
    }
    const seconds = (now() - started) / 1000;
    const peakRssBytes = Math.max(rss.stop(), highWaterMark());
    return { seconds, peakRssBytes, startRssBytes, codings };
  } finally {
    await store.close();
  }
}

const step = JSON.parse(process.argv[2] ?? "null") as W8Step | null;
if (step && process.send) {
  const send = process.send.bind(process);
  run(step).then(
    (result) => send({ ok: true, result }, () => process.exit(0)),
    (error: unknown) =>
      send({ ok: false, error: error instanceof Error ? error.stack : String(error) }, () =>
        process.exit(1),
      ),
  );
}
