/**
 * What agreement between coders reads from storage, and blind coding. Codings stream out one
 * source at a time, so the statistics' memory never grows with the project. Blind mode is a project
 * setting: while it is on, a coder is shown only their own codings until someone reveals them all;
 * switching it and revealing are mutations, so both are in the audit log.
 */
import { type Project, QuireError } from "@quire/core";
import type { Mutation } from "../audit/mutation.js";
import type { Store } from "../store.js";
import { parseJson } from "./rows.js";

export interface SourceSpans {
  sourceId: string;
  title: string;
  /** The current text's length in UTF-16 units. */
  length: number;
  /** The current text, for showing where coders differ. */
  text: string;
  spans: { coder: string; codeId: string; sourceId: string; start: number; end: number }[];
}

export interface SpanFilter {
  coders: readonly string[];
  /** Only these sources (ids); default all, in collection order. */
  sourceIds?: readonly string[];
  /** Only these codes (ids); default all. */
  codeIds?: readonly string[];
}

/**
 * Yields each source with the live codings of the chosen coders, one source at a time, in
 * collection order. Sources the coders left uncoded are yielded too: silence is a judgement.
 */
export async function* streamCoderSpans(
  store: Store,
  projectId: string,
  filter: SpanFilter,
): AsyncGenerator<SourceSpans> {
  if (filter.coders.length === 0) return;
  let after = -1;
  for (;;) {
    let query = store.db
      .selectFrom("sources")
      .select(["id", "title", "position", "currentRevisionId"])
      .where("projectId", "=", projectId)
      .where("position", ">", after)
      .orderBy("position")
      .limit(50);
    if (filter.sourceIds) {
      if (filter.sourceIds.length === 0) return;
      query = query.where("id", "in", [...filter.sourceIds]);
    }
    const page = await query.execute();
    if (page.length === 0) return;
    for (const source of page) {
      after = Number(source.position);
      const revision = await store.db
        .selectFrom("sourceRevisions")
        .select("text")
        .where("id", "=", source.currentRevisionId)
        .executeTakeFirstOrThrow();
      let codings = store.db
        .selectFrom("codings")
        .select(["coder", "codeId", "startPos", "endPos"])
        .where("projectId", "=", projectId)
        .where("sourceId", "=", source.id)
        .where("status", "!=", "orphaned")
        .where("coder", "in", [...filter.coders]);
      if (filter.codeIds) {
        if (filter.codeIds.length === 0) codings = codings.where("codeId", "=", "");
        else codings = codings.where("codeId", "in", [...filter.codeIds]);
      }
      const rows = await codings.orderBy("startPos").execute();
      yield {
        sourceId: source.id,
        title: source.title,
        length: revision.text.length,
        text: revision.text,
        spans: rows.map((row) => ({
          coder: row.coder,
          codeId: row.codeId,
          sourceId: source.id,
          start: Number(row.startPos),
          end: Number(row.endPos),
        })),
      };
    }
  }
}

/** The coders who have coded in the project, by name. */
export async function listCoders(store: Store, projectId: string): Promise<string[]> {
  const rows = await store.db
    .selectFrom("codings")
    .select("coder")
    .distinct()
    .where("projectId", "=", projectId)
    .orderBy("coder")
    .execute();
  return rows.map((row) => row.coder);
}

export interface BlindState {
  on: boolean;
  since: string | null;
  revealedAt: string | null;
  revealedBy: string | null;
}

/** The project's blind-coding state, from its settings. */
export function blindState(project: Project): BlindState {
  const blind = (project.settings.blind ?? {}) as Partial<BlindState>;
  return {
    on: blind.on === true,
    since: blind.since ?? null,
    revealedAt: blind.revealedAt ?? null,
    revealedBy: blind.revealedBy ?? null,
  };
}

/**
 * The coder whose codings alone `actor` may see: `actor` while blind coding is on, else null (all).
 */
export function blindCoderFor(project: Project, actor: string): string | null {
  return blindState(project).on ? actor : null;
}

/**
 * Switches blind coding on, or ends it (`reveal`: everyone's codings become visible). Revealing
 * is logged with who revealed and when.
 * @throws QuireError `invalid_input` when it is already in that state.
 */
export async function setBlindMode(m: Mutation, mode: "on" | "reveal"): Promise<BlindState> {
  const row = await m.db
    .selectFrom("projects")
    .select("settings")
    .where("id", "=", m.projectId)
    .executeTakeFirstOrThrow();
  const settings = parseJson<Record<string, unknown>>(row.settings, {});
  const current = blindState({ settings } as Project);
  const now = new Date().toISOString();
  let next: BlindState;
  if (mode === "on") {
    if (current.on) throw new QuireError("invalid_input", "blind coding is already on");
    next = { on: true, since: now, revealedAt: null, revealedBy: null };
  } else {
    if (!current.on)
      throw new QuireError("invalid_input", "blind coding is not on; nothing to reveal");
    next = { ...current, on: false, revealedAt: now, revealedBy: m.actor };
  }
  await m.record.update("projects", m.projectId, {
    settings: JSON.stringify({ ...settings, blind: next }),
  });
  return next;
}
