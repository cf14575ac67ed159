/**
 * Step 2, meaning units (from themes to codes): the code groups, each under a preliminary theme or
 * none, with the meaning units placed in it. A unit not yet in a subgroup is listed as unsorted;
 * every unit can be moved between the group's subgroups or removed. A code group is renamed in
 * place, and removed only once empty (the server refuses otherwise).
 */
import { useId, useState } from "react";
import {
  addCodeGroup,
  placeMeaningUnit,
  removeCodeGroup,
  removeMeaningUnit,
  renameCodeGroup,
  type StcCodeGroup,
  type StcOutline,
  type StcUnit,
  useStcMutation,
} from "../../../api/stc.js";
import { toast } from "../../../state/ui-store.js";
import { AddNamedForm } from "./AddNamedForm.js";
import { MeaningUnitItem } from "./MeaningUnitItem.js";
import { MeaningUnitPicker } from "./MeaningUnitPicker.js";
import { RenameRemove } from "./RenameRemove.js";

/** Takes a meaning unit out of its code group (the coding stays); Ctrl+Z puts it back. */
function RemoveUnit({ projectKey, unit }: { projectKey: string; unit: StcUnit }) {
  const remove = useStcMutation(projectKey, removeMeaningUnit);
  return (
    <button
      type="button"
      className="small ghost"
      aria-label={`Remove the meaning unit from ${unit.sourceTitle}, ${unit.start}–${unit.end}`}
      disabled={remove.isPending}
      onClick={() =>
        remove.mutate(unit.id, {
          onSuccess: () =>
            toast("Meaning unit removed (the coding stays). Undo (Ctrl+Z) brings it back."),
          onError: (error) => toast(error.message, "error"),
        })
      }
    >
      Remove
    </button>
  );
}

function SubgroupChoice({
  projectKey,
  group,
  unit,
}: {
  projectKey: string;
  group: StcCodeGroup;
  unit: StcUnit;
}) {
  const place = useStcMutation(projectKey, placeMeaningUnit);
  if (group.subgroups.length === 0) return null;
  return (
    <select
      aria-label={`Subgroup of the meaning unit from ${unit.sourceTitle}`}
      className="small"
      value={unit.subgroupId ?? ""}
      disabled={place.isPending}
      onChange={(event) =>
        place.mutate(
          { codingId: unit.codingId, group: group.id, subgroup: event.target.value || null },
          { onError: (error) => toast(error.message, "error") },
        )
      }
    >
      <option value="">unsorted</option>
      {group.subgroups.map((subgroup) => (
        <option key={subgroup.id} value={subgroup.id}>
          {subgroup.name}
        </option>
      ))}
    </select>
  );
}

function CodeGroupUnits({
  projectKey,
  group,
  themeName,
}: {
  projectKey: string;
  group: StcCodeGroup;
  themeName: string | null;
}) {
  const units = [...group.unsorted, ...group.subgroups.flatMap((subgroup) => subgroup.units)];
  const headingId = useId();
  return (
    <section className="stc-card" aria-labelledby={headingId}>
      <h4 id={headingId}>
        {group.name}
        {themeName && <span className="muted stc-theme-of"> · theme: {themeName}</span>}
      </h4>
      <RenameRemove
        projectKey={projectKey}
        noun="code group"
        id={group.id}
        name={group.name}
        rename={renameCodeGroup}
        remove={removeCodeGroup}
      />
      {units.length === 0 ? (
        <p className="muted small">No meaning units yet.</p>
      ) : (
        <ul className="stc-units" aria-label={`Meaning units of ${group.name}`}>
          {units.map((unit) => (
            <MeaningUnitItem key={unit.id} unit={unit}>
              <SubgroupChoice projectKey={projectKey} group={group} unit={unit} />
              <RemoveUnit projectKey={projectKey} unit={unit} />
            </MeaningUnitItem>
          ))}
        </ul>
      )}
      <MeaningUnitPicker projectKey={projectKey} group={group} />
    </section>
  );
}

export function CodeGroupsStep({
  projectKey,
  outline,
}: {
  projectKey: string;
  outline: StcOutline;
}) {
  const add = useStcMutation(projectKey, addCodeGroup);
  const [theme, setTheme] = useState("");
  const themeId = useId();
  const themeName = (id: string | null) =>
    outline.themes.find((candidate) => candidate.id === id)?.name ?? null;
  return (
    <>
      {outline.codeGroups.length === 0 && <p className="muted">No code groups yet.</p>}
      {outline.codeGroups.map((group) => (
        <CodeGroupUnits
          key={group.id}
          projectKey={projectKey}
          group={group}
          themeName={themeName(group.themeId)}
        />
      ))}
      <AddNamedForm
        noun="code group"
        busy={add.isPending}
        onAdd={(name) =>
          add.mutateAsync({ name, ...(theme ? { theme } : {}) }).catch((error: Error) => {
            toast(error.message, "error");
            throw error;
          })
        }
      >
        <label htmlFor={themeId}>under</label>
        <select id={themeId} value={theme} onChange={(event) => setTheme(event.target.value)}>
          <option value="">no preliminary theme</option>
          {outline.themes.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
      </AddNamedForm>
    </>
  );
}
