/**
 * W3: apply, resize and remove one coding through the API, each its own mutation (its own
 * transaction and audit event, as a click in the app would be), at the project's full coding count.
 * Each cycle applies a coding to a seeded random passage, resizes it, then removes it, so the
 * coding count stays where the fixture put it.
 */
import { addCoding, mutate, removeCoding, resizeCoding, type Store } from "@quire/db";
import { ACTOR, type BenchContext, seedFor } from "../context.js";
import { now, percentile, progress } from "../measure.js";
import { Prng } from "../prng.js";
import type { CodedProject } from "./fixture.js";

export interface CodingLatencies {
  apply: number[];
  resize: number[];
  remove: number[];
}

export async function measureCodingOps(
  store: Store,
  projectId: string,
  project: CodedProject,
  context: BenchContext,
): Promise<CodingLatencies> {
  const prng = new Prng(seedFor(context.options, "picks"));
  const latencies: CodingLatencies = { apply: [], resize: [], remove: [] };
  const sources = project.sample.filter((source) => source.length >= 4);
  const cycles = context.preset.latencyOps;
  // A few untimed cycles first, so statement caches and the connection pool are warm.
  const warmup = 10;
  for (let cycle = 0; cycle < cycles + warmup; cycle++) {
    const source = prng.pick(sources);
    const codeId = prng.pick(project.codeIds);
    const start = prng.int(0, source.length - 3);
    const end = Math.min(source.length, start + prng.int(2, 200));
    const timed = cycle >= warmup;

    let time = now();
    const coding = await mutate(
      store,
      { projectId, actor: ACTOR, action: "coding.add" },
      async (m) => {
        m.summary = "applied a code";
        return addCoding(m, { sourceId: source.sourceId, codeId, start, end });
      },
    );
    if (timed) latencies.apply.push(now() - time);

    const newStart = Math.max(0, start - prng.int(0, 20));
    const newEnd = Math.min(source.length, end + prng.int(1, 20));
    time = now();
    await mutate(store, { projectId, actor: ACTOR, action: "coding.resize" }, async (m) => {
      m.summary = "resized a coding";
      return resizeCoding(m, coding.id, newStart, newEnd);
    });
    if (timed) latencies.resize.push(now() - time);

    time = now();
    await mutate(store, { projectId, actor: ACTOR, action: "coding.remove" }, async (m) => {
      m.summary = "removed a coding";
      return removeCoding(m, coding.id);
    });
    if (timed) latencies.remove.push(now() - time);
  }
  const all = [...latencies.apply, ...latencies.resize, ...latencies.remove];
  progress(`W3: ${all.length} operations, p95 ${percentile(all, 95).toFixed(2)} ms`);
  return latencies;
}
