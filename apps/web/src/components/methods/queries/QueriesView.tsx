/**
 * The Queries view: boolean code queries (build, run, read the passages, sources or cases; save,
 * list, run and delete saved ones), the code × case matrix (a cell runs the query for its code in
 * its case), and word frequencies with keyword in context. Three tabs (the ARIA tabs pattern); the
 * query being built stays while the researcher moves between them or opens a passage.
 */
import "./queries.css";
import { type KeyboardEvent, useId, useMemo, useState } from "react";
import {
  type QueryRun,
  type QueryView,
  type SavedQuery,
  useCodeQuery,
  useQueryCoders,
} from "../../../api/code-queries.js";
import { useAttributes, useCodes } from "../../../api/queries.js";
import { useUi } from "../../../state/ui-store.js";
import { CodeCaseMatrix } from "./CodeCaseMatrix.js";
import { QueryBuilder } from "./QueryBuilder.js";
import { QueryResults } from "./QueryResults.js";
import {
  describeQuery,
  draftProblem,
  draftToQuery,
  EMPTY_DRAFT,
  type QueryDraft,
  queryToDraft,
} from "./query-draft.js";
import { SavedQueries } from "./SavedQueries.js";
import { WordsPanel } from "./WordsPanel.js";

type Tab = "query" | "matrix" | "words";

const TABS: { id: Tab; label: string }[] = [
  { id: "query", label: "Code query" },
  { id: "matrix", label: "Code × case" },
  { id: "words", label: "Words" },
];

/** Passages per page; "Show more" adds as many again, up to the server's 500. */
const PAGE = 50;

export function QueriesView() {
  const projectKey = useUi((ui) => ui.projectKey);
  const [tab, setTab] = useState<Tab>("query");
  const [draft, setDraft] = useState<QueryDraft>(EMPTY_DRAFT);
  const [tried, setTried] = useState(false);
  const [run, setRun] = useState<{ request: QueryRun; label: string | null } | null>(null);
  const [view, setView] = useState<QueryView>("segments");
  const [limit, setLimit] = useState(PAGE);
  const codes = useCodes(projectKey).data ?? [];
  const attributes = useAttributes(projectKey).data ?? [];
  const coders = useQueryCoders(projectKey).data ?? [];
  const baseId = useId();
  const headingId = useId();

  const request = useMemo<QueryRun | null>(
    () => (run ? { ...run.request, as: view, limit } : null),
    [run, view, limit],
  );
  const answer = useCodeQuery(projectKey, request);
  const byId = useMemo(() => new Map(codes.map((code) => [code.id, code])), [codes]);
  const codeName = (id: string) => byId.get(id)?.name ?? "(a deleted code)";

  if (!projectKey) return null;

  const runDraft = (next: QueryDraft) => {
    setTried(true);
    if (draftProblem(next)) return;
    setLimit(PAGE);
    setRun({
      request: {
        query: draftToQuery(next),
        ...(next.caseFilter ? { caseId: next.caseFilter.caseId } : {}),
      },
      label: next.caseFilter ? `in ${next.caseFilter.name}’s sources` : null,
    });
  };
  const runSaved = (saved: SavedQuery) => {
    setDraft(queryToDraft(saved.query));
    setTried(false);
    setLimit(PAGE);
    setRun({ request: { saved: saved.name }, label: `saved query “${saved.name}”` });
  };
  const choose = (next: Tab) => {
    setTab(next);
    requestAnimationFrame(() => document.getElementById(`${baseId}-tab-${next}`)?.focus());
  };
  const handleTabKey = (event: KeyboardEvent, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length];
    if (next) choose(next.id);
  };

  const canSave = draftProblem(draft) === null ? draftToQuery(draft) : null;
  const data = answer.data;
  const description = data
    ? `${describeQuery(data.query, codeName)}${run?.label ? ` · ${run.label}` : ""}`
    : "";

  return (
    <section className="method-view q-view" aria-labelledby={headingId}>
      <h1 id={headingId}>Queries</h1>
      <div role="tablist" aria-label="Kinds of query" className="tabs q-tabs">
        {TABS.map((candidate, index) => (
          <button
            key={candidate.id}
            id={`${baseId}-tab-${candidate.id}`}
            type="button"
            role="tab"
            aria-selected={tab === candidate.id}
            aria-controls={`${baseId}-panel-${candidate.id}`}
            tabIndex={tab === candidate.id ? 0 : -1}
            onClick={() => setTab(candidate.id)}
            onKeyDown={(event) => handleTabKey(event, index)}
          >
            {candidate.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel-${tab}`}
        aria-labelledby={`${baseId}-tab-${tab}`}
        className="q-panel"
      >
        {tab === "query" && (
          <div className="q-query-layout">
            <div className="q-query-side">
              <QueryBuilder
                codes={codes}
                attributes={attributes}
                coders={coders}
                draft={draft}
                onChange={setDraft}
                onRun={() => runDraft(draft)}
                showProblem={tried}
              />
              <SavedQueries
                projectKey={projectKey}
                current={canSave}
                narrowedToCase={draft.caseFilter !== null}
                codeName={codeName}
                onRun={runSaved}
              />
            </div>
            <div className="q-query-results">
              {answer.isError && (
                <p role="alert" className="error-text">
                  {answer.error.message}
                </p>
              )}
              {!run && (
                <p className="empty-note">
                  Pick codes and press Run query to see the passages that match, the sources they
                  are in and the cases.
                </p>
              )}
              {data && (
                <QueryResults
                  answer={data}
                  description={description}
                  view={view}
                  onViewChange={setView}
                  busy={answer.isFetching}
                  onMore={
                    data.view === "segments" && data.segments.length < data.total && limit < 500
                      ? () => setLimit(Math.min(500, limit + PAGE))
                      : undefined
                  }
                />
              )}
            </div>
          </div>
        )}
        {tab === "matrix" && (
          <CodeCaseMatrix
            projectKey={projectKey}
            onOpenCell={({ codeId, caseId, caseName }) => {
              const next = {
                ...EMPTY_DRAFT,
                anyOf: [codeId],
                caseFilter: { caseId, name: caseName },
              };
              setDraft(next);
              setView("segments");
              runDraft(next);
              choose("query");
            }}
          />
        )}
        {tab === "words" && <WordsPanel projectKey={projectKey} />}
      </div>
    </section>
  );
}
