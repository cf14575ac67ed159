/**
 * Retrieval: the coded passages of one or more codes with their context, source, case and case
 * attributes, filterable by attribute values and coder, a page at a time.
 */
import { type AnchorStatus, type AttributeValue, codePaths } from "@quire/core";
import type { Store } from "../store.js";
import { attributeTextSql } from "./attribute-text.js";
import { listCodes } from "./codes.js";
import { parseJson } from "./rows.js";

export interface SegmentQuery {
  codeIds: string[];
  /** `any`: passages of any of the codes. `all`: passages of the first code that overlap every other. */
  match?: "any" | "all";
  /** Case attribute name → value the source's case must have (compared as text). */
  where?: Record<string, string>;
  coder?: string;
  /** Characters of context on each side (default 100). */
  context?: number;
  limit?: number;
  offset?: number;
}

export interface Segment {
  codingId: string;
  codeId: string;
  codePath: string;
  sourceId: string;
  sourceTitle: string;
  sourceKind: string;
  caseName: string | null;
  attributes: Record<string, AttributeValue>;
  coder: string;
  start: number;
  end: number;
  status: AnchorStatus;
  text: string;
  before: string;
  after: string;
  memo: string | null;
}

export async function retrieveSegments(
  store: Store,
  projectId: string,
  query: SegmentQuery,
): Promise<{ total: number; segments: Segment[] }> {
  const [first, ...others] = query.codeIds;
  if (first === undefined) return { total: 0, segments: [] };
  const match = query.match ?? "any";
  // The codings alone decide the count and the page, so both run on the codings' own indexes;
  // sources and cases are joined only for the 50 rows shown, or tested through EXISTS when an
  // attribute filter needs them.
  let base = store.db
    .selectFrom("codings as k")
    .where("k.projectId", "=", projectId)
    .where("k.status", "!=", "orphaned");
  base =
    match === "any"
      ? base.where("k.codeId", "in", query.codeIds)
      : base.where("k.codeId", "=", first);
  if (match === "all")
    for (const other of others)
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom("codings as o")
            .select("o.id")
            .whereRef("o.sourceId", "=", "k.sourceId")
            .where("o.codeId", "=", other)
            .whereRef("o.startPos", "<", "k.endPos")
            .whereRef("o.endPos", ">", "k.startPos"),
        ),
      );
  if (query.coder) base = base.where("k.coder", "=", query.coder);
  const where = Object.entries(query.where ?? {});
  if (where.length > 0)
    base = base.where((eb) => {
      let cases = eb
        .selectFrom("sources as s")
        .innerJoin("cases as c", "c.id", "s.caseId")
        .select("s.id")
        .whereRef("s.id", "=", "k.sourceId");
      for (const [key, value] of where)
        cases = cases.where(attributeTextSql(store, "c.attributes", key), "=", value);
      return eb.exists(cases);
    });

  const counted = await base
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const page = await base
    .select([
      "k.id as codingId",
      "k.codeId",
      "k.coder",
      "k.startPos",
      "k.endPos",
      "k.status",
      "k.memo",
      "k.sourceId",
    ])
    .orderBy("k.sourcePosition")
    .orderBy("k.startPos")
    .orderBy("k.id")
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0)
    .execute();
  const sourceIds = [...new Set(page.map((row) => row.sourceId))];
  const sources = new Map(
    (sourceIds.length === 0
      ? []
      : await store.db
          .selectFrom("sources as s")
          .leftJoin("cases as c", "c.id", "s.caseId")
          .select([
            "s.id",
            "s.title",
            "s.kind",
            "s.currentRevisionId",
            "c.name as caseName",
            "c.attributes",
          ])
          .where("s.id", "in", sourceIds)
          .execute()
    ).map((row) => [row.id, row]),
  );
  const rows = page.flatMap((row) => {
    const source = sources.get(row.sourceId);
    return source
      ? [
          {
            ...row,
            sourceTitle: source.title,
            sourceKind: source.kind,
            currentRevisionId: source.currentRevisionId,
            caseName: source.caseName,
            attributes: source.attributes,
          },
        ]
      : [];
  });

  // Texts are fetched once per revision on the page and sliced here, because SQL substrings count
  // code points while offsets count UTF-16 units.
  const revisionIds = [...new Set(rows.map((row) => row.currentRevisionId))];
  const texts = new Map<string, string>();
  if (revisionIds.length > 0) {
    const revisions = await store.db
      .selectFrom("sourceRevisions")
      .select(["id", "text"])
      .where("id", "in", revisionIds)
      .execute();
    for (const revision of revisions) texts.set(revision.id, revision.text);
  }
  const paths = codePaths(await listCodes(store, projectId));
  const context = query.context ?? 100;
  const segments = rows.map((row): Segment => {
    const text = texts.get(row.currentRevisionId) ?? "";
    const start = Number(row.startPos);
    const end = Number(row.endPos);
    return {
      codingId: row.codingId,
      codeId: row.codeId,
      codePath: paths.get(row.codeId as never) ?? row.codeId,
      sourceId: row.sourceId,
      sourceTitle: row.sourceTitle,
      sourceKind: row.sourceKind,
      caseName: row.caseName,
      attributes: parseJson(row.attributes, {}),
      coder: row.coder,
      start,
      end,
      status: row.status as AnchorStatus,
      text: text.slice(start, end),
      before: text.slice(Math.max(0, start - context), start),
      after: text.slice(end, end + context),
      memo: row.memo,
    };
  });
  return { total: Number(counted.n), segments };
}
