/**
 * The demo study seeds into a working project: the counts a new user should see, speaker cases in
 * the focus group, codings on exactly the words the seed names, a second start that changes
 * nothing, and the CBT-versus-TAU pattern of "Shared responsibility" that the demo is built to show.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  findCode,
  getSourceDetail,
  listCases,
  listCodesWithCounts,
  listCodings,
  listMemos,
  listSources,
  openStore,
  resolveProject,
  retrieveSegments,
  type Store,
} from "@quire/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CODINGS } from "./example-codings.js";
import { DEMO_PROJECT_NAME, locatePhrase, seedDemoProject } from "./seed-demo.js";

const dir = mkdtempSync(join(tmpdir(), "quire-demo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Opens a seeded file, runs `read`, and closes it again so later seeds see the file at rest. */
async function withStudy<T>(
  location: string,
  read: (store: Store, projectId: string) => Promise<T>,
): Promise<T> {
  const store = await openStore(location);
  try {
    const project = await resolveProject(store);
    return await read(store, project.id);
  } finally {
    await store.close();
  }
}

describe("seedDemoProject", () => {
  const location = join(dir, "demo.quire");

  beforeAll(async () => {
    expect(await seedDemoProject(location)).toEqual({
      created: true,
      projectName: DEMO_PROJECT_NAME,
    });
  });

  it("creates one reflexive TA project with seven interviews and one focus group", async () => {
    await withStudy(location, async (store, projectId) => {
      const project = await resolveProject(store);
      expect(project).toMatchObject({ name: DEMO_PROJECT_NAME, method: "reflexive_ta" });
      const sources = await listSources(store, projectId);
      expect(sources.map((s) => [s.title, s.kind, s.caseName])).toEqual([
        ["P01", "interview", "P01"],
        ["P02", "interview", "P02"],
        ["P03", "interview", "P03"],
        ["P04", "interview", "P04"],
        ["P05", "interview", "P05"],
        ["P06", "interview", "P06"],
        ["P07", "interview", "P07"],
        ["FG1", "focus_group", null],
      ]);
    });
  });

  it("makes eleven participant cases, each with all five typed attributes", async () => {
    await withStudy(location, async (store, projectId) => {
      const cases = await listCases(store, projectId);
      expect(cases.map((c) => c.name).sort()).toEqual(
        ["Anna", "Dev", "Margaret", "P01", "P02", "P03", "P04", "P05", "P06", "P07", "Tom"].sort(),
      );
      for (const c of cases) {
        expect(Object.keys(c.attributes).sort()).toEqual(
          ["age_band", "arm", "gender", "practice", "years_since_diagnosis"].sort(),
        );
        expect(typeof c.attributes.years_since_diagnosis).toBe("number");
      }
      expect((await listCases(store, projectId, { where: { arm: "CBT" } })).length).toBe(6);
      expect((await listCases(store, projectId, { where: { arm: "TAU" } })).length).toBe(5);
    });
  });

  it("attributes every turn to its speaker's case, and none to the interviewer or moderator", async () => {
    await withStudy(location, async (store, projectId) => {
      const caseNames = new Map((await listCases(store, projectId)).map((c) => [c.id, c.name]));
      const group = await getSourceDetail(store, projectId, "FG1");
      const speakers = new Set(group.turns.map((turn) => turn.speaker));
      expect(speakers).toEqual(new Set(["Moderator", "Anna", "Dev", "Margaret", "Tom"]));
      for (const turn of group.turns) {
        if (turn.speaker === "Moderator") {
          expect(turn.role).toBe("moderator");
          expect(turn.caseId).toBeNull();
        } else {
          expect(turn.role).toBe("participant");
          expect(turn.caseId && caseNames.get(turn.caseId)).toBe(turn.speaker);
        }
      }
      const interview = await getSourceDetail(store, projectId, "P04");
      for (const turn of interview.turns)
        expect(turn.caseId && caseNames.get(turn.caseId)).toBe(turn.speaker === "R" ? "P04" : null);
    });
  });

  it("builds a two-level codebook with distinct colours and described codes", async () => {
    await withStudy(location, async (store, projectId) => {
      const codes = await listCodesWithCounts(store, projectId);
      const parents = codes.filter((code) => code.depth === 0);
      expect(parents.map((code) => code.name)).toEqual([
        "Experience of CBT",
        "Living with IBS",
        "Reaching a diagnosis",
        "Relationship with the GP",
        "Treatment and self-management",
      ]);
      expect(codes.length).toBeGreaterThanOrEqual(18);
      expect(Math.max(...codes.map((code) => code.depth))).toBe(1);
      for (const code of codes) expect(code.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(new Set(codes.map((code) => code.color)).size).toBe(codes.length);
      const described = codes.filter((code) => code.depth === 1 && code.description.definition);
      expect(described.length).toBe(codes.length - parents.length);
      const shared = await findCode(
        store,
        projectId,
        "Relationship with the GP / Shared responsibility",
      );
      expect(shared.description).toMatchObject({
        definition: expect.any(String),
        inclusion: expect.any(String),
        exclusion: expect.any(String),
        example: expect.any(String),
      });
    });
  });

  it("adds the three memos, linked to the project, P03 and the Shared responsibility code", async () => {
    await withStudy(location, async (store, projectId) => {
      const memos = await listMemos(store, projectId);
      expect(memos.map((memo) => memo.kind).sort()).toEqual(
        ["analytic", "familiarisation", "reflexive_journal"].sort(),
      );
      const p03 = await getSourceDetail(store, projectId, "P03");
      const shared = await findCode(store, projectId, "Shared responsibility");
      const byKind = new Map(memos.map((memo) => [memo.kind, memo]));
      expect(byKind.get("reflexive_journal")).toMatchObject({
        targetType: "project",
        targetId: null,
      });
      expect(byKind.get("familiarisation")).toMatchObject({
        targetType: "source",
        targetId: p03.source.id,
      });
      expect(byKind.get("analytic")).toMatchObject({ targetType: "code", targetId: shared.id });
    });
  });

  it("codes exactly the phrases it names, by the demo coder, and leaves most text uncoded", async () => {
    await withStudy(location, async (store, projectId) => {
      const codings = await listCodings(store, projectId);
      expect(codings.length).toBe(EXAMPLE_CODINGS.length);
      const sources = await listSources(store, projectId);
      const titles = new Map(sources.map((s) => [s.id, s.title]));
      const codes = await listCodesWithCounts(store, projectId);
      const paths = new Map(codes.map((code) => [code.id, code.path]));
      const made = codings.map((coding) => ({
        source: titles.get(coding.sourceId),
        code: paths.get(coding.codeId),
        phrase: coding.anchor.exact,
      }));
      const wanted = EXAMPLE_CODINGS.map(({ source, code, phrase }) => ({ source, code, phrase }));
      const key = (c: { source?: string; code?: string; phrase: string }) =>
        `${c.source}|${c.code}|${c.phrase}`;
      expect(made.map(key).sort()).toEqual(wanted.map(key).sort());
      for (const coding of codings) {
        expect(coding.coder).toBe("demo");
        expect(coding.anchor.status).toBe("anchored");
      }
      const coded = codings.reduce((sum, c) => sum + (c.anchor.end - c.anchor.start), 0);
      const total = sources.reduce((sum, s) => sum + s.length, 0);
      expect(coded / total).toBeLessThan(0.1);
    });
  });

  it("shows Shared responsibility in every CBT interview and in one TAU counter-case", async () => {
    await withStudy(location, async (store, projectId) => {
      const shared = await findCode(store, projectId, "Shared responsibility");
      const casesWith = async (where?: Record<string, string>) => {
        const { segments } = await retrieveSegments(store, projectId, {
          codeIds: [shared.id],
          ...(where ? { where } : {}),
        });
        return segments.map((segment) => segment.caseName);
      };
      expect(await casesWith({ arm: "CBT" })).toEqual(["P01", "P03", "P05", "P07"]);
      expect(await casesWith({ arm: "TAU" })).toEqual(["P04"]);
      // The focus group belongs to no one case, so its passage is found only unfiltered; the turn
      // it sits in says who spoke.
      expect(await casesWith()).toEqual(["P01", "P03", "P04", "P05", "P07", null]);
      const { segments } = await retrieveSegments(store, projectId, { codeIds: [shared.id] });
      const inGroup = segments.find((segment) => segment.sourceTitle === "FG1");
      const group = await getSourceDetail(store, projectId, "FG1");
      const turn = group.turns.find(
        (t) => inGroup !== undefined && t.start <= inGroup.start && inGroup.end <= t.end,
      );
      expect(turn?.speaker).toBe("Margaret");
      const margaret = (await listCases(store, projectId)).find((c) => c.id === turn?.caseId);
      expect(margaret?.attributes.arm).toBe("CBT");
    });
  });

  it("leaves an existing file untouched on a second start", async () => {
    const before = statSync(location);
    const bytes = readFileSync(location);
    expect(await seedDemoProject(location)).toEqual({
      created: false,
      projectName: DEMO_PROJECT_NAME,
    });
    expect(statSync(location).mtimeMs).toBe(before.mtimeMs);
    expect(readFileSync(location).equals(bytes)).toBe(true);
    await withStudy(location, async (store, projectId) => {
      expect((await listSources(store, projectId)).length).toBe(8);
      expect((await listCases(store, projectId)).length).toBe(11);
      expect((await listCodings(store, projectId)).length).toBe(EXAMPLE_CODINGS.length);
    });
  });
});

describe("seedDemoProject options", () => {
  it("seeds an uncoded study under another name and coder", async () => {
    const location = join(dir, "uncoded.quire");
    expect(
      await seedDemoProject(location, { name: "My practice run", coder: "ab", withCodings: false }),
    ).toEqual({ created: true, projectName: "My practice run" });
    await withStudy(location, async (store, projectId) => {
      expect((await resolveProject(store)).name).toBe("My practice run");
      expect((await listCodings(store, projectId)).length).toBe(0);
      expect((await listMemos(store, projectId)).every((memo) => memo.author === "ab")).toBe(true);
    });
  });

  it("never opens a file that is not a study", async () => {
    const location = join(dir, "notes.quire");
    writeFileSync(location, "not a database");
    expect(await seedDemoProject(location)).toEqual({
      created: false,
      projectName: DEMO_PROJECT_NAME,
    });
    expect(readFileSync(location, "utf8")).toBe("not a database");
  });
});

describe("locatePhrase", () => {
  it("finds a phrase that occurs once and refuses a missing or repeated one", () => {
    expect(locatePhrase("I: hello\nR: yes, hello there", "hello there", "X")).toEqual({
      start: 17,
      end: 28,
    });
    expect(() => locatePhrase("R: yes", "no", "X")).toThrow(/not found in demo transcript X/);
    expect(() => locatePhrase("R: hello hello", "hello", "X")).toThrow(/more than once/);
  });
});
