/**
 * Writing an exchange bundle (a REFI-QDA project) into a project, inside the caller's mutation.
 * Codes merge by path and cases by name with what the project has; users by name. Sources, their
 * codings and the exchange rows are bulk-inserted and logged as one batch (undo removes them by
 * import id); codes, memos, attributes and the project's settings go through the recorder. GUIDs
 * are kept as ids; a GUID already taken elsewhere in the store gets a new id, and the file's GUID is
 * remembered so a re-export names the object as the file did.
 */
import { hash } from "node:crypto";
import type { BundleCoding, BundlePart, BundleValue } from "@quire/core";
import {
  type AttributeType,
  type AttributeValue,
  canonicalText,
  codePaths,
  describeRange,
  GuidMap,
  newId,
  paletteColor,
  QuireError,
  type RevisionId,
} from "@quire/core";
import { sql } from "kysely";
import type { Mutation } from "../audit/mutation.js";
import type { BulkColumn } from "../dialects/dialect.js";
import type { Database } from "../schema.js";
import { type SuspendedUpkeep, suspendCodingUpkeep } from "./bulk-load.js";
import { defineAttribute } from "./cases.js";
import { parseJson } from "./rows.js";
import { nextPosition } from "./sources.js";

export interface BundleImportOptions {
  /** Source kind for imported text sources (default `interview`). */
  kind?: string;
  onSource?: (done: number) => void;
}

export interface BundleImportResult {
  importId: string;
  users: number;
  codes: number;
  codesMerged: number;
  attributes: number;
  cases: number;
  casesMerged: number;
  sources: number;
  codings: number;
  memos: number;
  sets: number;
  warnings: string[];
  skipped: string[];
  conflicts: string[];
}

/** A GUID derived from a name by SHA-1 (RFC 4122 version-5 shape); must match `@quire/formats`. */
export function derivedGuid(name: string): string {
  // From the hex digest directly (an export computes one per coding): the version nibble becomes
  // 5, and the variant nibble keeps its two low bits under 0b10.
  const hex = hash("sha1", name, "hex");
  const variant = VARIANT[hex.charCodeAt(16)] as string;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The variant nibble (8, 9, a or b) for each lower-case hex digit's character code. */
const VARIANT: string[] = [];
for (const digit of "0123456789abcdef")
  VARIANT[digit.charCodeAt(0)] = "89ab"[Number.parseInt(digit, 16) & 3] as string;

/** Whether an id is a lower-case UUID (as `UUID` tests), by a loop: one runs per coding. */
function isUuid(value: string): boolean {
  if (value.length !== 36) return false;
  for (let at = 0; at < 36; at++) {
    const c = value.charCodeAt(at);
    if (at === 8 || at === 13 || at === 18 || at === 23) {
      if (c !== 0x2d) return false;
    } else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/**
 * A batch of sources is written once it holds this many sources, characters of text or codings.
 * Large enough that a batch's lookups cost little beside its rows; small enough that what waits
 * for the batch, here and on a reading thread that parses ahead of it, stays a few megabytes: with
 * the thread reading ahead, batches of 20,000 codings took the M import's peak RSS to 490 MiB,
 * batches of 5,000 to 410 MiB, and were no faster.
 */
const FLUSH_SOURCES = 500;
const FLUSH_CHARS = 16 * 1024 * 1024;
const FLUSH_CODINGS = 5_000;

/** Stands for "the GUID itself" in GUID → id maps, so that they need not keep the string. */
const SAME_ID = "";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const SOURCE_COLUMNS = columns(
  "id project_id kind title metadata case_id current_revision_id position:i import_id created_at",
);
const REVISION_COLUMNS = columns("id source_id project_id number:i text created_at created_by");
const CODING_COLUMNS = columns(
  "id project_id source_id code_id revision_id source_position:i start_pos:i end_pos:i exact prefix suffix status score:f coder memo created_at case_id",
);
const CASE_COLUMNS = columns("id project_id name kind attributes import_id created_at");
const USER_COLUMNS = columns("id project_id name import_id");
const SET_COLUMNS = columns("id project_id name description kind import_id");
const MEMBER_COLUMNS = columns("id project_id set_id member_type member_id position:i import_id");
const EXCHANGE_COLUMNS = columns("id project_id kind data import_id");

function columns(spec: string): BulkColumn[] {
  return spec.split(" ").map((item) => {
    const [name, type] = item.split(":");
    return {
      name: name as string,
      pgType: type === "i" ? "integer" : type === "f" ? "double precision" : "text",
    };
  });
}

type SourcePart = Extract<BundlePart, { type: "source" }>["source"];
type CasePart = Extract<BundlePart, { type: "case" }>["case"];
const VARIABLE_TYPES: Record<string, AttributeType> = {
  Text: "text",
  Boolean: "boolean",
  Integer: "number",
  Float: "number",
  Date: "date",
  DateTime: "text",
};

/**
 * Writes a bundle's parts into the mutation's project.
 * @throws QuireError for parts out of order; DbError for storage failures (the mutation rolls back).
 */
export async function writeBundle(
  m: Mutation,
  parts: AsyncIterable<BundlePart> | Iterable<BundlePart>,
  options: BundleImportOptions = {},
): Promise<BundleImportResult> {
  return new BundleWriter(m, options).run(parts);
}

class BundleWriter {
  private readonly importId = newId<"import">();
  private readonly now = new Date().toISOString();
  private readonly result: BundleImportResult;
  private readonly warnings = new Map<string, number>();
  private readonly skipped = new Map<string, number>();
  /** File GUID → Quire id, per kind. */
  private readonly users = new Map<string, { id: string; name: string }>();
  private readonly codes = new Map<string, string>();
  private readonly variables = new Map<string, { name: string; type: AttributeType } | null>();
  /** Source GUID → its case's id; a project of short responses has a case per source. */
  private readonly sourceCase = new GuidMap<string>();
  /** Source GUID → id, or SAME_ID for a source stored under its own GUID (nearly all). */
  private readonly sources = new GuidMap<string>();
  /** Note GUID → what it is about, from the NoteRefs seen so far. */
  private readonly noteTargets = new Map<string, { type: string; id: string | null }>();
  private readonly notes = new Map<string, string>();
  private codePathById = new Map<string, string>();
  private existingCodes = new Map<string, string>();
  private existingCodeIds = new Set<string>();
  private position = 0;
  private exchange: unknown[][] = [];
  /** The queued exchange rows by id, for merging more into one. */
  private readonly exchangeById = new Map<string, unknown[]>();
  private settings: Record<string, unknown> = {};
  private refi: Record<string, unknown> = {};

  constructor(
    private readonly m: Mutation,
    private readonly options: BundleImportOptions,
  ) {
    this.result = {
      importId: this.importId,
      users: 0,
      codes: 0,
      codesMerged: 0,
      attributes: 0,
      cases: 0,
      casesMerged: 0,
      sources: 0,
      codings: 0,
      memos: 0,
      sets: 0,
      warnings: [],
      skipped: [],
      conflicts: [],
    };
  }

  async run(parts: AsyncIterable<BundlePart> | Iterable<BundlePart>) {
    try {
      return await this.write(parts);
    } catch (error) {
      // A batch still being written must end before the error reaches the transaction, whose
      // rollback would otherwise come between that batch's statements.
      await this.inFlight?.catch(() => {});
      this.inFlight = null;
      throw error;
    }
  }

  private async write(parts: AsyncIterable<BundlePart> | Iterable<BundlePart>) {
    const m = this.m;
    this.position = await nextPosition(m);
    await this.loadCodes();
    const userRows = await m.db
      .selectFrom("users")
      .select(["id", "name"])
      .where("projectId", "=", m.projectId)
      .execute();
    const usersByName = new Map(userRows.map((row) => [row.name, row.id]));
    this.upkeep = await suspendCodingUpkeep(m);
    for await (const part of parts) {
      if (part.type !== "source") await this.settle();
      if (part.type !== "case") await this.flushCases();
      if (part.type !== "source") await this.flushSources();
      switch (part.type) {
        case "project": {
          const project = await m.db
            .selectFrom("projects")
            .select("settings")
            .where("id", "=", m.projectId)
            .executeTakeFirstOrThrow();
          this.settings = parseJson<Record<string, unknown>>(project.settings, {});
          const existing = this.settings.refi as Record<string, unknown> | undefined;
          this.refi = existing ?? {
            ...(part.project.creatingUserGuid
              ? { creatingUserGuid: part.project.creatingUserGuid }
              : {}),
            ...(part.project.creationDateTime
              ? { creationDateTime: part.project.creationDateTime }
              : {}),
            ...(part.project.origin ? { importedFrom: part.project.origin } : {}),
          };
          break;
        }
        case "user":
          await this.user(part.user, usersByName);
          break;
        case "code":
          await this.code(part.code);
          break;
        case "variable":
          await this.variable(part.variable);
          break;
        case "case":
          await this.case(part.case);
          break;
        case "source":
          this.pendingSources.push(part.source);
          this.pendingChars += part.source.text.length;
          for (const selection of part.source.selections)
            this.pendingCodings += selection.codings.length;
          // Bounded by codings as well as texts: a page of coded transcripts holds many thousands.
          if (
            this.pendingSources.length >= FLUSH_SOURCES ||
            this.pendingChars >= FLUSH_CHARS ||
            this.pendingCodings >= FLUSH_CODINGS
          )
            await this.flushSources();
          break;
        case "note":
          await this.note(part.note);
          break;
        case "set":
          await this.set(part.set);
          break;
        case "end":
          if (part.end.description !== null && this.refi.description === undefined)
            this.refi.description = part.end.description;
          for (const ref of part.end.noteRefs) this.target(ref, "project", null);
          break;
      }
    }
    await this.flushCases();
    await this.flushSources();
    await this.settle();
    await this.flushExchange();
    await this.flushCodings();
    await this.upkeep?.restore();
    // Logged last so that undo, which replays backwards, removes the batch (codings included)
    // before the codes it logged one by one: deleting a code first would cascade to codings unlogged.
    await m.record.log([{ table: "import", op: "batch", importId: this.importId }]);
    if (Object.keys(this.refi).length > 0 && this.settings.refi === undefined)
      await m.record.update("projects", m.projectId, {
        settings: JSON.stringify({ ...this.settings, refi: this.refi }),
      });
    this.result.warnings = lines(this.warnings);
    this.result.skipped = lines(this.skipped);
    return this.result;
  }

  private warn(message: string): void {
    this.warnings.set(message, (this.warnings.get(message) ?? 0) + 1);
  }

  private skip(message: string): void {
    this.skipped.set(message, (this.skipped.get(message) ?? 0) + 1);
  }

  private conflict(message: string): void {
    this.result.conflicts.push(message);
  }

  /** Ids of `table` among `ids` that some row (in any project) already uses. */
  private async taken(table: keyof Database, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    // The whole list as one parameter: a batch of sources asks about thousands of codings at once,
    // and a statement with a placeholder each cost more to build than to run.
    const among =
      this.m.dialect.kind === "sqlite"
        ? sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`
        : sql`(SELECT unnest(${ids}::text[]))`;
    const rows = await this.m.dialect.selectRows(
      this.m.db,
      sql`SELECT id FROM ${sql.table(table)} WHERE id IN ${among}`.compile(this.m.db),
    );
    return new Set(rows.map((row) => row[0] as string));
  }

  /** The id to store for a file GUID: the GUID itself unless taken (then a new id, remembered). */
  private async claim(table: keyof Database, kind: string, guid: string, originalId?: string) {
    const free = UUID.test(guid) && !(await this.taken(table, [guid])).has(guid);
    const id = free ? guid : newId();
    const data: Record<string, unknown> = {};
    if (!free) data.guid = guid;
    if (originalId !== undefined) data.originalId = originalId;
    if (Object.keys(data).length > 0) this.exchangeRow(id, kind, data);
    return id;
  }

  private exchangeRow(id: string, kind: string, data: Record<string, unknown>): void {
    const row = [id, this.m.projectId, kind, JSON.stringify(data), this.importId];
    this.exchange.push(row);
    this.exchangeById.set(id, row);
  }

  private async flushExchange(): Promise<void> {
    await this.m.dialect.bulkInsert(this.m.db, "exchange_data", EXCHANGE_COLUMNS, this.exchange);
    this.exchange = [];
    this.exchangeById.clear();
  }

  private async user(
    user: Extract<BundlePart, { type: "user" }>["user"],
    byName: Map<string, string>,
  ): Promise<void> {
    const name = user.name.trim() || `user ${user.guid.slice(0, 8)}`;
    const known = byName.get(name);
    if (known) {
      this.users.set(user.guid, { id: known, name });
      return;
    }
    const id = await this.claim("users", "user", user.guid, user.originalId);
    await this.m.dialect.bulkInsert(this.m.db, "users", USER_COLUMNS, [
      [id, this.m.projectId, name, this.importId],
    ]);
    byName.set(name, id);
    this.users.set(user.guid, { id, name });
    this.result.users++;
  }

  private userName(guid: string | undefined): string | undefined {
    return guid ? this.users.get(guid)?.name : undefined;
  }

  private async loadCodes(): Promise<void> {
    const rows = await this.m.db
      .selectFrom("codes")
      .select(["id", "parentId", "name"])
      .where("projectId", "=", this.m.projectId)
      .execute();
    const paths = codePaths(
      rows.map((row) => ({ id: row.id as never, parentId: row.parentId as never, name: row.name })),
    );
    for (const [id, path] of paths) {
      this.existingCodes.set(path, id);
      this.codePathById.set(id, path);
      this.existingCodeIds.add(id);
    }
  }

  private async code(code: Extract<BundlePart, { type: "code" }>["code"]): Promise<void> {
    let name = code.name.trim().normalize("NFC");
    if (name === "") name = "(unnamed)";
    if (name.includes("/")) {
      this.warn('"/" in code names was replaced by "∕" (Quire uses "/" between levels of a path)');
      name = name.replaceAll("/", "∕");
    }
    if (name.length > 200) {
      this.warn("code names longer than 200 characters were shortened");
      name = name.slice(0, 200);
    }
    const parentId = code.parentGuid === null ? null : this.codes.get(code.parentGuid);
    if (parentId === undefined) {
      this.skip(`code "${name}": its parent is not in the file`);
      return;
    }
    const parentPath = parentId === null ? null : this.codePathById.get(parentId);
    const path = parentPath ? `${parentPath} / ${name}` : name;
    const existing = this.existingCodes.get(path);
    if (existing) {
      this.codes.set(code.guid, existing);
      this.result.codesMerged++;
      const row = await this.m.db
        .selectFrom("codes")
        .select(["color", "description"])
        .where("id", "=", existing)
        .executeTakeFirstOrThrow();
      const description = parseJson<{ definition?: string }>(row.description, {});
      if (code.color !== null && code.color !== row.color)
        this.conflict(
          `code "${path}": kept the project's colour ${row.color}, not the file's ${code.color}`,
        );
      if (code.description !== null && (description.definition ?? "") !== code.description)
        this.conflict(`code "${path}": kept the project's description, not the file's`);
      return;
    }
    let id = code.guid;
    const data: Record<string, unknown> = {};
    if (
      !UUID.test(id) ||
      this.existingCodeIds.has(id) ||
      (await this.taken("codes", [id])).has(id)
    ) {
      data.guid = code.guid;
      id = newId();
    }
    if (code.originalId !== undefined) data.originalId = code.originalId;
    if (!code.isCodable) data.isCodable = false;
    if (Object.keys(data).length > 0) this.exchangeRow(id, "code", data);
    await this.m.record.insert("codes", {
      id,
      projectId: this.m.projectId,
      parentId,
      name,
      color: code.color ?? paletteColor(this.existingCodeIds.size),
      description: JSON.stringify(
        code.description === null ? {} : { definition: code.description },
      ),
      origin: "a_priori",
      createdBy: this.m.actor,
      createdAt: this.now,
    });
    if (code.color === null)
      this.warn("codes without a colour were given one from Quire's palette");
    this.existingCodes.set(path, id);
    this.codePathById.set(id, path);
    this.existingCodeIds.add(id);
    this.codes.set(code.guid, id);
    for (const ref of code.noteRefs) this.target(ref, "code", id);
    this.result.codes++;
  }

  private async variable(
    variable: Extract<BundlePart, { type: "variable" }>["variable"],
  ): Promise<void> {
    const type = VARIABLE_TYPES[variable.type] ?? "text";
    try {
      const definition = await defineAttribute(this.m, { name: variable.name, type });
      this.variables.set(variable.guid, { name: definition.name, type });
      const data: Record<string, unknown> = { type: variable.type, guid: variable.guid };
      if (variable.description !== null) data.description = variable.description;
      this.exchangeRow(definition.id, "attribute", data);
      this.result.attributes++;
      if (variable.type === "DateTime")
        this.warn(
          "date-time variables are kept as text attributes (Quire has dates without times)",
        );
    } catch (error) {
      if (!(error instanceof QuireError)) throw error;
      this.variables.set(variable.guid, null);
      this.conflict(`variable "${variable.name}": ${error.message}; its values were not imported`);
    }
  }

  private values(values: readonly BundleValue[]): Record<string, AttributeValue> {
    const result: Record<string, AttributeValue> = {};
    for (const value of values) {
      const variable = this.variables.get(value.variableGuid);
      if (variable === undefined) {
        this.skip("variable values whose variable is not in the file");
        continue;
      }
      if (variable === null || value.value === null) continue;
      if (variable.type === "number" && typeof value.value !== "number") continue;
      if (variable.type === "boolean" && typeof value.value !== "boolean") continue;
      result[variable.name] = variable.type === "text" ? String(value.value) : value.value;
    }
    return result;
  }

  private pendingCases: CasePart[] = [];

  private async case(item: CasePart): Promise<void> {
    this.pendingCases.push(item);
    if (this.pendingCases.length >= 500) await this.flushCases();
  }

  /**
   * Writes the waiting cases with one lookup by name, one by id and one bulk insert for the lot.
   * They are still decided one after another, in file order, so a name met twice merges into the
   * first exactly as when each case was written on its own.
   */
  private async flushCases(): Promise<void> {
    if (this.pendingCases.length === 0) return;
    const batch = this.pendingCases;
    this.pendingCases = [];
    const m = this.m;
    const named = batch.map((item) => ({
      item,
      name: item.name.trim() || `case ${item.guid.slice(0, 8)}`,
    }));
    const known = new Map<string, { id: string; attributes: Record<string, AttributeValue> }>();
    const names = [...new Set(named.map(({ name }) => name))];
    for (let offset = 0; offset < names.length; offset += 500) {
      const rows = await m.db
        .selectFrom("cases")
        .select(["id", "name", "attributes"])
        .where("projectId", "=", m.projectId)
        .where("name", "in", names.slice(offset, offset + 500))
        .execute();
      for (const row of rows)
        known.set(row.name, {
          id: row.id,
          attributes: parseJson<Record<string, AttributeValue>>(row.attributes, {}),
        });
    }
    const taken = await this.taken(
      "cases",
      named.filter(({ name }) => !known.has(name)).map(({ item }) => item.guid),
    );
    const rows: unknown[][] = [];
    const updates: [string, string][] = [];
    for (const { item, name } of named) {
      const values = this.values(item.values);
      const existing = known.get(name);
      let id: string;
      if (existing) {
        id = existing.id;
        this.result.casesMerged++;
        const current = existing.attributes;
        const added: Record<string, AttributeValue> = {};
        for (const [key, value] of Object.entries(values)) {
          if (!(key in current)) added[key] = value;
          else if (current[key] !== value)
            this.conflict(
              `case "${name}": kept the project's ${key} = ${String(current[key])}, not ${String(value)}`,
            );
        }
        if (Object.keys(added).length > 0) {
          existing.attributes = { ...current, ...added };
          updates.push([id, JSON.stringify(existing.attributes)]);
        }
      } else {
        const free = UUID.test(item.guid) && !taken.has(item.guid);
        id = free ? item.guid : newId();
        taken.add(id);
        const data: Record<string, unknown> = {};
        if (!free) data.guid = item.guid;
        if (item.originalId !== undefined) data.originalId = item.originalId;
        if (Object.keys(data).length > 0) this.exchangeRow(id, "case", data);
        rows.push([
          id,
          m.projectId,
          name,
          "participant",
          JSON.stringify(values),
          this.importId,
          this.now,
        ]);
        known.set(name, { id, attributes: values });
        this.result.cases++;
        const extra: Record<string, unknown> = {};
        if (item.description !== null) extra.description = item.description;
        if (item.codeRefs.length > 0) extra.codeRefs = item.codeRefs;
        if (item.selectionRefs.length > 0) extra.selectionRefs = item.selectionRefs;
        if (Object.keys(extra).length > 0) this.mergeExchange(id, "case", extra);
      }
      for (const ref of item.sourceRefs) {
        if (this.sourceCase.has(ref))
          this.skip(
            "second cases of a source (a Quire source belongs to one case; the first was kept)",
          );
        else this.sourceCase.set(ref, id);
      }
    }
    await m.dialect.bulkInsert(m.db, "cases", CASE_COLUMNS, rows);
    for (const [id, attributes] of updates) await m.record.update("cases", id, { attributes });
  }

  /** Adds to an exchange row queued in this import (or queues a new one). */
  private mergeExchange(id: string, kind: string, data: Record<string, unknown>): void {
    const row = this.exchangeById.get(id);
    if (row) row[3] = JSON.stringify({ ...JSON.parse(row[3] as string), ...data });
    else this.exchangeRow(id, kind, data);
  }

  private codings: unknown[][] = [];

  private async flushCodings(): Promise<void> {
    await this.m.dialect.bulkInsert(this.m.db, "codings", CODING_COLUMNS, this.codings);
    this.codings = [];
  }

  private pendingSources: SourcePart[] = [];
  private pendingChars = 0;
  private pendingCodings = 0;
  private sourceRows: unknown[][] = [];
  private revisionRows: unknown[][] = [];

  /**
   * Writes the waiting sources with two lookups and a few bulk inserts for the lot, rather than a
   * round trip per source: a project of ten thousand short responses is one import, not ten
   * thousand.
   */
  private async flushSources(): Promise<void> {
    if (this.pendingSources.length === 0) return;
    const batch = this.pendingSources;
    this.pendingSources = [];
    this.pendingChars = 0;
    this.pendingCodings = 0;
    // The lookups below must see every row written before them.
    await this.settle();
    const rows = await this.m.db
      .selectFrom("sources")
      .select(["id", "projectId"])
      .where(
        "id",
        "in",
        batch.map((source) => source.guid),
      )
      .execute();
    const existing = new Map(rows.map((row) => [row.id, row.projectId]));
    const taken = await this.taken(
      "codings",
      batch.flatMap((source) => source.selections.flatMap((s) => s.codings.map((c) => c.guid))),
    );
    for (const source of batch) this.source(source, existing.get(source.guid), taken);
    const write = this.writeBatch(this.sourceRows, this.revisionRows, this.codings, this.exchange);
    this.sourceRows = [];
    this.revisionRows = [];
    this.codings = [];
    this.exchange = [];
    this.exchangeById.clear();
    if (this.m.dialect.kind === "postgres") {
      // PostgreSQL inserts in its own process: the next batch is read and parsed meanwhile, and
      // `settle` waits for this one before anything else touches the database.
      this.inFlight = write;
      write.catch(() => {});
    } else await write;
    this.options.onSource?.(this.result.sources);
  }

  /** What a load into an empty SQLite store set aside, and writes sources through; else null. */
  private upkeep: SuspendedUpkeep | null = null;

  /** A batch of sources still being written (PostgreSQL only); at most one at a time. */
  private inFlight: Promise<void> | null = null;

  /** Waits for the batch being written, if any. @throws its error (the mutation rolls back). */
  private async settle(): Promise<void> {
    const write = this.inFlight;
    if (write === null) return;
    this.inFlight = null;
    await write;
  }

  private async writeBatch(
    sources: unknown[][],
    revisions: unknown[][],
    codings: unknown[][],
    exchange: unknown[][],
  ): Promise<void> {
    const { db, dialect } = this.m;
    if (this.upkeep) await this.upkeep.writeSources(sources, revisions);
    else {
      await dialect.bulkInsert(db, "sources", SOURCE_COLUMNS, sources);
      await dialect.bulkInsert(db, "source_revisions", REVISION_COLUMNS, revisions);
    }
    await dialect.bulkInsert(db, "codings", CODING_COLUMNS, codings);
    await dialect.bulkInsert(db, "exchange_data", EXCHANGE_COLUMNS, exchange);
  }

  private source(source: SourcePart, existsIn: string | undefined, taken: Set<string>): void {
    const m = this.m;
    const exists = existsIn === undefined ? undefined : { projectId: existsIn };
    if (exists && exists.projectId === m.projectId) {
      this.skip(`source "${source.name}": already in the project (same GUID), with its codings`);
      return;
    }
    const id = exists || !UUID.test(source.guid) ? newId() : source.guid;
    const revisionId = newId<"revision">() as RevisionId;
    const text = canonicalText(source.text);
    const refi: Record<string, unknown> = {};
    for (const key of [
      "description",
      "creatingUser",
      "creationDateTime",
      "modifyingUser",
      "modifiedDateTime",
      "originalId",
    ] as const)
      if (source[key] !== undefined) refi[key] = source[key];
    if (id !== source.guid) refi.guid = source.guid;
    if (source.values.length > 0) refi.values = source.values;
    if (source.richTextPath)
      this.skip("rich-text twins (.docx) of sources: the plain text was imported");
    const title = source.name.trim() || `source ${source.guid.slice(0, 8)}`;
    const position = this.position++;
    const caseId = this.sourceCase.get(source.guid) ?? null;
    // Each source is placed once: its entry is done with (a project has as many as sources).
    this.sourceCase.delete(source.guid);
    this.sourceRows.push([
      id,
      m.projectId,
      this.options.kind ?? "interview",
      title,
      JSON.stringify(Object.keys(refi).length > 0 ? { refi } : {}),
      caseId,
      revisionId,
      position,
      this.importId,
      this.now,
    ]);
    this.revisionRows.push([revisionId, id, m.projectId, 1, text, this.now, m.actor]);
    this.sources.set(source.guid, id === source.guid ? SAME_ID : id);
    for (const ref of source.noteRefs) this.target(ref, "source", id);
    this.result.sources++;

    const place = (
      selection: { start: number; end: number },
      coding: BundleCoding,
      selectionData: Record<string, unknown> | null,
      selectionUser: string | undefined,
    ) => {
      const codeId = this.codes.get(coding.codeGuid);
      if (!codeId) {
        this.skip("codings whose code is not in the file");
        return null;
      }
      if (selection.end > text.length || selection.start >= selection.end) {
        this.skip("codings outside their source's text");
        return null;
      }
      const codingId = !taken.has(coding.guid) && isUuid(coding.guid) ? coding.guid : newId();
      // A file that gives two codings one GUID keeps both: the second under a new id.
      taken.add(coding.guid);
      // A fresh anchor (as `anchorRange` makes), without its intermediate objects.
      const quote = describeRange(text, selection.start, selection.end);
      const coder = this.userName(coding.creatingUser) ?? this.userName(selectionUser) ?? m.actor;
      this.codings.push([
        codingId,
        m.projectId,
        id,
        codeId,
        revisionId,
        position,
        selection.start,
        selection.end,
        quote.exact,
        quote.prefix,
        quote.suffix,
        "anchored",
        1,
        coder,
        null,
        coding.creationDateTime ?? this.now,
        // The source's case, as the trigger would set it: written here, the trigger has no
        // second write to make per coding.
        caseId,
      ]);
      const data =
        codingId === coding.guid ? selectionData : { ...(selectionData ?? {}), guid: coding.guid };
      if (data !== null && Object.keys(data).length > 0) this.exchangeRow(codingId, "coding", data);
      for (const ref of coding.noteRefs) this.target(ref, "coding", codingId);
      this.result.codings++;
      return codingId;
    };
    for (const selection of source.selections) {
      let first: string | null = null;
      const extras =
        selection.name !== undefined ||
        selection.modifyingUser !== undefined ||
        selection.modifiedDateTime !== undefined ||
        selection.description !== undefined;
      for (const coding of selection.codings) {
        const codingId = coding.guid;
        const derived = selection.guid === derivedGuid(`selection:${codingId}`);
        // The usual coding, in a selection Quire would write the same: nothing to keep.
        if (
          derived &&
          !extras &&
          selection.creatingUser === coding.creatingUser &&
          selection.creationDateTime === coding.creationDateTime
        ) {
          const placed = place(selection, coding, null, selection.creatingUser);
          first ??= placed;
          continue;
        }
        // A selection's own attributes are kept unless they are what Quire would write anyway.
        const data: Record<string, unknown> = {};
        if (!derived) data.selection = selection.guid;
        for (const key of [
          "name",
          "creatingUser",
          "creationDateTime",
          "modifyingUser",
          "modifiedDateTime",
          "description",
        ] as const)
          if (selection[key] !== undefined) data[`selection_${key}`] = selection[key];
        if (
          data.selection === undefined &&
          data.selection_creatingUser === coding.creatingUser &&
          data.selection_creationDateTime === coding.creationDateTime
        ) {
          delete data.selection_creatingUser;
          delete data.selection_creationDateTime;
        }
        const placed = place(selection, coding, data, selection.creatingUser);
        first ??= placed;
      }
      if (selection.codings.length === 0)
        this.skip("selections without a coding (nothing to keep)");
      for (const ref of selection.noteRefs) if (first) this.target(ref, "coding", first);
    }
    if (source.codings.length > 0)
      this.skip("codings of whole sources (Quire codes passages; code the text instead)");
  }

  private target(noteGuid: string, type: string, id: string | null): void {
    if (this.noteTargets.has(noteGuid)) {
      this.skip("second targets of a note (a Quire memo is about one thing; the first was kept)");
      return;
    }
    this.noteTargets.set(noteGuid, { type, id });
  }

  private async note(note: Extract<BundlePart, { type: "note" }>["note"]): Promise<void> {
    if (note.name.trim() === "" && note.text.trim() === "") {
      this.skip("empty notes");
      return;
    }
    const target = this.noteTargets.get(note.guid);
    const id = await this.claim("memos", "memo", note.guid, note.originalId);
    if (target?.type === "project") this.mergeExchange(id, "memo", { projectRef: true });
    const createdAt = note.creationDateTime ?? this.now;
    await this.m.record.insert("memos", {
      id,
      projectId: this.m.projectId,
      kind: "analytic",
      title: note.name.trim(),
      body: canonicalText(note.text),
      targetType: target?.type ?? "project",
      targetId: target?.id ?? null,
      author: this.userName(note.creatingUser) ?? this.m.actor,
      version: 1,
      createdAt,
      updatedAt: note.modifiedDateTime ?? createdAt,
    });
    this.notes.set(note.guid, id);
    this.result.memos++;
  }

  private async set(set: Extract<BundlePart, { type: "set" }>["set"]): Promise<void> {
    const members: [string, string][] = [];
    let missing = 0;
    for (const ref of set.memberCodes) {
      const id = this.codes.get(ref);
      if (id) members.push(["code", id]);
      else missing++;
    }
    for (const ref of set.memberSources) {
      const id = this.sources.get(ref);
      if (id !== undefined) members.push(["source", id === SAME_ID ? ref : id]);
      else missing++;
    }
    for (const ref of set.memberNotes) {
      const id = this.notes.get(ref);
      if (id) members.push(["note", id]);
      else missing++;
    }
    if (missing > 0) this.skip(`members of set "${set.name}" that were not imported (${missing})`);
    const types = new Set(members.map(([type]) => type));
    const kind = types.size === 1 ? ([...types][0] as string) : "mixed";
    const id = await this.claim("sets", "set", set.guid, set.originalId);
    await this.m.dialect.bulkInsert(this.m.db, "sets", SET_COLUMNS, [
      [id, this.m.projectId, set.name, set.description ?? "", kind, this.importId],
    ]);
    await this.m.dialect.bulkInsert(
      this.m.db,
      "set_members",
      MEMBER_COLUMNS,
      members.map(([type, member], index) => [
        newId(),
        this.m.projectId,
        id,
        type,
        member,
        index,
        this.importId,
      ]),
    );
    this.result.sets++;
  }
}

function lines(counts: Map<string, number>): string[] {
  return [...counts].map(([message, count]) => (count === 1 ? message : `${message} (×${count})`));
}

/**
 * Removes the exchange rows an import added (sets and their members, users, exchange data),
 * logging each so a redo restores them. Called by undo's batch deletion.
 */
export async function deleteImportedExchangeRows(m: Mutation, importId: string): Promise<void> {
  for (const table of ["setMembers", "sets", "exchangeData", "users"] as const) {
    const rows = await m.db
      .selectFrom(table)
      .select("id")
      .where("importId", "=", importId)
      .execute();
    await m.record.delete(
      table,
      rows.map((row) => row.id),
    );
  }
}
