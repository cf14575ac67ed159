/**
 * The Agreement view: agreement between coders for the codebook and Framework profiles — choose
 * coders, sources, codes and measures; read the figures overall, by code and by source; open where
 * coders differ on a code side by side and resolve it — and blind coding for every profile. In
 * reflexive TA (and the other profiles that compute none) it explains why and offers to change the
 * method instead of showing numbers (METHODS RTA-5). While coders work blind the server refuses the
 * figures, and its message is shown.
 */
import { useId, useMemo, useState } from "react";
import {
  AGREEMENT_METHODS,
  type AgreementRequest,
  useAgreement,
  useBlind,
  useSourceChoices,
} from "../../../api/agreement.js";
import { useCodes, useProjects } from "../../../api/queries.js";
import { useUi } from "../../../state/ui-store.js";
import "./agreement.css";
import { AgreementFigures } from "./AgreementFigures.js";
import { BlindControls } from "./BlindControls.js";
import { ComparisonForm } from "./ComparisonForm.js";
import { MethodGate, methodName } from "./MethodGate.js";
import { SideBySideView } from "./SideBySideView.js";

export function AgreementView() {
  const projectKey = useUi((ui) => ui.projectKey);
  const projects = useProjects();
  const project = projects.data?.find((candidate) => candidate.key === projectKey);
  const headingId = useId();
  return (
    <section className="method-view agreement-view" aria-labelledby={headingId}>
      <h1 id={headingId}>Agreement between coders</h1>
      {projects.isError && <p role="alert">{projects.error.message}</p>}
      {projectKey && project && (
        <>
          {(AGREEMENT_METHODS as readonly string[]).includes(project.method) ? (
            <Comparison projectKey={projectKey} method={project.method} />
          ) : (
            <MethodGate projectKey={projectKey} method={project.method} />
          )}
          <BlindControls projectKey={projectKey} />
        </>
      )}
    </section>
  );
}

/** The last comparison asked for, per project, so the figures are still there on coming back. */
const lastRequests = new Map<string, AgreementRequest>();

function Comparison({ projectKey, method }: { projectKey: string; method: string }) {
  const [request, setRequest] = useState<AgreementRequest | null>(
    () => lastRequests.get(projectKey) ?? null,
  );
  const [openCode, setOpenCode] = useState<string | null>(null);
  const report = useAgreement(projectKey, request);
  const blind = useBlind(projectKey);
  const codes = useCodes(projectKey);
  const sources = useSourceChoices(projectKey);
  const codeNames = useMemo(
    () => new Map((codes.data ?? []).map((code) => [code.id, code.path])),
    [codes.data],
  );
  const colors = useMemo(
    () => new Map((codes.data ?? []).map((code) => [code.id, code.color])),
    [codes.data],
  );
  const sourceNames = useMemo(
    () => new Map((sources.data ?? []).map((source) => [source.id, source.title])),
    [sources.data],
  );
  const data = report.isError ? undefined : report.data;
  return (
    <>
      <p className="muted">
        This project follows {methodName(method)}: agreement is measured per code, every character
        of the sources a unit that each coder either coded or not. Read the figures with the
        passages behind them: the side-by-side view shows where coders differ.
      </p>
      <ComparisonForm
        projectKey={projectKey}
        initial={request}
        busy={report.isFetching}
        onCompare={(next) => {
          lastRequests.set(projectKey, next);
          setRequest(next);
          setOpenCode(null);
        }}
      />
      {report.isError && (
        <div role="alert" className="agreement-refused">
          <strong>
            {blind.data?.on ? "No figures while coders work blind." : "The figures failed."}
          </strong>{" "}
          {report.error.message}
        </div>
      )}
      {report.isFetching && !data && <p className="muted">Comparing…</p>}
      {data && (
        <div className="agreement-results" aria-busy={report.isFetching}>
          <AgreementFigures
            report={data}
            codeNames={codeNames}
            sourceNames={sourceNames}
            onOpenCode={setOpenCode}
          />
          {openCode && (
            <SideBySideView
              key={openCode}
              projectKey={projectKey}
              codeId={openCode}
              codeName={codeNames.get(openCode) ?? "code"}
              color={colors.get(openCode) ?? "#2b6b66"}
              coders={data.coders}
              sourceIds={data.bySource.map((row) => row.sourceId)}
              sourceNames={sourceNames}
              onClose={() => setOpenCode(null)}
            />
          )}
        </div>
      )}
    </>
  );
}
