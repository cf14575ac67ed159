/**
 * Search the whole project (words, "phrases", prefix*, AND, OR, NOT) with keyword-in-context
 * results grouped by source; tick hits and code the ticked ones, or all of them, in one step.
 */
import { useState } from "react";
import { codeSearchHits } from "../api/client.js";
import { useCodes, useProjectMutation, useSearch } from "../api/queries.js";
import type { SearchHit } from "../api/types.js";
import { openSource, toast, useUi } from "../state/ui-store.js";

const hitKey = (sourceId: string, hit: SearchHit) => `${sourceId}:${hit.start}:${hit.end}`;

export function SearchPanel() {
  const projectKey = useUi((ui) => ui.projectKey);
  const [typed, setTyped] = useState("");
  const [submitted, setSubmitted] = useState("");
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [codeId, setCodeId] = useState("");
  const search = useSearch(projectKey, submitted);
  const codes = useCodes(projectKey);
  const code = useProjectMutation(
    projectKey,
    (key, hits: { sourceId: string; start: number; end: number }[] | undefined) =>
      codeSearchHits(key, { q: submitted, codeId, ...(hits ? { hits } : {}) }),
  );
  const results = search.data?.results ?? [];
  const hitCount = results.reduce((sum, result) => sum + result.hitCount, 0);

  const toggle = (key: string) =>
    setTicked((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const codeHits = (which: "all" | "ticked") => {
    const hits =
      which === "ticked"
        ? results.flatMap((result) =>
            result.hits
              .filter((hit) => ticked.has(hitKey(result.sourceId, hit)))
              .map((hit) => ({ sourceId: result.sourceId, start: hit.start, end: hit.end })),
          )
        : undefined;
    code.mutate(hits, {
      onSuccess: (result) => {
        toast(`Coded ${result.count} passages.`);
        setTicked(new Set());
      },
      onError: (error) => toast(error.message, "error"),
    });
  };

  return (
    <div className="search">
      <form
        className="search-form"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(typed.trim());
          setTicked(new Set());
        }}
      >
        <input
          type="search"
          aria-label="Search the project"
          placeholder='e.g. "last resort" OR diagnos*'
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      <p className="hint muted">
        Phrases in quotes · AND, OR, NOT in capitals · word* for prefixes
      </p>
      {search.isError && (
        <p role="alert" className="error-text">
          {search.error.message}
        </p>
      )}
      {search.data && (
        <>
          <p className="result-count" role="status">
            {hitCount.toLocaleString()} hits in {search.data.total.toLocaleString()}
            {search.data.totalIsLowerBound ? "+" : ""} sources
          </p>
          <div className="code-hits">
            <select
              aria-label="Code to apply to hits"
              value={codeId}
              onChange={(event) => setCodeId(event.target.value)}
            >
              <option value="">Code hits with…</option>
              {(codes.data ?? []).map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.path}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={!codeId || ticked.size === 0 || code.isPending}
              onClick={() => codeHits("ticked")}
            >
              Code {ticked.size || ""} ticked
            </button>
            <button
              type="button"
              disabled={!codeId || hitCount === 0 || code.isPending}
              onClick={() => codeHits("all")}
            >
              Code all
            </button>
          </div>
        </>
      )}
      <ol className="results">
        {results.map((result) => (
          <li key={result.sourceId} className="search-source">
            <h3>
              {result.title}
              {result.caseName && result.caseName !== result.title && (
                <span className="muted"> · {result.caseName}</span>
              )}
              <span className="count">{result.hitCount}</span>
            </h3>
            <ul>
              {result.hits.map((hit) => {
                const key = hitKey(result.sourceId, hit);
                return (
                  <li key={key} className="hit">
                    <input
                      type="checkbox"
                      aria-label={`Tick hit “${hit.match}” in ${result.title}`}
                      checked={ticked.has(key)}
                      onChange={() => toggle(key)}
                    />
                    <button
                      type="button"
                      className="kwic-line"
                      onClick={() => openSource(result.sourceId, hit)}
                    >
                      <span className="kwic-before">{hit.before}</span>
                      <mark>{hit.match}</mark>
                      <span className="kwic-after">{hit.after}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
