/**
 * W9: the source viewer in a real browser. A 100,000-word interview with 5,000 codings is served
 * by the real server and opened in headless Chromium; we time (a) from navigation to the viewer
 * having painted the source with its codings (the app marks that moment in
 * `window.__quireViewerReady`), and (b) from pressing Enter in the quick-code palette to the new
 * coding's mark appearing in the page.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { join, resolve } from "node:path";
import { anchorRange, newId } from "@quire/core";
import {
  createCode,
  createProject,
  importSources,
  mutate,
  openStore,
  type SourceInput,
} from "@quire/db";
import { type Browser, chromium, type Page } from "playwright-core";
import { ACTOR, type BenchContext, seedFor } from "../context.js";
import { generateText } from "../generators/vocabulary.js";
import { progress } from "../measure.js";
import { Prng } from "../prng.js";

export const W9_WORDS = 100_000;
export const W9_CODINGS = 5_000;
const CHROMIUM = "/usr/bin/chromium";

export interface ViewerTimes {
  /** Navigation start → source and codings painted, per page load (ms). */
  open: number[];
  /** Enter in the palette → the new coding painted (ms). */
  paint: number[];
  characters: number;
  codings: number;
}

/** Why W9 cannot run here, or null when it can. */
export function viewerUnavailable(repoRoot: string): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}`;
  if (!existsSync(join(repoRoot, "apps/web/dist/index.html")))
    return "the web app is not built (npm run build)";
  if (!existsSync(join(repoRoot, "apps/server/dist/index.js")))
    return "the server is not built (npm run build)";
  return null;
}

export async function measureViewer(
  context: BenchContext,
  repoRoot: string,
  opens = 9,
  paints = 20,
): Promise<ViewerTimes> {
  const home = mkdtempSync(join(context.tempDir, "w9-"));
  const { sourceId, characters } = await buildStudy(join(home, "w9.quire"), context);
  const { startServer } = (await import(resolve(repoRoot, "apps/server/dist/index.js"))) as {
    startServer(options: {
      port: number;
      home: string;
      seedDemo?: boolean;
      webRoot?: string;
    }): Promise<{ url: string; close(): Promise<void> }>;
  };
  const server = await startServer({
    port: 0,
    home,
    seedDemo: false,
    webRoot: join(repoRoot, "apps/web/dist"),
  });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const address = `${server.url}/#/p/w9/s/${sourceId}`;
    const open: number[] = [];
    // The first load warms the server's caches and the browser's; it is not counted.
    for (let run = 0; run <= opens; run++) {
      await page.goto("about:blank");
      await page.goto(address);
      const ready = await page.waitForFunction(
        () => (window as { __quireViewerReady?: number }).__quireViewerReady,
        null,
        { timeout: 30_000 },
      );
      if (run > 0) open.push(Number(await ready.jsonValue()));
    }
    progress(`W9: opened ${open.length} times`);
    const paint: number[] = [];
    for (let run = 0; run < paints; run++) paint.push(await codeOneLine(page, run));
    progress(`W9: coded ${paint.length} passages`);
    return { open, paint, characters, codings: W9_CODINGS };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Writes the study straight into a workspace file, as an import would. */
async function buildStudy(
  path: string,
  context: BenchContext,
): Promise<{ sourceId: string; characters: number }> {
  const prng = new Prng(seedFor(context.options, "interviews") + 9);
  const store = await openStore(path, { create: true });
  try {
    const project = await createProject(store, {
      name: "w9",
      method: "reflexive_ta",
      actor: ACTOR,
    });
    let text = "";
    let words = 0;
    const turns: NonNullable<SourceInput["turns"]> = [];
    for (let interviewer = true; words < W9_WORDS; interviewer = !interviewer) {
      const label = interviewer ? "I" : "R";
      const utterance = generateText(
        context.vocabulary,
        prng,
        (interviewer ? prng.int(8, 40) : prng.int(40, 320)) * 5.3,
      );
      const start = text.length === 0 ? 3 : text.length + 5;
      text = text.length === 0 ? `${label}: ${utterance}` : `${text}\n\n${label}: ${utterance}`;
      turns.push({
        start,
        end: text.length,
        speaker: label,
        role: interviewer ? "interviewer" : "participant",
        caseName: interviewer ? null : "P1",
      });
      words += utterance.split(" ").length;
    }
    await mutate(store, { projectId: project.id, actor: ACTOR, action: "bench.w9" }, async (m) => {
      await importSources(m, [
        { kind: "interview", title: "Long interview", text, caseName: "P1", turns },
      ]);
      const codes = [];
      for (let index = 0; index < 30; index++)
        codes.push(await createCode(m, { name: `Code ${index + 1}` }));
      await createCode(m, { name: "W9 new coding" });
      const source = await m.db
        .selectFrom("sources")
        .select(["id", "currentRevisionId", "position"])
        .executeTakeFirstOrThrow();
      const rows: unknown[][] = [];
      const words = [...text.matchAll(/\S+/g)];
      for (let index = 0; index < W9_CODINGS; index++) {
        const first = prng.int(0, words.length - 40);
        const from = words[first];
        const to = words[first + prng.int(3, 35)];
        if (!from || !to) continue;
        const anchor = anchorRange(
          source.currentRevisionId as never,
          text,
          from.index,
          to.index + to[0].length,
        );
        const code = prng.pick(codes);
        rows.push([
          newId(),
          project.id,
          source.id,
          code.id,
          anchor.revisionId,
          source.position,
          anchor.start,
          anchor.end,
          anchor.exact,
          anchor.prefix,
          anchor.suffix,
          "anchored",
          1,
          ACTOR,
          null,
          new Date().toISOString(),
        ]);
      }
      await m.dialect.bulkInsert(m.db, "codings", CODING_COLUMNS, rows);
      m.summary = "built the W9 study";
    });
    const source = await store.db.selectFrom("sources").select("id").executeTakeFirstOrThrow();
    return { sourceId: source.id, characters: text.length };
  } finally {
    await store.close();
  }
}

const CODING_COLUMNS = [
  "id",
  "project_id",
  "source_id",
  "code_id",
  "revision_id",
  "source_position",
  "start_pos",
  "end_pos",
  "exact",
  "prefix",
  "suffix",
  "status",
  "score",
  "coder",
  "memo",
  "created_at",
].map((name) => ({
  name,
  pgType: (["source_position", "start_pos", "end_pos"].includes(name)
    ? "integer"
    : name === "score"
      ? "double precision"
      : "text") as "text",
}));

/**
 * Selects one rendered line, opens the palette, picks the bench's code and times Enter → the mark
 * count in the page going up. A MutationObserver in the page takes the time, so the figure
 * excludes the round trip of this controlling process.
 */
async function codeOneLine(page: Page, run: number): Promise<number> {
  // A long answer is rendered first in the viewport; each run selects a different visual line of
  // it (and a slightly shorter stretch when the lines come round again), so every coding is new.
  const answer = page
    .locator('[data-testid="source-viewer"] .cm-line')
    .filter({ hasText: /\w/ })
    .nth(1);
  await answer.click({ position: { x: 40, y: 12 + 28 * (run % 10) } });
  await page.keyboard.press("Home");
  await page.keyboard.press("Shift+End");
  for (let step = 0; step <= Math.floor(run / 10); step++)
    await page.keyboard.press("Shift+ArrowLeft");
  await page.keyboard.press("c");
  await page.getByRole("combobox", { name: "Find or create a code" }).waitFor();
  await page.keyboard.type("W9 new coding");
  await page.evaluate(() => {
    const state = window as unknown as { __w9?: { start: number; painted?: number } };
    const count = () => document.querySelectorAll(".cm-coding").length;
    const before = count();
    state.__w9 = { start: 0 };
    const observer = new MutationObserver(() => {
      if (state.__w9 && state.__w9.start > 0 && count() > before) {
        state.__w9.painted = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    document.addEventListener(
      "keydown",
      (event) => {
        if (event.key === "Enter" && state.__w9 && state.__w9.start === 0)
          state.__w9.start = performance.now();
      },
      { capture: true, once: true },
    );
  });
  await page.keyboard.press("Enter");
  const painted = await page.waitForFunction(
    () => {
      const state = (window as unknown as { __w9?: { start: number; painted?: number } }).__w9;
      return state?.painted ? state.painted - state.start : 0;
    },
    null,
    { timeout: 10_000 },
  );
  return Number(await painted.jsonValue());
}

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
