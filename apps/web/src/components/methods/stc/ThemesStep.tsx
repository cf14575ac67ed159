/**
 * Step 1, total impression (from chaos to themes): the preliminary themes noted after reading
 * everything, each with its note, and a form to add one.
 */
import { useId, useState } from "react";
import { addStcTheme, type StcOutline, useStcMutation } from "../../../api/stc.js";
import { toast } from "../../../state/ui-store.js";
import { AddNamedForm } from "./AddNamedForm.js";

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
