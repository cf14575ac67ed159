/**
 * The analysis commands end to end (`query`, `matrix`, `saturation`, `words`), run as the built
 * program on a six-interview trial built with the CLI: arms CBT and TAU, "Cost" raised only in CBT,
 * "Shared responsibility" in two CBT interviews and one TAU interview (P04, the counter-case).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../../test-support/shared-data.js";

const BIN = join(repoRoot, "apps/cli/bin/quire.js");

function quire(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, QUIRE_CODER: "AS", QUIRE_DATABASE_URL: "" },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function json<T>(args: string[]): T {
  const run = quire(["--json", ...args]);
  if (run.code !== 0)
    throw new Error(`quire ${args.join(" ")} failed (${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

const INTERVIEWS: [string, string, string][] = [
  ["P01", "CBT", "We talked about shared responsibility for my diet. Stress was there."],
  ["P02", "CBT", "It felt like shared responsibility between us. Stress was lower."],
  ["P03", "CBT", "The cost of travel was hard. Stress again."],
  ["P04", "TAU", "The GP said it was shared responsibility too, oddly."],
  ["P05", "TAU", "Nobody asked about my diet. Stress stayed."],
  ["P06", "TAU", "I waited for months."],
];

let dir: string;
let study: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "quire-analysis-"));
  study = join(dir, "trial.quire");
  const ok = (args: string[]) => {
    const run = quire(args);
    if (run.code !== 0) throw new Error(`quire ${args.join(" ")}: ${run.stderr}`);
  };
  ok(["init", study, "--name", "IBS trial"]);
  const files = INTERVIEWS.map(([name, , answer]) => {
    const file = join(dir, `${name}.txt`);
    writeFileSync(file, `I: How was it?\nR: ${answer}\n`);
    return file;
  });
  ok(["import", study, ...files, "--kind", "interview"]);
  ok(["attributes", "add", study, "arm", "--values", "CBT,TAU"]);
  for (const [name, arm] of INTERVIEWS) ok(["cases", "set", study, name, `arm=${arm}`]);
  for (const [code, search] of [
    ["Shared responsibility", '"shared responsibility"'],
    ["Stress", "stress"],
    ["Cost", "cost"],
    ["Diet", "diet"],
  ] as const) {
    ok(["codes", "add", study, code]);
    ok(["code", study, "--search", search, "--code", code]);
  }
  // "Therapy" spans "shared responsibility for my diet" in P01, overlapping two other codes.
  ok(["codes", "add", study, "Therapy"]);
  const text = `I: How was it?\nR: ${INTERVIEWS[0]?.[2]}\n`;
  const start = text.indexOf("shared responsibility for my diet");
  ok(["code", study, "--source", "P01", "--range", `${start}:${start + 33}`, "--code", "Therapy"]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("quire query", () => {
  const cases = (args: string[]) =>
    json<{ cases: { name: string }[] }>(["query", study, ...args, "--as", "cases"]).cases.map(
      (c) => c.name,
    );

  it("combines codes with AND / NOT by turn, distance and overlap", () => {
    expect(cases(["--code", "Shared responsibility"])).toEqual(["P01", "P02", "P04"]);
    expect(cases(["--code", "Shared responsibility", "--and", "Stress", "--same-turn"])).toEqual([
      "P01",
      "P02",
    ]);
    expect(cases(["--code", "Shared responsibility", "--not", "Stress", "--same-turn"])).toEqual([
      "P04",
    ]);
    // "shared responsibility" and "diet" are 8 characters apart (" for my ") in P01.
    expect(cases(["--code", "Shared responsibility", "--and", "Diet", "--within", "8"])).toEqual([
      "P01",
    ]);
    expect(cases(["--code", "Shared responsibility", "--and", "Diet", "--within", "7"])).toEqual(
      [],
    );
    expect(cases(["--code", "Shared responsibility", "--and", "Therapy"])).toEqual(["P01"]);
    expect(cases(["--code", "Stress", "--where", "arm=TAU"])).toEqual(["P05"]);
  });

  it("shows passages and sources as tables, and saves a query that undo removes", () => {
    const run = quire(["query", study, "--code", "Cost", "--context", "5"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("1 passage");
    expect(run.stdout).toContain("[cost]");
    const sources = quire(["query", study, "--code", "Stress", "--as", "sources"]);
    expect(sources.stdout).toMatch(/P05\s+1/);
    const saved = json<{ total: number }>([
      "query",
      study,
      "--code",
      "Shared responsibility",
      "--where",
      "arm=CBT",
      "--save",
      "cbt-shared",
    ]);
    expect(saved.total).toBe(2);
    expect(cases(["--saved", "cbt-shared"])).toEqual(["P01", "P02"]);
    expect(quire(["undo", study]).code).toBe(0);
    const gone = quire(["query", study, "--saved", "cbt-shared"]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/no saved query named "cbt-shared"/);
    expect(quire(["query", study, "--code", "Cost", "--within", "3", "--same-turn"]).code).toBe(1);
  });
});

describe("quire matrix", () => {
  it("crosstabs codes by arm as n/N with passages", () => {
    const table = json<{
      groups: { group: string; cases: number }[];
      rows: { codeId: string; cells: { group: string; cases: number; of: number }[] }[];
      codes: { codeId: string; code: string }[];
    }>(["matrix", study, "crosstab", "--attribute", "arm"]);
    expect(table.groups).toEqual([
      { group: "CBT", cases: 3 },
      { group: "TAU", cases: 3 },
    ]);
    const shared = table.codes.find((c) => c.code === "Shared responsibility")?.codeId;
    const row = table.rows.find((r) => r.codeId === shared);
    expect(row?.cells.map((c) => `${c.group} ${c.cases}/${c.of}`)).toEqual(["CBT 2/3", "TAU 1/3"]);
    const human = quire(["matrix", study, "crosstab", "--attribute", "arm"]);
    expect(human.stdout).toMatch(/Shared responsibility\s+2\/3 \(2\)\s+1\/3 \(1\)/);
  });

  it("'only CBT': Cost holds, shared responsibility has the counter-case P04", () => {
    const only = json<{
      codes: {
        code: string;
        onlyHere: boolean;
        counterCases: { caseName: string; group: string }[];
      }[];
    }>(["matrix", study, "crosstab", "--attribute", "arm", "--only", "CBT"]);
    const byCode = new Map(only.codes.map((c) => [c.code, c]));
    expect(byCode.get("Cost")?.onlyHere).toBe(true);
    expect(byCode.get("Shared responsibility")?.counterCases).toEqual([
      expect.objectContaining({ caseName: "P04", group: "TAU" }),
    ]);
    const human = quire(["matrix", study, "crosstab", "--attribute", "arm", "--only", "CBT"]);
    expect(human.stdout).toMatch(/Cost\s+1\/3\s+0\/3\s+yes/);
    expect(human.stdout).toContain("P04 (TAU)");
    const drill = quire([
      "matrix",
      study,
      "crosstab",
      "--attribute",
      "arm",
      "--code",
      "Shared responsibility",
      "--drill",
      "TAU",
    ]);
    expect(drill.stdout).toContain("1 passages");
    expect(drill.stdout).toContain("P04");
  });

  it("counts code × case and co-occurrence by overlap with Jaccard", () => {
    const matrix = json<{ codes: string[]; cases: string[]; cells: number[][] }>([
      "matrix",
      study,
      "cases",
    ]);
    expect(matrix.cases).toEqual(["P01", "P02", "P03", "P04", "P05"]);
    expect(matrix.cells[matrix.codes.indexOf("Stress")]).toEqual([1, 1, 1, 0, 1]);
    const co = json<{ pairs: { a: string; b: string; pairs: number; jaccard: number }[] }>([
      "matrix",
      study,
      "cooccurrence",
    ]);
    const names = co.pairs.map((p) => [p.a, p.b].sort().join(" + ")).sort();
    expect(names).toEqual(["Diet + Therapy", "Shared responsibility + Therapy"]);
    // Therapy is in 1 source, Shared responsibility in 3, together in 1: J = 1 / 3.
    const pair = co.pairs.find((p) => [p.a, p.b].includes("Shared responsibility"));
    expect(pair?.jaccard).toBeCloseTo(1 / 3, 12);
    expect(quire(["matrix", study, "cooccurrence", "--jaccard"]).stdout).toContain("0.333");
    const turn = json<{ pairs: unknown[] }>(["matrix", study, "cooccurrence", "--same-turn"]);
    expect(turn.pairs.length).toBeGreaterThan(co.pairs.length);
  });
});

describe("quire saturation", () => {
  it("gives the new-codes curve and the Guest 2020 verdict", () => {
    // Base P01–P02 = Shared, Diet, Stress, Therapy (4). Run P03–P04 adds Cost: 1/4 > 5%.
    // Run P04–P05 adds nothing: 0 ≤ 5% → saturation at source 3, P03.
    const result = json<{
      curve: { label: string; newCodes: number; cumulative: number }[];
      guest: { statement: string; at: { label: string } };
    }>(["saturation", study, "--base", "2", "--run", "2", "--threshold", "5%"]);
    expect(result.curve.map((p) => p.newCodes)).toEqual([4, 0, 1, 0, 0, 0]);
    expect(result.curve.at(-1)?.cumulative).toBe(5);
    expect(result.guest.at.label).toBe("P03");
    const printed = quire(["saturation", study, "--base", "2", "--run", "2"]);
    expect(printed.stdout).toContain('saturation at source 3 "P03" (b=2, r=2, t≤5%)');
    // The study follows reflexive thematic analysis, where saturation comes with a warning.
    expect(printed.stderr).toMatch(/reflexive thematic analysis.*no stopping rule/);
  });

  it("solves Fugard & Potts for n: 80% power, k = 2, p = 0.10 → 29", () => {
    expect(
      json<{ n: number }>(["saturation", "power", "--k", "2", "--p", "0.1", "--power", "0.8"]).n,
    ).toBe(29);
    expect(quire(["saturation", "power", "--k", "2", "--p", "0.1"]).stdout).toMatch(/n = 29 /);
  });
});

describe("quire words", () => {
  it("counts words without stop-words, over the project, a source or a code", () => {
    const all = json<{ words: { word: string; count: number }[] }>(["words", study, "--top", "3"]);
    expect(all.words[0]).toEqual({ word: "stress", count: 4, texts: 4 });
    const code = json<{ words: { word: string; count: number }[] }>([
      "words",
      study,
      "--code",
      "Shared responsibility",
    ]);
    expect(code.words.map((w) => [w.word, w.count])).toEqual([
      ["responsibility", 3],
      ["shared", 3],
    ]);
    const source = json<{ words: { word: string }[] }>(["words", study, "--source", "P06"]);
    expect(source.words.map((w) => w.word)).toEqual(["months", "waited"]);
  });

  it("shows a word in context", () => {
    const kwic = json<{ lines: { label: string; match: string }[] }>([
      "words",
      study,
      "--kwic",
      "STRESS",
    ]);
    expect(kwic.lines.map((l) => `${l.label}:${l.match}`)).toEqual([
      "P01:Stress",
      "P02:Stress",
      "P03:Stress",
      "P05:Stress",
    ]);
    expect(quire(["words", study, "--kwic", "diet", "--context", "10"]).stdout).toContain(
      "2 occurrences",
    );
  });
});

// Last: it adds a second coder's codings and switches blind coding on and off again.
describe("blind coding in the analysis commands", () => {
  const as = (coder: string, args: string[]) => ["--coder", coder, ...args];
  const casesOf = (coder: string, code: string) =>
    json<{ cases: { name: string }[] }>(
      as(coder, ["query", study, "--code", code, "--as", "cases"]),
    ).cases.map((c) => c.name);

  it("covers only the acting coder's own codings while blind, and everyone's after the reveal", () => {
    expect(json<{ on: boolean }>(["blind", study, "on"]).on).toBe(true);
    // A second coder, BK, codes "Cost" in P06 (TAU), where AS coded nothing.
    const text = `I: How was it?\nR: ${INTERVIEWS[5]?.[2]}\n`;
    const start = text.indexOf("waited for months");
    const range = `${start}:${start + "waited for months".length}`;
    const coded = quire(
      as("BK", ["code", study, "--source", "P06", "--range", range, "--code", "Cost"]),
    );
    expect(coded.code).toBe(0);

    // query: each coder finds their own passages only.
    expect(casesOf("AS", "Cost")).toEqual(["P03"]);
    expect(casesOf("BK", "Cost")).toEqual(["P06"]);
    const asked = quire(as("AS", ["query", study, "--code", "Cost", "--by-coder", "BK"]));
    expect(asked.code).not.toBe(0);
    expect(asked.stderr).toContain("blind coding is on");

    // matrix crosstab: Cost stays "only in CBT" for AS; for BK it is in TAU only.
    type Crosstab = { rows: { codeId: string; cells: { group: string; cases: number }[] }[] };
    type Named = { codes: { codeId: string; code: string }[] };
    const cost = (coder: string) => {
      const table = json<Crosstab & Named>(
        as(coder, ["matrix", study, "crosstab", "--attribute", "arm"]),
      );
      const id = table.codes.find((c) => c.code === "Cost")?.codeId;
      return table.rows.find((r) => r.codeId === id)?.cells.map((c) => [c.group, c.cases]);
    };
    expect(cost("AS")).toEqual([
      ["CBT", 1],
      ["TAU", 0],
    ]);
    expect(cost("BK")).toEqual([
      ["CBT", 0],
      ["TAU", 1],
    ]);

    // matrix cases and cooccurrence, saturation and words: BK's one passage and nothing of AS's.
    const cases = json<{ codes: string[]; cases: string[] }>(as("BK", ["matrix", study, "cases"]));
    expect([cases.codes, cases.cases]).toEqual([["Cost"], ["P06"]]);
    const pairs = (coder: string) =>
      json<{ pairs: unknown[] }>(as(coder, ["matrix", study, "cooccurrence"])).pairs.length;
    expect(pairs("BK")).toBe(0);
    expect(pairs("AS")).toBeGreaterThan(0);
    const curve = json<{ curve: { label: string; newCodes: number }[] }>(
      as("BK", ["saturation", study]),
    ).curve;
    expect(curve.filter((p) => p.newCodes > 0).map((p) => p.label)).toEqual(["P06"]);
    const words = json<{ words: { word: string }[] }>(as("BK", ["words", study, "--code", "Cost"]));
    expect(words.words.map((w) => w.word)).toEqual(["months", "waited"]);

    expect(json<{ on: boolean }>(["blind", study, "reveal"]).on).toBe(false);
    expect(casesOf("AS", "Cost")).toEqual(["P03", "P06"]);
    expect(cost("AS")).toEqual([
      ["CBT", 1],
      ["TAU", 1],
    ]);
  }, 240_000); // about twenty runs of the program, a second or two each on a busy machine
});
