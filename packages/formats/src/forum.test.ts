import { readFileSync } from "node:fs";
import { buildThread, detectForumHtml, parseForumHtml, parseForumText } from "@quire/formats";
import { describe, expect, it } from "vitest";
import { hasShared, sharedPath } from "../../../test-support/shared-data.js";

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("saved forum pages", () => {
  it.each([
    ["forum-xenforo.html", "xenforo", ["CalmWaters", "Rowan_K", "CalmWaters"]],
    ["forum-phpbb.html", "phpbb", ["hazel.m", "Dev"]],
    ["forum-discourse.html", "discourse", ["lena_w", "tomasz"]],
    ["forum-vbulletin.html", "vbulletin", ["nightowl", "Mags"]],
  ])(
    "reads %s: authors, times and quotes linked to the quoted post",
    async (file, software, authors) => {
      const html = fixture(file);
      expect(await detectForumHtml(html)).toBe(software);
      const thread = await parseForumHtml(html);
      expect(thread?.posts.map((post) => post.author)).toEqual(authors);
      const built = buildThread(thread as NonNullable<typeof thread>);
      const reply = built.turns[1];
      expect(reply?.quotes).toEqual([0]);
      expect(reply?.replyTo).toBe(0);
      const own = built.text.slice(reply?.start, reply?.end);
      expect(own).toMatch(/^\[quote: #1 /);
      // The quoted words are in the text once: in the post that wrote them.
      const quoted = (
        thread?.posts[1]?.blocks.find((block) => block.kind === "quote")?.text ?? ""
      ).trim();
      expect(quoted.length).toBeGreaterThan(10);
      expect(built.text.split(quoted).length - 1).toBe(1);
      expect(built.text).not.toMatch(/signature|carer since|one day at a time|Click to expand/i);
    },
  );

  it("pseudonymises usernames consistently, in turns and text, and keeps the key apart", async () => {
    const built = buildThread((await parseForumHtml(fixture("forum-xenforo.html"))) as never, {
      pseudonymise: true,
    });
    expect(built.turns.map((turn) => turn.speaker)).toEqual(["Member 1", "Member 2", "Member 1"]);
    expect(built.text).not.toMatch(/CalmWaters|Rowan_K/);
    expect(built.text).toContain("Same here, Member 1.");
    expect(built.text).toContain("Thanks Member 2, that is reassuring.");
    expect([...(built.key ?? [])]).toEqual([
      ["CalmWaters", "Member 1"],
      ["Rowan_K", "Member 2"],
    ]);
    for (const turn of built.turns)
      expect(built.text.slice(turn.labelStart, turn.start)).toMatch(/^#\d Member \d/);
  });

  it("reads BBCode and > quotes in plain text, keeping quotes of text not in the thread as > lines", () => {
    const thread = parseForumText(
      "Pain clinic waiting list\n\nsam_r\n\nNew Member\nI have waited nine months for the pain clinic.\n\u00a0\n[quote=sam_r, post: 1]I have waited nine months for the pain clinic.[/quote]\nTwelve here.\n\u00a0\n> The NHS constitution says 18 weeks\nThat target is for treatment.\n",
    );
    expect(thread.title).toBe("Pain clinic waiting list");
    const built = buildThread(thread);
    expect(built.turns.map((turn) => turn.quotes)).toEqual([[], [0], []]);
    expect(built.turns[2]?.quoteRanges).toHaveLength(1);
    expect(built.text).toContain("> The NHS constitution says 18 weeks");
  });
});

describe.runIf(hasShared("seeds/forum-thread_fss-gp-training.txt"))(
  "the seed forum thread (a plain-text copy)",
  () => {
    const text = () => readFileSync(sharedPath("seeds/forum-thread_fss-gp-training.txt"), "utf8");

    it("splits 13 posts, finds the first author and links quotes of earlier posts", () => {
      const thread = parseForumText(text());
      expect(thread.posts).toHaveLength(13);
      expect(thread.posts[0]?.author).toBe("Dolphin");
      expect(thread.title).toMatch(/^Improving GPs’ approaches/);
      const built = buildThread(thread);
      expect(built.turns.map((turn) => turn.quotes)).toEqual([
        [],
        [],
        [],
        [0, 2],
        [],
        [0],
        [],
        [],
        [],
        [8],
        [],
        [10],
        [],
      ]);
      // The abstract's Results paragraph is quoted twice in the thread, but is in the text once.
      const results = "We identified three main themes in the responses of the participants";
      expect(built.text.split(results).length - 1).toBe(1);
      expect(built.skipped).toContain("5 “last edited” notes");
      for (const [index, turn] of built.turns.entries()) {
        expect(turn.start).toBeLessThanOrEqual(turn.end);
        if (index > 0) expect(turn.labelStart).toBeGreaterThan(built.turns[index - 1]?.end ?? 0);
      }
    });

    it("pseudonymises the one username the copy kept, and not the quoted section heading", () => {
      const built = buildThread(parseForumText(text()), { pseudonymise: true });
      expect(built.text).not.toContain("Dolphin");
      expect([...(built.key ?? [])]).toEqual([["Dolphin", "Member 1"]]);
      expect(built.text).toContain("self-compassion\nConclusion\nA multimodal");
    });
  },
);
