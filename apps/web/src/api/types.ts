/**
 * The shapes the Quire HTTP API sends and accepts, as the web app uses them. They mirror the server's
 * response schemas; fields the app does not read are left out on purpose.
 */
import type {
  AnchorStatus,
  AttributeType,
  AttributeValue,
  CodeDescription,
  MemoKind,
  MemoTarget,
  SourceKind,
  SpeakerRole,
} from "@quire/core";

export interface ProjectSummary {
  /** The project's key in URLs. */
  key: string;
  id: string;
  name: string;
  method: string;
  createdAt: string;
  counts?: { sources: number; codes: number; codings: number; memos: number; cases: number };
}

export interface SourceRow {
  id: string;
  title: string;
  kind: SourceKind;
  caseId: string | null;
  caseName: string | null;
  length: number;
  codingCount: number;
  position: number;
  createdAt: string;
  caseAttributes?: Record<string, AttributeValue>;
}

export interface SourcePage {
  total: number;
  sources: SourceRow[];
}

export type SourceSort = "position" | "title" | "kind" | "codings";

export interface SourceQuery {
  q?: string;
  /** Case attribute filter as `name:value`. */
  where?: string;
  kind?: SourceKind | "";
  sort?: SourceSort;
  order?: "asc" | "desc";
  offset?: number;
  limit?: number;
}

export interface TurnView {
  id: string;
  index: number;
  start: number;
  end: number;
  speaker: string;
  role: SpeakerRole;
  timeStart: number | null;
  timeEnd: number | null;
}

export interface CodingView {
  id: string;
  sourceId: string;
  codeId: string;
  /** Sent with a source's codings, so they paint before the codebook has loaded. */
  codeName?: string;
  color?: string;
  coder: string;
  memo: string | null;
  createdAt: string;
  start: number;
  end: number;
  exact: string;
  status: AnchorStatus;
  score: number;
}

export interface SourceDetailView {
  source: Omit<SourceRow, "caseName" | "length" | "codingCount"> & {
    caseName?: string | null;
    metadata?: Record<string, unknown>;
    currentRevisionId: string;
  };
  revision: { id: string; number: number; text: string };
  turns: TurnView[];
  codings: CodingView[];
}

export interface TextEditResult {
  revision: { id: string; number: number };
  orphaned: number;
  remapped: number;
  fuzzy: number;
}

export interface CodeNode {
  id: string;
  parentId: string | null;
  name: string;
  color: string;
  description: CodeDescription;
  path: string;
  depth: number;
  codingCount: number;
  sourceCount: number;
}

export interface CodePatch {
  name?: string;
  color?: string;
  description?: CodeDescription;
  parentId?: string | null;
}

export interface Segment {
  codingId: string;
  codeId: string;
  codePath: string;
  sourceId: string;
  sourceTitle: string;
  sourceKind: string;
  caseName: string | null;
  attributes: Record<string, AttributeValue>;
  coder: string;
  start: number;
  end: number;
  status: AnchorStatus;
  text: string;
  before: string;
  after: string;
  memo: string | null;
}

export interface SegmentQuery {
  codeIds: string[];
  match: "any" | "all";
  where?: Record<string, string>;
  coder?: string;
  context?: number;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  start: number;
  end: number;
  before: string;
  match: string;
  after: string;
}

export interface SearchResult {
  sourceId: string;
  title: string;
  kind: string;
  caseName: string | null;
  hitCount: number;
  hits: SearchHit[];
}

export interface SearchPage {
  total: number;
  /** True when the server stopped counting at its cap. */
  totalIsLowerBound?: boolean;
  results: SearchResult[];
}

export interface CaseView {
  id: string;
  name: string;
  kind: string;
  attributes: Record<string, AttributeValue>;
}

export interface AttributeView {
  id: string;
  name: string;
  type: AttributeType;
  allowedValues: string[];
}

export interface MemoView {
  id: string;
  kind: MemoKind;
  title: string;
  body: string;
  targetType: MemoTarget;
  targetId: string | null;
  author: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrphanView {
  id: string;
  sourceId: string;
  codeId: string;
  coder: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  memo: string | null;
}

export interface ImportFileReport {
  file: string;
  ok: boolean;
  sources?: number;
  error?: string;
}

export interface ImportReport {
  files: ImportFileReport[];
}

export interface ChangeEvent {
  seq: number;
  action: string;
  summary: string;
  actor: string;
}

export interface HistoryEvent extends ChangeEvent {
  at: string;
  reverted: boolean;
}

/** An export format the server offers (`GET /projects/{key}/exports`). */
export interface ExportFormat {
  format: string;
  description: string;
  /** The file ending, with the dot. */
  extension: string;
  /** Whether the export is of one source, named by `source`. */
  needsSource: boolean;
}

// Analysis views (`routes/analysis/schema.ts` on the server)

export interface CodeRef {
  codeId: string;
  name: string;
  path: string;
  color: string;
}

/** An attribute value; null groups the cases without one. */
export type Group = string | null;

export interface GroupSize {
  group: Group;
  cases: number;
}

export interface CodeFrequency extends CodeRef {
  codings: number;
  sources: number;
  cases: number;
  byGroup: { group: Group; codings: number; cases: number }[];
}

export interface Frequencies {
  attribute: string | null;
  groups: GroupSize[];
  codes: CodeFrequency[];
}

export interface CrosstabCell {
  group: Group;
  cases: number;
  of: number;
  share: number | null;
  segments: number;
}

export interface CounterPassage {
  codingId: string;
  sourceId: string;
  sourceTitle: string;
  start: number;
  end: number;
  text: string;
}

export interface CounterCase {
  caseId: string;
  caseName: string;
  group: Group;
  segments: number;
  passages: CounterPassage[];
}

export interface OnlyInGroupCode extends CodeRef {
  inGroup: { cases: number; of: number };
  elsewhere: { cases: number; of: number };
  onlyHere: boolean;
  counterCases: CounterCase[];
}

export interface CrosstabView {
  attribute: string;
  groups: GroupSize[];
  rows: (CodeRef & { cells: CrosstabCell[]; cases: number; segments: number })[];
  only: { group: string; codes: OnlyInGroupCode[] } | null;
}

export type CooccurrenceRule = "overlap" | "turn";

export interface CooccurrencePair {
  codeA: string;
  codeB: string;
  pairs: number;
  sources: number;
  sourcesA: number;
  sourcesB: number;
  jaccard: number | null;
}

export interface CooccurrenceView {
  rule: CooccurrenceRule;
  codes: (CodeRef & { sources: number; segments: number })[];
  pairs: CooccurrencePair[];
}

export interface SaturationPoint {
  sourceId: string;
  label: string;
  position: number;
  codes: number;
  newCodes: number;
  repeated: number;
  cumulative: number;
  newCodeIds: string[];
}

export interface GuestRun {
  from: number;
  to: number;
  newCodes: number;
  ratio: number;
}

export interface SaturationOptions {
  base: number;
  run: number;
  threshold: number;
}

export interface SaturationView {
  curve: SaturationPoint[];
  guest: {
    options: SaturationOptions;
    baseCodes: number;
    runs: GuestRun[];
    saturated: boolean;
    at: { ordinal: number; sourceId: string; label: string } | null;
    confirmedBy: GuestRun | null;
    statement: string;
  };
}
