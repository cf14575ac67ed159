/**
 * A codebook tree of N codes up to five levels deep, shaped like a grown codebook: a few dozen
 * top-level themes, most codes nested one to three levels down, names unique among siblings.
 */
import { Prng } from "../prng.js";
import type { Vocabulary } from "./vocabulary.js";

export interface CodeSpec {
  /** Index into the list; parents always come before their children. */
  index: number;
  parent: number | null;
  name: string;
  depth: number;
}

export const MAX_DEPTH = 5;

export function codebook(vocabulary: Vocabulary, count: number, seed: number): CodeSpec[] {
  const prng = new Prng(seed);
  const words = vocabulary.common.slice(0, 400).filter((word) => word.length > 2);
  const roots = Math.max(5, Math.round(Math.sqrt(count)));
  const specs: CodeSpec[] = [];
  for (let index = 0; index < count; index++) {
    let parent: number | null = null;
    if (index >= roots) {
      // Prefer recent codes as parents, which makes deeper chains, but never past the depth limit.
      for (let attempt = 0; attempt < 8 && parent === null; attempt++) {
        const candidate = specs[prng.int(0, index - 1)];
        if (candidate && candidate.depth < MAX_DEPTH - 1) parent = candidate.index;
      }
    }
    const depth = parent === null ? 0 : (specs[parent]?.depth ?? 0) + 1;
    // The index keeps names unique among siblings whatever words are drawn.
    const name = `${capitalise(prng.pick(words))} ${prng.pick(words)} ${index + 1}`;
    specs.push({ index, parent, name, depth });
  }
  return specs;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
