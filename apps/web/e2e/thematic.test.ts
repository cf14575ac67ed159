/**
 * Reflexive thematic analysis end to end, in headless Chromium against the real server and its
 * demo study (IBS consultations, CBT against usual care, already coded in places): set the phase,
 * make a theme with a central organising concept and a definition, attach two codes, add a
 * subtheme, see them on the map, link two nodes from the keyboard, move a node and find it there
 * after a reload, save and view a snapshot, read the review grid, write a journal entry linked to
 * the theme; then compare by arm in the coding view's Analysis tab and find a code only CBT
 * participants have, with the counter-cases of a code that is not. Axe runs on the Themes view.
 * A failing test leaves a screenshot in test-results/.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousViolations, useBrowserSession } from "./session.js";

const THEME = "Working it out together";
const SUBTHEME = "Doing my bit";

/** Picks the option of a select whose text contains `text` (code paths carry their parents). */
async function chooseOption(page: Page, selectName: string, text: string): Promise<void> {
  const select = page.getByRole("combobox", { name: selectName, exact: true });
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  if (!value) throw new Error(`no option "${text}" in ${selectName}`);
  await select.selectOption(value);
}

/** The map as the server has it, read through the page's own origin. */
async function serverMap(page: Page) {
  const key = /#\/p\/([^/]+)/.exec(page.url())?.[1];
  if (!key) throw new Error(`no project in ${page.url()}`);
  return page.evaluate(async (project) => {
    const response = await fetch(`/api/projects/${project}/thematic-map`);
    return (await response.json()) as {
      nodes: { id: string; kind: string; label: string; x: number | null; y: number | null }[];
      edges: { kind: string; label: string }[];
    };
  }, key);
}

describe("reflexive thematic analysis in Chromium", () => {
  const session = useBrowserSession("themes", {
    context: { viewport: { width: 1600, height: 1000 } },
    waitForSources: false,
    failureShot: "web-e2e-",
    fullPageShot: true,
  });

  it("opens the Themes view of the demo study and sets the phase", async () => {
    await expect.poll(() => session.page.locator(".source-row").count()).toBeGreaterThan(0);
    await session.page
      .getByRole("navigation", { name: "Views" })
      .getByRole("button", { name: "Themes" })
      .click();
    await session.page.getByRole("heading", { name: "Themes and the thematic map" }).waitFor();
    expect(session.page.url()).toMatch(/\/v\/themes$/);

    await session.page.getByRole("combobox", { name: "Move to phase" }).selectOption("3");
    await session.page
      .getByRole("textbox", { name: "Why", exact: true })
      .fill("coded every transcript once");
    await session.page.getByRole("button", { name: "Move", exact: true }).click();
    await expect
      .poll(() => session.page.locator(".phase-current").innerText())
      .toBe("3. Generating initial themes");
    expect(await session.page.locator(".phase-steps [aria-current='step']").innerText()).toContain(
      "Generating initial themes",
    );
    expect(await session.page.getByRole("list", { name: "Phase log" }).innerText()).toContain(
      "coded every transcript once",
    );
  });

  it("creates a theme with its concept and definition, attaches two codes and adds a subtheme", async () => {
    const form = session.page.getByRole("form", { name: "New theme" });
    await form.getByRole("textbox", { name: "Name" }).fill(THEME);
    await form
      .getByRole("textbox", { name: "Central organising concept" })
      .fill("The consultation becomes a partnership in which the patient has a part to play");
    await form
      .getByRole("textbox", { name: "Definition" })
      .fill("Participants describe managing IBS as work shared with a GP who listens.");
    await form.getByRole("button", { name: "Add theme" }).click();
    await session.page.getByRole("heading", { name: `Theme: ${THEME}` }).waitFor();
    expect(
      await session.page
        .getByRole("textbox", { name: "Central organising concept" })
        .last()
        .inputValue(),
    ).toMatch(/partnership/);

    await chooseOption(session.page, "Code to attach", "Shared responsibility");
    await session.page.getByRole("button", { name: "Attach", exact: true }).click();
    await session.page.getByRole("button", { name: /Detach .*Shared responsibility/ }).waitFor();
    await chooseOption(session.page, "Code to attach", "Feeling listened to");
    await session.page.getByRole("button", { name: "Attach", exact: true }).click();
    await session.page.getByRole("button", { name: /Detach .*Feeling listened to/ }).waitFor();

    await session.page.locator(".new-theme-box > summary").click();
    await form.getByRole("textbox", { name: "Name" }).fill(SUBTHEME);
    await form.getByRole("combobox", { name: "Subtheme of" }).selectOption({ label: THEME });
    await form.getByRole("button", { name: "Add subtheme" }).click();
    await session.page.getByRole("heading", { name: `Subtheme: ${SUBTHEME}` }).waitFor();
    const list = session.page.getByRole("list", { name: "Themes" });
    await expect
      .poll(() => list.getByRole("button").allInnerTexts())
      .toEqual([expect.stringContaining(THEME), expect.stringContaining(SUBTHEME)]);
    expect(await list.getByRole("button", { name: new RegExp(THEME) }).innerText()).toContain(
      "2 codes",
    );
  });

  it("shows the themes and codes on the map and links two nodes from the keyboard", async () => {
    const canvas = session.page.getByRole("region", { name: "Thematic map", exact: true });
    await expect.poll(() => canvas.locator(".react-flow__node").count()).toBe(4);
    for (const label of [THEME, SUBTHEME, "Shared responsibility", "Feeling listened to"])
      await canvas.locator(".react-flow__node", { hasText: label }).first().waitFor();

    const form = session.page.getByRole("form", { name: "Link two nodes" });
    await chooseOption(session.page, "Link", `Subtheme: ${SUBTHEME}`);
    await chooseOption(session.page, "to", "Code: Feeling listened to");
    await form.getByRole("textbox", { name: "Label" }).fill("depends on");
    await form.getByRole("button", { name: "Add link" }).click();
    const links = session.page.getByRole("region", { name: "Links on the map" });
    await expect
      .poll(() => links.innerText())
      .toContain(`${SUBTHEME} linked to Feeling listened to: depends on`);
    await expect
      .poll(() => canvas.locator(".react-flow__edge-text").allTextContents())
      .toContain("depends on");
    await expectNoSeriousViolations(session.page, "themes view, map");
  });

  it("moves a node by dragging it and finds it there after a reload", async () => {
    const node = session.page
      .getByRole("region", { name: "Thematic map", exact: true })
      .locator(".react-flow__node", { hasText: THEME })
      .first();
    const before = await node.evaluate((element) => (element as HTMLElement).style.transform);
    await node.scrollIntoViewIfNeeded();
    const box = await node.boundingBox();
    if (!box) throw new Error("the theme node is not on screen");
    const saved = session.page.waitForResponse(
      (response) =>
        response.url().endsWith("/thematic-map/nodes") && response.request().method() === "PUT",
    );
    await session.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await session.page.mouse.down();
    for (let step = 1; step <= 10; step++)
      await session.page.mouse.move(
        box.x + box.width / 2 + step * 14,
        box.y + box.height / 2 + step * 6,
      );
    await session.page.mouse.up();
    expect((await saved).status()).toBe(200);
    const after = await node.evaluate((element) => (element as HTMLElement).style.transform);
    expect(after).not.toBe(before);
    const stored = (await serverMap(session.page)).nodes.find(
      (candidate) => candidate.label === THEME,
    );
    expect(stored?.x).not.toBeNull();

    await session.page.reload();
    const reloaded = session.page
      .getByRole("region", { name: "Thematic map", exact: true })
      .locator(".react-flow__node", { hasText: THEME })
      .first();
    await reloaded.waitFor();
    await expect
      .poll(() => reloaded.evaluate((element) => (element as HTMLElement).style.transform))
      .toBe(after);
  });

  it("moves a node from the keyboard too", async () => {
    const node = session.page
      .getByRole("region", { name: "Thematic map", exact: true })
      .locator(".react-flow__node", { hasText: SUBTHEME })
      .first();
    const before = await node.evaluate((element) => (element as HTMLElement).style.transform);
    const saved = session.page.waitForResponse(
      (response) =>
        response.url().endsWith("/thematic-map/nodes") && response.request().method() === "PUT",
    );
    await node.focus();
    await session.page.keyboard.press("Enter");
    for (let step = 0; step < 3; step++) await session.page.keyboard.press("Shift+ArrowDown");
    const body = (await saved).request().postDataJSON() as { kind: string; y: number };
    expect(body.kind).toBe("theme");
    await expect
      .poll(() => node.evaluate((element) => (element as HTMLElement).style.transform))
      .not.toBe(before);
    const stored = (await serverMap(session.page)).nodes.find(
      (candidate) => candidate.label === SUBTHEME,
    );
    expect(stored?.y).toBe(body.y);
  });

  it("saves a snapshot of the map and views it read-only", async () => {
    await session.page.getByRole("textbox", { name: "Snapshot name" }).fill("end of phase 3");
    await session.page.getByRole("button", { name: "Save snapshot" }).click();
    await session.page.getByRole("button", { name: "View snapshot end of phase 3" }).click();
    const snapshot = session.page.getByRole("region", { name: "Snapshot end of phase 3" });
    await expect.poll(() => snapshot.locator(".react-flow__node").count()).toBe(4);
    await expect
      .poll(() => snapshot.locator(".react-flow__edge-text").allTextContents())
      .toContain("depends on");
    await session.page.getByRole("button", { name: "Close snapshot" }).click();
  });

  it("reviews the themes against every source with non-zero counts", async () => {
    await session.page.getByRole("tab", { name: "Review grid" }).click();
    const cells = session.page.getByRole("button", {
      name: new RegExp(`, ${THEME}: [1-9]\\d* passages?$`),
    });
    await expect.poll(() => cells.count()).toBeGreaterThan(0);
    const first = cells.first();
    const count = Number(await first.innerText());
    expect(count).toBeGreaterThan(0);
    await first.click();
    await expect
      .poll(() => session.page.locator(".review-passages .review-passage").count())
      .toBe(count);
    await expectNoSeriousViolations(session.page, "themes view, review grid");
  });

  it("adds a reflexive journal entry linked to the theme", async () => {
    await session.page
      .getByRole("list", { name: "Themes" })
      .getByRole("button", { name: new RegExp(THEME) })
      .click();
    const entry = "My own GP was a partner in this; am I reading that into P03?";
    await session.page.getByRole("textbox", { name: `New journal entry on ${THEME}` }).fill(entry);
    await session.page.getByRole("button", { name: "Add journal entry" }).click();
    const journal = session.page.getByRole("list", { name: `Journal and memos on ${THEME}` });
    await expect.poll(() => journal.innerText()).toContain(entry);
    const key = /#\/p\/([^/]+)/.exec(session.page.url())?.[1] ?? "";
    const linked = await session.page.evaluate(async (project) => {
      const response = await fetch(`/api/projects/${project}/memos`);
      const body = (await response.json()) as {
        memos: { kind: string; targetType: string; body: string }[];
      };
      return body.memos.filter((memo) => memo.targetType === "theme");
    }, key);
    expect(linked).toEqual([
      expect.objectContaining({ kind: "reflexive_journal", targetType: "theme", body: entry }),
    ]);
    expect(await session.page.locator(".themes-view").innerText()).not.toMatch(
      /kappa|krippendorff/i,
    );
  });

  it("compares codes by arm in the Analysis tab: a code only in CBT, and the counter-cases of one that is not", async () => {
    await session.page
      .getByRole("navigation", { name: "Views" })
      .getByRole("button", { name: "Code" })
      .click();
    await session.page.getByRole("tab", { name: "Analysis" }).click();
    await session.page.getByRole("combobox", { name: "Split by attribute" }).selectOption("arm");
    await session.page.getByRole("combobox", { name: "Only in group" }).selectOption("CBT");
    const only = session.page.getByRole("region", { name: "Only in arm CBT" });
    await only.waitFor();
    const exclusive = only.locator(".only-list");
    await expect.poll(() => exclusive.innerText()).toContain("All in my head");
    expect(await exclusive.innerText()).toMatch(/All in my head".*\n?.*none elsewhere/);
    const counter = only.locator(".counter-list > li", { hasText: "Shared responsibility" });
    await counter.waitFor();
    expect(await counter.locator(".counter-name").allInnerTexts()).toContainEqual(
      expect.stringMatching(/^P04 \(TAU/),
    );
    await expect.poll(() => counter.locator(".counter-passage").count()).toBeGreaterThan(0);
  });
});
