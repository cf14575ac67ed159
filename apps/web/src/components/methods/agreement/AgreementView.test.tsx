// @vitest-environment happy-dom
/**
 * The Agreement view against a stubbed API: reflexive TA explains itself and offers a change of
 * method instead of numbers; a codebook project compares the chosen coders and shows figures with
 * their bands and undefined cases in words; the side-by-side view shows a lane per coder; and while
 * blind the server's refusal is shown.
 */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { keys } from "../../../api/queries.js";
import type { ProjectSummary } from "../../../api/types.js";
import { code, PROJECT, renderWithData } from "../../../test/render.js";
import { AgreementView } from "./AgreementView.js";

type Handler = (body: unknown) => { status?: number; body: unknown };

/** Answers API paths from a table; records every call. */
function stubApi(handlers: Record<string, Handler>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input), "http://quire.test").pathname.replace(/^\/api/, "");
      const method = init?.method ?? "GET";
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, path, body });
      const handler = handlers[`${method} ${path}`];
      const reply = handler
        ? handler(body)
        : { status: 404, body: { error: { id: "not_found", message: `no ${path}` } } };
      return new Response(JSON.stringify(reply.body), {
        status: reply.status ?? 200,
        headers: { "Content-Type": "application/json" },
      });
    }),
  );
  return calls;
}

const P = `/projects/${PROJECT}`;
const project = (method: string): ProjectSummary => ({
  key: PROJECT,
  id: "p1",
  name: "Demo",
  method,
  createdAt: "2026-01-01T00:00:00Z",
});
const codes = [code("c1", "Trust"), code("c2", "Worry")];
const blindOff = { on: false, since: null, revealedAt: null, revealedBy: null };
const source = { id: "s1", title: "P01", kind: "interview", caseId: null, caseName: null };

function render(method: string) {
  const view = renderWithData(<AgreementView />, { codes, ui: { coder: "ann" } });
  view.client.setQueryData(keys.projects, [project(method)]);
  return view;
}

const report = {
  coders: ["ann", "demo"],
  measures: ["percent", "cohen", "alpha"],
  unit: "character",
  overall: {
    percent: { value: 0.95, undefinedReason: null, observedDisagreement: 0.05, units: 2000 },
    cohen: {
      value: 0.72,
      undefinedReason: null,
      observedDisagreement: 0.05,
      expectedDisagreement: 0.18,
      units: 2000,
    },
    alpha: {
      value: 0.71,
      undefinedReason: null,
      observedDisagreement: 0.05,
      expectedDisagreement: 0.17,
      units: 2000,
    },
  },
  byCode: [
    {
      codeId: "c1",
      values: {
        percent: { value: 0.9, undefinedReason: null },
        cohen: { value: 0.5, undefinedReason: null },
        alpha: { value: 0.49, undefinedReason: null },
      },
    },
    {
      codeId: "c2",
      values: {
        percent: { value: 1, undefinedReason: null },
        cohen: { value: null, undefinedReason: "no-variation" },
        alpha: { value: null, undefinedReason: "no-variation" },
      },
    },
  ],
  bySource: [{ sourceId: "s1", length: 1000, values: {} }],
};

const common = (method: string): Record<string, Handler> => ({
  "GET /projects": () => ({ body: [project(method)] }),
  [`GET ${P}/blind`]: () => ({ body: blindOff }),
  [`GET ${P}/agreement/coders`]: () => ({ body: { coders: ["ann", "demo"] } }),
  [`GET ${P}/sources`]: () => ({ body: { total: 1, sources: [source] } }),
});

describe("AgreementView", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("explains reflexive TA computes no agreement and offers to change the method", async () => {
    const calls = stubApi({
      ...common("reflexive_ta"),
      [`PATCH ${P}`]: (body) => ({ body: { ...project("codebook_ta"), ...(body as object) } }),
    });
    render("reflexive_ta");
    expect(
      await screen.findByRole("heading", {
        name: "No agreement statistics in reflexive thematic analysis",
      }),
    ).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Compare" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: /Change method to codebook/ }));
    await waitFor(() =>
      expect(calls).toContainEqual({ method: "PATCH", path: P, body: { method: "codebook_ta" } }),
    );
  });

  it("compares the chosen coders and shows bands, parts and undefined cases in words", async () => {
    const calls = stubApi({
      ...common("codebook_ta"),
      [`POST ${P}/agreement`]: () => ({ body: report }),
    });
    render("codebook_ta");
    const compare = (await screen.findByRole("button", { name: "Compare" })) as HTMLButtonElement;
    expect(compare.disabled).toBe(true);
    fireEvent.click(await screen.findByRole("checkbox", { name: "ann" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "demo" }));
    fireEvent.click(compare);
    await screen.findByRole("heading", { name: "Overall" });
    const sent = calls.find((call) => call.path === `${P}/agreement`);
    expect(sent?.body).toMatchObject({ coders: ["ann", "demo"] });
    expect(screen.getByText("substantial agreement")).toBeTruthy();
    expect(screen.getByText(/observed disagreement 0.050 · expected 0.180/)).toBeTruthy();
    const byCode = screen.getByRole("table", { name: "Agreement by code" });
    const worry = within(byCode).getByRole("row", { name: /Worry/ });
    expect(within(worry).getAllByText("undefined: every coder gave one value")).toHaveLength(2);
    expect(byCode.textContent).not.toContain("NaN");
  });

  it("opens a code side by side with one lane per coder", async () => {
    stubApi({
      ...common("framework"),
      [`POST ${P}/agreement`]: () => ({ body: report }),
      [`POST ${P}/agreement/disagreement-sources`]: () => ({
        body: { sources: [{ sourceId: "s1", title: "P01", disagreements: 1 }] },
      }),
      [`POST ${P}/agreement/disagreements`]: () => ({
        body: {
          sourceId: "s1",
          codeId: "c1",
          title: "P01",
          ranges: [
            { coder: "ann", ranges: [] },
            { coder: "demo", ranges: [{ start: 5, end: 10, text: "trust" }] },
          ],
          disagreements: [
            { start: 5, end: 10, text: "trust", codedBy: ["demo"], notCodedBy: ["ann"] },
          ],
        },
      }),
      [`GET ${P}/sources/s1`]: () => ({
        body: {
          source: { ...source, currentRevisionId: "r1" },
          revision: { id: "r1", number: 1, text: "I do trust my GP." },
          turns: [],
          codings: [],
        },
      }),
    });
    render("framework");
    fireEvent.click(await screen.findByRole("checkbox", { name: "ann" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "demo" }));
    fireEvent.click(screen.getByRole("button", { name: "Compare" }));
    fireEvent.click(await screen.findByRole("button", { name: "Side by side: Trust" }));
    expect(await screen.findByText("Disagreement 1 of 1 in P01")).toBeTruthy();
    const lanes = await screen.findAllByRole("region", { name: /this stretch/ });
    expect(lanes.map((lane) => lane.getAttribute("aria-label"))).toEqual([
      "ann (you): did not code this stretch",
      "demo: coded this stretch",
    ]);
    expect((await within(lanes[1] as HTMLElement).findByText("trust")).tagName).toBe("MARK");
    const adopt = screen.getByRole("button", { name: "Keep demo's coding: code it as ann too" });
    expect((adopt as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows the server's refusal while coders work blind", async () => {
    stubApi({
      ...common("codebook_ta"),
      [`GET ${P}/blind`]: () => ({
        body: { ...blindOff, on: true, since: "2026-01-01T10:00:00Z" },
      }),
      [`POST ${P}/agreement`]: () => ({
        status: 409,
        body: { error: { id: "blind_coding", message: "blind coding is on: reveal them first" } },
      }),
    });
    render("codebook_ta");
    const toggle = await screen.findByRole("switch", { name: "Blind coding" });
    await waitFor(() => expect(toggle.getAttribute("aria-checked")).toBe("true"));
    fireEvent.click(await screen.findByRole("checkbox", { name: "ann" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "demo" }));
    fireEvent.click(screen.getByRole("button", { name: "Compare" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("blind coding is on: reveal them first");
    expect(screen.queryByRole("heading", { name: "Overall" })).toBeNull();
  });
});
