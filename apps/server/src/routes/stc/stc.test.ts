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
});
