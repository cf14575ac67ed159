/**
 * One meaning unit: the participant's words as coded (a quotation, so styled as one), where they
 * come from, and one click to the full context in the source (STC-3). Extra controls (sorting into
 * a subgroup, choosing it as the illustrative quote) come from the caller.
 */
import type { ReactNode } from "react";
import type { StcUnit } from "../../../api/stc.js";
import { openSource } from "../../../state/ui-store.js";

export function MeaningUnitItem({ unit, children }: { unit: StcUnit; children?: ReactNode }) {
  return (
    <li className="stc-unit">
      <blockquote className="stc-unit-text">{unit.text}</blockquote>
      <div className="stc-unit-actions">
        <span className="muted small">
          {unit.sourceTitle}, {unit.start}–{unit.end}
        </span>
        <button
          type="button"
          className="small ghost"
          onClick={() => openSource(unit.sourceId, { start: unit.start, end: unit.end })}
        >
          Open in source
        </button>
        {children}
      </div>
    </li>
  );
}
