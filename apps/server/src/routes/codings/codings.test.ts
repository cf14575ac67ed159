/** API tests of codings: create, resize, memo, delete, orphans, and their error ids. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedProject, serverBackends, type TestServer } from "../../test-support/api.js";

describe.each(serverBackends())("codings ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  let sourceId: string;
  let codeId: string;
  beforeAll(async () => {
    api = await backend.start();
    ({ key, sourceId } = await seedProject(api));
    codeId = (await api.call("POST", `/api/projects/${key}/codes`, { name: "Trust" })).body.id;
  });
  afterAll(() => api.close());

  it("codes a passage as the X-Quire-Coder coder, resizes it, writes its memo and removes it", async () => {
    const made = await api.call(
      "POST",
      `/api/projects/${key}/codings`,
      { sourceId, codeId, start: 4, end: 12, memo: "first" },
      { "X-Quire-Coder": "ann" },
    );
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      coder: "ann",
      start: 4,
      end: 12,
      memo: "first",
      status: "anchored",
    });
    const resized = await api.call("PATCH", `/api/projects/${key}/codings/${made.body.id}`, {
      start: 2,
      end: 14,
      memo: "second",
    });
    expect(resized.body).toMatchObject({ start: 2, end: 14, memo: "second" });
    const detail = await api.call("GET", `/api/projects/${key}/sources/${sourceId}`);
    expect(detail.body.codings[0]).toMatchObject({
      coder: "ann",
      codeName: "Trust",
      memo: "second",
    });
    const removed = await api.call("DELETE", `/api/projects/${key}/codings/${made.body.id}`);
    expect(removed.body).toEqual({ ok: true });
    const again = await api.call("DELETE", `/api/projects/${key}/codings/${made.body.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.id).toBe("coding_not_found");
  });

  it("refuses ranges outside the text and unknown codes", async () => {
    const outside = await api.call("POST", `/api/projects/${key}/codings`, {
      sourceId,
      codeId,
      start: 0,
      end: 99_999,
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.id).toBe("invalid_input");
    const backwards = await api.call("POST", `/api/projects/${key}/codings`, {
      sourceId,
      codeId,
      start: 5,
      end: 2,
    });
    expect(backwards.body.error.id).toBe("invalid_input");
    const unknown = await api.call("POST", `/api/projects/${key}/codings`, {
      sourceId,
      codeId: "nope",
      start: 0,
      end: 2,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.id).toBe("code_not_found");
  });

  it("lists codings orphaned by an edit that deleted their words", async () => {
    const coding = await api.call("POST", `/api/projects/${key}/codings`, {
      sourceId,
      codeId,
      start: 0,
      end: 5,
    });
    const detail = await api.call("GET", `/api/projects/${key}/sources/${sourceId}`);
    const length = detail.body.revision.text.length;
    const edited = await api.call("PATCH", `/api/projects/${key}/sources/${sourceId}/text`, {
      baseRevisionId: detail.body.revision.id,
      changes: [[10], length - 10],
    });
    expect(edited.body.orphaned).toBe(1);
    const orphans = await api.call("GET", `/api/projects/${key}/codings/orphans`);
    expect(orphans.body.codings.map((c: { id: string }) => c.id)).toEqual([coding.body.id]);
  });
});
