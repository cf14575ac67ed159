/** Projects: create, find, list, rename. A SQLite study file normally holds exactly one. */
import {
  CANONICAL_TEXT_VERSION,
  isMethodProfile,
  METHOD_PROFILES,
  type MethodProfile,
  newId,
  type Project,
  QuireError,
} from "@quire/core";
import { mutate } from "../audit/mutation.js";
import { DbError, withDbErrors } from "../errors.js";
import type { Store } from "../store.js";
import { toProject } from "./rows.js";

export interface CreateProjectProps {
  name: string;
  method: MethodProfile | string;
  settings?: Record<string, unknown>;
  actor: string;
}

/**
 * Creates a project and logs its creation.
 * @throws QuireError `invalid_input` for an empty name or unknown method, `conflict` when the name is taken.
 */
export async function createProject(store: Store, props: CreateProjectProps): Promise<Project> {
  const name = props.name.trim();
  if (name === "") throw new QuireError("invalid_input", "a project needs a name");
  if (!isMethodProfile(props.method))
    throw new QuireError(
      "invalid_input",
      `unknown method "${props.method}"; choose one of ${METHOD_PROFILES.join(", ")}`,
    );
  const project: Project = {
    id: newId(),
    name,
    method: props.method,
    settings: props.settings ?? {},
    canonicalTextVersion: CANONICAL_TEXT_VERSION,
    createdAt: new Date().toISOString(),
  };
  try {
    await withDbErrors(() =>
      store.db
        .insertInto("projects")
        .values({ ...project, settings: JSON.stringify(project.settings) })
        .execute(),
    );
  } catch (error) {
    if (error instanceof DbError && error.kind === "unique")
      throw new QuireError("conflict", `a project named "${name}" already exists`);
    throw error;
  }
  await mutate(
    store,
    { projectId: project.id, actor: props.actor, action: "project.create" },
    async (m) => {
      m.summary = `created project "${name}" (${project.method})`;
    },
  );
  return project;
}

export async function listProjects(store: Store): Promise<Project[]> {
  const rows = await store.db.selectFrom("projects").selectAll().orderBy("name").execute();
  return rows.map(toProject);
}

/**
 * Finds the project to work on: by name, or — when no name is given — the only project in the
 * store (the usual case for a study file).
 * @throws QuireError `not_found`, or `invalid_input` when several exist and none was named.
 */
export async function resolveProject(store: Store, name?: string): Promise<Project> {
  if (name !== undefined) {
    const row = await store.db
      .selectFrom("projects")
      .selectAll()
      .where("name", "=", name)
      .executeTakeFirst();
    if (!row) throw new QuireError("not_found", `no project named "${name}" in ${store.location}`);
    return toProject(row);
  }
  const rows = await store.db.selectFrom("projects").selectAll().limit(2).execute();
  const [first, second] = rows;
  if (!first)
    throw new QuireError("not_found", `${store.location} holds no project yet (run "quire init")`);
  if (second)
    throw new QuireError(
      "invalid_input",
      `${store.location} holds several projects; name one with --project`,
    );
  return toProject(first);
}

/** Renames a project. @throws QuireError `conflict` when the name is taken. */
export async function renameProject(
  store: Store,
  project: Project,
  name: string,
  actor: string,
): Promise<void> {
  const trimmed = name.trim();
  if (trimmed === "") throw new QuireError("invalid_input", "a project needs a name");
  try {
    await mutate(store, { projectId: project.id, actor, action: "project.rename" }, async (m) => {
      await m.record.update("projects", project.id, { name: trimmed });
      m.summary = `renamed project "${project.name}" to "${trimmed}"`;
    });
  } catch (error) {
    if (error instanceof DbError && error.kind === "unique")
      throw new QuireError("conflict", `a project named "${trimmed}" already exists`);
    throw error;
  }
}
