/**
 * Documents: Word (.docx), OpenDocument text (.odt), PDF and HTML pages that are not forum
 * threads. The text is extracted by `@quire/formats`; when it holds speaker labels over most of
 * its length it is a transcript and gets speaker turns exactly as a .txt transcript would
 * (interview by default); otherwise it is one source without turns — a `published_study` for a
 * PDF, a `field_note` otherwise, unless a kind is given. PDF sources keep their page boundaries
 * in `metadata.pages` (SYN-2: an extract knows its page); headings are kept in `metadata.headings`.
 */
import { basename, extname } from "node:path";
import { isSourceKind, QuireError, SOURCE_KINDS, type SourceKind } from "@quire/core";
import type { SourceInput } from "@quire/db";
import {
  type HtmlHeading,
  htmlToText,
  parseTranscript,
  readDocx,
  readOdt,
  readPdf,
  readTextFile,
} from "@quire/formats";
import {
  emptyReport,
  type FileImporter,
  type ImportOptions,
  type PreparedFile,
} from "../importer.js";
import { looksLikeTranscript, transcriptSource, writeTextSource } from "./text-source.js";

interface Extracted {
  format: string;
  text: string;
  headings: HtmlHeading[];
  title: string | null;
  metadata: Record<string, unknown>;
  skipped: string[];
  warnings: string[];
  defaultKind: SourceKind;
}

/**
 * Makes a prepared file from extracted text, detecting a transcript in it.
 * @throws QuireError for an unknown kind; FormatError for a document with no text.
 */
export function prepareDocument(
  name: string,
  extracted: Extracted,
  options: ImportOptions,
): PreparedFile {
  const kind = options.kind ?? null;
  if (kind !== null && !isSourceKind(kind))
    throw new QuireError(
      "invalid_input",
      `unknown source kind "${kind}"; choose one of ${SOURCE_KINDS.join(", ")}`,
    );
  const title = basename(name, extname(name));
  const metadata: Record<string, unknown> = {
    file: basename(name),
    format: extracted.format,
    ...(extracted.title ? { documentTitle: extracted.title } : {}),
    ...(extracted.headings.length > 0
      ? { headings: extracted.headings.map(({ level, text, start }) => ({ level, text, start })) }
      : {}),
    ...extracted.metadata,
  };
  const parsed = parseTranscript(extracted.text, {
    file: name,
    format: "text",
    ...(kind === "focus_group"
      ? { kind: "focus_group" as const }
      : kind === "interview"
        ? { kind: "interview" as const }
        : {}),
  });
  const transcript = looksLikeTranscript(parsed) && parsed.text === extracted.text;
  let input: SourceInput;
  if (transcript) {
    input = transcriptSource(parsed, {
      kind: (kind as SourceKind | null) ?? "interview",
      title,
      metadata,
    });
  } else {
    input = {
      kind: (kind as SourceKind | null) ?? extracted.defaultKind,
      title,
      text: extracted.text,
      metadata,
    };
  }
  return {
    async write(m, hooks) {
      const report = emptyReport(name, extracted.format);
      report.skipped.push(...extracted.skipped);
      report.warnings.push(...extracted.warnings);
      if (transcript)
        report.warnings.push(
          ...parsed.warnings,
          `speaker turns detected: ${parsed.turns.length} turns of ${parsed.speakers.length} speakers`,
        );
      if (extracted.text.trim() === "")
        report.warnings.push("no text was found; the source is empty");
      return writeTextSource(m, hooks, name, input, options.replace, report);
    },
  };
}

export const docxImporter: FileImporter = {
  format: "DOCX",
  extensions: [".docx"],
  async prepare(path, options) {
    const name = options.displayName ?? path;
    const docx = await readDocx(path, name);
    return prepareDocument(
      name,
      { format: "docx", ...docx, metadata: {}, defaultKind: "field_note" },
      options,
    );
  },
};

export const odtImporter: FileImporter = {
  format: "ODT",
  extensions: [".odt"],
  async prepare(path, options) {
    const name = options.displayName ?? path;
    const odt = await readOdt(path, name);
    return prepareDocument(
      name,
      { format: "odt", ...odt, title: null, warnings: [], metadata: {}, defaultKind: "field_note" },
      options,
    );
  },
};

export const pdfImporter: FileImporter = {
  format: "PDF",
  extensions: [".pdf"],
  async prepare(path, options, hooks) {
    const name = options.displayName ?? path;
    const pdf = await readPdf(path, name);
    hooks.progress?.(name, pdf.pages.length, pdf.pages.length);
    const skipped =
      pdf.emptyPages.length === 0
        ? []
        : [
            `${pdf.emptyPages.length === 1 ? "page" : "pages"} ${ranges(pdf.emptyPages)}: scanned page${pdf.emptyPages.length === 1 ? "" : "s"}, no text layer (run OCR first to import ${pdf.emptyPages.length === 1 ? "it" : "them"})`,
          ];
    return prepareDocument(
      name,
      {
        format: "pdf",
        text: pdf.text,
        headings: [],
        title: pdf.title,
        metadata: { pages: pdf.pages, pageCount: pdf.pages.length },
        skipped,
        warnings: [],
        defaultKind: "published_study",
      },
      options,
    );
  },
};

/** An HTML page that is not a forum thread (the forum importer hands those over). */
export async function prepareHtmlDocument(
  path: string,
  name: string,
  options: ImportOptions,
  html?: string,
): Promise<PreparedFile> {
  const page = await htmlToText(html ?? (await readTextFile(path, { name })));
  const skipped =
    page.images > 0
      ? [`${page.images} image${page.images === 1 ? "" : "s"} (pictures are not imported)`]
      : [];
  return prepareDocument(
    name,
    {
      format: "html",
      text: page.text,
      headings: page.headings,
      title: page.title,
      metadata: {},
      skipped,
      warnings: [],
      defaultKind: "field_note",
    },
    options,
  );
}

/** `[1, 2, 3, 7]` → `1–3, 7`. */
function ranges(numbers: readonly number[]): string {
  const parts: string[] = [];
  let from = numbers[0];
  let to = from;
  for (const number of [...numbers.slice(1), Number.NaN]) {
    if (to !== undefined && number === to + 1) {
      to = number;
      continue;
    }
    if (from !== undefined) parts.push(from === to ? String(from) : `${from}–${to}`);
    from = number;
    to = number;
  }
  return parts.join(", ");
}
