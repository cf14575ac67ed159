/** Codings: code a passage, resize it, write its memo, remove it; list the orphans to resolve. */
import { createRoute } from "@hono/zod-openapi";
import {
  addCoding,
  findCoding,
  listOrphans,
  mutate,
  removeCoding,
  resizeCoding,
  setCodingMemo,
} from "@quire/db";
import { actor, createRouter, useProject } from "../../context.js";
import { presentCoding } from "../../presenters.js";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  OkSchema,
  ProjectParams,
  projectParamsWith,
} from "../../schemas.js";
import {
  CodingListSchema,
  CodingSchema,
  CreateCodingSchema,
  UpdateCodingSchema,
} from "./schema.js";

const tags = ["codings"];
const CodingParams = projectParamsWith("codingId");

const createCodingRoute = createRoute({
  method: "post",
  path: "/projects/{key}/codings",
  tags,
  summary: "Code a passage of a source's current text (as the X-Quire-Coder coder)",
  request: { params: ProjectParams, body: jsonBody(CreateCodingSchema) },
  responses: {
    201: jsonResponse(CodingSchema, "The coding (or the same one made before)"),
    ...errorResponses(400, 404),
  },
});

const orphansRoute = createRoute({
  method: "get",
  path: "/projects/{key}/codings/orphans",
  tags,
  summary: "Codings whose words were lost in an edit or re-import, for a person to resolve",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(CodingListSchema, "The orphans"), ...errorResponses(404) },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/projects/{key}/codings/{codingId}",
  tags,
  summary: "Resize a coding (start and end) and/or set its memo",
  request: { params: CodingParams, body: jsonBody(UpdateCodingSchema) },
  responses: {
    200: jsonResponse(CodingSchema, "The coding as it is now"),
    ...errorResponses(400, 404),
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/projects/{key}/codings/{codingId}",
  tags,
  summary: "Remove a coding (undoable)",
  request: { params: CodingParams },
  responses: { 200: jsonResponse(OkSchema, "Removed"), ...errorResponses(404) },
});

/** The codings routes. */
export const codingsRoutes = createRouter()
  .openapi(createCodingRoute, async (c) => {
    const input = c.req.valid("json");
    const { store, project } = await useProject(c);
    const coding = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "coding.create" },
      async (m) => {
        const made = await addCoding(m, input);
        m.summary = `coded "${made.anchor.exact.slice(0, 40)}"`;
        return made;
      },
    );
    return c.json(presentCoding(coding), 201);
  })
  .openapi(orphansRoute, async (c) => {
    const { store, project } = await useProject(c);
    const orphans = await listOrphans(store, project.id);
    return c.json({ codings: orphans.map(presentCoding) }, 200);
  })
  .openapi(updateRoute, async (c) => {
    const { codingId } = c.req.valid("param");
    const change = c.req.valid("json");
    const { store, project } = await useProject(c);
    const coding = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "coding.update" },
      async (m) => {
        const what: string[] = [];
        if (change.start !== undefined && change.end !== undefined) {
          await resizeCoding(m, codingId, change.start, change.end);
          what.push(`resized to ${change.start}–${change.end}`);
        }
        if (change.memo !== undefined) {
          await setCodingMemo(m, codingId, change.memo);
          what.push("memo written");
        }
        m.summary = `changed a coding: ${what.join(", ") || "no change"}`;
        return findCoding(m.store, project.id, codingId);
      },
    );
    return c.json(presentCoding(coding), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { codingId } = c.req.valid("param");
    const { store, project } = await useProject(c);
    await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "coding.delete" },
      async (m) => {
        const removed = await removeCoding(m, codingId);
        m.summary = `removed the coding of "${removed.anchor.exact.slice(0, 40)}"`;
      },
    );
    return c.json({ ok: true as const }, 200);
  });
