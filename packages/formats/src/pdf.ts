/**
 * PDF text with page numbers, through pdfjs-dist (its legacy build, which runs in Node without a
 * worker thread or network). Each page's text becomes lines; pages are joined by one `\n` and
 * their boundaries are recorded, so any passage can say which page it is on (SYN-2: extracts keep
 * their page numbers). A page with no text layer is a scanned image: it is listed, not guessed at.
 */
import { canonicalText } from "@quire/core";
import { FormatError } from "./errors.js";
import { describeContainer, readDocumentBytes, sniffContainer } from "./read-bytes.js";

export interface PdfPage {
  /** 1-based page number. */
  page: number;
  /** Offsets of the page's text in `PdfText.text` (equal when the page has no text). */
  start: number;
  end: number;
}

export interface PdfText {
  text: string;
  pages: PdfPage[];
  /** Page numbers with no text layer (scanned pages). */
  emptyPages: number[];
  title: string | null;
}

export interface PdfOptions {
  /** Pages to read at most (default 5,000). */
  maxPages?: number;
}

interface TextItem {
  str?: string;
  hasEOL?: boolean;
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjs: Promise<PdfJs> | null = null;

/**
 * Reads a PDF's text page by page.
 * @throws FormatError naming the file (and page, where the failure is on one) for an empty,
 *   encrypted, damaged or non-PDF file.
 */
export async function readPdf(
  path: string,
  name: string,
  options: PdfOptions = {},
): Promise<PdfText> {
  return pdfFromBytes(await readDocumentBytes(path, "pdf", name), name, options);
}

/**
 * The same from bytes in memory (the bytes are copied; pdf.js takes ownership of its copy).
 * @throws FormatError as `readPdf`.
 */
export async function pdfFromBytes(
  bytes: Uint8Array,
  name: string,
  options: PdfOptions = {},
): Promise<PdfText> {
  if (sniffContainer(bytes) !== "pdf" && !hasPdfHeader(bytes))
    throw new FormatError("pdf", name, `is not a PDF: it is ${describeContainer(bytes)}`);
  pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  const lib = await pdfjs;
  const task = lib.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw new FormatError("pdf", name, `cannot be opened (${pdfReason(error)})`, { cause: error });
  }
  try {
    const maxPages = options.maxPages ?? 5_000;
    if (doc.numPages > maxPages)
      throw new FormatError(
        "pdf",
        name,
        `has ${doc.numPages} pages, more than the ${maxPages} Quire reads`,
      );
    const pages: PdfPage[] = [];
    const emptyPages: number[] = [];
    let text = "";
    for (let number = 1; number <= doc.numPages; number++) {
      let pageText: string;
      try {
        const page = await doc.getPage(number);
        const content = await page.getTextContent();
        pageText = pageLines(content.items as TextItem[]);
        page.cleanup();
      } catch (error) {
        throw new FormatError("pdf", name, `page ${number} cannot be read (${pdfReason(error)})`, {
          cause: error,
        });
      }
      if (pageText === "") {
        emptyPages.push(number);
        pages.push({ page: number, start: text.length, end: text.length });
        continue;
      }
      if (text !== "") text += "\n";
      pages.push({ page: number, start: text.length, end: text.length + pageText.length });
      text += pageText;
    }
    let title: string | null = null;
    try {
      const meta = await doc.getMetadata();
      const info = meta.info as { Title?: unknown } | undefined;
      title =
        typeof info?.Title === "string" && info.Title.trim() !== "" ? info.Title.trim() : null;
    } catch {
      // A broken info dictionary costs only the title.
    }
    return { text, pages, emptyPages, title };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/** Joins a page's text items into lines: `hasEOL` ends a line; blank lines are dropped. */
function pageLines(items: readonly TextItem[]): string {
  let line = "";
  const lines: string[] = [];
  for (const item of items) {
    line += item.str ?? "";
    if (item.hasEOL) {
      lines.push(line);
      line = "";
    }
  }
  lines.push(line);
  return canonicalText(
    lines
      .map((each) => each.replace(/\s+/g, " ").trim())
      .filter((each) => each !== "")
      .join("\n"),
  );
}

/** The page a text offset falls on, or null when it is outside every page. */
export function pageAt(pages: readonly PdfPage[], offset: number): number | null {
  for (const page of pages)
    if (page.start !== page.end && offset >= page.start && offset <= page.end) return page.page;
  return null;
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  // The header may follow a little junk (it must be within the first 1024 bytes).
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  return head.includes("%PDF-");
}

function pdfReason(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "PasswordException") return "it is password-protected";
  if (name === "InvalidPDFException") return "invalid PDF structure";
  return error instanceof Error && error.message ? error.message : String(error);
}
