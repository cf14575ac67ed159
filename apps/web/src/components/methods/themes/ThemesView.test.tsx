// @vitest-environment happy-dom
/**
 * The Themes view's parts against a stubbed server: the phase tracker (current step, moving with a
 * reason, the server's refusal shown), the theme editor (status rule errors shown as the server
 * words them, codes attached and detached), the review grid (counts, passages, opening one in the
 * coding view), the journal (entries linked to the theme and its codes), the map's keyboard link
 * form, and no agreement statistic anywhere.
 */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type PhaseView,
  type ThemeReviewView,
  type ThemeView,
  themeKeys,
} from "../../../api/themes.js";
import type { MemoView } from "../../../api/types.js";
import { getUi } from "../../../state/ui-store.js";
import { code, PROJECT, renderWithData } from "../../../test/render.js";
import { MapEditor } from "./MapEditor.js";
import { PhaseTracker } from "./PhaseTracker.js";
import { ReviewGrid } from "./ReviewGrid.js";
import { SnapshotsPanel } from "./SnapshotsPanel.js";
import { ThemeEditor } from "./ThemeEditor.js";
import { ThemeJournal } from "./ThemeJournal.js";
import { ThemesView } from "./ThemesView.js";

type Reply = { status?: number; body: unknown };
type Handler = (body: unknown) => Reply;

/** Answers `fetch` from `"METHOD /path"` handlers, with a status; records every call. */
function serve(handlers: Record<string, Handler>) {
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
        : { status: 404, body: { error: { id: "not_found", message: `no ${method} ${path}` } } };
      return new Response(JSON.stringify(reply.body), {
        status: reply.status ?? 200,
        headers: { "Content-Type": "application/json" },
      });
    }),
  );
  return calls;
}

const P = `/projects/${PROJECT}`;

function theme(overrides: Partial<ThemeView> = {}): ThemeView {
  return {
    id: "t1",
    parentId: null,
    name: "Working it out together",
    concept: "",
    definition: "",
    status: "candidate",
    isMisc: false,
    position: 0,
    codeIds: ["c1"],
    createdAt: "2026-01-01T10:00:00.000Z",
    updatedAt: "2026-01-01T10:00:00.000Z",
    warnings: [],
    ...overrides,
  };
}

const codes = [
  code("c1", "Shared responsibility", null, [6, 6]),
  code("c2", "Feeling listened to", null, [1, 1]),
];

function memo(overrides: Partial<MemoView>): MemoView {
  return {
    id: "m",
    kind: "reflexive_journal",
    title: "",
    body: "",
    targetType: "project",
    targetId: null,
    author: "AS",
    version: 1,
    createdAt: "2026-01-02T10:00:00.000Z",
    updatedAt: "2026-01-02T10:00:00.000Z",
    ...overrides,
  };
}

describe("the Themes view", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("marks the current phase and moves back to an earlier one with a reason", async () => {
    const phase: PhaseView = {
      phase: 4,
      name: "Developing and reviewing themes",
      log: [
        {
          id: "l1",
          phase: 4,
          previousPhase: 3,
          rationale: "candidate themes drafted",
          actor: "AS",
          at: "2026-01-01T10:00:00.000Z",
        },
      ],
    };
    const calls = serve({
      [`GET ${P}/phase`]: () => ({ body: phase }),
      [`POST ${P}/phase`]: () => ({
        status: 400,
        body: { error: { id: "invalid_input", message: "say why you are moving" } },
      }),
    });
    renderWithData(<PhaseTracker projectKey={PROJECT} />);
    const current = await screen.findByText("Developing and reviewing themes", {
      selector: ".phase-steps li[aria-current='step'] *",
    });
    expect(current).toBeTruthy();
    expect(screen.getByRole("list", { name: "Phase log" }).textContent).toContain(
      "candidate themes drafted",
    );
    const select = screen.getByRole("combobox", { name: "Move to phase" });
    expect(
      within(select).getByRole("option", { name: /3\. Generating initial themes \(revisit\)/ }),
    ).toBeTruthy();
    fireEvent.change(select, { target: { value: "3" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Why" }), {
      target: { value: "a theme splits in two" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Move" }));
    await waitFor(() =>
      expect(calls).toContainEqual({
        method: "POST",
        path: `${P}/phase`,
        body: { phase: 3, rationale: "a theme splits in two" },
      }),
    );
    expect((await screen.findByRole("alert")).textContent).toBe("say why you are moving");
  });

  it("shows the server's reason when a theme cannot be final, and saves only what changed", async () => {
    const calls = serve({
      [`PATCH ${P}/themes/t1`]: () => ({
        status: 400,
        body: {
          error: {
            id: "invalid_input",
            message: '"Working it out together" cannot be final without a definition',
          },
        },
      }),
    });
    renderWithData(<ThemeEditor projectKey={PROJECT} theme={theme()} parentName={null} />, {
      codes,
    });
    fireEvent.change(screen.getByRole("textbox", { name: "Central organising concept" }), {
      target: { value: "Partnership" },
    });
    fireEvent.change(screen.getByRole("combobox", { name: "Status" }), {
      target: { value: "final" },
    });
    fireEvent.change(screen.getByRole("textbox", { name: /Why the status changes/ }), {
      target: { value: "ready" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Save theme" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/cannot be final without/);
    expect(calls.at(-1)).toEqual({
      method: "PATCH",
      path: `${P}/themes/t1`,
      body: { concept: "Partnership", status: "final", rationale: "ready" },
    });
  });

  it("attaches a code from the codebook and detaches one", async () => {
    const calls = serve({
      [`POST ${P}/themes/t1/codes`]: () => ({ body: { ok: true } }),
      [`DELETE ${P}/themes/t1/codes/c1`]: () => ({ body: { ok: true } }),
    });
    renderWithData(<ThemeEditor projectKey={PROJECT} theme={theme()} parentName={null} />, {
      codes,
    });
    const picker = screen.getByRole("combobox", { name: "Code to attach" });
    // Codes already in the theme are not offered again.
    expect(within(picker).queryByRole("option", { name: "Shared responsibility" })).toBeNull();
    fireEvent.change(picker, { target: { value: "c2" } });
    fireEvent.click(screen.getByRole("button", { name: "Attach" }));
    fireEvent.click(screen.getByRole("button", { name: "Detach Shared responsibility" }));
    await waitFor(() => {
      expect(calls).toContainEqual({
        method: "POST",
        path: `${P}/themes/t1/codes`,
        body: { codeId: "c2" },
      });
      expect(calls).toContainEqual({
        method: "DELETE",
        path: `${P}/themes/t1/codes/c1`,
        body: undefined,
      });
    });
  });

  it("grids sources against themes and opens a passage in the coding view", async () => {
    const review: ThemeReviewView = {
      themes: [
        { id: "t1", name: "Working it out together", status: "candidate", sources: 1, passages: 2 },
      ],
      rows: [
        {
          sourceId: "s1",
          title: "P01",
          contributes: true,
          cells: [
            {
              themeId: "t1",
              passages: [
                {
                  codingId: "k1",
                  sourceId: "s1",
                  codeId: "c1",
                  start: 10,
                  end: 20,
                  text: "a two-way thing",
                },
                {
                  codingId: "k2",
                  sourceId: "s1",
                  codeId: "c1",
                  start: 40,
                  end: 52,
                  text: "do my bit",
                },
              ],
            },
          ],
        },
        {
          sourceId: "s2",
          title: "P02",
          contributes: false,
          cells: [{ themeId: "t1", passages: [] }],
        },
      ],
      unassignedCodes: [{ id: "c9", name: "Work" }],
    };
    serve({ [`GET ${P}/themes/review`]: () => ({ body: review }) });
    renderWithData(<ReviewGrid projectKey={PROJECT} />, { ui: { view: "themes" } });
    const cell = await screen.findByRole("button", {
      name: "P01, Working it out together: 2 passages",
    });
    expect(cell.textContent).toBe("2");
    const empty = screen.getByRole("button", { name: "P02, Working it out together: 0 passages" });
    expect((empty as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("no theme")).toBeTruthy();
    expect(screen.getByText("Work")).toBeTruthy();
    fireEvent.click(cell);
    fireEvent.click(screen.getByRole("button", { name: "Open the passage in P01: do my bit" }));
    expect(getUi()).toMatchObject({
      view: "code",
      sourceId: "s1",
      focus: { sourceId: "s1", start: 40, end: 52 },
    });
  });

  it("shows the journal of a theme and its codes, and adds an entry linked to the theme", async () => {
    const memos = [
      memo({ id: "m1", body: "I trust doctors too.", targetType: "theme", targetId: "t1" }),
      memo({ id: "m2", kind: "analytic", body: "Only CBT?", targetType: "code", targetId: "c1" }),
      memo({ id: "m3", body: "Elsewhere entirely.", targetType: "theme", targetId: "t2" }),
    ];
    const calls = serve({
      [`GET ${P}/memos`]: () => ({ body: { memos } }),
      [`POST ${P}/memos`]: (body) => ({
        status: 201,
        body: memo({ id: "m4", ...(body as object) }),
      }),
    });
    renderWithData(
      <ThemeJournal
        projectKey={PROJECT}
        target={{ type: "theme", id: "t1", name: "Working it out together", codeIds: ["c1"] }}
      />,
    );
    const entries = await screen.findByRole("list", { name: /Journal and memos on/ });
    expect(entries.textContent).toContain("I trust doctors too.");
    expect(entries.textContent).toContain("Only CBT?");
    expect(entries.textContent).not.toContain("Elsewhere entirely.");
    fireEvent.change(screen.getByRole("textbox", { name: /New journal entry/ }), {
      target: { value: "My own GP was a partner; am I seeing that here?" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Add journal entry" }));
    await waitFor(() =>
      expect(calls).toContainEqual({
        method: "POST",
        path: `${P}/memos`,
        body: {
          kind: "reflexive_journal",
          title: "",
          body: "My own GP was a partner; am I seeing that here?",
          targetType: "theme",
          targetId: "t1",
        },
      }),
    );
  });

  it("links two nodes from the keyboard form and removes a drawn link", async () => {
    const map = {
      nodes: [
        {
          id: "theme:t1",
          kind: "theme",
          refId: "t1",
          label: "Partners",
          status: "candidate",
          isMisc: false,
          x: 0,
          y: 0,
        },
        {
          id: "code:c2",
          kind: "code",
          refId: "c2",
          label: "Listened to",
          status: null,
          isMisc: false,
          x: 0,
          y: 200,
        },
      ],
      edges: [{ id: "e1", from: "theme:t1", to: "code:c2", kind: "link", label: "rests on" }],
    };
    const calls = serve({
      [`GET ${P}/thematic-map`]: () => ({ body: map }),
      [`GET ${P}/thematic-map/snapshots`]: () => ({ body: [] }),
      [`POST ${P}/thematic-map/edges`]: () => ({ status: 201, body: map }),
      [`DELETE ${P}/thematic-map/edges/e1`]: () => ({ body: map }),
    });
    renderWithData(<MapEditor projectKey={PROJECT} onSelectNode={() => {}} />);
    const form = await screen.findByRole("form", { name: "Link two nodes" });
    fireEvent.change(within(form).getByRole("combobox", { name: "Link" }), {
      target: { value: "code:c2" },
    });
    fireEvent.change(within(form).getByRole("combobox", { name: "to" }), {
      target: { value: "theme:t1" },
    });
    fireEvent.change(within(form).getByRole("textbox", { name: "Label" }), {
      target: { value: "feeds" },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Add link" }));
    fireEvent.click(
      screen.getByRole("button", { name: "Remove link: Partners linked to Listened to: rests on" }),
    );
    await waitFor(() => {
      expect(calls).toContainEqual({
        method: "POST",
        path: `${P}/thematic-map/edges`,
        body: { from: "code:c2", to: "theme:t1", label: "feeds" },
      });
      expect(calls).toContainEqual({
        method: "DELETE",
        path: `${P}/thematic-map/edges/e1`,
        body: undefined,
      });
    });
  });

  it("saves a named snapshot and restores one only after a second word", async () => {
    const snapshot = {
      id: "snap1",
      name: "end of phase 3",
      phase: 3,
      createdBy: "AS",
      createdAt: "2026-01-03T10:00:00.000Z",
    };
    const calls = serve({
      [`GET ${P}/thematic-map/snapshots`]: () => ({ body: [snapshot] }),
      [`POST ${P}/thematic-map/snapshots`]: () => ({
        status: 201,
        body: { ...snapshot, id: "snap2", name: "phase 4" },
      }),
      [`POST ${P}/thematic-map/snapshots/snap1/restore`]: () => ({
        body: { nodes: [], edges: [] },
      }),
    });
    renderWithData(<SnapshotsPanel projectKey={PROJECT} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Snapshot name" }), {
      target: { value: " phase 4 " },
    });
    fireEvent.click(screen.getByRole("button", { name: "Save snapshot" }));
    expect((await screen.findByRole("status")).textContent).toBe("Saved snapshot “phase 4”.");
    expect(calls).toContainEqual({
      method: "POST",
      path: `${P}/thematic-map/snapshots`,
      body: { name: "phase 4" },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Restore snapshot end of phase 3" }));
    expect(calls.some((call) => call.path.endsWith("/restore"))).toBe(false);
    fireEvent.click(screen.getByRole("button", { name: "Yes, restore “end of phase 3”" }));
    await waitFor(() =>
      expect(calls).toContainEqual({
        method: "POST",
        path: `${P}/thematic-map/snapshots/snap1/restore`,
        body: undefined,
      }),
    );
  });

  it("offers no agreement statistic", async () => {
    serve({
      [`GET ${P}/themes`]: () => ({ body: { themes: [theme()] } }),
      [`GET ${P}/phase`]: () => ({
        body: { phase: 3, name: "Generating initial themes", log: [] },
      }),
      [`GET ${P}/thematic-map`]: () => ({ body: { nodes: [], edges: [] } }),
      [`GET ${P}/thematic-map/snapshots`]: () => ({ body: [] }),
      [`GET ${P}/memos`]: () => ({ body: { memos: [] } }),
    });
    const { client, container } = renderWithData(<ThemesView />, { codes, ui: { view: "themes" } });
    fireEvent.click(await screen.findByRole("button", { name: /Working it out together/ }));
    await screen.findByRole("heading", { name: "Theme: Working it out together" });
    expect(client.getQueryData(themeKeys.list(PROJECT))).toHaveLength(1);
    expect(container.textContent).not.toMatch(/kappa|krippendorff|agreement|alpha/i);
  });
});
