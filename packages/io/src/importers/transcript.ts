/**
 * Transcripts as plain text or Markdown: speaker turns detected, mapped to cases. An interview
 * belongs to a case named after the file; an anonymous respondent label (`R:`) is that case;
 * interviewers and moderators are no case; named speakers (`P07:`, `Anna:`) are their own cases.
 * A focus group belongs to no single case.
 */
import { basename, extname } from "node:path";
import { isSourceKind, QuireError, SOURCE_KINDS, type SourceKind } from "@quire/core";
import { findSource, importSources, replaceSourceText, type SourceInput } from "@quire/db";
import { parseTranscript, readTextFile } from "@quire/formats";
import { emptyReport, type FileImporter } from "../importer.js";

export const transcriptImporter: FileImporter = {
  format: "transcript",
  extensions: [".txt", ".text", ".md", ".markdown"],
  async prepare(path, options) {
    const kind = options.kind ?? "interview";
    if (!isSourceKind(kind))
      throw new QuireError(
        "invalid_input",
        `unknown source kind "${kind}"; choose one of ${SOURCE_KINDS.join(", ")}`,
      );
    const name = options.displayName ?? path;
    const extension = extname(name).toLowerCase();
    const format = extension === ".md" || extension === ".markdown" ? "markdown" : "text";
    const title = basename(name, extname(name));
    const parsed = parseTranscript(await readTextFile(path, { name }), {
      file: name,
      format,
      kind: kind === "focus_group" ? "focus_group" : "interview",
    });
    const input = toSourceInput(parsed, { kind, title, file: basename(name), format });
    return {
      async write(m, hooks) {
        const report = emptyReport(name, "transcript");
        report.warnings.push(...parsed.warnings);
        const existing = await findSource(m.store, m.projectId, title).catch(() => null);
        if (existing && !options.replace)
          throw new QuireError(
            "conflict",
            `${name}: a source titled "${title}" exists; re-import it with replace (codings are re-anchored)`,
          );
        if (existing) {
          const turns = (input.turns ?? []).map(({ caseName: _caseName, ...turn }) => turn);
          const result = await replaceSourceText(m, existing.id, input.text, turns);
          report.replaced = 1;
          report.turns = turns.length;
          hooks.note?.(
            `${name}: replaced; ${result.remapped + result.fuzzy} codings moved, ${result.orphaned} orphaned`,
          );
          return report;
        }
        const result = await importSources(m, [input]);
        return {
          ...report,
          sources: result.sources,
          cases: result.casesCreated,
          turns: result.turns,
        };
      },
    };
  },
};

interface Parsed {
  text: string;
  turns: {
    start: number;
    end: number;
    speaker: string;
    role: string;
    timeStart: number | null;
    timeEnd: number | null;
  }[];
  speakers: { label: string; generic: boolean }[];
}

function toSourceInput(
  parsed: Parsed,
  meta: { kind: SourceKind; title: string; file: string; format: string },
): SourceInput {
  const sourceCase = meta.kind === "focus_group" ? null : meta.title;
  const generic = new Set(
    parsed.speakers.filter((speaker) => speaker.generic).map((speaker) => speaker.label),
  );
  return {
    kind: meta.kind,
    title: meta.title,
    text: parsed.text,
    metadata: { file: meta.file, format: meta.format },
    caseName: sourceCase,
    turns: parsed.turns.map((turn) => ({
      start: turn.start,
      end: turn.end,
      speaker: turn.speaker,
      role: turn.role as never,
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
