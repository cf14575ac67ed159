/**
 * The Queries view end to end in headless Chromium with the demo study (IBS consultations, arms
 * CBT and TAU, example codings by "demo"): build "Shared responsibility AND NOT Feeling dismissed
 * where arm = CBT", read its passages and its cases, save it, reload and run the saved query, open
 * a passage and see the source selected at it; the code × case matrix has a non-zero cell that runs
 * its query; word frequencies list words and a word's keyword-in-context lines open their source.
 * Axe runs on each tab. A failing test leaves a screenshot in test-results/.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousViolations, useBrowserSession } from "./session.js";

const SHARED = "Relationship with the GP / Shared responsibility";
const DISMISSED = "Relationship with the GP / Feeling dismissed";
const SAVED_NAME = "Shared, not dismissed (CBT)";

/** The number at the start of the result count ("4 passages in 4 sources, 4 cases"). */
async function passageCount(page: Page): Promise<number> {
  const text = await page.getByTestId("query-count").innerText();
  return Number(/^([\d,]+) passage/.exec(text)?.[1]?.replace(/,/g, "") ?? Number.NaN);
}

describe("the Queries view in Chromium", () => {
  let passages = 0;

  const openQueries = async () => {
    await session.page
      .getByRole("navigation", { name: "Views" })
      .getByRole("button", { name: "Queries" })
      .click();
    await session.page.getByRole("heading", { name: "Queries", level: 1 }).waitFor();
  };
  const selectedInStatus = () => session.page.locator(".statusbar").innerText();

  const session = useBrowserSession("queries");

  it("builds Shared responsibility AND NOT Feeling dismissed where arm = CBT and reads it", async () => {
    await openQueries();
    expect(session.page.url()).toContain("/v/queries");
    const builder = session.page.getByRole("form", { name: "Query builder" });
    await builder.getByLabel("Code to add to Any of").selectOption({ label: SHARED });
    await builder.getByRole("button", { name: "Add to Any of" }).click();
    // Choosing in the select adds nothing yet (arrowing through it must not); Enter adds.
    const none = builder.getByLabel("Code to add to None of");
    await none.selectOption({ label: DISMISSED });
    const picked = builder.getByRole("list", { name: "None of: picked codes" });
    expect(await picked.count()).toBe(0);
    await none.focus();
    await session.page.keyboard.press("Enter");
    await expect
      .poll(() => picked.getByRole("listitem").allInnerTexts())
      .toEqual([expect.stringContaining("Feeling dismissed")]);
    await builder.getByLabel("In cases with attribute").selectOption("arm");
    await builder.getByLabel("Value of arm").selectOption("CBT");
    await builder.getByRole("button", { name: "Run query" }).click();

    await session.page
      .getByText("Shared responsibility AND NOT Feeling dismissed (overlapping) · arm = CBT", {
        exact: true,
      })
      .waitFor();
    passages = await passageCount(session.page);
    expect(passages).toBeGreaterThan(0);
    const items = session.page.getByRole("list", { name: "Passages" }).getByRole("listitem");
    await expect.poll(() => items.count()).toBe(passages);
    for (const meta of await session.page.locator(".q-results .result-meta").allInnerTexts()) {
      expect(meta).toContain("arm: CBT");
      expect(meta).toContain("Shared responsibility");
    }
    await expectNoSeriousViolations(session.page, "query results as passages");

    await session.page.getByRole("radio", { name: "Cases" }).check();
    const cases = session.page.getByRole("table", { name: "Cases with matching passages" });
    await cases.waitFor();
    const names = await cases.getByRole("rowheader").allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    // P02 and P06 are TAU and coded Feeling dismissed: neither can be here.
    expect(names).not.toContain("P02");
    expect(names).not.toContain("P06");
    expect(await cases.innerText()).not.toContain("arm: TAU");
    await expectNoSeriousViolations(session.page, "query results as cases");
  });

  it("saves the query, and after a reload runs the saved query by name", async () => {
    const save = session.page.getByRole("form", { name: "Save this query" });
    await save.getByLabel("Name").fill(SAVED_NAME);
    await save.getByRole("button", { name: "Save query" }).click();
    const list = session.page.getByRole("list", { name: "Saved queries" });
    await list.getByText(SAVED_NAME).waitFor();

    await session.page.reload();
    await session.page.getByRole("heading", { name: "Queries", level: 1 }).waitFor();
    await session.page
      .getByRole("list", { name: "Saved queries" })
      .getByRole("button", { name: `Run ${SAVED_NAME}` })
      .click();
    await session.page.getByText(`· saved query “${SAVED_NAME}”`, { exact: false }).waitFor();
    expect(await passageCount(session.page)).toBe(passages);
    // The builder shows the saved query again.
    expect(
      await session.page.getByRole("list", { name: "None of: picked codes" }).innerText(),
    ).toContain("Feeling dismissed");
  });

  it("opens a passage in the coding view, selected at its words", async () => {
    const first = session.page.locator(".q-results .result").first();
    const words = await first.locator("mark").innerText();
    await first.getByRole("button", { name: /^Open / }).click();
    await expect.poll(() => session.page.url()).not.toContain("/v/queries");
    expect(session.page.url()).toContain("/s/");
    await expect.poll(selectedInStatus).toContain(`${words.length} characters selected`);
    expect(await session.page.getByTestId("source-viewer").innerText()).toContain(
      words.slice(0, 40),
    );
  });

  it("shows the code × case matrix, and a non-zero cell runs its code in its case", async () => {
    await openQueries();
    await session.page.getByRole("tab", { name: "Code × case" }).click();
    const grid = session.page.getByRole("grid", { name: /Code × case matrix/ });
    await grid.waitFor();
    await session.page.getByLabel("Group rows by").selectOption("arm");
    const filled = grid.locator("td[data-count]:not([data-count='0'])");
    expect(await filled.count()).toBeGreaterThan(0);
    const cell = filled.first();
    const count = Number(await cell.getAttribute("data-count"));
    const label = (await cell.getAttribute("aria-label")) ?? "";
    const caseName = / in (\S+): /.exec(label)?.[1] ?? "";
    expect(count).toBeGreaterThan(0);
    await expectNoSeriousViolations(session.page, "code × case matrix");

    await cell.click();
    await session.page.getByText(`in ${caseName}’s sources`, { exact: false }).first().waitFor();
    expect(
      await session.page.getByRole("tab", { name: "Code query" }).getAttribute("aria-selected"),
    ).toBe("true");
    await expect.poll(() => passageCount(session.page)).toBe(count);
  });

  it("lists word frequencies, and a word's keyword-in-context lines open the source", async () => {
    await session.page.getByRole("tab", { name: "Words" }).click();
    const bars = session.page.getByRole("list", { name: "Words, most frequent first" });
    await bars.waitFor();
    const buttons = bars.getByRole("button");
    expect(await buttons.count()).toBeGreaterThan(5);
    const word = (await buttons.first().locator(".q-word").innerText()).trim();
    expect(word.length).toBeGreaterThan(1);
    await buttons.first().click();
    const lines = session.page
      .getByRole("list", { name: `Occurrences of ${word}` })
      .getByRole("button");
    await lines.first().waitFor();
    expect(await lines.count()).toBeGreaterThan(1);
    expect((await lines.first().locator("mark").innerText()).toLowerCase()).toBe(word);
    await expectNoSeriousViolations(session.page, "word frequencies and keyword in context");

    const match = await lines.first().locator("mark").innerText();
    await lines.first().click();
    await expect.poll(() => session.page.url()).not.toContain("/v/queries");
    await expect.poll(selectedInStatus).toContain(`${match.length} characters selected`);
  });
});
