/**
 * Agreement between coders over the project's codings (per code, per source, overall), the
 * side-by-side view of where coders differ, the coders there are to compare, and blind coding.
 * Reflexive TA and the other profiles that compute no agreement are refused with `not_for_method`
 * and the reason (RTA-5); while coders work blind, statistics and disagreements (which show every
 * coder's codings) are refused with `blind_coding` until someone reveals them.
 */
import { createRoute } from "@hono/zod-openapi";
import { assertAgreementAllowed } from "@quire/analysis";
import { type Project, QuireError } from "@quire/core";
import { blindState, listCoders, mutate, setBlindMode } from "@quire/db";
import { computeCoderAgreement, listDisagreementSources, loadDisagreements } from "@quire/io";
import { actor, createRouter, useProject } from "../../context.js";
import { HttpError } from "../../errors.js";
import { errorResponses, jsonBody, jsonResponse, ProjectParams } from "../../schemas.js";
import {
  AgreementReportSchema,
  AgreementRequestSchema,
  BlindSchema,
  CodersSchema,
  DisagreementRequestSchema,
  DisagreementSourcesRequestSchema,
  DisagreementSourcesSchema,
  SetBlindSchema,
  SideBySideSchema,
} from "./schema.js";

const tags = ["agreement"];

/** @throws HttpError `not_for_method` (409) when the project's method computes no agreement. */
function requireAgreementProfile(project: Project): void {
  try {
    assertAgreementAllowed(project.method);
  } catch (error) {
    if (error instanceof QuireError) throw new HttpError(409, "not_for_method", error.message);
    throw error;
  }
}

/** @throws HttpError `blind_coding` (409) while blind coding is on: comparing would reveal codings. */
function requireRevealed(project: Project): void {
  if (blindState(project).on)
    throw new HttpError(
      409,
      "blind_coding",
      "blind coding is on, and agreement compares every coder's codings: reveal them first",
    );
}

const codersRoute = createRoute({
  method: "get",
  path: "/projects/{key}/agreement/coders",
  tags,
  summary: "The coders who have coded in the project, by name (the ones agreement can compare)",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(CodersSchema, "The coders"), ...errorResponses(404) },
});
const agreementRoute = createRoute({
  method: "post",
  path: "/projects/{key}/agreement",
  tags,
  summary:
    "Agreement between coders per code, per source and overall (codebook and framework only)",
  request: { params: ProjectParams, body: jsonBody(AgreementRequestSchema) },
  responses: {
    200: jsonResponse(AgreementReportSchema, "The report; the unit is the character"),
    ...errorResponses(400, 404, 409),
  },
  description:
    "409 `not_for_method` outside the codebook_ta and framework profiles; 409 `blind_coding` " +
    "while blind coding is on.",
});
const disagreementRoute = createRoute({
  method: "post",
  path: "/projects/{key}/agreement/disagreements",
  tags,
  summary: "Each coder's ranges of a code in a source and the stretches where they differ",
  request: { params: ProjectParams, body: jsonBody(DisagreementRequestSchema) },
  responses: {
    200: jsonResponse(SideBySideSchema, "Side by side"),
    ...errorResponses(400, 404, 409),
  },
});
const disagreementSourcesRoute = createRoute({
  method: "post",
  path: "/projects/{key}/agreement/disagreement-sources",
  tags,
  summary: "The sources where the coders differ on a code, in collection order",
  request: { params: ProjectParams, body: jsonBody(DisagreementSourcesRequestSchema) },
  responses: {
    200: jsonResponse(DisagreementSourcesSchema, "The sources"),
    ...errorResponses(400, 404, 409),
  },
});
const blindRoute = createRoute({
  method: "get",
  path: "/projects/{key}/blind",
  tags,
  summary: "Whether blind coding is on, and when it was revealed",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(BlindSchema, "The state"), ...errorResponses(404) },
});
const setBlindRoute = createRoute({
  method: "post",
  path: "/projects/{key}/blind",
  tags,
  summary: "Start blind coding, or reveal every coder's codings (logged)",
  request: { params: ProjectParams, body: jsonBody(SetBlindSchema) },
  responses: { 200: jsonResponse(BlindSchema, "The state"), ...errorResponses(400, 404) },
});

/** The agreement routes. */
export const agreementRoutes = createRouter()
  .openapi(codersRoute, async (c) => {
    const { store, project } = await useProject(c);
    return c.json({ coders: await listCoders(store, project.id) }, 200);
  })
  .openapi(agreementRoute, async (c) => {
    const input = c.req.valid("json");
    const { store, project } = await useProject(c);
    requireAgreementProfile(project);
    requireRevealed(project);
    return c.json(await computeCoderAgreement(store, project, input), 200);
  })
  .openapi(disagreementRoute, async (c) => {
    const input = c.req.valid("json");
    const { store, project } = await useProject(c);
    requireAgreementProfile(project);
    requireRevealed(project);
    return c.json(await loadDisagreements(store, project, input), 200);
  })
  .openapi(disagreementSourcesRoute, async (c) => {
    const input = c.req.valid("json");
    const { store, project } = await useProject(c);
    requireAgreementProfile(project);
    requireRevealed(project);
    return c.json({ sources: await listDisagreementSources(store, project, input) }, 200);
  })
  .openapi(blindRoute, async (c) => {
    const { project } = await useProject(c);
    return c.json(blindState(project), 200);
  })
  .openapi(setBlindRoute, async (c) => {
    const { mode, rationale } = c.req.valid("json");
    const { store, project } = await useProject(c);
    const state = await mutate(
      store,
      {
        projectId: project.id,
        actor: actor(c),
        action: `blind.${mode}`,
        rationale: rationale ?? null,
      },
      async (m) => {
        const next = await setBlindMode(m, mode);
        m.summary =
          mode === "on"
            ? "started blind coding"
            : "revealed every coder's codings (blind coding ended)";
        return next;
      },
    );
    return c.json(state, 200);
  });
