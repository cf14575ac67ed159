/**
 * Screenshots of the main screens with the demo project, for the README and design review:
 * `QUIRE_SCREENSHOTS=1 npx vitest run apps/web/e2e/screenshots.test.ts` writes docs/screenshots/.
 * Skipped otherwise: pictures are not assertions.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { ensureBuilt, launchChromium, type RunningServer, startBuiltServer } from "./support.js";

const outDir = fileURLToPath(new URL("../../../docs/screenshots", import.meta.url));

describe.skipIf(!process.env.QUIRE_SCREENSHOTS)("screenshots of the main screens", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let home: string;

  beforeAll(async () => {
    await ensureBuilt();
    home = mkdtempSync(join(tmpdir(), "quire-shots-"));
    server = await startBuiltServer(home);
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    mkdirSync(outDir, { recursive: true });
    await page.goto(server.url);
    await page.locator(".source-row").first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: join(outDir, `${name}.png`) });

  it("the workbench: a transcript with codings, stripes and a retrieval", async () => {
    await page.locator(".source-row").first().click();
    await page.locator(".cm-line").first().waitFor();
    // Scroll until the passage is rendered (the editor draws only what is near the viewport).
    for (let top = 0; top < 6000; top += 300) {
      const found = await page.evaluate((scrollTop) => {
        const scroller = document.querySelector(".cm-scroller");
        if (scroller) scroller.scrollTop = scrollTop;
        return document
          .querySelector(".cm-content")
          ?.textContent?.includes("lots of people have it");
      }, top);
      await page.waitForTimeout(50);
      if (found) break;
    }
    await page.evaluate(() => {
      const scroller = document.querySelector(".cm-scroller");
      if (scroller) scroller.scrollTop = 1180;
    });
    await page.waitForTimeout(100);
    // An overlapping coding, coded through the palette, so the picture shows how overlaps look.
    await page.evaluate((words) => {
      const content = document.querySelector(".cm-content") as HTMLElement;
      const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(words) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + words.length);
        content.focus();
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
        return;
      }
    }, "it's just IBS, lots of people have it");
    await page.keyboard.press("c");
    await page.keyboard.type("dismissed");
    await page.keyboard.press("Enter");
    await page.locator(".cm-coding .cm-coding").first().waitFor();
    await page.getByRole("treeitem", { name: /^Reaching a diagnosis/ }).click();
    await page.locator(".retrieval .result").first().waitFor();
    await page.locator(".cm-stripe").first().click();
    await page.getByRole("tab", { name: "Retrieve" }).click();
    await page.waitForTimeout(300);
    await shot("workbench");
  });

  it("the quick-code palette", async () => {
    await page.evaluate(() => {
      const line = [...document.querySelectorAll(".cm-line")].find((element) =>
        element.textContent?.includes("I left it for ages"),
      );
      const text = line?.lastChild?.firstChild ?? line?.lastChild;
      const node = [...(line?.childNodes ?? [])].find((child) => child.nodeType === 3) ?? text;
      if (!node) return;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, Math.min(60, node.textContent?.length ?? 0));
      (document.querySelector(".cm-content") as HTMLElement).focus();
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    await page.keyboard.press("c");
    await page.keyboard.type("di");
    await page.waitForTimeout(200);
    await shot("palette");
    await page.keyboard.press("Escape");
  });

  it("search with keyword in context", async () => {
    await page.getByRole("tab", { name: "Search" }).click();
    await page.getByLabel("Search the project").fill('diagnos* OR "last resort"');
    await page.keyboard.press("Enter");
    await page.locator(".hit").first().waitFor();
    await shot("search");
  });

  it("a code's description, colour and merge", async () => {
    await page.getByRole("treeitem", { name: /^Last-resort diagnosis/ }).press("e");
    await page.getByRole("dialog").waitFor();
    await shot("code-details");
    await page.keyboard.press("Escape");
  });

  it("memos and the journal", async () => {
    await page.getByRole("tab", { name: "Memos" }).click();
    await page.waitForTimeout(300);
    await shot("memos");
  });

  it("the analysis view: frequencies by arm, counter-cases that open their passages, heatmap", async () => {
    await page.locator(".source-row").first().click();
    await page.locator(".cm-line").first().waitFor();
    await page.getByRole("tab", { name: "Analysis" }).click();
    await page.getByRole("figure", { name: "Code frequencies" }).waitFor();
    await page.getByLabel("Split by attribute").selectOption("arm");
    await page.getByRole("figure", { name: "Codes by arm" }).waitFor();
    await page.getByLabel("Only in group").selectOption("CBT");
    await page.locator(".only-in").waitFor();
    await page.waitForTimeout(300);
    await shot("analysis");
    // A counter-case opened in the transcript beside the claim it contradicts.
    const passage = page.locator(".counter-passage").first();
    if ((await passage.count()) > 0) {
      await passage.scrollIntoViewIfNeeded();
      await passage.click();
      await page.waitForTimeout(400);
      await shot("analysis-counter-case");
    }
    await page.locator(".segmented span", { hasText: "Same turn" }).click();
    // Scroll the panel alone: scrolling the figure into view would move the whole page too.
    await page.evaluate(() => {
      const panel = document.querySelector(".tab-panel");
      const figure = [...document.querySelectorAll(".chart")].find((element) =>
        element.textContent?.startsWith("Co-occurrence"),
      );
      if (panel && figure)
        panel.scrollTop +=
          figure.getBoundingClientRect().top - panel.getBoundingClientRect().top - 12;
      document.scrollingElement?.scrollTo(0, 0);
    });
    await page.waitForTimeout(300);
    await shot("analysis-cooccurrence");
    await page.getByRole("tab", { name: "Retrieve" }).click();
  });

  it("importing with a report", async () => {
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByLabel("Files to import").setInputFiles([
      {
        name: "P09.txt",
        mimeType: "text/plain",
        buffer: Buffer.from(
          "I: How are things now?\n\nR: Better, mostly. I know what sets it off.\n",
        ),
      },
      { name: "consent-form.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") },
    ]);
    await page.getByRole("status", { name: "Import report" }).waitFor();
    await shot("import");
    await page.keyboard.press("Escape");
  });
});
