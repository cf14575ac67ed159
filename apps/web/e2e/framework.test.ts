/**
 * The Framework Method end to end in headless Chromium with the demo study: build a small framework
 * from codes of the demo codebook, open a prefilled cell from the keyboard, see its coded passage,
 * write a summary and see the cell charted and the progress move, find it again after a reload,
 * filter rows by arm, run axe, and download the matrix as XLSX and read the summary back with the
 * repo's XLSX reader. A failing test leaves a screenshot in test-results/.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readXlsxRows } from "@quire/formats";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { expectNoSeriousViolations, useBrowserSession } from "./session.js";

const CATEGORY = "GP consultations";
const SUMMARY = "Sees managing IBS as work shared with the GP, not handed over";

/** Picks the codebook option whose path ends with `name` in the "From the codebook" select. */
async function pickFromCodebook(page: Page, name: string): Promise<void> {
  const select = page.getByLabel("From the codebook");
  await select.locator("option", { hasText: name }).first().waitFor({ state: "attached" });
  const value = await select.evaluate((element, wanted) => {
    const option = [...(element as HTMLSelectElement).options].find((candidate) =>
      candidate.text.endsWith(wanted),
    );
    if (!option) throw new Error(`no codebook option ending "${wanted}"`);
    return option.value;
  }, name);
  await select.selectOption(value);
}

describe("the Framework Method in Chromium", () => {
  let key = "";
  let scratch = "";
  const session = useBrowserSession("framework", {
    context: { acceptDownloads: true },
    setup: async ({ page }) => {
      scratch = mkdtempSync(join(tmpdir(), "quire-e2e-fw-out-"));
      key = /#\/p\/([^/]+)/.exec(page.url())?.[1] ?? "";
      if (!key) throw new Error(`no open project in ${page.url()}`);
      // The demo starts as reflexive TA; this study is analysed with the Framework Method.
      const status = await page.evaluate(async (project) => {
        const response = await fetch(`/api/projects/${project}`, {
          method: "PATCH",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ method: "framework" }),
        });
        return response.status;
      }, key);
      expect(status).toBe(200);
    },
  });

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const progressText = () => session.page.getByTestId("charting-progress").innerText();
  const cellOf = (caseName: string) =>
    session.page
      .getByRole("row", { name: new RegExp(`^${caseName}\\b`) })
      .getByRole("gridcell")
      .first();

  it("builds a framework of a category and two codebook codes, each a new version", async () => {
    await session.page
      .getByRole("navigation", { name: "Views" })
      .getByRole("button", { name: "Framework" })
      .click();
    await session.page.getByRole("heading", { name: "Framework Method", level: 1 }).waitFor();
    expect(session.page.url()).toContain("/v/framework");

    const addCategory = session.page.getByRole("form", { name: "Add a category" });
    await addCategory.getByLabel("Category name").fill(CATEGORY);
    await addCategory.getByLabel(/^Index/).fill("1");
    await addCategory.getByRole("button", { name: "Add category" }).click();
    await session.page.getByRole("heading", { name: /Analytical framework · version 1/ }).waitFor();

    const addCode = session.page.getByRole("form", { name: "Add a code" });
    await pickFromCodebook(session.page, "Shared responsibility");
    expect(await addCode.getByLabel("Code name").inputValue()).toBe("Shared responsibility");
    await addCode.getByLabel("Index", { exact: true }).fill("1.1");
    await addCode.getByLabel("Definition").fill("Managing IBS as a joint effort with the GP");
    await addCode.getByLabel("Origin").selectOption("inductive");
    await addCode.getByRole("button", { name: "Add code" }).click();
    await session.page.getByRole("heading", { name: /version 2/ }).waitFor();

    await pickFromCodebook(session.page, "Feeling dismissed");
    await addCode.getByLabel("Index", { exact: true }).fill("1.2");
    await addCode.getByRole("button", { name: "Add code" }).click();
    await session.page.getByRole("heading", { name: /version 3/ }).waitFor();

    const codes = session.page.getByRole("table", { name: CATEGORY });
    await expect.poll(() => codes.getByRole("row").count()).toBe(4);
    expect(await codes.innerText()).toContain("Managing IBS as a joint effort with the GP");
    expect(await codes.innerText()).toContain("Inductive");
    expect(await session.page.getByTestId("charted-against").innerText()).toBe(
      "Charted against framework version 3",
    );
    await session.page.getByText("Versions (3)").click();
    expect(
      await session.page
        .getByRole("list", { name: "Framework versions, newest first" })
        .innerText(),
    ).toContain('added code "Feeling dismissed"');
    await expectNoSeriousViolations(session.page, "framework editor");
  });

  it("charts a prefilled cell from the keyboard: passage, summary, state and progress", async () => {
    const grid = session.page.getByRole("grid", { name: /Charting matrix/ });
    await grid.waitFor();
    const headers = await grid.getByRole("columnheader").allInnerTexts();
    expect(headers).toEqual(
      expect.arrayContaining([CATEGORY, "1.1 Shared responsibility", "1.2 Feeling dismissed"]),
    );

    const cell = cellOf("P01");
    expect(await cell.getAttribute("data-state")).toBe("unsummarised");
    expect(await cell.innerText()).toContain("Not yet summarised");
    const prefill = await cell.locator(".fw-prefill").innerText();
    const before = await progressText();

    // Into the grid with Tab-order focus, along with the arrow keys, open with Enter.
    await session.page
      .getByRole("row", { name: /^P01\b/ })
      .getByRole("rowheader")
      .focus();
    await session.page.keyboard.press("ArrowRight");
    expect(await cell.evaluate((element) => element === document.activeElement)).toBe(true);
    await session.page.keyboard.press("ArrowRight");
    await session.page.keyboard.press("ArrowLeft");
    expect(await cell.evaluate((element) => element === document.activeElement)).toBe(true);
    await session.page.keyboard.press("Enter");

    const editor = session.page.getByRole("region", { name: /P01 × 1\.1 Shared responsibility/ });
    await editor.waitFor();
    const passage = editor.locator(".fw-passage").first();
    await passage.waitFor();
    const words = (await passage.innerText()).trim().replace(/\s+/g, " ");
    expect(prefill.replace(/\s+/g, " ")).toContain(words.slice(0, 40));
    await expect
      .poll(() => editor.getByRole("button", { name: "Open in source" }).count())
      .toBeGreaterThan(0);
    await expectNoSeriousViolations(session.page, "cell editor");

    const summary = editor.getByLabel("Summary");
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
    await summary.fill(SUMMARY);
    await editor.getByRole("button", { name: "Save summary" }).click();
    await expect.poll(() => cell.getAttribute("data-state")).toBe("charted");
    expect(await cell.innerText()).toBe(SUMMARY);
    await expect.poll(progressText).not.toBe(before);
    const done = (text: string) => Number(/^(\d+) of/.exec(text)?.[1]);
    expect(done(await progressText())).toBe(done(before) + 1);

    await session.page.keyboard.press("Escape");
    await expect.poll(() => editor.count()).toBe(0);
    expect(await cell.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it("finds the summary after a reload and opens the passage in its source", async () => {
    await session.page.reload();
    const cell = cellOf("P01");
    await cell.waitFor();
    expect(await cell.getAttribute("data-state")).toBe("charted");
    expect(await cell.innerText()).toBe(SUMMARY);
    await cell.click();
    const editor = session.page.getByRole("region", { name: /P01 × 1\.1 Shared responsibility/ });
    expect(await editor.getByLabel("Summary").inputValue()).toBe(SUMMARY);
    await editor.getByRole("button", { name: "Open in source" }).first().click();
    await session.page.locator('[data-testid="source-viewer"] .cm-line').first().waitFor();
    expect(session.page.url()).not.toContain("/v/framework");
    await session.page
      .getByRole("navigation", { name: "Views" })
      .getByRole("button", { name: "Framework" })
      .click();
  });

  it("filters and sorts the rows by a case attribute", async () => {
    const grid = session.page.getByRole("grid", { name: /Charting matrix/ });
    await grid.waitFor();
    const rowNames = () => grid.getByRole("rowheader").allInnerTexts();
    const all = (await rowNames()).length;
    await session.page.getByLabel("Filter rows by attribute").selectOption("arm");
    await session.page.getByLabel("Value of arm").selectOption("CBT");
    await expect.poll(async () => (await rowNames()).length).toBeLessThan(all);
    const filtered = await rowNames();
    expect(filtered.length).toBeGreaterThan(0);
    for (const name of filtered) expect(name).toContain("arm: CBT");
    expect(filtered.some((name) => name.startsWith("P02"))).toBe(false);

    await session.page.getByLabel("Sort rows by").selectOption("years_since_diagnosis");
    await session.page.getByLabel("Sort direction").selectOption("desc");
    await expect
      .poll(async () => {
        const years = (await rowNames()).map((name) =>
          Number(/years_since_diagnosis: (\d+)/.exec(name)?.[1]),
        );
        return years.every((value, index) => index === 0 || (years[index - 1] ?? 0) >= value);
      })
      .toBe(true);
    await expectNoSeriousViolations(session.page, "filtered matrix");
  });

  it("downloads the matrix as XLSX with the summary in its sheet", async () => {
    const [download] = await Promise.all([
      session.page.waitForEvent("download"),
      session.page.getByRole("link", { name: "Download XLSX" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = join(scratch, "matrix.xlsx");
    await download.saveAs(path);
    const cells = new Map<string, string>();
    for await (const row of readXlsxRows(path, {
      sheet: CATEGORY,
      textColumns: ["1.1 Shared responsibility"],
      idColumn: "case",
      attributeColumns: [],
      attributes: [],
    }))
      cells.set(row.id ?? "", row.text);
    expect(cells.get("P01")).toBe(SUMMARY);
    // A cell still waiting for its summary says so in the sheet too.
    expect(cells.get("P03")).toMatch(/^\[unsummarised\]/);
  });
});
