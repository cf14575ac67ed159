/**
 * Conformance tests of renaming and removing in systematic text condensation on every backend:
 * each is one audited mutation that undo takes back whole.
 */
import {
  addCodeGroup,
  addCoding,
  addIllustrativeQuote,
  addSource,
  addStcTheme,
  addSubgroup,
  createCode,
  createProject,
  getStcOutline,
  mutate,
  placeMeaningUnit,
  removeCodeGroup,
  removeMeaningUnit,
  removeStcTheme,
  removeSubgroup,
  renameCodeGroup,
  renameStcTheme,
  renameSubgroup,
  type Store,
  undo,
  writeAnalyticText,
  writeCondensate,
} from "@quire/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBackends } from "../test-support/backends.js";

let counter = 0;

describe.each(availableBackends())("stc rename and remove on $name", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(() => backend.cleanup());

  async function seed() {
    const project = await createProject(store, {
      name: `stc edits ${++counter}`,
      method: "stc",
      actor: "AS",
    });
    const run = <T>(work: Parameters<typeof mutate<T>>[2]) =>
      mutate(store, { projectId: project.id, actor: "AS", action: "test" }, work);
    const { k1, k2 } = await run(async (m) => {
      const s1 = await addSource(m, {
        kind: "interview",
        title: "P01",
        text: "We shared the load.",
      });
      const a = await createCode(m, { name: "A" });
      const k1 = await addCoding(m, { sourceId: s1.id, codeId: a.id, start: 3, end: 18 });
      const k2 = await addCoding(m, { sourceId: s1.id, codeId: a.id, start: 0, end: 2 });
      return { k1, k2 };
    });
    await run((m) => addStcTheme(m, "Sharing"));
    await run((m) => addCodeGroup(m, "Partnership", "Sharing"));
    await run((m) => addCodeGroup(m, "Empty", "Sharing"));
    const sub = await run((m) => addSubgroup(m, "Partnership", "Load"));
    const u1 = await run((m) =>
      placeMeaningUnit(m, { codingId: k1.id, codeGroup: "Partnership", subgroup: "Load" }),
    );
    const u2 = await run((m) =>
      placeMeaningUnit(m, { codingId: k2.id, codeGroup: "Partnership", subgroup: "Load" }),
    );
    await run((m) => writeCondensate(m, { subgroup: sub.id, text: "We shared it." }));
    await run((m) => addIllustrativeQuote(m, { subgroup: sub.id, codingId: k1.id }));
    await run((m) => writeAnalyticText(m, "Empty", "Nothing yet."));
    return { project, run, sub, u1, u2 };
  }

  it("renames themes, code groups and subgroups, refusing taken names, and undoes", async () => {
    const { project, run, sub } = await seed();
    await run((m) => renameStcTheme(m, "Sharing", "Shared burden"));
    await run((m) => renameCodeGroup(m, "Partnership", "Partners"));
    await run((m) => renameSubgroup(m, sub.id, "The load"));
    await run((m) => renameCodeGroup(m, "partners", "Partners")); // its own name, other case
    await expect(run((m) => renameCodeGroup(m, "Partners", "empty"))).rejects.toThrow(
      /already exists/,
    );
    await expect(run((m) => renameStcTheme(m, "Shared burden", " "))).rejects.toThrow(
      /needs a name/,
    );
    let outline = await getStcOutline(store, project.id);
    expect(outline.themes.map((t) => t.name)).toEqual(["Shared burden"]);
    expect(outline.codeGroups[0]?.name).toBe("Partners");
    expect(outline.codeGroups[0]?.subgroups[0]?.name).toBe("The load");
    await undo(store, project.id, "AS");
    await undo(store, project.id, "AS");
    await undo(store, project.id, "AS");
    await undo(store, project.id, "AS");
    outline = await getStcOutline(store, project.id);
    expect(outline.themes[0]?.name).toBe("Sharing");
    expect(outline.codeGroups[0]?.name).toBe("Partnership");
    expect(outline.codeGroups[0]?.subgroups[0]?.name).toBe("Load");
  });

  it("removes a subgroup (units back to unsorted), a unit, an empty group and a theme; undo restores all", async () => {
    const { project, run, sub, u1, u2 } = await seed();
    const before = await getStcOutline(store, project.id);
    await expect(run((m) => removeCodeGroup(m, "Partnership"))).rejects.toThrow(
      /code group "Partnership" still holds 2 meaning units and 1 subgroup/,
    );
    await run((m) => removeMeaningUnit(m, u2.id));
    let outline = await getStcOutline(store, project.id);
    expect(outline.codeGroups[0]?.subgroups[0]?.units.map((u) => u.id)).toEqual([u1.id]);
    expect(outline.codeGroups[0]?.subgroups[0]?.condensate?.unitIds).toEqual([u1.id]);
    const removed = await run((m) => removeSubgroup(m, sub.id));
    expect(removed.unsorted).toBe(1);
    outline = await getStcOutline(store, project.id);
    expect(outline.codeGroups[0]?.subgroups).toEqual([]);
    expect(outline.codeGroups[0]?.unsorted.map((u) => u.id)).toEqual([u1.id]);
    await run((m) => removeCodeGroup(m, "Empty"));
    const theme = await run((m) => removeStcTheme(m, "Sharing"));
    expect(theme.unplaced).toBe(1);
    outline = await getStcOutline(store, project.id);
    expect(outline.themes).toEqual([]);
    expect(outline.codeGroups.map((g) => [g.name, g.themeId])).toEqual([["Partnership", null]]);
    for (let i = 0; i < 4; i++) await undo(store, project.id, "AS");
    expect(await getStcOutline(store, project.id)).toEqual(before);
    await expect(run((m) => removeMeaningUnit(m, "nope"))).rejects.toThrow(/no meaning unit/);
  });
});
