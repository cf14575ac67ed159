/**
 * W7: Krippendorff's α for three coders over 10⁶ units, streamed into the accumulator as the
 * project's codings would be — each unit generated, added and forgotten — so the figure shows both
 * the time and that memory does not grow with the number of units (the 10⁵-unit run is the control).
 */
import { createAlphaAccumulator } from "@quire/analysis";
import { type BenchContext, seedFor } from "../context.js";
import { collectGarbage, median, now, RssSampler } from "../measure.js";
import { Prng } from "../prng.js";

const CODERS = 3;
const CATEGORIES = 30;
/** How often a coder agrees with the first coder's value; the rest pick at random. */
const AGREEMENT = 0.8;

export interface AgreementRun {
  units: number;
  ms: number;
  alpha: number | null;
  rssGrowthBytes: number;
}

function runOnce(units: number, seed: number): AgreementRun {
  collectGarbage();
  const prng = new Prng(seed);
  const sampler = new RssSampler();
  const startRss = process.memoryUsage().rss;
  const start = now();
  const alpha = createAlphaAccumulator("nominal");
  const values: string[] = new Array(CODERS);
  for (let unit = 0; unit < units; unit++) {
    const reference = `code ${prng.int(1, CATEGORIES)}`;
    values[0] = reference;
    for (let coder = 1; coder < CODERS; coder++)
      values[coder] = prng.next() < AGREEMENT ? reference : `code ${prng.int(1, CATEGORIES)}`;
    alpha.add(values);
  }
  const result = alpha.result();
  const ms = now() - start;
  const peak = sampler.stop();
  return { units, ms, alpha: result.value, rssGrowthBytes: Math.max(0, peak - startRss) };
}

/** Three runs at 10⁶ units and one at 10⁵ for the memory comparison. */
export function measureAgreement(context: BenchContext): {
  runs: AgreementRun[];
  control: AgreementRun;
} {
  const seed = seedFor(context.options, "picks") + 7;
  const control = runOnce(100_000, seed);
  const runs = [0, 1, 2].map((run) => runOnce(1_000_000, seed + run));
  return { runs, control };
}

export function medianMs(runs: readonly AgreementRun[]): number {
  return median(runs.map((run) => run.ms));
}
