/**
 * The wire of reflexive thematic analysis: themes and subthemes over codes, the thematic map with
 * its positions, drawn edges and snapshots, the review of sources against themes, and the phase
 * with its log. Types mirror the server's zod schemas (`apps/server/src/routes/themes/schema.ts`);
 * every query key lives under `["p", projectKey, "themes"]`, so one invalidation refreshes them all.
 */

import type { ThemeStatus } from "@quire/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { request } from "./client.js";
import { onChange } from "./live.js";
import { keys } from "./queries.js";
import type { MemoView } from "./types.js";

export interface ThemeWarning {
  kind: string;
  message: string;
}

export interface ThemeView {
  id: string;
  parentId: string | null;
  name: string;
  concept: string;
  definition: string;
  status: ThemeStatus;
  isMisc: boolean;
  position: number;
  codeIds: string[];
  createdAt: string;
  updatedAt: string;
  /** Prompts when the name reads like a topic summary (RTA-2). */
  warnings: ThemeWarning[];
}

export interface NewTheme {
  name: string;
  concept?: string;
  definition?: string;
  parentId?: string | null;
  /** The "miscellaneous" bin of phase 3, never final. */
  isMisc?: boolean;
}

export interface ThemePatch {
  name?: string;
  concept?: string;
  definition?: string;
  status?: ThemeStatus;
  /** Why the status changed; kept in the audit log. */
  rationale?: string;
}

export type MapNodeKind = "theme" | "subtheme" | "code";
export type MapEdgeKind = "subtheme" | "code" | "link";

export interface MapNodeView {
  /** `theme:<id>` or `code:<id>`. */
  id: string;
  kind: MapNodeKind;
  refId: string;
  label: string;
  status: string | null;
  isMisc: boolean;
  x: number | null;
  y: number | null;
}

export interface MapEdgeView {
  id: string;
  from: string;
  to: string;
  /** `subtheme` and `code` edges follow from the themes; `link` edges were drawn, with a label. */
  kind: MapEdgeKind;
  label: string;
}

export interface ThematicMapView {
  nodes: MapNodeView[];
  edges: MapEdgeView[];
}

export interface MapSnapshotView {
  id: string;
  name: string;
  phase: number | null;
  createdBy: string;
  createdAt: string;
}

export interface MapSnapshotDetail extends MapSnapshotView {
  graph: ThematicMapView;
}

export interface ReviewPassageView {
  codingId: string;
  sourceId: string;
  codeId: string;
  start: number;
  end: number;
  text: string;
}

export interface ThemeReviewView {
  themes: { id: string; name: string; status: string; sources: number; passages: number }[];
  rows: {
    sourceId: string;
    title: string;
    contributes: boolean;
    cells: { themeId: string; passages: ReviewPassageView[] }[];
  }[];
  unassignedCodes: { id: string; name: string }[];
}

export interface PhaseEntryView {
  id: string;
  phase: number;
  previousPhase: number | null;
  rationale: string;
  actor: string;
  at: string;
}

export interface PhaseView {
  phase: number | null;
  name: string | null;
  log: PhaseEntryView[];
}

const enc = encodeURIComponent;
const base = (key: string) => `/projects/${enc(key)}`;

// Client functions, one per route.

export async function listThemes(key: string): Promise<ThemeView[]> {
  return (await request<{ themes: ThemeView[] }>("GET", `${base(key)}/themes`)).themes;
}
export function createTheme(key: string, theme: NewTheme): Promise<ThemeView> {
  return request("POST", `${base(key)}/themes`, theme);
}
export function updateTheme(key: string, id: string, patch: ThemePatch): Promise<ThemeView> {
  return request("PATCH", `${base(key)}/themes/${enc(id)}`, patch);
}
export async function linkThemeCode(key: string, themeId: string, codeId: string): Promise<void> {
  await request("POST", `${base(key)}/themes/${enc(themeId)}/codes`, { codeId });
}
export async function unlinkThemeCode(key: string, themeId: string, codeId: string): Promise<void> {
  await request("DELETE", `${base(key)}/themes/${enc(themeId)}/codes/${enc(codeId)}`);
}
export function getThematicMap(key: string): Promise<ThematicMapView> {
  return request("GET", `${base(key)}/thematic-map`);
}
export function addMapEdge(
  key: string,
  edge: { from: string; to: string; label: string },
): Promise<ThematicMapView> {
  return request("POST", `${base(key)}/thematic-map/edges`, edge);
}
export function removeMapEdge(key: string, edgeId: string): Promise<ThematicMapView> {
  return request("DELETE", `${base(key)}/thematic-map/edges/${enc(edgeId)}`);
}
export async function placeMapNode(
  key: string,
  node: { kind: "theme" | "code"; refId: string; x: number; y: number },
): Promise<void> {
  await request("PUT", `${base(key)}/thematic-map/nodes`, node);
}
export function listMapSnapshots(key: string): Promise<MapSnapshotView[]> {
  return request("GET", `${base(key)}/thematic-map/snapshots`);
}
export function getMapSnapshot(key: string, id: string): Promise<MapSnapshotDetail> {
  return request("GET", `${base(key)}/thematic-map/snapshots/${enc(id)}`);
}
export function createMapSnapshot(
  key: string,
  snapshot: { name: string; phase?: number },
): Promise<MapSnapshotView> {
  return request("POST", `${base(key)}/thematic-map/snapshots`, snapshot);
}
export function restoreMapSnapshot(key: string, id: string): Promise<ThematicMapView> {
  return request("POST", `${base(key)}/thematic-map/snapshots/${enc(id)}/restore`);
}
export function getThemeReview(key: string): Promise<ThemeReviewView> {
  return request("GET", `${base(key)}/themes/review`);
}
export function getPhase(key: string): Promise<PhaseView> {
  return request("GET", `${base(key)}/phase`);
}
export function setPhase(key: string, phase: number, rationale: string): Promise<PhaseView> {
  return request("POST", `${base(key)}/phase`, { phase, rationale });
}

// Query keys and hooks.

export const themeKeys = {
  all: (key: string) => ["p", key, "themes"] as const,
  list: (key: string) => ["p", key, "themes", "list"] as const,
  map: (key: string) => ["p", key, "themes", "map"] as const,
  snapshots: (key: string) => ["p", key, "themes", "snapshots"] as const,
  snapshot: (key: string, id: string) => ["p", key, "themes", "snapshots", id] as const,
  review: (key: string) => ["p", key, "themes", "review"] as const,
  phase: (key: string) => ["p", key, "themes", "phase"] as const,
};

export function useThemes(key: string | null) {
  return useQuery({
    queryKey: themeKeys.list(key ?? ""),
    enabled: key !== null,
    queryFn: () => listThemes(key ?? ""),
  });
}

export function useThematicMap(key: string | null) {
  return useQuery({
    queryKey: themeKeys.map(key ?? ""),
    enabled: key !== null,
    queryFn: () => getThematicMap(key ?? ""),
  });
}

export function useMapSnapshots(key: string | null) {
  return useQuery({
    queryKey: themeKeys.snapshots(key ?? ""),
    enabled: key !== null,
    queryFn: () => listMapSnapshots(key ?? ""),
  });
}

/** One snapshot; snapshots are immutable, so it is never refetched. */
export function useMapSnapshot(key: string | null, id: string | null) {
  return useQuery({
    queryKey: themeKeys.snapshot(key ?? "", id ?? ""),
    enabled: key !== null && id !== null,
    queryFn: () => getMapSnapshot(key ?? "", id ?? ""),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useThemeReview(key: string | null) {
  return useQuery({
    queryKey: themeKeys.review(key ?? ""),
    enabled: key !== null,
    queryFn: () => getThemeReview(key ?? ""),
  });
}

export function usePhase(key: string | null) {
  return useQuery({
    queryKey: themeKeys.phase(key ?? ""),
    enabled: key !== null,
    queryFn: () => getPhase(key ?? ""),
  });
}

/**
 * A mutation of reflexive TA data that refreshes the themes' queries (and, with `memos`, the
 * memos) when it settles, so the window that acted is in step even without the event stream.
 */
export function useThemesMutation<Vars, Result>(
  key: string | null,
  run: (key: string, vars: Vars) => Promise<Result>,
  options: { memos?: boolean } = {},
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: Vars) => run(key ?? "", vars),
    // Not awaited, as in the framework's mutations: a form's own reset runs as soon as the
    // server answers, not after the refetch has already shown the result and the next entry.
    onSettled: () => {
      void client.invalidateQueries({ queryKey: themeKeys.all(key ?? "") });
      if (options.memos) void client.invalidateQueries({ queryKey: keys.memos(key ?? "") });
    },
  });
}

/** Change families (the part of an action before the dot) that alter what the themes show. */
const THEME_FAMILIES = new Set([
  "coding",
  "codings",
  "code",
  "codes",
  "search",
  "source",
  "sources",
]);

/**
 * Refreshes the themes' queries when codes, codings or sources change elsewhere: code names label
 * the map and codings fill the review. (Theme, map and phase actions already refresh the project.)
 */
export function useThemesLiveRefresh(key: string | null): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!key) return;
    return onChange((event) => {
      const [family = ""] = event.action.split(".");
      if (THEME_FAMILIES.has(family))
        void client.invalidateQueries({ queryKey: themeKeys.all(key) });
    });
  }, [key, client]);
}

/** Memos linked to a theme or to any of some codes, newest first (the journal beside a theme). */
export function memosLinkedTo(
  memos: readonly MemoView[],
  target: { themeId: string | null; codeIds: readonly string[] },
): MemoView[] {
  const codes = new Set(target.codeIds);
  return memos
    .filter(
      (memo) =>
        (memo.targetType === "theme" &&
          memo.targetId !== null &&
          memo.targetId === target.themeId) ||
        (memo.targetType === "code" && memo.targetId !== null && codes.has(memo.targetId)),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
