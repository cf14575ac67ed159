/**
 * Matrices over a project's codings (PERFORMANCE W5): code × attribute crosstab, code × case,
 * co-occurrence, the cases that have a code, and the per-source code sets saturation needs. The
 * results are plain rows; `@quire/analysis` lays them out (`buildCrosstab`, `buildCooccurrence`,
 * `saturationCurve`) and holds the in-memory reference each function here is tested against on
 * both backends.
 *
 * The unfiltered crosstab and co-occurrence come from the kept tallies (`matrix-tallies.ts`),
 * which cost what changed since the last read; filtered ones, and the rest, are counted from the
 * codings (`matrix-live.ts`, whose header has the SQL notes).
 */
import { sql } from "kysely";
import type { Store } from "../store.js";
import { attributeTextSql } from "./attribute-text.js";
import {
  type CooccurrenceCountRow,
  type CrosstabCounts,
  codeSpreadLive,
  crosstabLive,
  type MatrixFilter,
  overlapPairsLive,
} from "./matrix-live.js";
import { keptCooccurrences, keptCrosstab } from "./matrix-tallies.js";

export type {
  CodeSpreadRow,
  CooccurrenceCountRow,
  CrosstabCountRow,
  CrosstabCounts,
  GroupSize,
  MatrixFilter,
} from "./matrix-live.js";
/** `*Live`: the counts from the codings, which the kept tallies must always equal. */
export { attributeTextSql, codeSpreadLive, crosstabLive, overlapPairsLive };

/** A project's live codings through the filters; a source kind is looked up, not joined. */
function liveCodings(store: Store, projectId: string, filter: MatrixFilter) {
  let query = store.db
    .selectFrom("codings as k")
    .where("k.projectId", "=", projectId)
    .where("k.status", "!=", "orphaned");
  if (filter.codeIds) query = query.where("k.codeId", "in", [...filter.codeIds, ""]);
  if (filter.coder !== undefined) query = query.where("k.coder", "=", filter.coder);
  const kinds = filter.sourceKinds;
  if (kinds && kinds.length > 0)
    query = query.where("k.sourceId", "in", (eb) =>
      eb
        .selectFrom("sources")
        .select("id")
        .where("projectId", "=", projectId)
        .where("kind", "in", [...kinds]),
    );
  return query;
}

/** Each coding's case through its own copy of the source's case (`codings.case_id`). */
const caseOfCoding = sql<boolean>`c.id = k.case_id`;

/** Whether a filter rules out the kept tallies, which count every coder and source kind. */
const filtered = (filter: MatrixFilter) =>
  filter.coder !== undefined || (filter.sourceKinds !== undefined && filter.sourceKinds.length > 0);

/**
 * Code × attribute counts: per code and value of `attribute`, the passages and the distinct cases
 * they are in; and how many cases each value has in the project.
 */
export async function countCrosstab(
  store: Store,
  projectId: string,
  attribute: string,
  filter: MatrixFilter = {},
): Promise<CrosstabCounts> {
  if (!filtered(filter)) {
    const kept = await keptCrosstab(store, projectId, attribute, filter.codeIds);
    if (kept) return kept;
  }
  return crosstabLive(store, projectId, attribute, filter);
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
    .innerJoin("cases as c", (join) => join.on(caseOfCoding))
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
    .innerJoin("cases as c", (join) => join.on(caseOfCoding))
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
  if (rule === "overlap") {
    if (!filtered(filter)) {
      const kept = await keptCooccurrences(store, projectId);
      if (kept) return kept;
    }
    return {
      counts: await overlapPairsLive(store, projectId, filter),
      spread: await codeSpreadLive(store, projectId, filter),
    };
  }
  const lo = sql<string>`CASE WHEN x.code_id < y.code_id THEN x.code_id ELSE y.code_id END`;
  const hi = sql<string>`CASE WHEN x.code_id < y.code_id THEN y.code_id ELSE x.code_id END`;
  let pairs = store.db
    .selectFrom("codings as x")
    // Every ordered pair in the source, each unordered pair once (ties: smaller id first).
    .innerJoin("codings as y", (join) =>
      join
        .onRef("y.sourceId", "=", "x.sourceId")
        .on((eb) =>
          eb.or([
            eb("y.startPos", ">", eb.ref("x.startPos")),
            eb.and([eb("y.startPos", "=", eb.ref("x.startPos")), eb("y.id", ">", eb.ref("x.id"))]),
          ]),
        ),
    )
    .innerJoin("sources as s", "s.id", "x.sourceId")
    .where("x.projectId", "=", projectId)
    .where("x.status", "!=", "orphaned")
    .where("y.status", "!=", "orphaned")
    .whereRef("x.codeId", "!=", "y.codeId");
  if (filter.coder !== undefined)
    pairs = pairs.where("x.coder", "=", filter.coder).where("y.coder", "=", filter.coder);
  if (filter.sourceKinds && filter.sourceKinds.length > 0)
    pairs = pairs.where("s.kind", "in", [...filter.sourceKinds]);
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

/** Per code, its passages and the sources they are in (orphans left out), counted live. */
export const countCodeSpread = codeSpreadLive;

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
