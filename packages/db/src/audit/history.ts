/**
 * Undo and redo from the audit log. The log stays append-only: undoing event N appends an `undo`
 * event whose changes are the inverse of N's, and marks N as reverted; redo appends a `redo` event
 * that inverts the undo. A new ordinary event ends the chance to redo what was undone before it.
 */
import { type AuditEvent, asId, QuireError } from "@quire/core";
import { deleteImportedExchangeRows } from "../repositories/bundle-import.js";
import type { Store } from "../store.js";
import { type Mutation, mutate } from "./mutation.js";
import { type RowChange, readChanges } from "./recorder.js";

// Creating the project is the floor of the history: there is nothing before it to return to.
const HISTORY_ACTIONS = ["undo", "redo", "project.create"];

/**
 * Undoes the project's latest ordinary event that is not already undone.
 * @returns the event that was undone.
 * @throws QuireError `nothing_to_undo`
 */
export async function undo(store: Store, projectId: string, actor: string): Promise<AuditEvent> {
  const target = await store.db
    .selectFrom("auditEvents")
    .selectAll()
    .where("projectId", "=", projectId)
    .where("action", "not in", HISTORY_ACTIONS)
    .where("reverted", "=", 0)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!target) throw new QuireError("nothing_to_undo", "there is nothing to undo");
  // What is in effect now is the latest redo of the target, or the target itself.
  const redo = await store.db
    .selectFrom("auditEvents")
    .select("seq")
    .where("action", "=", "redo")
    .where("targetSeq", "=", target.seq)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const applied = redo?.seq ?? target.seq;
  await mutate(store, { projectId, actor, action: "undo", targetSeq: target.seq }, async (m) => {
    await invert(m, applied);
    await m.db
      .updateTable("auditEvents")
      .set({ reverted: 1 })
      .where("seq", "=", target.seq)
      .execute();
    m.summary = `undid: ${target.summary}`;
  });
  return toEvent({ ...target, reverted: 1 });
}

/**
 * Redoes the most recently undone event, if nothing new has happened since it was undone.
 * @returns the event that was redone.
 * @throws QuireError `nothing_to_redo`
 */
export async function redo(store: Store, projectId: string, actor: string): Promise<AuditEvent> {
  const lastOrdinary = await store.db
    .selectFrom("auditEvents")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("projectId", "=", projectId)
    .where("action", "not in", HISTORY_ACTIONS)
    .executeTakeFirst();
  const undoEvent = await store.db
    .selectFrom("auditEvents as u")
    .innerJoin("auditEvents as t", "t.seq", "u.targetSeq")
    .select(["u.seq as undoSeq", "t.seq as targetSeq"])
    .where("u.projectId", "=", projectId)
    .where("u.action", "=", "undo")
    .where("t.reverted", "=", 1)
    .where("u.seq", ">", Number(lastOrdinary?.seq ?? 0))
    .orderBy("u.seq", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!undoEvent) throw new QuireError("nothing_to_redo", "there is nothing to redo");
  const target = await store.db
    .selectFrom("auditEvents")
    .selectAll()
    .where("seq", "=", undoEvent.targetSeq)
    .executeTakeFirstOrThrow();
  await mutate(store, { projectId, actor, action: "redo", targetSeq: target.seq }, async (m) => {
    await invert(m, undoEvent.undoSeq);
    await m.db
      .updateTable("auditEvents")
      .set({ reverted: 0 })
      .where("seq", "=", target.seq)
      .execute();
    m.summary = `redid: ${target.summary}`;
  });
  return toEvent({ ...target, reverted: 0 });
}

/** Applies the inverse of an event's changes, last change first, through the mutation's recorder. */
async function invert(m: Mutation, eventSeq: number): Promise<void> {
  // Read fully before writing: the recorder appends to the same table we read from.
  const changes: RowChange[] = [];
  for await (const change of readChanges(m.db, eventSeq, "backward")) changes.push(change);
  for (const change of changes) {
    switch (change.op) {
      case "insert":
        await m.record.delete(change.table, [change.row.id]);
        break;
      case "delete":
        await m.record.insert(change.table, change.row);
        break;
      case "update":
        await m.record.update(change.table, change.id, change.before);
        break;
      case "batch":
        await deleteImportedRows(m, change.importId);
        break;
    }
  }
}

/**
 * Removes everything an import added, logging each row so that a redo can restore it. Children go
 * before parents: turns, revisions, sources, then the cases the import created.
 */
async function deleteImportedRows(m: Mutation, importId: string): Promise<void> {
  await deleteImportedExchangeRows(m, importId);
  const sources = await m.db
    .selectFrom("sources")
    .select("id")
    .where("importId", "=", importId)
    .orderBy("seq")
    .execute();
  const CHUNK = 500;
  for (let offset = 0; offset < sources.length; offset += CHUNK) {
    const ids = sources.slice(offset, offset + CHUNK).map((row) => row.id);
    const codings = await m.db
      .selectFrom("codings")
      .select("id")
      .where("sourceId", "in", ids)
      .execute();
    await m.record.delete(
      "codings",
      codings.map((row) => row.id),
    );
    const revisions = await m.db
      .selectFrom("sourceRevisions")
      .select("id")
      .where("sourceId", "in", ids)
      .execute();
    const revisionIds = revisions.map((row) => row.id);
    if (revisionIds.length > 0) {
      const turns = await m.db
        .selectFrom("turns")
        .select("id")
        .where("revisionId", "in", revisionIds)
        .execute();
      await m.record.delete(
        "turns",
        turns.map((row) => row.id),
      );
    }
    await m.record.delete("sourceRevisions", revisionIds);
    await m.record.delete("sources", ids);
  }
  const cases = await m.db
    .selectFrom("cases")
    .select("id")
    .where("importId", "=", importId)
    .execute();
  await m.record.delete(
    "cases",
    cases.map((row) => row.id),
  );
}

/** Lists a project's audit events, newest first. */
export async function listEvents(
  store: Store,
  projectId: string,
  page: { limit?: number; offset?: number } = {},
): Promise<AuditEvent[]> {
  const rows = await store.db
    .selectFrom("auditEvents")
    .selectAll()
    .where("projectId", "=", projectId)
    .orderBy("seq", "desc")
    .limit(page.limit ?? 50)
    .offset(page.offset ?? 0)
    .execute();
  return rows.map(toEvent);
}

function toEvent(row: {
  seq: number;
  projectId: string;
  at: string;
  actor: string;
  action: string;
  summary: string;
  rationale: string | null;
  targetSeq: number | null;
  reverted: number;
}): AuditEvent {
  return {
    seq: Number(row.seq),
    projectId: asId(row.projectId),
    at: row.at,
    actor: row.actor,
    action: row.action,
    summary: row.summary,
    rationale: row.rationale,
    targetSeq: row.targetSeq,
    reverted: Boolean(row.reverted),
  };
}
