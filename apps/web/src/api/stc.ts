/**
 * Systematic text condensation over the wire: the outline (preliminary themes → code groups →
 * subgroups → meaning units, condensates, quotes, analytic texts), its edits and the re-reading
 * grid. Types mirror `apps/server/src/routes/stc/schema.ts`. Condensates arrive flagged
 * `artificial` with their label; `condensateWords` recovers the analyst's words for editing only.
 * Query keys live under `["p", key, "stc", …]`.
 */
import { CONDENSATE_LABEL } from "@quire/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { exportUrl, request } from "./client.js";

export interface StcTheme {
  id: string;
  name: string;
  note: string;
}

/** A meaning unit: a coding placed in a code group (and perhaps one of its subgroups). */
export interface StcUnit {
  id: string;
  codingId: string;
  codeGroupId: string;
  subgroupId: string | null;
  sourceId: string;
  sourceTitle: string;
  start: number;
  end: number;
  text: string;
  coder: string;
}

/** A condensate as the server presents it: always artificial, always labelled. */
export interface StcCondensate {
  id: string;
  subgroupId: string;
  unitIds: string[];
  artificial: true;
  label: string;
  /** The words inside the label, `[label: words]`: never a quotation. */
  text: string;
}

/** An illustrative quote: a participant's exact words (a coding). */
export interface StcQuote {
  id: string;
  codingId: string;
  sourceId: string;
  sourceTitle: string;
  start: number;
  end: number;
  text: string;
}

export interface StcSubgroup {
  id: string;
  name: string;
  units: StcUnit[];
  condensate: StcCondensate | null;
  quotes: StcQuote[];
}

export interface StcCodeGroup {
  id: string;
  name: string;
  themeId: string | null;
  analyticText: string;
  /** Meaning units in the group but in none of its subgroups yet. */
  unsorted: StcUnit[];
  subgroups: StcSubgroup[];
}

export interface StcOutline {
  themes: StcTheme[];
  codeGroups: StcCodeGroup[];
}

export interface ReadingGrid {
  codeGroups: { id: string; name: string }[];
  rows: {
    sourceId: string;
    title: string;
    /** Meaning units per code group, in the order of `codeGroups`. */
    units: number[];
    reread: boolean;
    validated: boolean;
    contradicting: string;
  }[];
}

export interface ReadingCheckInput {
  reread?: boolean;
  validated?: boolean;
  contradicting?: string;
}

const enc = encodeURIComponent;
const base = (key: string) => `/projects/${enc(key)}/stc`;

export const stcKeys = {
  all: (key: string) => ["p", key, "stc"] as const,
  outline: (key: string) => ["p", key, "stc", "outline"] as const,
  grid: (key: string) => ["p", key, "stc", "grid"] as const,
};

export async function getStcOutline(key: string): Promise<StcOutline> {
  return request("GET", base(key));
}
export async function getReadingGrid(key: string): Promise<ReadingGrid> {
  return request("GET", `${base(key)}/grid`);
}
export async function addStcTheme(key: string, input: { name: string; note?: string }) {
  return request<{ id: string; name: string }>("POST", `${base(key)}/themes`, input);
}
export async function addCodeGroup(key: string, input: { name: string; theme?: string }) {
  return request<{ id: string; name: string }>("POST", `${base(key)}/groups`, input);
}
export async function addSubgroup(key: string, input: { group: string; name: string }) {
  return request<{ id: string; name: string }>("POST", `${base(key)}/subgroups`, input);
}
export async function renameStcTheme(key: string, input: { id: string; name: string }) {
  return request<{ id: string; name: string }>("PATCH", `${base(key)}/themes/${enc(input.id)}`, {
    name: input.name,
  });
}
export async function renameCodeGroup(key: string, input: { id: string; name: string }) {
  return request<{ id: string; name: string }>("PATCH", `${base(key)}/groups/${enc(input.id)}`, {
    name: input.name,
  });
}
export async function renameSubgroup(key: string, input: { id: string; name: string }) {
  return request<{ id: string; name: string }>("PATCH", `${base(key)}/subgroups/${enc(input.id)}`, {
    name: input.name,
  });
}
/** Removes a preliminary theme; its code groups stay, under no theme. */
export async function removeStcTheme(key: string, id: string): Promise<void> {
  await request("DELETE", `${base(key)}/themes/${enc(id)}`);
}
/** Removes an empty code group; refused (409 `conflict`) while it holds units or subgroups. */
export async function removeCodeGroup(key: string, id: string): Promise<void> {
  await request("DELETE", `${base(key)}/groups/${enc(id)}`);
}
/** Removes a subgroup with its condensate and quotes; its meaning units return to unsorted. */
export async function removeSubgroup(key: string, id: string): Promise<void> {
  await request("DELETE", `${base(key)}/subgroups/${enc(id)}`);
}
/** Removes a meaning unit from its code group; the coding stays. */
export async function removeMeaningUnit(key: string, id: string): Promise<void> {
  await request("DELETE", `${base(key)}/units/${enc(id)}`);
}
/** Places a coding as a meaning unit; placing it again in the same group moves it. */
export async function placeMeaningUnit(
  key: string,
  input: { codingId: string; group: string; subgroup?: string | null },
): Promise<void> {
  await request("POST", `${base(key)}/units`, input);
}
export async function writeCondensate(
  key: string,
  input: { subgroupId: string; text: string; unitIds?: string[] },
): Promise<StcCondensate> {
  const { subgroupId, ...body } = input;
  return request("PUT", `${base(key)}/subgroups/${enc(subgroupId)}/condensate`, body);
}
export async function chooseQuote(
  key: string,
  input: { subgroupId: string; codingId: string },
): Promise<void> {
  await request("POST", `${base(key)}/subgroups/${enc(input.subgroupId)}/quotes`, {
    codingId: input.codingId,
  });
}
export async function writeAnalyticText(
  key: string,
  input: { groupId: string; body: string },
): Promise<void> {
  await request("PUT", `${base(key)}/groups/${enc(input.groupId)}/analysis`, { body: input.body });
}
export async function checkReading(
  key: string,
  input: ReadingCheckInput & { sourceId: string },
): Promise<void> {
  const { sourceId, ...body } = input;
  await request("PUT", `${base(key)}/checks/${enc(sourceId)}`, body);
}

/** Where the results (analytic texts, labelled condensates, quotes) download as Markdown. */
export function stcResultsUrl(key: string): string {
  return exportUrl(key, "stc-results");
}

/**
 * The analyst's words of a condensate, for the editor: the server sends them wrapped in the label
 * (`[label: words]`); anything else is returned as it came.
 */
export function condensateWords(condensate: Pick<StcCondensate, "text" | "label">): string {
  const label = condensate.label || CONDENSATE_LABEL;
  const opening = `[${label}: `;
  return condensate.text.startsWith(opening) && condensate.text.endsWith("]")
    ? condensate.text.slice(opening.length, -1)
    : condensate.text;
}

export function useStcOutline(key: string | null) {
  return useQuery({
    queryKey: stcKeys.outline(key ?? ""),
    enabled: key !== null,
    queryFn: () => getStcOutline(key ?? ""),
  });
}

export function useReadingGrid(key: string | null) {
  return useQuery({
    queryKey: stcKeys.grid(key ?? ""),
    enabled: key !== null,
    queryFn: () => getReadingGrid(key ?? ""),
  });
}

/** An STC change: refreshes the outline and the grid when it settles. */
export function useStcMutation<Vars, Result>(
  key: string | null,
  run: (key: string, vars: Vars) => Promise<Result>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: Vars) => run(key ?? "", vars),
    onSettled: () => client.invalidateQueries({ queryKey: stcKeys.all(key ?? "") }),
  });
}
