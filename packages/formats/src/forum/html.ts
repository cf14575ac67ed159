/**
 * Saved HTML pages of common forum software: XenForo, phpBB (prosilver), Discourse and
 * vBulletin 4. Each reader knows where its software puts a post, its author, time, body and
 * quotes; quotes are taken out of the body as quote blocks naming the quoted author and, where the
 * markup links it, the quoted post. Signatures and other page chrome are never part of a post.
 */
import type * as Domhandler from "domhandler";
import type { AnyNode, Element } from "domhandler";
import type * as Htmlparser2 from "htmlparser2";
import { convertHtml } from "../html.js";
import { loadDomhandler, loadHtmlparser2 } from "../lazy.js";
import type { ForumBlock, ForumPost, ForumSoftware, ForumThread } from "./model.js";

type Dom = typeof Htmlparser2.DomUtils;

// htmlparser2 and domhandler are loaded on first use (see lazy.ts); `ready` binds these before any
// reader below runs.
let DomUtils: Dom;
let findAll: Dom["findAll"];
let findOne: Dom["findOne"];
let getAttributeValue: Dom["getAttributeValue"];
let getOuterHTML: Dom["getOuterHTML"];
let textContent: Dom["textContent"];
let isTag: typeof Domhandler.isTag;
let parseDocument: typeof Htmlparser2.parseDocument;

async function ready(): Promise<typeof Htmlparser2> {
  const [htmlparser2, domhandler] = await Promise.all([loadHtmlparser2(), loadDomhandler()]);
  ({ DomUtils, parseDocument } = htmlparser2);
  ({ findAll, findOne, getAttributeValue, getOuterHTML, textContent } = DomUtils);
  ({ isTag } = domhandler);
  return htmlparser2;
}

/** Whether `outer` is an ancestor of `inner`. */
const contains = (outer: AnyNode, inner: AnyNode) => {
  for (let node = inner.parent; node; node = node.parent) if (node === outer) return true;
  return false;
};

const hasClass = (element: Element, name: string) =>
  (getAttributeValue(element, "class") ?? "").split(/\s+/).includes(name);
const byClass = (name: string) => (element: Element) => hasClass(element, name);
const text = (node: AnyNode | null | undefined) =>
  node ? textContent(node).replace(/\s+/g, " ").trim() : "";

interface Family {
  software: Exclude<ForumSoftware, "text">;
  detect(all: Element[]): boolean;
  posts(root: AnyNode[]): Element[];
  postId(post: Element): string | null;
  author(post: Element): string | null;
  time(post: Element): string | null;
  replyTo(post: Element): string | null;
  body(post: Element): Element | null;
  isQuote(element: Element): boolean;
  quote(element: Element): { author: string | null; postId: string | null; content: AnyNode[] };
  /** Parts of a body that are not the post's words (signatures, "Click to expand"). */
  isChrome(element: Element): boolean;
}

const timeOf = (post: Element) => {
  const time = findOne((element) => element.name === "time", [post], true);
  return time ? (getAttributeValue(time, "datetime") ?? (text(time) || null)) : null;
};

const xenforo: Family = {
  software: "xenforo",
  detect: (all) =>
    all.some((element) => element.name === "article" && hasClass(element, "message--post")) ||
    all.some((element) => element.name === "html" && getAttributeValue(element, "id") === "XF"),
  posts: (root) =>
    findAll((element) => element.name === "article" && hasClass(element, "message--post"), root),
  postId: (post) =>
    (getAttributeValue(post, "data-content") ?? getAttributeValue(post, "id") ?? "").replace(
      /^(js-)?post-/,
      "",
    ) || null,
  author: (post) =>
    getAttributeValue(post, "data-author") ??
    (text(findOne(byClass("username"), [post], true)) || null),
  time: timeOf,
  replyTo: () => null,
  body: (post) => findOne(byClass("bbWrapper"), [post], true),
  isQuote: (element) => element.name === "blockquote" && hasClass(element, "bbCodeBlock--quote"),
  quote: (element) => {
    const source = getAttributeValue(element, "data-source") ?? "";
    const content =
      findOne(byClass("bbCodeBlock-expandContent"), [element], true) ??
      findOne(byClass("bbCodeBlock-content"), [element], true);
    return {
      author: getAttributeValue(element, "data-quote") ?? null,
      postId: /post:\s*(\d+)/.exec(source)?.[1] ?? null,
      content: content ? content.children : element.children,
    };
  },
  isChrome: (element) =>
    hasClass(element, "bbCodeBlock-expandLink") || hasClass(element, "message-signature"),
};

const phpbb: Family = {
  software: "phpbb",
  detect: (all) =>
    all.some((element) => hasClass(element, "postbody")) &&
    all.some((element) => hasClass(element, "post")),
  posts: (root) =>
    findAll(
      (element) =>
        element.name === "div" &&
        hasClass(element, "post") &&
        /^p\d+$/.test(getAttributeValue(element, "id") ?? ""),
      root,
    ),
  postId: (post) => (getAttributeValue(post, "id") ?? "").replace(/^p/, "") || null,
  author: (post) => {
    const author = findOne(byClass("author"), [post], true);
    const name = author
      ? findOne(
          (element) => hasClass(element, "username") || hasClass(element, "username-coloured"),
          [author],
          true,
        )
      : null;
    return text(name) || null;
  },
  time: (post) => {
    const author = findOne(byClass("author"), [post], true);
    return author ? timeOf(author) : null;
  },
  replyTo: () => null,
  body: (post) =>
    findOne((element) => element.name === "div" && hasClass(element, "content"), [post], true),
  isQuote: (element) => element.name === "blockquote",
  quote: (element) => {
    // phpBB 3.0 puts the cite straight in the blockquote, 3.3 inside a div.
    const cite = findOne((child) => child.name === "cite", [element], true);
    const link = cite
      ? findOne(
          (child) => child.name === "a" && /[?&]p=\d+/.test(getAttributeValue(child, "href") ?? ""),
          [cite],
          true,
        )
      : null;
    const author = cite
      ? text(cite)
          .replace(/\s*wrote:.*$/i, "")
          .trim() || null
      : null;
    const postId = link
      ? (/[?&]p=(\d+)/.exec(getAttributeValue(link, "href") ?? "")?.[1] ?? null)
      : null;
    // The cite names the quote; it is not quoted text. The parsed page is ours to change.
    if (cite) DomUtils.removeElement(cite);
    return { author, postId, content: element.children };
  },
  isChrome: (element) => hasClass(element, "signature") || hasClass(element, "notice"),
};

const discourse: Family = {
  software: "discourse",
  detect: (all) =>
    all.some((element) => hasClass(element, "cooked")) ||
    all.some(
      (element) =>
        element.name === "meta" && /discourse/i.test(getAttributeValue(element, "content") ?? ""),
    ),
  posts: (root) =>
    findAll(
      (element) =>
        (hasClass(element, "topic-post") ||
          getAttributeValue(element, "itemprop") === "comment" ||
          hasClass(element, "crawler-post")) &&
        findOne(byClass("cooked"), [element], true) !== null,
      root,
    ).filter((post, _index, all) => !all.some((other) => other !== post && contains(other, post))),
  postId: (post) =>
    getAttributeValue(post, "data-post-number") ??
    (text(
      findOne((element) => getAttributeValue(element, "itemprop") === "position", [post], true),
    ) ||
      null),
  author: (post) =>
    getAttributeValue(post, "data-username") ??
    (text(
      findOne(
        (element) =>
          getAttributeValue(element, "itemprop") === "name" ||
          hasClass(element, "username") ||
          hasClass(element, "creator"),
        [post],
        true,
      ),
    ) ||
      null),
  time: (post) => {
    const meta = findOne(
      (element) =>
        element.name === "meta" && getAttributeValue(element, "itemprop") === "datePublished",
      [post],
      true,
    );
    return (meta && getAttributeValue(meta, "content")) ?? timeOf(post);
  },
  replyTo: (post) => getAttributeValue(post, "data-reply-to-post-number") ?? null,
  body: (post) => findOne(byClass("cooked"), [post], true),
  isQuote: (element) => element.name === "aside" && hasClass(element, "quote"),
  quote: (element) => {
    const block = findOne((child) => child.name === "blockquote", [element], true);
    const title = findOne(byClass("title"), [element], true);
    return {
      author:
        getAttributeValue(element, "data-username") ??
        (title ? text(title).replace(/:$/, "") || null : null),
      postId: getAttributeValue(element, "data-post") ?? null,
      content: block ? block.children : [],
    };
  },
  isChrome: () => false,
};

const vbulletin: Family = {
  software: "vbulletin",
  detect: (all) =>
    all.some((element) => /^post_message_\d+$/.test(getAttributeValue(element, "id") ?? "")) ||
    all.some((element) => hasClass(element, "postcontainer")),
  posts: (root) =>
    findAll(
      (element) =>
        element.name === "li" && /^post_\d+$/.test(getAttributeValue(element, "id") ?? ""),
      root,
    ),
  postId: (post) => (getAttributeValue(post, "id") ?? "").replace(/^post_/, "") || null,
  author: (post) => text(findOne(byClass("username"), [post], true)) || null,
  time: (post) => text(findOne(byClass("date"), [post], true)) || null,
  replyTo: () => null,
  body: (post) =>
    findOne(
      (element) => /^post_message_\d+$/.test(getAttributeValue(element, "id") ?? ""),
      [post],
      true,
    ),
  isQuote: (element) =>
    hasClass(element, "bbcode_container") &&
    findOne(byClass("bbcode_quote"), [element], true) !== null,
  quote: (element) => {
    const by = findOne(byClass("bbcode_postedby"), [element], true);
    const link = by ? findOne((child) => child.name === "a", [by], true) : null;
    const message =
      findOne(byClass("message"), [element], true) ??
      findOne(byClass("quote_container"), [element], true);
    return {
      author: by ? text(findOne((child) => child.name === "strong", [by], true)) || null : null,
      postId: link
        ? (/[?&#]p(?:ost)?=?(\d+)/.exec(getAttributeValue(link, "href") ?? "")?.[1] ?? null)
        : null,
      content: message ? message.children : element.children,
    };
  },
  isChrome: (element) => hasClass(element, "signature"),
};

const FAMILIES = [xenforo, discourse, vbulletin, phpbb];

/** Which forum software saved this page, or null when none of the known ones did. */
export async function detectForumHtml(html: string): Promise<ForumSoftware | null> {
  await ready();
  const all = findAll(() => true, parseDocument(html).children);
  return FAMILIES.find((family) => family.detect(all))?.software ?? null;
}

/**
 * Reads the posts of a saved forum page. Returns null when the page is not from a known forum.
 * Never rejects for any string.
 */
export async function parseForumHtml(html: string): Promise<ForumThread | null> {
  const { Parser } = await ready();
  const htmlText = (fragment: string) => convertHtml(Parser, fragment).text;
  const document = parseDocument(html);
  const all = findAll(() => true, document.children);
  const family = FAMILIES.find((candidate) => candidate.detect(all));
  if (!family) return null;
  const titleElement =
    findOne((element) => element.name === "h1", document.children, true) ??
    findOne((element) => element.name === "title", document.children, true);
  const skipped: string[] = [];
  let chrome = 0;
  const posts: ForumPost[] = [];
  for (const post of family.posts(document.children)) {
    const body = family.body(post);
    if (!body) continue;
    const blocks: ForumBlock[] = [];
    let buffer = "";
    const flush = () => {
      const converted = htmlText(buffer);
      if (converted.trim() !== "") blocks.push({ kind: "text", text: converted });
      buffer = "";
    };
    const walk = (node: AnyNode) => {
      if (isTag(node)) {
        if (family.isChrome(node)) {
          chrome++;
          return;
        }
        if (family.isQuote(node)) {
          flush();
          const quote = family.quote(node);
          const quoted = htmlText(quote.content.map((child) => getOuterHTML(child)).join(""));
          if (quoted.trim() !== "")
            blocks.push({
              kind: "quote",
              text: quoted,
              author: quote.author,
              postId: quote.postId,
            });
          return;
        }
        if (
          findOne((inner) => family.isQuote(inner) || family.isChrome(inner), node.children, true)
        ) {
          // A wrapper around a quote: its own block boundary is kept by flushing around it.
          flush();
          for (const child of node.children) walk(child);
          flush();
          return;
        }
      }
      buffer += getOuterHTML(node);
    };
    for (const child of body.children) walk(child);
    flush();
    posts.push({
      postId: family.postId(post),
      author: family.author(post),
      time: family.time(post),
      replyToPostId: family.replyTo(post),
      blocks,
    });
  }
  if (chrome > 0)
    skipped.push(
      `${chrome} signature or “click to expand” part${chrome === 1 ? "" : "s"} of posts (page chrome)`,
    );
  const title = text(titleElement) || null;
  return { title, software: family.software, posts, skipped };
}
