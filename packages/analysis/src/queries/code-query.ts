/**
 * Boolean code queries: which coded passages of some codes also have (AND) or lack (NOT) other codes
 * nearby, filtered by case attributes, coder and source kind, with results as passages, sources or
 * cases. The definition is plain JSON, so a query can be saved in the project's settings and run
 * again; `evaluateCodeQuery` is the reference meaning that the database's SQL is tested against.
 */
import { QuireError } from "@quire/core";
import { attributeText, type CodingRecord, type ProjectSnapshot } from "./model.js";

/**
 * How close another code's passage must be to a hit:
 * - `overlap`: the ranges share at least one character (`o.start < k.end && o.end > k.start`);
 * - `within`: the gap between the ranges is at most `chars` characters
 *   (`o.start <= k.end + chars && o.end >= k.start - chars`), so touching ranges count at 0;
 * - `turn`: one speaker turn of the source shares a character with both passages;
 * - `source`: anywhere in the same source.
 */
export type Proximity =
  | { kind: "overlap" }
  | { kind: "within"; chars: number }
  | { kind: "turn" }
  | { kind: "source" };

export interface CodeQuery {
  /** The hits are the passages coded with any of these codes (OR). At least one. */
  codes: string[];
  /** Each of these codes must have a passage near the hit (AND). */
  and?: string[];
  /** None of these codes may have a passage near the hit (NOT). */
  not?: string[];
  /** What "near" means for `and` and `not` (default `overlap`). */
  near?: Proximity;
  /** Case attribute name → value the hit's case must have, compared as text. */
  where?: Record<string, string>;
  /** Only passages coded by this coder count, hits and their AND / NOT neighbours alike. */
  coder?: string;
  /** Only sources of these kinds (e.g. `interview`); absent or empty means all. */
  sourceKinds?: string[];
  /**
   * Reserved for source sets, which the project model does not have yet. A query that names a set
   * is refused rather than silently run over every source.
   */
  sourceSet?: string;
}

/** A query with every option filled in, as the evaluators use it. */
export interface NormalizedCodeQuery {
  codes: string[];
  and: string[];
  not: string[];
  near: Proximity;
  where: Record<string, string>;
  coder: string | null;
  sourceKinds: string[];
}

/** The three ways to look at a query's hits. */
export type QueryResultView = "segments" | "sources" | "cases";

/**
 * Checks a query and fills in its defaults (`near` = overlap, no filters).
 * @throws QuireError `invalid_input` when no code is named, `within` is not a whole number ≥ 0, or
 *   a source set is named (sets do not exist yet).
 */
export function normalizeCodeQuery(query: CodeQuery): NormalizedCodeQuery {
  if (!Array.isArray(query.codes) || query.codes.length === 0)
    throw new QuireError("invalid_input", "a code query needs at least one code");
  const near = query.near ?? { kind: "overlap" };
  if (near.kind === "within" && (!Number.isInteger(near.chars) || near.chars < 0))
    throw new QuireError(
      "invalid_input",
      `"within" needs a whole number of characters ≥ 0, not ${near.chars}`,
    );
  if (!["overlap", "within", "turn", "source"].includes(near.kind))
    throw new QuireError("invalid_input", `unknown proximity "${(near as { kind: string }).kind}"`);
  if (query.sourceSet !== undefined)
    throw new QuireError("invalid_input", "source sets are not available yet");
  return {
    codes: [...new Set(query.codes)],
    and: [...new Set(query.and ?? [])],
    not: [...new Set(query.not ?? [])],
    near,
    where: { ...(query.where ?? {}) },
    coder: query.coder ?? null,
    sourceKinds: [...new Set(query.sourceKinds ?? [])],
  };
}

/** Whether passage `other` is near passage `hit` in the same source, by `near`. */
export function isNear(
  near: Proximity,
  hit: { start: number; end: number },
  other: { start: number; end: number },
  turns: readonly { start: number; end: number }[],
): boolean {
  switch (near.kind) {
    case "overlap":
      return other.start < hit.end && other.end > hit.start;
    case "within":
      return other.start <= hit.end + near.chars && other.end >= hit.start - near.chars;
    case "turn":
      return turns.some(
        (t) => t.start < hit.end && t.end > hit.start && t.start < other.end && t.end > other.start,
      );
    case "source":
      return true;
  }
}

export interface CodeQueryResult {
  /** The hit passages, in source position then start order. */
  segments: CodingRecord[];
  /** Distinct sources of the hits, in source position order. */
  sourceIds: string[];
  /** Distinct cases of the hits, in order of first appearance; sources without a case add none. */
  caseIds: string[];
}

/**
 * Runs a code query over an in-memory project: the reference meaning of a query.
 * @throws QuireError `invalid_input` as `normalizeCodeQuery`.
 */
export function evaluateCodeQuery(project: ProjectSnapshot, query: CodeQuery): CodeQueryResult {
  const q = normalizeCodeQuery(query);
  const sources = new Map(project.sources.map((s) => [s.id, s]));
  const cases = new Map(project.cases.map((c) => [c.id, c]));
  const bySource = new Map<string, CodingRecord[]>();
  for (const coding of project.codings) {
    if (q.coder !== null && coding.coder !== q.coder) continue;
    const list = bySource.get(coding.sourceId) ?? [];
    list.push(coding);
    bySource.set(coding.sourceId, list);
  }
  const wanted = new Set(q.codes);
  const hits: CodingRecord[] = [];
  for (const [sourceId, codings] of bySource) {
    const source = sources.get(sourceId);
    if (!source) continue;
    if (q.sourceKinds.length > 0 && !q.sourceKinds.includes(source.kind)) continue;
    const whereEntries = Object.entries(q.where);
    if (whereEntries.length > 0) {
      const found = source.caseId === null ? undefined : cases.get(source.caseId);
      if (!found) continue;
      if (whereEntries.some(([key, value]) => attributeText(found.attributes[key]) !== value))
        continue;
    }
    const near = (hit: CodingRecord, codeId: string) =>
      codings.some((o) => o.codeId === codeId && isNear(q.near, hit, o, source.turns));
    for (const hit of codings) {
      if (!wanted.has(hit.codeId)) continue;
      if (!q.and.every((codeId) => near(hit, codeId))) continue;
      if (q.not.some((codeId) => near(hit, codeId))) continue;
      hits.push(hit);
    }
  }
  const position = (id: string) => sources.get(id)?.position ?? 0;
  hits.sort(
    (a, b) =>
      position(a.sourceId) - position(b.sourceId) ||
      a.start - b.start ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const sourceIds = [...new Set(hits.map((h) => h.sourceId))];
  const caseIds: string[] = [];
  for (const sourceId of sourceIds) {
    const caseId = sources.get(sourceId)?.caseId;
    if (caseId && !caseIds.includes(caseId)) caseIds.push(caseId);
  }
  return { segments: hits, sourceIds, caseIds };
}
