/**
 * Matrices on a small hand-built trial: the crosstab by arm with its "only in CBT" view and
 * counter-cases, the code × case matrix, and co-occurrence by overlap and by turn with Jaccard.
 */
import {
  buildCooccurrence,
  buildCrosstab,
  type CaseRecord,
  codeCaseCounts,
  codeCaseMatrix,
  compareGroup,
  cooccurrenceCounts,
  counterCases,
  crosstabCounts,
  type ProjectSnapshot,
} from "@quire/analysis";
import { describe, expect, it } from "vitest";

/**
 * Cases: P1, P2, P3 in CBT; P4, P5 in TAU; P6 with no arm. One interview each (s1…s6), plus s7
 * with no case. "shared" (shared responsibility) is coded for P1, P2 (twice) and P4 — P4 is the
 * counter-case. "cost" only in CBT (P3). "stigma" in P1, P4 and P5.
 */
const cases = [1, 2, 3, 4, 5, 6].map(
  (n): CaseRecord => ({
    id: `c${n}`,
    name: `P${n}`,
    attributes: n <= 3 ? { arm: "CBT" } : n <= 5 ? { arm: "TAU" } : {},
  }),
);
const sources = [1, 2, 3, 4, 5, 6, 7].map((n) => ({
  id: `s${n}`,
  kind: "interview",
  position: n,
  caseId: n <= 6 ? `c${n}` : null,
  turns: [
    { start: 0, end: 100 },
    { start: 100, end: 200 },
  ],
}));
let next = 0;
const coding = (codeId: string, source: number, start: number, end: number) => ({
  id: `k${++next}`,
  codeId,
  sourceId: `s${source}`,
  start,
  end,
  coder: "ann",
});
const project: ProjectSnapshot = {
  cases,
  sources,
  codings: [
    coding("shared", 1, 10, 30),
    coding("stigma", 1, 20, 40), // overlaps shared in s1
    coding("shared", 2, 0, 10),
    coding("shared", 2, 50, 60),
    coding("cost", 3, 0, 10),
    coding("shared", 4, 0, 10),
    coding("stigma", 4, 150, 160), // same source as shared, other turn, no overlap
    coding("stigma", 5, 0, 10),
    coding("shared", 7, 0, 10), // no case: outside every group
  ],
};

describe("code × attribute crosstab", () => {
  const { counts, groupSizes } = crosstabCounts(project, "arm");
  const table = buildCrosstab("arm", counts, groupSizes, ["shared", "cost", "stigma", "unused"]);

  it("gives n/N per arm and passages, the no-value group last", () => {
    expect(table.groups).toEqual([
      { group: "CBT", cases: 3 },
      { group: "TAU", cases: 2 },
      { group: null, cases: 1 },
    ]);
    const shared = table.rows[0];
    expect(shared?.cells.map((c) => [c.group, c.cases, c.of, c.segments])).toEqual([
      ["CBT", 2, 3, 3],
      ["TAU", 1, 2, 1],
      [null, 0, 1, 0],
    ]);
    expect(shared?.cells[0]?.share).toBeCloseTo(2 / 3, 15);
    expect(table.rows[3]?.cases).toBe(0);
  });

  it("'only in CBT' lists exclusive codes first, and the counter-cases of the rest", () => {
    const view = compareGroup(table, "CBT");
    expect(view.map((v) => [v.codeId, v.onlyHere, v.elsewhere.cases])).toEqual([
      ["cost", true, 0],
      ["shared", false, 1],
      ["stigma", false, 2],
    ]);
    const withShared = codeCaseCounts(project)
      .filter((c) => c.codeId === "shared")
      .map((c) => {
        const found = cases.find((x) => x.id === c.caseId);
        return {
          caseId: c.caseId,
          caseName: found?.name ?? "",
          group: (found?.attributes.arm as string | undefined) ?? null,
          segments: c.segments,
        };
      });
    expect(counterCases(withShared, "CBT").map((c) => c.caseName)).toEqual(["P4"]);
  });
});

describe("code × case matrix", () => {
  it("counts passages per case and lays them out densely", () => {
    const matrix = codeCaseMatrix(codeCaseCounts(project), { caseIds: ["c1", "c2", "c4"] });
    expect(matrix.codeIds).toEqual(["cost", "shared", "stigma"]);
    expect(matrix.cells).toEqual([
      [0, 0, 0],
      [1, 2, 1],
      [1, 0, 1],
    ]);
  });
});

describe("co-occurrence", () => {
  it("by overlap: only s1's shared/stigma pair; Jaccard over sources", () => {
    const { counts, spread } = cooccurrenceCounts(project, "overlap");
    const rows = buildCooccurrence(counts, spread);
    // shared is in s1, s2, s4, s7 (4 sources), stigma in s1, s4, s5 (3); together in s1 only:
    // J = 1 / (4 + 3 − 1) = 1/6.
    expect(rows).toEqual([
      {
        codeA: "shared",
        codeB: "stigma",
        pairs: 1,
        sources: 1,
        sourcesA: 4,
        sourcesB: 3,
        jaccard: 1 / 6,
      },
    ]);
  });

  it("by turn: s4's pair is in different turns, s1's in the same one", () => {
    const { counts } = cooccurrenceCounts(project, "turn");
    expect(counts).toEqual([{ codeA: "shared", codeB: "stigma", pairs: 1, sources: 1 }]);
    const twoTurns = {
      ...project,
      sources: project.sources.map((s) => ({ ...s, turns: [{ start: 0, end: 200 }] })),
    };
    expect(cooccurrenceCounts(twoTurns, "turn").counts).toEqual([
      { codeA: "shared", codeB: "stigma", pairs: 2, sources: 2 },
    ]);
  });
});
