/** API tests of the codebook: tree with counts, create, change, merge, delete (and its undo). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedProject, serverBackends, type TestServer } from "../../test-support/api.js";

describe.each(serverBackends())("codes ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  let sourceId: string;
  beforeAll(async () => {
    api = await backend.start();
    ({ key, sourceId } = await seedProject(api));
  });
  afterAll(() => api.close());

  const code = (body: object) => api.call("POST", `/api/projects/${key}/codes`, body);
  const codeAt = (codeId: string, start: number, end: number) =>
    api.call("POST", `/api/projects/${key}/codings`, { sourceId, codeId, start, end });

  it("builds a tree with counts and changes codes through PATCH", async () => {
    const parent = await code({ name: "Motives", color: "#336699" });
    expect(parent.status).toBe(201);
    expect(parent.body).toMatchObject({ name: "Motives", color: "#336699", parentId: null });
    const child = await code({ name: "Altruism", parentId: parent.body.id });
    await codeAt(child.body.id, 0, 10);
    const tree = await api.call("GET", `/api/projects/${key}/codes`);
    expect(tree.body.codes.map((c: { path: string }) => c.path)).toEqual([
      "Motives",
      "Motives / Altruism",
    ]);
    expect(tree.body.codes[1]).toMatchObject({ depth: 1, codingCount: 1, sourceCount: 1 });

    const changed = await api.call("PATCH", `/api/projects/${key}/codes/${child.body.id}`, {
      name: "Helping others",
      color: "#aa0000",
      description: { definition: "Taking part to help" },
      parentId: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: "Helping others",
      color: "#aa0000",
      parentId: null,
      description: { definition: "Taking part to help" },
    });
    const clash = await code({ name: "Motives" });
    expect(clash.status).toBe(409);
    expect(clash.body.error.id).toBe("name_conflict");
    const missing = await api.call("PATCH", `/api/projects/${key}/codes/nope`, { name: "X" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.id).toBe("code_not_found");
  });

  it("merges a code into another", async () => {
    const a = await code({ name: "Worry" });
    const b = await code({ name: "Concern" });
    await codeAt(a.body.id, 20, 30);
    const merged = await api.call("POST", `/api/projects/${key}/codes/${a.body.id}/merge`, {
      targetId: b.body.id,
    });
    expect(merged.body).toEqual({ moved: 1, duplicates: 0 });
    const tree = await api.call("GET", `/api/projects/${key}/codes`);
    expect(tree.body.codes.find((c: { name: string }) => c.name === "Worry")).toBeUndefined();
  });

  it("deletes a code with its subcodes and codings, and undo brings them back", async () => {
    const parent = await code({ name: "Barriers" });
    const child = await code({ name: "Travel", parentId: parent.body.id });
    await codeAt(parent.body.id, 5, 15);
    await codeAt(child.body.id, 40, 50);
    const deleted = await api.call("DELETE", `/api/projects/${key}/codes/${parent.body.id}`);
    expect(deleted.body).toEqual({ codes: 2, codings: 2 });
    const names = async () =>
      (await api.call("GET", `/api/projects/${key}/codes`)).body.codes.map(
        (c: { name: string }) => c.name,
      );
    expect(await names()).not.toContain("Travel");
    expect((await api.call("POST", `/api/projects/${key}/history/undo`)).status).toBe(200);
    expect(await names()).toEqual(expect.arrayContaining(["Barriers", "Travel"]));
    const tree = await api.call("GET", `/api/projects/${key}/codes`);
    expect(tree.body.codes.find((c: { name: string }) => c.name === "Travel").codingCount).toBe(1);
  });
});
