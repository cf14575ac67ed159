/** Cases (participants, groups, sites) and their typed attributes: list, declare, set values. */
import { createRoute } from "@hono/zod-openapi";
import {
  defineAttribute,
  ensureCase,
  findCase,
  listAttributes,
  listCases,
  mutate,
  setCaseAttribute,
} from "@quire/db";
import { actor, createRouter, useProject } from "../../context.js";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  ProjectParams,
  parseWherePairs,
  projectParamsWith,
} from "../../schemas.js";
import {
  AttributeListSchema,
  AttributeSchema,
  CaseListQuery,
  CaseListSchema,
  CaseSchema,
  CreateCaseSchema,
  DeclareAttributeSchema,
  SetAttributesSchema,
} from "./schema.js";

const tags = ["cases"];
const CaseParams = projectParamsWith("caseId");

const listRoute = createRoute({
  method: "get",
  path: "/projects/{key}/cases",
  tags,
  summary: "List cases with their attribute values",
  request: { params: ProjectParams, query: CaseListQuery },
  responses: { 200: jsonResponse(CaseListSchema, "The cases"), ...errorResponses(400, 404) },
});

const createCaseRoute = createRoute({
  method: "post",
  path: "/projects/{key}/cases",
  tags,
  summary: "Add a case (or return the one of that name)",
  request: { params: ProjectParams, body: jsonBody(CreateCaseSchema) },
  responses: { 201: jsonResponse(CaseSchema, "The case"), ...errorResponses(400, 404) },
});

const setValuesRoute = createRoute({
  method: "patch",
  path: "/projects/{key}/cases/{caseId}/attributes",
  tags,
  summary: "Set (or clear) attribute values of a case",
  request: { params: CaseParams, body: jsonBody(SetAttributesSchema) },
  responses: {
    200: jsonResponse(CaseSchema, "The case as it is now"),
    ...errorResponses(400, 404),
  },
});

const listAttributesRoute = createRoute({
  method: "get",
  path: "/projects/{key}/attributes",
  tags,
  summary: "List the declared case attributes",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(AttributeListSchema, "The attributes"), ...errorResponses(404) },
});

const declareRoute = createRoute({
  method: "post",
  path: "/projects/{key}/attributes",
  tags,
  summary: "Declare a typed attribute (or extend an existing category's values)",
  request: { params: ProjectParams, body: jsonBody(DeclareAttributeSchema) },
  responses: {
    201: jsonResponse(AttributeSchema, "The attribute"),
    ...errorResponses(400, 404, 409),
  },
});

const presentCase = (each: {
  id: string;
  name: string;
  kind: string;
  attributes: Record<string, string | number | boolean>;
}) => ({
  id: each.id,
  name: each.name,
  kind: each.kind,
  attributes: each.attributes,
});

/** The cases and attributes routes. */
export const casesRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const { store, project } = await useProject(c);
    const cases = await listCases(store, project.id, {
      where: parseWherePairs(query.where),
      limit: query.limit,
      offset: query.offset,
    });
    return c.json({ cases: cases.map(presentCase) }, 200);
  })
  .openapi(createCaseRoute, async (c) => {
    const input = c.req.valid("json");
    const { store, project } = await useProject(c);
    const created = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "case.create" },
      async (m) => {
        m.summary = `added case "${input.name}"`;
        return ensureCase(m, input.name, input.kind);
      },
    );
    return c.json(presentCase(created), 201);
  })
  .openapi(setValuesRoute, async (c) => {
    const { caseId } = c.req.valid("param");
    const { values } = c.req.valid("json");
    const { store, project } = await useProject(c);
    const target = await findCase(store, project.id, caseId);
    await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "case.attributes" },
      async (m) => {
        for (const [name, raw] of Object.entries(values))
          await setCaseAttribute(m, target.id, name, raw);
        m.summary = `set ${Object.keys(values).join(", ")} of case "${target.name}"`;
      },
    );
    return c.json(presentCase(await findCase(store, project.id, target.id)), 200);
  })
  .openapi(listAttributesRoute, async (c) => {
    const { store, project } = await useProject(c);
    const attributes = await listAttributes(store, project.id);
    return c.json(
      {
        attributes: attributes.map((each) => ({
          id: each.id as string,
          name: each.name,
          type: each.type,
          allowedValues: each.allowedValues,
        })),
      },
      200,
    );
  })
  .openapi(declareRoute, async (c) => {
    const input = c.req.valid("json");
    const { store, project } = await useProject(c);
    const attribute = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "attribute.define" },
      async (m) => {
        m.summary = `declared attribute "${input.name}" (${input.type})`;
        return defineAttribute(m, input);
      },
    );
    return c.json(
      {
        id: attribute.id as string,
        name: attribute.name,
        type: attribute.type,
        allowedValues: attribute.allowedValues,
      },
      201,
    );
  });
