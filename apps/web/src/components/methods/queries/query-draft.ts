/**
 * The query being built in the Queries view, as the form holds it (code lists, a proximity, case
 * attribute conditions, coder, source kind, optionally one case from the matrix), and the translations
 * between it and the wire's `CodeQuery`, plus the query read out in words. Pure, so it is tested
 * without a DOM.
 */
import type { SourceKind } from "@quire/core";
import type { CodeQuery, Proximity } from "../../../api/code-queries.js";

export type ProximityKind = Proximity["kind"];

/** One case attribute condition as a builder row; `attribute` is "" while none is chosen. */
export interface AttributeCondition {
  attribute: string;
  value: string;
}

export interface QueryDraft {
  anyOf: string[];
  allOf: string[];
  noneOf: string[];
  near: ProximityKind;
  /** Characters for `within`; kept as typed so the field can be emptied while editing. */
  withinChars: string;
  /** Case attribute conditions, all of which must hold; each attribute at most once. */
  where: AttributeCondition[];
  coder: string;
  sourceKind: SourceKind | "";
  /** One case's sources only (from a matrix cell); not part of a saved query. */
  caseFilter: { caseId: string; name: string } | null;
}

export const EMPTY_DRAFT: QueryDraft = {
  anyOf: [],
  allOf: [],
  noneOf: [],
  near: "overlap",
  withinChars: "50",
  where: [],
  coder: "",
  sourceKind: "",
  caseFilter: null,
};

export const PROXIMITY_LABELS: Record<ProximityKind, string> = {
  overlap: "overlapping",
  within: "within N characters",
  turn: "in the same turn",
  source: "in the same source",
};

/** The same, short enough for the builder's radio buttons. */
export const PROXIMITY_CHOICES: Record<ProximityKind, string> = {
  overlap: "overlapping",
  within: "within…",
  turn: "same turn",
  source: "same source",
};

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  interview: "Interviews",
  focus_group: "Focus groups",
  forum_thread: "Forum threads",
  published_study: "Published studies",
  field_note: "Field notes",
  response: "Responses",
};

/** Why the draft cannot run yet, or null when it can. */
export function draftProblem(draft: QueryDraft): string | null {
  if (draft.anyOf.length === 0) return "Pick at least one code under “Any of”.";
  if (draft.near === "within" && !/^\d+$/.test(draft.withinChars.trim()))
    return "Give the distance as a whole number of characters.";
  for (const { attribute, value } of draft.where)
    if (attribute && !value.trim()) return `Choose a value of ${attribute}.`;
  return null;
}

/** The wire query of a draft that has no problem; empty parts are left out. */
export function draftToQuery(draft: QueryDraft): CodeQuery {
  const near: Proximity =
    draft.near === "within"
      ? { kind: "within", chars: Number.parseInt(draft.withinChars.trim(), 10) }
      : { kind: draft.near };
  const linked = draft.allOf.length > 0 || draft.noneOf.length > 0;
  const where: Record<string, string> = {};
  for (const { attribute, value } of draft.where)
    if (attribute && value.trim() && !(attribute in where)) where[attribute] = value.trim();
  return {
    codes: [...draft.anyOf],
    ...(draft.allOf.length ? { and: [...draft.allOf] } : {}),
    ...(draft.noneOf.length ? { not: [...draft.noneOf] } : {}),
    ...(linked && near.kind !== "overlap" ? { near } : {}),
    ...(Object.keys(where).length ? { where } : {}),
    ...(draft.coder.trim() ? { coder: draft.coder.trim() } : {}),
    ...(draft.sourceKind ? { sourceKinds: [draft.sourceKind] } : {}),
  };
}

/** A saved (or any) query back in the form, with every attribute condition as a row. */
export function queryToDraft(query: CodeQuery): QueryDraft {
  const near = query.near ?? { kind: "overlap" };
  const kind = query.sourceKinds?.[0];
  return {
    anyOf: [...query.codes],
    allOf: [...(query.and ?? [])],
    noneOf: [...(query.not ?? [])],
    near: near.kind,
    withinChars: near.kind === "within" ? String(near.chars) : EMPTY_DRAFT.withinChars,
    where: Object.entries(query.where ?? {}).map(([attribute, value]) => ({ attribute, value })),
    coder: query.coder ?? "",
    sourceKind: kind && kind in SOURCE_KIND_LABELS ? (kind as SourceKind) : "",
    caseFilter: null,
  };
}

/** The query in words: "Shared responsibility AND NOT Feeling dismissed (overlapping) · arm = CBT". */
export function describeQuery(query: CodeQuery, name: (codeId: string) => string): string {
  const near = query.near ?? { kind: "overlap" };
  const how =
    near.kind === "within" ? `within ${near.chars} characters` : PROXIMITY_LABELS[near.kind];
  const any = query.codes.map(name);
  const parts = [any.length > 1 ? `(${any.join(" OR ")})` : (any[0] ?? "")];
  for (const id of query.and ?? []) parts.push(`AND ${name(id)}`);
  for (const id of query.not ?? []) parts.push(`AND NOT ${name(id)}`);
  const linked = (query.and?.length ?? 0) + (query.not?.length ?? 0) > 0;
  const filters = [
    ...Object.entries(query.where ?? {}).map(([key, value]) => `${key} = ${value}`),
    ...(query.coder ? [`coded by ${query.coder}`] : []),
    ...(query.sourceKinds?.length
      ? [query.sourceKinds.map((kind) => SOURCE_KIND_LABELS[kind as SourceKind] ?? kind).join(", ")]
      : []),
  ];
  return `${parts.join(" ")}${linked ? ` (${how})` : ""}${filters.length ? ` · ${filters.join(" · ")}` : ""}`;
}
