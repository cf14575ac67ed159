/** The codebook: the tree with counts, create, change (rename, recolour, describe, move), merge, delete. */
import { createRoute } from "@hono/zod-openapi";
import {
  createCode,
  deleteCode,
  listCodesWithCounts,
  mergeCodes,
  moveCode,
  mutate,
  renameCode,
  updateCodeStyle,
} from "@quire/db";
import { actor, createRouter, useProject } from "../../context.js";
import { presentCode } from "../../presenters.js";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  ProjectParams,
  projectParamsWith,
} from "../../schemas.js";
import {
  CodeSchema,
  CodeTreeSchema,
  CreateCodeSchema,
  DeleteCodeResultSchema,
  MergeCodeSchema,
  MergeResultSchema,
  UpdateCodeSchema,
} from "./schema.js";

const tags = ["codes"];
const CodeParams = projectParamsWith("codeId");

const listRoute = createRoute({
  method: "get",
  path: "/projects/{key}/codes",
  tags,
  summary: "The codebook in tree order with coding and source counts",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(CodeTreeSchema, "The codebook"), ...errorResponses(404) },
});

const createCodeRoute = createRoute({
  method: "post",
  path: "/projects/{key}/codes",
  tags,
  summary: "Create a code (colour defaults to the next palette colour)",
  request: { params: ProjectParams, body: jsonBody(CreateCodeSchema) },
  responses: {
    201: jsonResponse(CodeSchema, "The new code"),
    ...errorResponses(400, 404, 409),
  },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/projects/{key}/codes/{codeId}",
  tags,
  summary: "Rename, recolour, describe or move a code",
  request: { params: CodeParams, body: jsonBody(UpdateCodeSchema) },
  responses: {
    200: jsonResponse(CodeSchema, "The code as it is now"),
    ...errorResponses(400, 404, 409),
  },
});

const mergeRoute = createRoute({
  method: "post",
  path: "/projects/{key}/codes/{codeId}/merge",
  tags,
  summary: "Merge this code into another: its codings and children move, it is deleted",
  request: { params: CodeParams, body: jsonBody(MergeCodeSchema) },
  responses: {
    200: jsonResponse(MergeResultSchema, "How many codings moved"),
    ...errorResponses(400, 404, 409),
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/projects/{key}/codes/{codeId}",
  tags,
  summary: "Delete a code with its subcodes and their codings (undoable)",
  request: { params: CodeParams },
  responses: {
    200: jsonResponse(DeleteCodeResultSchema, "What was deleted"),
    ...errorResponses(404),
  },
});

/** The codes routes. */
export const codesRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { store, project } = await useProject(c);
    const codes = await listCodesWithCounts(store, project.id);
    return c.json(
      {
        codes: codes.map((code) => ({
          ...presentCode(code),
          path: code.path,
          depth: code.depth,
          codingCount: code.codingCount,
          sourceCount: code.sourceCount,
        })),
      },
      200,
    );
  })
  .openapi(createCodeRoute, async (c) => {
    const input = c.req.valid("json");
    const { store, project } = await useProject(c);
    const code = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "code.create" },
      async (m) => {
        const created = await createCode(m, input);
        m.summary = `created code "${created.name}"`;
        return created;
      },
    );
    return c.json(presentCode(code), 201);
  })
  .openapi(updateRoute, async (c) => {
    const { codeId } = c.req.valid("param");
    const change = c.req.valid("json");
    const { store, project } = await useProject(c);
    const code = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "code.update" },
      async (m) => {
        const what: string[] = [];
        let code = await updateCodeStyle(m, codeId, change);
        const before = code.name;
        if (change.color !== undefined) what.push("recoloured");
        if (change.description !== undefined || change.origin !== undefined) what.push("described");
        if (change.name !== undefined && change.name !== code.name) {
          code = await renameCode(m, codeId, change.name);
          what.push(`renamed to "${code.name}"`);
        }
        if (change.parentId !== undefined && change.parentId !== code.parentId) {
          code = await moveCode(m, codeId, change.parentId);
          what.push("moved");
        }
        m.summary = `changed code "${before}": ${what.join(", ") || "no change"}`;
        return code;
      },
    );
    return c.json(presentCode(code), 200);
  })
  .openapi(mergeRoute, async (c) => {
    const { codeId } = c.req.valid("param");
    const { targetId } = c.req.valid("json");
    const { store, project } = await useProject(c);
    const result = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "code.merge" },
      async (m) => {
        const merged = await mergeCodes(m, codeId, targetId);
        m.summary = `merged a code into another (${merged.moved} codings moved)`;
        return merged;
      },
    );
    return c.json(result, 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { codeId } = c.req.valid("param");
    const { store, project } = await useProject(c);
    const result = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "code.delete" },
      async (m) => {
        const deleted = await deleteCode(m, codeId);
        m.summary = `deleted code "${deleted.name}" with ${deleted.codings} codings`;
        return deleted;
      },
    );
    return c.json({ codes: result.codes, codings: result.codings }, 200);
  });
