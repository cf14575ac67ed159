/** The main area when an analysis view is chosen instead of coding: one screen per method. */
import type { View } from "../../state/ui-store.js";
import { AgreementView } from "./agreement/AgreementView.js";
import { FrameworkView } from "./framework/FrameworkView.js";
import { QueriesView } from "./queries/QueriesView.js";
import { CondensationView } from "./stc/CondensationView.js";
import { ThemesView } from "./themes/ThemesView.js";

export function MethodView({ view }: { view: Exclude<View, "code"> }) {
  return (
    <main id="viewer" className="method-main" tabIndex={-1}>
      {view === "queries" && <QueriesView />}
      {view === "themes" && <ThemesView />}
      {view === "framework" && <FrameworkView />}
      {view === "stc" && <CondensationView />}
      {view === "agreement" && <AgreementView />}
    </main>
  );
}
