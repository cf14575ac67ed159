/** API tests of the history: the audit log, undo and redo. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverBackends, type TestServer } from "../../test-support/api.js";

describe.each(serverBackends())("history ($name)", (backend) => {
  let api: TestServer;
  beforeAll(async () => {
    api = await backend.start();
  });
  afterAll(() => api.close());

  it("undoes and redoes changes, and says when there is nothing to undo or redo", async () => {
    const key = (await api.call("POST", "/api/projects", { name: "History" })).body.key;
    const nothing = await api.call("POST", `/api/projects/${key}/history/undo`);
    expect(nothing.status).toBe(409);
    expect(nothing.body.error.id).toBe("nothing_to_undo");
    expect((await api.call("POST", `/api/projects/${key}/history/redo`)).body.error.id).toBe(
      "nothing_to_redo",
    );

    await api.call(
      "POST",
      `/api/projects/${key}/codes`,
      { name: "Hope" },
      { "X-Quire-Coder": "ann" },
    );
    const codes = async () =>
      (await api.call("GET", `/api/projects/${key}/codes`)).body.codes.length;
    expect(await codes()).toBe(1);
    const undone = await api.call("POST", `/api/projects/${key}/history/undo`);
    expect(undone.body.event).toMatchObject({
      action: "code.create",
      actor: "ann",
      reverted: true,
    });
    expect(await codes()).toBe(0);
    const redone = await api.call("POST", `/api/projects/${key}/history/redo`);
    expect(redone.body.event.reverted).toBe(false);
    expect(await codes()).toBe(1);

    const events = await api.call("GET", `/api/projects/${key}/history/events?limit=2`);
    expect(events.body.events.map((e: { action: string }) => e.action)).toEqual(["redo", "undo"]);
  });
});
