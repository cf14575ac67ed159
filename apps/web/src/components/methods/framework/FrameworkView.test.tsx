// @vitest-environment happy-dom
/**
 * The Framework view against a stubbed API: the framework's version, the matrix with two header
 * rows, a prefilled cell flagged as not yet summarised, the keyboard path into the cell editor with
 * its linked passages (asked for in the cell's case only, page by page), and the summary it sends.
 */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChartMatrix, Framework } from "../../../api/framework.js";
import { code, renderWithData, stubApi } from "../../../test/render.js";
import { FrameworkView } from "./FrameworkView.js";

const framework: Framework = {
  id: "f",
  name: "Analytical framework",
  version: 3,
  categories: [
    {
      id: "cat",
      name: "GP consultations",
      codeId: "c0",
      codes: [
        {
          id: "fc1",
          codeId: "c1",
          name: "Shared responsibility",
          abbreviation: "1.1",
          definition: "Managing IBS together",
          origin: "inductive",
          isOther: false,
          addedInVersion: 2,
        },
        {
          id: "fc2",
          codeId: "c2",
          name: "Other",
          abbreviation: "1.O",
          definition: "",
          origin: "a_priori",
          isOther: true,
          addedInVersion: 1,
        },
      ],
    },
  ],
};

const matrix: ChartMatrix = {
  columns: [
    {
      categoryId: "cat",
      categoryName: "GP consultations",
      codes: [
        { codeId: "c1", name: "Shared responsibility", abbreviation: "1.1", isOther: false },
        { codeId: "c2", name: "Other", abbreviation: "1.O", isOther: true },
      ],
    },
  ],
  rows: [
    {
      caseId: "p1",
      caseName: "P01",
      attributes: { arm: "CBT" },
      cells: [
        {
          codeId: "c1",
          state: "unsummarised",
          summary: "we worked it out together",
          quotes: [],
          codingIds: ["k1", "k2"],
        },
        { codeId: "c2", state: "not_yet_charted", summary: "", quotes: [], codingIds: [] },
      ],
    },
    {
      caseId: "p2",
      caseName: "P02",
      attributes: { arm: "TAU" },
      cells: [
        { codeId: "c1", state: "charted", summary: "Felt left alone", quotes: [], codingIds: [] },
        { codeId: "c2", state: "not_discussed", summary: "", quotes: [], codingIds: [] },
      ],
    },
  ],
  counts: { charted: 1, unsummarised: 1, not_discussed: 1, not_yet_charted: 1 },
};

function stub() {
  return stubApi({
    "GET /projects/demo/framework": () => ({ framework }),
    "GET /projects/demo/framework/versions": () => ({ versions: [] }),
    "GET /projects/demo/framework/matrix": () => matrix,
    "GET /projects/demo/framework/progress": () => ({ sources: [] }),
    "GET /projects/demo/attributes": () => ({ attributes: [] }),
    "GET /projects/demo/codes": () => ({ codes: [] }),
    // The cell's two passages, served one per page to show the editor reads every page.
    "POST /projects/demo/queries/run": (_url, init) => {
      const { offset = 0 } = JSON.parse(String(init?.body)) as { offset?: number };
      const passage = [
        { codingId: "k1", start: 10, end: 35, text: "we worked it out together" },
        { codingId: "k2", start: 80, end: 110, text: "the GP listened this time" },
      ][offset];
      return {
        total: 2,
        segments: passage
          ? [{ ...passage, codeId: "c1", sourceId: "s1", sourceTitle: "P01 interview" }]
          : [],
      };
    },
    "PUT /projects/demo/framework/cells": () => ({}),
    "POST /projects/demo/framework/codes": () => ({ version: 4, framework }),
  });
}

describe("FrameworkView", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("shows the version, the two header rows and each cell's state in words", async () => {
    stub();
    renderWithData(<FrameworkView />);
    const grid = await screen.findByRole("grid");
    expect(screen.getByText("Charted against framework version 3")).toBeTruthy();
    expect(
      within(grid)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Case", "GP consultations", "1.1 Shared responsibility", "1.O Other"]);
    const cells = within(grid).getAllByRole("gridcell");
    expect(cells.map((cell) => cell.textContent)).toEqual([
      "Not yet summarisedwe worked it out together",
      "Not yet charted",
      "Felt left alone",
      "Not discussed",
    ]);
    expect(screen.getByTestId("charting-progress").textContent).toBe("2 of 4 cells charted (50 %)");
  });

  it("moves with the arrows, opens a cell with Enter and saves its summary", async () => {
    const calls = stub();
    renderWithData(<FrameworkView />);
    const grid = await screen.findByRole("grid");
    const [first, second] = within(grid).getAllByRole("gridcell");
    if (!first || !second) throw new Error("no cells");
    expect(first.tabIndex).toBe(0);
    expect(second.tabIndex).toBe(-1);
    first.focus();
    fireEvent.keyDown(first, { key: "ArrowRight" });
    await waitFor(() => expect(document.activeElement).toBe(second));
    fireEvent.keyDown(second, { key: "ArrowLeft" });
    await waitFor(() => expect(document.activeElement).toBe(first));
    fireEvent.keyDown(first, { key: "Enter" });

    const editor = await screen.findByRole("region", { name: "P01 × 1.1 Shared responsibility" });
    expect(first.getAttribute("aria-selected")).toBe("true");
    await within(editor).findByText("the GP listened this time");
    expect(within(editor).getByText("we worked it out together")).toBeTruthy();
    expect(within(editor).getAllByRole("button", { name: "Open in source" })).toHaveLength(2);
    // Asked for in the cell's case only, not the code's passages across the project.
    const asked = calls.filter((call) => call.path === "/projects/demo/queries/run");
    expect(asked.map((call) => call.body)).toEqual(
      [0, 1].map((offset) => ({
        query: { codes: ["c1"] },
        caseId: "p1",
        as: "segments",
        limit: 500,
        offset,
        context: 0,
      })),
    );
    expect(calls.some((call) => call.path === "/projects/demo/segments")).toBe(false);
    // Passages exist, so the cell cannot be "not discussed".
    expect(
      (within(editor).getByRole("button", { name: "Mark as not discussed" }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
    const summary = within(editor).getByLabelText("Summary") as HTMLTextAreaElement;
    expect(summary.value).toBe("");
    fireEvent.change(summary, { target: { value: "Shared the work with the GP" } });
    fireEvent.click(within(editor).getByRole("button", { name: "Save summary" }));
    await waitFor(() =>
      expect(calls).toContainEqual({
        method: "PUT",
        path: "/projects/demo/framework/cells",
        body: {
          caseId: "p1",
          codeId: "c1",
          state: "charted",
          summary: "Shared the work with the GP",
          quoteCodingIds: [],
        },
      }),
    );
    fireEvent.keyDown(summary, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("region", { name: /P01 ×/ })).toBeNull());
    expect(document.activeElement).toBe(first);
  });

  it("folds a built framework away and adds a codebook code to it as a new version", async () => {
    const calls = stub();
    const dismissed = code("c9", "Feeling dismissed", "r", [4, 3]);
    dismissed.path = "Relationship with the GP / Feeling dismissed";
    renderWithData(<FrameworkView />, {
      codes: [code("r", "Relationship with the GP"), dismissed],
    });
    const toggle = await screen.findByRole("button", { name: "Show and edit the framework" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("form", { name: "Add a code" })).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const codes = screen.getByRole("table", { name: "GP consultations" });
    expect(within(codes).getByText("Managing IBS together")).toBeTruthy();
    expect(within(codes).getByText("Inductive")).toBeTruthy();

    const form = screen.getByRole("form", { name: "Add a code" });
    fireEvent.change(within(form).getByLabelText("From the codebook"), {
      target: { value: "c9" },
    });
    expect((within(form).getByLabelText("Code name") as HTMLInputElement).value).toBe(
      "Feeling dismissed",
    );
    fireEvent.change(within(form).getByLabelText("Index"), { target: { value: "1.2" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add code" }));
    await waitFor(() =>
      expect(calls).toContainEqual({
        method: "POST",
        path: "/projects/demo/framework/codes",
        body: {
          category: "cat",
          name: "Feeling dismissed",
          abbreviation: "1.2",
          origin: "a_priori",
          codeId: "c9",
        },
      }),
    );
  });
});
