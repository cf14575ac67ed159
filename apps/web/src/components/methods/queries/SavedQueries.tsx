/**
 * Saved queries: save the query in the builder under a name (the same name replaces it), and the
 * project's saved queries, each read out in words, to run or delete. Saving and deleting are one
 * undoable change each, so deleting asks nothing: Ctrl+Z brings a query back.
 */
import { type FormEvent, useId, useState } from "react";
import {
  type CodeQuery,
  type SavedQuery,
  useDeleteSavedQuery,
  useSavedQueries,
  useSaveQuery,
} from "../../../api/code-queries.js";
import { toast } from "../../../state/ui-store.js";
import { describeQuery } from "./query-draft.js";

export interface SavedQueriesProps {
  projectKey: string;
  /** The builder's query when it can run, else null (nothing to save). */
  current: CodeQuery | null;
  /** The builder narrows to one case, which a saved query does not keep. */
  narrowedToCase: boolean;
  codeName(codeId: string): string;
  onRun(saved: SavedQuery): void;
}

export function SavedQueries({
  projectKey,
  current,
  narrowedToCase,
  codeName,
  onRun,
}: SavedQueriesProps) {
  const saved = useSavedQueries(projectKey);
  const save = useSaveQuery(projectKey);
  const remove = useDeleteSavedQuery(projectKey);
  const [name, setName] = useState("");
  const headingId = useId();
  const nameId = useId();
  const noteId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!current || !trimmed) return;
    const replacing = (saved.data ?? []).some((entry) => entry.name === trimmed);
    save.mutate(
      { name: trimmed, query: current },
      {
        onSuccess: () => {
          toast(replacing ? `Replaced the saved query “${trimmed}”.` : `Saved “${trimmed}”.`);
          setName("");
        },
        onError: (error) => toast(error.message, "error"),
      },
    );
  };

  return (
    <section className="q-saved" aria-labelledby={headingId}>
      <h2 id={headingId}>Saved queries</h2>
      <form className="q-save" aria-label="Save this query" onSubmit={submit}>
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          value={name}
          maxLength={200}
          placeholder="e.g. Shared, not dismissed (CBT)"
          aria-describedby={noteId}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" disabled={!current || !name.trim() || save.isPending}>
          Save query
        </button>
        <p id={noteId} className="q-hint">
          {current
            ? narrowedToCase
              ? "The case filter from the matrix is not saved; the rest of the query is."
              : "Saves the query in the builder; a saved query of the same name is replaced."
            : "Build a query with at least one code to save it."}
        </p>
      </form>
      {saved.isError && <p role="alert">{saved.error.message}</p>}
      {saved.data && saved.data.length === 0 && <p className="empty-note">No saved queries yet.</p>}
      {saved.data && saved.data.length > 0 && (
        <ul className="q-saved-list" aria-label="Saved queries">
          {saved.data.map((entry) => (
            <li key={entry.name}>
              <div className="q-saved-text">
                <strong>{entry.name}</strong>
                <span className="q-hint">{describeQuery(entry.query, codeName)}</span>
              </div>
              <div className="q-saved-actions">
                <button
                  type="button"
                  className="small"
                  aria-label={`Run ${entry.name}`}
                  onClick={() => onRun(entry)}
                >
                  Run
                </button>
                <button
                  type="button"
                  className="small danger-quiet"
                  aria-label={`Delete ${entry.name}`}
                  disabled={remove.isPending}
                  onClick={() =>
                    remove.mutate(entry.name, {
                      onSuccess: () => toast(`Deleted “${entry.name}” (Ctrl+Z brings it back).`),
                      onError: (error) => toast(error.message, "error"),
                    })
                  }
                >
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
