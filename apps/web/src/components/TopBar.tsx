/** The top bar: the project switcher, import, and the undo/redo buttons. */
import { useQueryClient } from "@tanstack/react-query";
import { redo, undo } from "../api/client.js";
import { keys, useProjects } from "../api/queries.js";
import { openProject, setUi, toast, useUi } from "../state/ui-store.js";

export function TopBar() {
  const projectKey = useUi((ui) => ui.projectKey);
  const projects = useProjects();
  const client = useQueryClient();
  const history = async (which: "undo" | "redo") => {
    if (!projectKey) return;
    try {
      const event = which === "undo" ? await undo(projectKey) : await redo(projectKey);
      toast(`${which === "undo" ? "Undone" : "Redone"}: ${event.summary ?? "last change"}`);
    } catch (error) {
      toast(error instanceof Error ? error.message : String(error), "error");
    }
    await client.invalidateQueries({ queryKey: keys.project(projectKey) });
  };
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
    </header>
  );
}
