/**
 * End to end in headless Chromium against the real server on an ephemeral port with a temporary
 * QUIRE_HOME: import a transcript through the dialog, create a code, code a selection with the
 * keyboard palette, retrieve it, edit the text and see the coding stay on its words, undo, reload
 * and find everything persisted; and axe on the main screens. A failing test leaves a screenshot
 * in test-results/.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectNoSeriousViolations, selectWords, useBrowserSession } from "./session.js";

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

describe("the workbench in Chromium", () => {
  const session = useBrowserSession("workbench", {
    waitForSources: false,
    failureShot: "web-e2e-",
  });

  it("opens the demo project and shows an accessible workbench", async () => {
    await expect.poll(() => session.page.locator(".source-row").count()).toBeGreaterThan(0);
    await session.page.locator(".source-row").first().click();
    await session.page.locator('[data-testid="source-viewer"] .cm-line').first().waitFor();
    await expectNoSeriousViolations(session.page, "workbench");
  });

  it("creates a project and imports a transcript through the dialog, reporting an unreadable file", async () => {
    await session.page.getByRole("button", { name: "Manage projects" }).click();
    await session.page.getByLabel("Name of a new project").fill("Diagnosis study");
    await expectNoSeriousViolations(session.page, "projects dialog");
    await session.page.getByRole("button", { name: "Create project" }).click();
    await expect
      .poll(() => session.page.locator(".project-switcher select").inputValue())
      .toBe("diagnosis-study");

    await session.page.getByRole("button", { name: "Import", exact: true }).click();
    await session.page.getByLabel("Files to import").setInputFiles([
      { name: "P21.txt", mimeType: "text/plain", buffer: Buffer.from(TRANSCRIPT) },
      { name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 not really") },
    ]);
    const report = session.page.getByRole("status", { name: "Import report" });
    await expect.poll(() => report.innerText()).toMatch(/P21\.txt\s+imported/);
    expect(await report.innerText()).toMatch(/scan\.pdf\s+could not be read: .*pdf/i);
    await expectNoSeriousViolations(session.page, "import dialog");
    await session.page.keyboard.press("Escape");

    // Dropping a file on the source list imports it too.
    const dataTransfer = await session.page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(["I: Hello?\n\nR: Hello.\n"], "P22.txt", { type: "text/plain" }));
      return transfer;
    });
    await session.page.locator(".source-scroller").dispatchEvent("drop", { dataTransfer });
    await expect.poll(() => report.innerText()).toMatch(/P22\.txt\s+imported/);
    await session.page.keyboard.press("Escape");
    await session.page.locator(".source-row", { hasText: "P21" }).click();
    await session.page.locator(".cm-line", { hasText: "nearly two years" }).waitFor();
    expect(await session.page.locator(".cm-speaker").first().innerText()).toBe("I: ");
  });

  it("creates a code and codes a selection with the keyboard palette", async () => {
    await session.page.getByRole("button", { name: "New code" }).click();
    await session.page.getByLabel("Name of the new code").fill("Waiting for a diagnosis");
    await session.page.keyboard.press("Enter");
    await session.page.getByRole("treeitem", { name: /Waiting for a diagnosis/ }).waitFor();

    await selectWords(session.page, CODED_WORDS);
    await session.page.keyboard.press("c");
    const palette = session.page.getByRole("combobox", { name: "Find or create a code" });
    await palette.waitFor();
    await expectNoSeriousViolations(session.page, "quick-code palette");
    await session.page.keyboard.type("waiting");
    await session.page.keyboard.press("Enter");
    await expect
      .poll(() => session.page.locator(".cm-coding").allInnerTexts())
      .toEqual([CODED_WORDS]);
    await expect.poll(() => session.page.locator(".cm-stripe").count()).toBe(1);
    await expect
      .poll(() =>
        session.page
          .getByRole("treeitem", { name: /Waiting for a diagnosis/ })
          .getAttribute("aria-label"),
      )
      .toContain("1 codings in 1 sources");
  });

  it("retrieves the coded passage and jumps to it", async () => {
    await session.page.getByRole("treeitem", { name: /Waiting for a diagnosis/ }).click();
    const result = session.page.locator(".retrieval .result").first();
    await expect.poll(() => result.innerText()).toContain(CODED_WORDS);
    expect(await result.innerText()).toContain("P21");
    await expectNoSeriousViolations(session.page, "retrieval");
    await result.locator(".result-open").click();
    await expect
      .poll(() => session.page.locator(".statusbar").innerText())
      .toContain(`${CODED_WORDS.length} characters selected`);
  });

  it("keeps the coding on its words when the text is edited", async () => {
    await session.page.getByRole("button", { name: "Edit text" }).click();
    const line = session.page.locator(".cm-line", { hasText: "nearly two years" });
    await line.click();
    await session.page.keyboard.press("Home");
    await session.page.keyboard.type("(Laughs.) ");
    await session.page.getByRole("button", { name: "Done editing" }).click();
    await session.page.getByRole("button", { name: "Edit text" }).waitFor();
    await expect
      .poll(() => session.page.locator(".cm-line", { hasText: "(Laughs.)" }).count())
      .toBe(1);
    expect(await session.page.locator(".cm-coding").allInnerTexts()).toEqual([CODED_WORDS]);
  });

  it("undoes and redoes a coding from the keyboard", async () => {
    await selectWords(session.page, "just IBS");
    await session.page.keyboard.press("1");
    await expect.poll(() => session.page.locator(".cm-coding").count()).toBe(2);
    await session.page.locator(".viewer-header h1").click();
    await session.page.keyboard.press("Control+z");
    await expect
      .poll(() => session.page.locator(".cm-coding").allInnerTexts())
      .toEqual([CODED_WORDS]);
    await session.page.keyboard.press("Control+Shift+z");
    await expect.poll(() => session.page.locator(".cm-coding").count()).toBe(2);
    await session.page.keyboard.press("Control+z");
    await expect.poll(() => session.page.locator(".cm-coding").count()).toBe(1);
  });

  it("finds everything again after a reload", async () => {
    await session.page.reload();
    await session.page.locator(".cm-line", { hasText: "(Laughs.) R: It took" }).waitFor();
    await expect
      .poll(() => session.page.locator(".cm-coding").allInnerTexts())
      .toEqual([CODED_WORDS]);
    await session.page.getByRole("treeitem", { name: /Waiting for a diagnosis/ }).click();
    await expect
      .poll(() => session.page.locator(".retrieval .result").first().innerText())
      .toContain(CODED_WORDS);
    const ready = await session.page.evaluate(() => window.__quireViewerReady);
    expect(typeof ready).toBe("number");
  });

  it("searches with keyword in context and stays accessible in the other panels", async () => {
    await session.page.getByRole("tab", { name: "Search" }).click();
    await session.page.getByLabel("Search the project").fill('"just IBS"');
    await session.page.keyboard.press("Enter");
    await expect.poll(() => session.page.locator(".hit").count()).toBe(1);
    expect(await session.page.locator(".hit mark").innerText()).toBe("just IBS");
    await expectNoSeriousViolations(session.page, "search");
    for (const tab of ["Coding", "Memos", "Orphans"]) {
      await session.page.getByRole("tab", { name: tab }).click();
      await expectNoSeriousViolations(session.page, `${tab} panel`);
    }
  });

  it("writes a memo, deletes it, and brings it back with undo", async () => {
    await session.page.getByRole("tab", { name: "Memos" }).click();
    await session.page.getByRole("button", { name: "New memo" }).click();
    const form = session.page.locator(".memo-form");
    await form.getByLabel("Title").fill("Waiting as a wound");
    await form
      .getByRole("textbox", { name: "Memo" })
      .fill("The wait, not the diagnosis, is what people return to.");
    await form.getByRole("button", { name: "Save memo" }).click();
    const memo = session.page.locator(".memo", { hasText: "Waiting as a wound" });
    await memo.waitFor();
    await memo.getByRole("button", { name: 'Delete memo "Waiting as a wound"' }).click();
    await memo.waitFor({ state: "detached" });
    await session.page.getByRole("button", { name: "↶ Undo" }).click();
    await memo.waitFor();
    expect(await memo.innerText()).toContain("The wait, not the diagnosis");
  });

  it("shows a change made by the command line in the open window, live", async () => {
    const key = /#\/p\/([^/]+)/.exec(session.page.url())?.[1];
    if (!key) throw new Error(`no project in ${session.page.url()}`);
    const file = join(session.home, `${decodeURIComponent(key)}.quire`);
    const cli = (...args: string[]) => {
      const run = spawnSync(process.execPath, [CLI, ...args], {
        encoding: "utf8",
        env: { ...process.env, QUIRE_CODER: "KB" },
      });
      if (run.status !== 0) throw new Error(`quire ${args.join(" ")}: ${run.stderr}`);
    };
    const marks = await session.page.locator(".cm-coding").count();
    cli("codes", "add", file, "Made elsewhere");
    await session.page.getByRole("treeitem", { name: /Made elsewhere/ }).waitFor();
    cli("code", file, "--search", '"just IBS"', "--code", "Made elsewhere");
    await expect.poll(() => session.page.locator(".cm-coding").count()).toBeGreaterThan(marks);
  });

  it("downloads the coded segments as CSV from the export dialog", async () => {
    const [, key, sourceId] = /#\/p\/([^/]+)\/s\/([^/]+)/.exec(session.page.url()) ?? [];
    if (!key || !sourceId) throw new Error(`no open source in ${session.page.url()}`);
    await session.page.getByRole("button", { name: "Export…" }).click();
    const dialog = session.page.getByRole("dialog", { name: "Export" });
    const csv = dialog.getByRole("radio", { name: "Coded segments (CSV)", exact: true });
    await csv.waitFor();
    expect(await csv.isChecked()).toBe(true);
    // Focus lands on the chosen format, so the arrow keys work at once.
    await expect
      .poll(() => session.page.evaluate(() => document.activeElement?.getAttribute("value")))
      .toBe("csv");

    // A format about one source asks which, starting from the open one.
    await dialog.getByRole("radio", { name: "One source, coded (web page)", exact: true }).check();
    expect(await dialog.getByRole("combobox", { name: "Source to export" }).inputValue()).toBe(
      decodeURIComponent(sourceId),
    );
    await expectNoSeriousViolations(session.page, "export dialog");
    await csv.check();
    await expect
      .poll(() => dialog.getByRole("combobox", { name: "Source to export" }).count())
      .toBe(0);

    const [download] = await Promise.all([
      session.page.waitForEvent("download"),
      dialog.getByRole("link", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${decodeURIComponent(key)}.csv`);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const [header = "", ...rows] = Buffer.concat(chunks).toString("utf8").trim().split(/\r?\n/);
    expect(header.split(",")).toEqual(expect.arrayContaining(["source", "code", "text"]));
    expect(rows.some((row) => row.includes(CODED_WORDS) && row.includes("P21"))).toBe(true);

    await session.page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await session.page.evaluate(() => document.activeElement?.textContent)).toBe("Export…");
  });

  it("shows the Analysis view with a frequency bar per coded code", async () => {
    const [, key] = /#\/p\/([^/]+)/.exec(session.page.url()) ?? [];
    if (!key) throw new Error(`no open project in ${session.page.url()}`);
    const coded = await session.page.evaluate(async (project) => {
      const response = await fetch(`/api/projects/${project}/codes`);
      type Listed = { codingCount: number }[];
      const body = (await response.json()) as Listed | { codes: Listed };
      return (Array.isArray(body) ? body : body.codes).filter((code) => code.codingCount > 0)
        .length;
    }, key);
    expect(coded).toBeGreaterThan(0);
    await session.page.getByRole("tab", { name: "Analysis" }).click();
    const chart = session.page.getByRole("figure", { name: "Code frequencies" });
    await chart.waitFor();
    await expect.poll(() => chart.getByRole("img").count()).toBe(coded);
    // The project follows reflexive thematic analysis, where saturation sits behind a warning.
    const warning = session.page.getByRole("region", { name: "Saturation" });
    await warning.waitFor();
    expect(await session.page.getByRole("figure", { name: "Saturation" }).count()).toBe(0);
    await warning.getByRole("button", { name: "Show the saturation curve anyway" }).click();
    await session.page.getByRole("figure", { name: "Saturation" }).waitFor();
    await expectNoSeriousViolations(session.page, "analysis view");
  });
});
