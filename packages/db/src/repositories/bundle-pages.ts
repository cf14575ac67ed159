/**
 * The sources of a bundle export, a page at a time, each with its exportable codings (orphaned and
 * empty ones left out and counted). Their order is read once as compact keys with each source's
 * number of codings (on SQLite no index serves `position`, so paging on it would sort every
 * remaining source for every page); a page then holds up to `pageSize` sources or about
 * `pageCodings` codings, whichever comes first, fetched by key. A transcript with thousands of
 * codings thus makes a short page, and memory stays bounded.
 *
 * The two backends read a page differently. SQLite answers on this thread: two queries, the
 * codings as plain arrays, one page at a time. PostgreSQL answers in one round trip per page, each
 * source's codings aggregated into one JSON array on the server (one field to decode per source
 * instead of ten per coding: half the client time of the 10⁶-coding export's reads), with the
 * next pages asked for on other connections while one is written out.
 */
import { sql } from "kysely";
import type { Store } from "../store.js";

/**
 * A coding as the export reads it: id, code id, start, end, coder, memo, created at, exchange data
 * (JSON text) — in that order, so both backends' rows serve as they come; more fields may follow.
 */
export type ExportCoding = readonly [
  string,
  string,
  number,
  number,
  string,
  string | null,
  string,
  string | null,
  ...unknown[],
];

export interface ExportSource {
  id: string;
  title: string;
  metadata: string;
  createdAt: string;
  text: string;
  /** In order by start, end and id. */
  codings: readonly ExportCoding[];
}

export interface SourcePages {
  pages: AsyncGenerator<ExportSource[]>;
  /** Codings left out so far (orphaned, or with no words); complete once `pages` is done. */
  skipped(): number;
}

export interface PageLimits {
  /** Most sources per page. */
  pageSize: number;
  /** About the most codings per page (a source with more makes a page of its own). */
  pageCodings: number;
}

/** Pages asked for ahead of the one being written, on PostgreSQL (each holds its own connection). */
const PAGES_AHEAD = 2;

/** The project's sources in order, by page; the order query starts at once. */
export function readSourcePages(store: Store, projectId: string, limits: PageLimits): SourcePages {
  const order = readOrder(store, projectId);
  // Awaited by the first page; a consumer that stops before it leaves it unawaited.
  order.catch(() => {});
  return store.kind === "postgres"
    ? postgresPages(store, order, limits)
    : sqlitePages(store, order, limits);
}

interface SourceOrder {
  /** Source seqs in export order. */
  keys: Float64Array;
  /** Each source's number of codings, all of them. */
  weights: Float64Array;
}

async function readOrder(store: Store, projectId: string): Promise<SourceOrder> {
  // 10⁵ rows at M: read as arrays.
  const rows = (await store.dialect.selectRows(
    store.db,
    sql`SELECT s.seq, (SELECT count(*) FROM codings c WHERE c.source_id = s.id)
      FROM sources s WHERE s.project_id = ${projectId}
      ORDER BY s.position, s.seq`.compile(store.db),
  )) as [number, number][];
  return {
    keys: Float64Array.from(rows, (row) => Number(row[0])),
    weights: Float64Array.from(rows, (row) => Number(row[1] ?? 0)),
  };
}

/** Splits the order into pages of keys, lazily. */
function pageKeys(order: SourceOrder, limits: PageLimits): () => number[] | null {
  const { keys, weights } = order;
  let at = 0;
  return () => {
    if (at >= keys.length) return null;
    let end = at + 1;
    let load = weights[at] ?? 0;
    while (
      end < keys.length &&
      end - at < limits.pageSize &&
      load + (weights[end] ?? 0) <= limits.pageCodings
    )
      load += weights[end++] ?? 0;
    const page = Array.from(keys.subarray(at, end));
    at = end;
    return page;
  };
}

/** Rows of a page in the order of its keys (a query by key returns them in any order). */
function inKeyOrder<T>(keys: readonly number[], rows: readonly T[], seqOf: (row: T) => number) {
  const bySeq = new Map(rows.map((row) => [seqOf(row), row]));
  const ordered: T[] = [];
  for (const key of keys) {
    const row = bySeq.get(key);
    if (row) ordered.push(row);
  }
  return ordered;
}

function sqlitePages(store: Store, order: Promise<SourceOrder>, limits: PageLimits): SourcePages {
  let skipped = 0;
  const db = store.db;
  async function* pages(): AsyncGenerator<ExportSource[]> {
    const next = pageKeys(await order, limits);
    for (let keys = next(); keys; keys = next()) {
      const rows = await db
        .selectFrom("sources as s")
        .innerJoin("sourceRevisions as r", "r.id", "s.currentRevisionId")
        .select(["s.seq", "s.id", "s.title", "s.metadata", "s.createdAt", "r.text"])
        .where("s.seq", "in", keys)
        .execute();
      const page = inKeyOrder(keys, rows, (row) => Number(row.seq));
      // One query for the page's codings, rather than one per source, read as arrays (a million
      // rows make a million objects otherwise) and ordered by source so that each source's run is
      // already in order by position. Source and status come last, after the exported fields.
      const query = sql`SELECT c.id, c.code_id, c.start_pos, c.end_pos, c.coder, c.memo,
          c.created_at, x.data, c.source_id, c.status
        FROM codings c LEFT JOIN exchange_data x ON x.id = c.id
        WHERE c.source_id IN (${sql.join(page.map((row) => row.id))})
        ORDER BY c.source_id, c.start_pos, c.end_pos, c.id`.compile(db);
      const codingsOf = new Map<string, ExportCoding[]>();
      for (const row of page.length > 0 ? await store.dialect.selectRows(db, query) : []) {
        const coding = row as unknown as ExportCoding;
        // An orphaned coding has no words to select.
        if (row[9] === "orphaned" || coding[2] >= coding[3]) {
          skipped++;
          continue;
        }
        const list = codingsOf.get(row[8] as string);
        if (list) list.push(coding);
        else codingsOf.set(row[8] as string, [coding]);
      }
      yield page.map((row) => ({ ...row, codings: codingsOf.get(row.id) ?? [] }));
    }
  }
  return { pages: pages(), skipped: () => skipped };
}

/** seq, id, title, metadata, created_at, text, all codings, exportable codings (JSON). */
type PostgresPageRow = [number, string, string, string, string, string, number, unknown];

function postgresPages(store: Store, order: Promise<SourceOrder>, limits: PageLimits): SourcePages {
  let skipped = 0;
  const db = store.db;
  // The sources with their texts and codings in one statement; json_agg's rows come out of the
  // codings_by_source range scan, sorted per source by the aggregate.
  const fetchPage = async (keys: number[]): Promise<ExportSource[]> => {
    const query = sql`SELECT s.seq, s.id, s.title, s.metadata, s.created_at, r.text, k.total,
        k.codings
      FROM sources s
      JOIN source_revisions r ON r.id = s.current_revision_id
      CROSS JOIN LATERAL (
        SELECT count(*) AS total,
          json_agg(json_build_array(c.id, c.code_id, c.start_pos, c.end_pos, c.coder, c.memo,
              c.created_at, x.data) ORDER BY c.start_pos, c.end_pos, c.id)
            FILTER (WHERE c.status <> 'orphaned' AND c.start_pos < c.end_pos) AS codings
        FROM codings c LEFT JOIN exchange_data x ON x.id = c.id
        WHERE c.source_id = s.id) k
      WHERE s.seq = ANY(${keys}::integer[])`.compile(db);
    const rows = (await store.dialect.selectRows(db, query)) as PostgresPageRow[];
    return inKeyOrder(keys, rows, (row) => row[0]).map((row) => {
      const codings = (row[7] ?? []) as ExportCoding[];
      skipped += row[6] - codings.length;
      return {
        id: row[1],
        title: row[2],
        metadata: row[3],
        createdAt: row[4],
        text: row[5],
        codings,
      };
    });
  };
  async function* pages(): AsyncGenerator<ExportSource[]> {
    const next = pageKeys(await order, limits);
    const ahead: Promise<ExportSource[]>[] = [];
    const fill = () => {
      for (let keys = ahead.length < PAGES_AHEAD ? next() : null; keys; ) {
        const page = fetchPage(keys);
        // Observed when awaited; a consumer that stops early leaves it unawaited.
        page.catch(() => {});
        ahead.push(page);
        keys = ahead.length < PAGES_AHEAD ? next() : null;
      }
    };
    fill();
    for (let page = ahead.shift(); page; page = ahead.shift()) {
      const sources = await page;
      fill();
      yield sources;
    }
  }
  return { pages: pages(), skipped: () => skipped };
}
