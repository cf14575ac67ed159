/**
 * The main views as a row of links in the top bar: coding, then one per analysis method. Each is a
 * place (it lives in the URL hash), so the current one is marked with `aria-current`.
 */
import { setUi, useUi, type View } from "../state/ui-store.js";

const LABELS: Record<View, string> = {
  code: "Code",
  queries: "Queries",
  themes: "Themes",
  framework: "Framework",
  stc: "Condensation",
  agreement: "Agreement",
};

export function ViewSwitcher() {
  const view = useUi((ui) => ui.view);
  const projectKey = useUi((ui) => ui.projectKey);
  return (
    <nav className="view-switcher" aria-label="Views">
      {(Object.keys(LABELS) as View[]).map((candidate) => (
        <button
          key={candidate}
          type="button"
          className="ghost small"
          disabled={!projectKey}
          aria-current={view === candidate ? "page" : undefined}
          onClick={() => setUi({ view: candidate })}
        >
          {LABELS[candidate]}
        </button>
      ))}
    </nav>
  );
}
