/**
 * Systematic text condensation: the outline (preliminary themes, code groups, subgroups, meaning
 * units, condensates, quotes, analytic texts), its edits, and the re-reading grid. Condensates are
 * presented only through core's `presentCondensate`: flagged artificial and labelled.
 */
import { createRoute } from "@hono/zod-openapi";
import { type Condensate, presentCondensate } from "@quire/core";
import {
  addCodeGroup,
  addIllustrativeQuote,
  addStcTheme,
  addSubgroup,
  checkReading,
  getStcOutline,
  type Mutation,
  mutate,
  placeMeaningUnit,
  removeCodeGroup,
  removeMeaningUnit,
  removeStcTheme,
  removeSubgroup,
  renameCodeGroup,
  renameStcTheme,
  renameSubgroup,
  writeAnalyticText,
  writeCondensate,
} from "@quire/db";
import { loadReadingGrid } from "@quire/io";
import type { Context } from "hono";
import { type AppEnv, actor, createRouter, useProject } from "../../context.js";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  OkSchema,
  ProjectParams,
  projectParamsWith,
} from "../../schemas.js";
import {
  AddGroupSchema,
  AddSubgroupSchema,
  AddThemeSchema,
  AnalyticTextSchema,
  CheckSchema,
  CondensateSchema,
  CondenseSchema,
  GridSchema,
  NamedSchema,
  OutlineSchema,
  PlaceUnitSchema,
  QuoteSchema,
  RenameSchema,
} from "./schema.js";

const tags = ["stc"];
const SubgroupParams = projectParamsWith("subgroupId");
const GroupParams = projectParamsWith("groupId");

/** The one way a condensate leaves the server. */
export function presentCondensateJson(condensate: Condensate) {
  const shown = presentCondensate(condensate);
  return {
    id: condensate.id,
    subgroupId: condensate.subgroupId,
    unitIds: [...condensate.unitIds],
    artificial: true as const,
    label: shown.label,
    text: shown.text,
  };
}

async function change<T>(c: Context<AppEnv>, action: string, work: (m: Mutation) => Promise<T>) {
  const { store, project } = await useProject(c);
  return mutate(store, { projectId: project.id, actor: actor(c), action }, work);
}

const post = <S extends Parameters<typeof jsonBody>[0]>(path: string, summary: string, body: S) =>
  createRoute({
    method: "post",
    path: `/projects/{key}/stc/${path}`,
    tags,
    summary,
    request: { params: ProjectParams, body: jsonBody(body) },
    responses: { 201: jsonResponse(NamedSchema, "Made"), ...errorResponses(400, 404, 409) },
  });

const outlineRoute = createRoute({
  method: "get",
  path: "/projects/{key}/stc",
  tags,
  summary: "The whole condensation; condensates flagged artificial and labelled",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(OutlineSchema, "The outline"), ...errorResponses(404) },
});
const themeRoute = post("themes", "Add a preliminary theme", AddThemeSchema);
const groupRoute = post("groups", "Add a code group (under a preliminary theme)", AddGroupSchema);
const subgroupRoute = post("subgroups", "Add a subgroup to a code group", AddSubgroupSchema);
const unitRoute = createRoute({
  method: "post",
  path: "/projects/{key}/stc/units",
  tags,
  summary: "Place a coding as a meaning unit in a code group (and subgroup)",
  request: { params: ProjectParams, body: jsonBody(PlaceUnitSchema) },
  responses: { 200: jsonResponse(OkSchema, "Placed"), ...errorResponses(400, 404) },
});
const condenseRoute = createRoute({
  method: "put",
  path: "/projects/{key}/stc/subgroups/{subgroupId}/condensate",
  tags,
  summary: "Write a subgroup's condensate (an artificial quotation)",
  request: { params: SubgroupParams, body: jsonBody(CondenseSchema) },
  responses: { 200: jsonResponse(CondensateSchema, "The condensate"), ...errorResponses(400, 404) },
});
const quoteRoute = createRoute({
  method: "post",
  path: "/projects/{key}/stc/subgroups/{subgroupId}/quotes",
  tags,
  summary: "Choose an illustrative quote (an exact coded segment)",
  request: { params: SubgroupParams, body: jsonBody(QuoteSchema) },
  responses: { 200: jsonResponse(OkSchema, "Chosen"), ...errorResponses(404, 409) },
});
const analysisRoute = createRoute({
  method: "put",
  path: "/projects/{key}/stc/groups/{groupId}/analysis",
  tags,
  summary: "Write a code group's analytic text",
  request: { params: GroupParams, body: jsonBody(AnalyticTextSchema) },
  responses: { 200: jsonResponse(OkSchema, "Written"), ...errorResponses(404) },
});
const checkRoute = createRoute({
  method: "put",
  path: "/projects/{key}/stc/checks/{sourceId}",
  tags,
  summary: "A source's re-reading checklist: re-read, validated, contradicting data",
  request: { params: projectParamsWith("sourceId"), body: jsonBody(CheckSchema) },
  responses: { 200: jsonResponse(OkSchema, "Recorded"), ...errorResponses(404) },
});
const gridRoute = createRoute({
  method: "get",
  path: "/projects/{key}/stc/grid",
  tags,
  summary: "The re-reading grid: code groups × sources with each source's checklist",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(GridSchema, "The grid"), ...errorResponses(404) },
});

const rename = <const N extends string>(path: string, summary: string, param: N) =>
  createRoute({
    method: "patch",
    path: `/projects/{key}/stc/${path}`,
    tags,
    summary,
    request: { params: projectParamsWith(param), body: jsonBody(RenameSchema) },
    responses: { 200: jsonResponse(NamedSchema, "Renamed"), ...errorResponses(400, 404, 409) },
  });
const remove = <const N extends string>(path: string, summary: string, param: N) =>
  createRoute({
    method: "delete",
    path: `/projects/{key}/stc/${path}`,
    tags,
    summary,
    request: { params: projectParamsWith(param) },
    responses: { 200: jsonResponse(OkSchema, "Removed"), ...errorResponses(404, 409) },
  });
const renameThemeRoute = rename("themes/{themeId}", "Rename a preliminary theme", "themeId");
const renameGroupRoute = rename("groups/{groupId}", "Rename a code group", "groupId");
const renameSubgroupRoute = rename("subgroups/{subgroupId}", "Rename a subgroup", "subgroupId");
const removeThemeRoute = remove(
  "themes/{themeId}",
  "Remove a preliminary theme; its code groups stay, under no theme",
  "themeId",
);
const removeGroupRoute = remove(
  "groups/{groupId}",
  "Remove a code group; refused (409) while it holds meaning units or subgroups",
  "groupId",
);
const removeSubgroupRoute = remove(
  "subgroups/{subgroupId}",
  "Remove a subgroup with its condensate and quotes; its meaning units return to unsorted",
  "subgroupId",
);
const removeUnitRoute = remove(
  "units/{unitId}",
  "Remove a meaning unit from its code group (the coding stays)",
  "unitId",
);

/** The STC routes. */
export const stcRoutes = createRouter()
  .openapi(outlineRoute, async (c) => {
    const { store, project } = await useProject(c);
    const outline = await getStcOutline(store, project.id);
    return c.json(
      {
        themes: outline.themes,
        codeGroups: outline.codeGroups.map((group) => ({
          ...group,
          subgroups: group.subgroups.map((subgroup) => ({
            ...subgroup,
            condensate: subgroup.condensate ? presentCondensateJson(subgroup.condensate) : null,
          })),
        })),
      },
      200,
    );
  })
  .openapi(themeRoute, async (c) => {
    const { name, note } = c.req.valid("json");
    const made = await change(c, "stc.theme", async (m) => {
      m.summary = `added preliminary theme "${name}"`;
      return addStcTheme(m, name, note);
    });
    return c.json(made, 201);
  })
  .openapi(groupRoute, async (c) => {
    const { name, theme } = c.req.valid("json");
    const made = await change(c, "stc.group", async (m) => {
      m.summary = `added code group "${name}"`;
      return addCodeGroup(m, name, theme ?? null);
    });
    return c.json(made, 201);
  })
  .openapi(subgroupRoute, async (c) => {
    const { group, name } = c.req.valid("json");
    const made = await change(c, "stc.subgroup", async (m) => {
      m.summary = `added subgroup "${name}"`;
      return addSubgroup(m, group, name);
    });
    return c.json({ id: made.id, name: made.name }, 201);
  })
  .openapi(unitRoute, async (c) => {
    const { codingId, group, subgroup } = c.req.valid("json");
    await change(c, "stc.unit", async (m) => {
      m.summary = "placed a meaning unit";
      return placeMeaningUnit(m, { codingId, codeGroup: group, subgroup: subgroup ?? null });
    });
    return c.json({ ok: true as const }, 200);
  })
  .openapi(condenseRoute, async (c) => {
    const { subgroupId } = c.req.valid("param");
    const { text, unitIds } = c.req.valid("json");
    const condensate = await change(c, "stc.condense", async (m) => {
      m.summary = "wrote a condensate";
      return writeCondensate(m, { subgroup: subgroupId, text, ...(unitIds ? { unitIds } : {}) });
    });
    return c.json(presentCondensateJson(condensate), 200);
  })
  .openapi(quoteRoute, async (c) => {
    const { subgroupId } = c.req.valid("param");
    const { codingId } = c.req.valid("json");
    await change(c, "stc.quote", async (m) => {
      m.summary = "chose an illustrative quote";
      return addIllustrativeQuote(m, { subgroup: subgroupId, codingId });
    });
    return c.json({ ok: true as const }, 200);
  })
  .openapi(analysisRoute, async (c) => {
    const { groupId } = c.req.valid("param");
    const { body } = c.req.valid("json");
    await change(c, "stc.analysis", async (m) => {
      m.summary = "wrote an analytic text";
      await writeAnalyticText(m, groupId, body);
    });
    return c.json({ ok: true as const }, 200);
  })
  .openapi(checkRoute, async (c) => {
    const { sourceId } = c.req.valid("param");
    const input = c.req.valid("json");
    await change(c, "stc.check", async (m) => {
      m.summary = "recorded a re-reading check";
      return checkReading(m, { sourceId, ...input });
    });
    return c.json({ ok: true as const }, 200);
  })
  .openapi(renameThemeRoute, async (c) => {
    const { themeId } = c.req.valid("param");
    const { name } = c.req.valid("json");
    const renamed = await change(c, "stc.theme.rename", async (m) => {
      const done = await renameStcTheme(m, themeId, name);
      m.summary = `renamed a preliminary theme to "${done.name}"`;
      return done;
    });
    return c.json(renamed, 200);
  })
  .openapi(renameGroupRoute, async (c) => {
    const { groupId } = c.req.valid("param");
    const { name } = c.req.valid("json");
    const renamed = await change(c, "stc.group.rename", async (m) => {
      const done = await renameCodeGroup(m, groupId, name);
      m.summary = `renamed a code group to "${done.name}"`;
      return done;
    });
    return c.json(renamed, 200);
  })
  .openapi(renameSubgroupRoute, async (c) => {
    const { subgroupId } = c.req.valid("param");
    const { name } = c.req.valid("json");
    const renamed = await change(c, "stc.subgroup.rename", async (m) => {
      const done = await renameSubgroup(m, subgroupId, name);
      m.summary = `renamed a subgroup to "${done.name}"`;
      return done;
    });
    return c.json({ id: renamed.id, name: renamed.name }, 200);
  })
  .openapi(removeThemeRoute, async (c) => {
    const { themeId } = c.req.valid("param");
    await change(c, "stc.theme.remove", async (m) => {
      const done = await removeStcTheme(m, themeId);
      m.summary = `removed preliminary theme "${done.name}"`;
    });
    return c.json({ ok: true as const }, 200);
  })
  .openapi(removeGroupRoute, async (c) => {
    const { groupId } = c.req.valid("param");
    await change(c, "stc.group.remove", async (m) => {
      const done = await removeCodeGroup(m, groupId);
      m.summary = `removed code group "${done.name}"`;
    });
    return c.json({ ok: true as const }, 200);
  })
  .openapi(removeSubgroupRoute, async (c) => {
    const { subgroupId } = c.req.valid("param");
    await change(c, "stc.subgroup.remove", async (m) => {
      const done = await removeSubgroup(m, subgroupId);
      m.summary = `removed subgroup "${done.name}"`;
    });
    return c.json({ ok: true as const }, 200);
  })
  .openapi(removeUnitRoute, async (c) => {
    const { unitId } = c.req.valid("param");
    await change(c, "stc.unit.remove", async (m) => {
      await removeMeaningUnit(m, unitId);
      m.summary = "removed a meaning unit";
    });
    return c.json({ ok: true as const }, 200);
  })
  .openapi(gridRoute, async (c) => {
    const { store, project } = await useProject(c);
    return c.json(await loadReadingGrid(store, project.id), 200);
  });
