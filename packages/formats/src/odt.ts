/**
 * OpenDocument text (.odt): paragraphs and headings from `content.xml`, read with saxes after the
 * container passed the ZIP limits (no DTDs or entities). No maintained JavaScript library turns
 * ODT into text, but the format is plain: `text:h` and `text:p` are lines; `text:s`, `text:tab`
 * and `text:line-break` are spaces, tabs and breaks. Pictures, comments (`office:annotation`) and
 * footnotes (`text:note`) are left out and counted for the import report.
 */
import { canonicalText } from "@quire/core";
import type { SaxesParser } from "saxes";
import { FormatError } from "./errors.js";
import type { HtmlHeading } from "./html.js";
import { loadSaxes } from "./lazy.js";
import { describeContainer, readDocumentBytes, sniffContainer } from "./read-bytes.js";
import { checkZip, type ZipLimits } from "./zip-limits.js";

export interface OdtText {
  text: string;
  headings: HtmlHeading[];
  skipped: string[];
}

/**
 * Reads an ODT file's text and headings.
 * @throws FormatError naming the file (and line of content.xml) for a damaged or hostile file.
 */
export async function readOdt(
  path: string,
  name: string,
  limits: ZipLimits = {},
): Promise<OdtText> {
  const bytes = await readDocumentBytes(path, "odt", name);
  if (sniffContainer(bytes) !== "zip")
    throw new FormatError(
      "odt",
      name,
      `is not an OpenDocument text (.odt): it is ${describeContainer(bytes)}`,
    );
  const { kept } = await checkZip(
    bytes,
    "odt",
    name,
    limits,
    (entry) => entry === "content.xml" || entry === "mimetype",
  );
  const mimetype = new TextDecoder().decode(kept.get("mimetype") ?? new Uint8Array());
  const content = kept.get("content.xml");
  if (!content || (mimetype !== "" && !mimetype.includes("opendocument.text")))
    throw new FormatError(
      "odt",
      name,
      "is a ZIP archive but not an OpenDocument text (no content.xml)",
    );
  const saxes = await loadSaxes();
  return odtContent(saxes.SaxesParser, new TextDecoder().decode(content), name);
}

function odtContent(Parser: typeof SaxesParser, xml: string, name: string): OdtText {
  const lines: { text: string; heading: number }[] = [];
  let line: string | null = null;
  let heading = 0;
  let depth = 0;
  let skip = 0;
  let images = 0;
  let comments = 0;
  let notes = 0;
  const parser = new Parser({ xmlns: false });
  parser.on("doctype", () => {
    throw new FormatError("odt", name, "content.xml declares a DTD, which Quire does not read");
  });
  parser.on("opentag", (tag) => {
    if (tag.name === "office:annotation") comments++;
    if (tag.name === "text:note") notes++;
    if (tag.name === "draw:image") images++;
    if (
      tag.name === "office:annotation" ||
      tag.name === "text:note" ||
      tag.name === "text:tracked-changes"
    ) {
      if (!tag.isSelfClosing) skip++;
      return;
    }
    if (skip > 0) return;
    if (tag.name === "text:p" || tag.name === "text:h") {
      depth++;
      if (depth === 1) {
        line = "";
        heading =
          tag.name === "text:h" ? Number(tag.attributes["text:outline-level"] ?? 1) || 1 : 0;
      }
      if (tag.isSelfClosing) close(tag.name);
      return;
    }
    if (line === null) return;
    if (tag.name === "text:s")
      line += " ".repeat(Math.min(1000, Number(tag.attributes["text:c"] ?? 1) || 1));
    else if (tag.name === "text:tab") line += "\t";
    else if (tag.name === "text:line-break") line += "\n";
  });
  const close = (tagName: string) => {
    if (tagName !== "text:p" && tagName !== "text:h") return;
    depth--;
    if (depth === 0 && line !== null) {
      for (const part of line.split("\n"))
        if (part.trim() !== "") lines.push({ text: part.trim(), heading });
      line = null;
    }
  };
  parser.on("closetag", (tag) => {
    if (
      tag.name === "office:annotation" ||
      tag.name === "text:note" ||
      tag.name === "text:tracked-changes"
    ) {
      skip = Math.max(0, skip - 1);
      return;
    }
    if (skip > 0) return;
    close(tag.name);
  });
  parser.on("text", (text) => {
    if (skip === 0 && line !== null) line += text.replace(/\s+/g, " ");
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new FormatError(
      "odt",
      name,
      `content.xml is not well-formed XML (${error instanceof Error ? error.message : String(error)})`,
      {
        cause: error,
      },
    );
  }
  const headings: HtmlHeading[] = [];
  let text = "";
  for (const [index, entry] of lines.entries()) {
    if (index > 0) text += "\n";
    const clean = canonicalText(entry.text);
    if (entry.heading > 0)
      headings.push({
        level: Math.min(6, entry.heading),
        text: clean,
        start: text.length,
        end: text.length + clean.length,
      });
    text += clean;
  }
  const skipped: string[] = [];
  if (images > 0)
    skipped.push(`${images} image${images === 1 ? "" : "s"} (pictures are not imported)`);
  if (comments > 0) skipped.push(`${comments} comment${comments === 1 ? "" : "s"}`);
  if (notes > 0)
    skipped.push(`${notes} footnote${notes === 1 ? "" : "s"} or endnote${notes === 1 ? "" : "s"}`);
  return { text, headings, skipped };
}
