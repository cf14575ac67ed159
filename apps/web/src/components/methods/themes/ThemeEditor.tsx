/**
 * One theme's editor: its name, central organising concept, definition and status (the server
 * refuses "final" without a concept and a definition and says so; that sentence is shown as is),
 * the prompts about names that read as topic summaries (RTA-2), and the codes that make it up,
 * picked from the codebook and detached one by one.
 */
import { THEME_STATUSES, type ThemeStatus } from "@quire/core";
import { useEffect, useState } from "react";
import { useCodes } from "../../../api/queries.js";
import {
  linkThemeCode,
  type ThemePatch,
  type ThemeView,
  unlinkThemeCode,
  updateTheme,
  useThemesMutation,
} from "../../../api/themes.js";

const STATUS_HINTS: Record<ThemeStatus, string> = {
  candidate: "a first clustering, still being developed",
  reviewed: "checked against its extracts and the whole dataset",
  final: "defined and named; needs a concept and a definition",
  discarded: "set aside, kept on record",
};

/** The fields that changed, so a save sends only what the researcher edited. */
export function themeChanges(
  theme: ThemeView,
  draft: { name: string; concept: string; definition: string; status: ThemeStatus },
): ThemePatch {
  const patch: ThemePatch = {};
  if (draft.name.trim() !== theme.name) patch.name = draft.name.trim();
  if (draft.concept.trim() !== theme.concept) patch.concept = draft.concept.trim();
  if (draft.definition.trim() !== theme.definition) patch.definition = draft.definition.trim();
  if (draft.status !== theme.status) patch.status = draft.status;
  return patch;
}

export function ThemeEditor({
  projectKey,
  theme,
  parentName,
}: {
  projectKey: string;
  theme: ThemeView;
  parentName: string | null;
}) {
  const { name: name0, concept: concept0, definition: definition0, status: status0 } = theme;
  const [name, setName] = useState(theme.name);
  const [concept, setConcept] = useState(theme.concept);
  const [definition, setDefinition] = useState(theme.definition);
  const [status, setStatus] = useState<ThemeStatus>(theme.status);
  const [rationale, setRationale] = useState("");
  const [saved, setSaved] = useState(false);
  const save = useThemesMutation(projectKey, (key, patch: ThemePatch) =>
    updateTheme(key, theme.id, patch),
  );

  // The same theme changed elsewhere (or just saved) starts the form again from what was stored;
  // a different theme gets a fresh editor (the parent keys it by theme id).
  useEffect(() => {
    setName(name0);
    setConcept(concept0);
    setDefinition(definition0);
    setStatus(status0);
    setRationale("");
  }, [name0, concept0, definition0, status0]);

  const patch = themeChanges(theme, { name, concept, definition, status });
  const dirty = Object.keys(patch).length > 0;
  const kind = theme.parentId ? "subtheme" : "theme";

  return (
    <section className="theme-editor" aria-labelledby="theme-editor-heading">
      <h2 id="theme-editor-heading">
        {theme.parentId ? "Subtheme" : "Theme"}: {theme.name}
      </h2>
      {parentName && <p className="muted">Subtheme of {parentName}</p>}
      {theme.warnings.map((warning) => (
        <p key={warning.kind} className="theme-warning" role="note">
          {warning.message}
        </p>
      ))}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!dirty) return;
          setSaved(false);
          save.mutate(
            {
              ...patch,
              ...(patch.status && rationale.trim() ? { rationale: rationale.trim() } : {}),
            },
            { onSuccess: () => setSaved(true) },
          );
        }}
      >
        <label>
          Name
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-describedby="theme-name-hint"
          />
        </label>
        <p id="theme-name-hint" className="hint">
          Name the shared meaning, not the topic (“Barriers to…” describes a domain).
        </p>
        <label>
          Central organising concept
          <input value={concept} onChange={(event) => setConcept(event.target.value)} />
        </label>
        <label>
          Definition
          <textarea
            rows={3}
            value={definition}
            onChange={(event) => setDefinition(event.target.value)}
          />
        </label>
        <label>
          Status
          <select
            value={status}
            onChange={(event) => setStatus(event.target.value as ThemeStatus)}
            aria-describedby="theme-status-hint"
          >
            {THEME_STATUSES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {candidate}
              </option>
            ))}
          </select>
        </label>
        <p id="theme-status-hint" className="hint">
          {STATUS_HINTS[status]}
        </p>
        {status !== theme.status && (
          <label>
            Why the status changes (for the audit trail)
            <input value={rationale} onChange={(event) => setRationale(event.target.value)} />
          </label>
        )}
        {save.isError && (
          <p role="alert" className="themes-error">
            {save.error.message}
          </p>
        )}
        {saved && !dirty && (
          <p role="status" className="muted">
            Saved.
          </p>
        )}
        <button type="submit" className="primary" disabled={!dirty || save.isPending}>
          Save {kind}
        </button>
      </form>
      <ThemeCodes projectKey={projectKey} theme={theme} />
    </section>
  );
}

function ThemeCodes({ projectKey, theme }: { projectKey: string; theme: ThemeView }) {
  const codes = useCodes(projectKey);
  const [picked, setPicked] = useState("");
  const attach = useThemesMutation(projectKey, (key, codeId: string) =>
    linkThemeCode(key, theme.id, codeId),
  );
  const detach = useThemesMutation(projectKey, (key, codeId: string) =>
    unlinkThemeCode(key, theme.id, codeId),
  );
  const byId = new Map((codes.data ?? []).map((code) => [code.id, code]));
  const attached = new Set(theme.codeIds);
  const available = (codes.data ?? []).filter((code) => !attached.has(code.id));
  const error = attach.error ?? detach.error;

  return (
    <section className="theme-codes" aria-labelledby="theme-codes-heading">
      <h3 id="theme-codes-heading">Codes in this {theme.parentId ? "subtheme" : "theme"}</h3>
      {theme.codeIds.length === 0 ? (
        <p className="muted">
          No codes yet: attach the codes whose meaning this theme draws together.
        </p>
      ) : (
        <ul className="theme-code-list">
          {theme.codeIds.map((codeId) => {
            const code = byId.get(codeId);
            const label = code?.path ?? code?.name ?? codeId;
            return (
              <li key={codeId}>
                <span
                  className="code-dot"
                  style={{ background: code?.color ?? "var(--line-strong)" }}
                  aria-hidden="true"
                />
                <span className="theme-code-name">{label}</span>
                {code && <span className="muted"> {code.codingCount} passages</span>}
                <button
                  type="button"
                  className="ghost small"
                  aria-label={`Detach ${label}`}
                  disabled={detach.isPending}
                  onClick={() => detach.mutate(codeId)}
                >
                  Detach
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form
        className="attach-code"
        onSubmit={(event) => {
          event.preventDefault();
          if (!picked) return;
          attach.mutate(picked, { onSuccess: () => setPicked("") });
        }}
      >
        <label>
          Code to attach
          <select value={picked} onChange={(event) => setPicked(event.target.value)}>
            <option value="">Choose a code…</option>
            {available.map((code) => (
              <option key={code.id} value={code.id}>
                {code.path || code.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!picked || attach.isPending}>
          Attach
        </button>
      </form>
      {error && (
        <p role="alert" className="themes-error">
          {error.message}
        </p>
      )}
    </section>
  );
}
