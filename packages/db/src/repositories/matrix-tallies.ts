/**
 * The kept matrix tallies: a project's crosstab cells, group sizes, co-occurring pairs and
 * per-code spread, stored after the first read and brought up to date at the next, so that a read
 * over 10⁶ codings costs what has changed since, not a pass over every coding (PERFORMANCE W5).
 *
 * What is stale is recorded by triggers (migration 7, `migrations/*-tallies.ts`) as the change
 * happens, whichever path makes it (the API, imports, undo and redo replay, cascades):
 * - a change to a code's live codings, or to the case they are in, drops the code's marks
 *   (`crosstab_codes`, `code_spread`), and its cells are counted again from its codings;
 * - any change to cases recounts the group sizes (`crosstab_attributes.groups_current`); a case
 *   whose value of a kept attribute changed drops that attribute's marker, and all its cells are
 *   counted again (the other attributes keep theirs);
 * - the first change to a source's codings since the last read takes the source's pairs out of
 *   `cooccurrence_pairs` and lists it in `cooccurrence_dirty`; the next read adds the listed
 *   sources' pairs back as they are then.
 * Only the unfiltered matrices are kept: a coder or source-kind filter counts live.
 *
 * Bringing tallies up to date writes, so it runs in a transaction. SQLite has one writer at a time
 * and the transaction's first statement takes the write lock. PostgreSQL takes an exclusive
 * advisory lock on the project that every writer's trigger holds shared until it commits; if a
 * writer holds it, the read does not wait but counts live. A read that finds everything current
 * reads in one snapshot (REPEATABLE READ on PostgreSQL), writes nothing and takes no lock.
 */
import { sql } from "kysely";
import { TALLIES_LOCK_CLASS } from "../migrations/postgres-tallies.js";
import type { Store } from "../store.js";
import {
  aggregateSettings,
  type CodeSpreadRow,
  type CooccurrenceCountRow,
  type CrosstabCountRow,
  type CrosstabCounts,
  codeSpreadLive,
  countGroupSizes,
  crosstabCellsOfCodes,
  crosstabLive,
  type GroupSize,
  overlapParts,
} from "./matrix-live.js";
import { overlapPairsSwept } from "./matrix-sweep.js";

type Db = Store["db"];

/** A group value as the tallies store it: never null, so it can be part of a key. */
const slotOf = (group: string | null) => JSON.stringify([group]);
const groupOf = (slot: string) => (JSON.parse(slot) as [string | null])[0];

/**
 * Runs `read` over current tallies: directly when `isCurrent` says nothing is stale, else after
 * `repair` under the project's lock. Returns null when PostgreSQL writers hold the lock.
 */
async function withTallies<T>(
  store: Store,
  projectId: string,
  steps: {
    isCurrent: (db: Db) => Promise<boolean>;
    repair: (db: Db) => Promise<void>;
    read: (db: Db) => Promise<T>;
  },
): Promise<T | null> {
  const run = async (db: Db): Promise<T | null> => {
    if (store.dialect.kind === "postgres") {
      const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(
        ${TALLIES_LOCK_CLASS}, hashtext(${projectId})) AS locked`.execute(db);
      if (!rows[0]?.locked) return null;
      await sql`INSERT INTO matrix_tallies (project_id) VALUES (${projectId})
        ON CONFLICT DO NOTHING`.execute(db);
    } else {
      // The first statement writes, so the transaction holds the write lock from here on.
      await sql`INSERT OR IGNORE INTO matrix_tallies (project_id) VALUES (${projectId})`.execute(
        db,
      );
    }
    await aggregateSettings(store, db);
    await steps.repair(db);
    return steps.read(db);
  };
  if (store.db.isTransaction) return run(store.db);
  // Nothing stale: read in one snapshot without writing (SQLite's WAL read transactions are
  // snapshots already; PostgreSQL's need REPEATABLE READ).
  const snapshot =
    store.dialect.kind === "postgres"
      ? store.db.transaction().setIsolationLevel("repeatable read")
      : store.db.transaction();
  const current = await snapshot.execute(async (trx) =>
    (await steps.isCurrent(trx)) ? { value: await steps.read(trx) } : null,
  );
  if (current) return current.value;
  return store.db.transaction().execute(run);
}

/** The codes of the project without a mark in `table` (for `attribute`, in crosstab_codes). */
async function staleCodes(
  db: Db,
  projectId: string,
  marks: "crosstab_codes" | "code_spread",
  attribute?: string,
): Promise<string[]> {
  const forAttribute = attribute === undefined ? sql`` : sql`AND m.attribute = ${attribute}`;
  const { rows } = await sql<{ id: string }>`SELECT code.id FROM codes code
    WHERE code.project_id = ${projectId} AND NOT EXISTS (SELECT 1 FROM ${sql.table(marks)} m
      WHERE m.project_id = ${projectId} AND m.code_id = code.id ${forAttribute})`.execute(db);
  return rows.map((row) => row.id);
}

async function hasRow(db: Db, query: ReturnType<typeof sql>): Promise<boolean> {
  const { rows } = await query.execute(db);
  return rows.length > 0;
}

/**
 * The unfiltered crosstab of `attribute` from the kept tallies, brought up to date first; only
 * the cells of `codeIds` when given. Null when it cannot be had without waiting (PostgreSQL).
 */
export async function keptCrosstab(
  store: Store,
  projectId: string,
  attribute: string,
  codeIds?: readonly string[],
): Promise<CrosstabCounts | null> {
  /** The attribute's marker: absent when its cells must all be counted again. */
  const marker = async (db: Db) => {
    const { rows } = await sql<{ groupsCurrent: boolean | number }>`SELECT groups_current
      FROM crosstab_attributes WHERE project_id = ${projectId} AND attribute = ${attribute}`.execute(
      db,
    );
    return rows[0] ? { groupsCurrent: Boolean(rows[0].groupsCurrent) } : null;
  };
  return withTallies(store, projectId, {
    async isCurrent(db) {
      return (
        (await marker(db))?.groupsCurrent === true &&
        (await staleCodes(db, projectId, "crosstab_codes", attribute)).length === 0
      );
    },
    async repair(db) {
      const scoped = { ...store, db };
      const found = await marker(db);
      const rebuilt = found === null;
      if (rebuilt)
        // Some case's value changed (or this is the first read): every code's cells are counted.
        for (const table of ["crosstab_cells", "crosstab_codes"])
          await sql`DELETE FROM ${sql.table(table)}
            WHERE project_id = ${projectId} AND attribute = ${attribute}`.execute(db);
      if (!found?.groupsCurrent) {
        await sql`DELETE FROM crosstab_groups
          WHERE project_id = ${projectId} AND attribute = ${attribute}`.execute(db);
        const sizes = await countGroupSizes(scoped, projectId, attribute);
        await insertRows(
          db,
          "crosstab_groups",
          ["project_id", "attribute", "slot", "cases"],
          sizes.map((size) => [projectId, attribute, slotOf(size.group), size.cases]),
        );
        const yes = store.dialect.kind === "postgres" ? true : 1;
        if (rebuilt)
          await sql`INSERT INTO crosstab_attributes (project_id, attribute, groups_current)
            VALUES (${projectId}, ${attribute}, ${yes})`.execute(db);
        else
          await sql`UPDATE crosstab_attributes SET groups_current = ${yes}
            WHERE project_id = ${projectId} AND attribute = ${attribute}`.execute(db);
      }
      const stale = await staleCodes(db, projectId, "crosstab_codes", attribute);
      if (stale.length === 0) return;
      // A few codes changed: count just theirs; every code (a first read): the whole crosstab.
      const counts = rebuilt
        ? (await crosstabLive(scoped, projectId, attribute, { codeIds: stale })).counts
        : await crosstabCellsOfCodes(scoped, projectId, attribute, stale);
      await sql`DELETE FROM crosstab_cells WHERE project_id = ${projectId}
        AND attribute = ${attribute} AND code_id IN (${sql.join(stale)})`.execute(db);
      await insertRows(
        db,
        "crosstab_cells",
        ["project_id", "attribute", "code_id", "slot", "cases", "segments"],
        counts.map((row) => [
          projectId,
          attribute,
          row.codeId,
          slotOf(row.group),
          row.cases,
          row.segments,
        ]),
      );
      await insertRows(
        db,
        "crosstab_codes",
        ["project_id", "code_id", "attribute"],
        stale.map((codeId) => [projectId, codeId, attribute]),
      );
    },
    async read(db) {
      const codes =
        codeIds === undefined ? sql`` : sql`AND code_id IN (${sql.join([...codeIds, ""])})`;
      const cells = await sql<{ codeId: string; slot: string; cases: number; segments: number }>`
        SELECT code_id, slot, cases, segments FROM crosstab_cells
        WHERE project_id = ${projectId} AND attribute = ${attribute} ${codes}`.execute(db);
      const groups = await sql<{ slot: string; cases: number }>`SELECT slot, cases
        FROM crosstab_groups
        WHERE project_id = ${projectId} AND attribute = ${attribute}`.execute(db);
      return {
        counts: cells.rows.map(
          (row): CrosstabCountRow => ({
            codeId: row.codeId,
            group: groupOf(row.slot),
            cases: Number(row.cases),
            segments: Number(row.segments),
          }),
        ),
        groupSizes: groups.rows.map(
          (row): GroupSize => ({ group: groupOf(row.slot), cases: Number(row.cases) }),
        ),
      };
    },
  });
}

/**
 * Unfiltered co-occurrence by overlap and the per-code spread from the kept tallies, brought up
 * to date first. Null when it cannot be had without waiting (PostgreSQL).
 */
export async function keptCooccurrences(
  store: Store,
  projectId: string,
): Promise<{ counts: CooccurrenceCountRow[]; spread: CodeSpreadRow[] } | null> {
  const built = (db: Db) =>
    hasRow(
      db,
      sql`SELECT 1 FROM matrix_tallies WHERE project_id = ${projectId}
        AND cooccurrence_built = ${store.dialect.kind === "postgres" ? true : 1}`,
    );
  const anyDirty = (db: Db) =>
    hasRow(db, sql`SELECT 1 FROM cooccurrence_dirty WHERE project_id = ${projectId} LIMIT 1`);
  return withTallies(store, projectId, {
    async isCurrent(db) {
      return (
        (await built(db)) &&
        !(await anyDirty(db)) &&
        (await staleCodes(db, projectId, "code_spread")).length === 0
      );
    },
    async repair(db) {
      const scoped = { ...store, db };
      if (!(await built(db))) {
        await sql`DELETE FROM cooccurrence_pairs WHERE project_id = ${projectId}`.execute(db);
        await sql`DELETE FROM cooccurrence_dirty WHERE project_id = ${projectId}`.execute(db);
        const swept = await overlapPairsSwept(scoped, projectId);
        await insertRows(
          db,
          "cooccurrence_pairs",
          ["project_id", "code_a", "code_b", "pairs", "sources"],
          swept.counts.map((row) => [projectId, row.codeA, row.codeB, row.pairs, row.sources]),
        );
        // The sweep counted every code's spread on the way.
        await sql`DELETE FROM code_spread WHERE project_id = ${projectId}`.execute(db);
        await insertRows(
          db,
          "code_spread",
          ["project_id", "code_id", "sources", "segments"],
          swept.spread.map((row) => [projectId, row.codeId, row.sources, row.segments]),
        );
        await sql`UPDATE matrix_tallies SET cooccurrence_built = ${
          store.dialect.kind === "postgres" ? true : 1
        } WHERE project_id = ${projectId}`.execute(db);
      } else if (await anyDirty(db)) await addDirtySources(store, db, projectId);
      const stale = await staleCodes(db, projectId, "code_spread");
      if (stale.length === 0) return;
      const spread = new Map(
        (await codeSpreadLive(scoped, projectId, { codeIds: stale })).map((row) => [
          row.codeId,
          row,
        ]),
      );
      await insertRows(
        db,
        "code_spread",
        ["project_id", "code_id", "sources", "segments"],
        stale.map((codeId) => {
          const row = spread.get(codeId);
          return [projectId, codeId, row?.sources ?? 0, row?.segments ?? 0];
        }),
      );
    },
    async read(db) {
      const pairs = await sql<{ codeA: string; codeB: string; pairs: number; sources: number }>`
        SELECT code_a, code_b, pairs, sources FROM cooccurrence_pairs
        WHERE project_id = ${projectId} AND pairs > 0`.execute(db);
      const spread = await sql<CodeSpreadRow>`SELECT code_id, sources, segments FROM code_spread
        WHERE project_id = ${projectId} AND segments > 0`.execute(db);
      return {
        counts: pairs.rows.map((row) => ({
          codeA: row.codeA,
          codeB: row.codeB,
          pairs: Number(row.pairs),
          sources: Number(row.sources),
        })),
        spread: spread.rows.map((row) => ({
          codeId: row.codeId,
          sources: Number(row.sources),
          segments: Number(row.segments),
        })),
      };
    },
  });
}

/**
 * Adds the pairs of every listed source, as it is now, back into the totals and clears the list.
 * Pairs are counted per source first so each source adds one to a pair's source count.
 */
async function addDirtySources(store: Store, db: Db, projectId: string): Promise<void> {
  // SQLite's CROSS JOIN fixes the join order (listed sources, then their codings by index);
  // PostgreSQL has no CROSS JOIN … ON and plans the order itself.
  const join = sql.raw(store.dialect.kind === "sqlite" ? "CROSS JOIN" : "JOIN");
  const part = overlapParts(projectId, {});
  await sql`INSERT INTO cooccurrence_pairs AS t (project_id, code_a, code_b, pairs, sources)
    SELECT ${projectId}, code_a, code_b, sum(n), count(*) FROM (
      SELECT d.source_id, ${part.lo} AS code_a, ${part.hi} AS code_b, count(*) AS n
      FROM cooccurrence_dirty d
        ${join} codings x ON x.source_id = d.source_id
        ${join} codings y ON ${part.partner}
      WHERE d.project_id = ${projectId} AND ${part.x}
      GROUP BY d.source_id, code_a, code_b) per_source
    GROUP BY code_a, code_b
    ON CONFLICT (project_id, code_a, code_b) DO UPDATE
      SET pairs = t.pairs + excluded.pairs, sources = t.sources + excluded.sources`.execute(db);
  await sql`DELETE FROM cooccurrence_dirty WHERE project_id = ${projectId}`.execute(db);
  await sql`DELETE FROM cooccurrence_pairs WHERE project_id = ${projectId} AND pairs = 0`.execute(
    db,
  );
}

/** Inserts plain rows in chunks small enough for either backend's parameter limit. */
async function insertRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly (string | number)[][],
): Promise<void> {
  const chunk = Math.floor(30_000 / columns.length);
  for (let offset = 0; offset < rows.length; offset += chunk) {
    const values = rows.slice(offset, offset + chunk).map((row) => sql`(${sql.join(row)})`);
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      VALUES ${sql.join(values)}`.execute(db);
  }
}

/**
 * Drops every kept tally of every project, disarming the triggers until the next read. For bulk
 * loads that set the codings indexes aside: without them the triggers' per-source counts would
 * each scan the whole table. Only valid while no project has codings, which is when the indexes
 * are set aside (the tallies then hold nothing that cannot be had again at once).
 */
export async function forgetAllTallies(db: Db): Promise<void> {
  await sql`DELETE FROM matrix_tallies`.execute(db);
  for (const table of [
    "crosstab_attributes",
    "crosstab_groups",
    "crosstab_codes",
    "crosstab_cells",
    "code_spread",
    "cooccurrence_pairs",
    "cooccurrence_dirty",
  ])
    await sql`DELETE FROM ${sql.table(table)}`.execute(db);
}
