/**
 * Rename and Remove for a named part of the condensation (a preliminary theme, a code group, a
 * subgroup). Rename edits the name inline; Remove asks nothing, since every change is one Ctrl+Z
 * away, and the toast says so. A refusal (a code group that still holds meaning units) is toasted.
 */
import { type FormEvent, useId, useState } from "react";
import { useStcMutation } from "../../../api/stc.js";
import { toast } from "../../../state/ui-store.js";

interface RenameRemoveProps {
  projectKey: string;
  /** What it is, e.g. "code group": names the buttons and the toast. */
  noun: string;
  id: string;
  name: string;
  rename(key: string, input: { id: string; name: string }): Promise<unknown>;
  remove(key: string, id: string): Promise<void>;
  /** Said after the removal, before the undo hint, e.g. "Its meaning units are unsorted again." */
  removedNote?: string;
}

export function RenameRemove({
  projectKey,
  noun,
  id,
  name,
  rename,
  remove,
  removedNote,
}: RenameRemoveProps) {
  const renaming = useStcMutation(projectKey, rename);
  const removing = useStcMutation(projectKey, remove);
  const [draft, setDraft] = useState<string | null>(null);
  const fieldId = useId();
  const capital = noun.charAt(0).toUpperCase() + noun.slice(1);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = (draft ?? "").trim();
    if (trimmed === "" || trimmed === name) {
      setDraft(null);
      return;
    }
    renaming.mutate(
      { id, name: trimmed },
      {
        onSuccess: () => setDraft(null),
        onError: (error) => toast(error.message, "error"),
      },
    );
  };

  if (draft !== null)
    return (
      <form className="stc-rename" aria-label={`Rename ${noun} ${name}`} onSubmit={save}>
        <label htmlFor={fieldId} className="visually-hidden">
          New name for {name}
        </label>
        <input
          id={fieldId}
          value={draft}
          // biome-ignore lint/a11y/noAutofocus: the field opens on the analyst's own click
          autoFocus
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") setDraft(null);
          }}
        />
        <button type="submit" className="small" disabled={renaming.isPending}>
          Save
        </button>
        <button type="button" className="small ghost" onClick={() => setDraft(null)}>
          Cancel
        </button>
      </form>
    );
  return (
    <span className="stc-named-actions">
      <button
        type="button"
        className="small ghost"
        aria-label={`Rename ${noun} ${name}`}
        onClick={() => setDraft(name)}
      >
        Rename
      </button>
      {/* No confirmation: like every change, a removal is one Ctrl+Z away, and the toast says so. */}
      <button
        type="button"
        className="small ghost"
        aria-label={`Remove ${noun} ${name}`}
        disabled={removing.isPending}
        onClick={() =>
          removing.mutate(id, {
            onSuccess: () =>
              toast(
                `${capital} "${name}" removed.${removedNote ? ` ${removedNote}` : ""} Undo (Ctrl+Z) brings it back.`,
              ),
            onError: (error) => toast(error.message, "error"),
          })
        }
      >
        Remove
      </button>
    </span>
  );
}
