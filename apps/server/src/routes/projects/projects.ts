/** Projects: list the workspace with counts, create, show, rename or change method, delete. */
import { createRoute } from "@hono/zod-openapi";
import { projectCounts, setProjectMethod } from "@quire/db";
import { actor, createRouter, useProject } from "../../context.js";
import { presentProject } from "../../presenters.js";
import { errorResponses, jsonBody, jsonResponse, OkSchema, ProjectParams } from "../../schemas.js";
import {
  CreateProjectSchema,
  ProjectListSchema,
  ProjectSchema,
  UpdateProjectSchema,
} from "./schema.js";

const tags = ["projects"];

const listRoute = createRoute({
  method: "get",
  path: "/projects",
  tags,
  summary: "List the workspace's projects with their counts",
  responses: { 200: jsonResponse(ProjectListSchema, "The projects") },
});

const createProjectRoute = createRoute({
  method: "post",
  path: "/projects",
  tags,
  summary: "Create a project",
  request: { body: jsonBody(CreateProjectSchema) },
  responses: {
    201: jsonResponse(ProjectSchema, "The new project"),
    ...errorResponses(400, 409),
  },
});

const showRoute = createRoute({
  method: "get",
  path: "/projects/{key}",
  tags,
  summary: "Show a project with its counts",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(ProjectSchema, "The project"), ...errorResponses(404) },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/projects/{key}",
  tags,
  summary: "Rename a project (its key and file follow) or change its method",
  request: { params: ProjectParams, body: jsonBody(UpdateProjectSchema) },
  responses: {
    200: jsonResponse(ProjectSchema, "The project as it is now"),
    ...errorResponses(400, 404, 409),
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/projects/{key}",
  tags,
  summary: "Delete a project (a study file is moved to the workspace's .trash folder)",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(OkSchema, "Deleted"), ...errorResponses(404) },
});

/** The projects routes. */
export const projectsRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const workspace = c.var.workspace;
    const projects = await workspace.list();
    return c.json(
      {
        workspace: { kind: workspace.kind, location: workspace.location },
        projects: projects.map((each) => presentProject(each.key, each.project, each.counts)),
      },
      200,
    );
  })
  .openapi(createProjectRoute, async (c) => {
    const input = c.req.valid("json");
    const { key, store, project } = await c.var.workspace.create({ ...input, actor: actor(c) });
    return c.json(presentProject(key, project, await projectCounts(store, project.id)), 201);
  })
  .openapi(showRoute, async (c) => {
    const { key, store, project } = await useProject(c);
    return c.json(presentProject(key, project, await projectCounts(store, project.id)), 200);
  })
  .openapi(updateRoute, async (c) => {
    const change = c.req.valid("json");
    let open = await useProject(c);
    if (change.method !== undefined)
      await setProjectMethod(open.store, open.project, change.method, actor(c));
    if (change.name !== undefined && change.name !== open.project.name)
      open = await c.var.workspace.rename(open.key, change.name, actor(c));
    else open = await c.var.workspace.open(open.key);
    const { key, store, project } = open;
    return c.json(presentProject(key, project, await projectCounts(store, project.id)), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { key } = await useProject(c);
    await c.var.workspace.remove(key);
    return c.json({ ok: true as const }, 200);
  });
