/**
 * Word documents (.docx): text and headings through mammoth (DOCX → HTML → readable text). The
 * container is checked first (size, compression ratio, no DTDs) so a hostile file is refused
 * before mammoth unpacks it. Pictures, comments, footnotes and tracked changes are not imported;
 * the result says which of them the file held so the import report can name them.
 */
import { FormatError } from "./errors.js";
import { type HtmlHeading, htmlToText } from "./html.js";
import { loadMammoth } from "./lazy.js";
import { describeContainer, readDocumentBytes, sniffContainer } from "./read-bytes.js";
import { checkZip, type ZipLimits } from "./zip-limits.js";

export interface DocxText {
  /** Canonical text, one line per paragraph. */
  text: string;
  headings: HtmlHeading[];
  /** The document title from its properties, if set. */
  title: string | null;
  /** Parts of the document that were not imported, each a sentence for the report. */
  skipped: string[];
  /** mammoth's notes on styles it did not recognise and the like. */
  warnings: string[];
}

/**
 * Reads a DOCX file's text and headings.
 * @param name how to name the file in messages.
 * @throws FormatError naming the file for an empty, truncated, non-DOCX or hostile file.
 */
export async function readDocx(
  path: string,
  name: string,
  limits: ZipLimits = {},
): Promise<DocxText> {
  return docxFromBytes(await readDocumentBytes(path, "docx", name), name, limits);
}

/**
 * The same from bytes already in memory.
 * @throws FormatError as `readDocx`.
 */
export async function docxFromBytes(
  bytes: Uint8Array,
  name: string,
  limits: ZipLimits = {},
): Promise<DocxText> {
  if (sniffContainer(bytes) !== "zip")
    throw new FormatError(
      "docx",
      name,
      `is not a Word document (.docx): it is ${describeContainer(bytes)}`,
    );
  const { entries, kept } = await checkZip(
    bytes,
    "docx",
    name,
    limits,
    (entry) => entry === "docProps/core.xml",
  );
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has("word/document.xml"))
    throw new FormatError(
      "docx",
      name,
      "is a ZIP archive but not a Word document (no word/document.xml)",
    );
  const mammoth = await loadMammoth();
  let images = 0;
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        convertImage: mammoth.images.imgElement(async () => {
          images++;
          return { src: "" };
        }),
        externalFileAccess: false,
      },
    );
  } catch (error) {
    throw new FormatError(
      "docx",
      name,
      `cannot be read as a Word document (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
  const converted = await htmlToText(result.value);
  const skipped: string[] = [];
  if (images > 0)
    skipped.push(`${images} image${images === 1 ? "" : "s"} (pictures are not imported)`);
  if (names.has("word/comments.xml")) skipped.push("comments (Word comments are not imported)");
  if (converted.tables > 0)
    skipped.push(
      `table layout of ${converted.tables} table${converted.tables === 1 ? "" : "s"} (rows kept as lines, cells tab-separated)`,
    );
  const warnings = result.messages
    .filter((message) => message.type === "warning" || message.type === "error")
    .map((message) => message.message)
    .filter((message, index, all) => all.indexOf(message) === index)
    .slice(0, 20);
  return {
    text: converted.text,
    headings: converted.headings,
    title: documentTitle(kept.get("docProps/core.xml")),
    skipped,
    warnings,
  };
}

function documentTitle(core: Uint8Array | undefined): string | null {
  if (!core) return null;
  const match = /<dc:title>([^<]*)<\/dc:title>/.exec(new TextDecoder().decode(core));
  const title = match?.[1]?.trim();
  return title ? title : null;
}
