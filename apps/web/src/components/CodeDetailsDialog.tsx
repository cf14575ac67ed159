/**
 * Everything about one code in one place: name, colour, the four parts of its description
 * (definition, inclusion, exclusion, example), where it sits in the tree, merging it into another
 * code and deleting it. Also the keyboard path for moving a code, which elsewhere is a drag.
 */
import { CODE_PALETTE, type CodeDescription } from "@quire/core";
import { useEffect, useState } from "react";
import { deleteCode, mergeCodes, updateCode } from "../api/client.js";
import { useCodes, useProjectMutation } from "../api/queries.js";
import { canMove } from "../state/code-tree.js";
import { setUi, toast, useUi } from "../state/ui-store.js";
import { Dialog } from "./Dialog.js";

const FIELDS: { key: keyof CodeDescription; label: string; hint: string }[] = [
  { key: "definition", label: "Definition", hint: "What the code means" },
  { key: "inclusion", label: "Use when", hint: "Inclusion criteria" },
  { key: "exclusion", label: "Do not use when", hint: "Exclusion criteria" },
  { key: "example", label: "Example", hint: "A typical passage" },
];

export function CodeDetailsDialog() {
  const codeId = useUi((ui) => ui.editingCodeId);
  const projectKey = useUi((ui) => ui.projectKey);
  const codes = useCodes(projectKey);
  const code = codes.data?.find((candidate) => candidate.id === codeId);
  const [name, setName] = useState("");
  const [color, setColor] = useState("#1b9e77");
  const [description, setDescription] = useState<CodeDescription>({});
  const [parentId, setParentId] = useState<string>("");
  const [mergeInto, setMergeInto] = useState<string>("");
  const [confirmDelete, setConfirmDelete] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when another code is opened, so that a refetch never wipes what is being typed
  useEffect(() => {
    if (!code) return;
    setName(code.name);
    setColor(code.color);
    setDescription(code.description ?? {});
    setParentId(code.parentId ?? "");
    setMergeInto("");
    setConfirmDelete(false);
  }, [code?.id]);

  const save = useProjectMutation(projectKey, (key, id: string) =>
    updateCode(key, id, { name, color, description, parentId: parentId || null }),
  );
  const merge = useProjectMutation(projectKey, (key, vars: { from: string; into: string }) =>
    mergeCodes(key, vars.from, vars.into),
  );
  const remove = useProjectMutation(projectKey, (key, id: string) => deleteCode(key, id));
  const close = () => setUi({ editingCodeId: null });
  const others = (codes.data ?? []).filter((other) => other.id !== code?.id);

  return (
    <Dialog
      title={code ? `Code: ${code.name}` : "Code"}
      open={codeId !== null && code !== undefined}
      onClose={close}
      className="code-dialog"
    >
      {code && (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(code.id, {
              onSuccess: close,
              onError: (error) => toast(error.message, "error"),
            });
          }}
        >
          <p className="muted">
            {code.codingCount} codings in {code.sourceCount} sources
          </p>
          <label>
            Name
            <input
              data-autofocus
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
            />
          </label>
          <fieldset className="colours">
            <legend>Colour</legend>
            {CODE_PALETTE.map((swatch) => (
              <label key={swatch} className="colour-choice" title={swatch}>
                <input
                  type="radio"
                  name="colour"
                  value={swatch}
                  checked={color === swatch}
                  onChange={() => setColor(swatch)}
                  aria-label={`Colour ${swatch}`}
                />
                <span className="dot" style={{ background: swatch }} aria-hidden="true" />
              </label>
            ))}
            <label className="colour-custom">
              <span className="visually-hidden">Any colour</span>
              <input
                type="color"
                value={color}
                onChange={(event) => setColor(event.target.value)}
              />
            </label>
          </fieldset>
          {FIELDS.map((field) => (
            <label key={field.key}>
              {field.label}
              <textarea
                rows={field.key === "definition" ? 3 : 2}
                placeholder={field.hint}
                value={description[field.key] ?? ""}
                onChange={(event) =>
                  setDescription({ ...description, [field.key]: event.target.value })
                }
              />
            </label>
          ))}
          <label>
            Sits under
            <select value={parentId} onChange={(event) => setParentId(event.target.value)}>
              <option value="">(top level)</option>
              {others
                .filter((other) => canMove(codes.data ?? [], code.id, other.id))
                .map((other) => (
                  <option key={other.id} value={other.id}>
                    {other.path}
                  </option>
                ))}
            </select>
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              Save
            </button>
            <button type="button" onClick={close}>
              Cancel
            </button>
          </div>
          <details className="danger-zone">
            <summary>Merge or delete</summary>
            <div className="merge-row">
              <label>
                Merge into
                <select value={mergeInto} onChange={(event) => setMergeInto(event.target.value)}>
                  <option value="">Choose a code…</option>
                  {others.map((other) => (
                    <option key={other.id} value={other.id}>
                      {other.path}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                disabled={!mergeInto || merge.isPending}
                onClick={() =>
                  merge.mutate(
                    { from: code.id, into: mergeInto },
                    {
                      onSuccess: () => {
                        toast(`Merged “${code.name}” into another code.`);
                        setUi((ui) => ({
                          editingCodeId: null,
                          selectedCodeIds: ui.selectedCodeIds.filter((id) => id !== code.id),
                        }));
                      },
                      onError: (error) => toast(error.message, "error"),
                    },
                  )
                }
              >
                Merge
              </button>
            </div>
            <p className="muted small">Its codings move to the other code; undo restores them.</p>
            {confirmDelete ? (
              <button
                type="button"
                className="danger"
                onClick={() =>
                  remove.mutate(code.id, {
                    onSuccess: () =>
                      setUi((ui) => ({
                        editingCodeId: null,
                        selectedCodeIds: ui.selectedCodeIds.filter((id) => id !== code.id),
                      })),
                    onError: (error) => toast(error.message, "error"),
                  })
                }
              >
                Delete “{code.name}” and its {code.codingCount} codings
              </button>
            ) : (
              <button type="button" className="danger-quiet" onClick={() => setConfirmDelete(true)}>
                Delete code…
              </button>
            )}
          </details>
        </form>
      )}
    </Dialog>
  );
}
