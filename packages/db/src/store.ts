/**
 * Opening a store: a SQLite file (one portable study) or a PostgreSQL database (many projects for a
 * team). Pending migrations are applied on open, so a file from an older Quire opens in a newer one.
 */
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { QuireError } from "@quire/core";
import type { Kysely } from "kysely";
import type { Dialect, DialectKind } from "./dialects/dialect.js";
import { openSqlite } from "./dialects/sqlite.js";
import { DbError, withDbErrors, wrapDriverError } from "./errors.js";
import { migrate, validateMigrations } from "./migrations/migration.js";
import { postgresMigrations } from "./migrations/postgres.js";
import { sqliteMigrations } from "./migrations/sqlite.js";
import type { Database } from "./schema.js";

validateMigrations(sqliteMigrations);
validateMigrations(postgresMigrations);

export interface Store {
  readonly kind: DialectKind;
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where the store lives, for messages: a file path, or the URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Create the SQLite file if it does not exist (default false: a missing file is an error). */
  create?: boolean;
}

const SQLITE_MAGIC = "SQLite format 3\0";

/** Whether a location names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/**
 * Opens the store at `location` (a file path or a `postgres://` URL) and brings its schema up to date.
 * @throws QuireError `not_found` for a missing file (unless `create`), `invalid_input` for a file
 *   that is not a Quire project; DbError `connection` when PostgreSQL cannot be reached.
 */
export async function openStore(location: string, options: OpenOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) {
    // Loaded here, not at the top: a study file on SQLite (the default) never needs pg, which
    // costs every command some 15 MiB and its load time.
    const { openPostgres } = await import("./dialects/postgres.js");
    const { db, dialect, pool } = openPostgres(location);
    const store: Store = {
      kind: "postgres",
      db,
      dialect,
      location: redactPassword(location),
      close: () => db.destroy(),
    };
    try {
      await withDbErrors(() => migrate(db, postgresMigrations, dialect.runScript));
    } catch (error) {
      await pool.end().catch(() => {});
      const wrapped = wrapDriverError(error);
      throw new DbError(wrapped.kind, `cannot open ${store.location}: ${wrapped.message}`, {
        cause: error,
      });
    }
    return store;
  }
  checkSqliteFile(location, options.create ?? false);
  const { db, dialect } = openSqlite(location);
  await withDbErrors(() => migrate(db, sqliteMigrations, dialect.runScript));
  return { kind: "sqlite", db, dialect, location, close: () => db.destroy() };
}

function checkSqliteFile(path: string, create: boolean): void {
  if (!existsSync(path)) {
    if (create) return;
    throw new QuireError("not_found", `no project file at ${path} (create one with "quire init")`);
  }
  const head = Buffer.alloc(16);
  const fd = openSync(path, "r");
  const read = readSync(fd, head, 0, 16, 0);
  closeSync(fd);
  if (read > 0 && head.subarray(0, read).toString("latin1") !== SQLITE_MAGIC)
    throw new QuireError("invalid_input", `${path} is not a Quire project file`);
}

function redactPassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
