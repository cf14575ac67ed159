/**
 * TanStack Query hooks over the API client: one query key per resource, under the project's key so
 * that a change event can invalidate exactly what it touched (see `live.ts`).
 */
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import * as api from "./client.js";
import type { CooccurrenceRule, SaturationOptions, SegmentQuery, SourceQuery } from "./types.js";

export const keys = {
  projects: ["projects"] as const,
  project: (key: string) => ["p", key] as const,
  sources: (key: string, q?: SourceQuery) => ["p", key, "sources", q ?? {}] as const,
  source: (key: string, id: string) => ["p", key, "source", id] as const,
  codes: (key: string) => ["p", key, "codes"] as const,
  segments: (key: string, q?: SegmentQuery) => ["p", key, "segments", q ?? {}] as const,
  search: (key: string, text?: string) => ["p", key, "search", text ?? ""] as const,
  cases: (key: string) => ["p", key, "cases"] as const,
  attributes: (key: string) => ["p", key, "attributes"] as const,
  memos: (key: string) => ["p", key, "memos"] as const,
  orphans: (key: string) => ["p", key, "orphans"] as const,
  history: (key: string) => ["p", key, "events"] as const,
  exports: (key: string) => ["p", key, "exports"] as const,
  /** Every analysis view; codings, codes, sources and cases all change them. */
  analysis: (key: string, ...rest: unknown[]) => ["p", key, "analysis", ...rest] as const,
};

export function useProjects() {
  return useQuery({ queryKey: keys.projects, queryFn: api.listProjects });
}

/** Rows per page when the source list scrolls; the virtualiser asks for the next page early. */
export const SOURCE_PAGE = 200;

export function useSourcePages(key: string | null, q: SourceQuery) {
  return useInfiniteQuery({
    queryKey: keys.sources(key ?? "", q),
    enabled: key !== null,
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      api.listSources(key ?? "", { ...q, offset: pageParam, limit: SOURCE_PAGE }),
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.sources.length, 0);
      return loaded < last.total && last.sources.length > 0 ? loaded : undefined;
    },
    placeholderData: keepPreviousData,
  });
}

export function useSource(key: string | null, id: string | null) {
  return useQuery({
    queryKey: keys.source(key ?? "", id ?? ""),
    enabled: key !== null && id !== null,
    queryFn: () => api.getSource(key ?? "", id ?? ""),
    staleTime: 5_000,
  });
}

export function useCodes(key: string | null) {
  return useQuery({
    queryKey: keys.codes(key ?? ""),
    enabled: key !== null,
    queryFn: () => api.listCodes(key ?? ""),
  });
}

export function useSegments(key: string | null, q: SegmentQuery) {
  return useQuery({
    queryKey: keys.segments(key ?? "", q),
    enabled: key !== null && q.codeIds.length > 0,
    queryFn: () => api.retrieveSegments(key ?? "", q),
    placeholderData: keepPreviousData,
  });
}

export function useSearch(key: string | null, text: string) {
  return useQuery({
    queryKey: keys.search(key ?? "", text),
    enabled: key !== null && text.trim() !== "",
    queryFn: () => api.searchProject(key ?? "", text, { limit: 100 }),
    retry: false,
  });
}

export function useCases(key: string | null) {
  return useQuery({
    queryKey: keys.cases(key ?? ""),
    enabled: key !== null,
    queryFn: () => api.listCases(key ?? ""),
  });
}

export function useAttributes(key: string | null) {
  return useQuery({
    queryKey: keys.attributes(key ?? ""),
    enabled: key !== null,
    queryFn: () => api.listAttributes(key ?? ""),
  });
}

export function useMemos(key: string | null) {
  return useQuery({
    queryKey: keys.memos(key ?? ""),
    enabled: key !== null,
    queryFn: () => api.listMemos(key ?? ""),
  });
}

export function useOrphans(key: string | null) {
  return useQuery({
    queryKey: keys.orphans(key ?? ""),
    enabled: key !== null,
    queryFn: () => api.listOrphans(key ?? ""),
  });
}

/**
 * A mutation that refreshes the project's data when it settles. The change event from the server
 * would do it too, but refreshing here keeps the window that acted in step even without the stream.
 */
export function useProjectMutation<Vars, Result>(
  key: string | null,
  run: (key: string, vars: Vars) => Promise<Result>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: Vars) => run(key ?? "", vars),
    onSettled: () => client.invalidateQueries({ queryKey: keys.project(key ?? "") }),
  });
}

/** The export formats; they change only with the server, so they are never refetched. */
export function useExports(key: string | null) {
  return useQuery({
    queryKey: keys.exports(key ?? ""),
    enabled: key !== null,
    queryFn: () => api.listExports(key ?? ""),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useFrequencies(key: string | null, attribute: string) {
  return useQuery({
    queryKey: keys.analysis(key ?? "", "frequencies", attribute),
    enabled: key !== null,
    queryFn: () => api.codeFrequencies(key ?? "", attribute || undefined),
    placeholderData: keepPreviousData,
  });
}

export function useCrosstab(key: string | null, attribute: string, only: string) {
  return useQuery({
    queryKey: keys.analysis(key ?? "", "crosstab", attribute, only),
    enabled: key !== null && attribute !== "",
    queryFn: () => api.crosstab(key ?? "", attribute, only || undefined),
    placeholderData: keepPreviousData,
  });
}

export function useCooccurrence(key: string | null, rule: CooccurrenceRule) {
  return useQuery({
    queryKey: keys.analysis(key ?? "", "cooccurrence", rule),
    enabled: key !== null,
    queryFn: () => api.cooccurrence(key ?? "", rule),
    placeholderData: keepPreviousData,
  });
}

export function useSaturation(key: string | null, options: SaturationOptions) {
  return useQuery({
    queryKey: keys.analysis(key ?? "", "saturation", options),
    enabled: key !== null,
    queryFn: () => api.saturation(key ?? "", options),
    placeholderData: keepPreviousData,
  });
}
