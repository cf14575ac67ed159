/**
 * Step 4, synthesising (from condensation to descriptions and concepts): an analytic text per code
 * group, written with its subgroups' condensates and quotes in view, and the re-reading grid that
 * validates the result against the transcripts.
 */
import { useId, useState } from "react";
import {
  type StcCodeGroup,
  type StcOutline,
  useStcMutation,
  writeAnalyticText,
} from "../../../api/stc.js";
import { toast } from "../../../state/ui-store.js";
import { CondensateBlock } from "./CondensateBlock.js";
import { ReadingGrid } from "./ReadingGrid.js";

function AnalyticTextEditor({ projectKey, group }: { projectKey: string; group: StcCodeGroup }) {
  const [body, setBody] = useState(group.analyticText);
  const write = useStcMutation(projectKey, writeAnalyticText);
  const fieldId = useId();
  return (
    <div className="stc-card">
      <h4>
        <label htmlFor={fieldId}>Analytic text: {group.name}</label>
      </h4>
      {group.subgroups.length === 0 ? (
        <p className="muted small">No subgroups yet.</p>
      ) : (
        <ul className="stc-synthesis-sources" aria-label={`Subgroups of ${group.name}`}>
          {group.subgroups.map((subgroup) => (
            <li key={subgroup.id}>
              <strong>{subgroup.name}</strong>{" "}
              <span className="muted small">
                {subgroup.units.length} meaning units, {subgroup.quotes.length} quotes
              </span>
              {subgroup.condensate && <CondensateBlock condensate={subgroup.condensate} />}
            </li>
          ))}
        </ul>
      )}
      <textarea
        id={fieldId}
        className="stc-draft"
        rows={6}
        value={body}
        onChange={(event) => setBody(event.target.value)}
      />
      <div className="stc-actions">
        <button
          type="button"
          className="primary small"
          onClick={() => {
            if (write.isPending || body === group.analyticText) return;
            write.mutate(
              { groupId: group.id, body },
              {
                onSuccess: () => toast("Analytic text saved."),
                onError: (error) => toast(error.message, "error"),
              },
            );
          }}
        >
          Save analytic text
        </button>
      </div>
    </div>
  );
}

export function SynthesisStep({
  projectKey,
  outline,
}: {
  projectKey: string;
  outline: StcOutline;
}) {
  return (
    <>
      {outline.codeGroups.map((group) => (
        <AnalyticTextEditor key={group.id} projectKey={projectKey} group={group} />
      ))}
      <ReadingGrid projectKey={projectKey} />
    </>
  );
}
