/**
 * What every browser test file does around its tests: a temporary QUIRE_HOME, the built server on
 * it, Chromium with one page open on the app, a screenshot in test-results/ when a test fails, and
 * everything closed and removed afterwards; and the checks and gestures the files share.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import {
  ensureBuilt,
  launchChromium,
  type RunningServer,
  resultsDir,
  serverEntry,
  startBuiltServer,
} from "./support.js";

export interface BrowserSession {
  readonly page: Page;
  readonly server: RunningServer;
  /** The temporary QUIRE_HOME the server runs on. */
  readonly home: string;
}

export interface BrowserSessionOptions {
  /** Prefix of the temporary QUIRE_HOME's name; `quire-e2e-<name>-` unless given. */
  homePrefix?: string;
  /** Options of the browser context; the viewport is 1440×900 unless given. */
  context?: BrowserContextOptions;
  /** Whether to wait, after opening the app, for its first source to be listed (default true). */
  waitForSources?: boolean;
  /**
   * What a failed test's screenshot is called in test-results/, before the test's name:
   * `web-e2e-<name>-` unless given; `false` takes none.
   */
  failureShot?: string | false;
  /** Whether the failure screenshot takes the whole page rather than the viewport. */
  fullPageShot?: boolean;
  /** More to do once the page is open, within the same hook (and its time limit). */
  setup?: (session: BrowserSession) => Promise<void>;
}

/**
 * Registers the hooks that start a browser session for the enclosing `describe` and end it, and
 * returns the session, whose fields are read inside the tests (they are set once `beforeAll` ran).
 */
export function useBrowserSession(
  name: string,
  options: BrowserSessionOptions = {},
): BrowserSession {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let home: string | undefined;
  const session: BrowserSession = {
    get page() {
      if (!page) throw new Error("the browser session has not started");
      return page;
    },
    get server() {
      if (!server) throw new Error("the browser session has not started");
      return server;
    },
    get home() {
      if (!home) throw new Error("the browser session has not started");
      return home;
    },
  };

  beforeAll(async () => {
    if (!existsSync(serverEntry))
      throw new Error("apps/server is not built: run `npm run build` first");
    await ensureBuilt();
    home = mkdtempSync(join(tmpdir(), options.homePrefix ?? `quire-e2e-${name}-`));
    server = await startBuiltServer(home);
    browser = await launchChromium();
    // Axe needs a page from an explicit context.
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      ...options.context,
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    if (options.waitForSources ?? true) await page.locator(".source-row").first().waitFor();
    await options.setup?.(session);
  }, 120_000);

  const shotPrefix = options.failureShot ?? `web-e2e-${name}-`;
  if (shotPrefix !== false)
    afterEach(async (context) => {
      if (context.task.result?.state !== "fail" || !page) return;
      mkdirSync(resultsDir, { recursive: true });
      const test = context.task.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
      await page.screenshot({
        path: join(resultsDir, `${shotPrefix}${test}.png`),
        ...(options.fullPageShot ? { fullPage: true } : {}),
      });
    });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  return session;
}

/** Runs axe on what the page shows and fails on any serious or critical violation. */
export async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  const report = serious.map(
    (violation) =>
      `${screen}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(report).toEqual([]);
}

/**
 * Selects `words` in the viewer through the DOM, as a mouse drag would, scrolling the transcript
 * until the editor has drawn them, and waits for the editor to see the selection.
 */
export async function selectWords(page: Page, words: string): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate((wanted) => {
          const content = document.querySelector(".cm-content");
          if (!content) return false;
          const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent?.indexOf(wanted) ?? -1;
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + wanted.length);
            (content as HTMLElement).focus();
            const selection = window.getSelection();
            selection?.removeAllRanges();
            selection?.addRange(range);
            return true;
          }
          document.querySelector(".cm-scroller")?.scrollBy(0, 400);
          return false;
        }, words),
      { timeout: 10_000 },
    )
    .toBe(true);
  await expect
    .poll(() => page.locator(".statusbar").innerText())
    .toContain(`${words.length} characters selected`);
}
