/** What every workload needs to know about the run: options, size preset, corpus and scratch space. */
import type { Vocabulary } from "./generators/vocabulary.js";
import type { Options, SizePreset } from "./options.js";
import type { SearchQuerySpec } from "./yardsticks.js";

export interface BenchContext {
  options: Options;
  preset: SizePreset;
  vocabulary: Vocabulary;
  tempDir: string;
  /** The generated feedback CSV every import reads. */
  csvPath: string;
  csvBytes: number;
  queries: readonly SearchQuerySpec[];
}

/** One actor for everything the bench does, so the audit log reads plainly if anyone opens it. */
export const ACTOR = "bench";

/** Seeds derived from the run's seed, one per generator, so changing one corpus leaves the others. */
export const SEEDS = {
  feedback: 1,
  interviews: 2,
  codebook: 3,
  codings: 4,
  picks: 5,
  changes: 6,
} as const;

export function seedFor(options: Options, part: keyof typeof SEEDS): number {
  return (options.seed * 31 + SEEDS[part]) >>> 0;
}
