/**
 * A large mutation on SQLite runs under a rollback journal and gives the file back in WAL, whether
 * it commits or fails; with the file open elsewhere it stays in WAL and still works.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createProject, mutate, openStore, type Store } from "../index.js";

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "quire-large-"));
  store = await openStore(join(dir, "study.quire"), { create: true });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function settings(through: Store) {
  const { rows } = await sql<{ journal: string; synchronous: number; busy: number }>`
    SELECT (SELECT journal_mode FROM pragma_journal_mode()) AS journal,
           (SELECT synchronous FROM pragma_synchronous()) AS synchronous,
           (SELECT timeout FROM pragma_busy_timeout()) AS busy`.execute(through.db);
  return rows[0];
}

const usual = { journal: "wal", synchronous: 1, busy: 5000 };

describe("a large mutation on SQLite", () => {
  it("runs under a fully synced rollback journal and commits, then the file is in WAL again", async () => {
    const project = await createProject(store, { name: "Big", method: "framework", actor: "AS" });
    expect(await settings(store)).toEqual(usual);
    let during: Awaited<ReturnType<typeof settings>>;
    await mutate(
      store,
      { projectId: project.id, actor: "AS", action: "project.rename", large: true },
      async (m) => {
        during = await settings(m.store);
        await m.db.updateTable("projects").set({ name: "Bigger" }).execute();
        m.summary = "renamed";
      },
    );
    expect(during).toEqual({ journal: "delete", synchronous: 2, busy: 5000 });
    expect(await settings(store)).toEqual(usual);
    const { rows } = await sql<{ name: string }>`SELECT name FROM projects`.execute(store.db);
    expect(rows.map((row) => row.name)).toEqual(["Bigger"]);
  });

  it("rolls back a failure completely and leaves no journal behind", async () => {
    const project = await createProject(store, { name: "Big", method: "framework", actor: "AS" });
    await expect(
      mutate(
        store,
        { projectId: project.id, actor: "AS", action: "project.rename", large: true },
        async (m) => {
          await m.db.updateTable("projects").set({ name: "Lost" }).execute();
          throw new Error("the file broke here");
        },
      ),
    ).rejects.toThrow(/broke here/);
    expect(await settings(store)).toEqual(usual);
    const { rows } = await sql<{ name: string; events: number }>`
      SELECT name, (SELECT count(*) FROM audit_events) AS events FROM projects`.execute(store.db);
    expect(rows).toEqual([{ name: "Big", events: 1 }]);
    expect(readdirSync(dir).filter((name) => name.endsWith("-journal"))).toEqual([]);
  });

  it("stays in WAL while another connection has the file open", async () => {
    const project = await createProject(store, { name: "Big", method: "framework", actor: "AS" });
    const other = new BetterSqlite3(join(dir, "study.quire"), { readonly: true });
    try {
      expect(other.prepare("SELECT count(*) AS n FROM projects").get()).toEqual({ n: 1 });
      let during: Awaited<ReturnType<typeof settings>>;
      await mutate(
        store,
        { projectId: project.id, actor: "AS", action: "project.rename", large: true },
        async (m) => {
          during = await settings(m.store);
          await m.db.updateTable("projects").set({ name: "Bigger" }).execute();
          m.summary = "renamed";
        },
      );
      expect(during).toEqual(usual);
      expect(other.prepare("SELECT name FROM projects").get()).toEqual({ name: "Bigger" });
    } finally {
      other.close();
    }
    expect(await settings(store)).toEqual(usual);
  });
});
