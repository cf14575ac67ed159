/**
 * The project's live event stream (server-sent events): `ready` once listening, `change` for every
 * audit event from any process, `import-progress` while an import runs, and a heartbeat comment
 * every 15 s so proxies and browsers keep the connection open.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { createRouter, useProject } from "../../context.js";
import { errorResponses, ProjectParams } from "../../schemas.js";

// Long enough to cost nothing, short enough for common idle timeouts (30–60 s).
const HEARTBEAT_MS = 15_000;

const streamRoute = createRoute({
  method: "get",
  path: "/projects/{key}/events/stream",
  tags: ["events"],
  summary: "Live changes as server-sent events (`ready`, `change`, `import-progress`)",
  description:
    "`change` data: `{ seq, action, summary, actor }`, sent whenever the project's audit log advances, " +
    "whichever process wrote it. `import-progress` data: `{ phase, file, done, total }` with phase `started`, `progress` or `finished`.",
  request: { params: ProjectParams },
  responses: {
    200: {
      description: "An endless event stream",
      content: { "text/event-stream": { schema: z.string() } },
    },
    ...errorResponses(404),
  },
});

/** The events routes. */
export const eventsRoutes = createRouter().openapi(streamRoute, async (c) => {
  const { key, project } = await useProject(c);
  const hub = c.var.hub;
  return streamSSE(c, async (stream) => {
    let wake = () => {};
    let done = false;
    const untrack = hub.track(() => stream.abort());
    const unsubscribe = await hub.subscribe(key, (event) => {
      void stream.writeSSE({
        event: event.type,
        data: JSON.stringify(event.data),
        ...(event.type === "change" ? { id: String(event.data.seq) } : {}),
      });
    });
    stream.onAbort(() => {
      done = true;
      wake();
    });
    try {
      await stream.writeSSE({ event: "ready", data: JSON.stringify({ projectId: project.id }) });
      while (!done) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, HEARTBEAT_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (!done) await stream.write(": heartbeat\n\n");
      }
    } finally {
      unsubscribe();
      untrack();
    }
  });
});
