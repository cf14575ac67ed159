/**
 * The wire of agreement between coders and blind coding: response shapes (mirroring
 * `apps/server/src/routes/agreement/schema.ts`), one typed function per route, and the TanStack Query
 * hooks. Every key lives under `["p", key, "agreement", …]`; blind coding and the method profile
 * change what every view may show, so their mutations refresh the whole project.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listSources, request } from "./client.js";
import { keys } from "./queries.js";
import type { ProjectSummary, SourceRow } from "./types.js";

export const MEASURES = ["percent", "cohen", "scott", "fleiss", "alpha", "u-alpha"] as const;
/** Percent agreement, Cohen's κ, Scott's π, Fleiss' κ, Krippendorff's α (nominal), |uα. */
export type Measure = (typeof MEASURES)[number];

/** Why a value is undefined: nothing coded by two coders, or a single value throughout (0/0). */
export type UndefinedReason = "no-data" | "no-variation";

export interface MeasureValue {
  value: number | null;
  undefinedReason: UndefinedReason | null;
  /** D_o (for κ, π and percent: 1 − observed agreement). */
  observedDisagreement?: number | null;
  /** D_e (for κ and π: 1 − chance agreement); absent for percent. */
  expectedDisagreement?: number | null;
  /** Characters compared (for |uα the length of the continua). */
  units?: number;
}

export type MeasureValues = Partial<Record<Measure, MeasureValue>>;

export interface AgreementRequest {
  coders: string[];
  measures?: Measure[];
  codeIds?: string[];
  sourceIds?: string[];
}

export interface AgreementReport {
  coders: string[];
  measures: Measure[];
  unit: "character";
  overall: MeasureValues;
  byCode: { codeId: string; values: MeasureValues }[];
  bySource: { sourceId: string; length: number; values: MeasureValues }[];
}

export interface CodedRange {
  start: number;
  end: number;
  text: string;
}

export interface Disagreement extends CodedRange {
  codedBy: string[];
  notCodedBy: string[];
}

export interface SideBySide {
  sourceId: string;
  codeId: string;
  title: string;
  ranges: { coder: string; ranges: CodedRange[] }[];
  disagreements: Disagreement[];
}

export interface BlindState {
  on: boolean;
  since: string | null;
  revealedAt: string | null;
  revealedBy: string | null;
}

/** Method profiles in which agreement is computed (METHODS RTA-5: never in reflexive TA). */
export const AGREEMENT_METHODS = ["codebook_ta", "framework"] as const;

const enc = encodeURIComponent;
const project = (key: string) => `/projects/${enc(key)}`;

export const agreementKeys = {
  all: (key: string) => ["p", key, "agreement"] as const,
  coders: (key: string) => ["p", key, "agreement", "coders"] as const,
  sources: (key: string) => ["p", key, "agreement", "sources"] as const,
  report: (key: string, q: AgreementRequest | null) =>
    ["p", key, "agreement", "report", q] as const,
  side: (key: string, q: DisagreementQuery | null) => ["p", key, "agreement", "side", q] as const,
  differing: (key: string, q: DifferingQuery) => ["p", key, "agreement", "differing", q] as const,
  blind: (key: string) => ["p", key, "agreement", "blind"] as const,
};

export interface DisagreementQuery {
  sourceId: string;
  codeId: string;
  coders: string[];
}

/** Which sources to search for disagreements on a code. */
export interface DifferingQuery {
  codeId: string;
  coders: string[];
  sourceIds: string[];
}

/** A source where the coders differ, and in how many stretches. */
export interface DifferingSource {
  sourceId: string;
  title: string;
  disagreements: number;
}

// Client functions

export async function listCoders(key: string): Promise<string[]> {
  return (await request<{ coders: string[] }>("GET", `${project(key)}/agreement/coders`)).coders;
}
export async function computeAgreement(key: string, q: AgreementRequest): Promise<AgreementReport> {
  return request("POST", `${project(key)}/agreement`, q);
}
export async function loadDisagreements(key: string, q: DisagreementQuery): Promise<SideBySide> {
  return request("POST", `${project(key)}/agreement/disagreements`, q);
}
export async function listDifferingSources(
  key: string,
  q: DifferingQuery,
): Promise<DifferingSource[]> {
  return (
    await request<{ sources: DifferingSource[] }>(
      "POST",
      `${project(key)}/agreement/disagreement-sources`,
      q,
    )
  ).sources;
}
export async function getBlind(key: string): Promise<BlindState> {
  return request("GET", `${project(key)}/blind`);
}
export async function setBlind(
  key: string,
  mode: "on" | "reveal",
  rationale?: string,
): Promise<BlindState> {
  return request("POST", `${project(key)}/blind`, rationale ? { mode, rationale } : { mode });
}
export async function setMethod(key: string, method: string): Promise<ProjectSummary> {
  return request("PATCH", project(key), { method });
}

/** Sources to choose from: the first 500 in collection order (the server's page limit). */
export async function listSourceChoices(key: string): Promise<SourceRow[]> {
  return (await listSources(key, { sort: "position", limit: 500 })).sources;
}

// Hooks

export function useCoders(key: string | null) {
  return useQuery({
    queryKey: agreementKeys.coders(key ?? ""),
    enabled: key !== null,
    queryFn: () => listCoders(key ?? ""),
  });
}

export function useSourceChoices(key: string | null) {
  return useQuery({
    queryKey: agreementKeys.sources(key ?? ""),
    enabled: key !== null,
    queryFn: () => listSourceChoices(key ?? ""),
  });
}

/** The report for `q`, or nothing until a comparison is asked for (`q` null). */
export function useAgreement(key: string | null, q: AgreementRequest | null) {
  return useQuery({
    queryKey: agreementKeys.report(key ?? "", q),
    enabled: key !== null && q !== null,
    queryFn: () => computeAgreement(key ?? "", q as AgreementRequest),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useDisagreements(key: string | null, q: DisagreementQuery | null) {
  return useQuery({
    queryKey: agreementKeys.side(key ?? "", q),
    enabled: key !== null && q !== null,
    queryFn: () => loadDisagreements(key ?? "", q as DisagreementQuery),
    retry: false,
  });
}

/** The sources where the coders differ on a code, in collection order (one request). */
export function useDifferingSources(key: string, q: DifferingQuery) {
  return useQuery({
    queryKey: agreementKeys.differing(key, q),
    queryFn: () => listDifferingSources(key, q),
    retry: false,
  });
}

export function useBlind(key: string | null) {
  return useQuery({
    queryKey: agreementKeys.blind(key ?? ""),
    enabled: key !== null,
    queryFn: () => getBlind(key ?? ""),
  });
}

/** Blind on or revealed: every view's codings change, so the whole project is refreshed. */
export function useSetBlind(key: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: { mode: "on" | "reveal"; rationale?: string }) =>
      setBlind(key ?? "", vars.mode, vars.rationale),
    onSuccess: (state) => client.setQueryData(agreementKeys.blind(key ?? ""), state),
    onSettled: () => client.invalidateQueries({ queryKey: keys.project(key ?? "") }),
  });
}

/** Changes the project's method profile (PATCH P { method }); the project list shows it. */
export function useSetMethod(key: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (method: string) => setMethod(key ?? "", method),
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: keys.projects });
      await client.invalidateQueries({ queryKey: keys.project(key ?? "") });
    },
  });
}
