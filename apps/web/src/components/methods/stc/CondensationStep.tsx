/**
 * Step 3, condensation (from code to meaning): each code group split into subgroups, and for each
 * subgroup its meaning units beside the condensate and the illustrative quotes.
 */
import { useId } from "react";
import {
  addSubgroup,
  type StcCodeGroup,
  type StcOutline,
  useStcMutation,
} from "../../../api/stc.js";
import { toast } from "../../../state/ui-store.js";
import { AddNamedForm } from "./AddNamedForm.js";
import { SubgroupCondensation } from "./SubgroupCondensation.js";

function GroupSubgroups({ projectKey, group }: { projectKey: string; group: StcCodeGroup }) {
  const add = useStcMutation(projectKey, addSubgroup);
  const headingId = useId();
  return (
    <section className="stc-card" aria-labelledby={headingId}>
      <h4 id={headingId}>{group.name}</h4>
      {group.subgroups.length === 0 && <p className="muted small">No subgroups yet.</p>}
      {group.subgroups.map((subgroup) => (
        <SubgroupCondensation key={subgroup.id} projectKey={projectKey} subgroup={subgroup} />
      ))}
      <AddNamedForm
        noun={`subgroup of ${group.name}`}
        busy={add.isPending}
        onAdd={(name) =>
          add.mutateAsync({ group: group.id, name }).catch((error: Error) => {
            toast(error.message, "error");
            throw error;
          })
        }
      />
    </section>
  );
}

export function CondensationStep({
  projectKey,
  outline,
}: {
  projectKey: string;
  outline: StcOutline;
}) {
  if (outline.codeGroups.length === 0)
    return <p className="muted">Add a code group in step 2 to split it into subgroups.</p>;
  return (
    <>
      {outline.codeGroups.map((group) => (
        <GroupSubgroups key={group.id} projectKey={projectKey} group={group} />
      ))}
    </>
  );
}
