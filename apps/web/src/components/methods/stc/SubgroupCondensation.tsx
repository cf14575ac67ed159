/**
 * Step 3 for one subgroup: its meaning units on one side and, beside them, the condensate editor
 * (STC-2) and the illustrative quotes. The draft is written from the units; once saved it shows
 * under its artificial-quotation label. A quote is chosen from the units: an exact coded segment,
 * shown as a participant's words with its source and offsets.
 */
import { CONDENSATE_LABEL } from "@quire/core";
import { useId, useState } from "react";
import {
  chooseQuote,
  condensateWords,
  removeSubgroup,
  renameSubgroup,
  type StcSubgroup,
  useStcMutation,
  writeCondensate,
} from "../../../api/stc.js";
import { toast } from "../../../state/ui-store.js";
import { CondensateBlock } from "./CondensateBlock.js";
import { MeaningUnitItem } from "./MeaningUnitItem.js";
import { RenameRemove } from "./RenameRemove.js";

export function SubgroupCondensation({
  projectKey,
  subgroup,
}: {
  projectKey: string;
  subgroup: StcSubgroup;
}) {
  const [draft, setDraft] = useState(
    subgroup.condensate ? condensateWords(subgroup.condensate) : "",
  );
  const write = useStcMutation(projectKey, writeCondensate);
  const quote = useStcMutation(projectKey, chooseQuote);
  const headingId = useId();
  const draftId = useId();
  const quoted = new Set(subgroup.quotes.map((q) => q.codingId));
  const saved = subgroup.condensate ? condensateWords(subgroup.condensate) : "";

  return (
    <section className="stc-subgroup" aria-labelledby={headingId}>
      <h5 id={headingId}>{subgroup.name}</h5>
      <RenameRemove
        projectKey={projectKey}
        noun="subgroup"
        id={subgroup.id}
        name={subgroup.name}
        rename={renameSubgroup}
        remove={removeSubgroup}
        removedNote="Its meaning units are unsorted again; its condensate and quotes went with it."
      />
      <div className="stc-subgroup-columns">
        <div>
          <h6>Meaning units ({subgroup.units.length})</h6>
          {subgroup.units.length === 0 ? (
            <p className="muted small">
              No meaning units in this subgroup yet: sort them in from step 2.
            </p>
          ) : (
            <ul className="stc-units" aria-label={`Meaning units of ${subgroup.name}`}>
              {subgroup.units.map((unit) => (
                <MeaningUnitItem key={unit.id} unit={unit}>
                  {/* One button in both states, so focus stays on it once the quote is chosen. */}
                  <button
                    type="button"
                    className="small"
                    aria-disabled={quoted.has(unit.codingId)}
                    onClick={() => {
                      if (quoted.has(unit.codingId) || quote.isPending) return;
                      quote.mutate(
                        { subgroupId: subgroup.id, codingId: unit.codingId },
                        { onError: (error) => toast(error.message, "error") },
                      );
                    }}
                  >
                    {quoted.has(unit.codingId)
                      ? "Chosen as illustrative quote"
                      : "Use as illustrative quote"}
                  </button>
                </MeaningUnitItem>
              ))}
            </ul>
          )}
        </div>
        <div className="stc-condense">
          <h6>
            <label htmlFor={draftId}>Condensate</label>
          </h6>
          <p className="muted small">
            Retell the units in the first person, keeping the participants' words. It is always
            shown as "{CONDENSATE_LABEL}".
          </p>
          <textarea
            id={draftId}
            className="stc-draft"
            rows={5}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <div className="stc-actions">
            <button
              type="button"
              className="primary small"
              disabled={draft.trim() === ""}
              onClick={() => {
                if (write.isPending || draft.trim() === saved) return;
                write.mutate(
                  { subgroupId: subgroup.id, text: draft.trim() },
                  {
                    onSuccess: () => toast("Condensate saved."),
                    onError: (error) => toast(error.message, "error"),
                  },
                );
              }}
            >
              Save condensate
            </button>
          </div>
          {subgroup.condensate && <CondensateBlock condensate={subgroup.condensate} />}
          <h6>Illustrative quotes ({subgroup.quotes.length})</h6>
          {subgroup.quotes.length === 0 ? (
            <p className="muted small">None chosen yet.</p>
          ) : (
            <ul className="stc-quotes" aria-label={`Illustrative quotes of ${subgroup.name}`}>
              {subgroup.quotes.map((q) => (
                <li key={q.id}>
                  <blockquote className="stc-quote">“{q.text}”</blockquote>
                  <span className="muted small">
                    {q.sourceTitle}, {q.start}–{q.end}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
