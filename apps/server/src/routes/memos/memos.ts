/**
 * Memos on any object, and the project's reflexive journal: list, write, edit (versions rise),
 * delete (undoable, like every change).
 */
import { createRoute } from "@hono/zod-openapi";
import type { Memo } from "@quire/core";
import { addMemo, deleteMemo, editMemo, listMemos, mutate } from "@quire/db";
import { actor, createRouter, useProject } from "../../context.js";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  OkSchema,
  ProjectParams,
  projectParamsWith,
} from "../../schemas.js";
import {
  CreateMemoSchema,
  MemoListQuery,
  MemoListSchema,
  MemoSchema,
  UpdateMemoSchema,
} from "./schema.js";

const tags = ["memos"];

const listRoute = createRoute({
  method: "get",
  path: "/projects/{key}/memos",
  tags,
  summary: "List memos by target and kind (kind=reflexive_journal for the journal)",
  request: { params: ProjectParams, query: MemoListQuery },
  responses: {
    200: jsonResponse(MemoListSchema, "The memos, oldest first"),
    ...errorResponses(400, 404),
  },
});

const createMemoRoute = createRoute({
  method: "post",
  path: "/projects/{key}/memos",
  tags,
  summary: "Write a memo",
  request: { params: ProjectParams, body: jsonBody(CreateMemoSchema) },
  responses: { 201: jsonResponse(MemoSchema, "The memo"), ...errorResponses(400, 404) },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/projects/{key}/memos/{memoId}",
  tags,
  summary: "Edit a memo; its version rises and the earlier text stays in the history",
  request: { params: projectParamsWith("memoId"), body: jsonBody(UpdateMemoSchema) },
  responses: {
    200: jsonResponse(MemoSchema, "The memo as it is now"),
    ...errorResponses(400, 404),
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/projects/{key}/memos/{memoId}",
  tags,
  summary: "Delete a memo (undo brings it back)",
  request: { params: projectParamsWith("memoId") },
  responses: { 200: jsonResponse(OkSchema, "Deleted"), ...errorResponses(404) },
});

const presentMemo = (memo: Memo) => ({ ...memo, id: memo.id as string, projectId: undefined });

/** The memos routes. */
export const memosRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const filter = c.req.valid("query");
    const { store, project } = await useProject(c);
    const memos = await listMemos(store, project.id, filter);
    return c.json({ memos: memos.map(presentMemo) }, 200);
  })
  .openapi(createMemoRoute, async (c) => {
    const input = c.req.valid("json");
    const { store, project } = await useProject(c);
    const memo = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "memo.create" },
      async (m) => {
        const written = await addMemo(m, input);
        m.summary = `wrote a ${written.kind.replace("_", " ")} memo${written.title ? ` "${written.title}"` : ""}`;
        return written;
      },
    );
    return c.json(presentMemo(memo), 201);
  })
  .openapi(updateRoute, async (c) => {
    const { memoId } = c.req.valid("param");
    const change = c.req.valid("json");
    const { store, project } = await useProject(c);
    const memo = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "memo.edit" },
      async (m) => {
        const edited = await editMemo(m, memoId, change);
        m.summary = `edited memo "${edited.title}" (version ${edited.version})`;
        return edited;
      },
    );
    return c.json(presentMemo(memo), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { memoId } = c.req.valid("param");
    const { store, project } = await useProject(c);
    await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "memo.delete" },
      async (m) => {
        const deleted = await deleteMemo(m, memoId);
        m.summary = `deleted memo${deleted.title ? ` "${deleted.title}"` : ""}`;
      },
    );
    return c.json({ ok: true as const }, 200);
  });
