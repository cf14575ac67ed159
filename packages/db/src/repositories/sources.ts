/**
 * Sources and their revisions: add one, list, show with turns, edit the text (codings follow the
 * change set), replace the text from outside (codings re-anchored by quote).
 */
import {
  applyChanges,
  type Coding,
  canonicalText,
  changeSetFromEdits,
  changesToJson,
  isSourceKind,
  mapAnchor,
  newId,
  QuireError,
  reanchor,
  SOURCE_KINDS,
  type Source,
  type SourceKind,
  type SourceRevision,
  type SpeakerRole,
  type TextEdit,
  type Turn,
} from "@quire/core";
import type { Mutation } from "../audit/mutation.js";
import type { Store } from "../store.js";
import { setCodingAnchor } from "./codings.js";
import { toCoding, toRevision, toSource, toTurn } from "./rows.js";

export interface TurnInput {
  start: number;
  end: number;
  speaker: string;
  role: SpeakerRole;
  caseId?: string | null;
  timeStart?: number | null;
  timeEnd?: number | null;
}

export interface SourceListing extends Source {
  caseName: string | null;
  length: number;
  codingCount: number;
}

export interface SourceFilter {
  kind?: SourceKind;
  limit?: number;
  offset?: number;
}

export async function listSources(
  store: Store,
  projectId: string,
  filter: SourceFilter = {},
): Promise<SourceListing[]> {
  let query = store.db
    .selectFrom("sources as s")
    .innerJoin("sourceRevisions as r", "r.id", "s.currentRevisionId")
    .leftJoin("cases as c", "c.id", "s.caseId")
    .selectAll("s")
    .select((eb) => [
      "c.name as caseName",
      eb.fn("length", ["r.text"]).as("length"),
      eb
        .selectFrom("codings")
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .whereRef("codings.sourceId", "=", "s.id")
        .as("codingCount"),
    ])
    .where("s.projectId", "=", projectId);
  if (filter.kind) query = query.where("s.kind", "=", filter.kind);
  const rows = await query
    .orderBy("s.position")
    .limit(filter.limit ?? 1000)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map((row) => ({
    ...toSource(row),
    caseName: row.caseName,
    length: Number(row.length),
    codingCount: Number(row.codingCount ?? 0),
  }));
}

export async function countSources(store: Store, projectId: string): Promise<number> {
  const row = await store.db
    .selectFrom("sources")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("projectId", "=", projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Finds a source by id or title.
 * @throws QuireError `not_found`, or `invalid_input` when several sources share the title.
 */
export async function findSource(store: Store, projectId: string, ref: string): Promise<Source> {
  const rows = await store.db
    .selectFrom("sources")
    .selectAll()
    .where("projectId", "=", projectId)
    .where((eb) => eb.or([eb("id", "=", ref), eb("title", "=", ref)]))
    .limit(2)
    .execute();
  const [first, second] = rows;
  if (!first) throw new QuireError("not_found", `no source named "${ref}"`);
  if (second)
    throw new QuireError("invalid_input", `several sources are titled "${ref}"; use its id`);
  return toSource(first);
}

export interface SourceDetail {
  source: Source;
  revision: SourceRevision;
  turns: Turn[];
}

export async function getSourceDetail(
  store: Store,
  projectId: string,
  ref: string,
): Promise<SourceDetail> {
  const source = await findSource(store, projectId, ref);
  const revision = toRevision(
    await store.db
      .selectFrom("sourceRevisions")
      .selectAll()
      .where("id", "=", source.currentRevisionId)
      .executeTakeFirstOrThrow(),
  );
  const turns = (
    await store.db
      .selectFrom("turns")
      .selectAll()
      .where("revisionId", "=", revision.id)
      .orderBy("idx")
      .execute()
  ).map(toTurn);
  return { source, revision, turns };
}

export interface AddSourceProps {
  kind: SourceKind | string;
  title: string;
  /** Decoded text; made canonical here. */
  text: string;
  metadata?: Record<string, unknown>;
  caseId?: string | null;
  turns?: TurnInput[];
  importId?: string | null;
}

/**
 * Adds one source with its first revision and turns, through the recorder (so it can be undone).
 * Bulk imports use `importSources` instead.
 * @throws QuireError `invalid_input` for an unknown kind, empty title or turns outside the text.
 */
export async function addSource(m: Mutation, props: AddSourceProps): Promise<Source> {
  if (!isSourceKind(props.kind))
    throw new QuireError(
      "invalid_input",
      `unknown source kind "${props.kind}"; choose one of ${SOURCE_KINDS.join(", ")}`,
    );
  const title = props.title.trim();
  if (title === "") throw new QuireError("invalid_input", "a source needs a title");
  const text = canonicalText(props.text);
  const turns = props.turns ?? [];
  checkTurns(turns, text.length, title);
  const position = await nextPosition(m);
  const now = new Date().toISOString();
  const source: Source = {
    id: newId(),
    projectId: m.projectId as Source["projectId"],
    kind: props.kind,
    title,
    metadata: props.metadata ?? {},
    caseId: (props.caseId ?? null) as Source["caseId"],
    currentRevisionId: newId(),
    position,
    createdAt: now,
  };
  await m.record.insert("sources", {
    ...source,
    metadata: JSON.stringify(source.metadata),
    importId: props.importId ?? null,
  });
  await m.record.insert("sourceRevisions", {
    id: source.currentRevisionId,
    sourceId: source.id,
    projectId: m.projectId,
    number: 1,
    text,
    changes: null,
    createdAt: now,
    createdBy: m.actor,
  });
  for (const [index, turn] of turns.entries())
    await m.record.insert(
      "turns",
      turnRow(turn, index, source.currentRevisionId, source.id, m.projectId),
    );
  return source;
}

export function turnRow(
  turn: TurnInput,
  index: number,
  revisionId: string,
  sourceId: string,
  projectId: string,
) {
  return {
    id: newId(),
    revisionId,
    sourceId,
    projectId,
    idx: index,
    startPos: turn.start,
    endPos: turn.end,
    speaker: turn.speaker,
    role: turn.role,
    caseId: turn.caseId ?? null,
    timeStart: turn.timeStart ?? null,
    timeEnd: turn.timeEnd ?? null,
    replyTo: null,
    quotes: "[]",
  };
}

export function checkTurns(turns: readonly TurnInput[], length: number, title: string): void {
  for (const turn of turns)
    if (turn.start < 0 || turn.end > length || turn.start > turn.end)
      throw new QuireError(
        "invalid_input",
        `${title}: turn of ${turn.speaker} at ${turn.start}:${turn.end} lies outside the text`,
      );
}

export async function nextPosition(m: Mutation): Promise<number> {
  const row = await m.db
    .selectFrom("sources")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("projectId", "=", m.projectId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export interface TextChangeResult {
  revision: SourceRevision;
  /** Codings whose words were all deleted or could not be found again. */
  orphaned: number;
  remapped: number;
  fuzzy: number;
}

/**
 * Edits a source's text: a new revision is stored with its change set, and every coding and turn
 * is mapped through the change in the same transaction. Nothing is dropped.
 * @throws QuireError `invalid_input` for overlapping or out-of-range edits.
 */
export async function editSourceText(
  m: Mutation,
  sourceId: string,
  edits: readonly TextEdit[],
): Promise<TextChangeResult> {
  const { source, revision } = await currentRevision(m, sourceId);
  const changes = changeSetFromEdits(revision.text.length, [...edits]);
  const text = applyChanges(revision.text, changes);
  const next = await storeRevision(m, source, revision, text, changesToJson(changes));
  const turns = await m.db
    .selectFrom("turns")
    .selectAll()
    .where("revisionId", "=", revision.id)
    .orderBy("idx")
    .execute();
  for (const [index, turn] of turns.map(toTurn).entries()) {
    const start = changes.mapPos(turn.start, 1);
    const end = Math.max(start, changes.mapPos(turn.end, -1));
    await m.record.insert(
      "turns",
      turnRow({ ...turn, start, end }, index, next.id, source.id, m.projectId),
    );
  }
  const counts = { orphaned: 0, remapped: 0, fuzzy: 0 };
  for (const coding of await codingsOf(m, sourceId)) {
    const anchor = mapAnchor(coding.anchor, changes, text, next.id);
    if (anchor.status === "orphaned") counts.orphaned++;
    else if (anchor.status === "remapped") counts.remapped++;
    await setCodingAnchor(m, coding, anchor);
  }
  return { revision: next, ...counts };
}

/**
 * Replaces a source's text from outside (a re-imported file, no change set): every coding is
 * re-anchored by its quote; those whose words cannot be found become orphans to resolve.
 */
export async function replaceSourceText(
  m: Mutation,
  sourceId: string,
  newText: string,
  turns: readonly TurnInput[] = [],
): Promise<TextChangeResult> {
  const { source, revision } = await currentRevision(m, sourceId);
  const text = canonicalText(newText);
  checkTurns(turns, text.length, source.title);
  const next = await storeRevision(m, source, revision, text, null);
  for (const [index, turn] of turns.entries())
    await m.record.insert("turns", turnRow(turn, index, next.id, source.id, m.projectId));
  const counts = { orphaned: 0, remapped: 0, fuzzy: 0 };
  for (const coding of await codingsOf(m, sourceId)) {
    const anchor = reanchor(coding.anchor, text, next.id);
    if (anchor.status === "orphaned") counts.orphaned++;
    else if (anchor.status === "fuzzy") counts.fuzzy++;
    else if (anchor.status === "remapped") counts.remapped++;
    await setCodingAnchor(m, coding, anchor);
  }
  return { revision: next, ...counts };
}

async function currentRevision(m: Mutation, sourceId: string) {
  const row = await m.db
    .selectFrom("sources")
    .selectAll()
    .where("id", "=", sourceId)
    .where("projectId", "=", m.projectId)
    .executeTakeFirst();
  if (!row) throw new QuireError("not_found", `no source with id ${sourceId}`);
  const source = toSource(row);
  const revision = toRevision(
    await m.db
      .selectFrom("sourceRevisions")
      .selectAll()
      .where("id", "=", source.currentRevisionId)
      .executeTakeFirstOrThrow(),
  );
  return { source, revision };
}

async function storeRevision(
  m: Mutation,
  source: Source,
  previous: SourceRevision,
  text: string,
  changes: unknown,
) {
  const revision: SourceRevision = {
    id: newId(),
    sourceId: source.id,
    number: previous.number + 1,
    text,
    changes,
    createdAt: new Date().toISOString(),
    createdBy: m.actor,
  };
  await m.record.insert("sourceRevisions", {
    ...revision,
    projectId: m.projectId,
    changes: changes === null ? null : JSON.stringify(changes),
  });
  await m.record.update("sources", source.id, { currentRevisionId: revision.id });
  return revision;
}

async function codingsOf(m: Mutation, sourceId: string): Promise<Coding[]> {
  const rows = await m.db
    .selectFrom("codings")
    .selectAll()
    .where("sourceId", "=", sourceId)
    .execute();
  return rows.map(toCoding);
}
