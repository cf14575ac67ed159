/**
 * The themes with their subthemes, as a list of buttons that pick the theme to edit, and the form
 * that makes a new theme or subtheme (a theme is shared meaning around a central organising
 * concept, so the form asks for one at once, though it may come later).
 */
import { useState } from "react";
import { createTheme, type ThemeView, useThemesMutation } from "../../../api/themes.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Themes in order, each followed by its subthemes. */
export function orderThemes(themes: readonly ThemeView[]): { theme: ThemeView; depth: number }[] {
  const ids = new Set(themes.map((theme) => theme.id));
  const top = themes.filter((theme) => !theme.parentId || !ids.has(theme.parentId));
  return top.flatMap((theme) => [
    { theme, depth: 0 },
    ...themes
      .filter((child) => child.parentId === theme.id)
      .map((child) => ({ theme: child, depth: 1 })),
  ]);
}

export function ThemeList({
  themes,
  selectedId,
  onSelect,
}: {
  themes: readonly ThemeView[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  if (themes.length === 0) return <p className="muted">No themes yet.</p>;
  return (
    <ul className="theme-list" aria-label="Themes">
      {orderThemes(themes).map(({ theme, depth }) => (
        <li key={theme.id} className={`theme-item depth-${depth} status-${theme.status}`}>
          <button
            type="button"
            aria-pressed={theme.id === selectedId}
            onClick={() => onSelect(theme.id)}
          >
            <span className="theme-item-name">
              {depth > 0 && <span className="visually-hidden">Subtheme: </span>}
              {theme.name}
            </span>
            <span className="theme-item-meta">
              <span className={`status-badge status-${theme.status}`}>
                {theme.isMisc ? "miscellaneous" : theme.status}
              </span>{" "}
              {plural(theme.codeIds.length, "code")}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function NewThemeForm({
  projectKey,
  themes,
  parentId: presetParent = "",
  onCreated,
}: {
  projectKey: string;
  themes: readonly ThemeView[];
  parentId?: string;
  onCreated: (theme: ThemeView) => void;
}) {
  const [name, setName] = useState("");
  const [parentId, setParentId] = useState(presetParent);
  const [concept, setConcept] = useState("");
  const [definition, setDefinition] = useState("");
  const [isMisc, setIsMisc] = useState(false);
  const create = useThemesMutation(projectKey, createTheme);
  const parents = themes.filter((theme) => !theme.parentId && !theme.isMisc);

  return (
    <form
      className="new-theme"
      aria-label="New theme"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim() === "") return;
        create.mutate(
          {
            name: name.trim(),
            concept: concept.trim(),
            definition: definition.trim(),
            parentId: parentId || null,
            ...(isMisc ? { isMisc: true } : {}),
          },
          {
            onSuccess: (made) => {
              setName("");
              setConcept("");
              setDefinition("");
              setIsMisc(false);
              onCreated(made);
            },
          },
        );
      }}
    >
      <label>
        Name
        <input value={name} onChange={(event) => setName(event.target.value)} required />
      </label>
      <label>
        Subtheme of
        <select value={parentId} onChange={(event) => setParentId(event.target.value)}>
          <option value="">— none: a theme of its own</option>
          {parents.map((theme) => (
            <option key={theme.id} value={theme.id}>
              {theme.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Central organising concept
        <input value={concept} onChange={(event) => setConcept(event.target.value)} />
      </label>
      <label>
        Definition
        <textarea
          rows={2}
          value={definition}
          onChange={(event) => setDefinition(event.target.value)}
        />
      </label>
      {!themes.some((theme) => theme.isMisc) && (
        <label className="checkbox-field">
          <span>
            <input
              type="checkbox"
              checked={isMisc}
              onChange={(event) => setIsMisc(event.target.checked)}
            />{" "}
            The miscellaneous bin: a holding place for codes that fit no theme yet
          </span>
        </label>
      )}
      {create.isError && (
        <p role="alert" className="themes-error">
          {create.error.message}
        </p>
      )}
      <button type="submit" className="primary" disabled={create.isPending || name.trim() === ""}>
        {isMisc ? "Add the bin" : parentId ? "Add subtheme" : "Add theme"}
      </button>
    </form>
  );
}
