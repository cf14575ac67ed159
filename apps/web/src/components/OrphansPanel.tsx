/**
 * Codings whose words were edited away. They are never dropped silently: each is listed with the
 * words it had, to be re-attached (select the right words, then "Attach to selection") or removed.
 */
import { deleteCoding, updateCoding } from "../api/client.js";
import { useCodes, useOrphans, useProjectMutation } from "../api/queries.js";
import { getActiveViewer, trimRange } from "../editor/viewer-controller.js";
import { openSource, toast, useUi } from "../state/ui-store.js";
import { CodeSwatch } from "./CodeSwatch.js";

export function OrphansPanel() {
  const projectKey = useUi((ui) => ui.projectKey);
  const sourceId = useUi((ui) => ui.sourceId);
  const orphans = useOrphans(projectKey);
  const codes = useCodes(projectKey);
  const remove = useProjectMutation(projectKey, (key, id: string) => deleteCoding(key, id));
  const attach = useProjectMutation(
    projectKey,
    (key, vars: { id: string; start: number; end: number }) =>
      updateCoding(key, vars.id, { start: vars.start, end: vars.end }),
  );
  const list = orphans.data ?? [];
  if (orphans.isSuccess && list.length === 0)
    return (
      <div className="panel-empty">
        <p>No orphaned codings.</p>
        <p className="muted">
          When an edit removes every word of a coded passage, the coding waits here for you.
        </p>
      </div>
    );
  return (
    <ol className="results orphans">
      {list.map((orphan) => {
        const code = codes.data?.find((candidate) => candidate.id === orphan.codeId);
        return (
          <li key={orphan.id} className="result">
            <p className="result-source">
              <CodeSwatch color={code?.color ?? "#888"} /> {code?.path ?? "Unknown code"}
              <span className="muted"> · {orphan.coder}</span>
            </p>
            <p className="kwic">
              <span className="muted">…{orphan.prefix}</span>
              <del>{orphan.exact}</del>
              <span className="muted">{orphan.suffix}…</span>
            </p>
            <div className="form-actions">
              <button
                type="button"
                onClick={() =>
                  openSource(orphan.sourceId, { start: orphan.start, end: orphan.start })
                }
              >
                Show where it was
              </button>
              <button
                type="button"
                disabled={sourceId !== orphan.sourceId}
                title="Select the words it belongs to in the open source first"
                onClick={() => {
                  const viewer = getActiveViewer();
                  const range = viewer?.selection();
                  if (!viewer || !range) {
                    toast("Select the words this coding belongs to first.", "error");
                    return;
                  }
                  const { from, to } = trimRange(viewer.state, range);
                  attach.mutate(
                    { id: orphan.id, start: from, end: to },
                    { onError: (error) => toast(error.message, "error") },
                  );
                }}
              >
                Attach to selection
              </button>
              <button
                type="button"
                className="danger-quiet"
                onClick={() => remove.mutate(orphan.id)}
              >
                Remove
              </button>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
