/**
 * A forum thread as the parsers read it, before it becomes a source: posts in order, each with its
 * author, time and a body of own-text and quote blocks (FO-1). The saved-HTML readers and the
 * plain-text reader all produce this shape; `thread.ts` turns it into text and turns.
 */

export type ForumSoftware = "xenforo" | "phpbb" | "discourse" | "vbulletin" | "text";

export type ForumBlock =
  | { kind: "text"; text: string }
  | {
      kind: "quote";
      text: string;
      /** The quoted author as the quote names them, if it does. */
      author: string | null;
      /** The quoted post's id as the forum wrote it (`123`, `p123`), if the quote links it. */
      postId: string | null;
    };

export interface ForumPost {
  /** The forum's own id for the post, where the page gives one. */
  postId: string | null;
  author: string | null;
  /** As the page gives it: ISO from `datetime` attributes, else the visible text. */
  time: string | null;
  /** The post this one answers, by the forum's id, where the page says (Discourse). */
  replyToPostId: string | null;
  blocks: ForumBlock[];
}

export interface ForumThread {
  title: string | null;
  software: ForumSoftware;
  posts: ForumPost[];
  /** Things left out (signatures, edit notes, page chrome), for the import report. */
  skipped: string[];
}
