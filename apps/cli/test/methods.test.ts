/**
 * The methods end to end, run as the built program on small studies built with the CLI:
 * reflexive TA on a two-arm trial with a theme only the CBT arm supports; the Framework Method on
 * four GPs, charted and exported to XLSX (read back with exceljs); systematic text condensation
 * with a condensate exported and labelled artificial; and two coders compared with known agreement.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../../test-support/shared-data.js";

const BIN = join(repoRoot, "apps/cli/bin/quire.js");

function quire(args: string[], coder = "AS") {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, QUIRE_CODER: coder, QUIRE_DATABASE_URL: "" },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function ok(args: string[], coder = "AS"): string {
  const run = quire(args, coder);
  if (run.code !== 0)
    throw new Error(`quire ${args.join(" ")} failed (${run.code}): ${run.stderr}`);
  return run.stdout;
}

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON documents of many shapes
function json(args: string[], coder = "AS"): any {
  return JSON.parse(ok(["--json", ...args], coder));
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "quire-methods-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes one-answer interviews and imports them into a new study with the given method. */
function study(name: string, method: string, interviews: [string, string][]): string {
  const path = join(dir, `${name}.quire`);
  ok(["init", path, "--name", name, "--method", method]);
  const folder = join(dir, name);
  mkdirSync(folder);
  const files = interviews.map(([title, answer]) => {
    const file = join(folder, `${title}.txt`);
    writeFileSync(file, `I: How was it?\nR: ${answer}\n`);
    return file;
  });
  ok(["import", path, ...files, "--kind", "interview"]);
  return path;
}

describe("reflexive thematic analysis", () => {
  const ARMS: [string, string, string][] = [
    ["P01", "CBT", "We talked about shared responsibility for my diet. Stress was there."],
    ["P02", "CBT", "It felt like shared responsibility between us. Stress was lower."],
    ["P03", "TAU", "Nobody asked about my diet. Stress stayed."],
    ["P04", "TAU", "I waited for months."],
  ];
  let path: string;
  beforeAll(() => {
    path = study(
      "rta",
      "reflexive_ta",
      ARMS.map(([p, , text]) => [p, text]),
    );
    ok(["attributes", "add", path, "arm", "--values", "CBT,TAU"]);
    for (const [name, arm] of ARMS) ok(["cases", "set", path, name, `arm=${arm}`]);
    for (const [code, search] of [
      ["Shared responsibility", '"shared responsibility"'],
      ["Stress", "stress"],
      ["Diet", "diet"],
    ] as const) {
      ok(["codes", "add", path, code]);
      ok(["code", path, "--search", search, "--code", code]);
    }
  });

  it("keeps themes with concepts, warns on topic-summary names and refuses final without a definition", () => {
    const added = json([
      "themes",
      "add",
      path,
      "Sharing the load",
      "--concept",
      "Responsibility held jointly with the therapist",
    ]);
    expect(added.warnings).toEqual([]);
    const summary = quire(["themes", "add", path, "Barriers to care"]);
    expect(summary.code).toBe(0);
    expect(summary.stderr).toMatch(/reads like a topic summary/);
    ok(["themes", "add", path, "Stress", "--parent", "Barriers to care"]);
    ok(["themes", "add", path, "Miscellaneous", "--misc"]);
    ok(["themes", "link", path, "Sharing the load", "Shared responsibility"]);
    ok(["themes", "link", path, "Stress", "Stress"]);
    const refused = quire(["themes", "status", path, "Sharing the load", "final"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cannot be final without a definition/);
    ok([
      "themes",
      "define",
      path,
      "Sharing the load",
      "--definition",
      "Participants describe sharing the work of change.",
    ]);
    ok([
      "themes",
      "status",
      path,
      "Sharing the load",
      "final",
      "--rationale",
      "checked against all extracts",
    ]);
    const themes = json(["themes", "list", path]);
    expect(themes.map((t: { name: string; status: string }) => [t.name, t.status])).toEqual([
      ["Sharing the load", "final"],
      ["Barriers to care", "candidate"],
      ["Stress", "candidate"],
      ["Miscellaneous", "candidate"],
    ]);
    ok([
      "memo",
      "add",
      path,
      "My own therapy shapes how I read this.",
      "--kind",
      "reflexive_journal",
      "--on",
      "theme:Sharing the load",
    ]);
    const onTheme = json(["memo", "list", path, "--on", "theme:Sharing the load"]);
    expect(onTheme).toHaveLength(1);
    // Deleting is one undoable change.
    expect(ok(["memo", "delete", path, onTheme[0].id])).toMatch(/deleted .* memo/);
    expect(json(["memo", "list", path, "--on", "theme:Sharing the load"])).toHaveLength(0);
    ok(["undo", path]);
    expect(json(["memo", "list", path, "--on", "theme:Sharing the load"])).toEqual(onTheme);
  });

  it("reviews sources against themes: the designed theme is CBT-only, and unplaced codes are listed", () => {
    const review = json(["themes", "review", path]);
    const sharing = review.themes.findIndex((t: { name: string }) => t.name === "Sharing the load");
    const bySource = Object.fromEntries(
      review.rows.map((row: { title: string; cells: { passages: unknown[] }[] }) => [
        row.title,
        row.cells[sharing]?.passages.length,
      ]),
    );
    expect(bySource).toEqual({ P01: 1, P02: 1, P03: 0, P04: 0 });
    expect(
      review.rows
        .filter((r: { contributes: boolean }) => !r.contributes)
        .map((r: { title: string }) => r.title),
    ).toEqual(["P04"]);
    expect(review.unassignedCodes.map((c: { name: string }) => c.name)).toEqual(["Diet"]);
    const table = ok(["themes", "review", path]);
    expect(table).toMatch(/P04.*contributes to no theme/);
  });

  it("logs phases with rationales, snapshots the map and restores it", () => {
    ok(["phase", path, "set", "3", "--rationale", "codes stable; generating themes"]);
    ok([
      "themes",
      "map",
      path,
      "--edge",
      "Sharing the load",
      "--edge",
      "Stress",
      "--label",
      "eases",
    ]);
    ok(["themes", "map-snapshot", path, "end of phase 3"]);
    ok(["themes", "link", path, "Sharing the load", "Diet"]);
    ok(["phase", path, "set", "2", "--rationale", "Diet needs recoding"]);
    const phase = json(["phase", path]);
    expect(phase).toMatchObject({ phase: 2, name: "Coding" });
    expect(phase.log.map((e: { rationale: string }) => e.rationale)).toEqual([
      "codes stable; generating themes",
      "Diet needs recoding",
    ]);
    const events = json(["log", path, "--limit", "50"]);
    expect(
      events.some(
        (e: { action: string; rationale: string | null }) =>
          e.action === "phase.set" && e.rationale === "Diet needs recoding",
      ),
    ).toBe(true);
    ok(["themes", "map-snapshots", path, "--restore", "end of phase 3"]);
    const map = json(["themes", "map", path]);
    expect(map.edges.find((e: { kind: string }) => e.kind === "link")?.label).toBe("eases");
    expect(map.nodes.some((n: { label: string }) => n.label === "Diet")).toBe(false);
    expect(json(["themes", "map-snapshots", path])[0]).toMatchObject({
      name: "end of phase 3",
      phase: 3,
    });
  });

  it("refuses agreement statistics with the reason", () => {
    const refused = quire(["agree", path, "--coders", "AS,BK"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not computed in reflexive thematic analysis/);
  });
});

describe("the Framework Method and agreement between coders", () => {
  const GPS: [string, number, string][] = [
    ["GP1", 5, "Patients wait weeks for a routine appointment. I see the same family for years."],
    ["GP2", 22, "The wait is shorter in a rural practice."],
    ["GP3", 12, "Continuity matters more to me than anything."],
    ["GP4", 30, "I hardly notice a wait at all."],
  ];
  let path: string;
  const textOf = (answer: string) => `I: How was it?\nR: ${answer}\n`;
  beforeAll(() => {
    path = study(
      "framework",
      "framework",
      GPS.map(([gp, , text]) => [gp, text]),
    );
    ok(["attributes", "add", path, "years", "--type", "number"]);
    for (const [gp, years] of GPS) ok(["cases", "set", path, gp, `years=${years}`]);
    ok(["framework", "add-category", path, "Access", "--index", "A"]);
    ok([
      "framework",
      "add-code",
      path,
      "Access",
      "Waiting",
      "--index",
      "A1",
      "--origin",
      "a_priori",
      "--definition",
      "Waits for care",
    ]);
    ok([
      "framework",
      "add-code",
      path,
      "Access",
      "Continuity",
      "--index",
      "A2",
      "--origin",
      "inductive",
    ]);
    ok(["code", path, "--search", "wait", "--code", "Waiting"]);
    ok(["code", path, "--search", "continuity", "--code", "Continuity"]);
    // A second coder indexes GP1 only, exactly as the first did.
    const text = textOf(GPS[0]?.[2] ?? "");
    const start = text.indexOf("wait");
    ok(
      ["code", path, "--source", "GP1", "--range", `${start}:${start + 4}`, "--code", "Waiting"],
      "BK",
    );
  });

  it("versions the framework: each added code raises the version", () => {
    const versions = json(["framework", "show", path, "--versions"]);
    expect(versions.map((v: { number: number }) => v.number)).toEqual([1, 2, 3]);
    const framework = json(["framework", "show", path]);
    expect(
      framework.categories[0].codes.map((c: { abbreviation: string; origin: string }) => [
        c.abbreviation,
        c.origin,
      ]),
    ).toEqual([
      ["A1", "a_priori"],
      ["A2", "inductive"],
      ["A.O", "a_priori"],
    ]);
  });

  it("charts the matrix: summaries with quotes, prefilled unsummarised cells, not discussed, sorted by attribute", async () => {
    const segments = json(["segments", path, "--code", "Waiting", "--by-coder", "AS"]).segments;
    const gp1 = segments.find((s: { sourceTitle: string }) => s.sourceTitle === "GP1");
    ok([
      "framework",
      "chart",
      path,
      "GP1",
      "Waiting",
      "--summary",
      "Long waits for routine care",
      "--quote",
      gp1.codingId,
    ]);
    ok(["framework", "chart", path, "GP4", "Continuity", "--not-discussed"]);
    const matrix = json(["framework", "matrix", path, "--sort", "years", "--desc"]);
    expect(matrix.rows.map((r: { caseName: string }) => r.caseName)).toEqual([
      "GP4",
      "GP2",
      "GP3",
      "GP1",
    ]);
    const cell = (name: string, index: number) =>
      matrix.rows.find((r: { caseName: string }) => r.caseName === name).cells[index];
    expect(cell("GP1", 0)).toMatchObject({
      state: "charted",
      summary: "Long waits for routine care",
    });
    expect(cell("GP2", 0)).toMatchObject({ state: "unsummarised", summary: "wait" });
    expect(cell("GP4", 1).state).toBe("not_discussed");
    expect(cell("GP2", 1).state).toBe("not_yet_charted");

    const file = join(dir, "matrix.xlsx");
    ok(["framework", "export", path, "--out", file, "--sort", "years"]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("Access");
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(["case", "years", "A1 Waiting", "A2 Continuity", "A.O Other"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(["GP1", "GP3", "GP2", "GP4"]);
    expect(rows[1]?.[2]).toBe("Long waits for routine care\nQuotes: “wait”");
    expect(rows[3]?.[2]).toBe("[unsummarised]\nwait");
    expect(rows[4]?.[3]).toBe("[not discussed]");
    expect(rows[2]?.[2]).toBe("[not yet charted]");
    expect(workbook.getWorksheet("Framework")?.rowCount).toBe(4);

    const grouped = join(dir, "grouped.xlsx");
    ok(["framework", "export", path, "--out", grouped, "--grouped", "--where", "years=22"]);
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.readFile(grouped);
    const matrixSheet = book2.getWorksheet("Matrix");
    if (!matrixSheet) throw new Error("no Matrix sheet");
    expect((matrixSheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual([
      "case",
      "years",
      "Access: A1 Waiting",
    ]);
    expect(matrixSheet.rowCount).toBe(2);
  });

  it("compares two coders with known agreement, per code, per source and overall", () => {
    const lengths = GPS.map(([, , answer]) => textOf(answer).length);
    const total = lengths.reduce((a, b) => a + b, 0);
    // BK left out AS's "wait" in GP2 and GP4 (4 characters each) for the code Waiting.
    const expected = 1 - 8 / total;
    const report = json([
      "agree",
      path,
      "--coders",
      "AS,BK",
      "--code",
      "Waiting",
      "--measure",
      "percent,cohen,alpha",
    ]);
    expect(report.overall.percent.value).toBeCloseTo(expected, 12);
    expect(report.overall.cohen.value).toBeGreaterThan(0);
    expect(report.overall.cohen.value).toBeLessThan(1);
    const gp1 = json(["agree", path, "--coders", "AS,BK", "--code", "Waiting", "--source", "GP1"]);
    expect(gp1.overall.cohen.value).toBe(1);
    expect(gp1.overall["u-alpha"].value).toBe(1);
    const bySource = ok([
      "agree",
      path,
      "--coders",
      "AS,BK",
      "--by",
      "source",
      "--measure",
      "percent",
    ]);
    expect(bySource).toMatch(/GP1\s+1\.000/);
    const byCode = json(["agree", path, "--coders", "AS,BK", "--by", "code"]);
    expect(
      byCode.byCode.find(
        (c: { values: { percent: { value: number } } }) => c.values.percent.value === 1,
      ),
    ).toBeDefined();
    const side = json([
      "disagreements",
      path,
      "--coders",
      "AS,BK",
      "--source",
      "GP2",
      "--code",
      "Waiting",
    ]);
    expect(side.disagreements).toEqual([
      expect.objectContaining({ codedBy: ["AS"], notCodedBy: ["BK"], text: "wait" }),
    ]);
    // The ratings table still works without a study.
    const table = join(dir, "ratings.csv");
    writeFileSync(table, "a,b\n1,1\n2,2\n1,2\n");
    expect(ok(["agree", "--table", table, "--measure", "percent"])).toMatch(/percent = 0\.6667/);
  });

  it("switches blind coding on, refuses to compare coders while blind, and logs the reveal", () => {
    expect(json(["blind", path, "on"]).on).toBe(true);
    for (const args of [
      ["agree", path, "--coders", "AS,BK"],
      ["disagreements", path, "--coders", "AS,BK", "--source", "GP2", "--code", "Waiting"],
    ]) {
      const refused = quire(args);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/blind coding is on.*reveal them first/);
    }
    const revealed = json(
      ["blind", path, "reveal", "--rationale", "both coders finished GP1-GP4"],
      "PI",
    );
    expect(revealed).toMatchObject({ on: false, revealedBy: "PI" });
    const events = json(["log", path, "--limit", "5"]);
    expect(events[0]).toMatchObject({
      action: "blind.reveal",
      actor: "PI",
      rationale: "both coders finished GP1-GP4",
    });
  });
});

describe("systematic text condensation", () => {
  let path: string;
  beforeAll(() => {
    path = study("stc", "stc", [
      ["S1", "We were in it together, the nurse and I. I felt less alone."],
      ["S2", "Being together with others in the group helped me."],
    ]);
    ok(["codes", "add", path, "Together"]);
    ok(["code", path, "--search", "together", "--code", "Together"]);
  });

  it("condenses meaning units, exports the results with the condensate labelled artificial, and grids re-reading", () => {
    ok(["stc", "theme", path, "Belonging"]);
    ok(["stc", "group", path, "Not alone", "--theme", "Belonging"]);
    ok(["stc", "subgroup", path, "Company", "--group", "Not alone"]);
    ok([
      "stc",
      "unit",
      path,
      "--code",
      "Together",
      "--group",
      "Not alone",
      "--subgroup",
      "Company",
    ]);
    const condensate = json([
      "stc",
      "condense",
      path,
      "Company",
      "I was in it together with others, and felt less alone.",
    ]);
    expect(condensate).toMatchObject({
      artificial: true,
      label: expect.stringMatching(/artificial quotation/),
    });
    const segment = json(["segments", path, "--code", "Together"]).segments[0];
    ok(["stc", "quote", path, "Company", "--coding", segment.codingId]);
    ok(["stc", "analysis", path, "Not alone", "Participants described company as relief."]);
    ok(["stc", "check", path, "S2", "--reread", "--contradicting", "none found"]);
    const shown = json(["stc", "show", path]);
    const company = shown.codeGroups[0].subgroups[0];
    expect(company.units).toHaveLength(2);
    expect(company.condensate.artificial).toBe(true);
    expect(company.condensate.text).toMatch(/^\[Condensate \(artificial quotation/);

    const file = join(dir, "results.md");
    ok(["stc", "export", path, "--out", file]);
    const results = readFileSync(file, "utf8");
    const lines = results.split("\n");
    const condensateLine = lines.find((line) => line.includes("I was in it together with others"));
    expect(condensateLine).toBe(
      "[Condensate (artificial quotation, not a participant's words): I was in it together with others, and felt less alone.]",
    );
    // The condensate never appears as a quotation.
    expect(
      lines
        .filter((line) => line.startsWith(">"))
        .every((line) => !line.includes("felt less alone.")),
    ).toBe(true);
    expect(results).toMatch(/> “together” \(S1, \d+–\d+\)/);
    expect(results).toContain("Participants described company as relief.");
    expect(results).toMatch(/four steps/);

    const grid = json(["stc", "grid", path]);
    expect(
      grid.rows.map((r: { title: string; units: number[]; reread: boolean }) => [
        r.title,
        r.units,
        r.reread,
      ]),
    ).toEqual([
      ["S1", [1], false],
      ["S2", [1], true],
    ]);
  });

  it("renames and removes themes, groups, subgroups and meaning units, and undo restores", () => {
    ok(["stc", "theme", path, "Hope"]);
    ok(["stc", "group", path, "Looking ahead", "--theme", "Hope"]);
    ok(["stc", "subgroup", path, "Soon", "--group", "Looking ahead"]);
    ok([
      "stc",
      "unit",
      path,
      "--code",
      "Together",
      "--group",
      "Looking ahead",
      "--subgroup",
      "Soon",
    ]);
    expect(ok(["stc", "rename", path, "theme", "Hope", "Hopes"])).toMatch(
      /renamed theme "Hope" to "Hopes"/,
    );
    ok(["stc", "rename", path, "group", "Looking ahead", "Ahead"]);
    ok(["stc", "rename", path, "subgroup", "Soon", "Later"]);
    const refused = quire(["stc", "remove", path, "group", "Ahead"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/code group "Ahead" still holds 2 meaning units/);
    expect(ok(["stc", "remove", path, "subgroup", "Later"])).toMatch(
      /2 meaning units back to unsorted/,
    );
    const ahead = () =>
      json(["stc", "show", path]).codeGroups.find((g: { name: string }) => g.name === "Ahead");
    const units = ahead().unsorted.map((u: { id: string }) => u.id);
    expect(units).toHaveLength(2);
    for (const id of units) ok(["stc", "remove", path, "unit", id]);
    ok(["stc", "remove", path, "group", "Ahead"]);
    ok(["stc", "remove", path, "theme", "Hopes"]);
    expect(ahead()).toBeUndefined();
    for (let i = 0; i < 5; i++) ok(["undo", path]);
    expect(ahead()).toMatchObject({ subgroups: [{ name: "Later" }] });
    expect(ahead().subgroups[0].units).toHaveLength(2);
  });
});
