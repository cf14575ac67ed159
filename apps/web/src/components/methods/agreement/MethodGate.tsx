/**
 * What the Agreement view shows in a method profile that computes no agreement (METHODS RTA-5):
 * why, in plain words, and an offer to change the project's method rather than any number.
 */
import { useId, useState } from "react";
import { AGREEMENT_METHODS, useSetMethod } from "../../../api/agreement.js";

const METHOD_NAMES: Record<string, string> = {
  reflexive_ta: "reflexive thematic analysis",
  codebook_ta: "codebook thematic analysis",
  framework: "the Framework Method",
  stc: "systematic text condensation",
  thematic_synthesis: "thematic synthesis",
  content_analysis: "content analysis",
};

export function methodName(method: string): string {
  return METHOD_NAMES[method] ?? method;
}

export function MethodGate({ projectKey, method }: { projectKey: string; method: string }) {
  const setMethod = useSetMethod(projectKey);
  const [target, setTarget] = useState<string>(AGREEMENT_METHODS[0]);
  const headingId = useId();
  return (
    <section className="agreement-gate" aria-labelledby={headingId}>
      <h2 id={headingId}>No agreement statistics in {methodName(method)}</h2>
      {method === "reflexive_ta" ? (
        <>
          <p>
            In reflexive thematic analysis coding is interpretive: the researcher's subjectivity is
            a resource, not a bias to be measured, so κ and α are not computed here (Braun &amp;
            Clarke 2019, 2021). Several analysts may still compare their coding to deepen the
            interpretation: read each other's codings in the transcript and keep the discussion in
            the reflexive journal.
          </p>
          <p>
            If this study uses a shared codebook whose reliability you want to report, its method is
            codebook thematic analysis (or the Framework Method), and agreement is offered there.
          </p>
        </>
      ) : (
        <p>
          Agreement between coders is offered in the codebook thematic analysis and Framework Method
          profiles, not in {methodName(method)}.
        </p>
      )}
      <form
        className="agreement-gate-form"
        onSubmit={(event) => {
          event.preventDefault();
          setMethod.mutate(target);
        }}
      >
        <fieldset>
          <legend>Change the project's method to</legend>
          {AGREEMENT_METHODS.map((candidate) => (
            <label key={candidate} className="agreement-choice">
              <input
                type="radio"
                name="agreement-method"
                value={candidate}
                checked={target === candidate}
                onChange={() => setTarget(candidate)}
              />
              {methodName(candidate)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={setMethod.isPending}>
          Change method to {methodName(target)}
        </button>
        {setMethod.isError && <p role="alert">{setMethod.error.message}</p>}
      </form>
    </section>
  );
}
