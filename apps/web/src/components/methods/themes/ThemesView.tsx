/**
 * Reflexive thematic analysis (Braun & Clarke; METHODS §1): the phase tracker across the top; the
 * themes with their editor on the left; the thematic map (with snapshots) or the review grid in the
 * middle; the reflexive journal of the selected theme or code on the right. No agreement statistic
 * appears here: the reflexive-TA profile computes none (RTA-5).
 */
import "./themes.css";
import { type KeyboardEvent, useState } from "react";
import { useCodes } from "../../../api/queries.js";
import { useThemes, useThemesLiveRefresh } from "../../../api/themes.js";
import { useUi } from "../../../state/ui-store.js";
import { MapEditor } from "./MapEditor.js";
import { placementOf } from "./map-layout.js";
import { PhaseTracker } from "./PhaseTracker.js";
import { ReviewGrid } from "./ReviewGrid.js";
import { ThemeEditor } from "./ThemeEditor.js";
import { type JournalTarget, ThemeJournal } from "./ThemeJournal.js";
import { NewThemeForm, ThemeList } from "./ThemeList.js";

type Tab = "map" | "review";
const TABS: { id: Tab; label: string }[] = [
  { id: "map", label: "Thematic map" },
  { id: "review", label: "Review grid" },
];

type Selection = { type: "theme" | "code"; id: string } | null;

export function ThemesView() {
  const projectKey = useUi((ui) => ui.projectKey);
  useThemesLiveRefresh(projectKey);
  if (!projectKey)
    return (
      <section className="method-view" aria-label="Themes and the thematic map">
        <h1>Themes and the thematic map</h1>
        <p className="muted">Open a project to develop its themes.</p>
      </section>
    );
  return <ThemesWorkspace projectKey={projectKey} />;
}

function ThemesWorkspace({ projectKey }: { projectKey: string }) {
  const themes = useThemes(projectKey);
  const codes = useCodes(projectKey);
  const [selection, setSelection] = useState<Selection>(null);
  const [tab, setTab] = useState<Tab>("map");
  const list = themes.data ?? [];
  const selectedTheme =
    selection?.type === "theme" ? (list.find((theme) => theme.id === selection.id) ?? null) : null;
  const selectedCode =
    selection?.type === "code"
      ? (codes.data?.find((code) => code.id === selection.id) ?? null)
      : null;
  const parentName = selectedTheme?.parentId
    ? (list.find((theme) => theme.id === selectedTheme.parentId)?.name ?? null)
    : null;

  const journalTarget: JournalTarget | null = selectedTheme
    ? {
        type: "theme",
        id: selectedTheme.id,
        name: selectedTheme.name,
        codeIds: selectedTheme.codeIds,
      }
    : selectedCode
      ? { type: "code", id: selectedCode.id, name: selectedCode.name, codeIds: [] }
      : null;

  const selectNode = (nodeId: string) => {
    const at = placementOf(nodeId);
    if (at) setSelection({ type: at.kind, id: at.refId });
  };

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    event.preventDefault();
    const index = TABS.findIndex((candidate) => candidate.id === tab);
    const next = TABS[(index + (event.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length];
    if (!next) return;
    setTab(next.id);
    document.getElementById(`themes-tab-${next.id}`)?.focus();
  };

  return (
    <section className="method-view themes-view" aria-labelledby="themes-title">
      <h1 id="themes-title">Themes and the thematic map</h1>
      <PhaseTracker projectKey={projectKey} />
      <div className="themes-layout">
        <div className="themes-column themes-left">
          <section aria-labelledby="themes-list-heading">
            <h2 id="themes-list-heading">Themes</h2>
            {themes.isError && <p role="alert">{themes.error.message}</p>}
            <ThemeList
              themes={list}
              selectedId={selectedTheme?.id ?? null}
              onSelect={(id) => setSelection({ type: "theme", id })}
            />
          </section>
          <details className="new-theme-box" open={list.length === 0}>
            <summary>New theme or subtheme</summary>
            <NewThemeForm
              projectKey={projectKey}
              themes={list}
              onCreated={(made) => setSelection({ type: "theme", id: made.id })}
            />
          </details>
          {selectedTheme && (
            <ThemeEditor
              key={selectedTheme.id}
              projectKey={projectKey}
              theme={selectedTheme}
              parentName={parentName}
            />
          )}
        </div>
        <div className="themes-column themes-centre">
          <div role="tablist" aria-label="Map or review" className="themes-tabs">
            {TABS.map((candidate) => (
              <button
                key={candidate.id}
                id={`themes-tab-${candidate.id}`}
                type="button"
                role="tab"
                aria-selected={tab === candidate.id}
                aria-controls={`themes-panel-${candidate.id}`}
                tabIndex={tab === candidate.id ? 0 : -1}
                onClick={() => setTab(candidate.id)}
                onKeyDown={onTabKey}
              >
                {candidate.label}
              </button>
            ))}
          </div>
          <div
            id={`themes-panel-${tab}`}
            role="tabpanel"
            aria-labelledby={`themes-tab-${tab}`}
            className="themes-panel"
          >
            {tab === "map" ? (
              <MapEditor projectKey={projectKey} onSelectNode={selectNode} />
            ) : (
              <ReviewGrid projectKey={projectKey} />
            )}
          </div>
        </div>
        <div className="themes-column themes-right">
          <ThemeJournal projectKey={projectKey} target={journalTarget} />
        </div>
      </div>
    </section>
  );
}
