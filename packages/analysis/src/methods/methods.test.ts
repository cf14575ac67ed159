/** Tests of the methods' pure logic: theme rules and names, the map and review, the matrix, STC, agreement. */

import {
  assertThemeStatus,
  CONDENSATE_LABEL,
  makeCondensate,
  presentCondensate,
} from "@quire/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertAgreementAllowed,
  buildChartMatrix,
  buildReadingGrid,
  buildThematicMap,
  buildThemeReview,
  chartCellText,
  cohenKappa,
  createCodingAgreement,
  disagreementStretches,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  themeNameWarnings,
} from "../index.js";

describe("theme names (RTA-2)", () => {
  it("warns on domain summaries and single words, not on themes with a concept", () => {
    expect(themeNameWarnings("Barriers to exercise").map((w) => w.kind)).toEqual([
      "domain-summary",
    ]);
    expect(themeNameWarnings("experiences of care")[0]?.kind).toBe("domain-summary");
    expect(themeNameWarnings("Facilitators of adherence")[0]?.kind).toBe("domain-summary");
    expect(themeNameWarnings("Stigma").map((w) => w.kind)).toEqual(["single-noun"]);
    expect(themeNameWarnings("Sharing the load: responsibility as partnership")).toEqual([]);
    expect(themeNameWarnings("Barriersto")).toHaveLength(1);
  });
});

describe("theme status (RTA phase 5)", () => {
  const theme = { name: "T", concept: "", definition: "", isMisc: false };
  it("refuses final without a concept and a definition, and for the miscellaneous bin", () => {
    expect(() => assertThemeStatus(theme, "final")).toThrow(
      /central organising concept and a definition/,
    );
    expect(() => assertThemeStatus({ ...theme, concept: "c" }, "final")).toThrow(/a definition/);
    expect(assertThemeStatus({ ...theme, concept: "c", definition: "d" }, "final")).toBe("final");
    expect(() =>
      assertThemeStatus({ ...theme, concept: "c", definition: "d", isMisc: true }, "final"),
    ).toThrow(/miscellaneous/);
    expect(assertThemeStatus(theme, "reviewed")).toBe("reviewed");
    expect(() => assertThemeStatus(theme, "done")).toThrow(/unknown theme status/);
  });
});

const themes = [
  { id: "t1", parentId: null, name: "Sharing the load", status: "candidate", isMisc: false },
  { id: "t2", parentId: "t1", name: "With the therapist", status: "candidate", isMisc: false },
  { id: "t3", parentId: null, name: "Gone", status: "discarded", isMisc: false },
];
const codes = [
  { id: "a", name: "Shared responsibility" },
  { id: "b", name: "Diet" },
  { id: "c", name: "Cost" },
];
const links = [
  { themeId: "t1", codeId: "a" },
  { themeId: "t2", codeId: "b" },
  { themeId: "t3", codeId: "c" },
];

describe("thematic map and review (RTA-2, RTA-3)", () => {
  it("draws themes, subthemes, linked codes and labelled edges", () => {
    const map = buildThematicMap({
      themes,
      links,
      codes,
      positions: [{ kind: "theme", refId: "t1", x: 1, y: 2 }],
      edges: [
        { id: "e1", from: "code:a", to: "theme:t3", label: "tension" },
        { id: "e2", from: "code:zz", to: "theme:t1", label: "" },
      ],
    });
    expect(map.nodes.map((n) => [n.id, n.kind])).toContainEqual(["theme:t2", "subtheme"]);
    expect(map.nodes.find((n) => n.id === "theme:t1")).toMatchObject({ x: 1, y: 2 });
    expect(map.edges.map((e) => e.kind).sort()).toEqual([
      "code",
      "code",
      "code",
      "link",
      "subtheme",
    ]);
    expect(map.edges.find((e) => e.kind === "link")?.label).toBe("tension");
  });

  it("grids sources against themes, marks non-contributing sources and lists unplaced codes", () => {
    const review = buildThemeReview({
      themes,
      links,
      codes,
      sources: [
        { id: "s1", title: "P01" },
        { id: "s2", title: "P02" },
      ],
      passages: [
        { codingId: "k1", sourceId: "s1", codeId: "b", start: 0, end: 4, text: "diet" },
        { codingId: "k2", sourceId: "s2", codeId: "c", start: 0, end: 4, text: "cost" },
      ],
    });
    expect(review.themes.map((t) => t.id)).toEqual(["t1", "t2"]);
    // A subtheme's passage counts for its parent too.
    expect(review.rows[0]?.cells.map((c) => c.passages.length)).toEqual([1, 1]);
    expect(review.rows.map((r) => r.contributes)).toEqual([true, false]);
    expect(review.unassignedCodes.map((c) => c.id)).toEqual(["c"]);
  });
});

describe("charting matrix (FW-3, FW-4)", () => {
  const categories = [
    {
      id: "cat",
      name: "Access",
      codes: [
        { codeId: "x", name: "Waiting", abbreviation: "A1", isOther: false },
        { codeId: "o", name: "Other", abbreviation: "A.O", isOther: true },
      ],
    },
  ];
  const cases = [
    { id: "g2", name: "GP2", attributes: { years: 20, setting: "rural" } },
    { id: "g1", name: "GP1", attributes: { years: 5, setting: "urban" } },
    { id: "g3", name: "GP3", attributes: { years: 12, setting: "urban" } },
  ];
  const passages = [
    {
      caseId: "g1",
      codeId: "x",
      codingId: "k1",
      sourceId: "s",
      start: 0,
      end: 3,
      text: " long  waits ",
    },
    {
      caseId: "g2",
      codeId: "x",
      codingId: "k2",
      sourceId: "s2",
      start: 0,
      end: 3,
      text: "no wait",
    },
  ];
  it("prefills cells with passages and no summary, flagged unsummarised; empty cells are not yet charted", () => {
    const matrix = buildChartMatrix(
      categories,
      cases,
      [
        {
          caseId: "g2",
          codeId: "x",
          summary: "Waits are short here.",
          quotes: [{ codingId: "k2", text: "no wait" }],
          state: "charted",
        },
        { caseId: "g3", codeId: "o", summary: "", quotes: [], state: "not_discussed" },
      ],
      passages,
      { sort: { attribute: "years", direction: "desc" } },
    );
    expect(matrix.rows.map((r) => r.caseName)).toEqual(["GP2", "GP3", "GP1"]);
    const gp1 = matrix.rows[2]?.cells[0];
    expect(gp1).toMatchObject({ state: "unsummarised", summary: "long waits", codingIds: ["k1"] });
    expect(matrix.rows[0]?.cells[0]).toMatchObject({ state: "charted", codingIds: ["k2"] });
    expect(matrix.rows[1]?.cells.map((c) => c.state)).toEqual(["not_yet_charted", "not_discussed"]);
    expect(matrix.counts).toEqual({
      charted: 1,
      unsummarised: 1,
      not_discussed: 1,
      not_yet_charted: 3,
    });
    expect(chartCellText(gp1 as never)).toBe("[unsummarised]\nlong waits");
    expect(chartCellText(matrix.rows[0]?.cells[0] as never)).toBe(
      "Waits are short here.\nQuotes: “no wait”",
    );
  });
  it("filters rows by attribute", () => {
    const matrix = buildChartMatrix(categories, cases, [], passages, {
      where: { setting: "urban" },
    });
    expect(matrix.rows.map((r) => r.caseName)).toEqual(["GP1", "GP3"]);
  });
});

describe("systematic text condensation (STC-2, STC-3)", () => {
  it("presents a condensate only labelled as artificial", () => {
    const condensate = makeCondensate({
      id: "c",
      subgroupId: "g",
      unitIds: ["u"],
      text: "I felt we were in it together.",
    });
    expect(condensate.artificial).toBe(true);
    const shown = presentCondensate(condensate);
    expect(shown.text.startsWith(`[${CONDENSATE_LABEL}: `)).toBe(true);
    expect(shown.text).not.toMatch(/^["“]/);
  });
  it("counts meaning units per code group and source, with each source's checklist", () => {
    const grid = buildReadingGrid({
      codeGroups: [
        { id: "g1", name: "A" },
        { id: "g2", name: "B" },
      ],
      sources: [
        { id: "s1", title: "P1" },
        { id: "s2", title: "P2" },
      ],
      units: [
        { codeGroupId: "g2", sourceId: "s1" },
        { codeGroupId: "g2", sourceId: "s1" },
        { codeGroupId: "g1", sourceId: "s2" },
      ],
      checks: [{ sourceId: "s2", reread: true, validated: false, contradicting: "P2 disagrees" }],
    });
    expect(grid.rows.map((r) => r.units)).toEqual([
      [0, 2],
      [1, 0],
    ]);
    expect(grid.rows[1]).toMatchObject({ reread: true, contradicting: "P2 disagrees" });
  });
});

describe("agreement over codings", () => {
  it("is refused in reflexive TA with the reason", () => {
    expect(() => assertAgreementAllowed("reflexive_ta")).toThrow(
      /not computed in reflexive thematic analysis/,
    );
    expect(() => assertAgreementAllowed("stc")).toThrow(/codebook_ta and framework/);
    expect(() => assertAgreementAllowed("framework")).not.toThrow();
  });

  it("matches the measures computed on one unit per character (seeded)", () => {
    const span = fc.record({
      coder: fc.constantFrom("A", "B"),
      codeId: fc.constantFrom("x", "y"),
      sourceId: fc.constantFrom("s1", "s2"),
      start: fc.integer({ min: 0, max: 19 }),
      length: fc.integer({ min: 1, max: 8 }),
    });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 12 }), (raw) => {
        const lengths: Record<string, number> = { s1: 20, s2: 15 };
        const spans = raw
          .map((s) => ({ ...s, start: Math.min(s.start, (lengths[s.sourceId] ?? 0) - 1) }))
          .map((s) => ({
            coder: s.coder,
            codeId: s.codeId,
            sourceId: s.sourceId,
            start: s.start,
            end: Math.min(s.start + s.length, lengths[s.sourceId] ?? 0),
          }));
        const acc = createCodingAgreement({ coders: ["A", "B"], codeIds: ["x", "y"] });
        for (const sourceId of ["s1", "s2"])
          acc.addSource(
            sourceId,
            lengths[sourceId] ?? 0,
            spans.filter((s) => s.sourceId === sourceId),
          );
        const report = acc.result();
        const units: number[][] = [];
        for (const codeId of ["x", "y"])
          for (const sourceId of ["s1", "s2"])
            for (let i = 0; i < (lengths[sourceId] ?? 0); i++)
              units.push(
                ["A", "B"].map((coder) =>
                  spans.some(
                    (s) =>
                      s.coder === coder &&
                      s.codeId === codeId &&
                      s.sourceId === sourceId &&
                      s.start <= i &&
                      i < s.end,
                  )
                    ? 1
                    : 0,
                ),
              );
        const close = (a: number | null | undefined, b: number | null) =>
          a === null || b === null ? a === b : Math.abs((a ?? Number.NaN) - b) < 1e-9;
        return (
          close(report.overall.cohen?.value, cohenKappa(units).value) &&
          close(report.overall.alpha?.value, krippendorffAlpha(units).value) &&
          close(report.overall.percent?.value, percentAgreement(units).value) &&
          close(report.overall.fleiss?.value, fleissKappa(units).value)
        );
      }),
      { seed: 20240611, numRuns: 60 },
    );
  });

  it("reports per code and per source, and lists where coders differ with the text", () => {
    const text = "We shared the load. It cost a lot.";
    const spans = [
      { coder: "A", codeId: "x", sourceId: "s", start: 3, end: 18 },
      { coder: "B", codeId: "x", sourceId: "s", start: 3, end: 9 },
    ];
    const acc = createCodingAgreement({
      coders: ["A", "B"],
      codeIds: ["x", "z"],
      measures: ["percent", "cohen"],
    });
    acc.addSource("s", text.length, spans);
    const report = acc.result();
    expect(report.byCode.find((c) => c.codeId === "z")?.values.percent?.value).toBe(1);
    expect(report.byCode.find((c) => c.codeId === "x")?.values.percent?.value).toBeCloseTo(
      (text.length - 9) / text.length,
    );
    expect(report.bySource).toHaveLength(1);
    const view = disagreementStretches("s", "x", text, ["A", "B"], spans);
    expect(view.ranges[1]?.ranges).toEqual([{ start: 3, end: 9, text: "shared" }]);
    expect(view.disagreements).toEqual([
      { start: 9, end: 18, codedBy: ["A"], notCodedBy: ["B"], text: " the load" },
    ]);
    expect(() =>
      createCodingAgreement({ coders: ["A", "B", "C"], codeIds: ["x"], measures: ["cohen"] }),
    ).toThrow(/exactly two coders/);
  });
});
