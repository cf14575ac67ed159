/**
 * Code queries on a small hand-built project: each proximity rule, NOT, the filters, the three
 * result views, and saved queries in project settings.
 */
import {
  type CodeQuery,
  evaluateCodeQuery,
  type ProjectSnapshot,
  savedQueriesOf,
  withoutSavedQuery,
  withSavedQuery,
} from "@quire/analysis";
import { describe, expect, it } from "vitest";

/**
 * s1 (case c1, arm CBT, interview, turns [0,50) [50,100)):
 *   k1 A [10,20) ann   k2 B [15,30) ann   k3 C [40,45) bob   k4 B [60,70) ann
 * s2 (case c2, arm TAU, focus_group, one turn [0,100)):
 *   k5 A [0,10) ann    k6 B [30,40) ann
 * s3 (no case, interview): k7 A [0,5) ann
 */
const project: ProjectSnapshot = {
  cases: [
    { id: "c1", name: "P01", attributes: { arm: "CBT", age: 40 } },
    { id: "c2", name: "P02", attributes: { arm: "TAU", age: 51 } },
  ],
  sources: [
    {
      id: "s1",
      kind: "interview",
      position: 1,
      caseId: "c1",
      turns: [
        { start: 0, end: 50 },
        { start: 50, end: 100 },
      ],
    },
    { id: "s2", kind: "focus_group", position: 2, caseId: "c2", turns: [{ start: 0, end: 100 }] },
    { id: "s3", kind: "interview", position: 3, caseId: null, turns: [] },
  ],
  codings: [
    { id: "k1", codeId: "A", sourceId: "s1", start: 10, end: 20, coder: "ann" },
    { id: "k2", codeId: "B", sourceId: "s1", start: 15, end: 30, coder: "ann" },
    { id: "k3", codeId: "C", sourceId: "s1", start: 40, end: 45, coder: "bob" },
    { id: "k4", codeId: "B", sourceId: "s1", start: 60, end: 70, coder: "ann" },
    { id: "k5", codeId: "A", sourceId: "s2", start: 0, end: 10, coder: "ann" },
    { id: "k6", codeId: "B", sourceId: "s2", start: 30, end: 40, coder: "ann" },
    { id: "k7", codeId: "A", sourceId: "s3", start: 0, end: 5, coder: "ann" },
  ],
};

const hits = (query: CodeQuery) => evaluateCodeQuery(project, query).segments.map((k) => k.id);

describe("code queries", () => {
  it("OR over the listed codes, in source then start order", () => {
    expect(hits({ codes: ["B", "A"] })).toEqual(["k1", "k2", "k4", "k5", "k6", "k7"]);
  });

  it("AND with overlap, within N characters, the same turn and the same source", () => {
    expect(hits({ codes: ["A"], and: ["B"] })).toEqual(["k1"]);
    // k5 [0,10) and k6 [30,40) are 20 apart: within 19 no, within 20 yes.
    expect(hits({ codes: ["A"], and: ["B"], near: { kind: "within", chars: 19 } })).toEqual(["k1"]);
    expect(hits({ codes: ["A"], and: ["B"], near: { kind: "within", chars: 20 } })).toEqual([
      "k1",
      "k5",
    ]);
    expect(hits({ codes: ["A"], and: ["C"], near: { kind: "turn" } })).toEqual(["k1"]);
    expect(hits({ codes: ["C"], and: ["B"], near: { kind: "turn" } })).toEqual(["k3"]);
    expect(hits({ codes: ["A"], and: ["B"], near: { kind: "turn" } })).toEqual(["k1", "k5"]);
    expect(hits({ codes: ["A"], and: ["B", "C"], near: { kind: "source" } })).toEqual(["k1"]);
  });

  it("NOT leaves out hits with the code nearby", () => {
    expect(hits({ codes: ["A"], not: ["B"] })).toEqual(["k5", "k7"]);
    expect(hits({ codes: ["A"], not: ["B"], near: { kind: "source" } })).toEqual(["k7"]);
    expect(hits({ codes: ["B"], and: ["A"], not: ["C"], near: { kind: "turn" } })).toEqual(["k6"]);
  });

  it("filters by attribute (as text), coder and source kind", () => {
    expect(hits({ codes: ["A"], where: { arm: "TAU" } })).toEqual(["k5"]);
    expect(hits({ codes: ["A"], where: { age: "40" } })).toEqual(["k1"]);
    expect(hits({ codes: ["A"], sourceKinds: ["interview"] })).toEqual(["k1", "k7"]);
    // The coder filter applies to the neighbours too: bob coded no B.
    expect(hits({ codes: ["C"], and: ["B"], near: { kind: "source" }, coder: "bob" })).toEqual([]);
    expect(hits({ codes: ["C"], and: ["B"], near: { kind: "source" } })).toEqual(["k3"]);
  });

  it("gives sources and cases", () => {
    const result = evaluateCodeQuery(project, { codes: ["A"] });
    expect(result.sourceIds).toEqual(["s1", "s2", "s3"]);
    expect(result.caseIds).toEqual(["c1", "c2"]);
  });

  it("refuses empty queries, bad distances and source sets", () => {
    expect(() => hits({ codes: [] })).toThrow(/at least one code/);
    expect(() => hits({ codes: ["A"], near: { kind: "within", chars: -1 } })).toThrow(/within/);
    expect(() => hits({ codes: ["A"], sourceSet: "wave 1" })).toThrow(/sets/);
  });
});

describe("saved queries", () => {
  it("adds, replaces and removes by name, keeping other settings", () => {
    const saved = {
      name: "cbt A",
      query: { codes: ["A"], where: { arm: "CBT" } },
      savedAt: "t",
      savedBy: "ann",
    };
    let settings: Record<string, unknown> = { theme: "dark" };
    settings = withSavedQuery(settings, saved);
    settings = withSavedQuery(settings, { ...saved, name: "other", query: { codes: ["B"] } });
    settings = withSavedQuery(settings, { ...saved, query: { codes: ["C"] } });
    expect(settings.theme).toBe("dark");
    expect(savedQueriesOf(settings).map((s) => [s.name, s.query.codes])).toEqual([
      ["other", ["B"]],
      ["cbt A", ["C"]],
    ]);
    settings = withoutSavedQuery(settings, "other");
    expect(savedQueriesOf(settings).map((s) => s.name)).toEqual(["cbt A"]);
    expect(() => withoutSavedQuery(settings, "other")).toThrow(/no saved query/);
    expect(() => savedQueriesOf({ savedQueries: [{ name: "x", query: { codes: [] } }] })).toThrow();
    expect(() => withSavedQuery({}, { ...saved, name: " " })).toThrow(/name/);
  });
});
