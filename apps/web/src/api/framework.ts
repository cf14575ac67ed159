/**
 * The Framework Method over the wire: the versioned analytical framework, the charting matrix and
 * its cells, and indexing progress. Types mirror `apps/server/src/routes/framework/schema.ts`; the
 * query keys live under `["p", key, "framework", …]` so one change event refreshes them all.
 */
import type { ChartCellState, FrameworkOrigin } from "@quire/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { exportUrl, request } from "./client.js";
import { type QueryPassage, runCodeQuery } from "./code-queries.js";

export interface FrameworkCode {
  id: string;
  codeId: string;
  name: string;
  abbreviation: string;
  definition: string;
  origin: FrameworkOrigin;
  isOther: boolean;
  addedInVersion: number;
}

export interface FrameworkCategory {
  id: string;
  name: string;
  codeId: string;
  codes: FrameworkCode[];
}

export interface Framework {
  id: string;
  name: string;
  version: number;
  categories: FrameworkCategory[];
}

export interface FrameworkVersion {
  number: number;
  note: string;
  createdBy: string;
  createdAt: string;
  content: FrameworkCategory[];
}

export interface ChartQuote {
  codingId: string;
  text: string;
}

export interface MatrixCell {
  codeId: string;
  state: ChartCellState;
  /** The summary, or for `unsummarised` cells the text prefilled from the coded passages. */
  summary: string;
  quotes: ChartQuote[];
  /** The coded passages (case ∩ code) the cell is linked to. */
  codingIds: string[];
}

export interface MatrixRow {
  caseId: string;
  caseName: string;
  attributes: Record<string, unknown>;
  cells: MatrixCell[];
}

export interface MatrixColumn {
  categoryId: string;
  categoryName: string;
  codes: { codeId: string; name: string; abbreviation: string; isOther: boolean }[];
}

export interface ChartMatrix {
  columns: MatrixColumn[];
  rows: MatrixRow[];
  counts: Record<ChartCellState, number>;
}

export interface MatrixOptions {
  sort?: string;
  direction?: "asc" | "desc";
  /** Keep only cases whose attribute has this value. */
  where?: { attribute: string; value: string };
}

export interface SourceProgress {
  sourceId: string;
  title: string;
  /** Passages per framework code (by Quire code id). */
  counts: Record<string, number>;
  codings: number;
}

export interface AddCategoryInput {
  name: string;
  abbreviation?: string;
  note?: string;
}

export interface AddCodeInput {
  /** The category's id or name. */
  category: string;
  name: string;
  abbreviation: string;
  definition?: string;
  origin?: FrameworkOrigin;
  /** Use this existing code of the codebook instead of creating one. */
  codeId?: string;
}

export interface ChartCellInput {
  caseId: string;
  codeId: string;
  summary?: string;
  quoteCodingIds?: string[];
  state?: "charted" | "unsummarised" | "not_discussed";
}

const base = (key: string) => `/projects/${encodeURIComponent(key)}/framework`;

export const frameworkKeys = {
  all: (key: string) => ["p", key, "framework"] as const,
  framework: (key: string) => ["p", key, "framework", "current"] as const,
  versions: (key: string) => ["p", key, "framework", "versions"] as const,
  matrix: (key: string, options: MatrixOptions = {}) =>
    ["p", key, "framework", "matrix", options] as const,
  progress: (key: string) => ["p", key, "framework", "progress"] as const,
  cell: (key: string, caseId: string, codeId: string) =>
    ["p", key, "framework", "cell", caseId, codeId] as const,
};

/** Passages asked for at a time when reading a cell's passages (the most the queries API gives). */
const CELL_PAGE = 500;

/**
 * Every passage of one cell: the code's passages in the case's sources, by the queries API scoped
 * to the case, a page at a time until all are in (so a code with many passages loses none).
 */
export async function getCellPassages(
  key: string,
  caseId: string,
  codeId: string,
): Promise<QueryPassage[]> {
  const passages: QueryPassage[] = [];
  for (;;) {
    const page = await runCodeQuery(key, {
      query: { codes: [codeId] },
      caseId,
      as: "segments",
      limit: CELL_PAGE,
      offset: passages.length,
      context: 0,
    });
    passages.push(...page.segments);
    if (page.segments.length === 0 || passages.length >= page.total) return passages;
  }
}

export async function getFramework(key: string): Promise<Framework | null> {
  return (await request<{ framework: Framework | null }>("GET", base(key))).framework;
}
export async function listFrameworkVersions(key: string): Promise<FrameworkVersion[]> {
  return (await request<{ versions: FrameworkVersion[] }>("GET", `${base(key)}/versions`)).versions;
}
export async function addFrameworkCategory(
  key: string,
  input: AddCategoryInput,
): Promise<{ version: number; framework: Framework | null }> {
  return request("POST", `${base(key)}/categories`, input);
}
export async function addFrameworkCode(
  key: string,
  input: AddCodeInput,
): Promise<{ version: number; framework: Framework | null }> {
  return request("POST", `${base(key)}/codes`, input);
}
export async function chartCell(key: string, input: ChartCellInput): Promise<unknown> {
  return request("PUT", `${base(key)}/cells`, input);
}

/** The query string of the matrix: `sort`, `direction` and `where=name:value`. */
export function matrixSearch(options: MatrixOptions): string {
  const search = new URLSearchParams();
  if (options.sort) {
    search.set("sort", options.sort);
    search.set("direction", options.direction ?? "asc");
  }
  if (options.where?.attribute && options.where.value !== "")
    search.set("where", `${options.where.attribute}:${options.where.value}`);
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function getChartMatrix(key: string, options: MatrixOptions): Promise<ChartMatrix> {
  return request("GET", `${base(key)}/matrix${matrixSearch(options)}`);
}
export async function getIndexingProgress(key: string): Promise<SourceProgress[]> {
  return (await request<{ sources: SourceProgress[] }>("GET", `${base(key)}/progress`)).sources;
}

/** Where the matrix downloads as an Excel workbook. */
export function frameworkXlsxUrl(key: string): string {
  return exportUrl(key, "framework-xlsx");
}

export function useFramework(key: string | null) {
  return useQuery({
    queryKey: frameworkKeys.framework(key ?? ""),
    enabled: key !== null,
    queryFn: () => getFramework(key ?? ""),
  });
}

export function useFrameworkVersions(key: string | null) {
  return useQuery({
    queryKey: frameworkKeys.versions(key ?? ""),
    enabled: key !== null,
    queryFn: () => listFrameworkVersions(key ?? ""),
  });
}

/** The matrix; asked for only once a framework exists (the server refuses before). */
export function useChartMatrix(key: string | null, options: MatrixOptions, enabled: boolean) {
  return useQuery({
    queryKey: frameworkKeys.matrix(key ?? "", options),
    enabled: key !== null && enabled,
    queryFn: () => getChartMatrix(key ?? "", options),
    placeholderData: keepPreviousData,
  });
}

/** A cell's passages; asked for only while `enabled` (a cell with coded passages is open). */
export function useCellPassages(
  key: string | null,
  caseId: string,
  codeId: string,
  enabled: boolean,
) {
  return useQuery({
    queryKey: frameworkKeys.cell(key ?? "", caseId, codeId),
    enabled: key !== null && enabled,
    queryFn: () => getCellPassages(key ?? "", caseId, codeId),
  });
}

export function useIndexingProgress(key: string | null, enabled: boolean) {
  return useQuery({
    queryKey: frameworkKeys.progress(key ?? ""),
    enabled: key !== null && enabled,
    queryFn: () => getIndexingProgress(key ?? ""),
  });
}

/**
 * A framework change: refreshes the framework family when it settles (and the codebook, since a
 * category or a new code is a Quire code too).
 */
export function useFrameworkMutation<Vars, Result>(
  key: string | null,
  run: (key: string, vars: Vars) => Promise<Result>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: Vars) => run(key ?? "", vars),
    // Not awaited: a caller's own callbacks (a form clearing itself) run as soon as the server
    // answers, before the refetched framework shows the new version. Awaiting made them run
    // after it, so keys typed into the next entry in between were wiped.
    onSettled: () => {
      void client.invalidateQueries({ queryKey: frameworkKeys.all(key ?? "") });
      void client.invalidateQueries({ queryKey: ["p", key ?? "", "codes"] });
    },
  });
}
