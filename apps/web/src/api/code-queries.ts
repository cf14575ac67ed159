/**
 * Code queries over the wire: running a query (passages, sources or cases), saved queries, the
 * code × case matrix, word frequencies and keyword in context. Types mirror
 * `apps/server/src/routes/queries/schema.ts`; the query keys live under `["p", key, "queries", …]`
 * so one change event about codings, codes or cases refreshes them all (see `live.ts`).
 */
import type { AttributeValue, SourceKind } from "@quire/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "./client.js";

/** What "near" means for AND and NOT codes. */
export type Proximity =
  | { kind: "overlap" }
  | { kind: "within"; chars: number }
  | { kind: "turn" }
  | { kind: "source" };

/** A code query by code ids: any of `codes`, with each of `and` and none of `not` near it. */
export interface CodeQuery {
  codes: string[];
  and?: string[];
  not?: string[];
  near?: Proximity;
  /** Case attribute → value, compared as text. */
  where?: Record<string, string>;
  coder?: string;
  sourceKinds?: string[];
}

export type QueryView = "segments" | "sources" | "cases";

export interface QueryPassage {
  codingId: string;
  codeId: string;
  codeName: string;
  codePath: string;
  codeColor: string;
  sourceId: string;
  sourceTitle: string;
  sourcePosition: number;
  caseId: string | null;
  caseName: string | null;
  caseAttributes: Record<string, AttributeValue>;
  coder: string;
  start: number;
  end: number;
  text: string;
  before: string;
  after: string;
}

export interface QueryAnswer {
  query: CodeQuery;
  view: QueryView;
  /** While blind, the caller whose codings alone were searched. */
  blindCoder: string | null;
  total: number;
  limit: number;
  offset: number;
  segments: QueryPassage[];
  sources: { sourceId: string; title: string; position: number; hits: number }[];
  cases: {
    caseId: string;
    name: string;
    attributes: Record<string, AttributeValue>;
    hits: number;
  }[];
}

/** Run a query given here, or one saved under a name. */
export type QueryRun = ({ query: CodeQuery } | { saved: string }) & {
  /** Only passages in this case's sources (a cell of the code × case matrix). */
  caseId?: string;
  as?: QueryView;
  limit?: number;
  offset?: number;
  context?: number;
};

export interface SavedQuery {
  name: string;
  query: CodeQuery;
  savedAt: string;
  savedBy: string;
}

export interface CodeCaseMatrix {
  blindCoder: string | null;
  codes: { codeId: string; name: string; path: string; color: string; segments: number }[];
  cases: {
    caseId: string;
    name: string;
    attributes: Record<string, AttributeValue>;
    segments: number;
    /** Passages per code, in the order of `codes`. */
    counts: number[];
  }[];
  max: number;
}

export interface MatrixFilter {
  codeIds?: string[];
  /** Keep only cases whose attribute has this value. */
  where?: { attribute: string; value: string };
}

/** Which texts words are counted in: all sources (neither), some sources, or a code's passages. */
export interface WordSelection {
  sourceIds?: string[];
  codeId?: string;
  sourceKinds?: SourceKind[];
}

export interface WordOptions {
  /** How many words (default 30). */
  top?: number;
  /** Count stop words (the, and, of…) too. */
  keepStopWords?: boolean;
}

export interface WordScope {
  description: string;
  texts: number;
}

export interface WordFrequencies {
  scope: WordScope;
  blindCoder: string | null;
  totalWords: number;
  distinctWords: number;
  words: { word: string; count: number; texts: number }[];
}

export interface KwicLine {
  sourceId: string;
  sourceTitle: string;
  start: number;
  end: number;
  before: string;
  match: string;
  after: string;
}

export interface KeywordInContext {
  scope: WordScope;
  blindCoder: string | null;
  word: string;
  total: number;
  lines: KwicLine[];
}

const base = (key: string) => `/projects/${encodeURIComponent(key)}/queries`;

export const queryKeys = {
  all: (key: string) => ["p", key, "queries"] as const,
  run: (key: string, run: QueryRun | null) => ["p", key, "queries", "run", run] as const,
  saved: (key: string) => ["p", key, "queries", "saved"] as const,
  matrix: (key: string, filter: MatrixFilter) => ["p", key, "queries", "matrix", filter] as const,
  words: (key: string, selection: WordSelection, options: WordOptions) =>
    ["p", key, "queries", "words", selection, options] as const,
  kwic: (key: string, selection: WordSelection, word: string) =>
    ["p", key, "queries", "kwic", selection, word] as const,
  coders: (key: string) => ["p", key, "queries", "coders"] as const,
};

export function runCodeQuery(key: string, run: QueryRun): Promise<QueryAnswer> {
  return request("POST", `${base(key)}/run`, run);
}

export async function listSavedQueries(key: string): Promise<SavedQuery[]> {
  return (await request<{ queries: SavedQuery[] }>("GET", `${base(key)}/saved`)).queries;
}

/** Saves `query` as `name`, replacing a saved query of that name. */
export function saveQuery(key: string, name: string, query: CodeQuery): Promise<SavedQuery> {
  return request("POST", `${base(key)}/saved`, { name, query });
}

export async function deleteSavedQuery(key: string, name: string): Promise<void> {
  await request("DELETE", `${base(key)}/saved/${encodeURIComponent(name)}`);
}

export function codeCaseMatrix(key: string, filter: MatrixFilter): Promise<CodeCaseMatrix> {
  const params = new URLSearchParams();
  for (const id of filter.codeIds ?? []) params.append("code", id);
  if (filter.where?.attribute && filter.where.value)
    params.append("where", `${filter.where.attribute}:${filter.where.value}`);
  const search = params.toString();
  return request("GET", `${base(key)}/code-case-matrix${search ? `?${search}` : ""}`);
}

export function wordFrequencies(
  key: string,
  selection: WordSelection,
  options: WordOptions,
): Promise<WordFrequencies> {
  return request("POST", `${base(key)}/words`, { ...selection, ...options });
}

export function keywordInContext(
  key: string,
  selection: WordSelection,
  word: string,
): Promise<KeywordInContext> {
  return request("POST", `${base(key)}/kwic`, { ...selection, word, context: 70 });
}

/** The coders who have coded in the project, to filter a query by. */
export async function listQueryCoders(key: string): Promise<string[]> {
  const path = `/projects/${encodeURIComponent(key)}/agreement/coders`;
  return (await request<{ coders: string[] }>("GET", path)).coders;
}

/** A query's answer; `run` null waits for the researcher to press Run. */
export function useCodeQuery(key: string | null, run: QueryRun | null) {
  return useQuery({
    queryKey: queryKeys.run(key ?? "", run),
    enabled: key !== null && run !== null,
    queryFn: () => runCodeQuery(key ?? "", run as QueryRun),
    placeholderData: keepPreviousData,
  });
}

export function useSavedQueries(key: string | null) {
  return useQuery({
    queryKey: queryKeys.saved(key ?? ""),
    enabled: key !== null,
    queryFn: () => listSavedQueries(key ?? ""),
  });
}

/** Saving and deleting refresh the list (and the history, since each is an undoable change). */
function useSavedMutation<Vars>(
  key: string | null,
  run: (key: string, vars: Vars) => Promise<unknown>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: Vars) => run(key ?? "", vars),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.saved(key ?? "") });
      void client.invalidateQueries({ queryKey: ["p", key ?? "", "events"] });
    },
  });
}

export function useSaveQuery(key: string | null) {
  return useSavedMutation(key, (k, vars: { name: string; query: CodeQuery }) =>
    saveQuery(k, vars.name, vars.query),
  );
}

export function useDeleteSavedQuery(key: string | null) {
  return useSavedMutation(key, (k, name: string) => deleteSavedQuery(k, name));
}

export function useCodeCaseMatrix(key: string | null, filter: MatrixFilter) {
  return useQuery({
    queryKey: queryKeys.matrix(key ?? "", filter),
    enabled: key !== null,
    queryFn: () => codeCaseMatrix(key ?? "", filter),
    placeholderData: keepPreviousData,
  });
}

export function useWordFrequencies(
  key: string | null,
  selection: WordSelection | null,
  options: WordOptions,
) {
  return useQuery({
    queryKey: queryKeys.words(key ?? "", selection ?? {}, options),
    enabled: key !== null && selection !== null,
    queryFn: () => wordFrequencies(key ?? "", selection ?? {}, options),
    placeholderData: keepPreviousData,
  });
}

export function useKeywordInContext(
  key: string | null,
  selection: WordSelection | null,
  word: string | null,
) {
  return useQuery({
    queryKey: queryKeys.kwic(key ?? "", selection ?? {}, word ?? ""),
    enabled: key !== null && selection !== null && !!word,
    queryFn: () => keywordInContext(key ?? "", selection ?? {}, word ?? ""),
  });
}

export function useQueryCoders(key: string | null) {
  return useQuery({
    queryKey: queryKeys.coders(key ?? ""),
    enabled: key !== null,
    queryFn: () => listQueryCoders(key ?? ""),
    staleTime: 30_000,
  });
}
