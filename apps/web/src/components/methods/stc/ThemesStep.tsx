/**
 * Step 1, total impression (from chaos to themes): the preliminary themes noted after reading
 * everything, each with its note (renamed or removed in place), and a form to add one.
 */
import { useId, useState } from "react";
import {
  addStcTheme,
  removeStcTheme,
  renameStcTheme,
  type StcOutline,
  useStcMutation,
} from "../../../api/stc.js";
import { toast } from "../../../state/ui-store.js";
import { AddNamedForm } from "./AddNamedForm.js";
import { RenameRemove } from "./RenameRemove.js";

export function ThemesStep({ projectKey, outline }: { projectKey: string; outline: StcOutline }) {
  const add = useStcMutation(projectKey, addStcTheme);
  const [note, setNote] = useState("");
  const noteId = useId();
  return (
    <>
      {outline.themes.length === 0 ? (
        <p className="muted">No preliminary themes yet.</p>
      ) : (
        <ul className="stc-themes" aria-label="Preliminary themes">
          {outline.themes.map((theme) => (
            <li key={theme.id}>
              <strong>{theme.name}</strong>
              {theme.note && <span className="muted"> — {theme.note}</span>}
              <RenameRemove
                projectKey={projectKey}
                noun="preliminary theme"
                id={theme.id}
                name={theme.name}
                rename={renameStcTheme}
                remove={removeStcTheme}
                removedNote="Its code groups stay, under no theme."
              />
            </li>
          ))}
        </ul>
      )}
      <AddNamedForm
        noun="preliminary theme"
        busy={add.isPending}
        onAdd={(name) =>
          add
            .mutateAsync({ name, ...(note.trim() ? { note: note.trim() } : {}) })
            .then(() => setNote(""))
            .catch((error: Error) => {
              toast(error.message, "error");
              throw error;
            })
        }
      >
        <label htmlFor={noteId}>Note</label>
        <input id={noteId} value={note} onChange={(event) => setNote(event.target.value)} />
      </AddNamedForm>
    </>
  );
}
