/**
 * Memos: write, edit (the version rises; earlier text stays in the audit log), delete (undoable:
 * the row stays in the log), list by target.
 */
import {
  isMemoKind,
  MEMO_KINDS,
  type Memo,
  type MemoKind,
  type MemoTarget,
  newId,
  QuireError,
} from "@quire/core";
import type { Mutation } from "../audit/mutation.js";
import type { Store } from "../store.js";
import { toMemo } from "./rows.js";

export interface AddMemoProps {
  kind: MemoKind | string;
  title: string;
  body: string;
  targetType?: MemoTarget;
  targetId?: string | null;
}

/** @throws QuireError `invalid_input` for an unknown kind or an empty memo. */
export async function addMemo(m: Mutation, props: AddMemoProps): Promise<Memo> {
  if (!isMemoKind(props.kind))
    throw new QuireError(
      "invalid_input",
      `unknown memo kind "${props.kind}"; choose one of ${MEMO_KINDS.join(", ")}`,
    );
  if (props.title.trim() === "" && props.body.trim() === "")
    throw new QuireError("invalid_input", "a memo needs a title or a body");
  const now = new Date().toISOString();
  const memo: Memo = {
    id: newId(),
    projectId: m.projectId as Memo["projectId"],
    kind: props.kind,
    title: props.title.trim(),
    body: props.body,
    targetType: props.targetType ?? "project",
    targetId: props.targetId ?? null,
    author: m.actor,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await m.record.insert("memos", { ...memo });
  return memo;
}

/** @throws QuireError `not_found` for a memo not in the mutation's project. */
async function memoRow(m: Mutation, id: string) {
  const row = await m.db
    .selectFrom("memos")
    .selectAll()
    .where("id", "=", id)
    .where("projectId", "=", m.projectId)
    .executeTakeFirst();
  if (!row) throw new QuireError("not_found", `no memo with id ${id}`);
  return row;
}

export async function editMemo(
  m: Mutation,
  id: string,
  change: { title?: string; body?: string },
): Promise<Memo> {
  const row = await memoRow(m, id);
  const patch = {
    title: change.title?.trim() ?? row.title,
    body: change.body ?? row.body,
    version: Number(row.version) + 1,
    updatedAt: new Date().toISOString(),
  };
  await m.record.update("memos", id, patch);
  return toMemo({ ...row, ...patch });
}

/** Deletes a memo; undo brings it back with its text and version. */
export async function deleteMemo(m: Mutation, id: string): Promise<Memo> {
  const row = await memoRow(m, id);
  await m.record.delete("memos", [id]);
  return toMemo(row);
}

export async function listMemos(
  store: Store,
  projectId: string,
  filter: { targetType?: MemoTarget; targetId?: string; kind?: MemoKind } = {},
): Promise<Memo[]> {
  let query = store.db.selectFrom("memos").selectAll().where("projectId", "=", projectId);
  if (filter.targetType) query = query.where("targetType", "=", filter.targetType);
  if (filter.targetId) query = query.where("targetId", "=", filter.targetId);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  const rows = await query.orderBy("createdAt").execute();
  return rows.map(toMemo);
}
