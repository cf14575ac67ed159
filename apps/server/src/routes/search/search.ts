/** Full-text search with keyword-in-context hits, and coding the hits of a search. */
import { createRoute } from "@hono/zod-openapi";
import { searchProject } from "@quire/db";
import { searchHitsCoder } from "../../commands/search-hits-coder.js";
import { actor, createRouter, useProject } from "../../context.js";
import { presentCoding } from "../../presenters.js";
import { errorResponses, jsonBody, jsonResponse, ProjectParams } from "../../schemas.js";
import { onlyCoder, visibleCoder } from "../agreement/blind.js";
import { CodeHitsResultSchema, CodeHitsSchema, SearchPageSchema, SearchQuery } from "./schema.js";

const tags = ["search"];

const searchRoute = createRoute({
  method: "get",
  path: "/projects/{key}/search",
  tags,
  summary: "Search the sources' text; hits come with offsets and context",
  request: { params: ProjectParams, query: SearchQuery },
  responses: {
    200: jsonResponse(SearchPageSchema, "A page of matching sources"),
    ...errorResponses(400, 404),
  },
});

const codeHitsRoute = createRoute({
  method: "post",
  path: "/projects/{key}/search/code",
  tags,
  summary: "Code all hits of a search, or the chosen ones, with one code",
  request: { params: ProjectParams, body: jsonBody(CodeHitsSchema) },
  responses: {
    200: jsonResponse(CodeHitsResultSchema, "The codings made (or already there)"),
    ...errorResponses(400, 404),
  },
});

/** The search routes. */
export const searchRoutes = createRouter()
  .openapi(searchRoute, async (c) => {
    const { q, ...options } = c.req.valid("query");
    const { store, project } = await useProject(c);
    const page = await searchProject(store, project.id, q, options);
    return c.json(page, 200);
  })
  .openapi(codeHitsRoute, async (c) => {
    const body = c.req.valid("json");
    const open = await useProject(c);
    const { store, project } = open;
    const made = await searchHitsCoder({
      store,
      projectId: project.id,
      actor: actor(c),
      ...body,
    });
    // Blind coding: another coder's coding of the same hit is not shown.
    const codings = onlyCoder(made, visibleCoder(c, open));
    return c.json({ count: codings.length, codings: codings.map(presentCoding) }, 200);
  });
