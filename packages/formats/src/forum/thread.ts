/**
 * A parsed forum thread as a source: text, one turn per post, reply and quote links (FO-1).
 *
 * Quotes: a quote whose original post is in the thread is *dropped* from the quoting post and
 * replaced by a one-line marker, `[quote: #3 Member 2]`, and the turn records the quoted turn in
 * `quotes`. The quoted words then exist once in the source — in the post that wrote them — so they
 * cannot be coded twice or counted twice in word counts and searches, and the marker keeps the
 * reader aware of what the post answers. A quote whose original is not in the thread (an article,
 * a post on another page) is the only copy of those words: it stays in the text as `> ` lines,
 * and its range is listed in `quoteRanges` so a reader or exporter can tell it from the post's
 * own words.
 *
 * Usernames are identifiers (FO-4). With `pseudonymise`, every author and quoted name becomes
 * `Member 1`, `Member 2`… in order of first appearance, consistently across the thread, and the
 * names are replaced wherever they occur in the text; the mapping is returned separately (`key`)
 * and never written into the text.
 */
import { canonicalText } from "@quire/core";
import type { ForumBlock, ForumThread } from "./model.js";

export interface ThreadTurn {
  /** 1-based post number in the thread. */
  post: number;
  /** The forum's id for the post, or the post number when the page gave none. */
  postId: string;
  /** Where the post's header line (`#3 Member 2 · time`) starts. */
  labelStart: number;
  /** The post's own words: after the header line, to the end of the post. */
  start: number;
  end: number;
  speaker: string;
  time: string | null;
  /** 0-based index of the turn this post replies to (explicit reply, else its first quote). */
  replyTo: number | null;
  /** 0-based indexes of the turns this post quotes. */
  quotes: number[];
  /** Quotes kept in the text (original not in the thread): offsets in the text. */
  quoteRanges: { start: number; end: number; author: string | null }[];
}

export interface BuiltThread {
  title: string | null;
  text: string;
  turns: ThreadTurn[];
  /** Authors as shown (pseudonyms when pseudonymised), with their post counts. */
  authors: { name: string; posts: number }[];
  /** Real name → pseudonym, when pseudonymised; keep it apart from the project. */
  key: Map<string, string> | null;
  warnings: string[];
  skipped: string[];
}

export interface BuildThreadOptions {
  pseudonymise?: boolean;
  /** The name for posts whose author the page did not keep. */
  unknownAuthor?: string;
}

const normal = (text: string) => text.replace(/\s+/g, " ").trim();

/** Lays a thread out as text and turns. Never throws. */
export function buildThread(thread: ForumThread, options: BuildThreadOptions = {}): BuiltThread {
  const unknown = options.unknownAuthor ?? "Unknown member";
  const key = options.pseudonymise ? new Map<string, string>() : null;
  const display = (name: string | null): string => {
    if (!name) return unknown;
    if (!key) return name;
    let pseudonym = key.get(name);
    if (!pseudonym) {
      pseudonym = `Member ${key.size + 1}`;
      key.set(name, pseudonym);
    }
    return pseudonym;
  };
  for (const post of thread.posts) display(post.author);
  // In saved HTML a quote's attribution is a username; in a plain-text copy "X said:" may name a
  // section of an article, so there only names that also wrote posts count as usernames.
  const authors = new Set(thread.posts.map((post) => post.author));
  const quoteName = (name: string | null) =>
    name === null ? null : thread.software !== "text" || authors.has(name) ? display(name) : name;
  if (thread.software !== "text")
    for (const post of thread.posts)
      for (const block of post.blocks) if (block.kind === "quote") display(block.author);

  const ids = thread.posts.map((post, index) => post.postId ?? String(index + 1));
  const ownText = thread.posts.map((post) =>
    normal(
      post.blocks
        .filter((block) => block.kind === "text")
        .map((block) => block.text)
        .join("\n"),
    ),
  );
  const findOriginal = (
    block: Extract<ForumBlock, { kind: "quote" }>,
    before: number,
  ): number | null => {
    if (block.postId !== null) {
      const at = ids.indexOf(block.postId);
      if (at !== -1 && at < before) return at;
    }
    const words = normal(block.text);
    if (words === "") return null;
    // Match on the quote's first 200 characters: quotes are often trimmed at the end.
    const probe = words.slice(0, 200);
    let fallback: number | null = null;
    for (let index = 0; index < before; index++) {
      if (!(ownText[index] as string).includes(probe)) continue;
      if (block.author === null || thread.posts[index]?.author === block.author) return index;
      fallback ??= index;
    }
    return fallback;
  };

  let text = "";
  const turns: ThreadTurn[] = [];
  let unresolved = 0;
  const counts = new Map<string, number>();
  for (const [index, post] of thread.posts.entries()) {
    const speaker = display(post.author);
    counts.set(speaker, (counts.get(speaker) ?? 0) + 1);
    if (text !== "") text += "\n";
    const labelStart = text.length;
    text += `#${index + 1} ${speaker}${post.time ? ` · ${post.time}` : ""}`;
    text += "\n";
    const start = text.length;
    const quotes: number[] = [];
    const quoteRanges: ThreadTurn["quoteRanges"] = [];
    const lines: string[] = [];
    let offset = start;
    const push = (line: string) => {
      lines.push(line);
      offset += line.length + 1;
    };
    for (const block of post.blocks) {
      if (block.kind === "text") {
        for (const line of block.text.split("\n")) push(line);
        continue;
      }
      const original = findOriginal(block, index);
      if (original !== null) {
        const marker = `[quote: #${original + 1} ${display(thread.posts[original]?.author ?? null)}]`;
        if (!quotes.includes(original)) quotes.push(original);
        // Consecutive paragraphs quoted from one post make one marker.
        if (lines[lines.length - 1] !== marker) push(marker);
        continue;
      }
      const who = quoteName(block.author);
      unresolved++;
      const rangeStart = offset;
      const quoted = block.text.split("\n").map((line) => `> ${line}`);
      for (const line of quoted) push(line);
      quoteRanges.push({ start: rangeStart, end: offset - 1, author: who });
    }
    text += lines.join("\n");
    const explicit = post.replyToPostId === null ? -1 : ids.indexOf(post.replyToPostId);
    turns.push({
      post: index + 1,
      postId: ids[index] as string,
      labelStart,
      start,
      end: text.length,
      speaker,
      time: post.time,
      replyTo: explicit !== -1 && explicit < index ? explicit : (quotes[0] ?? null),
      quotes,
      quoteRanges,
    });
  }
  if (key) text = replaceNames(text, key, turns);
  const warnings: string[] = [];
  const anonymous = thread.posts.filter((post) => post.author === null).length;
  if (anonymous > 0)
    warnings.push(
      `${anonymous} of ${thread.posts.length} posts name no author (the page did not keep it); they are “${unknown}”`,
    );
  if (unresolved > 0)
    warnings.push(
      `${unresolved} quote${unresolved === 1 ? "" : "s"} of text not in this thread kept as “> ” lines`,
    );
  return {
    title: thread.title,
    text: canonicalText(text),
    turns,
    authors: [...counts.entries()].map(([name, posts]) => ({ name, posts })),
    key,
    warnings,
    skipped: [...thread.skipped],
  };
}

/**
 * Replaces usernames inside the text (mentions, "X said", signatures left in posts) by their
 * pseudonyms, shifting every offset after a replacement. Names shorter than 3 characters are left:
 * they would replace ordinary words.
 */
function replaceNames(text: string, key: Map<string, string>, turns: ThreadTurn[]): string {
  const names = [...key.keys()]
    .filter((name) => name.length >= 3)
    .sort((a, b) => b.length - a.length);
  if (names.length === 0) return text;
  const escaped = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_])@?(${escaped.join("|")})(?![\\p{L}\\p{N}_])`,
    "gu",
  );
  const shifts: { at: number; delta: number }[] = [];
  const result = text.replace(pattern, (match, name: string, at: number) => {
    const replacement = key.get(name) as string;
    shifts.push({ at: at + match.length, delta: replacement.length - match.length });
    return replacement;
  });
  const map = (offset: number) => {
    let moved = offset;
    for (const shift of shifts) if (shift.at <= offset) moved += shift.delta;
    return moved;
  };
  for (const turn of turns) {
    turn.labelStart = map(turn.labelStart);
    turn.start = map(turn.start);
    turn.end = map(turn.end);
    for (const range of turn.quoteRanges) {
      range.start = map(range.start);
      range.end = map(range.end);
    }
  }
  return result;
}
