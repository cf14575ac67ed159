/**
 * What every command needs: the store (a study file or a PostgreSQL URL), the project in it, and
 * who is acting. Commands receive a `Session` and close it when done.
 */
import { userInfo } from "node:os";
import type { Project } from "@quire/core";
import { openStore, resolveProject, type Store } from "@quire/db";

export interface GlobalOptions {
  json?: boolean;
  project?: string;
  coder?: string;
}

export interface Session {
  store: Store;
  project: Project;
  actor: string;
  close(): Promise<void>;
}

/** Opens the store at `location` and finds the project to work on. */
export async function openSession(location: string, options: GlobalOptions): Promise<Session> {
  const store = await openStore(location);
  try {
    const project = await resolveProject(store, options.project);
    return { store, project, actor: actorName(options), close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The coder's name: `--coder`, else `QUIRE_CODER`, else the login name. */
export function actorName(options: GlobalOptions): string {
  return options.coder ?? process.env.QUIRE_CODER ?? safeUserName();
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}

/** Runs `work` with a session, closing it afterwards whatever happens. */
export async function withSession<T>(
  location: string,
  options: GlobalOptions,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const session = await openSession(location, options);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
