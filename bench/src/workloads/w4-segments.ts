/**
 * W4: retrieve the first page of 50 coded segments, with 100 characters of context, for a random
 * code — what the app shows when a researcher clicks a code in the codebook.
 */
import { retrieveSegments, type Store } from "@quire/db";
import { type BenchContext, seedFor } from "../context.js";
import { now, percentile, progress } from "../measure.js";
import { Prng } from "../prng.js";
import type { CodedProject } from "./fixture.js";

export async function measureRetrieval(
  store: Store,
  projectId: string,
  project: CodedProject,
  context: BenchContext,
): Promise<number[]> {
  const prng = new Prng(seedFor(context.options, "picks") + 1);
  const times: number[] = [];
  const warmup = 10;
  for (let index = 0; index < context.preset.latencyOps + warmup; index++) {
    const codeId = prng.pick(project.codeIds);
    const start = now();
    const page = await retrieveSegments(store, projectId, {
      codeIds: [codeId],
      context: 100,
      limit: 50,
    });
    const elapsed = now() - start;
    if (page.segments.length === 0)
      throw new Error(`code ${codeId} has codings but retrieval returned none`);
    if (index >= warmup) times.push(elapsed);
  }
  progress(`W4: ${times.length} retrievals, p95 ${percentile(times, 95).toFixed(2)} ms`);
  return times;
}
