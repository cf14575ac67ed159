/**
 * Writing one text source (a document or a transcript) into the import's mutation: a new source,
 * or — when a source of that title exists and `replace` is set — a new revision of it with its
 * codings re-anchored. Shared by every importer that makes one source per file.
 */
import { QuireError, type SourceKind } from "@quire/core";
import {
  findSource,
  importSources,
  type Mutation,
  replaceSourceText,
  type SourceInput,
} from "@quire/db";
import type { ParsedTranscript } from "@quire/formats";
import type { FileReport, ImportHooks } from "../importer.js";

/**
 * Stores `input`, filling the report's counts.
 * @throws QuireError `conflict` when the title exists and `replace` is not set.
 */
export async function writeTextSource(
  m: Mutation,
  hooks: ImportHooks,
  name: string,
  input: SourceInput,
  replace: boolean | undefined,
  report: FileReport,
): Promise<FileReport> {
  const existing = await findSource(m.store, m.projectId, input.title).catch(() => null);
  if (existing && !replace)
    throw new QuireError(
      "conflict",
      `${name}: a source titled "${input.title}" exists; re-import it with replace (codings are re-anchored)`,
    );
  if (existing) {
    const turns = (input.turns ?? []).map(({ caseName: _caseName, ...turn }) => turn);
    const result = await replaceSourceText(m, existing.id, input.text, turns);
    hooks.note?.(
      `${name}: replaced; ${result.remapped + result.fuzzy} codings moved, ${result.orphaned} orphaned`,
    );
    return { ...report, replaced: 1, turns: turns.length };
  }
  const result = await importSources(m, [input]);
  return { ...report, sources: result.sources, cases: result.casesCreated, turns: result.turns };
}

/**
 * A source with speaker turns, cases as the transcript importer makes them: the source belongs to
 * a case named after it (not for focus groups); a generic respondent label is that case; named
 * speakers are their own cases; interviewers and moderators are none.
 */
export function transcriptSource(
  parsed: Pick<ParsedTranscript, "text" | "turns" | "speakers">,
  meta: { kind: SourceKind; title: string; metadata: Record<string, unknown> },
): SourceInput {
  const sourceCase = meta.kind === "focus_group" ? null : meta.title;
  const generic = new Set(
    parsed.speakers.filter((speaker) => speaker.generic).map((speaker) => speaker.label),
  );
  return {
    kind: meta.kind,
    title: meta.title,
    text: parsed.text,
    metadata: meta.metadata,
    caseName: sourceCase,
    turns: parsed.turns.map((turn) => ({
      start: turn.start,
      end: turn.end,
      speaker: turn.speaker,
      role: turn.role,
      timeStart: turn.timeStart,
      timeEnd: turn.timeEnd,
      caseName:
        turn.role === "interviewer" || turn.role === "moderator"
          ? null
          : generic.has(turn.speaker)
            ? sourceCase
            : turn.speaker,
    })),
  };
}

/** Whether detected turns describe the text well enough to call it a transcript. */
export function looksLikeTranscript(parsed: Pick<ParsedTranscript, "text" | "turns">): boolean {
  if (parsed.turns.length < 2) return false;
  const covered = parsed.turns.reduce((sum, turn) => sum + (turn.end - turn.labelStart), 0);
  return covered >= parsed.text.length * 0.5;
}
