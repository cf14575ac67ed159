/**
 * Sources whose turns link to one another: forum threads, where a post replies to an earlier post
 * and quotes others (FO-1). `importSources` writes turns in bulk without links; this writes one
 * source through the recorder with each turn's `reply_to` and `quotes` set to the ids of the turns
 * they point at, so undo and redo restore the links with the rows.
 */
import { newId, QuireError, type Source, type SpeakerRole } from "@quire/core";
import type { Mutation } from "../audit/mutation.js";
import { ensureCase, findCase } from "./cases.js";
import { addSource, checkTurns, turnRow } from "./sources.js";

export interface LinkedTurnInput {
  start: number;
  end: number;
  speaker: string;
  role: SpeakerRole;
  /** The case this speaker is, by name (created if new), or null. */
  caseName?: string | null;
  timeStart?: number | null;
  timeEnd?: number | null;
  /** Index (in this list) of an earlier turn this one replies to. */
  replyTo?: number | null;
  /** Indexes (in this list) of earlier turns this one quotes. */
  quotes?: readonly number[];
}

export interface LinkedSourceInput {
  kind: Source["kind"];
  title: string;
  text: string;
  metadata?: Record<string, unknown>;
  caseName?: string | null;
  caseKind?: string;
  turns: readonly LinkedTurnInput[];
  /** Kind given to the speakers' cases when they are created (default `participant`). */
  speakerCaseKind?: string;
}

export interface LinkedSourceResult {
  source: Source;
  turns: number;
  casesCreated: number;
}

/**
 * Adds a source whose turns reply to and quote one another.
 * @throws QuireError `invalid_input` for a link to a turn that is not earlier in the list, or a turn
 *   outside the text.
 */
export async function addLinkedSource(
  m: Mutation,
  input: LinkedSourceInput,
): Promise<LinkedSourceResult> {
  for (const [index, turn] of input.turns.entries())
    for (const target of [
      ...(turn.quotes ?? []),
      ...(turn.replyTo === null || turn.replyTo === undefined ? [] : [turn.replyTo]),
    ])
      if (!Number.isInteger(target) || target < 0 || target >= index)
        throw new QuireError(
          "invalid_input",
          `${input.title}: turn ${index + 1} links to turn ${target + 1}, which is not an earlier turn`,
        );
  checkTurns(input.turns, input.text.length, input.title);
  let casesCreated = 0;
  const caseIds = new Map<string, string>();
  const resolve = async (name: string, kind: string) => {
    const known = caseIds.get(name);
    if (known) return known;
    const existed = await findCase(m.store, m.projectId, name).then(
      () => true,
      () => false,
    );
    const found = await ensureCase(m, name, kind);
    if (!existed) casesCreated++;
    caseIds.set(name, found.id);
    return found.id;
  };
  const caseId = input.caseName
    ? await resolve(input.caseName, input.caseKind ?? "participant")
    : null;
  const source = await addSource(m, {
    kind: input.kind,
    title: input.title,
    text: input.text,
    ...(input.metadata ? { metadata: input.metadata } : {}),
    caseId,
  });
  const ids = input.turns.map(() => newId());
  for (const [index, turn] of input.turns.entries()) {
    const turnCase = turn.caseName
      ? await resolve(turn.caseName, input.speakerCaseKind ?? "participant")
      : null;
    const row = turnRow(
      { ...turn, caseId: turnCase },
      index,
      source.currentRevisionId,
      source.id,
      m.projectId,
    );
    await m.record.insert("turns", {
      ...row,
      id: ids[index] as string,
      replyTo:
        turn.replyTo === null || turn.replyTo === undefined ? null : (ids[turn.replyTo] as string),
      quotes: JSON.stringify((turn.quotes ?? []).map((target) => ids[target])),
    });
  }
  return { source, turns: input.turns.length, casesCreated };
}
