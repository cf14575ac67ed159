/**
 * What differs between SQLite and PostgreSQL, in one interface. Everything else — the schema, the
 * repositories, the audit log — is shared code written once against Kysely.
 */
import type { SearchQuery } from "@quire/core";
import type { CompiledQuery, Kysely, RawBuilder } from "kysely";
import type { Database } from "../schema.js";
import type { SourceChunk } from "./source-chunk.js";

export type DialectKind = "sqlite" | "postgres";

/** A column of a bulk insert: its snake_case name and its PostgreSQL array element type. */
export interface BulkColumn {
  name: string;
  pgType: "text" | "integer" | "double precision";
}

export interface Dialect {
  readonly kind: DialectKind;
  /** Runs a multi-statement script (a migration) on the given connection or transaction. */
  runScript(db: Kysely<Database>, script: string): Promise<void>;
  /** Inserts many rows fast; rows are arrays in the order of `columns`. */
  bulkInsert(
    db: Kysely<Database>,
    table: string,
    columns: readonly BulkColumn[],
    rows: readonly unknown[][],
  ): Promise<void>;
  /**
   * Runs a read query and returns its rows as arrays of column values in select order, without an
   * object (or a camelCase copy of one) per row: for reads of a million rows, such as an export.
   */
  selectRows(db: Kysely<Database>, query: CompiledQuery): Promise<unknown[][]>;
  /**
   * Writes a chunk of imported cases, sources, first revisions and turns, indexing the texts for
   * search. Rows within the chunk refer to each other; the chunk is complete when this returns.
   */
  insertSourceChunk(db: Kysely<Database>, chunk: SourceChunk): Promise<void>;
  /**
   * The seqs of a project's sources whose current text matches `query`, a page at a time: by
   * relevance (`rank`) or in the order the sources were collected (`collection`).
   */
  searchSources(
    db: Kysely<Database>,
    projectId: string,
    query: SearchQuery,
    page: { limit: number; offset: number; order: "rank" | "collection" },
  ): Promise<number[]>;
  /** How many sources match, counting no further than `cap + 1` (an exact count can be slow). */
  countMatches(
    db: Kysely<Database>,
    projectId: string,
    query: SearchQuery,
    cap: number,
  ): Promise<number>;
  /** The text value of `key` in a JSON text column, as SQL. */
  jsonText(column: string, key: string): RawBuilder<string | null>;
  /**
   * Runs `work` on a connection of its own, set up for a transaction that writes hundreds of
   * megabytes (a large import), and puts the usual settings back afterwards.
   */
  forLargeWrite<T>(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
}
