/** API tests of memos and the reflexive journal. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedProject, serverBackends, type TestServer } from "../../test-support/api.js";

describe.each(serverBackends())("memos ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  let sourceId: string;
  beforeAll(async () => {
    api = await backend.start();
    ({ key, sourceId } = await seedProject(api));
  });
  afterAll(() => api.close());

  it("writes journal entries and memos on objects, lists them by kind and target, edits them", async () => {
    const entry = await api.call(
      "POST",
      `/api/projects/${key}/memos`,
      { kind: "reflexive_journal", title: "Day 1", body: "I expected more worry." },
      { "X-Quire-Coder": "ann" },
    );
    expect(entry.status).toBe(201);
    expect(entry.body).toMatchObject({ targetType: "project", author: "ann", version: 1 });
    await api.call("POST", `/api/projects/${key}/memos`, {
      kind: "familiarisation",
      body: "Short, guarded answers.",
      targetType: "source",
      targetId: sourceId,
    });
    const journal = await api.call("GET", `/api/projects/${key}/memos?kind=reflexive_journal`);
    expect(journal.body.memos.map((m: { title: string }) => m.title)).toEqual(["Day 1"]);
    const onSource = await api.call(
      "GET",
      `/api/projects/${key}/memos?targetType=source&targetId=${sourceId}`,
    );
    expect(onSource.body.memos).toHaveLength(1);
    const edited = await api.call("PATCH", `/api/projects/${key}/memos/${entry.body.id}`, {
      body: "Revised.",
    });
    expect(edited.body).toMatchObject({ body: "Revised.", version: 2, title: "Day 1" });
    const missing = await api.call("PATCH", `/api/projects/${key}/memos/nope`, { body: "x" });
    expect(missing.body.error.id).toBe("memo_not_found");
    const bad = await api.call("POST", `/api/projects/${key}/memos`, { kind: "diary", body: "x" });
    expect(bad.body.error.id).toBe("invalid_input");
  });

  it("deletes a memo, and undo brings it back as it was", async () => {
    const memo = await api.call("POST", `/api/projects/${key}/memos`, {
      kind: "analytic",
      title: "Second thoughts",
      body: "Too early to call this a theme.",
    });
    const titles = async () =>
      (await api.call("GET", `/api/projects/${key}/memos?kind=analytic`)).body.memos.map(
        (m: { title: string }) => m.title,
      );
    expect(await titles()).toContain("Second thoughts");
    const deleted = await api.call("DELETE", `/api/projects/${key}/memos/${memo.body.id}`);
    expect(deleted.status).toBe(200);
    expect(await titles()).not.toContain("Second thoughts");
    const again = await api.call("DELETE", `/api/projects/${key}/memos/${memo.body.id}`);
    expect(again.body.error.id).toBe("memo_not_found");
    await api.call("POST", `/api/projects/${key}/history/undo`);
    const restored = (await api.call("GET", `/api/projects/${key}/memos?kind=analytic`)).body.memos;
    expect(restored).toContainEqual(
      expect.objectContaining({ id: memo.body.id, body: "Too early to call this a theme." }),
    );
  });
});
