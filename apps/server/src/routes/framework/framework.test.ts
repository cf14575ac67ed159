/** API tests of the Framework Method: versioned framework, charted and prefilled cells, the matrix. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedProject, serverBackends, type TestServer } from "../../test-support/api.js";

describe.each(serverBackends())("framework ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  let sourceId: string;
  beforeAll(async () => {
    api = await backend.start();
    ({ key, sourceId } = await seedProject(api, "Framework study"));
    await api.call("PATCH", `/api/projects/${key}`, { method: "framework" });
  });
  afterAll(() => api.close());

  it("versions the framework and charts the matrix with prefilled, flagged cells", async () => {
    const P = `/api/projects/${key}`;
    const category = await api.call("POST", `${P}/framework/categories`, {
      name: "Decision",
      abbreviation: "D",
    });
    expect(category.status).toBe(201);
    expect(category.body.version).toBe(1);
    const added = await api.call("POST", `${P}/framework/codes`, {
      category: "Decision",
      name: "Trust in doctor",
      abbreviation: "D1",
      origin: "a_priori",
    });
    expect(added.body.version).toBe(2);
    const codes = added.body.framework.categories[0].codes;
    const trust = codes.find((c: { abbreviation: string }) => c.abbreviation === "D1");
    const other = codes.find((c: { isOther: boolean }) => c.isOther);
    await api.call("POST", `${P}/codings`, { sourceId, codeId: trust.codeId, start: 72, end: 84 });
    const source = await api.call("GET", `${P}/sources/${sourceId}`);
    const caseId = source.body.source.caseId;
    let matrix = await api.call("GET", `${P}/framework/matrix`);
    expect(matrix.body.rows[0].cells[0]).toMatchObject({
      state: "unsummarised",
      summary: source.body.revision.text.slice(72, 84).trim(),
    });
    await api.call("PUT", `${P}/framework/cells`, {
      caseId,
      codeId: other.codeId,
      state: "not_discussed",
    });
    const cell = await api.call("PUT", `${P}/framework/cells`, {
      caseId,
      codeId: trust.codeId,
      summary: "Joins because of trust",
      quoteCodingIds: [matrix.body.rows[0].cells[0].codingIds[0]],
    });
    expect(cell.body).toMatchObject({
      state: "charted",
      quotes: [{ text: source.body.revision.text.slice(72, 84) }],
    });
    matrix = await api.call("GET", `${P}/framework/matrix`);
    expect(matrix.body.rows[0].cells.map((c: { state: string }) => c.state)).toEqual([
      "charted",
      "not_discussed",
    ]);
    expect((await api.call("GET", `${P}/framework/matrix?where=nope:x`)).body.rows).toEqual([]);
    expect((await api.call("GET", `${P}/framework/versions`)).body.versions).toHaveLength(2);
    expect((await api.call("GET", `${P}/framework/progress`)).body.sources[0].codings).toBe(1);
    const bad = await api.call("PUT", `${P}/framework/cells`, {
      caseId,
      codeId: trust.codeId,
      state: "charted",
    });
    expect(bad.status).toBe(400);
  });
});
