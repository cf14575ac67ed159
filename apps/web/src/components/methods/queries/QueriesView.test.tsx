// @vitest-environment happy-dom
/**
 * The Queries view against a stubbed server: building and running a query (the request it sends,
 * passages shown, a passage opening its source at its offsets), switching to cases, the problem
 * shown for a query without codes, saving, running and deleting saved queries, a saved query with
 * two attribute conditions loading into the builder and saved again with both, a matrix cell
 * running its code in its case from the keyboard, and a word's keyword-in-context lines.
 */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type {
  CodeCaseMatrix,
  KeywordInContext,
  QueryAnswer,
  SavedQuery,
  WordFrequencies,
} from "../../../api/code-queries.js";
import { keys } from "../../../api/queries.js";
import type { AttributeView } from "../../../api/types.js";
import { getUi } from "../../../state/ui-store.js";
import { code, PROJECT, renderWithData } from "../../../test/render.js";
import { QueriesView } from "./QueriesView.js";

type Handler = (body: unknown) => { status?: number; body: unknown };

/** Answers `fetch` from `"METHOD /path"` handlers; records every call. */
function serve(handlers: Record<string, Handler>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), "http://quire.test");
      const path = url.pathname.replace(/^\/api/, "") + url.search;
      const method = init?.method ?? "GET";
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, path, body });
      const handler =
        handlers[`${method} ${path}`] ??
        handlers[`${method} ${url.pathname.replace(/^\/api/, "")}`];
      const reply = handler
        ? handler(body)
        : { status: 404, body: { error: { id: "not_found", message: `no ${method} ${path}` } } };
      return new Response(JSON.stringify(reply.body), {
        status: reply.status ?? 200,
        headers: { "Content-Type": "application/json" },
      });
    }),
  );
  return calls;
}

const Q = `/projects/${PROJECT}/queries`;
const codes = [
  code("s", "Shared responsibility", null, [6, 6]),
  code("d", "Feeling dismissed", null, [3, 3]),
];
const attributes: AttributeView[] = [
  { id: "a1", name: "arm", type: "category", allowedValues: ["CBT", "TAU"] },
  { id: "a2", name: "site", type: "text", allowedValues: [] },
];

function answer(overrides: Partial<QueryAnswer> = {}): QueryAnswer {
  return {
    query: { codes: ["s"], not: ["d"], where: { arm: "CBT" } },
    view: "segments",
    blindCoder: null,
    total: 1,
    limit: 50,
    offset: 0,
    segments: [
      {
        codingId: "k1",
        codeId: "s",
        codeName: "Shared responsibility",
        codePath: "Shared responsibility",
        codeColor: "#1b9e77",
        sourceId: "src1",
        sourceTitle: "P05",
        sourcePosition: 4,
        caseId: "c5",
        caseName: "P05",
        caseAttributes: { arm: "CBT" },
        coder: "demo",
        start: 120,
        end: 170,
        text: "I'm not handing the problem over any more, it's shared.",
        before: "Now ",
        after: " And",
      },
    ],
    sources: [{ sourceId: "src1", title: "P05", position: 4, hits: 1 }],
    cases: [{ caseId: "c5", name: "P05", attributes: { arm: "CBT" }, hits: 1 }],
    ...overrides,
  };
}

function render(handlers: Record<string, Handler>) {
  const calls = serve({
    [`GET /projects/${PROJECT}/agreement/coders`]: () => ({ body: { coders: ["demo"] } }),
    [`GET ${Q}/saved`]: () => ({ body: { queries: [] } }),
    ...handlers,
  });
  const rendered = renderWithData(<QueriesView />, { codes, ui: { view: "queries" } });
  rendered.client.setQueryData(keys.attributes(PROJECT), attributes);
  return { calls, ...rendered };
}

function pick(group: string, value: string) {
  fireEvent.change(screen.getByRole("combobox", { name: `Code to add to ${group}` }), {
    target: { value },
  });
  fireEvent.click(screen.getByRole("button", { name: `Add to ${group}` }));
}

describe("QueriesView", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("builds and runs a query, shows its passages and opens one at its place", async () => {
    const { calls } = render({
      [`POST ${Q}/run`]: (body) =>
        (body as { as: string }).as === "cases"
          ? { body: answer({ view: "cases", segments: [] }) }
          : { body: answer() },
    });
    fireEvent.click(screen.getByRole("button", { name: "Run query" }));
    expect(await screen.findByRole("alert")).toHaveProperty(
      "textContent",
      "Pick at least one code under “Any of”.",
    );
    pick("Any of", "s");
    pick("None of", "d");
    // A code picked in one group is offered in no other.
    const allOf = screen.getByRole("combobox", { name: "Code to add to All of" });
    expect(within(allOf).queryByRole("option", { name: "Shared responsibility" })).toBeNull();
    fireEvent.change(screen.getByRole("combobox", { name: "In cases with attribute" }), {
      target: { value: "arm" },
    });
    fireEvent.change(screen.getByRole("combobox", { name: "Value of arm" }), {
      target: { value: "CBT" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Run query" }));
    await screen.findByText(
      "Shared responsibility AND NOT Feeling dismissed (overlapping) · arm = CBT",
    );
    expect(calls.find((call) => call.path === `${Q}/run`)?.body).toEqual({
      query: { codes: ["s"], not: ["d"], where: { arm: "CBT" } },
      as: "segments",
      limit: 50,
    });
    expect(screen.getByTestId("query-count").textContent).toBe("1 passage in 1 source, 1 case");

    fireEvent.click(screen.getByRole("radio", { name: "Cases" }));
    const table = await screen.findByRole("table", { name: "Cases with matching passages" });
    expect(within(table).getByRole("rowheader").textContent).toBe("P05");
    expect(calls.at(-1)?.body).toMatchObject({ as: "cases" });

    fireEvent.click(screen.getByRole("radio", { name: "Passages" }));
    fireEvent.click(await screen.findByRole("button", { name: /^Open P05 at/ }));
    expect(getUi()).toMatchObject({
      view: "code",
      sourceId: "src1",
      selectedCodingId: "k1",
      focus: { sourceId: "src1", start: 120, end: 170 },
    });
  });

  it("says when results are blind to other coders, and shows the server's refusal", async () => {
    let refuse = false;
    render({
      [`POST ${Q}/run`]: () =>
        refuse
          ? {
              status: 409,
              body: { error: { id: "conflict", message: "blind coding is on: me sees only…" } },
            }
          : { body: answer({ blindCoder: "me" }) },
    });
    pick("Any of", "s");
    fireEvent.click(screen.getByRole("button", { name: "Run query" }));
    expect(await screen.findByText(/Blind coding is on: these are me’s codings only/)).toBeTruthy();
    refuse = true;
    fireEvent.change(screen.getByRole("combobox", { name: "Coded by" }), {
      target: { value: "demo" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Run query" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "blind coding is on: me sees only…",
    );
  });

  it("saves the query under a name, runs a saved one by name and deletes it", async () => {
    let saved: SavedQuery[] = [];
    const { calls } = render({
      [`GET ${Q}/saved`]: () => ({ body: { queries: saved } }),
      [`POST ${Q}/saved`]: (body) => {
        const entry = { ...(body as SavedQuery), savedAt: "now", savedBy: "me" };
        saved = [entry];
        return { status: 201, body: entry };
      },
      [`DELETE ${Q}/saved/Shared%2C%20not%20dismissed`]: () => {
        saved = [];
        return { body: { ok: true } };
      },
      [`POST ${Q}/run`]: () => ({ body: answer() }),
    });
    const save = screen.getByRole("button", { name: "Save query" });
    expect(save).toHaveProperty("disabled", true);
    pick("Any of", "s");
    pick("None of", "d");
    fireEvent.change(screen.getByRole("textbox", { name: "Name" }), {
      target: { value: "Shared, not dismissed" },
    });
    fireEvent.click(save);
    const list = await screen.findByRole("list", { name: "Saved queries" });
    expect(
      calls.find((call) => call.method === "POST" && call.path === `${Q}/saved`)?.body,
    ).toEqual({ name: "Shared, not dismissed", query: { codes: ["s"], not: ["d"] } });
    expect(list.textContent).toContain("Shared responsibility AND NOT Feeling dismissed");

    fireEvent.click(within(list).getByRole("button", { name: "Run Shared, not dismissed" }));
    await waitFor(() =>
      expect(calls.find((call) => call.path === `${Q}/run`)?.body).toEqual({
        saved: "Shared, not dismissed",
        as: "segments",
        limit: 50,
      }),
    );
    expect(await screen.findByText(/· saved query “Shared, not dismissed”$/)).toBeTruthy();

    fireEvent.click(within(list).getByRole("button", { name: "Delete Shared, not dismissed" }));
    expect(await screen.findByText("No saved queries yet.")).toBeTruthy();
  });

  it("loads a saved query's two attribute conditions into the builder and saves both again", async () => {
    const query = { codes: ["s"], where: { arm: "CBT", site: "Leeds" } };
    let saved: SavedQuery[] = [{ name: "CBT in Leeds", query, savedAt: "then", savedBy: "me" }];
    const { calls } = render({
      [`GET ${Q}/saved`]: () => ({ body: { queries: saved } }),
      [`POST ${Q}/saved`]: (body) => {
        const entry = { ...(body as SavedQuery), savedAt: "now", savedBy: "me" };
        saved = [...saved, entry];
        return { status: 201, body: entry };
      },
      [`POST ${Q}/run`]: () => ({ body: answer({ query }) }),
    });
    const list = await screen.findByRole("list", { name: "Saved queries" });
    expect(list.textContent).toContain("Shared responsibility · arm = CBT · site = Leeds");
    fireEvent.click(within(list).getByRole("button", { name: "Run CBT in Leeds" }));
    expect(
      await screen.findByText(
        "Shared responsibility · arm = CBT · site = Leeds · saved query “CBT in Leeds”",
      ),
    ).toBeTruthy();

    const rows = within(
      screen.getByRole("list", { name: "Case attribute conditions" }),
    ).getAllByRole("listitem");
    expect(rows).toHaveLength(2);
    expect(
      (screen.getByRole("combobox", { name: "In cases with attribute" }) as HTMLSelectElement)
        .value,
    ).toBe("arm");
    expect(
      (screen.getByRole("combobox", { name: "Value of arm" }) as HTMLSelectElement).value,
    ).toBe("CBT");
    const second = screen.getByRole("combobox", { name: "And with attribute (2)" });
    expect((second as HTMLSelectElement).value).toBe("site");
    // An attribute is offered in one row only, and with both used there is nothing left to add.
    expect(within(second).queryByRole("option", { name: "arm" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Add an attribute condition" })).toBeNull();
    expect((screen.getByRole("textbox", { name: "Value of site" }) as HTMLInputElement).value).toBe(
      "Leeds",
    );

    fireEvent.change(screen.getByRole("textbox", { name: "Name" }), {
      target: { value: "CBT in Leeds, again" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Save query" }));
    await waitFor(() =>
      expect(
        calls.find((call) => call.method === "POST" && call.path === `${Q}/saved`)?.body,
      ).toEqual({ name: "CBT in Leeds, again", query }),
    );

    // Removing a condition leaves the other; adding one back offers only the free attribute.
    fireEvent.click(screen.getByRole("button", { name: "Remove the condition on arm" }));
    expect(
      (screen.getByRole("combobox", { name: "In cases with attribute" }) as HTMLSelectElement)
        .value,
    ).toBe("site");
    fireEvent.click(screen.getByRole("button", { name: "Add an attribute condition" }));
    const added = screen.getByRole("combobox", { name: "And with attribute (2)" });
    expect(
      within(added)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Choose an attribute", "arm"]);
    fireEvent.change(added, { target: { value: "arm" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Value of arm" }), {
      target: { value: "TAU" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Run query" }));
    await waitFor(() =>
      expect(calls.filter((call) => call.path === `${Q}/run`).at(-1)?.body).toEqual({
        query: { codes: ["s"], where: { site: "Leeds", arm: "TAU" } },
        as: "segments",
        limit: 50,
      }),
    );
  });

  it("runs a matrix cell's code in its case, chosen from the keyboard", async () => {
    const matrix: CodeCaseMatrix = {
      blindCoder: null,
      codes: [
        {
          codeId: "d",
          name: "Feeling dismissed",
          path: "Feeling dismissed",
          color: "#d95f02",
          segments: 1,
        },
        {
          codeId: "s",
          name: "Shared responsibility",
          path: "Shared responsibility",
          color: "#1b9e77",
          segments: 3,
        },
      ],
      cases: [
        { caseId: "c1", name: "P01", attributes: { arm: "CBT" }, segments: 2, counts: [0, 2] },
        { caseId: "c2", name: "P02", attributes: { arm: "TAU" }, segments: 1, counts: [1, 1] },
      ],
      max: 2,
    };
    const { calls } = render({
      [`GET ${Q}/code-case-matrix`]: () => ({ body: matrix }),
      [`POST ${Q}/run`]: () => ({ body: answer({ query: { codes: ["s"] } }) }),
    });
    fireEvent.click(screen.getByRole("tab", { name: "Code × case" }));
    const grid = await screen.findByRole("grid");
    const cell = within(grid).getByRole("gridcell", {
      name: "Shared responsibility in P01: 2 passages, choose to read them",
    });
    expect(cell.getAttribute("style")).toContain("background");
    expect(
      within(grid).getByRole("gridcell", { name: "Feeling dismissed in P01: 0 passages" })
        .textContent,
    ).toBe("");
    // From the first cell, one step right is P01's Shared responsibility.
    const first = within(grid).getByRole("gridcell", { name: /^Feeling dismissed in P01/ });
    expect(first.tabIndex).toBe(0);
    fireEvent.keyDown(first, { key: "ArrowRight" });
    await waitFor(() => expect(document.activeElement).toBe(cell));
    fireEvent.keyDown(cell, { key: "Enter" });
    await waitFor(() =>
      expect(calls.find((call) => call.path === `${Q}/run`)?.body).toEqual({
        query: { codes: ["s"] },
        caseId: "c1",
        as: "segments",
        limit: 50,
      }),
    );
    expect(screen.getByRole("tab", { name: "Code query" }).getAttribute("aria-selected")).toBe(
      "true",
    );
    expect(await screen.findByText("Shared responsibility · in P01’s sources")).toBeTruthy();
  });

  it("lists word frequencies and a chosen word's lines in context, each opening its source", async () => {
    const words: WordFrequencies = {
      scope: { description: "all 8 sources", texts: 8 },
      blindCoder: null,
      totalWords: 900,
      distinctWords: 400,
      words: [
        { word: "gp", count: 40, texts: 8 },
        { word: "shared", count: 6, texts: 5 },
      ],
    };
    const kwic: KeywordInContext = {
      scope: words.scope,
      blindCoder: null,
      word: "shared",
      total: 1,
      lines: [
        {
          sourceId: "src5",
          sourceTitle: "P05",
          start: 160,
          end: 166,
          before: "any more, it's ",
          match: "shared",
          after: ". And",
        },
      ],
    };
    const { calls } = render({
      [`POST ${Q}/words`]: () => ({ body: words }),
      [`POST ${Q}/kwic`]: () => ({ body: kwic }),
      [`GET /projects/${PROJECT}/sources`]: () => ({ body: { total: 0, sources: [] } }),
    });
    fireEvent.click(screen.getByRole("tab", { name: "Words" }));
    const bars = await screen.findByRole("list", { name: "Words, most frequent first" });
    expect(
      within(bars)
        .getAllByRole("button")
        .map((b) => b.getAttribute("aria-label")),
    ).toEqual(["gp: 40 times in 8 sources", "shared: 6 times in 5 sources"]);
    expect(calls.find((call) => call.path === `${Q}/words`)?.body).toEqual({ top: 30 });
    fireEvent.click(within(bars).getByRole("button", { name: /^shared/ }));
    const lines = await screen.findByRole("list", { name: "Occurrences of shared" });
    expect(calls.find((call) => call.path === `${Q}/kwic`)?.body).toMatchObject({ word: "shared" });
    fireEvent.click(await within(lines).findByRole("button", { name: /shared/ }));
    expect(getUi()).toMatchObject({
      view: "code",
      sourceId: "src5",
      focus: { sourceId: "src5", start: 160, end: 166 },
    });
  });
});
