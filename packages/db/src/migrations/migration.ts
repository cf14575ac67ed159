/** The shape of a numbered migration and the runner that applies pending ones on open. */
import { type Kysely, sql } from "kysely";
import type { Database } from "../schema.js";

export interface Migration {
  version: number;
  name: string;
  /** Statements separated by semicolons at line ends; run in order inside one transaction. */
  sql: string;
}

/**
 * Applies every migration newer than the database, each in its own transaction, recording it in
 * `quire_migrations`. A database from an older Quire opens; one from a newer Quire is refused.
 * @throws Error when the database is newer than this program.
 */
export async function migrate(
  db: Kysely<Database>,
  migrations: readonly Migration[],
  runScript: (trx: Kysely<Database>, script: string) => Promise<void>,
): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS quire_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`.execute(db);
  const { rows } = await sql<{ version: number | null }>`
    SELECT max(version) AS version FROM quire_migrations`.execute(db);
  const current = Number(rows[0]?.version ?? 0);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest)
    throw new Error(
      `this database was written by a newer Quire (schema ${current}; this program knows ${latest})`,
    );
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    await db.transaction().execute(async (trx) => {
      await runScript(trx, migration.sql);
      await sql`INSERT INTO quire_migrations (version, name, applied_at)
        VALUES (${migration.version}, ${migration.name}, ${new Date().toISOString()})`.execute(trx);
    });
  }
}

/** Checks that versions start at 1 and rise by exactly one, so no migration is skipped. */
export function validateMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new Error(
        `migration ${migration.name} has version ${migration.version}, expected ${index + 1}`,
      );
  });
}
