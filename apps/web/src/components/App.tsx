/**
 * The workbench shell: the top bar, sources and codebook on the left, the transcript in the centre,
 * analysis panels on the right and the status bar; or, when a method view is chosen, that view
 * across the whole width. Opens the first project when none is chosen.
 */
import { useEffect } from "react";
import { setRequestCoder } from "../api/client.js";
import { useLiveUpdates } from "../api/live.js";
import { useProjects } from "../api/queries.js";
import { useGlobalKeys } from "../hooks/useGlobalKeys.js";
import { getUi, openProject, useUi } from "../state/ui-store.js";
import { Codebook } from "./Codebook.js";
import { CodeDetailsDialog } from "./CodeDetailsDialog.js";
import { ExportDialog } from "./ExportDialog.js";
import { ImportDialog } from "./ImportDialog.js";
import { BlindBanner } from "./methods/agreement/BlindBanner.js";
import { MethodView } from "./methods/MethodView.js";
import { ProjectsDialog } from "./ProjectsDialog.js";
import { QuickCodePalette } from "./QuickCodePalette.js";
import { SidePanel } from "./SidePanel.js";
import { SourceList } from "./SourceList.js";
import { SourceViewer } from "./SourceViewer.js";
import { StatusBar } from "./StatusBar.js";
import { Toast } from "./Toast.js";
import { TopBar } from "./TopBar.js";

setRequestCoder(getUi().coder);

export function App() {
  const projectKey = useUi((ui) => ui.projectKey);
  const view = useUi((ui) => ui.view);
  const projects = useProjects();
  useLiveUpdates(projectKey);
  useGlobalKeys();

  useEffect(() => {
    const list = projects.data;
    if (!list) return;
    if (!projectKey || !list.some((project) => project.key === projectKey)) {
      const first = list[0];
      if (first) openProject(first.key);
      else if (projectKey) openProject(null);
    }
  }, [projects.data, projectKey]);

  return (
    <div className="app">
      <a className="skip-link" href="#viewer">
        Skip to the transcript
      </a>
      <TopBar />
      <BlindBanner />
      {projects.isError && (
        <p role="alert" className="banner">
          The Quire server cannot be reached: {projects.error.message}
        </p>
      )}
      {projects.isSuccess && projects.data.length === 0 ? (
        <main className="welcome">
          <h1>Welcome to Quire</h1>
          <p>Create a project to start: Manage projects → Create project.</p>
        </main>
      ) : view !== "code" ? (
        <MethodView view={view} />
      ) : (
        <div className="workbench">
          <nav className="left" aria-label="Sources and codebook">
            <SourceList />
            <Codebook />
          </nav>
          <main id="viewer" className="centre" tabIndex={-1}>
            <SourceViewer />
          </main>
          <SidePanel />
        </div>
      )}
      <StatusBar />
      <QuickCodePalette />
      <ImportDialog />
      <ExportDialog />
      <ProjectsDialog />
      <CodeDetailsDialog />
      <Toast />
    </div>
  );
}
