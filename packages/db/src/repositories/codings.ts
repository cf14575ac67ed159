/** Codings: apply a code to a passage, remove, resize, annotate; list orphans to resolve. */
import { anchorRange, type Coding, newId, QuireError } from "@quire/core";
import type { Mutation } from "../audit/mutation.js";
import type { Store } from "../store.js";
import { codingRow, toCoding } from "./rows.js";

export interface AddCodingProps {
  sourceId: string;
  codeId: string;
  start: number;
  end: number;
  memo?: string | null;
}

/**
 * Codes the range `[start, end)` of a source's current text with a code, as the mutation's actor.
 * Applying the same code to the same range twice by the same coder returns the existing coding.
 * @throws QuireError `invalid_input` for a range outside the text, `not_found` for an unknown code or source.
 */
export async function addCoding(m: Mutation, props: AddCodingProps): Promise<Coding> {
  const source = await m.db
    .selectFrom("sources as s")
    .innerJoin("sourceRevisions as r", "r.id", "s.currentRevisionId")
    .select(["s.id", "s.title", "s.position", "r.id as revisionId", "r.text"])
    .where("s.id", "=", props.sourceId)
    .where("s.projectId", "=", m.projectId)
    .executeTakeFirst();
  if (!source) throw new QuireError("not_found", `no source with id ${props.sourceId}`);
  const code = await m.db
    .selectFrom("codes")
    .select(["id"])
    .where("id", "=", props.codeId)
    .where("projectId", "=", m.projectId)
    .executeTakeFirst();
  if (!code) throw new QuireError("not_found", `no code with id ${props.codeId}`);
  if (
    !Number.isInteger(props.start) ||
    !Number.isInteger(props.end) ||
    props.start < 0 ||
    props.end > source.text.length ||
    props.start >= props.end
  )
    throw new QuireError(
      "invalid_input",
      `range ${props.start}:${props.end} is not inside "${source.title}" (its text has ${source.text.length} characters)`,
    );
  const existing = await m.db
    .selectFrom("codings")
    .selectAll()
    .where("sourceId", "=", props.sourceId)
    .where("codeId", "=", props.codeId)
    .where("coder", "=", m.actor)
    .where("startPos", "=", props.start)
    .where("endPos", "=", props.end)
    .executeTakeFirst();
  if (existing) return toCoding(existing);
  const coding: Coding = {
    id: newId(),
    projectId: m.projectId as Coding["projectId"],
    sourceId: source.id as Coding["sourceId"],
    codeId: code.id as Coding["codeId"],
    anchor: anchorRange(
      source.revisionId as Coding["anchor"]["revisionId"],
      source.text,
      props.start,
      props.end,
    ),
    coder: m.actor,
    memo: props.memo ?? null,
    createdAt: new Date().toISOString(),
  };
  await m.record.insert("codings", {
    ...codingRow(coding),
    sourcePosition: Number(source.position),
  });
  return coding;
}

async function getCoding(m: Mutation, id: string): Promise<Coding> {
  const row = await m.db
    .selectFrom("codings")
    .selectAll()
    .where("id", "=", id)
    .where("projectId", "=", m.projectId)
    .executeTakeFirst();
  if (!row) throw new QuireError("not_found", `no coding with id ${id}`);
  return toCoding(row);
}

export async function removeCoding(m: Mutation, id: string): Promise<Coding> {
  const coding = await getCoding(m, id);
  await m.record.delete("codings", [id]);
  return coding;
}

/** Moves a coding's ends to a new range of the current text; its anchor is made afresh. */
export async function resizeCoding(
  m: Mutation,
  id: string,
  start: number,
  end: number,
): Promise<Coding> {
  const coding = await getCoding(m, id);
  const source = await m.db
    .selectFrom("sources as s")
    .innerJoin("sourceRevisions as r", "r.id", "s.currentRevisionId")
    .select(["r.id as revisionId", "r.text", "s.title"])
    .where("s.id", "=", coding.sourceId)
    .executeTakeFirstOrThrow();
  if (start < 0 || end > source.text.length || start >= end)
    throw new QuireError("invalid_input", `range ${start}:${end} is not inside "${source.title}"`);
  const anchor = anchorRange(
    source.revisionId as Coding["anchor"]["revisionId"],
    source.text,
    start,
    end,
  );
  await setCodingAnchor(m, coding, anchor);
  return { ...coding, anchor };
}

/** Moves a coding to a new anchor (after a resize, an edit or a re-import), through the recorder. */
export async function setCodingAnchor(
  m: Mutation,
  coding: Coding,
  anchor: Coding["anchor"],
): Promise<void> {
  const row = codingRow({ ...coding, anchor });
  await m.record.update("codings", coding.id, {
    revisionId: row.revisionId,
    startPos: row.startPos,
    endPos: row.endPos,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    status: row.status,
    score: row.score,
  });
}

export async function setCodingMemo(m: Mutation, id: string, memo: string | null): Promise<void> {
  await getCoding(m, id);
  await m.record.update("codings", id, { memo });
}

export async function listCodings(
  store: Store,
  projectId: string,
  filter: { sourceId?: string; codeId?: string } = {},
): Promise<Coding[]> {
  let query = store.db.selectFrom("codings").selectAll().where("projectId", "=", projectId);
  if (filter.sourceId) query = query.where("sourceId", "=", filter.sourceId);
  if (filter.codeId) query = query.where("codeId", "=", filter.codeId);
  const rows = await query.orderBy("sourceId").orderBy("startPos").execute();
  return rows.map(toCoding);
}

/** Codings whose words could not be found after an edit or re-import, for a person to resolve. */
export async function listOrphans(store: Store, projectId: string): Promise<Coding[]> {
  const rows = await store.db
    .selectFrom("codings")
    .selectAll()
    .where("projectId", "=", projectId)
    .where("status", "=", "orphaned")
    .orderBy("createdAt")
    .execute();
  return rows.map(toCoding);
}
