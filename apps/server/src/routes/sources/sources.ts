/** Sources: the paged, filtered list; one source with text, turns and codings; editing its text. */
import { createRoute } from "@hono/zod-openapi";
import { getSourceDetail, listSourceCodings, querySources } from "@quire/db";
import { sourceTextEditor } from "../../commands/source-text-editor.js";
import { actor, createRouter, useProject } from "../../context.js";
import { presentSourceDetail, presentSourceRow } from "../../presenters.js";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  ProjectParams,
  parseWherePairs,
  projectParamsWith,
} from "../../schemas.js";
import { onlyCoder, visibleCoder } from "../agreement/blind.js";
import {
  EditResultSchema,
  EditTextSchema,
  SourceDetailSchema,
  SourceListQuery,
  SourceListSchema,
} from "./schema.js";

const tags = ["sources"];
const SourceParams = projectParamsWith("sourceId");

const listRoute = createRoute({
  method: "get",
  path: "/projects/{key}/sources",
  tags,
  summary: "List sources a page at a time, filtered and sorted, with the total",
  request: { params: ProjectParams, query: SourceListQuery },
  responses: {
    200: jsonResponse(SourceListSchema, "A page of sources"),
    ...errorResponses(400, 404),
  },
});

const showRoute = createRoute({
  method: "get",
  path: "/projects/{key}/sources/{sourceId}",
  tags,
  summary: "Open a source: its current revision, speaker turns and codings",
  request: { params: SourceParams },
  responses: { 200: jsonResponse(SourceDetailSchema, "The source"), ...errorResponses(404) },
});

const editRoute = createRoute({
  method: "patch",
  path: "/projects/{key}/sources/{sourceId}/text",
  tags,
  summary: "Edit a source's text with a change set; codings follow their words",
  request: { params: SourceParams, body: jsonBody(EditTextSchema) },
  responses: {
    200: jsonResponse(EditResultSchema, "The new revision and what happened to the codings"),
    ...errorResponses(400, 404, 409),
  },
});

/** The sources routes. */
export const sourcesRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const { store, project } = await useProject(c);
    const page = await querySources(store, project.id, {
      kind: query.kind,
      titleContains: query.title,
      where: parseWherePairs(query.where),
      sort: query.sort,
      direction: query.direction,
      limit: query.limit,
      offset: query.offset,
    });
    return c.json({ total: page.total, sources: page.sources.map(presentSourceRow) }, 200);
  })
  .openapi(showRoute, async (c) => {
    const { sourceId } = c.req.valid("param");
    const open = await useProject(c);
    const { store, project } = open;
    const detail = await getSourceDetail(store, project.id, sourceId);
    // Blind coding: a coder sees only their own codings until they are revealed.
    const codings = onlyCoder(
      await listSourceCodings(store, project.id, detail.source.id),
      visibleCoder(c, open),
    );
    return c.json(presentSourceDetail(detail, codings), 200);
  })
  .openapi(editRoute, async (c) => {
    const { sourceId } = c.req.valid("param");
    const body = c.req.valid("json");
    const { store, project } = await useProject(c);
    const result = await sourceTextEditor({
      store,
      projectId: project.id,
      actor: actor(c),
      sourceId,
      baseRevisionId: body.baseRevisionId,
      changes: body.changes,
    });
    return c.json(
      {
        revision: { id: result.revision.id as string, number: result.revision.number },
        orphaned: result.orphaned,
        remapped: result.remapped,
        fuzzy: result.fuzzy,
      },
      200,
    );
  });
