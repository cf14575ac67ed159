/** Typed memos that can be attached to any object (METHODS.md, C5). */
import type { MemoId, ProjectId } from "./ids.js";

export const MEMO_KINDS = [
  "familiarisation",
  "analytic",
  "reflexive_journal",
  "decision",
  "field_note",
] as const;
export type MemoKind = (typeof MEMO_KINDS)[number];

export function isMemoKind(value: string): value is MemoKind {
  return (MEMO_KINDS as readonly string[]).includes(value);
}

export const MEMO_TARGETS = ["project", "source", "case", "code", "coding", "theme"] as const;
export type MemoTarget = (typeof MEMO_TARGETS)[number];

export interface Memo {
  id: MemoId;
  projectId: ProjectId;
  kind: MemoKind;
  title: string;
  body: string;
  /** What the memo is about; `project` memos (the reflexive journal) have no target id. */
  targetType: MemoTarget;
  targetId: string | null;
  author: string;
  /** 1 when written, +1 per edit; earlier versions live in the audit log. */
  version: number;
  createdAt: string;
  updatedAt: string;
}
