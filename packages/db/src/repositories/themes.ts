/**
 * Reflexive thematic analysis in storage: themes and subthemes over codes, the thematic map's
 * positions and drawn edges, immutable map snapshots and their restore, and the log of phases
 * (RTA-1). Every write goes through the mutation's recorder, so undo and redo replay it.
 */
import { assertPhase, assertThemeStatus, newId, QuireError, type ThemeStatus } from "@quire/core";
import type { Mutation } from "../audit/mutation.js";
import type { Store } from "../store.js";
import { parseJson } from "./rows.js";

export interface Theme {
  id: string;
  parentId: string | null;
  name: string;
  concept: string;
  definition: string;
  status: ThemeStatus;
  isMisc: boolean;
  position: number;
  /** Codes linked to the theme, in link order; codes deleted since are left out. */
  codeIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface CreateThemeProps {
  name: string;
  concept?: string;
  definition?: string;
  /** A subtheme's theme. */
  parentId?: string | null;
  /** The "miscellaneous" bin. */
  isMisc?: boolean;
}

/**
 * Creates a candidate theme (or subtheme).
 * @throws QuireError `invalid_input` for an empty name or a parent that is itself a subtheme,
 *   `not_found` for an unknown parent, `conflict` when a theme has that name.
 */
export async function createTheme(m: Mutation, props: CreateThemeProps): Promise<Theme> {
  const name = props.name.trim();
  if (name === "") throw new QuireError("invalid_input", "a theme needs a name");
  const themes = await listThemes(m.store, m.projectId);
  if (themes.some((theme) => theme.name.toLowerCase() === name.toLowerCase()))
    throw new QuireError("conflict", `a theme named "${name}" already exists`);
  const parentId = props.parentId ?? null;
  if (parentId) {
    const parent = themes.find((theme) => theme.id === parentId);
    if (!parent) throw new QuireError("not_found", `no theme with id ${parentId}`);
    if (parent.parentId)
      throw new QuireError(
        "invalid_input",
        `"${parent.name}" is a subtheme; subthemes go one level deep`,
      );
  }
  const now = new Date().toISOString();
  const row = {
    id: newId(),
    projectId: m.projectId,
    parentId,
    name,
    concept: props.concept?.trim() ?? "",
    definition: props.definition?.trim() ?? "",
    status: "candidate",
    isMisc: props.isMisc ? 1 : 0,
    position: themes.length,
    createdAt: now,
    updatedAt: now,
  };
  await m.record.insert("themes", row);
  return toTheme(row, []);
}

export interface ThemeChange {
  name?: string;
  concept?: string;
  definition?: string;
  status?: string;
}

/**
 * Renames, defines or changes the status of a theme. Final needs a definition and a central
 * organising concept (phase 5), checked against the theme as it will be.
 * @throws QuireError `not_found`, `invalid_input` (status rules, empty name), `conflict` (name taken).
 */
export async function updateTheme(m: Mutation, id: string, change: ThemeChange): Promise<Theme> {
  const themes = await listThemes(m.store, m.projectId);
  const theme = themes.find((candidate) => candidate.id === id);
  if (!theme) throw new QuireError("not_found", `no theme with id ${id}`);
  const next = {
    name: change.name?.trim() ?? theme.name,
    concept: change.concept?.trim() ?? theme.concept,
    definition: change.definition?.trim() ?? theme.definition,
    status: change.status ?? theme.status,
  };
  if (next.name === "") throw new QuireError("invalid_input", "a theme needs a name");
  if (
    next.name.toLowerCase() !== theme.name.toLowerCase() &&
    themes.some((other) => other.name.toLowerCase() === next.name.toLowerCase())
  )
    throw new QuireError("conflict", `a theme named "${next.name}" already exists`);
  const status = assertThemeStatus({ ...next, isMisc: theme.isMisc }, next.status);
  const patch = { ...next, status, updatedAt: new Date().toISOString() };
  await m.record.update("themes", id, patch);
  return { ...theme, ...patch };
}

/**
 * Links a code to a theme (a code may serve several themes).
 * @throws QuireError `not_found` for an unknown theme or code, `conflict` when already linked.
 */
export async function linkThemeCode(m: Mutation, themeId: string, codeId: string): Promise<void> {
  await requireTheme(m, themeId);
  const code = await m.db
    .selectFrom("codes")
    .select("id")
    .where("projectId", "=", m.projectId)
    .where("id", "=", codeId)
    .executeTakeFirst();
  if (!code) throw new QuireError("not_found", `no code with id ${codeId}`);
  const existing = await m.db
    .selectFrom("themeCodes")
    .select("id")
    .where("themeId", "=", themeId)
    .where("codeId", "=", codeId)
    .executeTakeFirst();
  if (existing) throw new QuireError("conflict", "that code is already linked to the theme");
  await m.record.insert("themeCodes", { id: newId(), projectId: m.projectId, themeId, codeId });
}

/** Unlinks a code from a theme. @throws QuireError `not_found` when they were not linked. */
export async function unlinkThemeCode(m: Mutation, themeId: string, codeId: string): Promise<void> {
  const existing = await m.db
    .selectFrom("themeCodes")
    .select("id")
    .where("projectId", "=", m.projectId)
    .where("themeId", "=", themeId)
    .where("codeId", "=", codeId)
    .executeTakeFirst();
  if (!existing) throw new QuireError("not_found", "no link between that theme and code");
  await m.record.delete("themeCodes", [existing.id]);
}

/** Every theme and subtheme of the project, in creation order, with its linked codes. */
export async function listThemes(store: Store, projectId: string): Promise<Theme[]> {
  const rows = await store.db
    .selectFrom("themes")
    .selectAll()
    .where("projectId", "=", projectId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  const links = await store.db
    .selectFrom("themeCodes as l")
    .innerJoin("codes as c", "c.id", "l.codeId")
    .select(["l.themeId", "l.codeId"])
    .where("l.projectId", "=", projectId)
    .orderBy("l.id")
    .execute();
  const byTheme = new Map<string, string[]>();
  for (const link of links)
    byTheme.set(link.themeId, [...(byTheme.get(link.themeId) ?? []), link.codeId]);
  return rows.map((row) => toTheme(row, byTheme.get(row.id) ?? []));
}

/**
 * Finds a theme by id or name (case-insensitive).
 * @throws QuireError `not_found`
 */
export async function findTheme(store: Store, projectId: string, ref: string): Promise<Theme> {
  const themes = await listThemes(store, projectId);
  const found =
    themes.find((theme) => theme.id === ref) ??
    themes.find((theme) => theme.name.toLowerCase() === ref.trim().toLowerCase());
  if (!found) throw new QuireError("not_found", `no theme named "${ref}"`);
  return found;
}

/** The rows the thematic map is drawn from. */
export interface MapState {
  themes: Theme[];
  positions: { kind: "theme" | "code"; refId: string; x: number; y: number }[];
  edges: { id: string; from: string; to: string; label: string }[];
}

export async function readMapState(store: Store, projectId: string): Promise<MapState> {
  const positions = await store.db
    .selectFrom("mapNodes")
    .select(["kind", "refId", "x", "y"])
    .where("projectId", "=", projectId)
    .orderBy("id")
    .execute();
  const edges = await store.db
    .selectFrom("mapEdges")
    .selectAll()
    .where("projectId", "=", projectId)
    .orderBy("id")
    .execute();
  return {
    themes: await listThemes(store, projectId),
    positions: positions.map((p) => ({
      kind: p.kind as "theme" | "code",
      refId: p.refId,
      x: Number(p.x),
      y: Number(p.y),
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      from: `${edge.fromKind}:${edge.fromId}`,
      to: `${edge.toKind}:${edge.toId}`,
      label: edge.label,
    })),
  };
}

/**
 * Places a node of the map.
 * @throws QuireError `invalid_input` for a kind other than theme or code, or a non-finite position.
 */
export async function placeMapNode(
  m: Mutation,
  kind: string,
  refId: string,
  x: number,
  y: number,
): Promise<void> {
  if (kind !== "theme" && kind !== "code")
    throw new QuireError("invalid_input", `a map node is a theme or a code, not "${kind}"`);
  if (!(Number.isFinite(x) && Number.isFinite(y)))
    throw new QuireError("invalid_input", "a map position needs finite x and y");
  const existing = await m.db
    .selectFrom("mapNodes")
    .select("id")
    .where("projectId", "=", m.projectId)
    .where("kind", "=", kind)
    .where("refId", "=", refId)
    .executeTakeFirst();
  if (existing) await m.record.update("mapNodes", existing.id, { x, y });
  else
    await m.record.insert("mapNodes", { id: newId(), projectId: m.projectId, kind, refId, x, y });
}

/**
 * Draws an edge between two nodes (`theme:<id>` or `code:<id>`), with an optional label.
 * @throws QuireError `invalid_input` for a malformed node id.
 */
export async function addMapEdge(
  m: Mutation,
  from: string,
  to: string,
  label = "",
): Promise<{ id: string; from: string; to: string; label: string }> {
  const [fromKind, fromId] = splitNode(from);
  const [toKind, toId] = splitNode(to);
  const id = newId();
  await m.record.insert("mapEdges", {
    id,
    projectId: m.projectId,
    fromKind,
    fromId,
    toKind,
    toId,
    label: label.trim(),
  });
  return { id, from, to, label: label.trim() };
}

/** Removes a drawn edge. @throws QuireError `not_found` */
export async function removeMapEdge(m: Mutation, id: string): Promise<void> {
  const row = await m.db
    .selectFrom("mapEdges")
    .select("id")
    .where("projectId", "=", m.projectId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new QuireError("not_found", `no map edge with id ${id}`);
  await m.record.delete("mapEdges", [id]);
}

export interface MapSnapshot {
  id: string;
  name: string;
  phase: number | null;
  createdBy: string;
  createdAt: string;
}

/**
 * Takes a named, dated, immutable copy of the map: the drawn graph (`graph`, laid out by the
 * caller) and the rows it came from, so that it can be restored.
 * @throws QuireError `invalid_input` for an empty name.
 */
export async function snapshotMap(
  m: Mutation,
  props: { name: string; phase?: number | null; graph: unknown },
): Promise<MapSnapshot> {
  const name = props.name.trim();
  if (name === "") throw new QuireError("invalid_input", "a map snapshot needs a name");
  const state = await readMapState(m.store, m.projectId);
  const snapshot = {
    id: newId(),
    projectId: m.projectId,
    name,
    phase: props.phase ?? (await currentPhase(m.store, m.projectId)),
    map: JSON.stringify({ graph: props.graph, state }),
    createdBy: m.actor,
    createdAt: new Date().toISOString(),
  };
  await m.record.insert("mapSnapshots", snapshot);
  return toSnapshot(snapshot);
}

export async function listMapSnapshots(store: Store, projectId: string): Promise<MapSnapshot[]> {
  const rows = await store.db
    .selectFrom("mapSnapshots")
    .select(["id", "name", "phase", "createdBy", "createdAt"])
    .where("projectId", "=", projectId)
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  return rows.map(toSnapshot);
}

/**
 * One snapshot with its graph and the rows it was taken from.
 * @throws QuireError `not_found`
 */
export async function getMapSnapshot(
  store: Store,
  projectId: string,
  ref: string,
): Promise<MapSnapshot & { graph: unknown; state: MapState }> {
  const row = await store.db
    .selectFrom("mapSnapshots")
    .selectAll()
    .where("projectId", "=", projectId)
    .where((eb) => eb.or([eb("id", "=", ref), eb("name", "=", ref)]))
    .orderBy("createdAt", "desc")
    .executeTakeFirst();
  if (!row) throw new QuireError("not_found", `no map snapshot named "${ref}"`);
  const data = parseJson<{ graph: unknown; state: MapState }>(row.map, {
    graph: null,
    state: { themes: [], positions: [], edges: [] },
  });
  return { ...toSnapshot(row), graph: data.graph, state: data.state };
}

/**
 * Makes the map what it was in a snapshot: its themes' names, definitions, statuses and code
 * links, its positions and drawn edges. Themes made since are discarded, not deleted, so the
 * record of them stays; themes deleted since cannot exist (themes are never deleted). The snapshot
 * itself is unchanged. Codes deleted since stay unlinked.
 * @throws QuireError `not_found`
 */
export async function restoreMapSnapshot(m: Mutation, ref: string): Promise<MapSnapshot> {
  const snapshot = await getMapSnapshot(m.store, m.projectId, ref);
  const then = new Map(snapshot.state.themes.map((theme) => [theme.id, theme]));
  const now = new Date().toISOString();
  const current = await listThemes(m.store, m.projectId);
  for (const theme of current) {
    const old = then.get(theme.id);
    const patch = old
      ? {
          name: old.name,
          concept: old.concept,
          definition: old.definition,
          status: old.status,
          parentId: old.parentId,
        }
      : { status: "discarded" };
    const changed = Object.entries(patch).some(
      ([key, value]) => (theme as unknown as Record<string, unknown>)[key] !== value,
    );
    if (changed) await m.record.update("themes", theme.id, { ...patch, updatedAt: now });
  }
  const liveCodes = new Set(
    (
      await m.db.selectFrom("codes").select("id").where("projectId", "=", m.projectId).execute()
    ).map((row) => row.id),
  );
  const links = await m.db
    .selectFrom("themeCodes")
    .selectAll()
    .where("projectId", "=", m.projectId)
    .execute();
  const wanted = new Set(
    snapshot.state.themes.flatMap((theme) =>
      theme.codeIds.map((codeId) => `${theme.id}:${codeId}`),
    ),
  );
  const have = new Set(links.map((link) => `${link.themeId}:${link.codeId}`));
  await m.record.delete(
    "themeCodes",
    links.filter((link) => !wanted.has(`${link.themeId}:${link.codeId}`)).map((link) => link.id),
  );
  for (const theme of snapshot.state.themes)
    for (const codeId of theme.codeIds)
      if (!have.has(`${theme.id}:${codeId}`) && liveCodes.has(codeId))
        await m.record.insert("themeCodes", {
          id: newId(),
          projectId: m.projectId,
          themeId: theme.id,
          codeId,
        });
  const nodes = await m.db
    .selectFrom("mapNodes")
    .select("id")
    .where("projectId", "=", m.projectId)
    .execute();
  await m.record.delete(
    "mapNodes",
    nodes.map((node) => node.id),
  );
  for (const p of snapshot.state.positions)
    await m.record.insert("mapNodes", { id: newId(), projectId: m.projectId, ...p });
  const edges = await m.db
    .selectFrom("mapEdges")
    .select("id")
    .where("projectId", "=", m.projectId)
    .execute();
  await m.record.delete(
    "mapEdges",
    edges.map((edge) => edge.id),
  );
  for (const edge of snapshot.state.edges) {
    const [fromKind, fromId] = splitNode(edge.from);
    const [toKind, toId] = splitNode(edge.to);
    await m.record.insert("mapEdges", {
      id: newId(),
      projectId: m.projectId,
      fromKind,
      fromId,
      toKind,
      toId,
      label: edge.label,
    });
  }
  return snapshot;
}

export interface PhaseEntry {
  id: string;
  phase: number;
  previousPhase: number | null;
  rationale: string;
  actor: string;
  at: string;
}

/**
 * Moves the project to a reflexive TA phase, forward or back (RTA-1); the move and its rationale
 * are logged. The caller's mutation carries the same rationale into the audit log.
 * @throws QuireError `invalid_input` for a phase outside 1–6, an empty rationale, or the current phase.
 */
export async function setPhase(m: Mutation, phase: number, rationale: string): Promise<PhaseEntry> {
  assertPhase(phase);
  if (rationale.trim() === "")
    throw new QuireError("invalid_input", "say why you are moving to this phase (a rationale)");
  const previous = await currentPhase(m.store, m.projectId);
  if (previous === phase)
    throw new QuireError("invalid_input", `the project is already in phase ${phase}`);
  const entry = {
    id: newId(),
    projectId: m.projectId,
    phase,
    previousPhase: previous,
    rationale: rationale.trim(),
    actor: m.actor,
    at: new Date().toISOString(),
  };
  await m.record.insert("phaseLog", entry);
  const { projectId: _, ...rest } = entry;
  return rest;
}

/** The project's current phase: the last one moved to, or null before the first move. */
export async function currentPhase(store: Store, projectId: string): Promise<number | null> {
  const log = await listPhaseLog(store, projectId);
  return log.at(-1)?.phase ?? null;
}

/** Every phase move, oldest first. */
export async function listPhaseLog(store: Store, projectId: string): Promise<PhaseEntry[]> {
  const rows = await store.db
    .selectFrom("phaseLog")
    .select(["id", "phase", "previousPhase", "rationale", "actor", "at"])
    .where("projectId", "=", projectId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    ...row,
    phase: Number(row.phase),
    previousPhase: row.previousPhase === null ? null : Number(row.previousPhase),
  }));
}

/** A live (not orphaned) coded passage of one of `codeIds`, with its text. */
export interface CodedPassage {
  codingId: string;
  sourceId: string;
  codeId: string;
  coder: string;
  start: number;
  end: number;
  text: string;
}

/** The live passages of some codes, in source order (for reviews and matrices). */
export async function codedPassages(
  store: Store,
  projectId: string,
  codeIds: readonly string[],
): Promise<CodedPassage[]> {
  if (codeIds.length === 0) return [];
  const rows = await store.db
    .selectFrom("codings")
    .select(["id", "sourceId", "codeId", "coder", "startPos", "endPos", "exact"])
    .where("projectId", "=", projectId)
    .where("codeId", "in", [...codeIds])
    .where("status", "!=", "orphaned")
    .orderBy("sourcePosition")
    .orderBy("startPos")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    codingId: row.id,
    sourceId: row.sourceId,
    codeId: row.codeId,
    coder: row.coder,
    start: Number(row.startPos),
    end: Number(row.endPos),
    text: row.exact,
  }));
}

async function requireTheme(m: Mutation, id: string): Promise<void> {
  const row = await m.db
    .selectFrom("themes")
    .select("id")
    .where("projectId", "=", m.projectId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new QuireError("not_found", `no theme with id ${id}`);
}

function splitNode(node: string): ["theme" | "code", string] {
  const colon = node.indexOf(":");
  const kind = node.slice(0, colon);
  const id = node.slice(colon + 1);
  if (colon <= 0 || (kind !== "theme" && kind !== "code") || id === "")
    throw new QuireError("invalid_input", `a map node is theme:<id> or code:<id>, not "${node}"`);
  return [kind, id];
}

function toTheme(
  row: {
    id: string;
    parentId: string | null;
    name: string;
    concept: string;
    definition: string;
    status: string;
    isMisc: number;
    position: number;
    createdAt: string;
    updatedAt: string;
  },
  codeIds: string[],
): Theme {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    concept: row.concept,
    definition: row.definition,
    status: row.status as ThemeStatus,
    isMisc: Number(row.isMisc) === 1,
    position: Number(row.position),
    codeIds,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toSnapshot(row: {
  id: string;
  name: string;
  phase: number | null;
  createdBy: string;
  createdAt: string;
}): MapSnapshot {
  return {
    id: row.id,
    name: row.name,
    phase: row.phase === null ? null : Number(row.phase),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}
