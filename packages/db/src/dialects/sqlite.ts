/** The SQLite side: better-sqlite3 with WAL, foreign keys, FTS5, and prepared-statement bulk inserts. */
import type { SearchQuery } from "@quire/core";
import BetterSqlite3 from "better-sqlite3";
import { CamelCasePlugin, Kysely, SqliteDialect, sql } from "kysely";
import type { Database } from "../schema.js";
import type { BulkColumn, Dialect } from "./dialect.js";
import { toFts5 } from "./fts5-query.js";
import {
  CASE_COLUMNS,
  REVISION_COLUMNS,
  REVISION_TEXT,
  SOURCE_COLUMNS_WITH_SEQ,
  TURN_COLUMNS,
} from "./source-chunk.js";

export interface SqliteConnection {
  db: Kysely<Database>;
  dialect: Dialect;
  raw: BetterSqlite3.Database;
}

/**
 * Opens (or creates) a SQLite file with the settings Quire relies on: WAL so readers never block
 * the writer, foreign keys on, and a busy timeout so a second process waits instead of failing.
 */
export function openSqlite(path: string, options: { readonly?: boolean } = {}): SqliteConnection {
  const raw = new BetterSqlite3(path, { readonly: options.readonly ?? false });
  raw.pragma("journal_mode = WAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  // NORMAL is durable across application crashes in WAL mode; only power loss can drop the last commit.
  raw.pragma("synchronous = NORMAL");
  raw.pragma("cache_size = -65536");
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: raw }),
    plugins: [new CamelCasePlugin()],
  });
  return { db, raw, dialect: sqliteDialect(raw) };
}

/** Rows per multi-row INSERT, and the parameter limit of SQLite's default build (32,766). */
const ROWS_PER_STATEMENT = 64;
const MAX_PARAMETERS = 32_766;

function sqliteDialect(raw: BetterSqlite3.Database): Dialect {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = raw.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  const dialect: Dialect = {
    kind: "sqlite",
    async runScript(_db, script) {
      // better-sqlite3 runs on one connection, so exec here joins the caller's open transaction.
      raw.exec(script);
    },
    async bulkInsert(_db, table, columns: readonly BulkColumn[], rows) {
      // Whole groups of rows per statement: each call into SQLite costs about as much as the row
      // it carries, so a million codings go in as some 16 thousand statements rather than a
      // million. Triggers and constraints still act on each row.
      const names = columns.map((column) => column.name).join(", ");
      const marks = `(${columns.map(() => "?").join(", ")})`;
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      const group = Math.min(ROWS_PER_STATEMENT, perStatement);
      let at = 0;
      if (rows.length >= group) {
        const insert = prepared(
          `INSERT INTO ${table} (${names}) VALUES ${Array(group).fill(marks).join(", ")}`,
        );
        const values: unknown[] = new Array(group * columns.length);
        for (; at + group <= rows.length; at += group) {
          let slot = 0;
          for (let row = at; row < at + group; row++) {
            const cells = rows[row] as unknown[];
            for (let column = 0; column < columns.length; column++)
              values[slot++] = cells[column] ?? null;
          }
          insert.run(values);
        }
      }
      if (at === rows.length) return;
      const insert = prepared(`INSERT INTO ${table} (${names}) VALUES ${marks}`);
      for (; at < rows.length; at++) insert.run(rows[at]);
    },
    async selectRows(_db, query) {
      // Not cached: the text varies with the length of an IN list.
      return raw
        .prepare(query.sql)
        .raw(true)
        .all(...query.parameters) as unknown[][];
    },
    async insertSourceChunk(db, chunk) {
      // Fast path for imports. Revisions go in before their sources (foreign keys are checked at
      // commit), so the indexing trigger on revisions finds no source and stays idle; the texts
      // are then indexed directly under seqs given here, which saves two lookups per source.
      raw.pragma("defer_foreign_keys = ON");
      const next =
        Number(
          (prepared("SELECT coalesce(max(seq), 0) AS seq FROM sources").get() as { seq: number })
            .seq,
        ) + 1;
      await dialect.bulkInsert(db, "cases", CASE_COLUMNS, chunk.cases);
      await dialect.bulkInsert(db, "source_revisions", REVISION_COLUMNS, chunk.revisions);
      await dialect.bulkInsert(
        db,
        "sources",
        SOURCE_COLUMNS_WITH_SEQ,
        chunk.sources.map((row, index) => [next + index, ...row]),
      );
      const index = prepared("INSERT INTO source_fts (rowid, text) VALUES (?, ?)");
      for (const [offset, revision] of chunk.revisions.entries())
        index.run(next + offset, revision[REVISION_TEXT]);
      await dialect.bulkInsert(db, "turns", TURN_COLUMNS, chunk.turns);
    },
    async searchSources(db, projectId, query: SearchQuery, page) {
      const match = toFts5(query);
      const order = page.order === "rank" ? sql`f.rank` : sql`f.rowid`;
      // In a file holding one project (the usual study file) every match is the project's: asking
      // FTS5 alone lets it rank and cut the page without joining each match to its source.
      const rows = (await singleProject(db))
        ? await sql<{ seq: number }>`
            SELECT f.rowid AS seq FROM source_fts f WHERE source_fts MATCH ${match}
            ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db)
        : await sql<{ seq: number }>`
            SELECT s.seq FROM source_fts f JOIN sources s ON s.seq = f.rowid
            WHERE source_fts MATCH ${match} AND s.project_id = ${projectId}
            ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
      return rows.rows.map((row) => Number(row.seq));
    },
    async countMatches(db, projectId, query, cap) {
      const match = toFts5(query);
      const counted = (await singleProject(db))
        ? await sql<{ n: number }>`SELECT count(*) AS n FROM (
            SELECT 1 FROM source_fts WHERE source_fts MATCH ${match} LIMIT ${cap + 1})`.execute(db)
        : await sql<{ n: number }>`SELECT count(*) AS n FROM (
            SELECT 1 FROM source_fts f JOIN sources s ON s.seq = f.rowid
            WHERE source_fts MATCH ${match} AND s.project_id = ${projectId} LIMIT ${cap + 1})`.execute(
            db,
          );
      return Number(counted.rows[0]?.n ?? 0);
    },
    jsonText(column, key) {
      return sql<string | null>`json_extract(${sql.ref(column)}, ${jsonPath(key)})`;
    },
    forLargeWrite(db, work) {
      // Held for the whole of it, so that no other statement runs between the switch and the work.
      return db.connection().execute(async (connection) => {
        const left = await leaveWal(connection);
        try {
          return await work(connection);
        } finally {
          if (left) await backToWal(connection);
        }
      });
    },
  };
  return dialect;
}

/**
 * Switches a file to a rollback journal for one large transaction. WAL suits small transactions:
 * a large one is written to the log and then copied into the file again at the checkpoint, so a
 * gigabyte-sized import writes two gigabytes. Under a rollback journal the pages a load adds at the
 * end of the file are written once and need no journal at all (undoing them is truncating the
 * file); only the few pages that were there before are journaled. Leaving WAL needs the file to
 * itself: while another connection has it open, or a transaction is open, it stays in WAL, which
 * is only slower.
 * @returns whether the journal was switched.
 */
async function leaveWal(db: Kysely<Database>): Promise<boolean> {
  const busy = await pragmaValue(db, "busy_timeout");
  // Not waiting: a file in use is a reason to stay in WAL, not to stall the import.
  await sql.raw("PRAGMA busy_timeout = 0").execute(db);
  try {
    const { rows } = await sql<{ journalMode: string }>`PRAGMA journal_mode = DELETE`.execute(db);
    if (rows[0]?.journalMode !== "delete") return false;
    // NORMAL is safe against power loss under WAL only; a rollback journal needs FULL.
    await sql.raw("PRAGMA synchronous = FULL").execute(db);
    return true;
  } catch {
    return false;
  } finally {
    await sql.raw(`PRAGMA busy_timeout = ${busy}`).execute(db);
  }
}

async function backToWal(db: Kysely<Database>): Promise<void> {
  await sql.raw("PRAGMA synchronous = NORMAL").execute(db);
  try {
    await sql.raw("PRAGMA journal_mode = WAL").execute(db);
  } catch {
    // Another process opened the file meanwhile: it is left in rollback mode, which every
    // connection reads correctly, and the next one to open it alone (see openSqlite) returns it to WAL.
  }
}

async function pragmaValue(db: Kysely<Database>, name: string): Promise<number> {
  const { rows } = await sql<Record<string, number>>`
    SELECT * FROM ${sql.raw(`pragma_${name}()`)}`.execute(db);
  return Number(Object.values(rows[0] ?? {})[0]);
}

async function singleProject(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM projects`.execute(db);
  return Number(rows[0]?.n ?? 0) <= 1;
}

/** A JSON path naming one key, quoted so that any key (spaces, dots, quotes) is read literally. */
function jsonPath(key: string): string {
  return `$."${key.replaceAll('"', '\\"')}"`;
}
