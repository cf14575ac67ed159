/**
 * Gathers the report of findings from the store: the codes with their counts, the method's
 * analytic objects (themes, the framework and its matrix, STC code groups), labelled quotations,
 * the derivation of themes from the audit log, counts by a chosen attribute, co-occurrences, new
 * codes per source and the COREQ facts. Everything is read here; laying it out is `document.ts`.
 */
import { readFileSync } from "node:fs";
import {
  type ChartMatrix,
  type CurvePoint,
  type GuestResult,
  guestSaturation,
  saturationCurve,
} from "@quire/analysis";
import type { Case, Condensate, Project } from "@quire/core";
import {
  type CodeWithCounts,
  codedPassages,
  countCooccurrences,
  countCrosstab,
  getFramework,
  getStcOutline,
  listAttributes,
  listCases,
  listCodesWithCounts,
  listEvents,
  listMemos,
  listSources,
  listThemes,
  type SourceListing,
  type Store,
  sourceCodeSets,
} from "@quire/db";
import { loadChartMatrix } from "../methods.js";
import { type CoreqFacts, type CoreqItem, prefillCoreq } from "./coreq.js";

export interface ReportOptions {
  /** The case attribute counts are compared by (crosstab, grouped bars), e.g. "arm". */
  attribute?: string;
  /** Attributes shown in quotation labels; default: those that read like arm, gender or age. */
  labelAttributes?: readonly string[];
  /** Exemplar quotations per theme or code (default 3). */
  quotesPer?: number;
  /** The version written under COREQ item 27 (default: this package's). */
  softwareVersion?: string;
}

/** A participant's words with the label that identifies them (COREQ 29). */
export interface ReportQuote {
  text: string;
  /** "P07, CBT, woman, 40-49": the case and its chosen attributes, or the source's title. */
  label: string;
  /** Source title and offsets: the quotation's ID. */
  id: string;
}

export interface ReportTheme {
  name: string;
  concept: string;
  definition: string;
  status: string;
  isMisc: boolean;
  codes: string[];
  quotes: ReportQuote[];
  subthemes: ReportTheme[];
}

export interface ReportCodeEntry {
  id: string;
  name: string;
  path: string;
  depth: number;
  definition: string;
  codings: number;
  sources: number;
}

export interface ReportStcSubgroup {
  name: string;
  condensate: Condensate | null;
  quotes: ReportQuote[];
}

export interface ReportStcGroup {
  name: string;
  analyticText: string;
  subgroups: ReportStcSubgroup[];
}

export interface DerivationEntry {
  at: string;
  actor: string;
  action: string;
  summary: string;
  rationale: string | null;
  undone: boolean;
}

export interface ReportCrosstab {
  attribute: string;
  groups: { value: string; cases: number }[];
  /** Per code, one cell per group: cases with the code and passages. */
  rows: { code: string; cells: { cases: number; passages: number }[] }[];
}

export interface ReportData {
  project: { name: string; method: string };
  softwareVersion: string;
  generatedAt: string;
  labelAttributes: string[];
  codes: ReportCodeEntry[];
  themes: ReportTheme[];
  discardedThemes: string[];
  /** Codebook profiles: exemplar quotations per code id. */
  codeQuotes: Record<string, ReportQuote[]>;
  framework: {
    categories: {
      name: string;
      codes: { name: string; abbreviation: string; definition: string; origin: string }[];
    }[];
    matrix: ChartMatrix;
  } | null;
  stc: ReportStcGroup[] | null;
  derivation: DerivationEntry[];
  crosstab: ReportCrosstab | null;
  cooccurrence: { codes: string[]; values: number[][] };
  saturation: CurvePoint[];
  guest: GuestResult | null;
  coreq: CoreqItem[];
}

/** Which audit actions tell how the analysis came about (COREQ 26, METHODS C6). */
const DERIVATION =
  /^(code\.(create|rename|merge|move|delete|update)|theme\.|phase\.|map\.(snapshot|restore)|framework\.(category|code)|stc\.(theme|group|subgroup|condense|analysis))/;

const LABEL_ATTRIBUTE = /^(arm|group|condition|gender|sex|age|age_?band|age_?group)$/i;

const QUOTE_LIMIT = 600;

function packageVersion(): string {
  try {
    // src/report/ and dist/report/ sit at the same depth under the package.
    const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === "string" ? version : "unknown";
  } catch {
    return "unknown";
  }
}

function attributeText(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  return String(value);
}

function minutes(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return null;
  const hms = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (hms) {
    const [a, b, c] = [Number(hms[1]), Number(hms[2]), hms[3] ? Number(hms[3]) : null];
    return c === null ? a + b / 60 : a * 60 + b + c / 60;
  }
  const number = /^(\d+(?:\.\d+)?)\s*(min|mins|minutes|m)?$/i.exec(value.trim());
  return number ? Number(number[1]) : null;
}

function distinctMetadata(sources: readonly SourceListing[], key: string): string[] {
  const values = new Set<string>();
  for (const source of sources) {
    const value = source.metadata[key];
    if (typeof value === "string" && value.trim() !== "") values.add(value.trim());
  }
  return [...values].sort();
}

/** Reads everything the report shows. */
export async function gatherReport(
  store: Store,
  project: Project,
  options: ReportOptions = {},
): Promise<ReportData> {
  const projectId = project.id;
  const quotesPer = options.quotesPer ?? 3;
  const [codesWithCounts, cases, attributes, sources, themes] = await Promise.all([
    listCodesWithCounts(store, projectId),
    listCases(store, projectId, { limit: 1_000_000 }),
    listAttributes(store, projectId),
    listSources(store, projectId, { limit: 1_000_000 }),
    listThemes(store, projectId),
  ]);
  const codeName = new Map(codesWithCounts.map((code) => [code.id as string, code.name]));
  const labelAttributes = options.labelAttributes
    ? [...options.labelAttributes]
    : attributes.map((a) => a.name).filter((name) => LABEL_ATTRIBUTE.test(name));
  const caseById = new Map<string, Case>(cases.map((c) => [c.id as string, c]));
  const sourceById = new Map(sources.map((s) => [s.id as string, s]));

  const labelOf = (sourceId: string): string => {
    const source = sourceById.get(sourceId);
    const theCase = source?.caseId ? caseById.get(source.caseId) : undefined;
    if (!theCase) return source?.title ?? "unknown source";
    const values = labelAttributes
      .map((name) => attributeText(theCase.attributes[name]))
      .filter((value): value is string => value !== null);
    return [theCase.name, ...values].join(", ");
  };
  const quoteOf = (p: {
    sourceId: string;
    start: number;
    end: number;
    text: string;
  }): ReportQuote => {
    const words = p.text.trim().replace(/\s+/g, " ");
    return {
      text: words.length > QUOTE_LIMIT ? `${words.slice(0, QUOTE_LIMIT - 1)}…` : words,
      label: labelOf(p.sourceId),
      id: `${sourceById.get(p.sourceId)?.title ?? p.sourceId}:${p.start}–${p.end}`,
    };
  };
  /** One passage per case first, so exemplars show the spread rather than one vivid voice. */
  const exemplars = (
    passages: readonly { sourceId: string; start: number; end: number; text: string }[],
  ): ReportQuote[] => {
    const seen = new Set<string>();
    const first: (typeof passages)[number][] = [];
    const rest: (typeof passages)[number][] = [];
    for (const passage of passages) {
      const key = sourceById.get(passage.sourceId)?.caseId ?? passage.sourceId;
      (seen.has(key) ? rest : first).push(passage);
      seen.add(key);
    }
    return [...first, ...rest].slice(0, quotesPer).map(quoteOf);
  };

  // Themes (reflexive and codebook TA): top level with their subthemes; discarded ones named only.
  const live = themes.filter((theme) => theme.status !== "discarded");
  const themeCodeIds = [...new Set(live.flatMap((theme) => theme.codeIds))];
  const themePassages = await codedPassages(store, projectId, themeCodeIds);
  const reportTheme = (theme: (typeof themes)[number]): ReportTheme => ({
    name: theme.name,
    concept: theme.concept,
    definition: theme.definition,
    status: theme.status,
    isMisc: theme.isMisc,
    codes: theme.codeIds.map((id) => codeName.get(id) ?? id),
    quotes: exemplars(themePassages.filter((p) => theme.codeIds.includes(p.codeId))),
    subthemes: live.filter((sub) => sub.parentId === theme.id).map(reportTheme),
  });
  const reportThemes = live.filter((theme) => !theme.parentId).map(reportTheme);

  const frameworkRow = await getFramework(store, projectId);
  const framework = frameworkRow
    ? {
        categories: frameworkRow.categories.map((category) => ({
          name: category.name,
          codes: category.codes.map((code) => ({
            name: code.name,
            abbreviation: code.abbreviation,
            definition: code.definition,
            origin: code.origin,
          })),
        })),
        matrix: await loadChartMatrix(store, projectId),
      }
    : null;

  const outline = await getStcOutline(store, projectId);
  const stc =
    outline.codeGroups.length > 0
      ? outline.codeGroups.map((group) => ({
          name: group.name,
          analyticText: group.analyticText,
          subgroups: group.subgroups.map((subgroup) => ({
            name: subgroup.name,
            condensate: subgroup.condensate,
            quotes: subgroup.quotes.map(quoteOf),
          })),
        }))
      : null;

  // Other profiles: the codebook with exemplars per code.
  const codeQuotes: Record<string, ReportQuote[]> = {};
  if (
    !["reflexive_ta", "framework", "stc"].includes(project.method) ||
    (reportThemes.length === 0 && !stc && !framework)
  ) {
    const all = await codedPassages(
      store,
      projectId,
      codesWithCounts.map((c) => c.id),
    );
    for (const code of codesWithCounts)
      codeQuotes[code.id] = exemplars(all.filter((p) => p.codeId === code.id));
  }

  const events = await listEvents(store, projectId, { limit: 1_000_000 });
  const derivation = events
    .filter((event) => DERIVATION.test(event.action))
    .reverse()
    .map((event) => ({
      at: event.at,
      actor: event.actor,
      action: event.action,
      summary: event.summary,
      rationale: event.rationale,
      undone: event.reverted,
    }));

  let crosstab: ReportCrosstab | null = null;
  if (options.attribute) {
    const attribute = options.attribute;
    const counted = await countCrosstab(store, projectId, attribute);
    const known = attributes.find((a) => a.name === attribute);
    const values = counted.groupSizes
      .filter((g) => g.group !== null)
      .map((g) => g.group as string)
      .sort((a, b) => {
        const order = known?.allowedValues ?? [];
        const ia = order.indexOf(a);
        const ib = order.indexOf(b);
        return ia >= 0 && ib >= 0 ? ia - ib : a.localeCompare(b);
      });
    crosstab = {
      attribute,
      groups: values.map((value) => ({
        value,
        cases: counted.groupSizes.find((g) => g.group === value)?.cases ?? 0,
      })),
      rows: codesWithCounts
        .filter((code) => code.codingCount > 0)
        .map((code) => ({
          code: code.name,
          cells: values.map((value) => {
            const row = counted.counts.find((c) => c.codeId === code.id && c.group === value);
            return { cases: row?.cases ?? 0, passages: row?.segments ?? 0 };
          }),
        })),
    };
  }

  const co = await countCooccurrences(store, projectId);
  const coCodes = codesWithCounts.filter((code) =>
    co.counts.some((c) => c.codeA === code.id || c.codeB === code.id),
  );
  const coIndex = new Map(coCodes.map((code, i) => [code.id as string, i]));
  const coValues = coCodes.map(() => coCodes.map(() => 0));
  for (const pair of co.counts) {
    const a = coIndex.get(pair.codeA);
    const b = coIndex.get(pair.codeB);
    if (a === undefined || b === undefined) continue;
    const rowA = coValues[a];
    const rowB = coValues[b];
    if (rowA) rowA[b] = pair.pairs;
    if (rowB) rowB[a] = pair.pairs;
  }

  const sets = await sourceCodeSets(store, projectId);
  const saturation = saturationCurve(sets);
  // Reflexive TA does not use saturation as a criterion (RTA-8); the curve stays descriptive.
  const guest =
    project.method !== "reflexive_ta" && sets.length > 0
      ? guestSaturation(sets, { base: Math.min(4, sets.length), run: 2, threshold: 0.05 })
      : null;

  const coders = (
    await store.db
      .selectFrom("codings")
      .select("coder")
      .distinct()
      .where("projectId", "=", projectId)
      .execute()
  )
    .map((row) => row.coder)
    .sort();
  const memos = await listMemos(store, projectId);
  const interviewsPerCase = new Map<string, number>();
  for (const source of sources)
    if (source.caseId && source.kind === "interview")
      interviewsPerCase.set(source.caseId, (interviewsPerCase.get(source.caseId) ?? 0) + 1);

  const casesByKind: Record<string, number> = {};
  for (const c of cases) casesByKind[c.kind] = (casesByKind[c.kind] ?? 0) + 1;
  const sourcesByKind: Record<string, number> = {};
  for (const s of sources) sourcesByKind[s.kind] = (sourcesByKind[s.kind] ?? 0) + 1;
  const sampleTable = attributes.map((attribute) => {
    const tally = new Map<string, number>();
    for (const c of cases) {
      const value = attributeText(c.attributes[attribute.name]);
      if (value !== null) tally.set(value, (tally.get(value) ?? 0) + 1);
    }
    return {
      attribute: attribute.name,
      values: [...tally].map(([value, n]) => ({ value, cases: n })),
    };
  });

  const codes = codesWithCounts.map((code: CodeWithCounts) => ({
    id: code.id as string,
    name: code.name,
    path: code.path,
    depth: code.depth,
    definition: code.description.definition ?? "",
    codings: code.codingCount,
    sources: code.sourceCount,
  }));

  // Quotations the report presents: theme exemplars, code exemplars and STC quotes.
  const allQuotes = [
    ...reportThemes.flatMap((t) => [...t.quotes, ...t.subthemes.flatMap((s) => s.quotes)]),
    ...Object.values(codeQuotes).flat(),
    ...(stc ?? []).flatMap((g) => g.subgroups.flatMap((s) => s.quotes)),
  ];
  const settings = project.settings as { coreq?: unknown };
  const entered: Record<string, string> = {};
  if (settings.coreq && typeof settings.coreq === "object")
    for (const [key, value] of Object.entries(settings.coreq))
      if (typeof value === "string") entered[key] = value;
  const softwareVersion = options.softwareVersion ?? packageVersion();
  const major =
    project.method === "stc"
      ? (stc ?? []).map((g) => g.name)
      : project.method === "framework"
        ? (framework?.categories ?? []).map((c) => c.name)
        : reportThemes.filter((t) => !t.isMisc).map((t) => t.name);
  const minor =
    project.method === "stc"
      ? (stc ?? []).flatMap((g) => g.subgroups.map((s) => s.name))
      : reportThemes.flatMap((t) => [
          ...(t.isMisc ? [t.name] : []),
          ...t.subthemes.map((s) => s.name),
        ]);
  const facts: CoreqFacts = {
    method: project.method,
    softwareVersion,
    casesByKind,
    ...(crosstab ? { attribute: { name: crosstab.attribute, groups: crosstab.groups } } : {}),
    sampleTable: sampleTable.filter((row) => row.values.length > 0),
    sourcesByKind,
    interviewers: distinctMetadata(sources, "interviewer"),
    settings: distinctMetadata(sources, "setting"),
    media: distinctMetadata(sources, "media"),
    durations: sources
      .map((s) => minutes(s.metadata.duration ?? s.metadata.durationMinutes))
      .filter((m): m is number => m !== null),
    repeatCases: [...interviewsPerCase.values()].filter((n) => n > 1).length,
    fieldNotes:
      (sourcesByKind.field_note ?? 0) + memos.filter((m) => m.kind === "field_note").length,
    coders,
    codes: codes.length,
    derivationEntries: derivation.length,
    quotations: allQuotes.length,
    labelledQuotations: allQuotes.filter((q) => q.label.trim() !== "").length,
    majorThemes: major,
    minorThemes: minor,
    unplacedCodes: codes.filter((code) => !themeCodeIds.includes(code.id)).length,
    reflexiveEntries: memos.filter((m) => m.kind === "reflexive_journal").length,
    saturation: guest ? guest.statement : null,
    entered,
  };

  return {
    project: { name: project.name, method: project.method },
    softwareVersion,
    generatedAt: new Date().toISOString(),
    labelAttributes,
    codes,
    themes: reportThemes,
    discardedThemes: themes.filter((t) => t.status === "discarded").map((t) => t.name),
    codeQuotes,
    framework,
    stc,
    derivation,
    crosstab,
    cooccurrence: { codes: coCodes.map((code) => code.name), values: coValues },
    saturation,
    guest,
    coreq: prefillCoreq(facts),
  };
}
