/** API tests of systematic text condensation: the outline, labelled condensates, quotes, the grid. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedProject, serverBackends, type TestServer } from "../../test-support/api.js";

describe.each(serverBackends())("stc ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  let sourceId: string;
  beforeAll(async () => {
    api = await backend.start();
    ({ key, sourceId } = await seedProject(api, "STC study"));
    await api.call("PATCH", `/api/projects/${key}`, { method: "stc" });
  });
  afterAll(() => api.close());

  it("condenses meaning units; condensates always come flagged artificial and labelled", async () => {
    const P = `/api/projects/${key}`;
    const code = (await api.call("POST", `${P}/codes`, { name: "Worry" })).body;
    const coding = (
      await api.call("POST", `${P}/codings`, { sourceId, codeId: code.id, start: 107, end: 128 })
    ).body;
    await api.call("POST", `${P}/stc/themes`, { name: "Risk" });
    const group = await api.call("POST", `${P}/stc/groups`, {
      name: "Weighing risk",
      theme: "Risk",
    });
    expect(group.status).toBe(201);
    const subgroup = (
      await api.call("POST", `${P}/stc/subgroups`, { group: "Weighing risk", name: "Side effects" })
    ).body;
    expect(
      (
        await api.call("POST", `${P}/stc/units`, {
          codingId: coding.id,
          group: group.body.id,
          subgroup: subgroup.id,
        })
      ).status,
    ).toBe(200);
    const condensate = await api.call("PUT", `${P}/stc/subgroups/${subgroup.id}/condensate`, {
      text: "I worried a bit about side effects.",
    });
    expect(condensate.body).toMatchObject({
      artificial: true,
      label: expect.stringMatching(/artificial quotation/),
    });
    expect(condensate.body.text).toMatch(/^\[Condensate/);
    await api.call("POST", `${P}/stc/subgroups/${subgroup.id}/quotes`, { codingId: coding.id });
    await api.call("PUT", `${P}/stc/groups/${group.body.id}/analysis`, {
      body: "Risk was weighed.",
    });
    await api.call("PUT", `${P}/stc/checks/${sourceId}`, { reread: true, validated: true });
    const outline = await api.call("GET", `${P}/stc`);
    const side = outline.body.codeGroups[0].subgroups[0];
    expect(side.condensate.artificial).toBe(true);
    expect(side.quotes[0].text).toBe(coding.exact);
    expect(outline.body.codeGroups[0].analyticText).toBe("Risk was weighed.");
    const grid = await api.call("GET", `${P}/stc/grid`);
    expect(grid.body.rows[0]).toMatchObject({ units: [1], reread: true, validated: true });
  });

  it("renames and removes themes, code groups, subgroups and meaning units; undo restores", async () => {
    const P = `/api/projects/${key}`;
    const code = (await api.call("POST", `${P}/codes`, { name: "Hope" })).body;
    const coding = (
      await api.call("POST", `${P}/codings`, { sourceId, codeId: code.id, start: 0, end: 20 })
    ).body;
    const theme = (await api.call("POST", `${P}/stc/themes`, { name: "Future" })).body;
    const group = (await api.call("POST", `${P}/stc/groups`, { name: "Hoping", theme: "Future" }))
      .body;
    const subgroup = (
      await api.call("POST", `${P}/stc/subgroups`, { group: group.id, name: "Soon" })
    ).body;
    await api.call("POST", `${P}/stc/units`, {
      codingId: coding.id,
      group: group.id,
      subgroup: subgroup.id,
    });
    const renamed = await api.call("PATCH", `${P}/stc/themes/${theme.id}`, { name: "Futures" });
    expect(renamed).toMatchObject({ status: 200, body: { id: theme.id, name: "Futures" } });
    expect(
      (await api.call("PATCH", `${P}/stc/groups/${group.id}`, { name: "Weighing risk" })).status,
    ).toBe(409);
    expect(
      (await api.call("PATCH", `${P}/stc/groups/${group.id}`, { name: "Hopes" })).body.name,
    ).toBe("Hopes");
    expect(
      (await api.call("PATCH", `${P}/stc/subgroups/${subgroup.id}`, { name: "Later" })).body.name,
    ).toBe("Later");
    const refused = await api.call("DELETE", `${P}/stc/groups/${group.id}`);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toMatch(/Hopes/);
    expect((await api.call("DELETE", `${P}/stc/subgroups/${subgroup.id}`)).status).toBe(200);
    let hopes = (await api.call("GET", `${P}/stc`)).body.codeGroups.find(
      (g: { id: string }) => g.id === group.id,
    );
    expect(hopes.subgroups).toEqual([]);
    const unitId = hopes.unsorted[0].id;
    expect((await api.call("DELETE", `${P}/stc/units/${unitId}`)).status).toBe(200);
    expect((await api.call("DELETE", `${P}/stc/groups/${group.id}`)).status).toBe(200);
    expect((await api.call("DELETE", `${P}/stc/themes/${theme.id}`)).status).toBe(200);
    expect((await api.call("DELETE", `${P}/stc/themes/${theme.id}`)).status).toBe(404);
    let outline = (await api.call("GET", `${P}/stc`)).body;
    expect(outline.themes.map((t: { name: string }) => t.name)).not.toContain("Futures");
    for (let i = 0; i < 4; i++) await api.call("POST", `${P}/history/undo`);
    outline = (await api.call("GET", `${P}/stc`)).body;
    hopes = outline.codeGroups.find((g: { id: string }) => g.id === group.id);
    expect(hopes).toMatchObject({ name: "Hopes", themeId: theme.id });
    expect(hopes.subgroups[0]).toMatchObject({ name: "Later", units: [{ id: unitId }] });
  });
});
