/**
 * The matrices counted from the codings themselves, every time: what `matrices.ts` answers with
 * when a filter (coder, source kinds) rules out the kept tallies, and what `matrix-tallies.ts`
 * fills its tallies from. Counted in SQL so that 10⁶ codings never cross into JavaScript.
 *
 * SQL notes:
 * - Orphaned codings (`status = 'orphaned'`) have no words and count nowhere.
 * - Attribute values are compared and grouped as text on both backends (`attributeTextSql` below):
 *   PostgreSQL's `->>` already gives text; on SQLite `json_extract` gives a typed value, so it is
 *   cast to text, and JSON booleans are spelled `true` / `false` as `->>` and JavaScript spell them
 *   (json_extract would give 1 / 0). Numbers are stored by `JSON.stringify`, so 5 is `5` everywhere.
 * - Live codings are read through partial covering indexes (migration 6): `WHERE status <> 'orphaned'`
 *   is written as a literal, not a parameter, or neither backend would match the partial index.
 * - The crosstab groups by each coding's copy of its source's case (`codings.case_id`, kept by
 *   triggers), so no coding is joined through sources. Counting is two-level: passages per
 *   (code, case) first, then per (code, group), which gives the distinct cases without
 *   COUNT(DISTINCT); each case's group is computed once, not once per coding. Passages in sources
 *   without a case belong to no group and are left out. Group sizes are one GROUP BY over cases.
 *   SQLite has no hash aggregation, so it counts code by code (a correlated subquery per code,
 *   its cells returned as JSON): 300 small sorts instead of one over every (code, case); the
 *   group sizes come from the same statement's groups.
 * - Co-occurrence by overlap is a self-join on codings of the same source that enumerates each
 *   overlapping pair once, from its earlier-starting member x: y qualifies when
 *   `x.start ≤ y.start < x.end`. That is exactly "the ranges share a character", and it makes the
 *   join a range scan of `codings_by_source (source_id, start_pos, …)` bounded by x's own
 *   length, instead of every pair in the source. Equal starts are broken by code id (the codes of
 *   a counted pair always differ), so the index needs no coding id. The code pair is ordered so one
 *   group holds both orientations. Distinct sources are counted without COUNT(DISTINCT): pairs are
 *   first counted per (source, pair) on PostgreSQL; on SQLite, which would sort millions of pairs,
 *   they are added into a small temporary table keyed by the pair as the join yields them, source
 *   by source, and a pair's source count rises when its last source differs.
 * - Expressions with bound parameters are grouped by their output alias (`grp`): PostgreSQL would
 *   not see `->> $1` in the select list and `->> $2` in GROUP BY as the same expression.
 * - Co-occurrence by turn (some turn of the current revision intersects both passages) has no such
 *   bound: it considers every ordered pair in a source, so it is meant for study-sized projects.
 */
import { sql } from "kysely";
import type { Store } from "../store.js";
import { attributeTextSql } from "./attribute-text.js";

/** Filters shared by the matrices. */
export interface MatrixFilter {
  /** Only these codes (default: all). */
  codeIds?: readonly string[];
  /** Only passages coded by this coder. */
  coder?: string;
  /** Only sources of these kinds (default: all). */
  sourceKinds?: readonly string[];
}

export interface CrosstabCountRow {
  codeId: string;
  group: string | null;
  cases: number;
  segments: number;
}

export interface GroupSize {
  group: string | null;
  cases: number;
}

export interface CrosstabCounts {
  counts: CrosstabCountRow[];
  groupSizes: GroupSize[];
}

/** The conditions that keep a coding `k` in the counts: live, in the project, through the filters. */
export function liveConditions(projectId: string, filter: MatrixFilter, alias = "k") {
  const k = (column: string) => sql.ref(`${alias}.${column}`);
  const conditions = [sql`${k("project_id")} = ${projectId}`, sql`${k("status")} <> 'orphaned'`];
  if (filter.codeIds)
    conditions.push(sql`${k("code_id")} IN (${sql.join([...filter.codeIds, ""])})`);
  if (filter.coder !== undefined) conditions.push(sql`${k("coder")} = ${filter.coder}`);
  if (filter.sourceKinds && filter.sourceKinds.length > 0)
    conditions.push(
      sql`${k("source_id")} IN (SELECT id FROM sources WHERE project_id = ${projectId}
        AND kind IN (${sql.join([...filter.sourceKinds])}))`,
    );
  return sql.join(conditions, sql` AND `);
}

/**
 * Runs `work` in a transaction with PostgreSQL settings for one large aggregate: enough memory to
 * hash (code, case) counts without spilling, no JIT (its compile time costs more than it saves on
 * these plans) and no memoizing. Inside an open transaction (a mutation) it runs as it is.
 */
export async function forAggregate<T>(
  store: Store,
  work: (db: Store["db"]) => Promise<T>,
): Promise<T> {
  if (store.db.isTransaction) return work(store.db);
  return store.db.transaction().execute(async (trx) => {
    await aggregateSettings(store, trx);
    return work(trx);
  });
}

/** The PostgreSQL settings of `forAggregate`, for a transaction opened elsewhere. */
export async function aggregateSettings(store: Store, trx: Store["db"]): Promise<void> {
  if (store.dialect.kind !== "postgres") return;
  await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
  await sql`SET LOCAL jit = off`.execute(trx);
  // Each coding probes co-occurrence's index with its own key: a memo cache only costs.
  await sql`SET LOCAL enable_memoize = off`.execute(trx);
}

/** Code × attribute counts and group sizes, counted from the codings (see the header). */
export async function crosstabLive(
  store: Store,
  projectId: string,
  attribute: string,
  filter: MatrixFilter = {},
): Promise<CrosstabCounts> {
  const group = attributeTextSql(store, "c.attributes", attribute);
  if (store.dialect.kind === "sqlite") return crosstabByCode(store, projectId, group, filter);
  const counts = await forAggregate(store, (db) => crosstabByCase(db, projectId, group, filter));
  return { counts, groupSizes: await countGroupSizes(store, projectId, attribute) };
}

/** How many cases have each value of `attribute` (as text; null for none). */
export async function countGroupSizes(
  store: Store,
  projectId: string,
  attribute: string,
): Promise<GroupSize[]> {
  const group = attributeTextSql(store, "c.attributes", attribute);
  const sizes = await store.db
    .selectFrom("cases as c")
    .where("c.projectId", "=", projectId)
    .select((eb) => [group.as("grp"), eb.fn.countAll<number>().as("cases")])
    .groupBy(sql.ref("grp"))
    .execute();
  return sizes.map((row) => ({
    group: row.grp === null ? null : String(row.grp),
    cases: Number(row.cases),
  }));
}

/** A crosstab count as SQL gives it (the group as text or a typed value, counts maybe as text). */
interface CrosstabSqlRow {
  codeId: string;
  grp: string | null;
  cases: number;
  segments: number;
}

const crosstabRow = (row: CrosstabSqlRow): CrosstabCountRow => ({
  codeId: row.codeId,
  group: row.grp === null ? null : String(row.grp),
  cases: Number(row.cases),
  segments: Number(row.segments),
});

/**
 * The crosstab cells of a few codes: passages per (code, case) from the index, then each case's
 * group looked up by its key. It reads only the cases those codes are in, so after a change to a
 * code it costs that code's passages, where `crosstabLive` would compute every case's group.
 */
export async function crosstabCellsOfCodes(
  store: Store,
  projectId: string,
  attribute: string,
  codeIds: readonly string[],
): Promise<CrosstabCountRow[]> {
  const group = attributeTextSql(store, "c.attributes", attribute);
  // SQLite would rather scan every case and probe the counts; CROSS JOIN keeps the counts outer.
  const join = sql.raw(store.dialect.kind === "sqlite" ? "CROSS JOIN" : "JOIN");
  const { rows } = await sql<CrosstabSqlRow>`
    SELECT per_case.code_id, ${group} AS grp, count(*) AS cases, sum(per_case.n) AS segments
    FROM (
      SELECT k.code_id, k.case_id, count(*) AS n FROM codings k
      WHERE ${liveConditions(projectId, { codeIds })} AND k.case_id IS NOT NULL
      GROUP BY k.code_id, k.case_id) per_case
    ${join} cases c ON c.id = per_case.case_id
    GROUP BY per_case.code_id, grp`.execute(store.db);
  return rows.map(crosstabRow);
}

type GroupSql = ReturnType<typeof attributeTextSql>;

/** PostgreSQL: passages per (code, case) from the index, then a hash join to each case's group. */
async function crosstabByCase(
  db: Store["db"],
  projectId: string,
  group: GroupSql,
  filter: MatrixFilter,
): Promise<CrosstabCountRow[]> {
  // OFFSET 0 keeps the group expression in the scan of cases (once per case) and lets the
  // planner see one row per case, so it hashes the cases instead of sorting every count.
  const { rows } = await sql<CrosstabSqlRow>`
    WITH per_case AS (
      SELECT k.code_id, k.case_id, count(*) AS n FROM codings k
      WHERE ${liveConditions(projectId, filter)} AND k.case_id IS NOT NULL
      GROUP BY k.code_id, k.case_id)
    SELECT p.code_id, g.grp, count(*) AS cases, sum(p.n) AS segments
    FROM per_case p
    JOIN (SELECT c.id, ${group} AS grp FROM cases c WHERE c.project_id = ${projectId} OFFSET 0) g
      ON g.id = p.case_id
    GROUP BY p.code_id, g.grp`.execute(db);
  return rows.map(crosstabRow);
}

/**
 * SQLite: code by code, passages per case (in index order, no sort), each case's group looked up
 * in the cases' groups computed once, then a small GROUP BY per code; its cells come back as JSON
 * `[group, cases, passages]`. A case absent from the project's cases has no slot and is left out.
 * One more row, without a code, holds the group sizes from the same computed groups.
 */
async function crosstabByCode(
  store: Store,
  projectId: string,
  group: GroupSql,
  filter: MatrixFilter,
): Promise<CrosstabCounts> {
  const codeFilter = filter.codeIds
    ? sql`AND code.id IN (${sql.join([...filter.codeIds, ""])})`
    : sql``;
  const { rows } = await sql<{ codeId: string | null; cells: string | null }>`
    WITH case_groups AS MATERIALIZED (
      SELECT c.id AS case_id, json_array(${group}) AS slot FROM cases c
      WHERE c.project_id = ${projectId})
    SELECT code.id AS code_id, (
      SELECT json_group_array(json_array(json_extract(slot, '$[0]'), cases, segments)) FROM (
        SELECT slot, count(*) AS cases, sum(n) AS segments FROM (
          SELECT (SELECT g.slot FROM case_groups g WHERE g.case_id = k.case_id) AS slot,
            count(*) AS n
          FROM codings k
          WHERE k.code_id = code.id AND ${liveConditions(projectId, filter)}
            AND k.case_id IS NOT NULL
          GROUP BY k.case_id)
        WHERE slot IS NOT NULL
        GROUP BY slot)) AS cells
    FROM codes code WHERE code.project_id = ${projectId} ${codeFilter}
    UNION ALL
    SELECT NULL, (
      SELECT json_group_array(json_array(json_extract(slot, '$[0]'), cases)) FROM (
        SELECT slot, count(*) AS cases FROM case_groups GROUP BY slot))`.execute(store.db);
  const counts: CrosstabCountRow[] = [];
  const groupSizes: GroupSize[] = [];
  for (const row of rows) {
    const cells = JSON.parse(row.cells ?? "[]") as [string | null, number, number][];
    const codeId = row.codeId;
    if (codeId === null) for (const [grp, cases] of cells) groupSizes.push({ group: grp, cases });
    else
      for (const [grp, cases, segments] of cells)
        counts.push({ codeId, group: grp, cases, segments });
  }
  return { counts, groupSizes };
}

export interface CooccurrenceCountRow {
  /** The pair, the smaller id (by the database's ordering) first. */
  codeA: string;
  codeB: string;
  pairs: number;
  sources: number;
}

export interface CodeSpreadRow {
  codeId: string;
  sources: number;
  segments: number;
}

/** Co-occurring pairs by overlap, counted from the codings (see the header). */
export async function overlapPairsLive(
  store: Store,
  projectId: string,
  filter: MatrixFilter,
): Promise<CooccurrenceCountRow[]> {
  return store.dialect.kind === "sqlite"
    ? overlapPairsBySource(store, projectId, filter)
    : forAggregate(store, (db) => overlapPairs(db, projectId, filter));
}

/**
 * The parts of the overlap self-join: the ordered code pair of each overlapping pair of live
 * codings, from its earlier-starting member x (ties broken by code); `partner`, the conditions on
 * y given x; and the conditions on x and on its source `s` (the project, the filters).
 */
export function overlapParts(projectId: string, filter: MatrixFilter) {
  const coder = (alias: string) =>
    filter.coder === undefined ? sql`` : sql`AND ${sql.ref(`${alias}.coder`)} = ${filter.coder}`;
  const kinds =
    filter.sourceKinds && filter.sourceKinds.length > 0
      ? sql`AND s.kind IN (${sql.join([...filter.sourceKinds])})`
      : sql``;
  return {
    lo: sql`CASE WHEN x.code_id < y.code_id THEN x.code_id ELSE y.code_id END`,
    hi: sql`CASE WHEN x.code_id < y.code_id THEN y.code_id ELSE x.code_id END`,
    partner: sql`y.source_id = x.source_id
      AND y.start_pos >= x.start_pos AND y.start_pos < x.end_pos
      AND (y.start_pos > x.start_pos OR y.code_id > x.code_id)
      AND y.status <> 'orphaned' AND y.code_id <> x.code_id ${coder("y")}`,
    x: sql`x.status <> 'orphaned' ${coder("x")}`,
    s: sql`s.project_id = ${projectId} ${kinds}`,
  };
}

/**
 * PostgreSQL: source by source (a LATERAL subquery), the pairs counted per code pair — a few dozen
 * rows to group each time, where grouping millions of (source, pair) rows at once spills to disk —
 * then summed over the sources. Each x finds its partners by a range scan of the index: a LATERAL
 * subquery that cannot be flattened (OFFSET 0) keeps the planner from hashing whole sources.
 */
async function overlapPairs(
  db: Store["db"],
  projectId: string,
  filter: MatrixFilter,
): Promise<CooccurrenceCountRow[]> {
  const part = overlapParts(projectId, filter);
  const { rows } = await sql<{ codeA: string; codeB: string; pairs: number; sources: number }>`
    SELECT code_a, code_b, sum(n) AS pairs, count(*) AS sources
    FROM sources s CROSS JOIN LATERAL (
      SELECT ${part.lo} AS code_a, ${part.hi} AS code_b, count(*) AS n
      FROM codings x
      CROSS JOIN LATERAL (SELECT y.code_id FROM codings y WHERE ${part.partner} OFFSET 0) y
      WHERE x.source_id = s.id AND ${part.x}
      GROUP BY code_a, code_b) per_source
    WHERE ${part.s}
    GROUP BY code_a, code_b`.execute(db);
  return rows.map((row) => ({
    codeA: row.codeA,
    codeB: row.codeB,
    pairs: Number(row.pairs),
    sources: Number(row.sources),
  }));
}

/**
 * SQLite: the join yields its pairs source by source (CROSS JOIN fixes the order: source, x, then
 * y by a range scan of the index), and each is added into a temporary table keyed by the code
 * pair; a pair's source count rises when the source differs from the last one it was seen in. The table lives in the connection's temp
 * schema for the length of one transaction, so the main file is only read.
 */
async function overlapPairsBySource(
  store: Store,
  projectId: string,
  filter: MatrixFilter,
): Promise<CooccurrenceCountRow[]> {
  const part = overlapParts(projectId, filter);
  return forAggregate(store, async (db) => {
    await sql`CREATE TEMP TABLE IF NOT EXISTS quire_pair_counts (
      code_a TEXT NOT NULL, code_b TEXT NOT NULL, pairs INTEGER NOT NULL,
      sources INTEGER NOT NULL, last_source TEXT NOT NULL, PRIMARY KEY (code_a, code_b)
    ) WITHOUT ROWID`.execute(db);
    await sql`DELETE FROM temp.quire_pair_counts`.execute(db);
    try {
      await sql`INSERT INTO temp.quire_pair_counts (code_a, code_b, pairs, sources, last_source)
        SELECT ${part.lo}, ${part.hi}, 1, 1, x.source_id
        FROM sources s CROSS JOIN codings x ON x.source_id = s.id
          CROSS JOIN codings y ON ${part.partner}
        WHERE ${part.s} AND ${part.x}
        ON CONFLICT (code_a, code_b) DO UPDATE SET pairs = pairs + 1,
          sources = sources + (last_source <> excluded.last_source),
          last_source = excluded.last_source`.execute(db);
      const { rows } = await sql<{ codeA: string; codeB: string; pairs: number; sources: number }>`
        SELECT code_a, code_b, pairs, sources FROM temp.quire_pair_counts`.execute(db);
      return rows.map((row) => ({
        codeA: row.codeA,
        codeB: row.codeB,
        pairs: Number(row.pairs),
        sources: Number(row.sources),
      }));
    } finally {
      await sql`DELETE FROM temp.quire_pair_counts`.execute(db);
    }
  });
}

/** Per code, its passages and the sources they are in (orphans left out), from the live index. */
export async function codeSpreadLive(
  store: Store,
  projectId: string,
  filter: MatrixFilter = {},
): Promise<CodeSpreadRow[]> {
  const { rows } = await sql<{ codeId: string; sources: number; segments: number }>`
    SELECT k.code_id, count(DISTINCT k.source_id) AS sources, count(*) AS segments
    FROM codings k WHERE ${liveConditions(projectId, filter)}
    GROUP BY k.code_id`.execute(store.db);
  return rows.map((row) => ({
    codeId: row.codeId,
    sources: Number(row.sources),
    segments: Number(row.segments),
  }));
}
