/**
 * Migrations: a study file written by an older Quire opens in this one, its data carried over;
 * a file from a newer Quire is refused rather than damaged.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "@quire/db";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openSqlite } from "../dialects/sqlite.js";
import { migrate, validateMigrations } from "./migration.js";
import { postgresMigrations } from "./postgres.js";
import { sqliteMigrations } from "./sqlite.js";

const dir = mkdtempSync(join(tmpdir(), "quire-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("migrations", () => {
  it("number both dialects alike, from 1 without gaps", () => {
    expect(() => validateMigrations(sqliteMigrations)).not.toThrow();
    expect(postgresMigrations.map((m) => [m.version, m.name])).toEqual(
      sqliteMigrations.map((m) => [m.version, m.name]),
    );
    expect(() => validateMigrations([{ version: 2, name: "x", sql: "" }])).toThrow(/expected 1/);
  });

  it("bring a file from the first schema up to date, keeping its codings in source order", async () => {
    const path = join(dir, "old.quire");
    const old = openSqlite(path);
    await migrate(old.db, sqliteMigrations.slice(0, 1), old.dialect.runScript);
    old.raw.exec(`
      INSERT INTO projects VALUES ('p', 'Old study', 'reflexive_ta', '{}', 1, '2024-01-01');
      INSERT INTO sources (id, project_id, kind, title, current_revision_id, position, created_at)
        VALUES ('s1', 'p', 'interview', 'P01', 'r1', 7, '2024-01-01');
      INSERT INTO source_revisions (id, source_id, project_id, number, text, created_at, created_by)
        VALUES ('r1', 's1', 'p', 1, 'It took years to get a diagnosis.', '2024-01-01', 'AS');
      INSERT INTO codes (id, project_id, name, color, origin, created_by, created_at)
        VALUES ('c1', 'p', 'Diagnosis', '#1b9e77', 'inductive', 'AS', '2024-01-01');
      INSERT INTO codings (id, project_id, source_id, code_id, revision_id, start_pos, end_pos, exact, prefix, suffix, status, score, coder, created_at)
        VALUES ('k1', 'p', 's1', 'c1', 'r1', 22, 31, 'diagnosis', 'It took years to get a ', '.', 'anchored', 1, 'AS', '2024-01-01');
    `);
    await old.db.destroy();

    const store = await openStore(path);
    const { rows } = await sql<{
      version: number;
    }>`SELECT max(version) AS version FROM quire_migrations`.execute(store.db);
    expect(Number(rows[0]?.version)).toBe(sqliteMigrations.length);
    const coding = await store.db.selectFrom("codings").selectAll().executeTakeFirstOrThrow();
    expect(coding.sourcePosition).toBe(7);
    const found = await store.db.selectFrom("sources").select("title").executeTakeFirstOrThrow();
    expect(found.title).toBe("P01");
    await store.close();
  });

  it("refuse a file written by a newer Quire", async () => {
    const path = join(dir, "newer.quire");
    const store = await openStore(path, { create: true });
    await sql`INSERT INTO quire_migrations (version, name, applied_at) VALUES (999, 'future', '')`.execute(
      store.db,
    );
    await store.close();
    await expect(openStore(path)).rejects.toThrow(/written by a newer Quire/);
  });
});
