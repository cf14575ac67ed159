/**
 * Test helpers for components: a fresh query client seeded with server data, a fetch stub that
 * answers API paths from a table, and a clean UI store.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { vi } from "vitest";
import { keys } from "../api/queries.js";
import type { CodeNode } from "../api/types.js";
import { resetUi, type UiState } from "../state/ui-store.js";

export const PROJECT = "demo";

export function code(
  id: string,
  name: string,
  parentId: string | null = null,
  counts = [0, 0],
): CodeNode {
  return {
    id,
    parentId,
    name,
    color: "#1b9e77",
    description: {},
    path: name,
    depth: parentId ? 1 : 0,
    codingCount: counts[0] ?? 0,
    sourceCount: counts[1] ?? 0,
  };
}

/** Answers `fetch` for API paths (without `/api`) from handlers; anything else is a 404. */
export function stubApi(handlers: Record<string, (url: URL, init?: RequestInit) => unknown>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://quire.test");
    const path = url.pathname.replace(/^\/api/, "");
    const method = init?.method ?? "GET";
    calls.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const handler = handlers[`${method} ${path}`] ?? handlers[path];
    if (!handler)
      return new Response(JSON.stringify({ error: { id: "not_found", message: `no ${path}` } }), {
        status: 404,
      });
    return new Response(JSON.stringify(handler(url, init)), {
      status: 200,
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchStub);
  return calls;
}

export function renderWithData(
  element: ReactElement,
  options: { codes?: CodeNode[]; ui?: Partial<UiState> } = {},
) {
  resetUi({ projectKey: PROJECT, ...options.ui });
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } },
  });
  if (options.codes) client.setQueryData(keys.codes(PROJECT), options.codes);
  return {
    client,
    ...render(<QueryClientProvider client={client}>{element}</QueryClientProvider>),
  };
}
