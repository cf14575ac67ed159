/**
 * Screenshots of the main screens with the demo project, for the README and design review:
 * `QUIRE_SCREENSHOTS=1 npx vitest run apps/web/e2e/screenshots.test.ts` writes docs/screenshots/.
 * Skipped otherwise: pictures are not assertions.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { beforeAll, describe, it } from "vitest";
import { useBrowserSession } from "./session.js";

const outDir = fileURLToPath(new URL("../../../docs/screenshots", import.meta.url));

/** One API call from inside the page, as the app makes them, acting as `coder`. */
async function api<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
  coder = "demo",
): Promise<T> {
  return page.evaluate(
    async ({ method, path, body, coder }) => {
      const response = await fetch(`/api${path}`, {
        method,
        headers: { "Content-Type": "application/json", "X-Quire-Coder": coder },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${await response.text()}`);
      return response.status === 204 ? undefined : response.json();
    },
    { method, path, body, coder },
  ) as Promise<T>;
}

/** Lists come bare or wrapped in an object with one array; this reads either. */
function list<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const inner = Object.values(body as Record<string, unknown>).find(Array.isArray);
  return (inner ?? []) as T[];
}

describe.skipIf(!process.env.QUIRE_SCREENSHOTS)("screenshots of the main screens", () => {
  const session = useBrowserSession("shots", {
    context: { deviceScaleFactor: 1 },
    failureShot: false,
    setup: async () => {
      mkdirSync(outDir, { recursive: true });
    },
  });

  const shot = (name: string) => session.page.screenshot({ path: join(outDir, `${name}.png`) });

  it("the workbench: a transcript with codings, stripes and a retrieval", async () => {
    await session.page.locator(".source-row").first().click();
    await session.page.locator(".cm-line").first().waitFor();
    // Scroll until the passage is rendered (the editor draws only what is near the viewport).
    for (let top = 0; top < 6000; top += 300) {
      const found = await session.page.evaluate((scrollTop) => {
        const scroller = document.querySelector(".cm-scroller");
        if (scroller) scroller.scrollTop = scrollTop;
        return document
          .querySelector(".cm-content")
          ?.textContent?.includes("lots of people have it");
      }, top);
      await session.page.waitForTimeout(50);
      if (found) break;
    }
    await session.page.evaluate(() => {
      const scroller = document.querySelector(".cm-scroller");
      if (scroller) scroller.scrollTop = 1180;
    });
    await session.page.waitForTimeout(100);
    // An overlapping coding, coded through the palette, so the picture shows how overlaps look.
    await session.page.evaluate((words) => {
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
    await session.page.keyboard.press("c");
    await session.page.keyboard.type("dismissed");
    await session.page.keyboard.press("Enter");
    await session.page.locator(".cm-coding .cm-coding").first().waitFor();
    await session.page.getByRole("treeitem", { name: /^Reaching a diagnosis/ }).click();
    await session.page.locator(".retrieval .result").first().waitFor();
    await session.page.locator(".cm-stripe").first().click();
    await session.page.getByRole("tab", { name: "Retrieve" }).click();
    await session.page.waitForTimeout(300);
    await shot("workbench");
  });

  it("the quick-code palette", async () => {
    await session.page.evaluate(() => {
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
    await session.page.keyboard.press("c");
    await session.page.keyboard.type("di");
    await session.page.waitForTimeout(200);
    await shot("palette");
    await session.page.keyboard.press("Escape");
  });

  it("search with keyword in context", async () => {
    await session.page.getByRole("tab", { name: "Search" }).click();
    await session.page.getByLabel("Search the project").fill('diagnos* OR "last resort"');
    await session.page.keyboard.press("Enter");
    await session.page.locator(".hit").first().waitFor();
    await shot("search");
  });

  it("a code's description, colour and merge", async () => {
    await session.page.getByRole("treeitem", { name: /^Last-resort diagnosis/ }).press("e");
    await session.page.getByRole("dialog").waitFor();
    await shot("code-details");
    await session.page.keyboard.press("Escape");
  });

  it("memos and the journal", async () => {
    await session.page.getByRole("tab", { name: "Memos" }).click();
    await session.page.waitForTimeout(300);
    await shot("memos");
  });

  it("the analysis view: frequencies by arm, counter-cases that open their passages, heatmap", async () => {
    await session.page.locator(".source-row").first().click();
    await session.page.locator(".cm-line").first().waitFor();
    await session.page.getByRole("tab", { name: "Analysis" }).click();
    await session.page.getByRole("figure", { name: "Code frequencies" }).waitFor();
    await session.page.getByLabel("Split by attribute").selectOption("arm");
    await session.page.getByRole("figure", { name: "Codes by arm" }).waitFor();
    await session.page.getByLabel("Only in group").selectOption("CBT");
    await session.page.locator(".only-in").waitFor();
    await session.page.waitForTimeout(300);
    await shot("analysis");
    // A counter-case opened in the transcript beside the claim it contradicts.
    const passage = session.page.locator(".counter-passage").first();
    if ((await passage.count()) > 0) {
      await passage.scrollIntoViewIfNeeded();
      await passage.click();
      await session.page.waitForTimeout(400);
      await shot("analysis-counter-case");
    }
    await session.page.locator(".segmented span", { hasText: "Same turn" }).click();
    // Scroll the panel alone: scrolling the figure into view would move the whole page too.
    await session.page.evaluate(() => {
      const panel = document.querySelector(".tab-panel");
      const figure = [...document.querySelectorAll(".chart")].find((element) =>
        element.textContent?.startsWith("Co-occurrence"),
      );
      if (panel && figure)
        panel.scrollTop +=
          figure.getBoundingClientRect().top - panel.getBoundingClientRect().top - 12;
      document.scrollingElement?.scrollTo(0, 0);
    });
    await session.page.waitForTimeout(300);
    await shot("analysis-cooccurrence");
    await session.page.getByRole("tab", { name: "Retrieve" }).click();
  });

  it("importing with a report", async () => {
    await session.page.getByRole("button", { name: "Import", exact: true }).click();
    await session.page.getByLabel("Files to import").setInputFiles([
      {
        name: "P09.txt",
        mimeType: "text/plain",
        buffer: Buffer.from(
          "I: How are things now?\n\nR: Better, mostly. I know what sets it off.\n",
        ),
      },
      { name: "consent-form.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") },
    ]);
    await session.page.getByRole("status", { name: "Import report" }).waitFor();
    await shot("import");
    await session.page.keyboard.press("Escape");
  });
  describe("the method views, with a little analysis done through the API", () => {
    let project = "";
    const codeId = new Map<string, string>();

    beforeAll(async () => {
      await session.page.goto(session.server.url);
      await session.page.locator(".source-row").first().waitFor();
      project = /#\/p\/([^/]+)/.exec(session.page.url())?.[1] ?? "";
      for (const code of list<{ id: string; name: string }>(
        await api(session.page, "GET", `/projects/${project}/codes`),
      ))
        codeId.set(code.name, code.id);
    });

    const code = (name: string) => {
      const id = codeId.get(name);
      if (!id) throw new Error(`the demo has no code ${name}`);
      return id;
    };
    const view = async (name: string) => {
      await session.page
        .getByRole("navigation", { name: "Views" })
        .getByRole("button", { name })
        .click();
      await session.page.waitForTimeout(600);
    };

    it("a code query and the code × case matrix", async () => {
      await view("Queries");
      const builder = session.page.getByRole("form", { name: "Query builder" });
      await builder
        .getByLabel("Code to add to Any of")
        .selectOption({ label: "Relationship with the GP / Shared responsibility" });
      await builder.getByRole("button", { name: "Add to Any of" }).click();
      await builder
        .getByLabel("Code to add to None of")
        .selectOption({ label: "Relationship with the GP / Feeling dismissed" });
      await builder.getByRole("button", { name: "Add to None of" }).click();
      await builder.getByLabel("In cases with attribute").selectOption("arm");
      await builder.getByLabel("Value of arm").selectOption("CBT");
      await builder.getByRole("button", { name: "Run query" }).click();
      await session.page
        .getByRole("list", { name: "Passages" })
        .getByRole("listitem")
        .first()
        .waitFor();
      await shot("queries");
      await session.page.getByRole("tab", { name: "Code × case" }).click();
      await session.page.getByLabel("Group rows by").selectOption("arm");
      await session.page.waitForTimeout(400);
      await shot("code-case-matrix");
    });

    it("the thematic map", async () => {
      const p = `/projects/${project}`;
      await api(session.page, "POST", `${p}/phase`, { phase: 3, rationale: "codes collated" });
      const theme = await api<{ id: string }>(session.page, "POST", `${p}/themes`, {
        name: "Sharing the load with the GP",
        concept: "Living with IBS as a joint project rather than a verdict",
        definition: "How participants describe responsibility for managing IBS being shared.",
      });
      for (const name of ["Shared responsibility", "Feeling listened to"])
        await api(session.page, "POST", `${p}/themes/${theme.id}/codes`, { codeId: code(name) });
      const other = await api<{ id: string }>(session.page, "POST", `${p}/themes`, {
        name: "Being sent away",
        concept: "Dismissal closes the door on help-seeking",
        definition: "Accounts of consultations that ended without a way forward.",
      });
      await api(session.page, "POST", `${p}/themes/${other.id}/codes`, {
        codeId: code("Feeling dismissed"),
      });
      await view("Themes");
      await session.page.locator(".react-flow__node").first().waitFor();
      await shot("themes-map");
    });

    it("the framework matrix", async () => {
      const p = `/projects/${project}`;
      await api(session.page, "PATCH", p, { method: "framework" });
      await api(session.page, "POST", `${p}/framework/categories`, { name: "Consultations" });
      const columns: [string, string][] = [
        ["Shared responsibility", "SR"],
        ["Feeling dismissed", "FD"],
        ["Tests and reassurance", "TR"],
      ];
      for (const [name, abbreviation] of columns)
        await api(session.page, "POST", `${p}/framework/codes`, {
          category: "Consultations",
          name,
          abbreviation,
          codeId: code(name),
        });
      const cases = list<{ id: string; name: string }>(
        await api(session.page, "GET", `${p}/cases`),
      );
      const p01 = cases.find((c) => c.name === "P01");
      if (p01)
        await api(session.page, "PUT", `${p}/framework/cells`, {
          caseId: p01.id,
          codeId: code("Shared responsibility"),
          summary: "Sees the GP as a partner since CBT; plans diet changes together.",
          state: "charted",
        });
      await view("Framework");
      await session.page.getByRole("grid").waitFor();
      await shot("framework-matrix");
    });

    it("systematic text condensation", async () => {
      const p = `/projects/${project}`;
      const segments = list<{ codingId: string }>(
        await api(session.page, "POST", `${p}/segments`, {
          codeIds: [code("Shared responsibility")],
        }),
      );
      const theme = await api<{ id: string }>(session.page, "POST", `${p}/stc/themes`, {
        name: "Partnership",
      });
      const group = await api<{ id: string }>(session.page, "POST", `${p}/stc/groups`, {
        name: "Working it out together",
        theme: theme.id,
      });
      const subgroup = await api<{ id: string }>(session.page, "POST", `${p}/stc/subgroups`, {
        group: group.id,
        name: "Planning with the GP",
      });
      for (const segment of segments.slice(0, 2))
        await api(session.page, "POST", `${p}/stc/units`, {
          codingId: segment.codingId,
          group: group.id,
          subgroup: subgroup.id,
        });
      await api(session.page, "PUT", `${p}/stc/subgroups/${subgroup.id}/condensate`, {
        text: "After the sessions I felt the GP and I were working it out together, step by step.",
      });
      const first = segments[0];
      if (first)
        await api(session.page, "POST", `${p}/stc/subgroups/${subgroup.id}/quotes`, {
          codingId: first.codingId,
        });
      await view("Condensation");
      await session.page
        .getByText("Planning with the GP")
        .filter({ visible: true })
        .first()
        .waitFor();
      await shot("condensation");
    });

    it("agreement between two coders", async () => {
      const p = `/projects/${project}`;
      const segments = list<{ sourceId: string; start: number; end: number }>(
        await api(session.page, "POST", `${p}/segments`, { codeIds: [code("Feeling dismissed")] }),
      );
      // A second coder codes the same passages a little differently, and one not at all.
      for (const [index, segment] of segments.entries())
        if (index % 3 !== 2)
          await api(
            session.page,
            "POST",
            `${p}/codings`,
            {
              sourceId: segment.sourceId,
              codeId: code("Feeling dismissed"),
              start: segment.start + (index % 2) * 6,
              end: segment.end,
            },
            "ann",
          );
      await view("Agreement");
      const form = session.page.getByRole("form", { name: "Compare coders" });
      await form.getByRole("checkbox", { name: "ann" }).check();
      await form.getByRole("checkbox", { name: "demo" }).check();
      await form.getByRole("radio", { name: "Chosen codes" }).check();
      await form.getByRole("checkbox", { name: /Feeling dismissed/ }).check();
      await form.getByRole("button", { name: "Compare" }).click();
      await session.page.getByRole("heading", { name: "Overall" }).waitFor();
      await session.page.waitForTimeout(300);
      await shot("agreement");
      await session.page.getByRole("button", { name: /Side by side: .*Feeling dismissed/ }).click();
      await session.page.waitForTimeout(600);
      await shot("agreement-side-by-side");
    });
  });
});
