// @vitest-environment happy-dom
/**
 * The analysis charts: one mark per number (bars, heatmap cells, sources), every mark focusable
 * with its numbers as its name, a title and summary on each figure, and the table alternative.
 */
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type {
  CodeFrequency,
  CooccurrenceView,
  CrosstabView,
  SaturationView,
} from "../../api/types.js";
import { CooccurrenceHeatmap } from "./CooccurrenceHeatmap.js";
import { CrosstabTable } from "./CrosstabTable.js";
import { FrequencyChart } from "./FrequencyChart.js";
import { SaturationChart } from "./SaturationChart.js";
import { niceMax, sequential } from "./scales.js";

const ref = (codeId: string, name: string, color = "#1b9e77") => ({
  codeId,
  name,
  path: name,
  color,
});

const frequencies: CodeFrequency[] = [
  {
    ...ref("t", "Trust", "#d95f02"),
    codings: 5,
    sources: 3,
    cases: 3,
    byGroup: [
      { group: "CBT", codings: 4, cases: 2 },
      { group: "TAU", codings: 1, cases: 1 },
    ],
  },
  {
    ...ref("w", "Worry"),
    codings: 2,
    sources: 2,
    cases: 1,
    byGroup: [
      { group: "CBT", codings: 0, cases: 0 },
      { group: "TAU", codings: 2, cases: 1 },
    ],
  },
];
const groups = [
  { group: "CBT", cases: 2 },
  { group: "TAU", cases: 2 },
];

describe("analysis charts", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("draws a bar per code in its colour, titled and summarised, and shows it as a table", () => {
    render(<FrequencyChart codes={frequencies} groups={[]} attribute={null} />);
    const figure = screen.getByRole("figure", { name: "Code frequencies" });
    const bars = within(figure).getAllByRole("img");
    expect(bars.map((bar) => bar.getAttribute("aria-label"))).toEqual([
      "Trust: 5 passages in 3 sources, 3 cases",
      "Worry: 2 passages in 2 sources, 1 case",
    ]);
    expect(bars.every((bar) => bar.getAttribute("tabindex") === "0")).toBe(true);
    expect(bars[0]?.getAttribute("fill")).toBe("#d95f02");
    expect(figure.textContent).toContain("most coded: Trust (5 passages in 3 cases)");
    fireEvent.click(within(figure).getByRole("button", { name: "Show as table" }));
    const rows = within(figure).getAllByRole("row");
    expect(rows.map((row) => row.textContent)).toEqual([
      "CodePassagesSourcesCases",
      "Trust533",
      "Worry221",
    ]);
    expect(within(figure).queryAllByRole("img")).toHaveLength(0);
  });

  it("splits by an attribute into one bar per group, as shares of the group's cases", () => {
    render(<FrequencyChart codes={frequencies} groups={groups} attribute="Arm" />);
    const figure = screen.getByRole("figure", { name: "Code frequencies by Arm" });
    const bars = within(figure).getAllByRole("img");
    expect(bars).toHaveLength(4);
    expect(bars[0]?.getAttribute("aria-label")).toBe("Trust, CBT: 2 of 2 cases (100%), 4 passages");
    expect(bars[2]?.getAttribute("aria-label")).toBe("Worry, CBT: 0 of 2 cases (0%), 0 passages");
  });

  it("fills the crosstab with n/N cells and lists counter-cases that open their passages", () => {
    const view: CrosstabView = {
      attribute: "Arm",
      groups,
      rows: [
        {
          ...ref("w", "Worry"),
          cases: 2,
          segments: 3,
          cells: [
            { group: "CBT", cases: 1, of: 2, share: 0.5, segments: 2 },
            { group: "TAU", cases: 1, of: 2, share: 0.5, segments: 1 },
          ],
        },
      ],
      only: {
        group: "CBT",
        codes: [
          {
            ...ref("w", "Worry"),
            inGroup: { cases: 1, of: 2 },
            elsewhere: { cases: 1, of: 2 },
            onlyHere: false,
            counterCases: [
              {
                caseId: "c3",
                caseName: "P03",
                group: "TAU",
                segments: 1,
                passages: [
                  {
                    codingId: "k9",
                    sourceId: "s3",
                    sourceTitle: "P03",
                    start: 4,
                    end: 20,
                    text: "side effects",
                  },
                ],
              },
            ],
          },
        ],
      },
    };
    const open = vi.fn();
    render(<CrosstabTable view={view} onOpenPassage={open} />);
    const figure = screen.getByRole("figure", { name: "Codes by Arm" });
    const cells = within(figure).getAllByRole("cell");
    expect(cells.map((cell) => cell.textContent)).toEqual([
      "1/2 50% · 2 passages",
      "1/2 50% · 1 passage",
    ]);
    expect(within(figure).getByText(/Every code of CBT's cases/)).toBeTruthy();
    fireEvent.click(
      within(figure).getByRole("button", { name: "Open P03's passage in P03: side effects" }),
    );
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ codingId: "k9", start: 4 }));
  });

  it("colours each pair of codes once by Jaccard and reads out its counts on focus", () => {
    const view: CooccurrenceView = {
      rule: "overlap",
      codes: [
        { ...ref("a", "Alpha"), sources: 3, segments: 6 },
        { ...ref("b", "Beta"), sources: 2, segments: 4 },
        { ...ref("c", "Gamma"), sources: 1, segments: 1 },
      ],
      pairs: [
        { codeA: "a", codeB: "b", pairs: 3, sources: 2, sourcesA: 3, sourcesB: 2, jaccard: 2 / 3 },
      ],
    };
    render(<CooccurrenceHeatmap view={view} />);
    const figure = screen.getByRole("figure", { name: "Co-occurrence" });
    const cells = within(figure).getAllByRole("img");
    // Three codes, three pairs; only the pair that co-occurs is a mark.
    expect(cells).toHaveLength(1);
    expect(figure.querySelectorAll(".empty-cell")).toHaveLength(2);
    const label = "Alpha and Beta: 3 passage pairs in 2 sources; Jaccard 0.67 (3 and 2 sources)";
    expect(cells[0]?.getAttribute("aria-label")).toBe(label);
    expect(cells[0]?.getAttribute("fill")).toBe(sequential(2 / 3));
    fireEvent.focus(cells[0] as Element);
    expect(figure.querySelector(".chart-readout")?.textContent).toBe(label);
    expect(figure.textContent).toContain("the strongest: Alpha and Beta (Jaccard 0.67)");
  });

  it("draws new codes per source with the Guest marker, and the table names the new codes", () => {
    const view: SaturationView = {
      curve: ["P01", "P02", "P03"].map((label, index) => ({
        sourceId: `s${index}`,
        label,
        position: index,
        codes: 2,
        newCodes: [2, 1, 0][index] ?? 0,
        repeated: 0,
        cumulative: [2, 3, 3][index] ?? 0,
        newCodeIds: [["t", "w"], ["x"], []][index] ?? [],
      })),
      guest: {
        options: { base: 1, run: 1, threshold: 0 },
        baseCodes: 2,
        runs: [],
        saturated: true,
        at: { ordinal: 2, sourceId: "s1", label: "P02" },
        confirmedBy: { from: 3, to: 3, newCodes: 0, ratio: 0 },
        statement: 'saturation at source 2 "P02"',
      },
    };
    const { container } = render(
      <SaturationChart view={view} codeNames={new Map([["x", "Travel"]])} />,
    );
    const bars = screen.getAllByRole("img");
    expect(bars.map((bar) => bar.getAttribute("aria-label"))).toEqual([
      "P01 (source 1): 2 new codes, 2 in total",
      "P02 (source 2): 1 new code, 3 in total",
      "P03 (source 3): 0 new codes, 3 in total",
    ]);
    expect(container.querySelector(".guest-marker")?.textContent).toBe("saturation after P02");
    expect(screen.getByRole("figure", { name: "Saturation" }).textContent).toContain(
      '3 sources, 3 distinct codes. Guest et al.: saturation at source 2 "P02".',
    );
    fireEvent.click(screen.getByRole("button", { name: "Show as table" }));
    expect(screen.getAllByRole("row")[2]?.textContent).toBe("2P0213Travel");
  });

  it("rounds axis maxima up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 3, 7, 12, 48, 51].map(niceMax)).toEqual([1, 1, 5, 10, 20, 50, 100]);
  });
});
