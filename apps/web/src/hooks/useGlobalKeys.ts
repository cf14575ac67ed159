/**
 * Application-wide keys: Ctrl/⌘+Z and Ctrl/⌘+Shift+Z (or Ctrl+Y) undo and redo on the server, so
 * they reach everything in the audit log, not just the last keystroke; Ctrl/⌘+K opens the palette.
 * Text fields keep their own undo.
 */
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { redo, undo } from "../api/client.js";
import { keys } from "../api/queries.js";
import { getActiveViewer } from "../editor/viewer-controller.js";
import { getUi, setUi, toast } from "../state/ui-store.js";

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest(".cm-editor")) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Undoes or redoes the project's last change, after what is still on its way has arrived. */
export async function runHistory(which: "undo" | "redo", client: QueryClient): Promise<void> {
  const key = getUi().projectKey;
  if (!key) return;
  await getActiveViewer()?.flush();
  try {
    const event = which === "undo" ? await undo(key) : await redo(key);
    toast(`${which === "undo" ? "Undone" : "Redone"}: ${event.summary ?? "last change"}`);
  } catch (error) {
    toast(error instanceof Error ? error.message : String(error), "error");
  }
  await client.invalidateQueries({ queryKey: keys.project(key) });
}

export function useGlobalKeys(): void {
  const client = useQueryClient();
  useEffect(() => {
    const run = (which: "undo" | "redo") => runHistory(which, client);
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === "k") {
        event.preventDefault();
        setUi({ paletteOpen: true, paletteScope: "selection" });
        return;
      }
      if (isTextField(event.target)) return;
      if (key === "z" || key === "y") {
        event.preventDefault();
        void run(key === "y" || event.shiftKey ? "redo" : "undo");
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [client]);
}
