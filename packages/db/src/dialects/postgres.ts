/** The PostgreSQL side: a pg pool, tsvector search, and array-unnest bulk inserts. */
import type { SearchQuery } from "@quire/core";
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { Database } from "../schema.js";
import type { BulkColumn, Dialect } from "./dialect.js";
import { CASE_COLUMNS, REVISION_COLUMNS, SOURCE_COLUMNS, TURN_COLUMNS } from "./source-chunk.js";
import { toTsquery } from "./tsquery.js";

// Integers counted by the database (count(*), sums) arrive as strings; they fit in a double here.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface PostgresConnection {
  db: Kysely<Database>;
  dialect: Dialect;
  pool: pg.Pool;
}

export function openPostgres(url: string): PostgresConnection {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  return { db, pool, dialect: postgresDialect };
}

/** Rows per INSERT … SELECT unnest(…): large enough to amortise a round trip, small enough for memory. */
const BULK_CHUNK = 5_000;

const postgresDialect: Dialect = {
  kind: "postgres",
  async runScript(db, script) {
    // With no parameters pg uses the simple query protocol, which accepts many statements.
    await sql.raw(script).execute(db);
  },
  async bulkInsert(db, table, columns: readonly BulkColumn[], rows) {
    for (let offset = 0; offset < rows.length; offset += BULK_CHUNK) {
      const chunk = rows.slice(offset, offset + BULK_CHUNK);
      const arrays = columns.map((_, index) => chunk.map((row) => row[index] ?? null));
      const names = sql.raw(columns.map((column) => column.name).join(", "));
      const unnest = sql.join(
        columns.map((column, index) => sql`${arrays[index]}::${sql.raw(column.pgType)}[]`),
      );
      await sql`INSERT INTO ${sql.raw(table)} (${names}) SELECT * FROM unnest(${unnest})`.execute(
        db,
      );
    }
  },
  async selectRows(db, query) {
    // pg reads a query config in place of the text; array row mode skips the object per row, and
    // without plugins no camelCase copy is made.
    const config = { text: query.sql, rowMode: "array" } as unknown as string;
    const result = await db.withoutPlugins().executeQuery<unknown[]>({ ...query, sql: config });
    return result.rows;
  },
  async insertSourceChunk(db, chunk) {
    // The generated tsvector column indexes each revision as it is written.
    await postgresDialect.bulkInsert(db, "cases", CASE_COLUMNS, chunk.cases);
    await postgresDialect.bulkInsert(db, "sources", SOURCE_COLUMNS, chunk.sources);
    await postgresDialect.bulkInsert(db, "source_revisions", REVISION_COLUMNS, chunk.revisions);
    await postgresDialect.bulkInsert(db, "turns", TURN_COLUMNS, chunk.turns);
  },
  async searchSources(db, projectId, query: SearchQuery, page) {
    const tsquery = sql`to_tsquery('quire_simple', ${toTsquery(query)})`;
    // The two orders want different plans, and the join's wording steers the planner. Ranking
    // needs every match, best found by a hash join on the source's key. Collection order is asked
    // for when matches are many, and then walking sources in order and stopping at the page's end
    // is quickest: joining on the current revision alone lets the planner choose that walk.
    const { rows } =
      page.order === "rank"
        ? await sql<{ seq: number }>`
            SELECT s.seq FROM sources s
            JOIN source_revisions r ON r.source_id = s.id AND r.id = s.current_revision_id
            WHERE s.project_id = ${projectId} AND r.tsv @@ ${tsquery}
            ORDER BY ts_rank(r.tsv, ${tsquery}) DESC, s.seq
            LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db)
        : await sql<{ seq: number }>`
            SELECT s.seq FROM sources s JOIN source_revisions r ON r.id = s.current_revision_id
            WHERE s.project_id = ${projectId} AND r.tsv @@ ${tsquery}
            ORDER BY s.seq LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
    return rows.map((row) => Number(row.seq));
  },
  async countMatches(db, projectId, query, cap) {
    const tsquery = sql`to_tsquery('quire_simple', ${toTsquery(query)})`;
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (
      SELECT 1 FROM sources s JOIN source_revisions r ON r.source_id = s.id AND r.id = s.current_revision_id
      WHERE s.project_id = ${projectId} AND r.tsv @@ ${tsquery} LIMIT ${cap + 1}) AS matches`.execute(
      db,
    );
    return Number(rows[0]?.n ?? 0);
  },
  jsonText(column, key) {
    return sql<string | null>`(${sql.ref(column)}::jsonb ->> ${key})`;
  },
  // The server's write-ahead log suits transactions of any size.
  forLargeWrite: (db, work) => work(db),
};
