/**
 * The sources table of a project a page at a time, filtered and sorted in SQL so that a project of
 * 100,000 survey responses pages as quickly as one of twelve interviews. The page's ids are found
 * first on the narrow `sources` rows; only those rows then get their text length and counts.
 */
import type { AttributeValue, SourceKind } from "@quire/core";
import { sql } from "kysely";
import type { Store } from "../store.js";
import { attributeTextSql } from "./attribute-text.js";
import { parseJson, toSource } from "./rows.js";
import type { SourceListing } from "./sources.js";

export const SOURCE_SORTS = ["position", "title", "kind", "codings"] as const;
export type SourceSort = (typeof SOURCE_SORTS)[number];

export interface SourceQuery {
  kind?: SourceKind;
  /** Case-insensitive text the title must contain. */
  titleContains?: string;
  /** Case attribute name → value the source's case must have (compared as text). */
  where?: Record<string, string>;
  /** Default `position` (collection order). */
  sort?: SourceSort;
  direction?: "asc" | "desc";
  /** Default 50. */
  limit?: number;
  offset?: number;
}

export interface SourcePageRow extends SourceListing {
  caseAttributes: Record<string, AttributeValue>;
}

/** Lists a page of sources with the number matching the filter. */
export async function querySources(
  store: Store,
  projectId: string,
  query: SourceQuery = {},
): Promise<{ total: number; sources: SourcePageRow[] }> {
  // The sources table alone decides the count and the page; cases are consulted through EXISTS
  // only when an attribute filter needs them, so the common page reads one index.
  let base = store.db.selectFrom("sources as s").where("s.projectId", "=", projectId);
  if (query.kind) base = base.where("s.kind", "=", query.kind);
  const needle = query.titleContains?.trim();
  if (needle)
    base = base.where(
      sql<boolean>`lower(${sql.ref("s.title")}) like ${`%${escapeLike(needle.toLowerCase())}%`} escape '\\'`,
    );
  const where = Object.entries(query.where ?? {});
  if (where.length > 0)
    base = base.where((eb) => {
      let cases = eb.selectFrom("cases as c").select("c.id").whereRef("c.id", "=", "s.caseId");
      for (const [key, value] of where)
        cases = cases.where(attributeTextSql(store, "c.attributes", key), "=", value);
      return eb.exists(cases);
    });

  const counted = await base
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const direction = query.direction ?? "asc";
  const sort = query.sort ?? "position";
  let page = base.select(["s.id", "s.seq"]);
  if (sort === "codings")
    page = page.orderBy(
      (eb) =>
        eb
          .selectFrom("codings")
          .select((inner) => inner.fn.countAll<number>().as("n"))
          .whereRef("codings.sourceId", "=", "s.id"),
      direction,
    );
  else if (sort === "title") page = page.orderBy("s.title", direction);
  else if (sort === "kind") page = page.orderBy("s.kind", direction);
  page = page.orderBy("s.position", direction).orderBy("s.seq", direction);
  const ids = await page
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0)
    .execute();
  if (ids.length === 0) return { total: Number(counted.n), sources: [] };

  const rows = await store.db
    .selectFrom("sources as s")
    .innerJoin("sourceRevisions as r", "r.id", "s.currentRevisionId")
    .leftJoin("cases as c", "c.id", "s.caseId")
    .selectAll("s")
    .select((eb) => [
      "c.name as caseName",
      "c.attributes as caseAttributes",
      eb.fn("length", ["r.text"]).as("length"),
      eb
        .selectFrom("codings")
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .whereRef("codings.sourceId", "=", "s.id")
        .as("codingCount"),
    ])
    .where(
      "s.id",
      "in",
      ids.map((row) => row.id),
    )
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const sources: SourcePageRow[] = [];
  for (const { id } of ids) {
    const row = byId.get(id);
    if (!row) continue;
    sources.push({
      ...toSource(row),
      caseName: row.caseName,
      caseAttributes: parseJson(row.caseAttributes, {}),
      length: Number(row.length),
      codingCount: Number(row.codingCount ?? 0),
    });
  }
  return { total: Number(counted.n), sources };
}

// `%` and `_` in the user's text are matched literally.
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
