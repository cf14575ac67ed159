/**
 * Forum threads saved as plain text (copied from the browser). Posts are separated by lines that
 * hold only a non-breaking space (what XenForo and similar pages leave between posts when copied)
 * or by a rule line (`---`, `***`, `___`). Quotes are recognised three ways: BBCode `[quote=…]`,
 * `>`-prefixed lines, and — because a copied page loses the quote boxes — lines that repeat an
 * earlier post's words (at least 25 characters, or shorter lines next to such a line), with an
 * `X said:` line starting an attributed quote. An author is found only where the page kept one
 * (`Name` above a member title such as `Senior Member`); other posts have no author.
 */
import type { ForumBlock, ForumPost, ForumThread } from "./model.js";

const SEPARATOR = /^[\s\u00a0]*\u00a0[\s\u00a0]*$|^\s*([-*_])\1{2,}\s*$/;
const EDIT_NOTE = /^Last edited( by [^:]*)?:?.*$/i;
const CHROME =
  /^(Back|Top Bottom|Top|Reply|Quote|Like|Report|Click to expand\.{0,3}|Reactions:.*)$/i;
const MEMBER_TITLE =
  /\b(member|moderator|admin(istrator)?|staff|guest|registered|newbie|user|regular|contributor)\b/i;
const SAID = /^(.{1,60}?) (?:said|wrote):$/;
const MIN_QUOTE_LINE = 25;

/** Reads a plain-text forum thread. Never throws for any string. */
export function parseForumText(text: string): ForumThread {
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  // Trailing page chrome ("Back", "Top Bottom") after the last post.
  while (
    lines.length > 0 &&
    (CHROME.test((lines[lines.length - 1] ?? "").trim()) ||
      (lines[lines.length - 1] ?? "").trim() === "")
  )
    lines.pop();
  const chunks: string[][] = [[]];
  for (const line of lines) {
    if (SEPARATOR.test(line)) chunks.push([]);
    else chunks[chunks.length - 1]?.push(line);
  }
  let edits = 0;
  let chrome = 0;
  let title: string | null = null;
  const posts: ForumPost[] = [];
  const earlier: string[] = [];
  for (const [index, chunk] of chunks.entries()) {
    // Edit notes are the footer of the post above; the copy puts them after the separator.
    while (
      chunk.length > 0 &&
      (EDIT_NOTE.test((chunk[0] ?? "").trim()) || (chunk[0] ?? "").trim() === "")
    ) {
      if ((chunk[0] ?? "").trim() !== "") edits++;
      chunk.shift();
    }
    const body = chunk.filter((line) => {
      const chromeLine = CHROME.test(line.trim());
      if (chromeLine) chrome++;
      return !chromeLine && !EDIT_NOTE.test(line.trim());
    });
    if (body.every((line) => line.trim() === "")) continue;
    const header = index === 0 ? readHeader(body) : null;
    if (header?.title) title = header.title;
    const own = header ? body.slice(header.bodyStart) : body;
    const blocks = splitQuotes(own, earlier);
    const number = posts.length + 1;
    posts.push({
      postId: String(number),
      author: header?.author ?? null,
      time: null,
      replyToPostId: null,
      blocks,
    });
    earlier.push(
      blocks
        .filter((block) => block.kind === "text")
        .map((block) => block.text)
        .join("\n"),
    );
  }
  const skipped: string[] = [];
  if (edits > 0) skipped.push(`${edits} “last edited” note${edits === 1 ? "" : "s"}`);
  if (chrome > 0)
    skipped.push(
      `${chrome} line${chrome === 1 ? "" : "s"} of page chrome (Back, Reply, Click to expand…)`,
    );
  return { title, software: "text", posts, skipped };
}

/** The first post of a copied page: title line(s), author, member title, then the post. */
function readHeader(
  lines: string[],
): { title: string | null; author: string; bodyStart: number } | null {
  const filled = lines
    .map((line, at) => ({ line: line.trim(), at }))
    .filter((entry) => entry.line !== "");
  for (let index = 0; index < Math.min(filled.length - 1, 4); index++) {
    const name = filled[index] as { line: string; at: number };
    const role = filled[index + 1] as { line: string; at: number };
    if (
      name.line.length <= 40 &&
      !/[.!?:]$/.test(name.line) &&
      role.line.length <= 60 &&
      MEMBER_TITLE.test(role.line)
    ) {
      const title =
        filled
          .slice(0, index)
          .map((entry) => entry.line)
          .join(" ") || null;
      return { title, author: name.line, bodyStart: role.at + 1 };
    }
  }
  return null;
}

const normal = (line: string) => line.replace(/\s+/g, " ").trim();

/** Splits a post's lines into own-text and quote blocks. */
function splitQuotes(lines: string[], earlier: readonly string[]): ForumBlock[] {
  const bbcode = splitBbcode(lines.join("\n"));
  const blocks: ForumBlock[] = [];
  for (const part of bbcode) {
    if (part.kind === "quote") blocks.push(part);
    else blocks.push(...splitLines(part.text.split("\n"), earlier));
  }
  return mergeText(blocks);
}

const BBCODE = /\[quote(?:=([^\]]*))?\]([\s\S]*?)\[\/quote\]/gi;

function splitBbcode(text: string): ForumBlock[] {
  const blocks: ForumBlock[] = [];
  let last = 0;
  for (const match of text.matchAll(BBCODE)) {
    blocks.push({ kind: "text", text: text.slice(last, match.index) });
    const spec = (match[1] ?? "").replace(/^"|"$/g, "");
    const [who, ...rest] = spec.split(",");
    const post = /post:\s*(\d+)/.exec(rest.join(","))?.[1] ?? null;
    blocks.push({
      kind: "quote",
      text: (match[2] ?? "").trim(),
      author: who?.trim() || null,
      postId: post,
    });
    last = match.index + match[0].length;
  }
  blocks.push({ kind: "text", text: text.slice(last) });
  return blocks;
}

function splitLines(lines: string[], earlier: readonly string[]): ForumBlock[] {
  const seen = (line: string) => {
    const clean = normal(line);
    return clean !== "" && earlier.some((post) => normal(post).includes(clean));
  };
  const kind: ("own" | "quote" | "said" | "blank")[] = lines.map((line) => {
    const clean = line.trim();
    if (clean === "") return "blank";
    if (SAID.test(clean)) return "said";
    if (clean.startsWith(">")) return "quote";
    return clean.length >= MIN_QUOTE_LINE && seen(clean) ? "quote" : "own";
  });
  // Short repeated lines (list items, headings) next to quoted lines belong to the quote.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [index, line] of lines.entries()) {
      // Only lines with a word in them: "." or "*" occur in every post.
      if (kind[index] !== "own" || !/\p{L}{3}/u.test(line) || !seen(line)) continue;
      const near = [kind[index - 1], kind[index + 1], kind[index - 2], kind[index + 2]];
      if (near.includes("quote") || kind[index - 1] === "said") {
        kind[index] = "quote";
        changed = true;
      }
    }
  }
  // A "said:" line with nothing quoted after it is the poster's own words.
  for (const [index] of lines.entries())
    if (kind[index] === "said") {
      let next = index + 1;
      while (kind[next] === "blank") next++;
      if (kind[next] !== "quote" && lines[next] !== undefined) {
        // Attributed quotes of text not in the thread: the next paragraph is the quote.
        if (kind[next] === "own") kind[next] = "quote";
        else kind[index] = "own";
      }
    }
  const blocks: ForumBlock[] = [];
  let current: ForumBlock | null = null;
  for (const [index, line] of lines.entries()) {
    const each = kind[index];
    if (each === "said") {
      current = {
        kind: "quote",
        text: "",
        author: (SAID.exec(line.trim())?.[1] ?? "").trim() || null,
        postId: null,
      };
      blocks.push(current);
      continue;
    }
    if (each === "blank") {
      // A blank line ends a quote: the next paragraph may quote another post.
      if (current?.kind === "quote" && current.text !== "") current = null;
      else if (current) current.text += "\n";
      continue;
    }
    const want = each === "quote" ? "quote" : "text";
    if (!current || current.kind !== want) {
      current =
        want === "quote"
          ? { kind: "quote", text: "", author: null, postId: null }
          : { kind: "text", text: "" };
      blocks.push(current);
    }
    current.text += `${current.text === "" || current.text.endsWith("\n") ? "" : "\n"}${want === "quote" ? line.trim().replace(/^>\s?/, "") : line}`;
  }
  return blocks;
}

function mergeText(blocks: ForumBlock[]): ForumBlock[] {
  return blocks
    .map((block) => ({ ...block, text: block.text.replace(/\n{2,}/g, "\n").trim() }))
    .filter((block) => block.text !== "");
}
