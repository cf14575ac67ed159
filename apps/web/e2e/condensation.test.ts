/**
 * Systematic text condensation end to end in headless Chromium with the demo study: a preliminary
 * theme, a code group under it and a subgroup; a coded passage added as a meaning unit; a
 * condensate written and shown under its artificial-quotation label; an illustrative quote, an
 * analytic text and a re-reading tick; axe; and the results download, where the condensate is
 * labelled artificial and never set as a participant's quotation. A failing test leaves a
 * screenshot in test-results/.
 */
import { CONDENSATE_LABEL } from "@quire/core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousViolations, useBrowserSession } from "./session.js";

const THEME = "Being taken seriously";
const GROUP = "Working with the GP";
const SUBGROUP = "Sharing the work";
const CONDENSATE =
  "I came to see that getting on with IBS was something the GP and I did together, not something handed to me.";
const ANALYTIC =
  "Participants who had telephone CBT described the consultation as joint work on the symptoms.";

describe("systematic text condensation in Chromium", () => {
  let unitWords = "";
  let unitSource = "";

  const step = (number: number) =>
    session.page.getByRole("region", { name: new RegExp(`^Step ${number}\\.`) });
  const subgroup = () => step(3).getByRole("region", { name: SUBGROUP, exact: true });

  const session = useBrowserSession("condensation", { context: { acceptDownloads: true } });

  it("sets up a preliminary theme, a code group under it and a subgroup", async () => {
    await session.page
      .getByRole("navigation", { name: "Views" })
      .getByRole("button", { name: "Condensation" })
      .click();
    await session.page
      .getByRole("heading", { name: "Systematic text condensation", level: 1 })
      .waitFor();
    for (const n of [1, 2, 3, 4]) await step(n).waitFor();

    const addTheme = step(1).getByRole("form", { name: "Add a preliminary theme" });
    await addTheme.getByLabel("New preliminary theme").fill(THEME);
    await addTheme.getByLabel("Note").fill("relief when a GP takes the symptoms as real");
    await addTheme.getByRole("button", { name: "Add preliminary theme" }).click();
    await step(1).getByRole("list", { name: "Preliminary themes" }).getByText(THEME).waitFor();

    const addGroup = step(2).getByRole("form", { name: "Add a code group" });
    await addGroup.getByLabel("New code group").fill(GROUP);
    await addGroup.getByLabel("under").selectOption({ label: THEME });
    await addGroup.getByRole("button", { name: "Add code group" }).click();
    await step(2)
      .getByRole("region", { name: new RegExp(`^${GROUP}`) })
      .waitFor();
    expect(
      await step(2)
        .getByRole("region", { name: new RegExp(`^${GROUP}`) })
        .innerText(),
    ).toContain(`theme: ${THEME}`);

    const addSubgroup = step(3).getByRole("form", { name: `Add a subgroup of ${GROUP}` });
    await addSubgroup.getByLabel(`New subgroup of ${GROUP}`).fill(SUBGROUP);
    await addSubgroup.getByRole("button", { name: `Add subgroup of ${GROUP}` }).click();
    await subgroup().waitFor();
  });

  it("adds a coded passage as a meaning unit of the subgroup", async () => {
    const group = step(2).getByRole("region", { name: new RegExp(`^${GROUP}`) });
    await group.getByText(`Add meaning units to ${GROUP}`).click();
    const codeSelect = group.getByLabel("Passages coded with");
    await codeSelect
      .locator("option", { hasText: "Shared responsibility" })
      .waitFor({ state: "attached" });
    const value = await codeSelect.evaluate((element) => {
      const option = [...(element as HTMLSelectElement).options].find((candidate) =>
        candidate.text.includes("Shared responsibility"),
      );
      if (!option) throw new Error("no Shared responsibility option");
      return option.value;
    });
    await codeSelect.selectOption(value);
    await group.getByLabel("into", { exact: true }).selectOption({ label: SUBGROUP });
    const candidate = group
      .getByRole("list", { name: "Coded passages" })
      .getByRole("listitem")
      .first();
    await candidate.waitFor();
    unitWords = (await candidate.locator("blockquote").innerText()).trim();
    unitSource = (await candidate.locator(".muted").first().innerText()).trim();
    await candidate.getByRole("button", { name: "Add as meaning unit" }).click();
    await candidate.getByRole("button", { name: "In this code group" }).waitFor();
    expect(
      await candidate
        .getByRole("button", { name: "In this code group" })
        .getAttribute("aria-disabled"),
    ).toBe("true");

    const units = subgroup().getByRole("list", { name: `Meaning units of ${SUBGROUP}` });
    await units.waitFor();
    expect((await units.locator("blockquote").first().innerText()).trim()).toBe(unitWords);
  });

  it("writes a condensate, shown under its artificial label, and picks an illustrative quote", async () => {
    const draft = subgroup().getByLabel("Condensate", { exact: true });
    await draft.fill(CONDENSATE);
    await subgroup().getByRole("button", { name: "Save condensate" }).click();
    const shown = subgroup().locator(".stc-condensate");
    await shown.waitFor();
    expect(await shown.getAttribute("data-artificial")).toBe("true");
    expect(await shown.locator(".stc-condensate-label").innerText()).toBe(CONDENSATE_LABEL);
    expect(await shown.locator(".stc-condensate-words").innerText()).toBe(CONDENSATE);
    // Never styled as a quotation: no blockquote, no quotation marks around the words.
    expect(await shown.locator("blockquote").count()).toBe(0);
    expect(await shown.innerText()).not.toContain("“");

    await subgroup().getByRole("button", { name: "Use as illustrative quote" }).click();
    const quotes = subgroup().getByRole("list", { name: `Illustrative quotes of ${SUBGROUP}` });
    await quotes.waitFor();
    expect(await quotes.innerText()).toContain(`“${unitWords}”`);
    await expectNoSeriousViolations(session.page, "condensation");
  });

  it("writes the analytic text and ticks a re-reading check, both kept after a reload", async () => {
    await step(4).getByLabel(`Analytic text: ${GROUP}`).fill(ANALYTIC);
    await step(4).getByRole("button", { name: "Save analytic text" }).click();
    const grid = step(4).getByRole("table", { name: /Re-reading grid/ });
    const row = grid.getByRole("row", { name: new RegExp(`^${unitSource}\\b`) });
    expect(await row.getByRole("cell").first().innerText()).toBe("1");
    const reread = grid.getByRole("checkbox", { name: `${unitSource} re-read` });
    await reread.check();
    await expect.poll(() => reread.isChecked()).toBe(true);
    await expectNoSeriousViolations(session.page, "synthesis");

    await session.page.reload();
    await step(4).waitFor();
    expect(await step(4).getByLabel(`Analytic text: ${GROUP}`).inputValue()).toBe(ANALYTIC);
    await expect
      .poll(() =>
        step(4)
          .getByRole("checkbox", { name: `${unitSource} re-read` })
          .isChecked(),
      )
      .toBe(true);
    expect(await subgroup().locator(".stc-condensate-words").innerText()).toBe(CONDENSATE);
  });

  it("downloads the results with the condensate labelled artificial, never as a quotation", async () => {
    const [download] = await Promise.all([
      session.page.waitForEvent("download"),
      session.page.getByRole("link", { name: "Download results" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const lines = text.split("\n");

    expect(text).toContain(`## ${GROUP}`);
    expect(text).toContain(ANALYTIC);
    expect(text).toContain(`### ${SUBGROUP}`);
    // The condensate: inside its label, on a line of its own, not quoted.
    const condensateLines = lines.filter((line) => line.includes(CONDENSATE));
    expect(condensateLines).toEqual([`[${CONDENSATE_LABEL}: ${CONDENSATE}]`]);
    expect(text).not.toContain(`“${CONDENSATE}`);
    // The participant's words are the quote, in quotation marks with their source.
    const quoteLine = lines.find((line) => line.startsWith("> "));
    expect(quoteLine).toContain(`“${unitWords}”`);
    expect(quoteLine).toContain(unitSource.split(",")[0] ?? "");
    expect(text).toContain("systematic text condensation (Malterud 2012)");
  });
});
