/**
 * HTML to readable text: what a person sees when reading the page. Scripts, styles and the other
 * parts a browser does not show are dropped; each block (paragraph, heading, list item, table row…)
 * becomes one line, so blocks are separated by exactly one `\n`; runs of spaces inside a block are
 * one space, as a browser renders them, except inside `<pre>`. Headings are recorded with their
 * offsets so a passage can be placed under its section. DOCX text comes through here too (mammoth
 * converts it to HTML first).
 */
import { canonicalText } from "@quire/core";
import type { Parser } from "htmlparser2";
import { loadHtmlparser2 } from "./lazy.js";

export interface HtmlHeading {
  /** 1–6, from `<h1>`–`<h6>`. */
  level: number;
  text: string;
  /** Offsets of the heading line in `HtmlText.text`. */
  start: number;
  end: number;
}

export interface HtmlText {
  /** Canonical text: one line per block. */
  text: string;
  /** The document's `<title>`, if any. */
  title: string | null;
  headings: HtmlHeading[];
  /** `<img>` elements (their pictures are not imported). */
  images: number;
  /** Tables met (their rows become lines, cells separated by a tab). */
  tables: number;
}

/** Elements whose content a reader never sees. */
const HIDDEN = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "svg",
  "math",
  "iframe",
  "object",
  "canvas",
  "select",
  "button",
]);

/** Elements that start and end a line. */
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "html",
  "legend",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

/** Void elements: no end tag, so they never wrap hidden content. */
const VOID = new Set(["br", "hr", "img", "input", "meta", "link", "area", "base", "col", "wbr"]);

/**
 * Converts HTML to readable text. Never rejects: htmlparser2 is forgiving, as browsers are.
 */
export async function htmlToText(html: string): Promise<HtmlText> {
  const { Parser } = await loadHtmlparser2();
  return convertHtml(Parser, html);
}

/**
 * `htmlToText` with htmlparser2 already loaded, for the forum reader, which converts every post's
 * pieces in one synchronous pass. Not part of the package's surface.
 */
export function convertHtml(HtmlParser: typeof Parser, html: string): HtmlText {
  const lines: { text: string; heading: number }[] = [];
  let line = "";
  let hidden = 0;
  let pre = 0;
  let heading = 0;
  let title: string | null = null;
  let inTitle = false;
  let images = 0;
  let tables = 0;
  let cellInRow = 0;
  const stack: string[] = [];

  const flush = () => {
    const text = line.replace(/[ \t]+$/g, "").replace(/^[ ]+/, "");
    if (text.trim() !== "") lines.push({ text, heading });
    line = "";
  };
  const append = (raw: string) => {
    if (pre > 0) {
      const parts = raw.replace(/\r\n?/g, "\n").split("\n");
      parts.forEach((part, index) => {
        if (index > 0) flush();
        line += part;
      });
      return;
    }
    const collapsed = raw.replace(/[\s\u200b]+/g, (space) =>
      space.includes("\u00a0") ? "\u00a0" : " ",
    );
    if (collapsed.startsWith(" ") && (line === "" || line.endsWith(" ")))
      line += collapsed.slice(1);
    else line += collapsed;
  };

  const parser = new HtmlParser(
    {
      onopentag(name) {
        if (!VOID.has(name)) stack.push(name);
        // The title sits in the hidden head; it is the one part of it kept.
        if (name === "title") inTitle = true;
        if (HIDDEN.has(name) && !VOID.has(name)) {
          hidden++;
          return;
        }
        if (hidden > 0) return;
        if (name === "img") images++;
        if (name === "table") tables++;
        if (name === "br") {
          flush();
          return;
        }
        if (name === "tr") cellInRow = 0;
        if (name === "td" || name === "th") {
          // Cells stay on their row's line, separated by a tab.
          if (cellInRow++ > 0) line = `${line.replace(/ $/, "")}\t`;
          return;
        }
        if (BLOCK.has(name)) flush();
        if (name === "pre") pre++;
        const level = /^h([1-6])$/.exec(name);
        if (level) heading = Number(level[1]);
      },
      ontext(text) {
        if (inTitle) {
          title = `${title ?? ""}${text}`;
          return;
        }
        if (hidden > 0) return;
        append(text);
      },
      onclosetag(name, implied) {
        if (VOID.has(name)) return;
        // Unbalanced markup: close up to the matching open element, as a browser would.
        const at = stack.lastIndexOf(name);
        if (at === -1) return;
        stack.length = at;
        void implied;
        if (name === "title") inTitle = false;
        if (HIDDEN.has(name)) {
          hidden = Math.max(0, hidden - 1);
          return;
        }
        if (hidden > 0) return;
        if (name === "td" || name === "th") return;
        if (BLOCK.has(name)) flush();
        if (name === "pre") pre = Math.max(0, pre - 1);
        if (/^h[1-6]$/.test(name)) heading = 0;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  flush();

  const headings: HtmlHeading[] = [];
  let text = "";
  for (const [index, entry] of lines.entries()) {
    if (index > 0) text += "\n";
    const clean = canonicalText(entry.text);
    if (entry.heading > 0)
      headings.push({
        level: entry.heading,
        text: clean,
        start: text.length,
        end: text.length + clean.length,
      });
    text += clean;
  }
  const cleanTitle = (title as string | null)?.replace(/\s+/g, " ").trim() || null;
  return { text: canonicalText(text), title: cleanTitle, headings, images, tables };
}
