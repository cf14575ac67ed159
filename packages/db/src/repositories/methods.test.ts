/**
 * Conformance tests of the methods' storage (themes, framework, STC, agreement data, blind mode)
 * on every backend: each write is one mutation that undo takes back and redo restores.
 */
import {
  addCodeGroup,
  addCoding,
  addFrameworkCategory,
  addFrameworkCode,
  addIllustrativeQuote,
  addMapEdge,
  addSource,
  addStcTheme,
  addSubgroup,
  blindState,
  casePassages,
  chartCell,
  checkReading,
  codedPassages,
  createCode,
  createProject,
  createTheme,
  currentPhase,
  ensureCase,
  getFramework,
  getMapSnapshot,
  getStcOutline,
  indexingProgress,
  linkThemeCode,
  listChartCells,
  listEvents,
  listFrameworkVersions,
  listMapSnapshots,
  listPhaseLog,
  listThemes,
  mutate,
  placeMapNode,
  placeMeaningUnit,
  readMapState,
  redo,
  resolveProject,
  restoreMapSnapshot,
  type Store,
  setBlindMode,
  setPhase,
  snapshotMap,
  streamCoderSpans,
  undo,
  updateTheme,
  writeAnalyticText,
  writeCondensate,
} from "@quire/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBackends } from "../test-support/backends.js";

let counter = 0;

describe.each(availableBackends())("methods storage on $name", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(() => backend.cleanup());

  /** A project with two interviews (cases P01 and P02) and codes A and B coded by AS and BK. */
  async function seed(method = "reflexive_ta") {
    const project = await createProject(store, {
      name: `methods ${++counter}`,
      method,
      actor: "AS",
    });
    const run = <T>(work: Parameters<typeof mutate<T>>[2], actor = "AS") =>
      mutate(store, { projectId: project.id, actor, action: "test" }, work);
    const text1 = "We shared the load. The cost was hard.";
    const text2 = "Nobody asked me anything.";
    const made = await run(async (m) => {
      const p1 = await ensureCase(m, "P01");
      const p2 = await ensureCase(m, "P02");
      const s1 = await addSource(m, {
        kind: "interview",
        title: "P01",
        text: text1,
        caseId: p1.id,
      });
      const s2 = await addSource(m, {
        kind: "interview",
        title: "P02",
        text: text2,
        caseId: p2.id,
      });
      const a = await createCode(m, { name: "A" });
      const b = await createCode(m, { name: "B" });
      const k1 = await addCoding(m, { sourceId: s1.id, codeId: a.id, start: 3, end: 18 });
      const k2 = await addCoding(m, { sourceId: s1.id, codeId: b.id, start: 20, end: 38 });
      return { p1, p2, s1, s2, a, b, k1, k2 };
    });
    const k3 = await run(
      (m) => addCoding(m, { sourceId: made.s1.id, codeId: made.a.id, start: 3, end: 9 }),
      "BK",
    );
    return { project, run, ...made, k3 };
  }

  it("keeps themes over codes, refuses final without a definition and concept, and undoes links", async () => {
    const { project, run, a, b, s1 } = await seed();
    const theme = await run((m) => createTheme(m, { name: "Sharing the load" }));
    const sub = await run((m) =>
      createTheme(m, { name: "With the therapist", parentId: theme.id }),
    );
    await run((m) => createTheme(m, { name: "Miscellaneous", isMisc: true }));
    await run((m) => linkThemeCode(m, theme.id, a.id));
    await run((m) => linkThemeCode(m, sub.id, b.id));
    await expect(run((m) => updateTheme(m, theme.id, { status: "final" }))).rejects.toThrow(
      /without a central organising concept and a definition/,
    );
    await expect(run((m) => createTheme(m, { name: "sharing the load" }))).rejects.toMatchObject({
      kind: "conflict",
    });
    await run((m) =>
      updateTheme(m, theme.id, {
        concept: "Responsibility shared",
        definition: "…",
        status: "final",
      }),
    );
    const themes = await listThemes(store, project.id);
    expect(themes.map((t) => [t.name, t.status, t.codeIds.length, t.isMisc])).toEqual([
      ["Sharing the load", "final", 1, false],
      ["With the therapist", "candidate", 1, false],
      ["Miscellaneous", "candidate", 0, true],
    ]);
    expect(
      (await codedPassages(store, project.id, [a.id])).map((p) => [p.sourceId, p.text]),
    ).toEqual([
      [s1.id, "shared the load"],
      [s1.id, "shared"],
    ]);
    await undo(store, project.id, "AS"); // the final status
    await undo(store, project.id, "AS"); // the subtheme's link
    expect((await listThemes(store, project.id)).map((t) => [t.status, t.codeIds.length])).toEqual([
      ["candidate", 1],
      ["candidate", 0],
      ["candidate", 0],
    ]);
    await redo(store, project.id, "AS");
    expect((await listThemes(store, project.id))[1]?.codeIds).toEqual([b.id]);
  });

  it("snapshots the map immutably and restores it; logs phase moves with rationales", async () => {
    const { project, run, a, b } = await seed();
    const theme = await run((m) => createTheme(m, { name: "Sharing the load" }));
    await run((m) => linkThemeCode(m, theme.id, a.id));
    await run((m) => placeMapNode(m, "theme", theme.id, 10, 20));
    await run((m) => addMapEdge(m, `theme:${theme.id}`, `code:${a.id}`, "central"));
    await run((m) => setPhase(m, 3, "first candidate themes"));
    const snap = await run((m) => snapshotMap(m, { name: "end of phase 3", graph: { nodes: 2 } }));
    expect(snap.phase).toBe(3);
    // Change everything, then restore.
    const later = await run((m) => createTheme(m, { name: "Later" }));
    await run((m) => linkThemeCode(m, theme.id, b.id));
    await run((m) => updateTheme(m, theme.id, { name: "Renamed" }));
    await run((m) => placeMapNode(m, "theme", theme.id, 99, 99));
    await run((m) => restoreMapSnapshot(m, "end of phase 3"));
    const state = await readMapState(store, project.id);
    expect(state.themes.map((t) => [t.name, t.status, t.codeIds])).toEqual([
      ["Sharing the load", "candidate", [a.id]],
      ["Later", "discarded", []],
    ]);
    expect(state.positions).toEqual([{ kind: "theme", refId: theme.id, x: 10, y: 20 }]);
    expect(state.edges.map((e) => e.label)).toEqual(["central"]);
    expect(later.id).toBe(state.themes[1]?.id);
    expect((await getMapSnapshot(store, project.id, snap.id)).graph).toEqual({ nodes: 2 });
    expect(await listMapSnapshots(store, project.id)).toHaveLength(1);
    await run((m) => setPhase(m, 2, "back to coding: the codes were too broad"), "BK");
    expect(await currentPhase(store, project.id)).toBe(2);
    expect(
      (await listPhaseLog(store, project.id)).map((e) => [e.previousPhase, e.phase, e.actor]),
    ).toEqual(
      [
        [null, 3],
        [3, 2, "BK"],
      ].map(([from, to, who]) => [from, to, who ?? "AS"]),
    );
    await expect(run((m) => setPhase(m, 2, "again"))).rejects.toThrow(/already in phase 2/);
    await expect(run((m) => setPhase(m, 7, "x"))).rejects.toThrow(/1 to 6/);
  });

  it("versions the framework, charts cells and finds case ∩ code passages", async () => {
    const { project, run, p1, k1 } = await seed("framework");
    const { category } = await run((m) =>
      addFrameworkCategory(m, { name: "Access", abbreviation: "A" }),
    );
    expect(category.codes.map((c) => [c.name, c.abbreviation, c.isOther])).toEqual([
      ["Other", "A.O", true],
    ]);
    const { code, version } = await run((m) =>
      addFrameworkCode(m, {
        category: "Access",
        name: "Waiting",
        abbreviation: "A1",
        origin: "a_priori",
        definition: "Waits for care",
      }),
    );
    expect(version).toBe(2);
    await expect(
      run((m) => addFrameworkCode(m, { category: "Access", name: "Dup", abbreviation: "A1" })),
    ).rejects.toThrow(/already used/);
    const versions = await listFrameworkVersions(store, project.id);
    expect(versions.map((v) => [v.number, v.content[0]?.codes.length])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    await run((m) =>
      addCoding(m, { sourceId: k1.sourceId, codeId: code.codeId, start: 0, end: 18 }),
    );
    const passages = await casePassages(store, project.id, [code.codeId]);
    expect(passages.map((p) => [p.caseId, p.text])).toEqual([[p1.id, "We shared the load"]]);
    await run((m) =>
      chartCell(m, {
        caseId: p1.id,
        codeId: code.codeId,
        summary: "Shares the work",
        quoteCodingIds: [passages[0]?.codingId ?? ""],
      }),
    );
    expect(await listChartCells(store, project.id)).toMatchObject([
      { summary: "Shares the work", state: "charted", quotes: [{ text: "We shared the load" }] },
    ]);
    await expect(
      run((m) => chartCell(m, { caseId: p1.id, codeId: "nope", summary: "x" })),
    ).rejects.toMatchObject({ kind: "not_found" });
    expect((await indexingProgress(store, project.id))[0]?.counts[code.codeId]).toBe(1);
    await undo(store, project.id, "AS");
    expect(await listChartCells(store, project.id)).toEqual([]);
    expect((await getFramework(store, project.id))?.version).toBe(2);
  });

  it("condenses meaning units into artificial condensates, with quotes, texts and re-reading checks", async () => {
    const { project, run, k1, k2, s1, s2 } = await seed("stc");
    await run((m) => addStcTheme(m, "Sharing"));
    await run((m) => addCodeGroup(m, "Partnership", "Sharing"));
    await run((m) => addCodeGroup(m, "Costs"));
    const sub = await run((m) => addSubgroup(m, "Partnership", "Load"));
    const unit = await run((m) =>
      placeMeaningUnit(m, { codingId: k1.id, codeGroup: "Partnership", subgroup: "Load" }),
    );
    await run((m) => placeMeaningUnit(m, { codingId: k1.id, codeGroup: "Costs" }));
    await run((m) => placeMeaningUnit(m, { codingId: k2.id, codeGroup: "Costs" }));
    const condensate = await run((m) =>
      writeCondensate(m, { subgroup: sub.id, text: "I felt we shared it." }),
    );
    expect(condensate).toMatchObject({ artificial: true, unitIds: [unit.id] });
    await run((m) => addIllustrativeQuote(m, { subgroup: "Load", codingId: k1.id }));
    await run((m) => writeAnalyticText(m, "Partnership", "Participants described…"));
    await run((m) =>
      checkReading(m, { sourceId: s2.id, reread: true, contradicting: "P02 felt alone" }),
    );
    const outline = await getStcOutline(store, project.id);
    const partnership = outline.codeGroups[0];
    expect(partnership?.subgroups[0]?.condensate?.artificial).toBe(true);
    expect(partnership?.subgroups[0]?.quotes.map((q) => q.text)).toEqual(["shared the load"]);
    expect(partnership?.analyticText).toBe("Participants described…");
    expect(outline.codeGroups[1]?.unsorted.map((u) => u.sourceId)).toEqual([s1.id, s1.id]);
    await expect(
      run((m) => writeCondensate(m, { subgroup: "Load", text: "x", unitIds: ["zz"] })),
    ).rejects.toThrow(/not in subgroup/);
  });

  it("streams each source's codings by the chosen coders, and switches blind coding with a logged reveal", async () => {
    const { project, run, s1, s2 } = await seed("codebook_ta");
    const seen = [];
    for await (const source of streamCoderSpans(store, project.id, { coders: ["AS", "BK"] }))
      seen.push([source.sourceId, source.length, source.spans.length]);
    expect(seen).toEqual([
      [s1.id, 38, 3],
      [s2.id, 25, 0],
    ]);
    await run((m) => setBlindMode(m, "on"));
    expect(blindState(await resolveProject(store, project.name)).on).toBe(true);
    await mutate(
      store,
      { projectId: project.id, actor: "PI", action: "blind.reveal", rationale: "coding done" },
      (m) => setBlindMode(m, "reveal"),
    );
    const after = blindState(await resolveProject(store, project.name));
    expect(after).toMatchObject({ on: false, revealedBy: "PI" });
    expect((await listEvents(store, project.id, { limit: 1 }))[0]).toMatchObject({
      action: "blind.reveal",
    });
    await expect(run((m) => setBlindMode(m, "reveal"))).rejects.toThrow(/not on/);
  });
});
