/**
 * End to end in headless Chromium against the real server on an ephemeral port with a temporary
 * QUIRE_HOME: import a transcript through the dialog, create a code, code a selection with the
 * keyboard palette, retrieve it, edit the text and see the coding stay on its words, undo, reload
 * and find everything persisted; and axe on the main screens. A failing test leaves a screenshot
 * in test-results/.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ensureBuilt,
  launchChromium,
  type RunningServer,
  resultsDir,
  serverEntry,
  startBuiltServer,
} from "./support.js";

const TRANSCRIPT = [
  "Interview with participant P21, by telephone.",
  "",
  "I: Could you tell me how the diagnosis came about?",
  "",
  "R: It took nearly two years. Honestly the waiting was the worst part, because nobody would say what it was.",
  "",
  "I: And how did the GP explain it in the end?",
  "",
  "R: She said it was just IBS and that I should learn to live with it.",
  "",
].join("\n");
const CODED_WORDS = "the waiting was the worst part";
const CLI = fileURLToPath(new URL("../../cli/bin/quire.js", import.meta.url));

/** Selects `words` in the viewer through the DOM, as a mouse drag would, and lets the editor see it. */
async function selectWords(page: Page, words: string): Promise<void> {
  await page.evaluate((wanted) => {
    const content = document.querySelector(".cm-content");
    if (!content) throw new Error("no editor content");
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
      return;
    }
    throw new Error(`"${wanted}" is not on screen`);
  }, words);
  await expect
    .poll(() => page.locator(".statusbar").innerText())
    .toContain(`${words.length} characters selected`);
}

async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
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

describe("the workbench in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let home: string;

  beforeAll(async () => {
    if (!existsSync(serverEntry))
      throw new Error("apps/server is not built: run `npm run build` first");
    await ensureBuilt();
    home = mkdtempSync(join(tmpdir(), "quire-e2e-"));
    server = await startBuiltServer(home);
    browser = await launchChromium();
    // Axe needs a page from an explicit context.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
  }, 120_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== "fail" || !page) return;
    mkdirSync(resultsDir, { recursive: true });
    const name = context.task.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
    await page.screenshot({ path: join(resultsDir, `web-e2e-${name}.png`) });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it("opens the demo project and shows an accessible workbench", async () => {
    await expect.poll(() => page.locator(".source-row").count()).toBeGreaterThan(0);
    await page.locator(".source-row").first().click();
    await page.locator('[data-testid="source-viewer"] .cm-line').first().waitFor();
    await expectNoSeriousViolations(page, "workbench");
  });

  it("creates a project and imports a transcript through the dialog, reporting an unreadable file", async () => {
    await page.getByRole("button", { name: "Manage projects" }).click();
    await page.getByLabel("Name of a new project").fill("Diagnosis study");
    await expectNoSeriousViolations(page, "projects dialog");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect
      .poll(() => page.locator(".project-switcher select").inputValue())
      .toBe("diagnosis-study");

    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByLabel("Files to import").setInputFiles([
      { name: "P21.txt", mimeType: "text/plain", buffer: Buffer.from(TRANSCRIPT) },
      { name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 not really") },
    ]);
    const report = page.getByRole("status", { name: "Import report" });
    await expect.poll(() => report.innerText()).toMatch(/P21\.txt\s+imported/);
    expect(await report.innerText()).toMatch(/scan\.pdf\s+could not be read: .*pdf/i);
    await expectNoSeriousViolations(page, "import dialog");
    await page.keyboard.press("Escape");

    // Dropping a file on the source list imports it too.
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(["I: Hello?\n\nR: Hello.\n"], "P22.txt", { type: "text/plain" }));
      return transfer;
    });
    await page.locator(".source-scroller").dispatchEvent("drop", { dataTransfer });
    await expect.poll(() => report.innerText()).toMatch(/P22\.txt\s+imported/);
    await page.keyboard.press("Escape");
    await page.locator(".source-row", { hasText: "P21" }).click();
    await page.locator(".cm-line", { hasText: "nearly two years" }).waitFor();
    expect(await page.locator(".cm-speaker").first().innerText()).toBe("I: ");
  });

  it("creates a code and codes a selection with the keyboard palette", async () => {
    await page.getByRole("button", { name: "New code" }).click();
    await page.getByLabel("Name of the new code").fill("Waiting for a diagnosis");
    await page.keyboard.press("Enter");
    await page.getByRole("treeitem", { name: /Waiting for a diagnosis/ }).waitFor();

    await selectWords(page, CODED_WORDS);
    await page.keyboard.press("c");
    const palette = page.getByRole("combobox", { name: "Find or create a code" });
    await palette.waitFor();
    await expectNoSeriousViolations(page, "quick-code palette");
    await page.keyboard.type("waiting");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".cm-coding").allInnerTexts()).toEqual([CODED_WORDS]);
    await expect.poll(() => page.locator(".cm-stripe").count()).toBe(1);
    await expect
      .poll(() =>
        page.getByRole("treeitem", { name: /Waiting for a diagnosis/ }).getAttribute("aria-label"),
      )
      .toContain("1 codings in 1 sources");
  });

  it("retrieves the coded passage and jumps to it", async () => {
    await page.getByRole("treeitem", { name: /Waiting for a diagnosis/ }).click();
    const result = page.locator(".retrieval .result").first();
    await expect.poll(() => result.innerText()).toContain(CODED_WORDS);
    expect(await result.innerText()).toContain("P21");
    await expectNoSeriousViolations(page, "retrieval");
    await result.locator(".result-open").click();
    await expect
      .poll(() => page.locator(".statusbar").innerText())
      .toContain(`${CODED_WORDS.length} characters selected`);
  });

  it("keeps the coding on its words when the text is edited", async () => {
    await page.getByRole("button", { name: "Edit text" }).click();
    const line = page.locator(".cm-line", { hasText: "nearly two years" });
    await line.click();
    await page.keyboard.press("Home");
    await page.keyboard.type("(Laughs.) ");
    await page.getByRole("button", { name: "Done editing" }).click();
    await page.getByRole("button", { name: "Edit text" }).waitFor();
    await expect.poll(() => page.locator(".cm-line", { hasText: "(Laughs.)" }).count()).toBe(1);
    expect(await page.locator(".cm-coding").allInnerTexts()).toEqual([CODED_WORDS]);
  });

  it("undoes and redoes a coding from the keyboard", async () => {
    await selectWords(page, "just IBS");
    await page.keyboard.press("1");
    await expect.poll(() => page.locator(".cm-coding").count()).toBe(2);
    await page.locator(".viewer-header h1").click();
    await page.keyboard.press("Control+z");
    await expect.poll(() => page.locator(".cm-coding").allInnerTexts()).toEqual([CODED_WORDS]);
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(() => page.locator(".cm-coding").count()).toBe(2);
    await page.keyboard.press("Control+z");
    await expect.poll(() => page.locator(".cm-coding").count()).toBe(1);
  });

  it("finds everything again after a reload", async () => {
    await page.reload();
    await page.locator(".cm-line", { hasText: "(Laughs.) R: It took" }).waitFor();
    await expect.poll(() => page.locator(".cm-coding").allInnerTexts()).toEqual([CODED_WORDS]);
    await page.getByRole("treeitem", { name: /Waiting for a diagnosis/ }).click();
    await expect
      .poll(() => page.locator(".retrieval .result").first().innerText())
      .toContain(CODED_WORDS);
    const ready = await page.evaluate(() => window.__quireViewerReady);
    expect(typeof ready).toBe("number");
  });

  it("searches with keyword in context and stays accessible in the other panels", async () => {
    await page.getByRole("tab", { name: "Search" }).click();
    await page.getByLabel("Search the project").fill('"just IBS"');
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".hit").count()).toBe(1);
    expect(await page.locator(".hit mark").innerText()).toBe("just IBS");
    await expectNoSeriousViolations(page, "search");
    for (const tab of ["Coding", "Memos", "Orphans"]) {
      await page.getByRole("tab", { name: tab }).click();
      await expectNoSeriousViolations(page, `${tab} panel`);
    }
  });

  it("writes a memo, deletes it, and brings it back with undo", async () => {
    await page.getByRole("tab", { name: "Memos" }).click();
    await page.getByRole("button", { name: "New memo" }).click();
    const form = page.locator(".memo-form");
    await form.getByLabel("Title").fill("Waiting as a wound");
    await form
      .getByRole("textbox", { name: "Memo" })
      .fill("The wait, not the diagnosis, is what people return to.");
    await form.getByRole("button", { name: "Save memo" }).click();
    const memo = page.locator(".memo", { hasText: "Waiting as a wound" });
    await memo.waitFor();
    await memo.getByRole("button", { name: 'Delete memo "Waiting as a wound"' }).click();
    await memo.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "↶ Undo" }).click();
    await memo.waitFor();
    expect(await memo.innerText()).toContain("The wait, not the diagnosis");
  });

  it("shows a change made by the command line in the open window, live", async () => {
    const key = /#\/p\/([^/]+)/.exec(page.url())?.[1];
    if (!key) throw new Error(`no project in ${page.url()}`);
    const file = join(home, `${decodeURIComponent(key)}.quire`);
    const cli = (...args: string[]) => {
      const run = spawnSync(process.execPath, [CLI, ...args], {
        encoding: "utf8",
        env: { ...process.env, QUIRE_CODER: "KB" },
      });
      if (run.status !== 0) throw new Error(`quire ${args.join(" ")}: ${run.stderr}`);
    };
    const marks = await page.locator(".cm-coding").count();
    cli("codes", "add", file, "Made elsewhere");
    await page.getByRole("treeitem", { name: /Made elsewhere/ }).waitFor();
    cli("code", file, "--search", '"just IBS"', "--code", "Made elsewhere");
    await expect.poll(() => page.locator(".cm-coding").count()).toBeGreaterThan(marks);
  });

  it("downloads the coded segments as CSV from the export dialog", async () => {
    const [, key, sourceId] = /#\/p\/([^/]+)\/s\/([^/]+)/.exec(page.url()) ?? [];
    if (!key || !sourceId) throw new Error(`no open source in ${page.url()}`);
    await page.getByRole("button", { name: "Export…" }).click();
    const dialog = page.getByRole("dialog", { name: "Export" });
    const csv = dialog.getByRole("radio", { name: "Coded segments (CSV)", exact: true });
    await csv.waitFor();
    expect(await csv.isChecked()).toBe(true);
    // Focus lands on the chosen format, so the arrow keys work at once.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("value")))
      .toBe("csv");

    // A format about one source asks which, starting from the open one.
    await dialog.getByRole("radio", { name: "One source, coded (web page)", exact: true }).check();
    expect(await dialog.getByRole("combobox", { name: "Source to export" }).inputValue()).toBe(
      decodeURIComponent(sourceId),
    );
    await expectNoSeriousViolations(page, "export dialog");
    await csv.check();
    await expect
      .poll(() => dialog.getByRole("combobox", { name: "Source to export" }).count())
      .toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      dialog.getByRole("link", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${decodeURIComponent(key)}.csv`);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const [header = "", ...rows] = Buffer.concat(chunks).toString("utf8").trim().split(/\r?\n/);
    expect(header.split(",")).toEqual(expect.arrayContaining(["source", "code", "text"]));
    expect(rows.some((row) => row.includes(CODED_WORDS) && row.includes("P21"))).toBe(true);

    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Export…");
  });

  it("shows the Analysis view with a frequency bar per coded code", async () => {
    const [, key] = /#\/p\/([^/]+)/.exec(page.url()) ?? [];
    if (!key) throw new Error(`no open project in ${page.url()}`);
    const coded = await page.evaluate(async (project) => {
      const response = await fetch(`/api/projects/${project}/codes`);
      type Listed = { codingCount: number }[];
      const body = (await response.json()) as Listed | { codes: Listed };
      return (Array.isArray(body) ? body : body.codes).filter((code) => code.codingCount > 0)
        .length;
    }, key);
    expect(coded).toBeGreaterThan(0);
    await page.getByRole("tab", { name: "Analysis" }).click();
    const chart = page.getByRole("figure", { name: "Code frequencies" });
    await chart.waitFor();
    await expect.poll(() => chart.getByRole("img").count()).toBe(coded);
    // The project follows reflexive thematic analysis, where saturation sits behind a warning.
    const warning = page.getByRole("region", { name: "Saturation" });
    await warning.waitFor();
    expect(await page.getByRole("figure", { name: "Saturation" }).count()).toBe(0);
    await warning.getByRole("button", { name: "Show the saturation curve anyway" }).click();
    await page.getByRole("figure", { name: "Saturation" }).waitFor();
    await expectNoSeriousViolations(page, "analysis view");
  });
});
