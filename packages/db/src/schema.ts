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
