/**
 * The Framework Method: the versioned analytical framework (categories, codes, versions), the
 * charting matrix (cases × codes, sortable and filterable by case attributes) and its cells, and
 * indexing progress per source.
 */
import { createRoute, type z } from "@hono/zod-openapi";
import {
  addFrameworkCategory,
  addFrameworkCode,
  chartCell,
  getFramework,
  indexingProgress,
  listFrameworkVersions,
  mutate,
} from "@quire/db";
import { loadChartMatrix } from "@quire/io";
import { actor, createRouter, useProject } from "../../context.js";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  ProjectParams,
  parseWherePairs,
} from "../../schemas.js";
import {
  AddCategorySchema,
  AddCodeSchema,
  ChangedSchema,
  ChartCellSchema,
  FrameworkSchema,
  MatrixQuery,
  MatrixSchema,
  ProgressSchema,
  StoredCellSchema,
  VersionListSchema,
} from "./schema.js";

const tags = ["framework"];

const showRoute = createRoute({
  method: "get",
  path: "/projects/{key}/framework",
  tags,
  summary: "The analytical framework: categories and codes at the current version",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(FrameworkSchema, "The framework"), ...errorResponses(404) },
});
const versionsRoute = createRoute({
  method: "get",
  path: "/projects/{key}/framework/versions",
  tags,
  summary: "Every version of the framework with its content",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(VersionListSchema, "The versions"), ...errorResponses(404) },
});
const categoryRoute = createRoute({
  method: "post",
  path: "/projects/{key}/framework/categories",
  tags,
  summary: "Add a category (with its Other code); the version rises",
  request: { params: ProjectParams, body: jsonBody(AddCategorySchema) },
  responses: {
    201: jsonResponse(ChangedSchema, "The framework"),
    ...errorResponses(400, 404, 409),
  },
});
const codeRoute = createRoute({
  method: "post",
  path: "/projects/{key}/framework/codes",
  tags,
  summary: "Add a code to a category; the version rises",
  request: { params: ProjectParams, body: jsonBody(AddCodeSchema) },
  responses: {
    201: jsonResponse(ChangedSchema, "The framework"),
    ...errorResponses(400, 404, 409),
  },
});
const cellRoute = createRoute({
  method: "put",
  path: "/projects/{key}/framework/cells",
  tags,
  summary: "Chart one cell (case × code): summary, quotes by coding, or not discussed",
  request: { params: ProjectParams, body: jsonBody(ChartCellSchema) },
  responses: { 200: jsonResponse(StoredCellSchema, "The cell"), ...errorResponses(400, 404) },
});
const matrixRoute = createRoute({
  method: "get",
  path: "/projects/{key}/framework/matrix",
  tags,
  summary: "The charting matrix; unsummarised cells come prefilled from the coded text",
  request: { params: ProjectParams, query: MatrixQuery },
  responses: { 200: jsonResponse(MatrixSchema, "The matrix"), ...errorResponses(400, 404) },
});
const progressRoute = createRoute({
  method: "get",
  path: "/projects/{key}/framework/progress",
  tags,
  summary: "Indexing progress: passages per source and framework code",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(ProgressSchema, "The progress"), ...errorResponses(404) },
});

/** The framework routes. */
export const frameworkRoutes = createRouter()
  .openapi(showRoute, async (c) => {
    const { store, project } = await useProject(c);
    return c.json({ framework: await getFramework(store, project.id) }, 200);
  })
  .openapi(versionsRoute, async (c) => {
    const { store, project } = await useProject(c);
    return c.json({ versions: await listFrameworkVersions(store, project.id) }, 200);
  })
  .openapi(categoryRoute, async (c) => {
    const input = c.req.valid("json");
    const { store, project } = await useProject(c);
    const { version } = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "framework.category" },
      async (m) => {
        const added = await addFrameworkCategory(m, input);
        m.summary = `added framework category "${added.category.name}" (version ${added.version})`;
        return added;
      },
    );
    return c.json({ version, framework: await getFramework(store, project.id) }, 201);
  })
  .openapi(codeRoute, async (c) => {
    const input = c.req.valid("json");
    const { store, project } = await useProject(c);
    const { version } = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "framework.code" },
      async (m) => {
        const added = await addFrameworkCode(m, input);
        m.summary = `added framework code "${added.code.name}" (version ${added.version})`;
        return added;
      },
    );
    return c.json({ version, framework: await getFramework(store, project.id) }, 201);
  })
  .openapi(cellRoute, async (c) => {
    const input = c.req.valid("json");
    const { store, project } = await useProject(c);
    const cell = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "framework.chart" },
      async (m) => {
        const written = await chartCell(m, input);
        m.summary = `charted a cell (${written.state})`;
        return written;
      },
    );
    return c.json(cell, 200);
  })
  .openapi(matrixRoute, async (c) => {
    const query = c.req.valid("query");
    const { store, project } = await useProject(c);
    const matrix = await loadChartMatrix(store, project.id, {
      where: parseWherePairs(query.where),
      ...(query.sort
        ? { sort: { attribute: query.sort, direction: query.direction ?? "asc" } }
        : {}),
    });
    // Case attributes are JSON values already; the analysis types them loosely as unknown.
    return c.json(matrix as unknown as z.infer<typeof MatrixSchema>, 200);
  })
  .openapi(progressRoute, async (c) => {
    const { store, project } = await useProject(c);
    return c.json({ sources: await indexingProgress(store, project.id) }, 200);
  });
