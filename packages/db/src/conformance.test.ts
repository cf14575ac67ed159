/**
 * The storage conformance suite: every repository behaviour, run unchanged on SQLite and on
 * PostgreSQL. A behaviour that differs between the two is a bug in one of the dialects.
 */
import { matchesQuery, parseSearchQuery, QuireError } from "@quire/core";
import {
  addCoding,
  addMemo,
  addSource,
  codeSearchHits,
  createCode,
  createProject,
  DbError,
  defineAttribute,
  editMemo,
  editSourceText,
  ensureCase,
  findCode,
  getSourceDetail,
  importSources,
  listCases,
  listCodesWithCounts,
  listCodings,
  listEvents,
  listMemos,
  listOrphans,
  listSources,
  mergeCodes,
  moveCode,
  mutate,
  redo,
  removeCoding,
  renameCode,
  replaceSourceText,
  resizeCoding,
  retrieveSegments,
  SEARCH_COUNT_CAP,
  type Store,
  searchProject,
  setCaseAttribute,
  undo,
} from "@quire/db";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBackends } from "./test-support/backends.js";

const ACTOR = "AS";
let projectCounter = 0;

describe.each(availableBackends())("store conformance on $name", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(() => backend.cleanup());

  const newProject = async (method = "reflexive_ta") =>
    createProject(store, { name: `study ${++projectCounter}`, method, actor: ACTOR });
  const run = <T>(projectId: string, work: Parameters<typeof mutate<T>>[2], actor = ACTOR) =>
    mutate(store, { projectId, actor, action: "test" }, work);

  it("creates projects and refuses a duplicate name or an unknown method", async () => {
    const project = await newProject();
    await expect(
      createProject(store, { name: project.name, method: "framework", actor: ACTOR }),
    ).rejects.toMatchObject({
      kind: "conflict",
    });
    await expect(
      createProject(store, { name: "x", method: "grounded_vibes", actor: ACTOR }),
    ).rejects.toThrow(/unknown method/);
  });

  it("wraps driver errors into DbError with a constraint kind", async () => {
    const project = await newProject();
    const row = {
      id: project.id,
      name: "other",
      method: "stc",
      settings: "{}",
      canonicalTextVersion: 1,
      createdAt: "",
    };
    const error = await store.db
      .insertInto("projects")
      .values(row)
      .execute()
      .catch((e) => e);
    const { wrapDriverError } = await import("@quire/db");
    const wrapped = wrapDriverError(error);
    expect(wrapped).toBeInstanceOf(DbError);
    expect(wrapped.kind).toBe("unique");
  });

  it("keeps code names unique among siblings and finds codes by name or path", async () => {
    const { id } = await newProject();
    const [parent, other] = await run(id, async (m) => [
      await createCode(m, { name: "Reaching a diagnosis" }),
      await createCode(m, { name: "Treatment" }),
    ]);
    await run(id, (m) =>
      createCode(m, { name: "Last-resort diagnosis", parentId: parent?.id, color: "#D95F02" }),
    );
    await run(id, (m) => createCode(m, { name: "Last-resort diagnosis", parentId: other?.id }));
    await expect(
      run(id, (m) => createCode(m, { name: "Last-resort diagnosis", parentId: parent?.id })),
    ).rejects.toMatchObject({
      kind: "conflict",
    });
    await expect(findCode(store, id, "Last-resort diagnosis")).rejects.toThrow(/several codes/);
    const found = await findCode(store, id, "Reaching a diagnosis / Last-resort diagnosis");
    expect(found.color).toBe("#d95f02");
    expect(found.parentId).toBe(parent?.id);
  });

  it("moves codes, refuses cycles, renames and merges with codings and children", async () => {
    const { id } = await newProject();
    const source = await run(id, (m) =>
      addSource(m, { kind: "interview", title: "P01", text: "I felt listened to at last." }),
    );
    const [a, b, child] = await run(id, async (m) => {
      const a = await createCode(m, { name: "Being heard" });
      const b = await createCode(m, { name: "Listening" });
      const child = await createCode(m, { name: "At last", parentId: a.id });
      return [a, b, child];
    });
    if (!a || !b || !child) throw new Error("codes missing");
    await expect(run(id, (m) => moveCode(m, a.id, child.id))).rejects.toThrow(/inside itself/);
    await run(id, (m) => addCoding(m, { sourceId: source.id, codeId: a.id, start: 2, end: 20 }));
    await run(id, (m) => addCoding(m, { sourceId: source.id, codeId: b.id, start: 2, end: 20 }));
    await run(id, (m) => addCoding(m, { sourceId: source.id, codeId: a.id, start: 0, end: 6 }));
    await run(id, (m) => renameCode(m, b.id, "Feeling listened to"));
    const merged = await run(id, (m) => mergeCodes(m, a.id, b.id));
    expect(merged).toEqual({ moved: 1, duplicates: 1 });
    const codes = await listCodesWithCounts(store, id);
    expect(codes.map((code) => [code.path, code.codingCount, code.sourceCount])).toEqual([
      ["Feeling listened to", 2, 1],
      ["Feeling listened to / At last", 0, 0],
    ]);
    await undo(store, id, ACTOR);
    const restored = await listCodesWithCounts(store, id);
    expect(restored.map((code) => [code.path, code.codingCount])).toEqual([
      ["Being heard", 2],
      ["Being heard / At last", 0],
      ["Feeling listened to", 1],
    ]);
  });

  it("adds a source with turns and shows it back", async () => {
    const { id } = await newProject();
    const text = "I: How was it?\nR: Fine, mostly.";
    await run(id, (m) =>
      addSource(m, {
        kind: "interview",
        title: "P02",
        text,
        turns: [
          { start: 3, end: 14, speaker: "I", role: "interviewer" },
          { start: 18, end: 31, speaker: "R", role: "participant" },
        ],
      }),
    );
    const detail = await getSourceDetail(store, id, "P02");
    expect(detail.revision.text).toBe(text);
    expect(detail.turns.map((turn) => text.slice(turn.start, turn.end))).toEqual([
      "How was it?",
      "Fine, mostly.",
    ]);
    const [listed] = await listSources(store, id);
    expect(listed).toMatchObject({ title: "P02", length: text.length, codingCount: 0 });
  });

  it("imports in bulk, searches the import, and undoes and redoes it whole", async () => {
    const { id } = await newProject("content_analysis");
    await run(id, (m) => defineAttribute(m, { name: "site", type: "category" }));
    const rows = Array.from({ length: 1_200 }, (_, index) => ({
      kind: "response" as const,
      title: `R${index}`,
      text:
        index % 3 === 0
          ? `The nurse was kind and explained everything (${index}).`
          : `Parking was hard, row ${index}.`,
      caseName: `R${index}`,
      caseKind: "respondent",
      caseAttributes: { site: index % 2 === 0 ? "North" : "South" },
    }));
    const progress: number[] = [];
    const result = await run(id, (m) =>
      importSources(m, rows, { onProgress: (n) => progress.push(n) }),
    );
    expect(result).toMatchObject({ sources: 1_200, casesCreated: 1_200 });
    expect(progress.at(-1)).toBe(1_200);
    expect((await searchProject(store, id, "nurse", { limit: 10 })).total).toBe(400);
    expect((await listCases(store, id, { where: { site: "North" }, limit: 5000 })).length).toBe(
      600,
    );
    await undo(store, id, ACTOR);
    expect((await searchProject(store, id, "nurse")).total).toBe(0);
    expect(await listCases(store, id)).toEqual([]);
    await redo(store, id, ACTOR);
    expect((await searchProject(store, id, "nurse")).total).toBe(400);
    expect((await listCases(store, id, { where: { site: "South" }, limit: 5000 })).length).toBe(
      600,
    );
  });

  it("rolls a failed import back completely", async () => {
    const { id } = await newProject();
    const before = (await listEvents(store, id)).length;
    function* rows() {
      for (let index = 0; index < 2_500; index++)
        yield {
          kind: "response" as const,
          title: index === 2_100 ? " " : `R${index}`,
          text: "fine",
          caseName: `C${index}`,
        };
    }
    await expect(run(id, (m) => importSources(m, rows()))).rejects.toThrow(
      /row 2101: a source needs a title/,
    );
    expect(await listSources(store, id)).toEqual([]);
    expect(await listCases(store, id)).toEqual([]);
    expect((await listEvents(store, id)).length).toBe(before);
  });

  it("codes passages, rejects bad ranges, and undoes and redoes each step", async () => {
    const { id } = await newProject();
    const text = "We shared responsibility for my treatment, which was new.";
    const source = await run(id, (m) => addSource(m, { kind: "interview", title: "P03", text }));
    const code = await run(id, (m) => createCode(m, { name: "Shared responsibility" }));
    await expect(
      run(id, (m) => addCoding(m, { sourceId: source.id, codeId: code.id, start: 10, end: 999 })),
    ).rejects.toThrow(/not inside "P03"/);
    const coding = await run(id, (m) =>
      addCoding(m, { sourceId: source.id, codeId: code.id, start: 3, end: 24 }),
    );
    expect(coding.anchor).toMatchObject({
      exact: "shared responsibility",
      prefix: "We ",
      status: "anchored",
      score: 1,
    });
    const again = await run(id, (m) =>
      addCoding(m, { sourceId: source.id, codeId: code.id, start: 3, end: 24 }),
    );
    expect(again.id).toBe(coding.id);
    const resized = await run(id, (m) => resizeCoding(m, coding.id, 3, 41));
    expect(resized.anchor.exact).toBe("shared responsibility for my treatment");
    await undo(store, id, ACTOR);
    expect((await listCodings(store, id))[0]?.anchor.exact).toBe("shared responsibility");
    await redo(store, id, ACTOR);
    expect((await listCodings(store, id))[0]?.anchor.exact).toBe(
      "shared responsibility for my treatment",
    );
    await run(id, (m) => removeCoding(m, coding.id));
    expect(await listCodings(store, id)).toEqual([]);
    await undo(store, id, ACTOR);
    expect(await listCodings(store, id)).toHaveLength(1);
    // A new action ends the chance to redo what was undone before it.
    await undo(store, id, ACTOR);
    await run(id, (m) => createCode(m, { name: "Something else" }));
    await expect(redo(store, id, ACTOR)).rejects.toMatchObject({ kind: "nothing_to_redo" });
  });

  it("keeps codings on their words when the text is edited, and re-indexes the text", async () => {
    const { id } = await newProject();
    const text = "The GP said it was IBS. I was relieved, honestly.";
    const source = await run(id, (m) => addSource(m, { kind: "interview", title: "P04", text }));
    const code = await run(id, (m) => createCode(m, { name: "Relief" }));
    const gone = await run(id, (m) => createCode(m, { name: "Diagnosis" }));
    await run(id, (m) =>
      addCoding(m, { sourceId: source.id, codeId: code.id, start: 24, end: 38 }),
    );
    await run(id, (m) =>
      addCoding(m, { sourceId: source.id, codeId: gone.id, start: 19, end: 22 }),
    );
    const result = await run(id, (m) =>
      editSourceText(m, source.id, [
        { from: 0, to: 3, insert: "My" },
        { from: 19, to: 22, insert: "" },
      ]),
    );
    expect(result.orphaned).toBe(1);
    const detail = await getSourceDetail(store, id, "P04");
    expect(detail.revision.text).toBe("My GP said it was . I was relieved, honestly.");
    const codings = await listCodings(store, id);
    const relief = codings.find((coding) => coding.codeId === code.id);
    expect(relief && detail.revision.text.slice(relief.anchor.start, relief.anchor.end)).toBe(
      "I was relieved",
    );
    expect(relief?.anchor.status).toBe("remapped");
    const orphans = await listOrphans(store, id);
    expect(orphans.map((coding) => coding.anchor.exact)).toEqual(["IBS"]);
    expect((await searchProject(store, id, "IBS")).total).toBe(0);
    expect((await searchProject(store, id, "GP")).results[0]?.hits[0]).toMatchObject({
      start: 3,
      end: 5,
      match: "GP",
    });
    await undo(store, id, ACTOR);
    expect((await getSourceDetail(store, id, "P04")).revision.text).toBe(text);
    expect(await listOrphans(store, id)).toEqual([]);
    expect((await searchProject(store, id, "IBS")).total).toBe(1);
  });

  it("re-anchors codings by quote when the text is replaced from outside", async () => {
    const { id } = await newProject();
    const source = await run(id, (m) =>
      addSource(m, {
        kind: "interview",
        title: "P05",
        text: "She told me to try peppermint oil. It helped a little.",
      }),
    );
    const code = await run(id, (m) => createCode(m, { name: "Self-management" }));
    await run(id, (m) =>
      addCoding(m, { sourceId: source.id, codeId: code.id, start: 15, end: 33 }),
    );
    await run(id, (m) =>
      addCoding(m, { sourceId: source.id, codeId: code.id, start: 35, end: 53 }),
    );
    const result = await run(id, (m) =>
      replaceSourceText(
        m,
        source.id,
        "Interviewer: go on.\nShe told me to try peppermint oil. Nothing else changed.",
      ),
    );
    expect(result.orphaned).toBe(1);
    const codings = await listCodings(store, id);
    const kept = codings.find((coding) => coding.anchor.status !== "orphaned");
    expect(kept?.anchor.exact).toBe("try peppermint oil");
    expect(kept?.anchor.start).toBe(35);
  });

  it("searches with phrases, wildcards, OR and NOT, with offsets that point at the words", async () => {
    const { id } = await newProject();
    const texts = [
      "The doctor was empathic and kind.",
      "Empathy from the pharmacist, not the doctor.",
      "We had a shared responsibility for the plan.",
      "Responsibility was never shared with me.",
    ];
    await run(id, (m) =>
      importSources(
        m,
        texts.map((text, index) => ({ kind: "response" as const, title: `T${index}`, text })),
      ),
    );
    const titles = async (query: string) =>
      (await searchProject(store, id, query, { limit: 10 })).results
        .map((result) => result.title)
        .sort();
    expect(await titles('"shared responsibility"')).toEqual(["T2"]);
    expect(await titles("empath*")).toEqual(["T0", "T1"]);
    expect(await titles("empath* NOT pharmacist")).toEqual(["T0"]);
    expect(await titles("pharmacist OR plan")).toEqual(["T1", "T2"]);
    const { results } = await searchProject(store, id, "empath*");
    for (const result of results)
      for (const hit of result.hits) expect(hit.match.toLowerCase()).toMatch(/^empath/);
    await expect(searchProject(store, id, "NOT doctor")).rejects.toBeInstanceOf(QuireError);
  });

  it("agrees with the reference matcher on random corpora and queries", async () => {
    const { id } = await newProject();
    const words = ["pain", "doctor", "listened", "shared", "care", "nurse", "waiting", "kind"];
    const corpus = fc.sample(
      fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }).map((w) => w.join(" ")),
      {
        numRuns: 60,
        seed: 20261121,
      },
    );
    await run(id, (m) =>
      importSources(
        m,
        corpus.map((text, index) => ({ kind: "response" as const, title: `D${index}`, text })),
      ),
    );
    const queries = [
      "pain",
      "doctor kind",
      '"shared care"',
      "nurse OR waiting",
      "listened NOT pain",
      "wait*",
      "(pain OR care) NOT doctor",
    ];
    for (const text of queries) {
      const query = parseSearchQuery(text);
      const expected = corpus.filter((doc) => matchesQuery(doc, query)).length;
      expect((await searchProject(store, id, text, { limit: 1 })).total, text).toBe(expected);
    }
  });

  it("ranks a few matches, lists very many in collection order, and caps the count", async () => {
    const { id } = await newProject("content_analysis");
    const rows = Array.from({ length: SEARCH_COUNT_CAP + 50 }, (_, index) => ({
      kind: "response" as const,
      title: `C${index}`,
      text: index < 3 ? `waiting waiting waiting ${index}` : `the waiting room ${index}`,
    }));
    await run(id, (m) => importSources(m, rows));
    const common = await searchProject(store, id, "waiting", { limit: 3 });
    expect(common).toMatchObject({
      total: SEARCH_COUNT_CAP,
      totalIsLowerBound: true,
      order: "collection",
    });
    expect(common.results.map((result) => result.title)).toEqual(["C0", "C1", "C2"]);
    const rare = await searchProject(store, id, "room", { limit: 1, offset: SEARCH_COUNT_CAP });
    expect(rare).toMatchObject({
      totalIsLowerBound: true,
      results: [{ title: `C${SEARCH_COUNT_CAP + 3}` }],
    });
    const ranked = await searchProject(store, id, '"waiting waiting"', { limit: 5 });
    expect(ranked).toMatchObject({ total: 3, totalIsLowerBound: false, order: "rank" });
  });

  it("codes every search hit in one step", async () => {
    const { id } = await newProject();
    await run(id, (m) =>
      importSources(m, [
        {
          kind: "response" as const,
          title: "A",
          text: "A shared responsibility. Another shared responsibility!",
        },
        { kind: "response" as const, title: "B", text: "Nothing shared here, no responsibility." },
      ]),
    );
    const code = await run(id, (m) => createCode(m, { name: "Shared responsibility" }));
    const codings = await run(id, (m) => codeSearchHits(m, '"shared responsibility"', code.id));
    expect(codings.map((coding) => coding.anchor.exact)).toEqual([
      "shared responsibility",
      "shared responsibility",
    ]);
  });

  it("retrieves segments with context, filtered by attribute and coder, with AND and OR", async () => {
    const { id } = await newProject();
    await run(id, (m) =>
      defineAttribute(m, { name: "arm", type: "category", allowedValues: ["CBT", "TAU"] }),
    );
    const [cbt, tau] = await run(id, async (m) => [
      await ensureCase(m, "P10"),
      await ensureCase(m, "P11"),
    ]);
    if (!cbt || !tau) throw new Error("cases missing");
    await run(id, async (m) => {
      await setCaseAttribute(m, cbt.id, "arm", "CBT");
      await setCaseAttribute(m, tau.id, "arm", "TAU");
    });
    await expect(run(id, (m) => setCaseAttribute(m, tau.id, "arm", "Placebo"))).rejects.toThrow(
      /one of CBT, TAU/,
    );
    const s1 = await run(id, (m) =>
      addSource(m, {
        kind: "interview",
        title: "P10",
        caseId: cbt.id,
        text: "We decided together what to do next.",
      }),
    );
    const s2 = await run(id, (m) =>
      addSource(m, {
        kind: "interview",
        title: "P11",
        caseId: tau.id,
        text: "He decided and I followed.",
      }),
    );
    const shared = await run(id, (m) => createCode(m, { name: "Shared decision" }));
    const agency = await run(id, (m) => createCode(m, { name: "Agency" }));
    await run(id, (m) => addCoding(m, { sourceId: s1.id, codeId: shared.id, start: 3, end: 20 }));
    await run(
      id,
      (m) => addCoding(m, { sourceId: s1.id, codeId: agency.id, start: 0, end: 10 }),
      "KB",
    );
    await run(id, (m) => addCoding(m, { sourceId: s2.id, codeId: shared.id, start: 0, end: 10 }));
    const cbtOnly = await retrieveSegments(store, id, {
      codeIds: [shared.id],
      where: { arm: "CBT" },
      context: 5,
    });
    expect(cbtOnly.total).toBe(1);
    expect(cbtOnly.segments[0]).toMatchObject({
      text: "decided together ",
      before: "We ",
      after: "what ",
      caseName: "P10",
      attributes: { arm: "CBT" },
    });
    expect((await retrieveSegments(store, id, { codeIds: [shared.id, agency.id] })).total).toBe(3);
    expect(
      (await retrieveSegments(store, id, { codeIds: [shared.id, agency.id], match: "all" })).total,
    ).toBe(1);
    expect(
      (await retrieveSegments(store, id, { codeIds: [shared.id, agency.id], coder: "KB" })).total,
    ).toBe(1);
  });

  it("writes memos with versions and lists them by target", async () => {
    const { id } = await newProject();
    const code = await run(id, (m) => createCode(m, { name: "Stigma" }));
    const memo = await run(id, (m) =>
      addMemo(m, {
        kind: "analytic",
        title: "Stigma",
        body: "Seen in 3 of 5.",
        targetType: "code",
        targetId: code.id,
      }),
    );
    const edited = await run(id, (m) => editMemo(m, memo.id, { body: "Seen in 4 of 5." }));
    expect(edited.version).toBe(2);
    const listed = await listMemos(store, id, { targetType: "code", targetId: code.id });
    expect(listed.map((item) => [item.body, item.version])).toEqual([["Seen in 4 of 5.", 2]]);
    await expect(
      run(id, (m) => addMemo(m, { kind: "diary", title: "x", body: "" })),
    ).rejects.toThrow(/unknown memo kind/);
  });

  it("logs every mutation and refuses to undo past the project's creation", async () => {
    const { id } = await newProject();
    await run(id, async (m) => {
      await createCode(m, { name: "One" });
      m.summary = 'created code "One"';
    });
    const events = await listEvents(store, id);
    expect(events.map((event) => event.summary)).toEqual([
      'created code "One"',
      expect.stringMatching(/^created project/),
    ]);
    await undo(store, id, ACTOR);
    await expect(undo(store, id, ACTOR)).rejects.toMatchObject({ kind: "nothing_to_undo" });
  });
});
