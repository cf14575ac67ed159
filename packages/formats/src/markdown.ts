/**
 * Markdown transcripts to plain text, line by line. A full CommonMark renderer would join hard-wrapped
 * lines into paragraphs; transcripts are read as written, so each source line stays one line and only
 * the markup (headings, emphasis, links, quotes, code fences, rules, front matter) is removed.
 */
import { canonicalText } from "@quire/core";

const HEADING = /^(\s{0,3})#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+[ \t]*)?$/;
const RULE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$/;
const FENCE = /^ {0,3}(```|~~~)/;
const QUOTE = /^ {0,3}(?:>[ \t]?)+/;
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!~>|<])/g;
const IMAGE_OR_LINK = /!?\[([^\]\n]*)\]\([^)\n]*\)/g;
const AUTOLINK = /<((?:https?|mailto):[^>\s]+)>/g;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;
const CODE = /`([^`\n]+)`/g;
const STRONG = /(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g;
const STRIKE = /~~(?=\S)(.+?)(?<=\S)~~/g;
const EM_STAR = /\*(?=\S)([^*\n]+?)(?<=\S)\*/g;
// Underscore emphasis only at word edges, so snake_case and P_07 survive.
const EM_UNDERSCORE = /(^|[^\p{L}\p{N}_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu;
// Escaped characters are parked in a private-use range while the emphasis rules run.
const PARKED = /[\uE000-\uE07F]/g;

/** Converts one line of inline Markdown to plain text. */
function inline(line: string): string {
  let text = line.replace(ESCAPE, (_, char: string) =>
    String.fromCharCode(0xe000 + char.charCodeAt(0)),
  );
  text = text
    .replace(CODE, "$1")
    .replace(IMAGE_OR_LINK, "$1")
    .replace(AUTOLINK, "$1")
    .replace(HTML_TAG, "")
    .replace(STRONG, "$2")
    .replace(STRIKE, "$1")
    .replace(EM_STAR, "$1")
    .replace(EM_UNDERSCORE, "$1$2");
  return text.replace(PARKED, (char) => String.fromCharCode(char.charCodeAt(0) - 0xe000));
}

/**
 * Converts Markdown to plain text, keeping one output line per source line except for lines that are
 * only markup (rules, code fences, front matter), which are dropped. Blank lines and hard wraps stay.
 * The result is canonical text.
 */
export function markdownToText(markdown: string): string {
  const lines = canonicalText(markdown).split("\n");
  const out: string[] = [];
  let index = 0;
  // YAML front matter: metadata, not transcript.
  if (lines[0]?.trim() === "---") {
    const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (close > 0) index = close + 1;
  }
  let fence: string | null = null;
  for (; index < lines.length; index++) {
    const line = lines[index] as string;
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1] === fence) fence = null;
      else out.push(line);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1] as string;
      continue;
    }
    if (RULE.test(line)) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      out.push(inline(heading[2] ?? ""));
      continue;
    }
    out.push(inline(line.replace(QUOTE, "")));
  }
  return out.join("\n");
}
