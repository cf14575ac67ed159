/**
 * The workspace: the projects the server can open, each under a short key used in URLs. By default
 * a folder (`$QUIRE_HOME`, `~/.quire`) of portable study files, one `<slug>.quire` per project; with
 * a database URL, the projects of one PostgreSQL database, keyed by a slug of their names. Stores
 * are opened once and kept open until `close()`.
 */
import { existsSync, mkdirSync, readdirSync, renameSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Project } from "@quire/core";
import {
  createProject,
  deleteProjectData,
  listProjects,
  openStore,
  type ProjectCounts,
  projectCounts,
  renameProject,
  resolveProject,
  type Store,
} from "@quire/db";
import { invalidInput, nameConflict, projectNotFound } from "./errors.js";

/** One open project. */
export interface OpenProject {
  key: string;
  store: Store;
  project: Project;
}

/** A project as the project list shows it. */
export interface ProjectSummary {
  key: string;
  project: Project;
  counts: ProjectCounts;
}

export interface CreateProjectInput {
  name: string;
  method: string;
  actor: string;
}

export interface Workspace {
  /** `folder` or `database`, for messages. */
  readonly kind: "folder" | "database";
  /** Where the projects live: the folder, or the database URL without its password. */
  readonly location: string;
  list(): Promise<ProjectSummary[]>;
  /** @throws HttpError `project_not_found` */
  open(key: string): Promise<OpenProject>;
  /** @throws HttpError `name_conflict` when a project of that name (or key) exists. */
  create(input: CreateProjectInput): Promise<OpenProject>;
  /** Renames a project; its key (and file) follow the new name. */
  rename(key: string, name: string, actor: string): Promise<OpenProject>;
  /** Removes a project: a study file is moved to `.trash/`, a database project is deleted. */
  remove(key: string): Promise<void>;
  /** Where another process opens this project's store: a file path or the database URL. */
  storeLocation(key: string): string;
  close(): Promise<void>;
}

/**
 * Turns a project name into its key: lower case ASCII letters, digits and single hyphens.
 * Names with no such character (all non-Latin) get `project`.
 */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug === "" ? "project" : slug;
}

/** The folder a workspace uses when none is given: `$QUIRE_HOME`, else `~/.quire`. */
export function defaultHome(): string {
  return process.env.QUIRE_HOME || join(homedir(), ".quire");
}

export interface WorkspaceOptions {
  /** The folder of study files (default `defaultHome()`). */
  home?: string;
  /** A PostgreSQL URL; when given, projects live there instead (default `$QUIRE_DATABASE_URL`). */
  databaseUrl?: string;
}

/** Opens the workspace the options (or the environment) describe. */
export function openWorkspace(options: WorkspaceOptions = {}): Workspace {
  const url = options.databaseUrl ?? process.env.QUIRE_DATABASE_URL;
  if (url) return new DatabaseWorkspace(url);
  return new FolderWorkspace(options.home ?? defaultHome());
}

const EXTENSION = ".quire";

/** Study files in a folder, one project each. */
export class FolderWorkspace implements Workspace {
  readonly kind = "folder";
  private readonly stores = new Map<string, Promise<Store>>();

  constructor(readonly location: string) {
    mkdirSync(location, { recursive: true });
  }

  storeLocation(key: string): string {
    return join(this.location, `${key}${EXTENSION}`);
  }

  async list(): Promise<ProjectSummary[]> {
    const keys = readdirSync(this.location)
      .filter((name) => name.endsWith(EXTENSION))
      .map((name) => name.slice(0, -EXTENSION.length))
      .sort();
    const summaries: ProjectSummary[] = [];
    for (const key of keys) {
      try {
        const { store, project } = await this.open(key);
        summaries.push({ key, project, counts: await projectCounts(store, project.id) });
      } catch (error) {
        // One unreadable file must not hide the others; it is reported and left where it is.
        console.warn(`skipping ${this.storeLocation(key)}: ${(error as Error).message}`);
      }
    }
    return summaries;
  }

  async open(key: string): Promise<OpenProject> {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(key) || !existsSync(this.storeLocation(key)))
      throw projectNotFound(key);
    const store = await this.store(key);
    return { key, store, project: await resolveProject(store) };
  }

  async create(input: CreateProjectInput): Promise<OpenProject> {
    const key = slugify(input.name);
    if (existsSync(this.storeLocation(key)))
      throw nameConflict(`a project with the key "${key}" already exists in this workspace`);
    const store = await this.store(key, true);
    try {
      const project = await createProject(store, input);
      return { key, store, project };
    } catch (error) {
      // A half-made file would block the name; it goes aside rather than away.
      await this.evict(key);
      this.moveFile(key, this.trashPath(key));
      throw error;
    }
  }

  async rename(key: string, name: string, actor: string): Promise<OpenProject> {
    const { store, project } = await this.open(key);
    const newKey = slugify(name);
    if (newKey !== key && existsSync(this.storeLocation(newKey)))
      throw nameConflict(`a project with the key "${newKey}" already exists in this workspace`);
    await renameProject(store, project, name, actor);
    if (newKey !== key) {
      await this.evict(key);
      this.moveFile(key, this.storeLocation(newKey));
    }
    return this.open(newKey);
  }

  async remove(key: string): Promise<void> {
    await this.open(key);
    await this.evict(key);
    this.moveFile(key, this.trashPath(key));
  }

  async close(): Promise<void> {
    const stores = [...this.stores.values()];
    this.stores.clear();
    for (const store of stores) await (await store).close();
  }

  private store(key: string, create = false): Promise<Store> {
    let store = this.stores.get(key);
    if (!store) {
      store = openStore(this.storeLocation(key), { create });
      // A failed open is not cached, so the next request tries again.
      store.catch(() => this.stores.delete(key));
      this.stores.set(key, store);
    }
    return store;
  }

  private async evict(key: string): Promise<void> {
    const store = this.stores.get(key);
    this.stores.delete(key);
    if (store) await (await store).close();
  }

  private trashPath(key: string): string {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return join(this.location, ".trash", `${key}-${stamp}${EXTENSION}`);
  }

  /** Moves a closed study file with any write-ahead log beside it. */
  private moveFile(key: string, target: string): void {
    mkdirSync(join(this.location, ".trash"), { recursive: true });
    for (const suffix of ["", "-wal", "-shm"]) {
      const from = this.storeLocation(key) + suffix;
      if (existsSync(from)) renameSync(from, target + suffix);
    }
  }
}

/** The projects of one PostgreSQL database, keyed by a slug of their names. */
export class DatabaseWorkspace implements Workspace {
  readonly kind = "database";
  private storePromise: Promise<Store> | null = null;

  constructor(private readonly url: string) {}

  get location(): string {
    return this.url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
  }

  storeLocation(): string {
    return this.url;
  }

  async list(): Promise<ProjectSummary[]> {
    const store = await this.store();
    const summaries: ProjectSummary[] = [];
    for (const project of await listProjects(store))
      summaries.push({
        key: slugify(project.name),
        project,
        counts: await projectCounts(store, project.id),
      });
    return summaries.sort((a, b) => a.key.localeCompare(b.key));
  }

  async open(key: string): Promise<OpenProject> {
    const store = await this.store();
    const project = (await listProjects(store)).find((each) => slugify(each.name) === key);
    if (!project) throw projectNotFound(key);
    return { key, store, project };
  }

  async create(input: CreateProjectInput): Promise<OpenProject> {
    const store = await this.store();
    const key = slugify(input.name);
    if ((await listProjects(store)).some((each) => slugify(each.name) === key))
      throw nameConflict(`a project with the key "${key}" already exists in this workspace`);
    const project = await createProject(store, input);
    return { key, store, project };
  }

  async rename(key: string, name: string, actor: string): Promise<OpenProject> {
    const { store, project } = await this.open(key);
    const newKey = slugify(name);
    if (newKey !== key && (await listProjects(store)).some((each) => slugify(each.name) === newKey))
      throw nameConflict(`a project with the key "${newKey}" already exists in this workspace`);
    if (name.trim() === "") throw invalidInput("a project needs a name");
    await renameProject(store, project, name, actor);
    return this.open(newKey);
  }

  async remove(key: string): Promise<void> {
    const { store, project } = await this.open(key);
    await deleteProjectData(store, project.id);
  }

  async close(): Promise<void> {
    const store = this.storePromise;
    this.storePromise = null;
    if (store) await (await store).close();
  }

  private store(): Promise<Store> {
    if (!this.storePromise) {
      this.storePromise = openStore(this.url);
      this.storePromise.catch(() => {
        this.storePromise = null;
      });
    }
    return this.storePromise;
  }
}
