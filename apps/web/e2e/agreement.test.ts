/**
 * Agreement between coders end to end in headless Chromium with the demo study (reflexive TA, coded
 * by "demo"): the Agreement view explains why reflexive TA has no κ and switches the method to
 * codebook TA through its offer; a second coder, "ann" (set in the status bar), codes two passages
 * of P01 that partly overlap demo's; the view compares ann and demo (κ, α, a table per code), opens
 * Last-resort diagnosis side by side with a lane per coder, resolves one disagreement and sees the
 * figure change; then blind coding goes on, the banner shows across the app, the figures are
 * refused, and "Reveal" ends it. Axe runs on each screen; a failing test leaves a screenshot.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousViolations, selectWords, useBrowserSession } from "./session.js";

/** Demo coded the whole sentence with Last-resort diagnosis; ann codes only its first words. */
const ANN_LAST_RESORT = "It felt like a last-resort diagnosis";
/** Demo coded the whole sentence with Work; ann codes its first half. */
const ANN_WORK = "teaching is the worst job for it";

/** Codes the selected words with the code the palette finds for `query`. */
async function codeWith(page: Page, words: string, query: string, code: RegExp): Promise<void> {
  await selectWords(page, words);
  await page.keyboard.press("c");
  const palette = page.getByRole("combobox", { name: "Find or create a code" });
  await palette.waitFor();
  expect(await palette.inputValue()).toBe("");
  await page.keyboard.type(query);
  const active = page
    .getByRole("listbox", { name: "Codes" })
    .getByRole("option", { selected: true });
  await expect.poll(() => active.innerText()).toMatch(code);
  await page.keyboard.press("Enter");
  await expect.poll(() => palette.count()).toBe(0);
}

describe("agreement between coders in Chromium", () => {
  const views = () => session.page.getByRole("navigation", { name: "Views" });
  const overall = (measure: string) =>
    session.page
      .getByRole("listitem")
      .filter({ hasText: measure })
      .locator(".agreement-measure-value")
      .innerText();

  const session = useBrowserSession("agreement", { fullPageShot: true });

  it("explains reflexive TA computes no agreement, and changes the method on request", async () => {
    await views().getByRole("button", { name: "Agreement" }).click();
    await session.page
      .getByRole("heading", { name: "Agreement between coders", level: 1 })
      .waitFor();
    await session.page
      .getByRole("heading", { name: "No agreement statistics in reflexive thematic analysis" })
      .waitFor();
    expect(await session.page.getByRole("button", { name: "Compare" }).count()).toBe(0);
    await expectNoSeriousViolations(session.page, "agreement in reflexive TA");
    await session.page.getByRole("radio", { name: "codebook thematic analysis" }).check();
    await session.page
      .getByRole("button", { name: "Change method to codebook thematic analysis" })
      .click();
    await session.page.getByRole("button", { name: "Compare" }).waitFor();
    const method = await session.page.evaluate(async () => {
      const key = /#\/p\/([^/]+)/.exec(location.hash)?.[1] ?? "";
      return ((await (await fetch(`/api/projects/${key}`)).json()) as { method: string }).method;
    });
    expect(method).toBe("codebook_ta");
  });

  it("codes as a second coder, set in the status bar", async () => {
    await views().getByRole("button", { name: "Code" }).click();
    const coder = session.page.getByRole("textbox", { name: "Coder name" });
    await coder.fill("ann");
    await coder.press("Enter");
    await session.page.locator(".source-row", { hasText: "P01" }).first().click();
    await codeWith(session.page, ANN_LAST_RESORT, "last-resort", /Last-resort diagnosis/);
    await codeWith(session.page, ANN_WORK, "Work", /^Work/);
    // Both codings are ann's: the server lists ann among the coders.
    const coders = () =>
      session.page.evaluate(async () => {
        const key = /#\/p\/([^/]+)/.exec(location.hash)?.[1] ?? "";
        const response = await fetch(`/api/projects/${key}/agreement/coders`);
        return ((await response.json()) as { coders: string[] }).coders;
      });
    await expect.poll(coders).toEqual(["ann", "demo"]);
  });

  it("compares the two coders: κ, α and a table per code", async () => {
    await views().getByRole("button", { name: "Agreement" }).click();
    const form = session.page.getByRole("form", { name: "Compare coders" });
    await form.getByRole("checkbox", { name: "ann" }).check();
    await form.getByRole("checkbox", { name: "demo" }).check();
    await form.getByRole("button", { name: "Compare" }).click();
    await session.page.getByRole("heading", { name: "Overall" }).waitFor();
    for (const measure of ["Cohen's κ", "Krippendorff's α"]) {
      const value = await overall(measure);
      expect(value).toMatch(/^-?\d\.\d{3}$/);
      expect(Number(value)).toBeGreaterThan(0);
      expect(Number(value)).toBeLessThan(1);
    }
    expect(await overall("Percent agreement")).toMatch(/^\d+\.\d %$/);
    const byCode = session.page.getByRole("table", { name: "Agreement by code" });
    const row = byCode.getByRole("row", { name: /Last-resort diagnosis/ });
    expect(await row.getByRole("cell").first().innerText()).toMatch(/\d/);
    expect(await session.page.getByText("NaN").count()).toBe(0);
    await expectNoSeriousViolations(session.page, "agreement figures");
  });

  it("shows a code side by side, one lane per coder, and resolves a disagreement", async () => {
    await session.page
      .getByRole("button", { name: /Side by side: .*Last-resort diagnosis/ })
      .click();
    await expect
      .poll(() => session.page.locator(".side-position").innerText())
      .toMatch(/Disagreement 1 of \d+ in P01/);
    const ann = session.page.getByRole("region", {
      name: /^ann \(you\): did not code this stretch/,
    });
    const demo = session.page.getByRole("region", { name: /^demo: coded this stretch/ });
    await ann.waitFor();
    await demo.waitFor();
    expect(await ann.locator("mark").allInnerTexts()).toEqual([ANN_LAST_RESORT]);
    expect((await demo.locator("mark").allInnerTexts()).join("")).toContain(ANN_LAST_RESORT);
    await expectNoSeriousViolations(session.page, "side by side");

    await session.page
      .getByLabel("Discussion note (kept as a decision memo on the code)")
      .fill("The whole sentence is the residual diagnosis, not just its first words.");
    const row = session.page
      .getByRole("table", { name: "Agreement by code" })
      .getByRole("row", { name: /Last-resort diagnosis/ });
    const kappa = async () => Number.parseFloat(await row.getByRole("cell").nth(1).innerText());
    const kappaBefore = await kappa();
    const alphaBefore = await overall("Krippendorff's α");
    await session.page
      .getByRole("button", { name: "Keep demo's coding: code it as ann too" })
      .click();
    await expect.poll(() => overall("Krippendorff's α")).not.toBe(alphaBefore);
    expect(Number(await overall("Krippendorff's α"))).toBeGreaterThan(Number(alphaBefore));
    await expect.poll(kappa).toBeGreaterThan(kappaBefore);
    // The discussion is a decision memo on the code.
    const memos = await session.page.evaluate(async () => {
      const key = /#\/p\/([^/]+)/.exec(location.hash)?.[1] ?? "";
      const body = (await (await fetch(`/api/projects/${key}/memos`)).json()) as {
        memos: { kind: string; targetType: string; body: string }[];
      };
      return body.memos.filter((memo) => memo.kind === "decision" && memo.targetType === "code");
    });
    expect(memos.map((memo) => memo.body).join("\n")).toContain("residual diagnosis");
  });

  it("refuses the figures while blind, with a banner across the app, until the reveal", async () => {
    const toggle = session.page.getByRole("switch", { name: "Blind coding" });
    expect(await toggle.getAttribute("aria-checked")).toBe("false");
    await toggle.click();
    const banner = session.page.getByRole("region", { name: "Blind coding notice" });
    await expect.poll(() => banner.innerText()).toContain("Blind coding is on");
    expect(await banner.innerText()).toContain("you, ann, see only your own codings");
    const refusal = session.page.getByRole("alert").filter({ hasText: "blind coding is on" });
    await refusal.waitFor();
    expect(await session.page.getByRole("heading", { name: "Overall" }).count()).toBe(0);
    await expectNoSeriousViolations(session.page, "agreement while blind");

    // The banner stays across the app.
    await views().getByRole("button", { name: "Code" }).click();
    await banner.waitFor();
    await banner.getByRole("button", { name: "Blind coding and reveal…" }).click();

    await session.page
      .getByLabel("Reason for revealing (kept in the history)")
      .fill("both coded P01");
    await session.page.getByRole("button", { name: "Reveal every coder's codings" }).click();
    await expect.poll(() => banner.count()).toBe(0);
    expect(await toggle.getAttribute("aria-checked")).toBe("false");
    await session.page.getByRole("heading", { name: "Overall" }).waitFor();
  });
});
