/**
 * Editing a source's text from the web editor: the client sends the CodeMirror change set it made
 * against a revision; the edit is refused when that revision is no longer current (someone else
 * edited first), otherwise stored with every coding mapped through it, in one mutation.
 */
import type { TextEdit } from "@quire/core";
import { changesFromJson } from "@quire/core";
import {
  editSourceText,
  getSourceDetail,
  mutate,
  type Store,
  type TextChangeResult,
} from "@quire/db";
import { revisionConflict } from "../errors.js";

export interface SourceTextEditProps {
  store: Store;
  projectId: string;
  actor: string;
  sourceId: string;
  /** The revision the change set was made against. */
  baseRevisionId: string;
  /** `ChangeSet.toJSON()` of the edit. */
  changes: unknown;
}

/**
 * Applies a change set to a source's current text.
 * @throws HttpError `revision_conflict` when `baseRevisionId` is not the current revision;
 *   QuireError `invalid_input` for a change set that does not fit the text, `not_found` for the source.
 */
export async function sourceTextEditor(props: SourceTextEditProps): Promise<TextChangeResult> {
  return mutate(
    props.store,
    { projectId: props.projectId, actor: props.actor, action: "source.edit" },
    async (m) => {
      // Read inside the transaction, so two edits against the same revision cannot both pass.
      const { source, revision } = await getSourceDetail(m.store, props.projectId, props.sourceId);
      if (revision.id !== props.baseRevisionId)
        throw revisionConflict(props.baseRevisionId, revision.id);
      const changes = changesFromJson(props.changes, revision.text.length);
      const edits: TextEdit[] = [];
      changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
        edits.push({ from: fromA, to: toA, insert: inserted.toString() });
      });
      const result = await editSourceText(m, source.id, edits);
      m.summary = `edited the text of "${source.title}" (revision ${result.revision.number})`;
      return result;
    },
  );
}
