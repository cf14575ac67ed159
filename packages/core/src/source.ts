/** Sources, their immutable revisions and the speaker turns laid over a revision's text. */
import type { CaseId, ProjectId, RevisionId, SourceId, TurnId } from "./ids.js";

export const SOURCE_KINDS = [
  "interview",
  "focus_group",
  "forum_thread",
  "published_study",
  "field_note",
  "response",
] as const;

export type SourceKind = (typeof SOURCE_KINDS)[number];

export function isSourceKind(value: string): value is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(value);
}

export interface Source {
  id: SourceId;
  projectId: ProjectId;
  kind: SourceKind;
  title: string;
  /** Date, interviewer, setting, duration, media, bibliographic fields: free-form, JSON-safe. */
  metadata: Record<string, unknown>;
  /** The case the whole source belongs to (a participant's interview), if any. */
  caseId: CaseId | null;
  currentRevisionId: RevisionId;
  /** Collection order, used by saturation curves; assigned on import. */
  position: number;
  createdAt: string;
}

export interface SourceRevision {
  id: RevisionId;
  sourceId: SourceId;
  /** 1 for the imported text, then +1 per edit or re-import. */
  number: number;
  /** Canonical text (see `canonicalText`); every offset of this revision refers to it. */
  text: string;
  /** The change set from the previous revision in CodeMirror's JSON form, or null (first or replaced). */
  changes: unknown;
  createdAt: string;
  createdBy: string;
}

export const SPEAKER_ROLES = [
  "interviewer",
  "participant",
  "moderator",
  "author",
  "other",
] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

export interface Turn {
  id: TurnId;
  revisionId: RevisionId;
  /** Order within the revision, from 0. */
  index: number;
  /** UTF-16 offsets into the revision text; `start` is where the speech begins (after the label). */
  start: number;
  end: number;
  speaker: string;
  role: SpeakerRole;
  caseId: CaseId | null;
  /** Seconds from the start of the recording, where the transcript gives them. */
  timeStart: number | null;
  timeEnd: number | null;
  /** Forum threads: the turn this one replies to, and the turns it quotes. */
  replyTo: TurnId | null;
  quotes: TurnId[];
}
