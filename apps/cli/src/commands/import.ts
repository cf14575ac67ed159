/**
 * `quire import`: transcripts (plain text, Markdown) with speaker turns, and CSV files of short
 * responses, into a project. All files of one call are one transaction: a bad file leaves the
 * project exactly as it was.
 */
import { basename, extname } from "node:path";
import { isSourceKind, QuireError, SOURCE_KINDS, type SourceKind } from "@quire/core";
import {
  defineAttribute,
  findSource,
  type ImportResult,
  importSources,
  mutate,
  replaceSourceText,
  type SourceInput,
} from "@quire/db";
import {
  type CsvInspection,
  inspectCsv,
  parseTranscript,
  readCsvRows,
  readTextFile,
} from "@quire/formats";
import type { GlobalOptions } from "../context.js";
import { withSession } from "../context.js";
import type { Output } from "../output.js";
import { startProgress } from "../progress.js";

export interface ImportOptions extends GlobalOptions {
  kind?: string;
  textColumn?: string;
  idColumn?: string;
  attributes?: string;
  delimiter?: string;
  replace?: boolean;
}

const TRANSCRIPT_EXTENSIONS: Record<string, "text" | "markdown"> = {
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
};
const CSV_EXTENSIONS = new Set([".csv", ".tsv"]);

export async function importCommand(
  location: string,
  files: string[],
  options: ImportOptions,
  out: Output,
): Promise<void> {
  const kind = options.kind ?? "interview";
  if (!isSourceKind(kind))
    throw new QuireError(
      "invalid_input",
      `unknown source kind "${kind}"; choose one of ${SOURCE_KINDS.join(", ")}`,
    );
  for (const file of files) {
    const extension = extname(file).toLowerCase();
    if (!(extension in TRANSCRIPT_EXTENSIONS) && !CSV_EXTENSIONS.has(extension))
      throw new QuireError(
        "invalid_input",
        `${file}: Quire cannot import "${extension || "extensionless"}" files yet (it reads .txt, .md and .csv)`,
      );
  }
  await withSession(location, options, async (session) => {
    const csvFiles = files.filter((file) => CSV_EXTENSIONS.has(extname(file).toLowerCase()));
    const textFiles = files.filter((file) => !CSV_EXTENSIONS.has(extname(file).toLowerCase()));
    const summary = {
      sources: 0,
      cases: 0,
      turns: 0,
      replaced: 0,
      emptyResponses: 0,
      files: files.length,
    };
    // Read and check every file before writing anything.
    const inspections = new Map<string, CsvInspection>();
    for (const file of csvFiles) {
      if (!options.textColumn)
        throw new QuireError(
          "invalid_input",
          `${file}: name the column that holds the text with --text-column`,
        );
      out.note(`checking ${file}…`);
      inspections.set(
        file,
        await inspectCsv(file, {
          textColumn: options.textColumn,
          ...(options.idColumn ? { idColumn: options.idColumn } : {}),
          ...(options.attributes ? { attributeColumns: splitList(options.attributes) } : {}),
          ...(options.delimiter ? { delimiter: options.delimiter } : {}),
        }),
      );
    }
    const transcripts: Transcript[] = [];
    for (const file of textFiles) transcripts.push(await readTranscript(file, kind));

    await mutate(
      session.store,
      { projectId: session.project.id, actor: session.actor, action: "import" },
      async (m) => {
        const fresh: SourceInput[] = [];
        for (const transcript of transcripts) {
          const existing = await findSource(m.store, session.project.id, transcript.title).catch(
            () => null,
          );
          if (existing && !options.replace)
            throw new QuireError(
              "conflict",
              `${transcript.file}: a source titled "${transcript.title}" exists; re-import it with --replace (codings are re-anchored)`,
            );
          if (existing) {
            const turns = (transcript.input.turns ?? []).map(
              ({ caseName: _caseName, ...turn }) => turn,
            );
            const result = await replaceSourceText(m, existing.id, transcript.input.text, turns);
            summary.replaced++;
            out.note(
              `${transcript.file}: replaced; ${result.remapped + result.fuzzy} codings moved, ${result.orphaned} orphaned`,
            );
          } else fresh.push(transcript.input);
        }
        if (fresh.length > 0) add(summary, await importSources(m, fresh));
        for (const [file, inspection] of inspections) {
          for (const attribute of inspection.attributes) await defineAttribute(m, attribute);
          summary.emptyResponses += inspection.emptyTextCount;
          const progress = startProgress(basename(file), inspection.rowCount, !out.json);
          try {
            add(
              summary,
              await importSources(m, csvInputs(file, inspection, options), {
                onProgress: (n) => progress.update(n),
              }),
            );
          } finally {
            progress.stop();
          }
        }
        m.summary = `imported ${summary.sources} sources from ${files.length} file${files.length === 1 ? "" : "s"}`;
      },
    );
    out.result(summary, (s) => {
      out.line(
        `imported ${s.sources} sources (${s.turns} speaker turns, ${s.cases} new cases) from ${s.files} files into "${session.project.name}"`,
      );
      if (s.replaced > 0) out.line(`re-imported ${s.replaced} sources, keeping their codings`);
      if (s.emptyResponses > 0)
        out.line(`${s.emptyResponses} responses are blank (kept: a non-response is data)`);
    });
  });
}

function add(summary: { sources: number; cases: number; turns: number }, result: ImportResult) {
  summary.sources += result.sources;
  summary.cases += result.casesCreated;
  summary.turns += result.turns;
}

interface Transcript {
  file: string;
  title: string;
  input: SourceInput;
}

async function readTranscript(file: string, kind: SourceKind): Promise<Transcript> {
  const format = TRANSCRIPT_EXTENSIONS[extname(file).toLowerCase()] ?? "text";
  const title = basename(file, extname(file));
  const parsed = parseTranscript(await readTextFile(file), {
    file,
    format,
    ...(kind === "focus_group" ? { kind: "focus_group" as const } : { kind: "interview" as const }),
  });
  // An interview belongs to its participant, named after the file; a focus group to no one person.
  const sourceCase = kind === "focus_group" ? null : title;
  const generic = new Set(
    parsed.speakers.filter((speaker) => speaker.generic).map((speaker) => speaker.label),
  );
  const input: SourceInput = {
    kind,
    title,
    text: parsed.text,
    metadata: { file: basename(file), format },
    caseName: sourceCase,
    turns: parsed.turns.map((turn) => ({
      start: turn.start,
      end: turn.end,
      speaker: turn.speaker,
      role: turn.role,
      timeStart: turn.timeStart,
      timeEnd: turn.timeEnd,
      caseName: speakerCase(turn, generic, sourceCase),
    })),
  };
  return { file, title, input };
}

/** Interviewers and moderators are no case; an anonymous "R:" is the source's case; named speakers are their own. */
function speakerCase(
  turn: { speaker: string; role: string },
  generic: Set<string>,
  sourceCase: string | null,
): string | null {
  if (turn.role === "interviewer" || turn.role === "moderator") return null;
  if (generic.has(turn.speaker)) return sourceCase;
  return turn.speaker;
}

async function* csvInputs(
  file: string,
  inspection: CsvInspection,
  options: ImportOptions,
): AsyncGenerator<SourceInput> {
  const stem = basename(file, extname(file));
  for await (const row of readCsvRows(file, {
    textColumn: options.textColumn ?? "",
    ...(options.idColumn ? { idColumn: options.idColumn } : {}),
    delimiter: inspection.delimiter,
    attributes: inspection.attributes,
  })) {
    const name = row.id ?? `${stem}:${row.line}`;
    yield {
      kind: "response",
      title: name,
      text: row.text,
      metadata: { file: basename(file), line: row.line },
      caseName: name,
      caseKind: "respondent",
      caseAttributes: row.attributes,
    };
  }
}

function splitList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
