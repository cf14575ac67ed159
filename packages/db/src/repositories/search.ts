/**
 * Full-text search over a project's sources: the database finds and ranks the matching sources a
 * page at a time; the hits inside each and their keyword-in-context snippets are found here, with
 * offsets into the canonical text so that a hit can be opened or coded.
 */
import { type Coding, findHits, keywordInContext, parseSearchQuery } from "@quire/core";
import type { Mutation } from "../audit/mutation.js";
import type { Store } from "../store.js";
import { addCoding } from "./codings.js";

export interface SearchHit {
  start: number;
  end: number;
  before: string;
  match: string;
  after: string;
}

export interface SearchResult {
  sourceId: string;
  title: string;
  kind: string;
  caseName: string | null;
  hitCount: number;
  /** The first hits of the source (at most `hitsPerSource`). */
  hits: SearchHit[];
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** Characters of context on each side of a hit (default 60). */
  context?: number;
  hitsPerSource?: number;
}

/** Matches are counted up to this many; past it the total reads "10,000 or more". */
export const SEARCH_COUNT_CAP = 10_000;
/**
 * Up to this many matches are ranked by relevance; more are listed in collection order, because
 * ranking every match of a very common word costs more than a researcher gains from it.
 */
export const SEARCH_RANK_LIMIT = 5_000;

export interface SearchPage {
  /** Matching sources, exact up to `SEARCH_COUNT_CAP`. */
  total: number;
  /** True when there are more than `total` matches. */
  totalIsLowerBound: boolean;
  order: "rank" | "collection";
  results: SearchResult[];
}

/**
 * Searches the current text of every source in the project.
 * @throws QuireError `invalid_input` for a malformed query, naming the position.
 */
export async function searchProject(
  store: Store,
  projectId: string,
  queryText: string,
  options: SearchOptions = {},
): Promise<SearchPage> {
  const query = parseSearchQuery(queryText);
  const counted = await store.dialect.countMatches(store.db, projectId, query, SEARCH_COUNT_CAP);
  const total = Math.min(counted, SEARCH_COUNT_CAP);
  const order = counted <= SEARCH_RANK_LIMIT ? "rank" : "collection";
  const page = { total, totalIsLowerBound: counted > SEARCH_COUNT_CAP, order } as const;
  if (total === 0) return { ...page, results: [] };
  const seqs = await store.dialect.searchSources(store.db, projectId, query, {
    limit: options.limit ?? 20,
    offset: options.offset ?? 0,
    order,
  });
  if (seqs.length === 0) return { ...page, results: [] };
  const rows = await store.db
    .selectFrom("sources as s")
    .innerJoin("sourceRevisions as r", "r.id", "s.currentRevisionId")
    .leftJoin("cases as c", "c.id", "s.caseId")
    .select(["s.seq", "s.id", "s.title", "s.kind", "c.name as caseName", "r.text"])
    .where("s.seq", "in", seqs)
    .execute();
  const bySeq = new Map(rows.map((row) => [Number(row.seq), row]));
  const context = options.context ?? 60;
  const results: SearchResult[] = [];
  for (const seq of seqs) {
    const row = bySeq.get(seq);
    if (!row) continue;
    const hits = findHits(row.text, query);
    results.push({
      sourceId: row.id,
      title: row.title,
      kind: row.kind,
      caseName: row.caseName,
      hitCount: hits.length,
      hits: hits
        .slice(0, options.hitsPerSource ?? 5)
        .map((hit) => keywordInContext(row.text, hit, context)),
    });
  }
  return { ...page, results };
}

/**
 * Codes every hit of a search with one code, as the mutation's actor; hits already coded with that
 * code by the same coder are left as they are.
 * @returns the codings made or found, in source order.
 */
export async function codeSearchHits(
  m: Mutation,
  queryText: string,
  codeId: string,
  options: { sourceIds?: readonly string[] } = {},
): Promise<Coding[]> {
  const query = parseSearchQuery(queryText);
  const store = m.store;
  const codings: Coding[] = [];
  const PAGE = 500;
  for (let offset = 0; ; offset += PAGE) {
    const seqs = await store.dialect.searchSources(store.db, m.projectId, query, {
      limit: PAGE,
      offset,
      order: "collection",
    });
    if (seqs.length === 0) break;
    const rows = await m.db
      .selectFrom("sources as s")
      .innerJoin("sourceRevisions as r", "r.id", "s.currentRevisionId")
      .select(["s.id", "r.text"])
      .where("s.seq", "in", seqs)
      .orderBy("s.seq")
      .execute();
    for (const row of rows) {
      if (options.sourceIds && !options.sourceIds.includes(row.id)) continue;
      for (const hit of findHits(row.text, query))
        codings.push(
          await addCoding(m, { sourceId: row.id, codeId, start: hit.start, end: hit.end }),
        );
    }
    if (seqs.length < PAGE) break;
  }
  return codings;
}
