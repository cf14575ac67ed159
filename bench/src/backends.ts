/**
 * Fresh, throw-away stores for each measured run: a new SQLite file in a temp directory, or a new
 * PostgreSQL database `quire_bench_<random>` created through the admin URL and dropped afterwards,
 * so no run inherits another's tables, caches or bloat.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { openStore, type Store } from "@quire/db";
import pg from "pg";
import { progress } from "./measure.js";
import type { Backend } from "./options.js";

/** Stores not yet disposed, so an interrupted run can still drop its databases. */
const live = new Set<BenchStore>();

/** Disposes of every store still open (after Ctrl-C, say); errors are reported, not thrown. */
export async function disposeAll(): Promise<void> {
  for (const bench of [...live])
    await bench.dispose().catch((error: unknown) => console.error(error));
}

export interface BenchStore {
  store: Store;
  /** Where another process opens the same store: the file, or the URL with its password. */
  location: string;
  /**
   * Closes this process's connection and keeps the store for another process, as `quire init`
   * leaves a study for `quire import`: a SQLite file open here would keep an import there from
   * setting the file up for a large transaction.
   */
  release(): Promise<void>;
  /** Closes the store (unless released) and deletes its file or database. */
  dispose(): Promise<void>;
}

/** Closes a store the first time only: it may be released before it is disposed of. */
function closer(store: Store): () => Promise<void> {
  let closed: Promise<void> | null = null;
  return () => {
    closed ??= store.close();
    return closed;
  };
}

/** The PostgreSQL URL to create bench databases through, from the environment. */
export function adminUrl(): string | null {
  // An empty variable counts as unset, as shells and CI files often leave them.
  return process.env.QUIRE_BENCH_DATABASE_URL || process.env.QUIRE_TEST_DATABASE_URL || null;
}

/** Whether the server answers within a few seconds; the reason when it does not. */
export async function checkPostgres(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** QUIRE_BENCH_KEEP=1 keeps the last run's studies for profiling instead of deleting them. */
export const keepStores = () => process.env.QUIRE_BENCH_KEEP === "1";

export async function freshStore(backend: Backend, tempDir: string): Promise<BenchStore> {
  const name = `quire_bench_${randomBytes(5).toString("hex")}`;
  if (backend === "sqlite") {
    const path = join(tempDir, `${name}.quire`);
    const store = await openStore(path, { create: true });
    const close = closer(store);
    return track({
      store,
      location: path,
      release: close,
      async dispose() {
        live.delete(this);
        await close();
        if (keepStores()) return progress(`kept the study ${path}`);
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
      },
    });
  }
  const url = adminUrl();
  if (url === null)
    throw new Error("no PostgreSQL URL: set QUIRE_BENCH_DATABASE_URL or QUIRE_TEST_DATABASE_URL");
  await admin(url, (client) => client.query(`CREATE DATABASE ${name}`));
  const location = withDatabase(url, name);
  let store: Store;
  try {
    store = await openStore(location);
  } catch (error) {
    await dropDatabase(url, name);
    throw error;
  }
  const close = closer(store);
  return track({
    store,
    location,
    release: close,
    async dispose() {
      live.delete(this);
      await close();
      if (keepStores()) return progress(`kept the database ${name}`);
      await dropDatabase(url, name);
    },
  });
}

function track(bench: BenchStore): BenchStore {
  live.add(bench);
  return bench;
}

/**
 * Drops a bench database. FORCE ends our own stray sessions, but a role without superuser rights
 * may not end an autovacuum worker analysing the freshly loaded tables; a plain DROP asks such
 * workers to stop, so it is tried a few times before the database is reported as left behind.
 */
async function dropDatabase(url: string, name: string): Promise<void> {
  try {
    await admin(url, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    return;
  } catch {
    for (let attempt = 0; attempt < 10; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      try {
        await admin(url, (client) => client.query(`DROP DATABASE IF EXISTS ${name}`));
        return;
      } catch {}
    }
  }
  progress(`could not drop the bench database ${name}: drop it by hand`);
}
