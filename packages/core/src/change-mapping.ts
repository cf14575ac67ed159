/**
 * Change mapping: keeps codings on their words when a source is edited inside Quire. An edit is a
 * CodeMirror `ChangeSet` over the old canonical text; every anchor is moved through it in the same
 * transaction that stores the new revision, and the change set itself is stored (as JSON) beside it.
 */
import { ChangeSet, Text } from "@codemirror/state";
import { type Anchor, describeRange } from "./anchor.js";
import { QuireError } from "./control.js";
import type { RevisionId } from "./ids.js";

/** One replacement in an edit: `[from, to)` of the OLD text (UTF-16 offsets) becomes `insert`. */
export interface TextEdit {
  from: number;
  to: number;
  insert: string;
}

/** The JSON form of a change set, as stored with a revision (CodeMirror's `ChangeSet.toJSON`). */
export type ChangeSetJson = readonly (number | readonly [number, ...string[]])[];

/**
 * Builds one change set from edits that all refer to the old text, in any order. Insertions at the
 * same offset keep the order they were given in; an insertion at the start of a replacement goes
 * before the replacement's text.
 * @throws QuireError `invalid_input` when an edit is out of range, reversed or overlaps another.
 */
export function changeSetFromEdits(oldLength: number, edits: readonly TextEdit[]): ChangeSet {
  if (!Number.isInteger(oldLength) || oldLength < 0)
    throw new QuireError("invalid_input", `text length ${oldLength} is not a whole number ≥ 0`);
  for (const edit of edits) checkEdit(edit, oldLength);
  const sorted = [...edits].sort((a, b) => a.from - b.from || a.to - b.to);
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1] as TextEdit;
    const current = sorted[index] as TextEdit;
    if (current.from < previous.to)
      throw new QuireError(
        "invalid_input",
        `edits ${describeEdit(previous)} and ${describeEdit(current)} overlap`,
      );
  }
  // "\n" as the only line separator: the default would also split on "\r" and change lengths.
  return ChangeSet.of(
    sorted.map(({ from, to, insert }) => ({ from, to, insert })),
    oldLength,
    "\n",
  );
}

function checkEdit(edit: TextEdit, oldLength: number): void {
  const { from, to, insert } = edit;
  if (!Number.isInteger(from) || !Number.isInteger(to) || typeof insert !== "string")
    throw new QuireError("invalid_input", `edit ${describeEdit(edit)} is not well formed`);
  if (from < 0 || to < from || to > oldLength)
    throw new QuireError(
      "invalid_input",
      `edit ${describeEdit(edit)} is outside a text of length ${oldLength}`,
    );
}

function describeEdit(edit: TextEdit): string {
  return `${edit.from}:${edit.to}`;
}

/**
 * Applies a change set to the text it was made for.
 * @throws QuireError `invalid_input` when the change set was made for a text of another length.
 */
export function applyChanges(oldText: string, changes: ChangeSet): string {
  if (changes.length !== oldText.length)
    throw new QuireError(
      "invalid_input",
      `the change set is for a text of length ${changes.length}, not ${oldText.length}`,
    );
  return changes.apply(Text.of(oldText.split("\n"))).toString();
}

/**
 * Moves an anchor through a change set onto `newText` (the text the change set produces).
 *
 * - The start sticks right and the end sticks left, so text typed at either edge stays outside
 *   the coding, as with a non-inclusive editor mark; text typed inside it joins it.
 * - A span none of whose characters survive (all deleted or replaced, in one edit or several in
 *   this change set) becomes `orphaned`: its coded words are gone, so it keeps its old quote for a
 *   person to resolve, scores 0 and sits where its words were (`start === end`). This is
 *   `MapMode.TrackDel` judged on the whole span rather than on each end, so a span that loses only
 *   its first or last words shrinks instead.
 * - Otherwise the quote and its context are re-read from `newText`. The status stays as it was when
 *   offsets and quote are unchanged; else it becomes `remapped` with score 1. A `fuzzy` anchor stays
 *   `fuzzy` with its score: moving a guess does not make it more certain.
 * - An orphaned anchor stays orphaned; its position is mapped.
 *
 * Mapping through a composed change set and through its parts one by one agree whenever the parts
 * only insert or only delete. They can differ when one step deletes next to a coding and a later one
 * types at that spot: composing forgets which came first, which decides whether the typed text
 * joined the coding. Both results then cover the same surviving words; one step at a time is the
 * reference, so map through each revision's own change set.
 *
 * @throws QuireError `invalid_input` when the anchor does not fit the change set's old text, or
 *   `newText` is not the length the change set produces.
 */
export function mapAnchor(
  anchor: Anchor,
  changes: ChangeSet,
  newText: string,
  newRevisionId: RevisionId,
): Anchor {
  checkMappingInputs(anchor, changes, newText);
  if (anchor.status === "orphaned" || !someCharacterSurvives(changes, anchor.start, anchor.end)) {
    // assoc -1: the place just after the words that came before the deleted ones.
    const position = changes.mapPos(anchor.start, -1);
    return {
      ...anchor,
      revisionId: newRevisionId,
      start: position,
      end: position,
      status: "orphaned",
      score: 0,
    };
  }
  const start = changes.mapPos(anchor.start, 1);
  const end = changes.mapPos(anchor.end, -1);
  const quote = describeRange(newText, start, end);
  const unchanged = start === anchor.start && end === anchor.end && quote.exact === anchor.exact;
  const keepsStatus = unchanged || anchor.status === "fuzzy";
  return {
    revisionId: newRevisionId,
    start,
    end,
    ...quote,
    status: keepsStatus ? anchor.status : "remapped",
    score: keepsStatus ? anchor.score : 1,
  };
}

/** Whether any character of `[from, to)` of the old text is left untouched by the changes. */
function someCharacterSurvives(changes: ChangeSet, from: number, to: number): boolean {
  let survives = false;
  changes.iterGaps((oldStart, _newStart, length) => {
    if (oldStart < to && oldStart + length > from) survives = true;
  });
  return survives;
}

function checkMappingInputs(anchor: Anchor, changes: ChangeSet, newText: string): void {
  if (changes.newLength !== newText.length)
    throw new QuireError(
      "invalid_input",
      `the change set produces a text of length ${changes.newLength}, but the new text has ${newText.length}`,
    );
  if (
    !Number.isInteger(anchor.start) ||
    !Number.isInteger(anchor.end) ||
    anchor.start < 0 ||
    anchor.end < anchor.start ||
    anchor.end > changes.length
  )
    throw new QuireError(
      "invalid_input",
      `anchor ${anchor.start}:${anchor.end} is not inside the edited text of length ${changes.length}`,
    );
}

/** The JSON form of a change set, for storing beside the revision it produced. */
export function changesToJson(changes: ChangeSet): ChangeSetJson {
  return changes.toJSON() as ChangeSetJson;
}

/**
 * Reads a change set back from its JSON form: the parsed value, or JSON text.
 * @param oldLength when given, the length of the text the change set must apply to.
 * @throws QuireError `invalid_input` when the JSON is malformed, is not a change set, or was made for
 *   a text of another length.
 */
export function changesFromJson(json: unknown, oldLength?: number): ChangeSet {
  const value = typeof json === "string" ? parseJsonText(json) : json;
  if (!isChangeSetJson(value))
    throw new QuireError(
      "invalid_input",
      "a stored change set must be an array of lengths and [length, ...lines] entries",
    );
  let changes: ChangeSet;
  try {
    changes = ChangeSet.fromJSON(value);
  } catch (cause) {
    throw new QuireError("invalid_input", "the stored change set is not valid", { cause });
  }
  if (oldLength !== undefined && changes.length !== oldLength)
    throw new QuireError(
      "invalid_input",
      `the stored change set is for a text of length ${changes.length}, not ${oldLength}`,
    );
  return changes;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new QuireError("invalid_input", "the stored change set is not valid JSON", { cause });
  }
}

function isLength(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function isChangeSetJson(value: unknown): value is ChangeSetJson {
  return (
    Array.isArray(value) &&
    value.every(
      (part: unknown) =>
        isLength(part) ||
        (Array.isArray(part) &&
          part.length >= 1 &&
          isLength(part[0]) &&
          part.slice(1).every((line: unknown) => typeof line === "string")),
    )
  );
}
