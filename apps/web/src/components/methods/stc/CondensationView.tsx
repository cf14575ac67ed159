/**
 * Systematic text condensation (Malterud 2012; METHODS §3) laid out as its four steps: total
 * impression (preliminary themes), meaning units sorted into code groups, condensation per
 * subgroup (meaning units beside the condensate and quotes), and synthesising (analytic texts and
 * the re-reading grid). Condensates always show under their artificial-quotation label.
 */
import "./condensation.css";
import { type ReactNode, useId } from "react";
import { stcResultsUrl, useStcOutline } from "../../../api/stc.js";
import { useUi } from "../../../state/ui-store.js";
import { CodeGroupsStep } from "./CodeGroupsStep.js";
import { CondensationStep } from "./CondensationStep.js";
import { SynthesisStep } from "./SynthesisStep.js";
import { ThemesStep } from "./ThemesStep.js";

function Step({
  number,
  title,
  subtitle,
  children,
}: {
  number: number;
  title: string;
  subtitle: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="stc-step" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span className="stc-step-number">Step {number}.</span> {title}
      </h2>
      <p className="muted stc-step-subtitle">{subtitle}</p>
      {children}
    </section>
  );
}

export function CondensationView() {
  const projectKey = useUi((ui) => ui.projectKey);
  const outline = useStcOutline(projectKey);
  const headingId = useId();
  if (!projectKey) return null;
  return (
    <section className="method-view stc-view" aria-labelledby={headingId}>
      <header className="stc-head">
        <h1 id={headingId}>Systematic text condensation</h1>
        <a
          className="button-link"
          href={stcResultsUrl(projectKey)}
          download={`${projectKey}-results.md`}
        >
          Download results
        </a>
      </header>
      {outline.isError && <p role="alert">{outline.error.message}</p>}
      {outline.isPending && <p className="muted">Loading…</p>}
      {outline.data && (
        <>
          <Step
            number={1}
            title="Total impression: preliminary themes"
            subtitle="From chaos to themes: read everything, set aside what you expected, note the themes."
          >
            <ThemesStep projectKey={projectKey} outline={outline.data} />
          </Step>
          <Step
            number={2}
            title="Meaning units: code groups"
            subtitle="From themes to codes: mark the passages that carry meaning and sort them into code groups."
          >
            <CodeGroupsStep projectKey={projectKey} outline={outline.data} />
          </Step>
          <Step
            number={3}
            title="Condensation: subgroups and condensates"
            subtitle="From code to meaning: split each code group into subgroups and retell each one as a condensate."
          >
            <CondensationStep projectKey={projectKey} outline={outline.data} />
          </Step>
          <Step
            number={4}
            title="Synthesising: analytic texts and re-reading"
            subtitle="From condensation to descriptions: write each code group's analytic text and check it against the transcripts."
          >
            <SynthesisStep projectKey={projectKey} outline={outline.data} />
          </Step>
        </>
      )}
    </section>
  );
}
