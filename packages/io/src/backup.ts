/**
 * Whole-project backups as JSON lines, the same on SQLite and PostgreSQL: a header line, then one
 * line per row of every table that belongs to the project — the audit log included, so history,
 * undo and the codings' provenance survive. Everything is read inside one transaction, so the copy
 * is consistent even while others write. A backup is restored into a new study (a new SQLite
 * file or an empty PostgreSQL database), from either backend into either backend.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { type Project, QuireError } from "@quire/core";
import type { Store } from "@quire/db";
import { sql } from "kysely";

/** Tables in restore order (parents before children). Later tables may be absent in older stores. */
const TABLES = [
  "projects",
  "attributes",
  "cases",
  "sources",
  "source_revisions",
  "turns",
  "codes",
  "codings",
  "memos",
  "users",
  "sets",
  "set_members",
  "exchange_data",
  "themes",
  "theme_codes",
  "map_nodes",
  "map_edges",
  "map_snapshots",
  "phase_log",
  "frameworks",
  "framework_versions",
  "framework_categories",
  "framework_codes",
  "chart_cells",
  "stc_themes",
  "stc_code_groups",
  "stc_subgroups",
  "stc_meaning_units",
  "stc_condensates",
  "stc_quotes",
  "stc_analytic_texts",
  "stc_reading_checks",
  "audit_events",
  "audit_changes",
] as const;

export const BACKUP_FORMAT = "quire-backup";
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  project: { id: string; name: string };
  canonicalTextVersion: number;
  createdAt: string;
  counts: Record<string, number>;
}

const PAGE = 1_000;

// biome-ignore lint/suspicious/noExplicitAny: tables are named at run time; rows are copied as they are.
type AnyDb = any;

async function tableExists(db: AnyDb, table: string): Promise<boolean> {
  try {
    await sql`select 1 from ${sql.table(table)} where 1 = 0`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a backup of one project to `path`.
 * @throws Error from the file system or the database.
 */
export async function writeBackup(
  store: Store,
  project: Project,
  path: string,
  onProgress?: (rows: number) => void,
): Promise<Record<string, number>> {
  const file = createWriteStream(path);
  const write = async (line: string) => {
    if (!file.write(`${line}\n`)) await once(file, "drain");
  };
  const counts: Record<string, number> = {};
  let total = 0;
  await store.db.transaction().execute(async (trx) => {
    const db = trx as AnyDb;
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      project: { id: project.id, name: project.name },
      canonicalTextVersion: project.canonicalTextVersion,
      createdAt: new Date().toISOString(),
      counts,
    };
    await write(JSON.stringify(header));
    for (const table of TABLES) {
      if (!(await tableExists(db, table))) continue;
      counts[table] = 0;
      for (let offset = 0; ; offset += PAGE) {
        let query = db.selectFrom(table).selectAll();
        if (table === "audit_changes")
          query = query
            .where(
              "eventSeq",
              "in",
              db.selectFrom("auditEvents").select("seq").where("projectId", "=", project.id),
            )
            .orderBy("eventSeq")
            .orderBy("ord");
        else if (table === "projects") query = query.where("id", "=", project.id).orderBy("id");
        else if (table === "audit_events")
          query = query.where("projectId", "=", project.id).orderBy("seq");
        else query = query.where("projectId", "=", project.id).orderBy("id");
        const rows: Record<string, unknown>[] = await query.limit(PAGE).offset(offset).execute();
        for (const row of rows) await write(JSON.stringify({ t: table, r: row }));
        counts[table] += rows.length;
        total += rows.length;
        onProgress?.(total);
        if (rows.length < PAGE) break;
      }
    }
  });
  file.end();
  await once(file, "finish");
  return counts;
}

/**
 * Restores a backup into `store`, which must not hold the project already.
 * @throws QuireError `invalid_input` for a file that is not a Quire backup (naming the line),
 *   `conflict` when the project is there already; the restore is one transaction.
 */
export async function restoreBackup(
  store: Store,
  path: string,
  onProgress?: (rows: number) => void,
): Promise<{ project: { id: string; name: string }; counts: Record<string, number> }> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let header: BackupHeader | null = null;
  let lineNumber = 0;
  const counts: Record<string, number> = {};
  const seqs = new Map<number, number>();
  const codes: Record<string, unknown>[] = [];
  let done = 0;
  const fail = (detail: string): never => {
    throw new QuireError("invalid_input", `${path} line ${lineNumber}: ${detail}`);
  };
  await store.db.transaction().execute(async (trx) => {
    const db = trx as AnyDb;
    const insert = async (table: string, row: Record<string, unknown>) => {
      await db.insertInto(table).values(row).execute();
      counts[table] = (counts[table] ?? 0) + 1;
      if (++done % PAGE === 0) onProgress?.(done);
    };
    const flushCodes = async () => {
      // Parents before children: the parent_id foreign key checks each insert.
      const placed = new Set<unknown>();
      let pending = codes.splice(0);
      while (pending.length > 0) {
        const ready = pending.filter((row) => row.parentId === null || placed.has(row.parentId));
        if (ready.length === 0) fail("codes refer to parents missing from the backup");
        for (const row of ready) {
          await insert("codes", row);
          placed.add(row.id);
        }
        pending = pending.filter((row) => !ready.includes(row));
      }
    };
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === "") continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        fail("not a line of a Quire backup (invalid JSON)");
      }
      if (!header) {
        const candidate = parsed as Partial<BackupHeader>;
        if (candidate?.format !== BACKUP_FORMAT) fail("not a Quire backup (no backup header)");
        if ((candidate.version ?? 0) > BACKUP_VERSION)
          fail(`backup version ${candidate.version} is newer than this Quire reads`);
        header = candidate as BackupHeader;
        const existing = await db
          .selectFrom("projects")
          .select("id")
          .where("id", "=", header.project.id)
          .executeTakeFirst();
        if (existing)
          throw new QuireError(
            "conflict",
            `project "${header.project.name}" is already in ${store.location}; restore into a new study`,
          );
        continue;
      }
      const { t: table, r: row } = parsed as { t?: string; r?: Record<string, unknown> };
      if (!table || !row || !(TABLES as readonly string[]).includes(table))
        fail(`unknown table "${String(table)}"`);
      const values = { ...(row as Record<string, unknown>) };
      if (table !== "codes" && codes.length > 0) await flushCodes();
      if (table === "codes") codes.push(values);
      else if (table === "sources") {
        // seq is the store's own join key; the target numbers its rows itself.
        delete values.seq;
        await insert(table, values);
      } else if (table === "audit_events") {
        const old = Number(values.seq);
        delete values.seq;
        if (values.targetSeq !== null && values.targetSeq !== undefined)
          values.targetSeq = seqs.get(Number(values.targetSeq)) ?? null;
        const created = await db
          .insertInto("auditEvents")
          .values(values)
          .returning("seq")
          .executeTakeFirstOrThrow();
        seqs.set(old, Number(created.seq));
        counts[table] = (counts[table] ?? 0) + 1;
      } else if (table === "audit_changes") {
        const mapped = seqs.get(Number(values.eventSeq));
        if (mapped === undefined)
          fail("an audit change refers to an event missing from the backup");
        values.eventSeq = mapped;
        await insert(table, values);
      } else await insert(table as string, values);
    }
    if (codes.length > 0) await flushCodes();
    if (!header) throw new QuireError("invalid_input", `${path}: empty file, not a Quire backup`);
  });
  onProgress?.(done);
  return { project: (header as unknown as BackupHeader).project, counts };
}
