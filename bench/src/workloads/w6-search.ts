/**
 * W6: full-text search over the feedback corpus, first page of 50 with keyword-in-context
 * snippets, for a fixed set of realistic queries: single words, phrases, prefixes and NOT.
 */
import { type Store, searchProject } from "@quire/db";
import type { BenchContext } from "../context.js";
import { median, now, percentile, progress } from "../measure.js";
import type { SearchQuerySpec } from "../yardsticks.js";

export interface SearchLatencies {
  times: number[];
  perQuery: Record<string, { median: number; total: number }>;
}

/**
 * Queries a researcher would type into a feedback corpus. Words are checked against the generated
 * vocabulary so that every query finds something; the FTS5 twin of each is for the raw yardstick.
 */
export function searchQueries(common: readonly string[]): SearchQuerySpec[] {
  const has = (word: string) => common.includes(word);
  const pickWord = (preferred: string[], fallbackRank: number) =>
    preferred.find(has) ?? common.filter((word) => word.length > 3)[fallbackRank] ?? "care";
  const staff = pickWord(["staff"], 0);
  const helpful = pickWord(["helpful"], 3);
  const waiting = pickWord(["waiting"], 8);
  const rude = pickWord(["rude"], 40);
  const specs: SearchQuerySpec[] = [
    { quire: staff, fts5: staff, kind: "word" },
    { quire: waiting, fts5: waiting, kind: "word" },
    { quire: rude, fts5: rude, kind: "word" },
    { quire: `"very ${helpful}"`, fts5: `"very ${helpful}"`, kind: "phrase" },
    { quire: '"thank you"', fts5: '"thank you"', kind: "phrase" },
    { quire: "nurs*", fts5: '"nurs" *', kind: "prefix" },
    { quire: "communicat*", fts5: '"communicat" *', kind: "prefix" },
    { quire: `${staff} NOT ${rude}`, fts5: `${staff} NOT ${rude}`, kind: "not" },
    { quire: `care NOT ${waiting}`, fts5: `care NOT ${waiting}`, kind: "not" },
  ];
  return specs;
}

export async function measureSearch(
  store: Store,
  projectId: string,
  context: BenchContext,
): Promise<SearchLatencies> {
  const rounds = Math.max(3, Math.ceil(context.preset.latencyOps / context.queries.length));
  const perQuery: SearchLatencies["perQuery"] = {};
  const times: number[] = [];
  for (const query of context.queries) {
    const first = await searchProject(store, projectId, query.quire, { limit: 50 });
    if (first.total === 0) progress(`W6: "${query.quire}" finds nothing in this corpus`);
    const own: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const start = now();
      await searchProject(store, projectId, query.quire, { limit: 50 });
      own.push(now() - start);
    }
    perQuery[query.quire] = { median: median(own), total: first.total };
    times.push(...own);
  }
  progress(`W6: ${times.length} searches, p95 ${percentile(times, 95).toFixed(2)} ms`);
  return { times, perQuery };
}
