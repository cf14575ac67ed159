/** Create, open, rename and delete projects. */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { createProject, deleteProject, renameProject } from "../api/client.js";
import { keys, useProjects } from "../api/queries.js";
import { openProject, setUi, toast, useUi } from "../state/ui-store.js";
import { Dialog } from "./Dialog.js";

export function ProjectsDialog() {
  const open = useUi((ui) => ui.projectsOpen);
  const current = useUi((ui) => ui.projectKey);
  const projects = useProjects();
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [renaming, setRenaming] = useState<string | null>(null);
  const [newName, setNewName] = useState("");
  const [confirming, setConfirming] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: keys.projects });
  const close = () => setUi({ projectsOpen: false });
  const fail = (error: unknown) =>
    toast(error instanceof Error ? error.message : String(error), "error");

  return (
    <Dialog title="Projects" open={open} onClose={close} className="projects-dialog">
      <ul className="project-list">
        {(projects.data ?? []).map((project) => (
          <li key={project.key} className={project.key === current ? "current" : undefined}>
            {renaming === project.key ? (
              <form
                className="inline-form"
                onSubmit={async (event) => {
                  event.preventDefault();
                  try {
                    await renameProject(project.key, newName);
                    setRenaming(null);
                    await refresh();
                  } catch (error) {
                    fail(error);
                  }
                }}
              >
                <input
                  aria-label={`New name for ${project.name}`}
                  value={newName}
                  onChange={(event) => setNewName(event.target.value)}
                />
                <button type="submit" className="primary small">
                  Rename
                </button>
                <button type="button" className="small" onClick={() => setRenaming(null)}>
                  Cancel
                </button>
              </form>
            ) : (
              <>
                <button
                  type="button"
                  className="project-open"
                  onClick={() => {
                    openProject(project.key);
                    close();
                  }}
                >
                  <strong>{project.name}</strong>
                  <span className="muted small">
                    {project.counts
                      ? `${project.counts.sources} sources · ${project.counts.codes} codes · ${project.counts.codings} codings`
                      : project.key}
                  </span>
                </button>
                <button
                  type="button"
                  className="ghost small"
                  onClick={() => {
                    setRenaming(project.key);
                    setNewName(project.name);
                  }}
                >
                  Rename
                </button>
                {confirming === project.key ? (
                  <button
                    type="button"
                    className="danger small"
                    onClick={async () => {
                      try {
                        await deleteProject(project.key);
                        if (current === project.key) openProject(null);
                        setConfirming(null);
                        await refresh();
                      } catch (error) {
                        fail(error);
                      }
                    }}
                  >
                    Delete for good
                  </button>
                ) : (
                  <button
                    type="button"
                    className="danger-quiet small"
                    onClick={() => setConfirming(project.key)}
                  >
                    Delete…
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      <form
        className="inline-form new-project"
        onSubmit={async (event) => {
          event.preventDefault();
          try {
            const made = await createProject(name.trim());
            setName("");
            await refresh();
            openProject(made.key);
            close();
          } catch (error) {
            fail(error);
          }
        }}
      >
        <input
          aria-label="Name of a new project"
          placeholder="New project name"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="primary" disabled={!name.trim()}>
          Create project
        </button>
      </form>
    </Dialog>
  );
}
