/** The project's history: the audit log newest first, undo and redo. */
import { createRoute } from "@hono/zod-openapi";
import type { AuditEvent } from "@quire/core";
import { listEvents, redo, undo } from "@quire/db";
import { actor, createRouter, useProject } from "../../context.js";
import { errorResponses, jsonResponse, PageQuery, ProjectParams } from "../../schemas.js";
import { EventListSchema, HistoryStepSchema } from "./schema.js";

const tags = ["history"];

const eventsRoute = createRoute({
  method: "get",
  path: "/projects/{key}/history/events",
  tags,
  summary: "The audit log, newest first",
  request: { params: ProjectParams, query: PageQuery },
  responses: {
    200: jsonResponse(EventListSchema, "A page of events"),
    ...errorResponses(400, 404),
  },
});

const undoRoute = createRoute({
  method: "post",
  path: "/projects/{key}/history/undo",
  tags,
  summary: "Undo the latest change not yet undone (409 nothing_to_undo)",
  request: { params: ProjectParams },
  responses: {
    200: jsonResponse(HistoryStepSchema, "What was undone"),
    ...errorResponses(404, 409),
  },
});

const redoRoute = createRoute({
  method: "post",
  path: "/projects/{key}/history/redo",
  tags,
  summary: "Redo the latest undone change (409 nothing_to_redo)",
  request: { params: ProjectParams },
  responses: {
    200: jsonResponse(HistoryStepSchema, "What was redone"),
    ...errorResponses(404, 409),
  },
});

const presentEvent = (event: AuditEvent) => ({
  seq: event.seq,
  at: event.at,
  actor: event.actor,
  action: event.action,
  summary: event.summary,
  rationale: event.rationale,
  targetSeq: event.targetSeq,
  reverted: event.reverted,
});

/** The history routes. */
export const historyRoutes = createRouter()
  .openapi(eventsRoute, async (c) => {
    const page = c.req.valid("query");
    const { store, project } = await useProject(c);
    const events = await listEvents(store, project.id, page);
    return c.json({ events: events.map(presentEvent) }, 200);
  })
  .openapi(undoRoute, async (c) => {
    const { store, project } = await useProject(c);
    return c.json({ event: presentEvent(await undo(store, project.id, actor(c))) }, 200);
  })
  .openapi(redoRoute, async (c) => {
    const { store, project } = await useProject(c);
    return c.json({ event: presentEvent(await redo(store, project.id, actor(c))) }, 200);
  });
