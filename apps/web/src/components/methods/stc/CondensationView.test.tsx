// @vitest-environment happy-dom
/**
 * The Condensation view against a stubbed API: the four steps as the structure, a subgroup's
 * meaning units beside its condensate, the condensate always under its artificial label and never
 * in a quotation, quotes in quotation marks, what the editors and the re-reading grid send, and
 * renaming and removing (no confirmation; the toast points to Ctrl+Z).
 */
import { CONDENSATE_LABEL } from "@quire/core";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { condensateWords, type ReadingGrid, type StcOutline } from "../../../api/stc.js";
import { getUi } from "../../../state/ui-store.js";
import { renderWithData, stubApi } from "../../../test/render.js";
import { CondensationView } from "./CondensationView.js";

const unit = {
  id: "u1",
  codingId: "k1",
  codeGroupId: "g1",
  subgroupId: "sg1",
  sourceId: "s1",
  sourceTitle: "P01",
  start: 100,
  end: 140,
  text: "we sort of worked it out between us",
  coder: "AS",
};

const outline: StcOutline = {
  themes: [{ id: "t1", name: "Being taken seriously", note: "" }],
  codeGroups: [
    {
      id: "g1",
      name: "Working with the GP",
      themeId: "t1",
      analyticText: "",
      unsorted: [],
      subgroups: [
        {
          id: "sg1",
          name: "Sharing the work",
          units: [unit],
          condensate: {
            id: "c1",
            subgroupId: "sg1",
            unitIds: ["u1"],
            artificial: true,
            label: CONDENSATE_LABEL,
            text: `[${CONDENSATE_LABEL}: I worked it out with my GP.]`,
          },
          quotes: [],
        },
      ],
    },
  ],
};

const grid: ReadingGrid = {
  codeGroups: [{ id: "g1", name: "Working with the GP" }],
  rows: [
    {
      sourceId: "s1",
      title: "P01",
      units: [1],
      reread: false,
      validated: false,
      contradicting: "",
    },
  ],
};

function stub() {
  return stubApi({
    "GET /projects/demo/stc": () => outline,
    "GET /projects/demo/stc/grid": () => grid,
    "GET /projects/demo/codes": () => ({ codes: [] }),
    "PUT /projects/demo/stc/subgroups/sg1/condensate": () => ({}),
    "POST /projects/demo/stc/subgroups/sg1/quotes": () => ({ ok: true }),
    "PUT /projects/demo/stc/groups/g1/analysis": () => ({ ok: true }),
    "PUT /projects/demo/stc/checks/s1": () => ({ ok: true }),
    "PATCH /projects/demo/stc/themes/t1": () => ({ id: "t1", name: "Heard" }),
    "PATCH /projects/demo/stc/groups/g1": () => ({ id: "g1", name: "With the GP" }),
    "PATCH /projects/demo/stc/subgroups/sg1": () => ({ id: "sg1", name: "Shared work" }),
    "DELETE /projects/demo/stc/themes/t1": () => ({ ok: true }),
    "DELETE /projects/demo/stc/subgroups/sg1": () => ({ ok: true }),
    "DELETE /projects/demo/stc/units/u1": () => ({ ok: true }),
  });
}

describe("CondensationView", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("lays the work out as Malterud's four steps", async () => {
    stub();
    renderWithData(<CondensationView />);
    await screen.findByRole("region", { name: /^Step 4\./ });
    expect(
      screen
        .getAllByRole("heading", { level: 2 })
        .map((heading) => heading.textContent?.split(":")[0]),
    ).toEqual([
      "Step 1. Total impression",
      "Step 2. Meaning units",
      "Step 3. Condensation",
      "Step 4. Synthesising",
    ]);
    expect(screen.getByRole("link", { name: "Download results" }).getAttribute("href")).toBe(
      "/api/projects/demo/exports/stc-results",
    );
  });

  it("shows the condensate under its label, never as a quotation, beside the meaning units", async () => {
    stub();
    renderWithData(<CondensationView />);
    const subgroup = await screen.findByRole("region", { name: "Sharing the work" });
    const condensate = within(subgroup).getByRole("region", { name: CONDENSATE_LABEL });
    expect(condensate.textContent).toBe(`${CONDENSATE_LABEL}I worked it out with my GP.`);
    expect(condensate.closest("blockquote")).toBeNull();
    expect(condensate.querySelector("blockquote, q")).toBeNull();
    expect(condensate.textContent).not.toMatch(/[“”"]/);
    const units = within(subgroup).getByRole("list", { name: "Meaning units of Sharing the work" });
    expect(units.querySelector("blockquote")?.textContent).toBe(unit.text);
    // The editor starts from the analyst's words, without the label.
    expect((within(subgroup).getByLabelText("Condensate") as HTMLTextAreaElement).value).toBe(
      "I worked it out with my GP.",
    );
  });

  it("sends the condensate, the quote, the analytic text and a re-reading tick", async () => {
    const calls = stub();
    renderWithData(<CondensationView />);
    const subgroup = await screen.findByRole("region", { name: "Sharing the work" });
    fireEvent.change(within(subgroup).getByLabelText("Condensate"), {
      target: { value: "We worked it out together, the GP and I." },
    });
    fireEvent.click(within(subgroup).getByRole("button", { name: "Save condensate" }));
    fireEvent.click(within(subgroup).getByRole("button", { name: "Use as illustrative quote" }));
    fireEvent.change(screen.getByLabelText("Analytic text: Working with the GP"), {
      target: { value: "Joint work." },
    });
    fireEvent.click(screen.getByRole("button", { name: "Save analytic text" }));
    fireEvent.click(await screen.findByRole("checkbox", { name: "P01 re-read" }));
    await waitFor(() =>
      expect(calls.filter((call) => call.method !== "GET")).toEqual(
        expect.arrayContaining([
          {
            method: "PUT",
            path: "/projects/demo/stc/subgroups/sg1/condensate",
            body: { text: "We worked it out together, the GP and I." },
          },
          {
            method: "POST",
            path: "/projects/demo/stc/subgroups/sg1/quotes",
            body: { codingId: "k1" },
          },
          {
            method: "PUT",
            path: "/projects/demo/stc/groups/g1/analysis",
            body: { body: "Joint work." },
          },
          { method: "PUT", path: "/projects/demo/stc/checks/s1", body: { reread: true } },
        ]),
      ),
    );
  });

  it("renames inline and removes without asking, pointing to Ctrl+Z", async () => {
    const calls = stub();
    renderWithData(<CondensationView />);
    fireEvent.click(
      await screen.findByRole("button", { name: "Rename preliminary theme Being taken seriously" }),
    );
    const field = screen.getByLabelText("New name for Being taken seriously") as HTMLInputElement;
    expect(field.value).toBe("Being taken seriously");
    fireEvent.change(field, { target: { value: "Heard" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() =>
      expect(screen.queryByLabelText("New name for Being taken seriously")).toBeNull(),
    );
    fireEvent.click(screen.getByRole("button", { name: "Rename code group Working with the GP" }));
    fireEvent.change(screen.getByLabelText("New name for Working with the GP"), {
      target: { value: "With the GP" },
    });
    fireEvent.submit(screen.getByRole("form", { name: "Rename code group Working with the GP" }));
    fireEvent.click(screen.getByRole("button", { name: "Rename subgroup Sharing the work" }));
    // Escape cancels without sending anything.
    fireEvent.keyDown(screen.getByLabelText("New name for Sharing the work"), { key: "Escape" });
    expect(screen.queryByLabelText("New name for Sharing the work")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Remove subgroup Sharing the work" }));
    await waitFor(() => expect(getUi().toast?.text).toMatch(/"Sharing the work" removed/));
    expect(getUi().toast?.text).toMatch(/Undo \(Ctrl\+Z\)/);
    fireEvent.click(
      screen.getByRole("button", { name: "Remove the meaning unit from P01, 100–140" }),
    );
    await waitFor(() => expect(getUi().toast?.text).toMatch(/^Meaning unit removed/));
    fireEvent.click(
      screen.getByRole("button", { name: "Remove preliminary theme Being taken seriously" }),
    );
    await waitFor(() =>
      expect(calls.filter((call) => call.method !== "GET" && call.method !== "PUT")).toEqual([
        { method: "PATCH", path: "/projects/demo/stc/themes/t1", body: { name: "Heard" } },
        { method: "PATCH", path: "/projects/demo/stc/groups/g1", body: { name: "With the GP" } },
        { method: "DELETE", path: "/projects/demo/stc/subgroups/sg1", body: undefined },
        { method: "DELETE", path: "/projects/demo/stc/units/u1", body: undefined },
        { method: "DELETE", path: "/projects/demo/stc/themes/t1", body: undefined },
      ]),
    );
    await waitFor(() => expect(getUi().toast?.text).toMatch(/code groups stay.*Ctrl\+Z/));
  });

  it("recovers the analyst's words from a labelled condensate and leaves other text alone", () => {
    expect(condensateWords({ label: CONDENSATE_LABEL, text: `[${CONDENSATE_LABEL}: a b]` })).toBe(
      "a b",
    );
    expect(condensateWords({ label: CONDENSATE_LABEL, text: "plain" })).toBe("plain");
  });
});
