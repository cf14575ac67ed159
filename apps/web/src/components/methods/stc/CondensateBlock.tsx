/**
 * A condensate as a reader sees it: the analyst's first-person retelling, ALWAYS under the label
 * that says it is an artificial quotation and not a participant's words (STC-2), and never styled
 * as a quotation (no quotation marks, no blockquote, no reading serif).
 */
import { CONDENSATE_LABEL } from "@quire/core";
import { useId } from "react";
import { condensateWords, type StcCondensate } from "../../../api/stc.js";

export function CondensateBlock({ condensate }: { condensate: StcCondensate }) {
  const labelId = useId();
  return (
    <section className="stc-condensate" data-artificial="true" aria-labelledby={labelId}>
      <p id={labelId} className="stc-condensate-label">
        {condensate.label || CONDENSATE_LABEL}
      </p>
      <p className="stc-condensate-words">{condensateWords(condensate)}</p>
    </section>
  );
}
