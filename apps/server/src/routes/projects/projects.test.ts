/** API tests of the projects resource, through the real server. */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverBackends, type TestServer } from "../../test-support/api.js";

describe.each(serverBackends())("projects ($name)", (backend) => {
  let api: TestServer;
  beforeAll(async () => {
    api = await backend.start();
  });
  afterAll(() => api.close());

  it("creates, lists, shows, renames, changes method and deletes a project", async () => {
    expect((await api.call("GET", "/api/projects")).body.projects).toEqual([]);
    const created = await api.call("POST", "/api/projects", {
      name: "Ward Study",
      method: "framework",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: "ward-study",
      name: "Ward Study",
      method: "framework",
    });
    expect(created.body.counts).toMatchObject({ sources: 0, codes: 0, codings: 0 });

    const list = await api.call("GET", "/api/projects");
    expect(list.body.projects.map((each: { key: string }) => each.key)).toEqual(["ward-study"]);

    const renamed = await api.call("PATCH", "/api/projects/ward-study", {
      name: "Ward Study II",
      method: "stc",
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      key: "ward-study-ii",
      name: "Ward Study II",
      method: "stc",
    });
    if (backend.name === "sqlite") {
      expect(existsSync(join(api.home, "ward-study-ii.quire"))).toBe(true);
      expect(existsSync(join(api.home, "ward-study.quire"))).toBe(false);
    }
    expect((await api.call("GET", "/api/projects/ward-study")).body.error.id).toBe(
      "project_not_found",
    );

    const deleted = await api.call("DELETE", "/api/projects/ward-study-ii");
    expect(deleted).toEqual({ status: 200, body: { ok: true } });
    if (backend.name === "sqlite")
      expect(
        readdirSync(join(api.home, ".trash")).some((name) => name.startsWith("ward-study-ii")),
      ).toBe(true);
    const gone = await api.call("GET", "/api/projects/ward-study-ii");
    expect(gone).toEqual({
      status: 404,
      body: {
        error: { id: "project_not_found", message: 'no project "ward-study-ii" in this workspace' },
      },
    });
  });

  it("refuses a taken name and bad input with stable ids", async () => {
    await api.call("POST", "/api/projects", { name: "Twice" });
    const again = await api.call("POST", "/api/projects", { name: "Twice" });
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe("name_conflict");
    const bad = await api.call("POST", "/api/projects", { name: "", method: "astrology" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.id).toBe("invalid_input");
    const malformed = await fetch(`${api.server.url}/api/projects`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { id: string } }).error.id).toBe("invalid_input");
  });
});
