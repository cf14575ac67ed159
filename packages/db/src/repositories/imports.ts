/**
 * Bulk import of sources: many rows written through the dialect's fast insert, logged in the audit
 * log as one batch named by its import id (undo removes the batch; redo restores it). Streams: the
 * caller's iterable is consumed chunk by chunk, so a million rows never sit in memory at once.
 */
import {
  type AttributeValue,
  canonicalText,
  isSourceKind,
  newId,
  QuireError,
  type SourceKind,
} from "@quire/core";
import type { Mutation } from "../audit/mutation.js";
import { CASE_COLUMNS } from "../dialects/source-chunk.js";
import { parseJson } from "./rows.js";
import { checkTurns, nextPosition, type TurnInput } from "./sources.js";

export interface ImportTurn extends Omit<TurnInput, "caseId"> {
  /** The case this speaker is, by name (created if new), or null. */
  caseName?: string | null;
}

export interface SourceInput {
  kind: SourceKind;
  title: string;
  /** Text as decoded; made canonical here (parsers usually hand it over canonical already). */
  text: string;
  metadata?: Record<string, unknown>;
  /** The case the whole source belongs to, by name (created if new). */
  caseName?: string | null;
  caseKind?: string;
  /** Attribute values for that case; undeclared attributes must be declared before the import. */
  caseAttributes?: Record<string, AttributeValue | null>;
  turns?: ImportTurn[];
}

export interface ImportResult {
  importId: string;
  sources: number;
  casesCreated: number;
  turns: number;
}

/** Rows per bulk write: big enough to amortise statements, small enough to keep memory flat. */
const CHUNK = 1_000;

/**
 * Imports sources in bulk within the caller's mutation. Cases are found by name or created; a
 * known case gets the new attribute values merged in (recorded, so undo restores the old ones).
 * @throws QuireError `invalid_input` naming the row for an invalid source; the whole mutation rolls back.
 */
export async function importSources(
  m: Mutation,
  inputs: AsyncIterable<SourceInput> | Iterable<SourceInput>,
  options: { onProgress?: (done: number) => void } = {},
): Promise<ImportResult> {
  const importId = newId<"import">();
  await m.record.log([{ table: "import", op: "batch", importId }]);
  const cases = new CaseResolver(m, importId);
  let position = await nextPosition(m);
  const now = new Date().toISOString();
  const result: ImportResult = { importId, sources: 0, casesCreated: 0, turns: 0 };
  let sources: unknown[][] = [];
  let revisions: unknown[][] = [];
  let turns: unknown[][] = [];

  const flush = async () => {
    await m.dialect.insertSourceChunk(m.db, { cases: cases.take(), sources, revisions, turns });
    result.turns += turns.length;
    sources = [];
    revisions = [];
    turns = [];
    options.onProgress?.(result.sources);
  };

  for await (const input of inputs) {
    const row = result.sources + 1;
    if (!isSourceKind(input.kind))
      throw new QuireError("invalid_input", `row ${row}: unknown source kind "${input.kind}"`);
    const title = input.title.trim();
    if (title === "") throw new QuireError("invalid_input", `row ${row}: a source needs a title`);
    const text = canonicalText(input.text);
    checkTurns(input.turns ?? [], text.length, title);
    const sourceId = newId();
    const revisionId = newId();
    const caseId = input.caseName
      ? await cases.resolve(input.caseName, input.caseKind ?? "participant", input.caseAttributes)
      : null;
    sources.push([
      sourceId,
      m.projectId,
      input.kind,
      title,
      JSON.stringify(input.metadata ?? {}),
      caseId,
      revisionId,
      position++,
      importId,
      now,
    ]);
    revisions.push([revisionId, sourceId, m.projectId, 1, text, now, m.actor]);
    for (const [index, turn] of (input.turns ?? []).entries()) {
      const turnCase = turn.caseName ? await cases.resolve(turn.caseName, "participant") : null;
      turns.push([
        newId(),
        revisionId,
        sourceId,
        m.projectId,
        index,
        turn.start,
        turn.end,
        turn.speaker,
        turn.role,
        turnCase,
        turn.timeStart ?? null,
        turn.timeEnd ?? null,
      ]);
    }
    result.sources++;
    if (sources.length >= CHUNK) await flush();
  }
  await flush();
  result.casesCreated = cases.created;
  return result;
}

/**
 * Finds cases by name for an import and queues new ones for the next bulk write. The project's case
 * names are loaded once up front: one query instead of one per row.
 */
class CaseResolver {
  private known: Map<string, string> | null = null;
  private pending: unknown[][] = [];
  created = 0;

  constructor(
    private readonly m: Mutation,
    private readonly importId: string,
  ) {}

  async resolve(
    name: string,
    kind: string,
    attributes?: Record<string, AttributeValue | null>,
  ): Promise<string> {
    const values = attributes ? withoutNulls(attributes) : undefined;
    this.known ??= await this.loadNames();
    const known = this.known.get(name);
    if (known !== undefined) {
      if (values && Object.keys(values).length > 0) await this.merge(known, values);
      return known;
    }
    const id = newId();
    this.known.set(name, id);
    this.pending.push([
      id,
      this.m.projectId,
      name,
      kind,
      JSON.stringify(values ?? {}),
      this.importId,
      new Date().toISOString(),
    ]);
    this.created++;
    return id;
  }

  private async loadNames(): Promise<Map<string, string>> {
    const rows = await this.m.db
      .selectFrom("cases")
      .select(["id", "name"])
      .where("projectId", "=", this.m.projectId)
      .execute();
    return new Map(rows.map((row) => [row.name, row.id]));
  }

  /** The new cases queued since the last call, to be written with the sources that name them. */
  take(): unknown[][] {
    const pending = this.pending;
    this.pending = [];
    return pending;
  }

  /** Writes the queued cases now (before a merge needs the row to exist). */
  async flush(): Promise<void> {
    await this.m.dialect.bulkInsert(this.m.db, "cases", CASE_COLUMNS, this.take());
  }

  /** Merges values into a case already written (flushing first so the row exists). */
  private async merge(id: string, values: Record<string, AttributeValue>): Promise<void> {
    await this.flush();
    const row = await this.m.db
      .selectFrom("cases")
      .select(["attributes", "importId"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const merged = { ...parseJson<Record<string, AttributeValue>>(row.attributes, {}), ...values };
    if (row.importId === this.importId) {
      // Created by this very import: the batch record covers it, so no row change is logged.
      await this.m.db
        .updateTable("cases")
        .set({ attributes: JSON.stringify(merged) })
        .where("id", "=", id)
        .execute();
    } else await this.m.record.update("cases", id, { attributes: JSON.stringify(merged) });
  }
}

function withoutNulls(
  values: Record<string, AttributeValue | null>,
): Record<string, AttributeValue> {
  const result: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(values)) if (value !== null) result[key] = value;
  return result;
}
