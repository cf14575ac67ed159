/**
 * API tests of the live event stream: a change made through a separate store connection (as the
 * CLI makes it) reaches a listener, as do changes made through the API and import progress.
 */
import { createCode, mutate, openStore, resolveProject } from "@quire/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverBackends, type TestServer, TRANSCRIPT } from "../../test-support/api.js";

interface SseEvent {
  event: string;
  data: string;
}

/** Opens a stream and collects its events; `next` waits for the next one of a type. */
async function openStream(url: string) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  if (!response.body) throw new Error("no stream");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffer = "";
  const pump = async (): Promise<void> => {
    const { value, done } = await reader.read();
    if (done) throw new Error("the stream ended");
    buffer += value;
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data !== undefined) events.push({ event, data });
      end = buffer.indexOf("\n\n");
    }
  };
  return {
    status: response.status,
    async next(type: string, timeoutMs = 5000): Promise<unknown> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = events.findIndex((each) => each.event === type);
        if (index >= 0) return JSON.parse(events.splice(index, 1)[0]?.data ?? "null");
        if (Date.now() > deadline) throw new Error(`no ${type} event within ${timeoutMs} ms`);
        await pump();
      }
    },
    close: () => controller.abort(),
  };
}

describe.each(serverBackends())("events ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  beforeAll(async () => {
    api = await backend.start();
    key = (await api.call("POST", "/api/projects", { name: "Live" })).body.key;
  });
  afterAll(() => api.close());

  it("sends a change made by another process on the same store", async () => {
    const stream = await openStream(`${api.server.url}/api/projects/${key}/events/stream`);
    expect(stream.status).toBe(200);
    await stream.next("ready");
    const other = await openStore(api.server.workspace.storeLocation(key));
    try {
      const project = await resolveProject(other, "Live");
      await mutate(
        other,
        { projectId: project.id, actor: "cli-user", action: "code.create" },
        async (m) => {
          await createCode(m, { name: "From the CLI" });
          m.summary = 'created code "From the CLI"';
        },
      );
    } finally {
      await other.close();
    }
    const change = await stream.next("change");
    expect(change).toMatchObject({
      action: "code.create",
      actor: "cli-user",
      summary: 'created code "From the CLI"',
    });
    expect((change as { seq: number }).seq).toBeGreaterThan(1);
    stream.close();
  });

  it("sends changes made through the API and import progress, with one poller per project", async () => {
    const first = await openStream(`${api.server.url}/api/projects/${key}/events/stream`);
    const second = await openStream(`${api.server.url}/api/projects/${key}/events/stream`);
    await first.next("ready");
    await second.next("ready");
    const form = new FormData();
    form.append("files", new Blob([TRANSCRIPT]), "P01.txt");
    expect((await api.call("POST", `/api/projects/${key}/imports`, form)).status).toBe(200);
    expect(await first.next("import-progress")).toMatchObject({
      phase: "started",
      file: "P01.txt",
    });
    expect(await first.next("import-progress")).toMatchObject({
      phase: "finished",
      file: "P01.txt",
    });
    expect(await first.next("change")).toMatchObject({ action: "import" });
    expect(await second.next("change")).toMatchObject({ action: "import" });
    expect(api.server.hub.pollerCount).toBe(1);
    first.close();
    second.close();
    const missing = await fetch(`${api.server.url}/api/projects/nope/events/stream`);
    expect(missing.status).toBe(404);
  });
});
