/**
 * What a workspace needs beyond one project's own work: the counts shown in a project list, the
 * method profile changed after creation, and a project removed from a shared database.
 */
import { isMethodProfile, METHOD_PROFILES, type Project, QuireError } from "@quire/core";
import { sql } from "kysely";
import { mutate } from "../audit/mutation.js";
import type { Store } from "../store.js";

export interface ProjectCounts {
  sources: number;
  cases: number;
  codes: number;
  codings: number;
  memos: number;
  /** The newest audit event's sequence number; 0 when the log is empty. */
  lastSeq: number;
  /** When the newest audit event happened, or null. */
  lastActivity: string | null;
}

/** Counts a project's sources, cases, codes, codings and memos, and its latest activity. */
export async function projectCounts(store: Store, projectId: string): Promise<ProjectCounts> {
  const count = async (table: "sources" | "cases" | "codes" | "codings" | "memos") => {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("projectId", "=", projectId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const last = await store.db
    .selectFrom("auditEvents")
    .select(["seq", "at"])
    .where("projectId", "=", projectId)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return {
    sources: await count("sources"),
    cases: await count("cases"),
    codes: await count("codes"),
    codings: await count("codings"),
    memos: await count("memos"),
    lastSeq: last ? Number(last.seq) : 0,
    lastActivity: last?.at ?? null,
  };
}

/**
 * Changes a project's method profile, as a recorded (undoable) change.
 * @throws QuireError `invalid_input` for an unknown method.
 */
export async function setProjectMethod(
  store: Store,
  project: Project,
  method: string,
  actor: string,
): Promise<void> {
  if (!isMethodProfile(method))
    throw new QuireError(
      "invalid_input",
      `unknown method "${method}"; choose one of ${METHOD_PROFILES.join(", ")}`,
    );
  if (method === project.method) return;
  await mutate(store, { projectId: project.id, actor, action: "project.method" }, async (m) => {
    await m.record.update("projects", project.id, { method });
    m.summary = `changed the method of "${project.name}" from ${project.method} to ${method}`;
  });
}

/**
 * Removes a project and everything it holds from a store that keeps several (PostgreSQL). Every
 * table refers to its project with ON DELETE CASCADE, so one statement removes the lot. This is
 * not undoable: a SQLite workspace moves the whole file aside instead.
 */
export async function deleteProjectData(store: Store, projectId: string): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    // Without its tallies the project's codings go without the triggers keeping them up to date.
    await sql`DELETE FROM matrix_tallies WHERE project_id = ${projectId}`.execute(trx);
    await trx.deleteFrom("projects").where("id", "=", projectId).execute();
  });
}
