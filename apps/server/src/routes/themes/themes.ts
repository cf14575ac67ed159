/**
 * Reflexive thematic analysis: themes and subthemes over codes, the thematic map with drawn edges
 * and positions, immutable snapshots (list, read, restore), the review of sources against themes,
 * and the project's phase with its log (RTA-1). Every change is one mutation.
 */
import { createRoute } from "@hono/zod-openapi";
import { type ThematicMap, themeNameWarnings } from "@quire/analysis";
import { RTA_PHASES } from "@quire/core";
import {
  addMapEdge,
  createTheme,
  currentPhase,
  getMapSnapshot,
  linkThemeCode,
  listMapSnapshots,
  listPhaseLog,
  listThemes,
  mutate,
  placeMapNode,
  removeMapEdge,
  restoreMapSnapshot,
  setPhase,
  snapshotMap,
  type Theme,
  unlinkThemeCode,
  updateTheme,
} from "@quire/db";
import { loadThematicMap, loadThemeReview } from "@quire/io";
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
  CreateSnapshotSchema,
  CreateThemeSchema,
  EdgeSchema,
  LinkCodeSchema,
  NodePositionSchema,
  PhaseSchema,
  ReviewSchema,
  SetPhaseSchema,
  SnapshotDetailSchema,
  SnapshotSchema,
  ThematicMapSchema,
  ThemeListSchema,
  ThemeSchema,
  UpdateThemeSchema,
} from "./schema.js";

const tags = ["themes"];
const ThemeParams = projectParamsWith("themeId");
const SnapshotParams = projectParamsWith("snapshotId");

const present = (theme: Theme) => ({
  ...theme,
  warnings: theme.isMisc ? [] : themeNameWarnings(theme.name),
});

const listRoute = createRoute({
  method: "get",
  path: "/projects/{key}/themes",
  tags,
  summary: "List themes and subthemes with their codes and name warnings",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(ThemeListSchema, "The themes"), ...errorResponses(404) },
});
const createThemeRoute = createRoute({
  method: "post",
  path: "/projects/{key}/themes",
  tags,
  summary: "Add a candidate theme, subtheme (parentId) or the miscellaneous bin (isMisc)",
  request: { params: ProjectParams, body: jsonBody(CreateThemeSchema) },
  responses: { 201: jsonResponse(ThemeSchema, "The theme"), ...errorResponses(400, 404, 409) },
});
const updateRoute = createRoute({
  method: "patch",
  path: "/projects/{key}/themes/{themeId}",
  tags,
  summary: "Rename, define or change the status of a theme; final needs a definition and concept",
  request: { params: ThemeParams, body: jsonBody(UpdateThemeSchema) },
  responses: { 200: jsonResponse(ThemeSchema, "The theme"), ...errorResponses(400, 404, 409) },
});
const linkRoute = createRoute({
  method: "post",
  path: "/projects/{key}/themes/{themeId}/codes",
  tags,
  summary: "Link a code to a theme",
  request: { params: ThemeParams, body: jsonBody(LinkCodeSchema) },
  responses: { 200: jsonResponse(OkSchema, "Linked"), ...errorResponses(400, 404, 409) },
});
const unlinkRoute = createRoute({
  method: "delete",
  path: "/projects/{key}/themes/{themeId}/codes/{codeId}",
  tags,
  summary: "Unlink a code from a theme",
  request: { params: ThemeParams.extend({ codeId: projectParamsWith("codeId").shape.codeId }) },
  responses: { 200: jsonResponse(OkSchema, "Unlinked"), ...errorResponses(404) },
});
const mapRoute = createRoute({
  method: "get",
  path: "/projects/{key}/thematic-map",
  tags,
  summary: "The thematic map: themes, subthemes, codes and edges",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(ThematicMapSchema, "The map"), ...errorResponses(404) },
});
const edgeRoute = createRoute({
  method: "post",
  path: "/projects/{key}/thematic-map/edges",
  tags,
  summary: "Draw a labelled edge between two nodes (theme:<id> or code:<id>)",
  request: { params: ProjectParams, body: jsonBody(EdgeSchema) },
  responses: { 201: jsonResponse(ThematicMapSchema, "The map"), ...errorResponses(400, 404) },
});
const edgeDeleteRoute = createRoute({
  method: "delete",
  path: "/projects/{key}/thematic-map/edges/{edgeId}",
  tags,
  summary: "Remove a drawn edge",
  request: { params: projectParamsWith("edgeId") },
  responses: { 200: jsonResponse(ThematicMapSchema, "The map"), ...errorResponses(404) },
});
const nodeRoute = createRoute({
  method: "put",
  path: "/projects/{key}/thematic-map/nodes",
  tags,
  summary: "Place a node of the map",
  request: { params: ProjectParams, body: jsonBody(NodePositionSchema) },
  responses: { 200: jsonResponse(OkSchema, "Placed"), ...errorResponses(400, 404) },
});
const snapshotsRoute = createRoute({
  method: "get",
  path: "/projects/{key}/thematic-map/snapshots",
  tags,
  summary: "List the map's snapshots, oldest first",
  request: { params: ProjectParams },
  responses: {
    200: jsonResponse(SnapshotSchema.array().openapi("MapSnapshotList"), "The snapshots"),
    ...errorResponses(404),
  },
});
const snapshotRoute = createRoute({
  method: "post",
  path: "/projects/{key}/thematic-map/snapshots",
  tags,
  summary: "Take a named, dated, immutable copy of the map",
  request: { params: ProjectParams, body: jsonBody(CreateSnapshotSchema) },
  responses: { 201: jsonResponse(SnapshotSchema, "The snapshot"), ...errorResponses(400, 404) },
});
const snapshotShowRoute = createRoute({
  method: "get",
  path: "/projects/{key}/thematic-map/snapshots/{snapshotId}",
  tags,
  summary: "One snapshot with its map",
  request: { params: SnapshotParams },
  responses: { 200: jsonResponse(SnapshotDetailSchema, "The snapshot"), ...errorResponses(404) },
});
const restoreRoute = createRoute({
  method: "post",
  path: "/projects/{key}/thematic-map/snapshots/{snapshotId}/restore",
  tags,
  summary: "Make the map what it was in a snapshot (themes made since are discarded)",
  request: { params: SnapshotParams },
  responses: { 200: jsonResponse(ThematicMapSchema, "The map now"), ...errorResponses(404) },
});
const reviewRoute = createRoute({
  method: "get",
  path: "/projects/{key}/themes/review",
  tags,
  summary: "Sources × themes with passages; non-contributing sources; codes in no theme (RTA-3)",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(ReviewSchema, "The review"), ...errorResponses(404) },
});
const phaseRoute = createRoute({
  method: "get",
  path: "/projects/{key}/phase",
  tags,
  summary: "The reflexive TA phase and every move between phases",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(PhaseSchema, "The phase"), ...errorResponses(404) },
});
const setPhaseRoute = createRoute({
  method: "post",
  path: "/projects/{key}/phase",
  tags,
  summary: "Move to a phase (forward or back) with a rationale; logged in the audit log",
  request: { params: ProjectParams, body: jsonBody(SetPhaseSchema) },
  responses: { 200: jsonResponse(PhaseSchema, "The phase"), ...errorResponses(400, 404) },
});

async function phaseOf(store: Parameters<typeof currentPhase>[0], projectId: string) {
  const phase = await currentPhase(store, projectId);
  return {
    phase,
    name: phase ? (RTA_PHASES[phase - 1]?.name ?? null) : null,
    log: await listPhaseLog(store, projectId),
  };
}

/** The themes routes. */
export const themesRoutes = createRouter()
  .openapi(reviewRoute, async (c) => {
    const { store, project } = await useProject(c);
    return c.json(await loadThemeReview(store, project.id), 200);
  })
  .openapi(listRoute, async (c) => {
    const { store, project } = await useProject(c);
    return c.json({ themes: (await listThemes(store, project.id)).map(present) }, 200);
  })
  .openapi(createThemeRoute, async (c) => {
    const input = c.req.valid("json");
    const { store, project } = await useProject(c);
    const theme = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "theme.create" },
      async (m) => {
        const made = await createTheme(m, input);
        m.summary = `created ${made.parentId ? "subtheme" : "theme"} "${made.name}"`;
        return made;
      },
    );
    return c.json(present(theme), 201);
  })
  .openapi(updateRoute, async (c) => {
    const { themeId } = c.req.valid("param");
    const { rationale, ...change } = c.req.valid("json");
    const { store, project } = await useProject(c);
    const theme = await mutate(
      store,
      {
        projectId: project.id,
        actor: actor(c),
        action: change.status === "discarded" ? "theme.discard" : "theme.update",
        rationale: rationale ?? null,
      },
      async (m) => {
        const changed = await updateTheme(m, themeId, change);
        m.summary = `updated theme "${changed.name}"${change.status ? ` (${changed.status})` : ""}`;
        return changed;
      },
    );
    return c.json(present(theme), 200);
  })
  .openapi(linkRoute, async (c) => {
    const { themeId } = c.req.valid("param");
    const { codeId } = c.req.valid("json");
    const { store, project } = await useProject(c);
    await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "theme.link" },
      async (m) => {
        await linkThemeCode(m, themeId, codeId);
        m.summary = "linked a code to a theme";
      },
    );
    return c.json({ ok: true as const }, 200);
  })
  .openapi(unlinkRoute, async (c) => {
    const { themeId, codeId } = c.req.valid("param");
    const { store, project } = await useProject(c);
    await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "theme.unlink" },
      async (m) => {
        await unlinkThemeCode(m, themeId, codeId);
        m.summary = "unlinked a code from a theme";
      },
    );
    return c.json({ ok: true as const }, 200);
  })
  .openapi(mapRoute, async (c) => {
    const { store, project } = await useProject(c);
    return c.json(await loadThematicMap(store, project.id), 200);
  })
  .openapi(edgeRoute, async (c) => {
    const edge = c.req.valid("json");
    const { store, project } = await useProject(c);
    await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "map.edge" },
      async (m) => {
        await addMapEdge(m, edge.from, edge.to, edge.label);
        m.summary = `drew a map edge${edge.label ? ` "${edge.label}"` : ""}`;
      },
    );
    return c.json(await loadThematicMap(store, project.id), 201);
  })
  .openapi(edgeDeleteRoute, async (c) => {
    const { edgeId } = c.req.valid("param");
    const { store, project } = await useProject(c);
    await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "map.unedge" },
      async (m) => {
        await removeMapEdge(m, edgeId);
        m.summary = "removed a map edge";
      },
    );
    return c.json(await loadThematicMap(store, project.id), 200);
  })
  .openapi(nodeRoute, async (c) => {
    const node = c.req.valid("json");
    const { store, project } = await useProject(c);
    await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "map.place" },
      async (m) => {
        await placeMapNode(m, node.kind, node.refId, node.x, node.y);
        m.summary = "moved a node of the thematic map";
      },
    );
    return c.json({ ok: true as const }, 200);
  })
  .openapi(snapshotsRoute, async (c) => {
    const { store, project } = await useProject(c);
    return c.json(await listMapSnapshots(store, project.id), 200);
  })
  .openapi(snapshotRoute, async (c) => {
    const input = c.req.valid("json");
    const { store, project } = await useProject(c);
    const graph = await loadThematicMap(store, project.id);
    const snapshot = await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "map.snapshot" },
      async (m) => {
        const taken = await snapshotMap(m, { ...input, graph });
        m.summary = `took map snapshot "${taken.name}"`;
        return taken;
      },
    );
    return c.json(snapshot, 201);
  })
  .openapi(snapshotShowRoute, async (c) => {
    const { snapshotId } = c.req.valid("param");
    const { store, project } = await useProject(c);
    const {
      state: _state,
      graph,
      ...snapshot
    } = await getMapSnapshot(store, project.id, snapshotId);
    return c.json({ ...snapshot, graph: graph as ThematicMap }, 200);
  })
  .openapi(restoreRoute, async (c) => {
    const { snapshotId } = c.req.valid("param");
    const { store, project } = await useProject(c);
    await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "map.restore" },
      async (m) => {
        const restored = await restoreMapSnapshot(m, snapshotId);
        m.summary = `restored the map from snapshot "${restored.name}"`;
      },
    );
    return c.json(await loadThematicMap(store, project.id), 200);
  })
  .openapi(phaseRoute, async (c) => {
    const { store, project } = await useProject(c);
    return c.json(await phaseOf(store, project.id), 200);
  })
  .openapi(setPhaseRoute, async (c) => {
    const { phase, rationale } = c.req.valid("json");
    const { store, project } = await useProject(c);
    await mutate(
      store,
      { projectId: project.id, actor: actor(c), action: "phase.set", rationale },
      async (m) => {
        const entry = await setPhase(m, phase, rationale);
        m.summary = `moved to phase ${entry.phase} (${RTA_PHASES[entry.phase - 1]?.name})`;
      },
    );
    return c.json(await phaseOf(store, project.id), 200);
  });
