/**
 * The tables as Kysely sees them, in camelCase (the CamelCasePlugin maps them to snake_case
 * columns). JSON columns are stored as text on both backends and parsed by the repositories.
 */
import type { Generated } from "kysely";

export interface ProjectsTable {
  id: string;
  name: string;
  method: string;
  settings: string;
  canonicalTextVersion: number;
  createdAt: string;
}

export interface CasesTable {
  id: string;
  projectId: string;
  name: string;
  kind: string;
  attributes: string;
  importId: string | null;
  createdAt: string;
}

export interface AttributesTable {
  id: string;
  projectId: string;
  name: string;
  type: string;
  allowedValues: string;
  position: number;
}

export interface SourcesTable {
  seq: Generated<number>;
  id: string;
  projectId: string;
  kind: string;
  title: string;
  metadata: string;
  caseId: string | null;
  currentRevisionId: string;
  position: number;
  importId: string | null;
  createdAt: string;
}

export interface SourceRevisionsTable {
  id: string;
  sourceId: string;
  projectId: string;
  number: number;
  text: string;
  changes: string | null;
  createdAt: string;
  createdBy: string;
}

export interface TurnsTable {
  id: string;
  revisionId: string;
  sourceId: string;
  projectId: string;
  idx: number;
  startPos: number;
  endPos: number;
  speaker: string;
  role: string;
  caseId: string | null;
  timeStart: number | null;
  timeEnd: number | null;
  replyTo: string | null;
  quotes: string;
}

export interface CodesTable {
  id: string;
  projectId: string;
  parentId: string | null;
  name: string;
  color: string;
  description: string;
  origin: string;
  createdBy: string;
  createdAt: string;
}

export interface CodingsTable {
  id: string;
  projectId: string;
  sourceId: string;
  codeId: string;
  revisionId: string;
  /** The source's collection position, copied so one index serves retrieval in source order. */
  sourcePosition: number;
  startPos: number;
  endPos: number;
  exact: string;
  prefix: string;
  suffix: string;
  status: string;
  score: number;
  coder: string;
  memo: string | null;
  createdAt: string;
}

export interface MemosTable {
  id: string;
  projectId: string;
  kind: string;
  title: string;
  body: string;
  targetType: string;
  targetId: string | null;
  author: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEventsTable {
  seq: Generated<number>;
  projectId: string;
  at: string;
  actor: string;
  action: string;
  summary: string;
  rationale: string | null;
  targetSeq: number | null;
  reverted: number;
}

export interface AuditChangesTable {
  eventSeq: number;
  ord: number;
  tableName: string;
  op: string;
  rowId: string | null;
  /** JSON: the row for inserts and deletes, `{ before, after }` for updates. */
  data: string;
}

export interface UsersTable {
  id: string;
  projectId: string;
  name: string;
  importId: string | null;
}

export interface SetsTable {
  id: string;
  projectId: string;
  name: string;
  description: string;
  /** `source`, `code`, `case`, `note` or `mixed`. */
  kind: string;
  importId: string | null;
}

export interface SetMembersTable {
  id: string;
  projectId: string;
  setId: string;
  memberType: string;
  memberId: string;
  position: number;
  importId: string | null;
}

/** What an exchange file said about a row that the row itself cannot hold (JSON `data`). */
export interface ExchangeDataTable {
  id: string;
  projectId: string;
  kind: string;
  data: string;
  importId: string | null;
}

export interface Database {
  projects: ProjectsTable;
  cases: CasesTable;
  attributes: AttributesTable;
  sources: SourcesTable;
  sourceRevisions: SourceRevisionsTable;
  turns: TurnsTable;
  codes: CodesTable;
  codings: CodingsTable;
  memos: MemosTable;
  auditEvents: AuditEventsTable;
  auditChanges: AuditChangesTable;
  users: UsersTable;
  sets: SetsTable;
  setMembers: SetMembersTable;
  exchangeData: ExchangeDataTable;
}

/** Tables whose rows the audit recorder can insert, update and delete by `id`. */
export type RecordedTable = Exclude<keyof Database, "auditEvents" | "auditChanges">;

// Methods (migration 4): reflexive TA, the Framework Method and systematic text condensation.

export interface ThemesTable {
  id: string;
  projectId: string;
  /** Set for a subtheme: the theme it belongs to. */
  parentId: string | null;
  name: string;
  /** The central organising concept (Braun & Clarke): what the theme's meaning hangs on. */
  concept: string;
  definition: string;
  /** `candidate`, `reviewed`, `final` or `discarded`. */
  status: string;
  /** 1 for the "miscellaneous" bin of codes that fit no theme yet. */
  isMisc: number;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface ThemeCodesTable {
  id: string;
  projectId: string;
  themeId: string;
  codeId: string;
}

export interface MapNodesTable {
  id: string;
  projectId: string;
  /** `theme` (themes and subthemes) or `code`. */
  kind: string;
  refId: string;
  x: number;
  y: number;
}

export interface MapEdgesTable {
  id: string;
  projectId: string;
  fromKind: string;
  fromId: string;
  toKind: string;
  toId: string;
  label: string;
}

export interface MapSnapshotsTable {
  id: string;
  projectId: string;
  name: string;
  phase: number | null;
  /** JSON: the whole map (`ThematicMap`) as it was. */
  map: string;
  createdBy: string;
  createdAt: string;
}

export interface PhaseLogTable {
  id: string;
  projectId: string;
  phase: number;
  previousPhase: number | null;
  rationale: string;
  actor: string;
  at: string;
}

export interface FrameworksTable {
  id: string;
  projectId: string;
  name: string;
  /** The current version number. */
  version: number;
  createdAt: string;
}

export interface FrameworkVersionsTable {
  id: string;
  projectId: string;
  frameworkId: string;
  number: number;
  note: string;
  /** JSON: the categories and codes as they were at this version. */
  content: string;
  createdBy: string;
  createdAt: string;
}

export interface FrameworkCategoriesTable {
  id: string;
  projectId: string;
  frameworkId: string;
  name: string;
  /** The Quire code standing for the category (the parent of its codes). */
  codeId: string;
  position: number;
}

export interface FrameworkCodesTable {
  id: string;
  projectId: string;
  categoryId: string;
  codeId: string;
  abbreviation: string;
  definition: string;
  /** `a_priori` or `inductive`. */
  origin: string;
  isOther: number;
  position: number;
  addedInVersion: number;
}

export interface ChartCellsTable {
  id: string;
  projectId: string;
  caseId: string;
  codeId: string;
  summary: string;
  /** JSON: `[{ codingId, text }]`, verbatim quotes kept apart from the summary. */
  quotes: string;
  /** `charted`, `unsummarised` (prefilled from the coded text) or `not_discussed`. */
  state: string;
  updatedBy: string;
  updatedAt: string;
}

export interface StcThemesTable {
  id: string;
  projectId: string;
  name: string;
  note: string;
  position: number;
}

export interface StcCodeGroupsTable {
  id: string;
  projectId: string;
  themeId: string | null;
  name: string;
  position: number;
}

export interface StcSubgroupsTable {
  id: string;
  projectId: string;
  codeGroupId: string;
  name: string;
  position: number;
}

export interface StcMeaningUnitsTable {
  id: string;
  projectId: string;
  codingId: string;
  codeGroupId: string;
  subgroupId: string | null;
}

export interface StcCondensatesTable {
  id: string;
  projectId: string;
  subgroupId: string;
  text: string;
  /** JSON: the meaning units (ids) the condensate was written from. */
  unitIds: string;
  author: string;
  updatedAt: string;
}

export interface StcQuotesTable {
  id: string;
  projectId: string;
  subgroupId: string;
  codingId: string;
}

export interface StcAnalyticTextsTable {
  id: string;
  projectId: string;
  codeGroupId: string;
  body: string;
  updatedAt: string;
}

export interface StcReadingChecksTable {
  id: string;
  projectId: string;
  sourceId: string;
  reread: number;
  validated: number;
  contradicting: string;
  checkedBy: string;
  checkedAt: string;
}

// Declaration merging adds the methods' tables to `Database` without editing the block above.
export interface Database {
  themes: ThemesTable;
  themeCodes: ThemeCodesTable;
  mapNodes: MapNodesTable;
  mapEdges: MapEdgesTable;
  mapSnapshots: MapSnapshotsTable;
  phaseLog: PhaseLogTable;
  frameworks: FrameworksTable;
  frameworkVersions: FrameworkVersionsTable;
  frameworkCategories: FrameworkCategoriesTable;
  frameworkCodes: FrameworkCodesTable;
  chartCells: ChartCellsTable;
  stcThemes: StcThemesTable;
  stcCodeGroups: StcCodeGroupsTable;
  stcSubgroups: StcSubgroupsTable;
  stcMeaningUnits: StcMeaningUnitsTable;
  stcCondensates: StcCondensatesTable;
  stcQuotes: StcQuotesTable;
  stcAnalyticTexts: StcAnalyticTextsTable;
  stcReadingChecks: StcReadingChecksTable;
}
