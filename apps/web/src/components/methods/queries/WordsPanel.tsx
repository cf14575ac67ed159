/**
 * Word frequencies and keyword in context: the most frequent words (English stop words left out
 * unless asked for) of all sources, chosen sources or a code's passages, as bars in the chart
 * frame with a table alternative. Choosing a word (or typing any word) lists each occurrence in its
 * context; each line opens its source at the word in the coding view.
 */
import { type FormEvent, useId, useMemo, useState } from "react";
import {
  useKeywordInContext,
  useWordFrequencies,
  type WordSelection,
} from "../../../api/code-queries.js";
import { useCodes, useSourcePages } from "../../../api/queries.js";
import { openSource } from "../../../state/ui-store.js";
import { ChartFrame } from "../../charts/ChartFrame.js";

type Scope = "all" | "sources" | "code";

const TOPS = [20, 30, 50, 100];

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;
}

export function WordsPanel({ projectKey }: { projectKey: string }) {
  const [scope, setScope] = useState<Scope>("all");
  const [sourceIds, setSourceIds] = useState<string[]>([]);
  const [codeId, setCodeId] = useState("");
  const [top, setTop] = useState(30);
  const [keepStopWords, setKeepStopWords] = useState(false);
  const [word, setWord] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const codes = useCodes(projectKey).data ?? [];
  const sources = useSourcePages(projectKey, {});
  const sourceRows = (sources.data?.pages ?? []).flatMap((page) => page.sources);
  const scopeName = useId();
  const codeSelectId = useId();
  const topId = useId();
  const typedId = useId();

  const selection = useMemo<WordSelection | null>(() => {
    if (scope === "sources") return sourceIds.length ? { sourceIds } : null;
    if (scope === "code") return codeId ? { codeId } : null;
    return {};
  }, [scope, sourceIds, codeId]);
  const frequencies = useWordFrequencies(projectKey, selection, {
    top,
    ...(keepStopWords ? { keepStopWords } : {}),
  });
  const kwic = useKeywordInContext(projectKey, selection, word);
  const data = frequencies.data;
  const most = data?.words[0]?.count ?? 0;

  const lookUp = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim()) setWord(typed.trim());
  };

  const controls = (
    <div className="q-words-controls">
      <fieldset className="segmented">
        <legend className="visually-hidden">Count words in</legend>
        {(
          [
            ["all", "All sources"],
            ["sources", "Chosen sources"],
            ["code", "A code’s passages"],
          ] as const
        ).map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name={scopeName}
              checked={scope === value}
              onChange={() => {
                setScope(value);
                setWord(null);
              }}
            />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      {scope === "code" && (
        <>
          <label htmlFor={codeSelectId} className="visually-hidden">
            Code whose passages to count
          </label>
          <select
            id={codeSelectId}
            value={codeId}
            onChange={(event) => {
              setCodeId(event.target.value);
              setWord(null);
            }}
          >
            <option value="">Choose a code…</option>
            {codes.map((code) => (
              <option key={code.id} value={code.id}>
                {code.path}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={topId}>Top</label>
      <select id={topId} value={top} onChange={(event) => setTop(Number(event.target.value))}>
        {TOPS.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <label className="check">
        <input
          type="checkbox"
          checked={keepStopWords}
          onChange={(event) => setKeepStopWords(event.target.checked)}
        />
        Include stop words (the, and, of…)
      </label>
    </div>
  );

  return (
    <div className="q-words-layout">
      <div className="q-words-main">
        {scope === "sources" && (
          <fieldset className="q-source-picks">
            <legend>Sources to count ({sourceIds.length} chosen)</legend>
            <ul>
              {sourceRows.map((source) => (
                <li key={source.id}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={sourceIds.includes(source.id)}
                      onChange={(event) => {
                        setWord(null);
                        setSourceIds((current) =>
                          event.target.checked
                            ? [...current, source.id]
                            : current.filter((id) => id !== source.id),
                        );
                      }}
                    />
                    {source.title}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <ChartFrame
          title="Word frequencies"
          controls={controls}
          summary={
            selection === null
              ? scope === "code"
                ? "Choose a code to count the words of its passages."
                : "Choose at least one source."
              : data
                ? data.words.length === 0
                  ? `No words to count in ${data.scope.description}.`
                  : `${plural(data.totalWords, "word")} counted in ${data.scope.description} (${plural(data.distinctWords, "different word")}); most frequent: “${data.words[0]?.word}”, ${plural(most, "time")}. Choose a word to see it in context.`
                : frequencies.isError
                  ? frequencies.error.message
                  : "Counting…"
          }
          table={
            data && data.words.length > 0 ? (
              <table className="data-table">
                <caption className="visually-hidden">Word frequencies</caption>
                <thead>
                  <tr>
                    <th scope="col">Word</th>
                    <th scope="col" className="q-num">
                      Count
                    </th>
                    <th scope="col" className="q-num">
                      {data.scope.description.includes("passage") ? "Passages" : "Sources"}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.words.map((entry) => (
                    <tr key={entry.word}>
                      <th scope="row">{entry.word}</th>
                      <td className="q-num">{entry.count}</td>
                      <td className="q-num">{entry.texts}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : undefined
          }
        >
          {data && data.words.length > 0 && (
            <ol className="q-word-bars" aria-label="Words, most frequent first">
              {data.words.map((entry) => (
                <li key={entry.word}>
                  <button
                    type="button"
                    aria-pressed={word === entry.word}
                    aria-label={`${entry.word}: ${plural(entry.count, "time")} in ${plural(entry.texts, data.scope.description.includes("passage") ? "passage" : "source")}`}
                    onClick={() => setWord(entry.word)}
                  >
                    <span className="q-word">{entry.word}</span>
                    <span className="q-bar-track" aria-hidden="true">
                      <span
                        className="q-bar"
                        style={{ width: `${most > 0 ? (100 * entry.count) / most : 0}%` }}
                      />
                    </span>
                    <span className="q-count">{entry.count}</span>
                  </button>
                </li>
              ))}
            </ol>
          )}
        </ChartFrame>
      </div>

      <section className="q-kwic" aria-label="Keyword in context">
        <form className="q-kwic-find" onSubmit={lookUp}>
          <label htmlFor={typedId}>Keyword in context for</label>
          <input
            id={typedId}
            value={typed}
            placeholder="any word"
            onChange={(event) => setTyped(event.target.value)}
          />
          <button type="submit" className="small" disabled={!typed.trim() || selection === null}>
            Show
          </button>
        </form>
        {!word && <p className="q-hint">Choose a word in the chart, or type one.</p>}
        {word && (
          <>
            <h3>“{word}” in context</h3>
            {kwic.isError && <p role="alert">{kwic.error.message}</p>}
            {kwic.data && (
              <p className="result-count" role="status">
                {plural(kwic.data.total, "occurrence")} in {kwic.data.scope.description}
                {kwic.data.total > kwic.data.lines.length
                  ? ` (the first ${kwic.data.lines.length} shown)`
                  : ""}
              </p>
            )}
            <ol className="q-kwic-lines" aria-label={`Occurrences of ${word}`}>
              {(kwic.data?.lines ?? []).map((line) => (
                <li key={`${line.sourceId}:${line.start}`}>
                  <button
                    type="button"
                    className="kwic-line"
                    onClick={() => openSource(line.sourceId, { start: line.start, end: line.end })}
                  >
                    <span className="q-kwic-source">{line.sourceTitle}</span>
                    <span className="kwic-before">{line.before}</span>
                    <mark>{line.match}</mark>
                    <span className="kwic-after">{line.after}</span>
                  </button>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
    </div>
  );
}
