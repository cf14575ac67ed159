/**
 * Loading a large bundle's codings into a SQLite store that holds none yet. Keeping six secondary
 * indexes up to date row by row costs most of the load: each insert lands on a random page of
 * each index, and a million rows' worth of index pages does not fit the page cache. Dropping
 * them before the load and building them afterwards (one sort each) is several times faster.
 *
 * Both happen inside the import's transaction, so a failure rolls the drop back with everything
 * else and the store is exactly as before. The definitions are read from the schema itself, so
 * whatever the migrations define is rebuilt as it was. Only a table with no codings at all
 * qualifies (a new study file): rebuilding indexes over rows that were there already could cost
 * more than it saves. PostgreSQL is left alone: dropping an index there locks the table against
 * every other session of a shared server until the import commits.
 *
 * The triggers that act on each inserted coding are set aside with the indexes: each costs a lookup
 * per row and would do nothing. The one that copies a source's case into its codings finds the
 * case there already, because the loader must write it; the one that marks kept matrix tallies
 * stale finds none to mark, since they are forgotten here. So is the one that indexes each new
 * revision for search, which looks its source up twice: the loader writes sources through
 * `writeSources`, which gives them their search keys and indexes their texts itself.
 */
import { sql } from "kysely";
import type { Mutation } from "../audit/mutation.js";
import type { BulkColumn } from "../dialects/dialect.js";
import {
  REVISION_COLUMNS,
  REVISION_TEXT,
  SOURCE_COLUMNS_WITH_SEQ,
} from "../dialects/source-chunk.js";
import { forgetAllTallies } from "./matrix-tallies.js";

/**
 * The page cache while the indexes are rebuilt, in KiB. Each build's sort takes its memory budget
 * from the cache size: at a million codings the store's usual 64 MiB made the rebuild the import's
 * peak of resident memory, and a smaller budget measured no slower (the sorted runs merge back
 * from the operating system's file cache).
 */
const SORT_MEMORY_KIB = 12 * 1024;

/**
 * Helper threads for each build's sort. The rebuild runs after the file is read, when the
 * reader's core is free: two helpers over half the budget each built the M project's indexes in
 * about 5.7 s instead of 8.3–9.3 s, at the same peak of resident memory as one sorter over 24 MiB.
 */
const SORT_THREADS = 2;

const SEARCH_COLUMNS: BulkColumn[] = [
  { name: "rowid", pgType: "integer" },
  { name: "text", pgType: "text" },
];

/** Indexes and triggers set aside for a load; `restore` builds them again. */
export interface SuspendedUpkeep {
  /**
   * Writes sources (`SOURCE_COLUMNS` order) and their first revisions (`REVISION_COLUMNS`, one per
   * source, in the same order), and indexes the texts for search as the set-aside trigger would.
   */
  writeSources(sources: unknown[][], revisions: unknown[][]): Promise<void>;
  restore(): Promise<void>;
}

/**
 * Drops the secondary indexes and insert triggers of `codings`, and the search trigger on new
 * revisions, when this is a SQLite store without any codings. The caller must insert each coding with its source's case already in `case_id`.
 * @returns what to restore before the transaction ends, or null when nothing was dropped.
 */
export async function suspendCodingUpkeep(m: Mutation): Promise<SuspendedUpkeep | null> {
  if (m.dialect.kind !== "sqlite") return null;
  const any = await sql<{ one: number }>`SELECT 1 AS one FROM codings LIMIT 1`.execute(m.db);
  if (any.rows.length > 0) return null;
  // Kept matrix tallies arm triggers that count a source's codings; without the indexes each
  // count would read the whole table. With no codings anywhere, they hold nothing worth keeping.
  await forgetAllTallies(m.db);
  // Automatic indexes (primary key, unique constraints) have no SQL and stay.
  const { rows: indexes } = await sql<{ name: string; sql: string }>`
    SELECT name, sql FROM sqlite_master
    WHERE type = 'index' AND tbl_name = 'codings' AND sql IS NOT NULL`.execute(m.db);
  // The insert triggers of codings, and the one that indexes a new revision for search.
  const { rows: triggers } = await sql<{ name: string; sql: string }>`
    SELECT name, sql FROM sqlite_master
    WHERE type = 'trigger' AND tbl_name IN ('codings', 'source_revisions')`.execute(m.db);
  const setAside = triggers.filter((trigger) =>
    /\bINSERT\s+ON\s+(codings|source_revisions)\b/i.test(trigger.sql),
  );
  for (const index of indexes) await sql`DROP INDEX ${sql.id(index.name)}`.execute(m.db);
  for (const trigger of setAside) await sql`DROP TRIGGER ${sql.id(trigger.name)}`.execute(m.db);
  return {
    async writeSources(sources, revisions) {
      const { rows } = await sql<{ seq: number }>`
        SELECT coalesce(max(seq), 0) AS seq FROM sources`.execute(m.db);
      const first = Number(rows[0]?.seq) + 1;
      const { db, dialect } = m;
      const keyed = sources.map((row, index) => [first + index, ...row]);
      await dialect.bulkInsert(db, "sources", SOURCE_COLUMNS_WITH_SEQ, keyed);
      await dialect.bulkInsert(db, "source_revisions", REVISION_COLUMNS, revisions);
      const texts = revisions.map((revision, index) => [first + index, revision[REVISION_TEXT]]);
      await dialect.bulkInsert(db, "source_fts", SEARCH_COLUMNS, texts);
    },
    async restore() {
      const { rows: cache } = await sql<{ pages: number }>`
        SELECT cache_size AS pages FROM pragma_cache_size()`.execute(m.db);
      const { rows: threads } = await sql<{ threads: number }>`
        SELECT threads FROM pragma_threads()`.execute(m.db);
      await sql.raw(`PRAGMA cache_size = -${SORT_MEMORY_KIB}`).execute(m.db);
      await sql.raw(`PRAGMA threads = ${SORT_THREADS}`).execute(m.db);
      try {
        for (const index of indexes) await sql.raw(index.sql).execute(m.db);
      } finally {
        await sql.raw(`PRAGMA cache_size = ${Number(cache[0]?.pages)}`).execute(m.db);
        await sql.raw(`PRAGMA threads = ${Number(threads[0]?.threads)}`).execute(m.db);
      }
      for (const trigger of setAside) await sql.raw(trigger.sql).execute(m.db);
    },
  };
}
