/**
 * The UI state that is not server state: which project and source are open, which codes are picked
 * for retrieval, which side panel shows, who is coding, the recent codes. A tiny external store read
 * through `useSyncExternalStore`; the open project and source live in the URL hash so a reload (or
 * a shared link) returns to the same place, and the coder and recent codes in localStorage.
 */
import { useSyncExternalStore } from "react";

export type SideTab = "retrieve" | "search" | "memos" | "orphans" | "coding" | "analysis";

/** The workbench's main views: coding, and one screen per analysis method. */
export const VIEWS = ["code", "queries", "themes", "framework", "stc", "agreement"] as const;
export type View = (typeof VIEWS)[number];

function isView(value: string | undefined): value is View {
  return (VIEWS as readonly string[]).includes(value ?? "");
}

/** A place in a source to scroll to and select, e.g. after a retrieval result is opened. */
export interface FocusRange {
  sourceId: string;
  start: number;
  end: number;
  /** Changes on every jump so that jumping to the same place twice still scrolls. */
  nonce: number;
}

export interface UiState {
  projectKey: string | null;
  sourceId: string | null;
  /** The main view; kept in the URL hash beside the project and source. */
  view: View;
  /** Codes picked in the codebook; retrieval shows their passages. */
  selectedCodeIds: string[];
  codeMatch: "any" | "all";
  sideTab: SideTab;
  selectedCodingId: string | null;
  coder: string;
  /** Most recent first; digits 1–9 apply them. */
  recentCodeIds: string[];
  focus: FocusRange | null;
  paletteOpen: boolean;
  /** What the palette's code goes on: the selection, or the whole turn at the cursor. */
  paletteScope: "selection" | "turn";
  /** The viewer's main selection (head is the cursor). */
  cursor: { from: number; to: number; head: number } | null;
  importOpen: boolean;
  /** Files dropped outside the import dialog, for it to import when it opens. */
  droppedFiles: File[] | null;
  exportOpen: boolean;
  projectsOpen: boolean;
  /** The code whose details (description, colour, merge) are being edited. */
  editingCodeId: string | null;
  toast: { text: string; tone: "info" | "error"; nonce: number } | null;
}

const CODER_KEY = "quire.coder";
const RECENT_KEY = "quire.recentCodes";

function readHash(): Pick<UiState, "projectKey" | "sourceId" | "view"> {
  const match = /^#\/p\/([^/]+)(?:\/s\/([^/]+))?(?:\/v\/([^/]+))?/.exec(
    globalThis.location?.hash ?? "",
  );
  return {
    projectKey: match?.[1] ? decodeURIComponent(match[1]) : null,
    sourceId: match?.[2] ? decodeURIComponent(match[2]) : null,
    view: isView(match?.[3]) ? match[3] : "code",
  };
}

function readStorage(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function initialState(): UiState {
  let recent: string[] = [];
  try {
    recent = JSON.parse(readStorage(RECENT_KEY) ?? "[]") as string[];
  } catch {
    recent = [];
  }
  return {
    ...readHash(),
    selectedCodeIds: [],
    codeMatch: "any",
    sideTab: "retrieve",
    selectedCodingId: null,
    coder: readStorage(CODER_KEY) ?? "researcher",
    recentCodeIds: Array.isArray(recent) ? recent.slice(0, 9) : [],
    focus: null,
    paletteOpen: false,
    paletteScope: "selection",
    cursor: null,
    importOpen: false,
    droppedFiles: null,
    exportOpen: false,
    projectsOpen: false,
    editingCodeId: null,
    toast: null,
  };
}

let state: UiState = initialState();
const listeners = new Set<() => void>();

export function getUi(): UiState {
  return state;
}

/** Merges a patch into the state and notifies subscribers; persists what outlives a reload. */
export function setUi(patch: Partial<UiState> | ((current: UiState) => Partial<UiState>)): void {
  const next = { ...state, ...(typeof patch === "function" ? patch(state) : patch) };
  if (
    next.projectKey !== state.projectKey ||
    next.sourceId !== state.sourceId ||
    next.view !== state.view
  )
    writeHash(next);
  if (next.coder !== state.coder) globalThis.localStorage?.setItem(CODER_KEY, next.coder);
  if (next.recentCodeIds !== state.recentCodeIds)
    globalThis.localStorage?.setItem(RECENT_KEY, JSON.stringify(next.recentCodeIds));
  state = next;
  for (const listener of listeners) listener();
}

function writeHash(next: UiState): void {
  if (!globalThis.history) return;
  const source = next.sourceId ? `/s/${encodeURIComponent(next.sourceId)}` : "";
  const view = next.view === "code" ? "" : `/v/${next.view}`;
  const hash = next.projectKey
    ? `#/p/${encodeURIComponent(next.projectKey)}${source}${view}`
    : "#/";
  if (globalThis.location.hash !== hash) globalThis.history.replaceState(null, "", hash);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reads one slice of the UI state; the component re-renders only when that slice changes. */
export function useUi<T>(select: (current: UiState) => T): T {
  return useSyncExternalStore(
    subscribe,
    () => select(state),
    () => select(state),
  );
}

// Actions: named state changes used from several components.

export function openProject(projectKey: string | null): void {
  setUi({ projectKey, sourceId: null, selectedCodeIds: [], selectedCodingId: null, focus: null });
}

/** Opens a source in the coding view, optionally scrolled to and selecting a range. */
export function openSource(sourceId: string, range?: { start: number; end: number }): void {
  setUi({
    sourceId,
    view: "code",
    focus: range ? { sourceId, ...range, nonce: Date.now() + Math.random() } : null,
  });
}

export function rememberCode(codeId: string): void {
  setUi((current) => ({
    recentCodeIds: [codeId, ...current.recentCodeIds.filter((id) => id !== codeId)].slice(0, 9),
  }));
}

export function toast(text: string, tone: "info" | "error" = "info"): void {
  setUi({ toast: { text, tone, nonce: Date.now() } });
}

/** Test hook: start again from a clean state. */
export function resetUi(patch: Partial<UiState> = {}): void {
  state = { ...initialState(), ...patch };
  for (const listener of listeners) listener();
}
