/**
 * Forum threads (FO-1, FO-4): saved HTML pages of XenForo, phpBB, Discourse and vBulletin, and
 * plain-text copies (through the `.txt` router with `kind: forum_thread`). One `forum_thread`
 * source per file with one turn per post (role `author`): author, time, the post it replies to
 * and the posts it quotes. Quoted words whose original is in the thread are taken out of the
 * quoting post and replaced by a `[quote: #n Author]` marker (see `buildThread`), so they are
 * coded once, where they were written. Each author is a case (kind `forum_member`); with
 * `pseudonymise` the names are "Member 1", "Member 2"… — in the text, the turns and the cases,
 * which are then named per thread (`<thread>: Member 1`) because a pseudonym means nothing outside
 * its thread — and the key goes only to `pseudonymKeyFile` when one is named.
 * HTML pages that are not from a known forum are imported as documents.
 */
import { writeFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { QuireError } from "@quire/core";
import { addLinkedSource, findSource } from "@quire/db";
import {
  buildThread,
  type ForumThread,
  fileSystemError,
  parseForumHtml,
  parseForumText,
  readTextFile,
} from "@quire/formats";
import {
  emptyReport,
  type FileImporter,
  type ImportOptions,
  type PreparedFile,
} from "../importer.js";
import { prepareHtmlDocument } from "./document.js";

export const forumImporter: FileImporter = {
  format: "forum thread / HTML",
  extensions: [".html", ".htm", ".xhtml"],
  async prepare(path, options) {
    const name = options.displayName ?? path;
    const html = await readTextFile(path, { name });
    const thread = await parseForumHtml(html);
    if (!thread || thread.posts.length === 0) {
      if (options.kind === "forum_thread")
        throw new QuireError(
          "invalid_input",
          `${name}: no forum posts found (Quire reads XenForo, phpBB, Discourse and vBulletin pages, or a plain-text copy saved as .txt)`,
        );
      return prepareHtmlDocument(path, name, options, html);
    }
    return prepareThread(name, thread, options);
  },
};

/** A plain-text copy of a forum thread. */
export async function prepareForumText(
  path: string,
  name: string,
  options: ImportOptions,
): Promise<PreparedFile> {
  const thread = parseForumText(await readTextFile(path, { name }));
  if (thread.posts.length === 0)
    throw new QuireError("invalid_input", `${name}: no forum posts found`);
  return prepareThread(name, thread, options);
}

function prepareThread(name: string, thread: ForumThread, options: ImportOptions): PreparedFile {
  const built = buildThread(thread, { pseudonymise: options.pseudonymise === true });
  const title = basename(name, extname(name));
  const caseName = (speaker: string) => (built.key ? `${title}: ${speaker}` : speaker);
  return {
    async write(m, hooks) {
      const report = emptyReport(
        name,
        thread.software === "text" ? "forum thread (text)" : `forum thread (${thread.software})`,
      );
      const existing = await findSource(m.store, m.projectId, title).catch(() => null);
      if (existing)
        throw new QuireError(
          "conflict",
          `${name}: a source titled "${title}" exists; forum threads are not re-imported over an existing source`,
        );
      const result = await addLinkedSource(m, {
        kind: "forum_thread",
        title,
        text: built.text,
        metadata: {
          file: basename(name),
          format: thread.software,
          ...(built.title ? { threadTitle: built.title } : {}),
          pseudonymised: built.key !== null,
          posts: built.turns.map((turn) => ({
            post: turn.post,
            postId: built.key ? null : turn.postId,
            author: turn.speaker,
            time: turn.time,
            replyTo: turn.replyTo === null ? null : turn.replyTo + 1,
            quotes: turn.quotes.map((index) => index + 1),
            quoteRanges: turn.quoteRanges,
          })),
        },
        speakerCaseKind: "forum_member",
        turns: built.turns.map((turn) => ({
          start: turn.start,
          end: turn.end,
          speaker: turn.speaker,
          role: "author",
          caseName: turn.speaker === "Unknown member" ? null : caseName(turn.speaker),
          replyTo: turn.replyTo,
          quotes: turn.quotes,
        })),
      });
      report.warnings.push(...built.warnings);
      report.skipped.push(...built.skipped);
      const quoted = built.turns.reduce((sum, turn) => sum + turn.quotes.length, 0);
      report.warnings.push(
        `${built.turns.length} posts by ${built.authors.length} authors; ${quoted} quote${quoted === 1 ? "" : "s"} linked to their original posts and left out of the quoting posts`,
      );
      if (built.key) {
        if (options.pseudonymKeyFile) {
          const lines = [
            "username,pseudonym",
            ...[...built.key].map(([real, alias]) => `${csv(real)},${csv(alias)}`),
          ];
          try {
            await writeFile(options.pseudonymKeyFile, `${lines.join("\n")}\n`, { mode: 0o600 });
          } catch (error) {
            throw fileSystemError("forum", options.pseudonymKeyFile, error);
          }
          hooks.note?.(
            `${name}: pseudonym key written to ${options.pseudonymKeyFile}; keep it apart from the project`,
          );
        } else
          report.warnings.push(`${built.key.size} usernames pseudonymised; the key was not kept`);
      }
      return { ...report, sources: 1, turns: result.turns, cases: result.casesCreated };
    },
  };
}

function csv(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
