/**
 * Matrices over a project's codings, counted in SQL so that 10⁶ codings never cross into
 * JavaScript (PERFORMANCE W5): code × attribute crosstab, code × case, co-occurrence, the cases
 * that have a code, and the per-source code sets saturation needs. The results are plain rows;
 * `@quire/analysis` lays them out (`buildCrosstab`, `buildCooccurrence`, `saturationCurve`) and
 * holds the in-memory reference each function here is tested against on both backends.
 *
 * SQL notes:
 * - Orphaned codings (`status = 'orphaned'`) have no words and count nowhere.
 * - Attribute values are compared and grouped as text on both backends (`attributeTextSql` below):
 *   PostgreSQL's `->>` already gives text; on SQLite `json_extract` gives a typed value, so it is
 *   cast to text, and JSON booleans are spelled `true` / `false` as `->>` and JavaScript spell them
 *   (json_extract would give 1 / 0). Numbers are stored by `JSON.stringify`, so 5 is `5` everywhere.
 * - The crosstab is one GROUP BY over codings ⋈ sources ⋈ cases, counting passages and
 *   `COUNT(DISTINCT case_id)`; group sizes are one GROUP BY over cases. Passages in sources
 *   without a case belong to no group and are left out.
 * - Co-occurrence by overlap is a self-join on codings of the same source that enumerates each
 *   overlapping pair once, from its earlier-starting member x (ties: smaller id): y qualifies when
 *   `x.start ≤ y.start < x.end`. That is exactly "the ranges share a character", and it makes the
 *   join a range scan of `codings_by_source (source_id, start_pos)` bounded by x's own length,
 *   instead of every pair in the source. The code pair is ordered with CASE so one group holds both
 *   orientations and `COUNT(DISTINCT source_id)` stays exact.
 * - Expressions with bound parameters are grouped by their output alias (`grp`): PostgreSQL would
 *   not see `->> $1` in the select list and `->> $2` in GROUP BY as the same expression.
 * - Co-occurrence by turn (some turn of the current revision intersects both passages) has no such
 *   bound: it considers every ordered pair in a source, so it is meant for study-sized projects.
 */
import { sql } from "kysely";
import type { Store } from "../store.js";
import { attributeTextSql } from "./attribute-text.js";

export { attributeTextSql };

/** Filters shared by the matrices. */
export interface MatrixFilter {
  /** Only these codes (default: all). */
  codeIds?: readonly string[];
  /** Only passages coded by this coder. */
  coder?: string;
  /** Only sources of these kinds (default: all). */
  sourceKinds?: readonly string[];
}

function liveCodings(store: Store, projectId: string, filter: MatrixFilter) {
  let query = store.db
    .selectFrom("codings as k")
    .innerJoin("sources as s", "s.id", "k.sourceId")
    .where("k.projectId", "=", projectId)
    .where("k.status", "!=", "orphaned");
  if (filter.codeIds) query = query.where("k.codeId", "in", [...filter.codeIds, ""]);
  if (filter.coder !== undefined) query = query.where("k.coder", "=", filter.coder);
  if (filter.sourceKinds && filter.sourceKinds.length > 0)
    query = query.where("s.kind", "in", [...filter.sourceKinds]);
  return query;
}

export interface CrosstabCountRow {
  codeId: string;
  group: string | null;
  cases: number;
  segments: number;
}

/**
 * Code × attribute counts: per code and value of `attribute`, the passages and the distinct cases
 * they are in; and how many cases each value has in the project.
 */
export async function countCrosstab(
  store: Store,
  projectId: string,
  attribute: string,
  filter: MatrixFilter = {},
): Promise<{
  counts: CrosstabCountRow[];
  groupSizes: { group: string | null; cases: number }[];
}> {
  const group = attributeTextSql(store, "c.attributes", attribute);
  const rows = await liveCodings(store, projectId, filter)
    .innerJoin("cases as c", "c.id", "s.caseId")
    .select((eb) => [
      "k.codeId",
      group.as("grp"),
      eb.fn.countAll<number>().as("segments"),
      eb.fn.count<number>("s.caseId").distinct().as("cases"),
    ])
    .groupBy(["k.codeId", sql.ref("grp")])
    .execute();
  const sizes = await store.db
    .selectFrom("cases as c")
    .where("c.projectId", "=", projectId)
    .select((eb) => [group.as("grp"), eb.fn.countAll<number>().as("cases")])
    .groupBy(sql.ref("grp"))
    .execute();
  return {
    counts: rows.map((row) => ({
      codeId: row.codeId,
      group: row.grp === null ? null : String(row.grp),
      cases: Number(row.cases),
      segments: Number(row.segments),
    })),
    groupSizes: sizes.map((row) => ({
      group: row.grp === null ? null : String(row.grp),
      cases: Number(row.cases),
    })),
  };
}

export interface CodeCaseCountRow {
  codeId: string;
  caseId: string;
  caseName: string;
  segments: number;
}

/** Code × case counts: passages of each code in each case's sources (cases with none are absent). */
export async function countCodeCases(
  store: Store,
  projectId: string,
  filter: MatrixFilter = {},
): Promise<CodeCaseCountRow[]> {
  const rows = await liveCodings(store, projectId, filter)
    .innerJoin("cases as c", "c.id", "s.caseId")
    .select((eb) => ["k.codeId", "c.id", "c.name", eb.fn.countAll<number>().as("segments")])
    .groupBy(["k.codeId", "c.id", "c.name"])
    .execute();
  return rows.map((row) => ({
    codeId: row.codeId,
    caseId: row.id,
    caseName: row.name,
    segments: Number(row.segments),
  }));
}

export interface CaseWithCodeRow {
  caseId: string;
  caseName: string;
  /** The case's value of the attribute, as text; null when it has none. */
  group: string | null;
  segments: number;
}

/** The cases with passages of `codeId`, with their value of `attribute`: the counter-case list. */
export async function casesWithCode(
  store: Store,
  projectId: string,
  codeId: string,
  attribute: string,
  filter: Omit<MatrixFilter, "codeIds"> = {},
): Promise<CaseWithCodeRow[]> {
  const group = attributeTextSql(store, "c.attributes", attribute);
  const rows = await liveCodings(store, projectId, { ...filter, codeIds: [codeId] })
    .innerJoin("cases as c", "c.id", "s.caseId")
    .select((eb) => ["c.id", "c.name", group.as("grp"), eb.fn.countAll<number>().as("segments")])
    .groupBy(["c.id", "c.name", sql.ref("grp")])
    .orderBy("c.name")
    .execute();
  return rows.map((row) => ({
    caseId: row.id,
    caseName: row.name,
    group: row.grp === null ? null : String(row.grp),
    segments: Number(row.segments),
  }));
}

export interface CooccurrenceCountRow {
  /** The pair, the smaller id (by the database's ordering) first. */
  codeA: string;
  codeB: string;
  pairs: number;
  sources: number;
}

/**
 * Co-occurring passage pairs per pair of distinct codes, and the sources they are in; plus, per
 * code, its sources and passages (the Jaccard denominators). The rules are in the header.
 */
export async function countCooccurrences(
  store: Store,
  projectId: string,
  options: { rule?: "overlap" | "turn"; coder?: string; sourceKinds?: readonly string[] } = {},
): Promise<{
  counts: CooccurrenceCountRow[];
  spread: { codeId: string; sources: number; segments: number }[];
}> {
  const rule = options.rule ?? "overlap";
  const filter: MatrixFilter = { coder: options.coder, sourceKinds: options.sourceKinds };
  const lo = sql<string>`CASE WHEN x.code_id < y.code_id THEN x.code_id ELSE y.code_id END`;
  const hi = sql<string>`CASE WHEN x.code_id < y.code_id THEN y.code_id ELSE x.code_id END`;
  let pairs = store.db
    .selectFrom("codings as x")
    .innerJoin("codings as y", (join) => {
      const on = join.onRef("y.sourceId", "=", "x.sourceId");
      return rule === "overlap"
        ? on
            .onRef("y.startPos", ">=", "x.startPos")
            .onRef("y.startPos", "<", "x.endPos")
            .on((eb) =>
              eb.or([eb("y.startPos", ">", eb.ref("x.startPos")), eb("y.id", ">", eb.ref("x.id"))]),
            )
        : on.on((eb) =>
            eb.or([
              eb("y.startPos", ">", eb.ref("x.startPos")),
              eb.and([
                eb("y.startPos", "=", eb.ref("x.startPos")),
                eb("y.id", ">", eb.ref("x.id")),
              ]),
            ]),
          );
    })
    .innerJoin("sources as s", "s.id", "x.sourceId")
    .where("x.projectId", "=", projectId)
    .where("x.status", "!=", "orphaned")
    .where("y.status", "!=", "orphaned")
    .whereRef("x.codeId", "!=", "y.codeId");
  if (filter.coder !== undefined)
    pairs = pairs.where("x.coder", "=", filter.coder).where("y.coder", "=", filter.coder);
  if (filter.sourceKinds && filter.sourceKinds.length > 0)
    pairs = pairs.where("s.kind", "in", [...filter.sourceKinds]);
  if (rule === "turn")
    pairs = pairs.where((eb) =>
      eb.exists(
        eb
          .selectFrom("turns as t")
          .select("t.id")
          .whereRef("t.revisionId", "=", "s.currentRevisionId")
          .whereRef("t.startPos", "<", "x.endPos")
          .whereRef("t.endPos", ">", "x.startPos")
          .whereRef("t.startPos", "<", "y.endPos")
          .whereRef("t.endPos", ">", "y.startPos"),
      ),
    );
  const rows = await pairs
    .select((eb) => [
      lo.as("codeA"),
      hi.as("codeB"),
      eb.fn.countAll<number>().as("pairs"),
      eb.fn.count<number>("x.sourceId").distinct().as("sources"),
    ])
    .groupBy([lo, hi])
    .execute();
  const spread = await countCodeSpread(store, projectId, filter);
  return {
    counts: rows.map((row) => ({
      codeA: row.codeA,
      codeB: row.codeB,
      pairs: Number(row.pairs),
      sources: Number(row.sources),
    })),
    spread,
  };
}

/** Per code, its passages and the sources they are in (orphans left out). */
export async function countCodeSpread(
  store: Store,
  projectId: string,
  filter: MatrixFilter = {},
): Promise<{ codeId: string; sources: number; segments: number }[]> {
  const rows = await liveCodings(store, projectId, filter)
    .select((eb) => [
      "k.codeId",
      eb.fn.count<number>("k.sourceId").distinct().as("sources"),
      eb.fn.countAll<number>().as("segments"),
    ])
    .groupBy("k.codeId")
    .execute();
  return rows.map((row) => ({
    codeId: row.codeId,
    sources: Number(row.sources),
    segments: Number(row.segments),
  }));
}

/** A source in collection order with the distinct codes applied in it (saturation's input). */
export interface SourceCodeSet {
  sourceId: string;
  label: string;
  position: number;
  codeIds: string[];
}

/**
 * Every source of the project in collection order, with its distinct codes — sources without any
 * included, since saturation counts them as adding nothing. `where` restricts to sources whose case
 * has those attribute values (saturation per group, METHODS SAT-8).
 */
export async function sourceCodeSets(
  store: Store,
  projectId: string,
  filter: Omit<MatrixFilter, "codeIds"> & { where?: Record<string, string> } = {},
): Promise<SourceCodeSet[]> {
  let sources = store.db
    .selectFrom("sources as s")
    .leftJoin("cases as c", "c.id", "s.caseId")
    .select(["s.id", "s.title", "s.position"])
    .where("s.projectId", "=", projectId);
  if (filter.sourceKinds && filter.sourceKinds.length > 0)
    sources = sources.where("s.kind", "in", [...filter.sourceKinds]);
  for (const [key, value] of Object.entries(filter.where ?? {}))
    sources = sources.where(attributeTextSql(store, "c.attributes", key), "=", value);
  const listed = await sources.orderBy("s.position").orderBy("s.id").execute();
  const pairs = await liveCodings(store, projectId, filter)
    .select(["k.sourceId", "k.codeId"])
    .distinct()
    .execute();
  const codes = new Map<string, string[]>();
  for (const pair of pairs) {
    const list = codes.get(pair.sourceId) ?? [];
    list.push(pair.codeId);
    codes.set(pair.sourceId, list);
  }
  return listed.map((row) => ({
    sourceId: row.id,
    label: row.title,
    position: Number(row.position),
    codeIds: (codes.get(row.id) ?? []).sort(),
  }));
}

/** The collection position at which each code first appears (its earliest live coding). */
export async function codeFirstAppearances(
  store: Store,
  projectId: string,
): Promise<{ codeId: string; position: number }[]> {
  const rows = await store.db
    .selectFrom("codings as k")
    .innerJoin("sources as s", "s.id", "k.sourceId")
    .where("k.projectId", "=", projectId)
    .where("k.status", "!=", "orphaned")
    .select((eb) => ["k.codeId", eb.fn.min<number>("s.position").as("position")])
    .groupBy("k.codeId")
    .execute();
  return rows.map((row) => ({ codeId: row.codeId, position: Number(row.position) }));
}
