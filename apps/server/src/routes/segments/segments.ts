/**
 * Retrieval: the coded passages of one or more codes with their context. A read, sent as POST
 * because its filters (several codes, attribute conditions) do not fit a query string well.
 */
import { createRoute } from "@hono/zod-openapi";
import { retrieveSegments } from "@quire/db";
import { createRouter, useProject } from "../../context.js";
import { errorResponses, jsonBody, jsonResponse, ProjectParams } from "../../schemas.js";
import { visibleCoder } from "../agreement/blind.js";
import { SegmentPageSchema, SegmentQuerySchema } from "./schema.js";

const retrieveRoute = createRoute({
  method: "post",
  path: "/projects/{key}/segments",
  tags: ["segments"],
  summary: "Retrieve coded segments of codes (any or all), filtered by case attributes and coder",
  request: { params: ProjectParams, body: jsonBody(SegmentQuerySchema) },
  responses: {
    200: jsonResponse(SegmentPageSchema, "A page of segments in source order"),
    ...errorResponses(400, 404),
  },
});

/** The segments routes. */
export const segmentsRoutes = createRouter().openapi(retrieveRoute, async (c) => {
  const query = c.req.valid("json");
  const open = await useProject(c);
  // Blind coding: a coder's segments are their own, whatever coder the query names.
  const blind = visibleCoder(c, open);
  const page = await retrieveSegments(open.store, open.project.id, {
    ...query,
    ...(blind === null ? {} : { coder: blind }),
  });
  return c.json(page, 200);
});
