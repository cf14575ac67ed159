/**
 * The codings laid over one source, with what a viewer needs to draw them: the code's name, path
 * colour, the coder and the anchor's status. One query, in text order.
 */
import { type AnchorStatus, type Coding, QuireError } from "@quire/core";
import type { Store } from "../store.js";
import { toCoding } from "./rows.js";

export interface SourceCoding {
  id: string;
  codeId: string;
  codeName: string;
  color: string;
  coder: string;
  start: number;
  end: number;
  exact: string;
  status: AnchorStatus;
  score: number;
  memo: string | null;
  createdAt: string;
}

/** Lists a source's codings (orphans included, at their last position) in text order. */
export async function listSourceCodings(
  store: Store,
  projectId: string,
  sourceId: string,
): Promise<SourceCoding[]> {
  const rows = await store.db
    .selectFrom("codings as k")
    .innerJoin("codes as c", "c.id", "k.codeId")
    .select([
      "k.id",
      "k.codeId",
      "c.name as codeName",
      "c.color",
      "k.coder",
      "k.startPos",
      "k.endPos",
      "k.exact",
      "k.status",
      "k.score",
      "k.memo",
      "k.createdAt",
    ])
    .where("k.projectId", "=", projectId)
    .where("k.sourceId", "=", sourceId)
    .orderBy("k.startPos")
    .orderBy("k.endPos")
    .orderBy("k.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    codeId: row.codeId,
    codeName: row.codeName,
    color: row.color,
    coder: row.coder,
    start: Number(row.startPos),
    end: Number(row.endPos),
    exact: row.exact,
    status: row.status as AnchorStatus,
    score: Number(row.score),
    memo: row.memo,
    createdAt: row.createdAt,
  }));
}

/**
 * Finds one coding by id.
 * @throws QuireError `not_found`
 */
export async function findCoding(store: Store, projectId: string, id: string): Promise<Coding> {
  const row = await store.db
    .selectFrom("codings")
    .selectAll()
    .where("projectId", "=", projectId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new QuireError("not_found", `no coding with id ${id}`);
  return toCoding(row);
}
