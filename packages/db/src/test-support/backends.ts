/**
 * The backends every conformance test runs on: a SQLite file in a temporary folder, and a fresh
 * PostgreSQL database when `QUIRE_TEST_DATABASE_URL` names a server. Without one the PostgreSQL
 * tests skip with a printed reason — except under CI, where a missing server is a failure.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { dropTestDatabase } from "../../../../test-support/postgres.js";
import { openStore, type Store } from "../index.js";

export interface Backend {
  name: "sqlite" | "postgres";
  /** Opens a fresh, empty store. */
  open(): Promise<Store>;
  /** Removes every store this backend opened. */
  cleanup(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const dirs: string[] = [];
  const stores: Store[] = [];
  return {
    name: "sqlite",
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "quire-test-"));
      dirs.push(dir);
      const store = await openStore(join(dir, "study.quire"), { create: true });
      stores.push(store);
      return store;
    },
    async cleanup() {
      for (const store of stores) await store.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(adminUrl: string): Backend {
  const databases: string[] = [];
  const stores: Store[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: "postgres",
    async open() {
      const name = `quire_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      databases.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const store = await openStore(url.toString());
      stores.push(store);
      return store;
    },
    async cleanup() {
      for (const store of stores) await store.close();
      for (const name of databases) await dropTestDatabase(adminUrl, name);
    },
  };
}

/** The backends available here; prints why PostgreSQL is skipped, and refuses to skip it under CI. */
export function availableBackends(): Backend[] {
  const url = process.env.QUIRE_TEST_DATABASE_URL;
  if (url) return [sqliteBackend(), postgresBackend(url)];
  if (process.env.CI === "true")
    throw new Error(
      "QUIRE_TEST_DATABASE_URL is not set: under CI the PostgreSQL conformance tests must run",
    );
  console.warn(
    "skipping PostgreSQL conformance tests: set QUIRE_TEST_DATABASE_URL=postgres://… to run them",
  );
  return [sqliteBackend()];
}
