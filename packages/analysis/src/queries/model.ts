/**
 * A plain, in-memory picture of a coded project: the input of every reference algorithm in this
 * package. The database computes the same answers in SQL; these records are what its differential
 * tests compare against, and what a browser holding a small project can use directly.
 */
import type { AttributeValue } from "@quire/core";

/** One live (not orphaned) coding: a code applied to `[start, end)` of a source's current text. */
export interface CodingRecord {
  id: string;
  codeId: string;
  sourceId: string;
  start: number;
  end: number;
  coder: string;
}

/** A source with its collection position, its case (if any) and its speaker turns. */
export interface SourceRecord {
  id: string;
  kind: string;
  /** Collection order (saturation counts along it). */
  position: number;
  caseId: string | null;
  /** Turn ranges `[start, end)` of the current revision, in any order; empty when none. */
  turns: readonly { start: number; end: number }[];
}

export interface CaseRecord {
  id: string;
  name: string;
  attributes: Record<string, AttributeValue>;
}

export interface ProjectSnapshot {
  codings: readonly CodingRecord[];
  sources: readonly SourceRecord[];
  cases: readonly CaseRecord[];
}

/**
 * An attribute value as the text that filters and groups compare. Absent and null give `null`;
 * numbers and booleans give their JavaScript spelling (`5`, `true`).
 */
export function attributeText(value: AttributeValue | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}
