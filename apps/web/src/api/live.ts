/**
 * The live connection: listens to the project's server-sent event stream and, on each `change`
 * event, invalidates the queries that event can have touched, so changes made in another window or
 * by the `quire` command appear without a reload. Import progress is passed on to whoever listens.
 */
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import { eventStreamUrl } from "./client.js";
import { keys } from "./queries.js";
import type { ChangeEvent } from "./types.js";

export type LiveState = "connecting" | "live" | "offline";

export interface ImportProgress {
  file?: string;
  done: number;
  total: number;
}

let liveState: LiveState = "connecting";
const stateListeners = new Set<() => void>();
const progressListeners = new Set<(progress: ImportProgress) => void>();
const changeListeners = new Set<(event: ChangeEvent) => void>();

function setLiveState(next: LiveState): void {
  if (next === liveState) return;
  liveState = next;
  for (const listener of stateListeners) listener();
}

export function useLiveState(): LiveState {
  return useSyncExternalStore(
    (listener) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    () => liveState,
    () => liveState,
  );
}

export function onImportProgress(listener: (progress: ImportProgress) => void): () => void {
  progressListeners.add(listener);
  return () => progressListeners.delete(listener);
}

export function onChange(listener: (event: ChangeEvent) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/**
 * Which query families an action can affect. Undo and redo can affect anything. Unknown actions
 * refresh the whole project: a stale screen costs more than a refetch.
 */
export function affectedQueries(
  projectKey: string,
  action: string,
): readonly (readonly string[])[] {
  const [family] = action.split(".");
  const p = projectKey;
  switch (family) {
    case "coding":
    case "codings":
    case "search":
      return [
        ["p", p, "source"],
        keys.codes(p),
        ["p", p, "segments"],
        keys.orphans(p),
        ["p", p, "sources"],
        ["p", p, "analysis"],
        ["p", p, "agreement"],
        ["p", p, "framework"],
        ["p", p, "stc"],
        ["p", p, "queries"],
      ];
    case "code":
    case "codes":
      return [
        keys.codes(p),
        ["p", p, "segments"],
        ["p", p, "source"],
        keys.orphans(p),
        ["p", p, "analysis"],
        ["p", p, "agreement"],
        ["p", p, "framework"],
        ["p", p, "stc"],
        ["p", p, "queries"],
      ];
    case "memo":
    case "memos":
      return [keys.memos(p)];
    case "source":
    case "sources":
      return [
        ["p", p, "source"],
        ["p", p, "sources"],
        ["p", p, "segments"],
        keys.orphans(p),
        ["p", p, "search"],
        ["p", p, "analysis"],
        ["p", p, "agreement"],
        ["p", p, "queries"],
      ];
    case "case":
    case "attribute":
      return [
        keys.cases(p),
        keys.attributes(p),
        ["p", p, "sources"],
        ["p", p, "segments"],
        ["p", p, "analysis"],
        ["p", p, "queries"],
      ];
    case "project":
      // Saved queries live in the project's settings.
      return [keys.projects, ["p", p, "queries", "saved"]];
    default:
      return [keys.project(p), keys.projects];
  }
}

function invalidate(client: QueryClient, projectKey: string, event: ChangeEvent): void {
  for (const queryKey of affectedQueries(projectKey, event.action))
    void client.invalidateQueries({ queryKey });
  void client.invalidateQueries({ queryKey: keys.history(projectKey) });
}

/** Keeps one event stream open for the open project; reconnects after a pause when it drops. */
export function useLiveUpdates(projectKey: string | null): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!projectKey || typeof EventSource === "undefined") {
      setLiveState("offline");
      return;
    }
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const connect = () => {
      setLiveState("connecting");
      source = new EventSource(eventStreamUrl(projectKey));
      source.onopen = () => setLiveState("live");
      source.onerror = () => {
        setLiveState("offline");
        source?.close();
        // EventSource would retry on its own, but not after a 4xx; retrying here covers both.
        if (!closed) retry = setTimeout(connect, 3_000);
      };
      source.addEventListener("change", (message) => {
        const event = JSON.parse((message as MessageEvent<string>).data) as ChangeEvent;
        invalidate(client, projectKey, event);
        for (const listener of changeListeners) listener(event);
      });
      source.addEventListener("import-progress", (message) => {
        const progress = JSON.parse((message as MessageEvent<string>).data) as ImportProgress;
        for (const listener of progressListeners) listener(progress);
      });
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [projectKey, client]);
}
