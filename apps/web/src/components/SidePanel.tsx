/**
 * The right-hand panel: retrieval, search, memos, orphans, the coding inspector and the analysis
 * charts as tabs (the ARIA tabs pattern: arrows move between tabs, Tab moves into the panel). The
 * panel widens for the charts, which need room more than the transcript does while one reads them.
 */
import { useOrphans } from "../api/queries.js";
import { type SideTab, setUi, useUi } from "../state/ui-store.js";
import { AnalysisPanel } from "./AnalysisPanel.js";
import { CodingInspector } from "./CodingInspector.js";
import { MemosPanel } from "./MemosPanel.js";
import { OrphansPanel } from "./OrphansPanel.js";
import { RetrievalPanel } from "./RetrievalPanel.js";
import { SearchPanel } from "./SearchPanel.js";

const TABS: { id: SideTab; label: string }[] = [
  { id: "retrieve", label: "Retrieve" },
  { id: "search", label: "Search" },
  { id: "coding", label: "Coding" },
  { id: "memos", label: "Memos" },
  { id: "orphans", label: "Orphans" },
  { id: "analysis", label: "Analysis" },
];

export function SidePanel() {
  const tab = useUi((ui) => ui.sideTab);
  const projectKey = useUi((ui) => ui.projectKey);
  const orphans = useOrphans(projectKey);
  const orphanCount = orphans.data?.length ?? 0;
  const choose = (next: SideTab) => {
    setUi({ sideTab: next });
    requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
  };
  return (
    <aside className={tab === "analysis" ? "side wide" : "side"} aria-label="Analysis">
      <div role="tablist" aria-label="Analysis panels" className="tabs">
        {TABS.map((candidate, index) => (
          <button
            key={candidate.id}
            id={`tab-${candidate.id}`}
            type="button"
            role="tab"
            aria-selected={tab === candidate.id}
            aria-controls={`panel-${candidate.id}`}
            tabIndex={tab === candidate.id ? 0 : -1}
            onClick={() => setUi({ sideTab: candidate.id })}
            onKeyDown={(event) => {
              const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
              if (step === 0) return;
              event.preventDefault();
              const next = TABS[(index + step + TABS.length) % TABS.length];
              if (next) choose(next.id);
            }}
          >
            {candidate.label}
            {candidate.id === "orphans" && orphanCount > 0 && (
              <span className="badge">{orphanCount}</span>
            )}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`panel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        className="tab-panel"
        tabIndex={-1}
      >
        {tab === "retrieve" && <RetrievalPanel />}
        {tab === "search" && <SearchPanel />}
        {tab === "coding" && <CodingInspector />}
        {tab === "memos" && <MemosPanel />}
        {tab === "orphans" && <OrphansPanel />}
        {tab === "analysis" && <AnalysisPanel />}
      </div>
    </aside>
  );
}
