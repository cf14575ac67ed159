/**
 * The change recorder: every write a mutation makes goes through it, and it logs the row before
 * and after in `audit_changes`. Undo replays the inverse of that log; redo replays the inverse of
 * the undo. Rows are logged whole, so replay needs no knowledge of the tables' meaning.
 */
import type { Kysely } from "kysely";
import type { Dialect } from "../dialects/dialect.js";
import type { Database, RecordedTable } from "../schema.js";

export type Row = Record<string, unknown> & { id: string };

export type RowChange =
  | { table: RecordedTable; op: "insert"; row: Row }
  | {
      table: RecordedTable;
      op: "update";
      id: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    }
  | { table: RecordedTable; op: "delete"; row: Row }
  /** Rows bulk-inserted by an import, named by their `import_id` rather than logged one by one. */
  | { table: "import"; op: "batch"; importId: string };

/** Rows per chunk when logging or deleting many rows at once. */
const CHUNK = 500;

export class ChangeRecorder {
  private ord = 0;
  /** The same transaction, untyped: the recorder writes whichever table it is given. */
  // biome-ignore lint/suspicious/noExplicitAny: tables are chosen at run time
  private readonly loose: Kysely<any>;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    readonly eventSeq: number,
  ) {
    // biome-ignore lint/suspicious/noExplicitAny: see `loose`
    this.loose = db as Kysely<any>;
  }

  async insert<T extends RecordedTable>(table: T, row: Row): Promise<void> {
    await this.loose
      .insertInto(table as string)
      .values(row)
      .execute();
    await this.log([{ table, op: "insert", row }]);
  }

  /** Updates the named columns of one row; returns false when the row does not exist. */
  async update<T extends RecordedTable>(
    table: T,
    id: string,
    patch: Record<string, unknown>,
  ): Promise<boolean> {
    const current = await this.select(table, [id]);
    const row = current[0];
    if (!row) return false;
    const before: Record<string, unknown> = {};
    for (const key of Object.keys(patch)) before[key] = row[key];
    await this.loose
      .updateTable(table as string)
      .set(patch)
      .where("id", "=", id)
      .execute();
    await this.log([{ table, op: "update", id, before, after: patch }]);
    return true;
  }

  /** Deletes rows by id, logging each whole row first. Children must be deleted before parents. */
  async delete<T extends RecordedTable>(table: T, ids: readonly string[]): Promise<number> {
    let deleted = 0;
    for (let offset = 0; offset < ids.length; offset += CHUNK) {
      const chunk = ids.slice(offset, offset + CHUNK);
      const rows = await this.select(table, chunk);
      if (rows.length === 0) continue;
      await this.log(rows.map((row) => ({ table, op: "delete", row })));
      await this.loose
        .deleteFrom(table as string)
        .where(
          "id",
          "in",
          rows.map((row) => row.id),
        )
        .execute();
      deleted += rows.length;
    }
    return deleted;
  }

  /** Appends changes to this event's log, in order. */
  async log(changes: readonly RowChange[]): Promise<void> {
    const rows = changes.map((change) => [
      this.eventSeq,
      this.ord++,
      change.table,
      change.op,
      rowIdOf(change),
      JSON.stringify(payloadOf(change)),
    ]);
    await this.dialect.bulkInsert(this.db, "audit_changes", AUDIT_COLUMNS, rows);
  }

  private async select(table: RecordedTable, ids: readonly string[]): Promise<Row[]> {
    if (ids.length === 0) return [];
    const rows = (await this.loose
      .selectFrom(table as string)
      .selectAll()
      .where("id", "in", ids)
      .execute()) as Row[];
    const generated = GENERATED_COLUMNS[table];
    if (generated) for (const row of rows) for (const column of generated) delete row[column];
    return rows;
  }
}

/** Columns the database computes (PostgreSQL's tsvector); never logged, never written back. */
const GENERATED_COLUMNS: Partial<Record<RecordedTable, string[]>> = { sourceRevisions: ["tsv"] };

const AUDIT_COLUMNS = [
  { name: "event_seq", pgType: "integer" },
  { name: "ord", pgType: "integer" },
  { name: "table_name", pgType: "text" },
  { name: "op", pgType: "text" },
  { name: "row_id", pgType: "text" },
  { name: "data", pgType: "text" },
] as const;

function rowIdOf(change: RowChange): string | null {
  switch (change.op) {
    case "insert":
    case "delete":
      return change.row.id;
    case "update":
      return change.id;
    case "batch":
      return change.importId;
  }
}

function payloadOf(change: RowChange): unknown {
  switch (change.op) {
    case "insert":
    case "delete":
      return change.row;
    case "update":
      return { before: change.before, after: change.after };
    case "batch":
      return { importId: change.importId };
  }
}

/** Reads an event's logged changes back, in order, a chunk at a time. */
export async function* readChanges(
  db: Kysely<Database>,
  eventSeq: number,
  order: "forward" | "backward",
): AsyncGenerator<RowChange> {
  let cursor = order === "forward" ? -1 : 2_147_483_647;
  for (;;) {
    const rows = await db
      .selectFrom("auditChanges")
      .selectAll()
      .where("eventSeq", "=", eventSeq)
      .where("ord", order === "forward" ? ">" : "<", cursor)
      .orderBy("ord", order === "forward" ? "asc" : "desc")
      .limit(CHUNK)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      cursor = row.ord;
      yield toChange(row.tableName, row.op, row.rowId, row.data);
    }
  }
}

function toChange(table: string, op: string, rowId: string | null, data: string): RowChange {
  const payload = JSON.parse(data);
  switch (op) {
    case "insert":
      return { table: table as RecordedTable, op, row: payload };
    case "delete":
      return { table: table as RecordedTable, op, row: payload };
    case "update":
      return {
        table: table as RecordedTable,
        op,
        id: rowId ?? "",
        before: payload.before,
        after: payload.after,
      };
    case "batch":
      return { table: "import", op, importId: payload.importId };
    default:
      throw new Error(`unknown change "${op}" in the audit log`);
  }
}
