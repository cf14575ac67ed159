/** The top bar: the project switcher, the views, import and export, and the undo/redo buttons. */
import { useQueryClient } from "@tanstack/react-query";
import { useProjects } from "../api/queries.js";
import { runHistory } from "../hooks/useGlobalKeys.js";
import { openProject, setUi, useUi } from "../state/ui-store.js";
import { ViewSwitcher } from "./ViewSwitcher.js";

export function TopBar() {
  const projectKey = useUi((ui) => ui.projectKey);
  const projects = useProjects();
  const client = useQueryClient();
  const history = (which: "undo" | "redo") => runHistory(which, client);
  return (
    <header className="topbar">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark" />
        Quire
      </div>
      <label className="project-switcher">
        <span className="visually-hidden">Project</span>
        <select
          value={projectKey ?? ""}
          onChange={(event) => openProject(event.target.value || null)}
        >
          {!projectKey && <option value="">Choose a project…</option>}
          {(projects.data ?? []).map((project) => (
            <option key={project.key} value={project.key}>
              {project.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="ghost small" onClick={() => setUi({ projectsOpen: true })}>
        Manage projects
      </button>
      <ViewSwitcher />
      <div className="topbar-spacer" />
      <button
        type="button"
        className="ghost small"
        disabled={!projectKey}
        onClick={() => void history("undo")}
        title="Undo (Ctrl+Z)"
      >
        ↶ Undo
      </button>
      <button
        type="button"
        className="ghost small"
        disabled={!projectKey}
        onClick={() => void history("redo")}
        title="Redo (Ctrl+Shift+Z)"
      >
        ↷ Redo
      </button>
      <button
        type="button"
        className="primary small"
        disabled={!projectKey}
        onClick={() => setUi({ importOpen: true })}
      >
        Import
      </button>
      <button
        type="button"
        className="small"
        disabled={!projectKey}
        aria-haspopup="dialog"
        onClick={() => setUi({ exportOpen: true })}
      >
        Export…
      </button>
    </header>
  );
}
