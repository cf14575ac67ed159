/**
 * Code queries in SQL, the project's saved queries, and two readers the analyses need: the texts of
 * a selection of sources, and a whole project as plain records. A code query's meaning is
 * `evaluateCodeQuery` in `@quire/analysis` (this package cannot depend on it, so `CodeQuerySpec`
 * repeats its shape); the conformance tests hold the two to the same answers on random projects.
 *
 * SQL notes: the hits are the live codings of the listed codes, narrowed by coder, source kind and
 * case attributes (compared as text, see `attributeTextSql` in matrices.ts); each AND code is an
 * `EXISTS` over codings of the same source and each NOT code a `NOT EXISTS`, with the proximity
 * rule as a condition on the two ranges (or, for `turn`, an `EXISTS` over the current revision's
 * turns meeting both). Hits are read a page at a time; sources and cases are grouped in SQL.
 */
import type { AttributeValue, Project } from "@quire/core";
import { QuireError } from "@quire/core";
import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import { mutate } from "../audit/mutation.js";
import type { Database } from "../schema.js";
import type { Store } from "../store.js";
import { attributeTextSql } from "./matrices.js";
import { parseJson } from "./rows.js";

/** The shape of `@quire/analysis`'s `CodeQuery`; see there for the meaning of each field. */
export interface CodeQuerySpec {
  codes: string[];
  and?: string[];
  not?: string[];
  near?:
    | { kind: "overlap" }
    | { kind: "within"; chars: number }
    | { kind: "turn" }
    | { kind: "source" };
  where?: Record<string, string>;
  coder?: string;
  sourceKinds?: string[];
  sourceSet?: string;
}

export interface QueryHit {
  codingId: string;
  codeId: string;
  sourceId: string;
  sourceTitle: string;
  sourcePosition: number;
  caseId: string | null;
  caseName: string | null;
  coder: string;
  start: number;
  end: number;
  /** The passage's words, and `context` characters each side. */
  text: string;
  before: string;
  after: string;
}

export interface CodeQueryAnswer {
  /** How many passages match. */
  total: number;
  /** The requested page of them, in source position then start order. */
  segments: QueryHit[];
  /** Every matching source with its number of hits, in collection order. */
  sources: { sourceId: string; title: string; position: number; hits: number }[];
  /** Every case of a matching source with its number of hits, by name. */
  cases: { caseId: string; name: string; hits: number }[];
}

type Eb = ExpressionBuilder<
  Database & { k: Database["codings"]; s: Database["sources"] },
  "k" | "s"
>;

function nearCondition(eb: Eb, spec: CodeQuerySpec, codeId: string): Expression<SqlBool> {
  const near = spec.near ?? { kind: "overlap" };
  let other = eb
    .selectFrom("codings as o")
    .select("o.id")
    .whereRef("o.sourceId", "=", "k.sourceId")
    .where("o.codeId", "=", codeId)
    .where("o.status", "!=", "orphaned");
  if (spec.coder !== undefined) other = other.where("o.coder", "=", spec.coder);
  if (near.kind === "overlap")
    other = other.whereRef("o.startPos", "<", "k.endPos").whereRef("o.endPos", ">", "k.startPos");
  else if (near.kind === "within")
    other = other
      .where("o.startPos", "<=", eb("k.endPos", "+", near.chars))
      .where("o.endPos", ">=", eb("k.startPos", "-", near.chars));
  else if (near.kind === "turn")
    other = other.where((inner) =>
      inner.exists(
        inner
          .selectFrom("turns as t")
          .select("t.id")
          .whereRef("t.revisionId", "=", "s.currentRevisionId")
          .whereRef("t.startPos", "<", "k.endPos")
          .whereRef("t.endPos", ">", "k.startPos")
          .whereRef("t.startPos", "<", "o.endPos")
          .whereRef("t.endPos", ">", "o.startPos"),
      ),
    );
  return eb.exists(other);
}

function checkSpec(spec: CodeQuerySpec): void {
  if (spec.codes.length === 0)
    throw new QuireError("invalid_input", "a code query needs at least one code");
  if (spec.sourceSet !== undefined)
    throw new QuireError("invalid_input", "source sets are not available yet");
  const near = spec.near;
  if (near?.kind === "within" && (!Number.isInteger(near.chars) || near.chars < 0))
    throw new QuireError("invalid_input", `"within" needs a whole number of characters ≥ 0`);
}

/**
 * Runs a code query: the total, a page of passages with context, and the matching sources and cases.
 * @param page `limit` (default 50; 0 for counts only), `offset` (0), `context` characters (100),
 *   and `caseIds` to narrow the answer to those cases' sources (a drill-down from a matrix cell or
 *   to counter-cases); it scopes where the query looks, not what it means.
 * @throws QuireError `invalid_input` for a query without codes, a bad distance or a source set.
 */
export async function runCodeQuery(
  store: Store,
  projectId: string,
  spec: CodeQuerySpec,
  page: { limit?: number; offset?: number; context?: number; caseIds?: readonly string[] } = {},
): Promise<CodeQueryAnswer> {
  checkSpec(spec);
  let base = store.db
    .selectFrom("codings as k")
    .innerJoin("sources as s", "s.id", "k.sourceId")
    .leftJoin("cases as c", "c.id", "s.caseId")
    .where("k.projectId", "=", projectId)
    .where("k.status", "!=", "orphaned")
    .where("k.codeId", "in", spec.codes);
  if (spec.coder !== undefined) base = base.where("k.coder", "=", spec.coder);
  if (spec.sourceKinds && spec.sourceKinds.length > 0)
    base = base.where("s.kind", "in", spec.sourceKinds);
  if (page.caseIds) base = base.where("s.caseId", "in", [...page.caseIds, ""]);
  for (const [key, value] of Object.entries(spec.where ?? {}))
    base = base.where(attributeTextSql(store, "c.attributes", key), "=", value);
  for (const codeId of new Set(spec.and ?? []))
    base = base.where((eb) => nearCondition(eb as unknown as Eb, spec, codeId));
  for (const codeId of new Set(spec.not ?? []))
    base = base.where((eb) => eb.not(nearCondition(eb as unknown as Eb, spec, codeId)));

  const sources = await base
    .select((eb) => ["s.id", "s.title", "s.position", eb.fn.countAll<number>().as("hits")])
    .groupBy(["s.id", "s.title", "s.position"])
    .orderBy("s.position")
    .orderBy("s.id")
    .execute();
  const cases = await base
    .innerJoin("cases as cc", "cc.id", "s.caseId")
    .select((eb) => ["cc.id", "cc.name", eb.fn.countAll<number>().as("hits")])
    .groupBy(["cc.id", "cc.name"])
    .orderBy("cc.name")
    .execute();
  const total = sources.reduce((sum, row) => sum + Number(row.hits), 0);
  const limit = page.limit ?? 50;
  const rows =
    limit === 0
      ? []
      : await base
          .select([
            "k.id",
            "k.codeId",
            "k.coder",
            "k.startPos",
            "k.endPos",
            "s.id as sourceId",
            "s.title",
            "s.position",
            "s.currentRevisionId",
            "c.id as caseId",
            "c.name as caseName",
          ])
          .orderBy("s.position")
          .orderBy("k.startPos")
          .orderBy("k.id")
          .limit(limit)
          .offset(page.offset ?? 0)
          .execute();
  // Texts are sliced here: SQL substrings count code points, offsets count UTF-16 units.
  const texts = await revisionTexts(store, [...new Set(rows.map((r) => r.currentRevisionId))]);
  const context = page.context ?? 100;
  return {
    total,
    segments: rows.map((row): QueryHit => {
      const text = texts.get(row.currentRevisionId) ?? "";
      const start = Number(row.startPos);
      const end = Number(row.endPos);
      return {
        codingId: row.id,
        codeId: row.codeId,
        sourceId: row.sourceId,
        sourceTitle: row.title,
        sourcePosition: Number(row.position),
        caseId: row.caseId,
        caseName: row.caseName,
        coder: row.coder,
        start,
        end,
        text: text.slice(start, end),
        before: text.slice(Math.max(0, start - context), start),
        after: text.slice(end, end + context),
      };
    }),
    sources: sources.map((row) => ({
      sourceId: row.id,
      title: row.title,
      position: Number(row.position),
      hits: Number(row.hits),
    })),
    cases: cases.map((row) => ({ caseId: row.id, name: row.name, hits: Number(row.hits) })),
  };
}

async function revisionTexts(store: Store, ids: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (ids.length === 0) return texts;
  const rows = await store.db
    .selectFrom("sourceRevisions")
    .select(["id", "text"])
    .where("id", "in", [...ids])
    .execute();
  for (const row of rows) texts.set(row.id, row.text);
  return texts;
}

/**
 * Current texts of a project's sources, in collection order: all of them, or those listed (by id),
 * or those of some kinds. For word counts over a selection; a large project's every text is large.
 */
export async function sourceTexts(
  store: Store,
  projectId: string,
  filter: { sourceIds?: readonly string[]; sourceKinds?: readonly string[] } = {},
): Promise<{ sourceId: string; title: string; text: string }[]> {
  let query = store.db
    .selectFrom("sources as s")
    .innerJoin("sourceRevisions as r", "r.id", "s.currentRevisionId")
    .select(["s.id", "s.title", "r.text"])
    .where("s.projectId", "=", projectId);
  if (filter.sourceIds) query = query.where("s.id", "in", [...filter.sourceIds, ""]);
  if (filter.sourceKinds && filter.sourceKinds.length > 0)
    query = query.where("s.kind", "in", [...filter.sourceKinds]);
  const rows = await query.orderBy("s.position").orderBy("s.id").execute();
  return rows.map((row) => ({ sourceId: row.id, title: row.title, text: row.text }));
}

/** A project as plain records: live codings, sources with their current turns, cases. */
export interface ProjectRecords {
  codings: {
    id: string;
    codeId: string;
    sourceId: string;
    start: number;
    end: number;
    coder: string;
  }[];
  sources: {
    id: string;
    kind: string;
    position: number;
    caseId: string | null;
    turns: { start: number; end: number }[];
  }[];
  cases: { id: string; name: string; attributes: Record<string, AttributeValue> }[];
}

/**
 * Reads a whole project into memory, in the shape `@quire/analysis` calls `ProjectSnapshot`. Meant
 * for study-sized projects (and the reference tests); the matrices above scale where this does not.
 */
export async function loadProjectRecords(store: Store, projectId: string): Promise<ProjectRecords> {
  const codings = await store.db
    .selectFrom("codings")
    .select(["id", "codeId", "sourceId", "startPos", "endPos", "coder"])
    .where("projectId", "=", projectId)
    .where("status", "!=", "orphaned")
    .execute();
  const sources = await store.db
    .selectFrom("sources")
    .select(["id", "kind", "position", "caseId", "currentRevisionId"])
    .where("projectId", "=", projectId)
    .execute();
  const turns = await store.db
    .selectFrom("turns as t")
    .innerJoin("sources as s", "s.currentRevisionId", "t.revisionId")
    .select(["s.id as sourceId", "t.startPos", "t.endPos"])
    .where("s.projectId", "=", projectId)
    .execute();
  const cases = await store.db
    .selectFrom("cases")
    .select(["id", "name", "attributes"])
    .where("projectId", "=", projectId)
    .execute();
  const turnsOf = new Map<string, { start: number; end: number }[]>();
  for (const turn of turns) {
    const list = turnsOf.get(turn.sourceId) ?? [];
    list.push({ start: Number(turn.startPos), end: Number(turn.endPos) });
    turnsOf.set(turn.sourceId, list);
  }
  return {
    codings: codings.map((k) => ({
      id: k.id,
      codeId: k.codeId,
      sourceId: k.sourceId,
      start: Number(k.startPos),
      end: Number(k.endPos),
      coder: k.coder,
    })),
    sources: sources.map((s) => ({
      id: s.id,
      kind: s.kind,
      position: Number(s.position),
      caseId: s.caseId,
      turns: turnsOf.get(s.id) ?? [],
    })),
    cases: cases.map((c) => ({ id: c.id, name: c.name, attributes: parseJson(c.attributes, {}) })),
  };
}

/**
 * Changes a project's settings as one undoable event (saved queries live in `settings.savedQueries`).
 * `change` receives the current settings and returns the new ones; it may throw to refuse.
 * @throws whatever `change` throws; nothing is written then.
 */
export async function updateProjectSettings(
  store: Store,
  project: Project,
  actor: string,
  summary: string,
  change: (settings: Record<string, unknown>) => Record<string, unknown>,
): Promise<Record<string, unknown>> {
  return mutate(store, { projectId: project.id, actor, action: "project.settings" }, async (m) => {
    const row = await m.db
      .selectFrom("projects")
      .select("settings")
      .where("id", "=", project.id)
      .executeTakeFirstOrThrow();
    const settings = change(parseJson<Record<string, unknown>>(row.settings, {}));
    await m.record.update("projects", project.id, { settings: JSON.stringify(settings) });
    m.summary = summary;
    return settings;
  });
}
