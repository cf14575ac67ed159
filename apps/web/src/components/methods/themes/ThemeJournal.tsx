/**
 * The reflexive journal beside the themes (RTA-4): dated entries and memos linked to the selected
 * theme (and to its codes) or the selected code, and a form to write a journal entry linked to it,
 * with prompts on positionality, assumptions and decisions.
 */
import { useState } from "react";
import { createMemo } from "../../../api/client.js";
import { useMemos } from "../../../api/queries.js";
import { memosLinkedTo, useThemesMutation } from "../../../api/themes.js";
import type { MemoView } from "../../../api/types.js";

export interface JournalTarget {
  type: "theme" | "code";
  id: string;
  name: string;
  /** For a theme: its codes, whose memos are shown too. */
  codeIds: readonly string[];
}

const PROMPTS = [
  "What do I bring to this theme: my position, my experience?",
  "Which assumption is this theme resting on?",
  "What did I decide here, and why?",
];

const KIND_LABELS: Record<string, string> = {
  reflexive_journal: "Journal",
  analytic: "Analytic memo",
  familiarisation: "Familiarisation",
  decision: "Decision",
  field_note: "Field note",
};

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function ThemeJournal({
  projectKey,
  target,
}: {
  projectKey: string;
  target: JournalTarget | null;
}) {
  const memos = useMemos(projectKey);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const add = useThemesMutation(
    projectKey,
    (key, memo: Pick<MemoView, "kind" | "title" | "body" | "targetType" | "targetId">) =>
      createMemo(key, memo),
    { memos: true },
  );

  if (!target)
    return (
      <section className="theme-journal" aria-labelledby="journal-heading">
        <h2 id="journal-heading">Reflexive journal</h2>
        <p className="muted">Pick a theme or a code on the map to read and write its journal.</p>
      </section>
    );

  const linked = memosLinkedTo(memos.data ?? [], {
    themeId: target.type === "theme" ? target.id : null,
    codeIds: target.type === "theme" ? target.codeIds : [target.id],
  });

  return (
    <section className="theme-journal" aria-labelledby="journal-heading">
      <h2 id="journal-heading">
        Reflexive journal <span className="muted">· {target.name}</span>
      </h2>
      <form
        className="journal-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (body.trim() === "") return;
          add.mutate(
            {
              kind: "reflexive_journal",
              title: title.trim(),
              body: body.trim(),
              targetType: target.type,
              targetId: target.id,
            },
            {
              onSuccess: () => {
                setTitle("");
                setBody("");
              },
            },
          );
        }}
      >
        <label>
          Title <span className="muted">(optional)</span>
          <input value={title} onChange={(event) => setTitle(event.target.value)} />
        </label>
        <label>
          New journal entry on {target.name}
          <textarea
            rows={4}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            aria-describedby="journal-prompts"
          />
        </label>
        <ul id="journal-prompts" className="journal-prompts">
          {PROMPTS.map((prompt) => (
            <li key={prompt}>{prompt}</li>
          ))}
        </ul>
        {add.isError && (
          <p role="alert" className="themes-error">
            {add.error.message}
          </p>
        )}
        <button type="submit" disabled={add.isPending || body.trim() === ""}>
          Add journal entry
        </button>
      </form>
      {memos.isError && <p role="alert">{memos.error.message}</p>}
      {linked.length === 0 ? (
        <p className="muted">Nothing written about {target.name} yet.</p>
      ) : (
        <ol className="journal-entries" aria-label={`Journal and memos on ${target.name}`}>
          {linked.map((memo) => (
            <li key={memo.id} className={`journal-entry kind-${memo.kind}`}>
              <p className="journal-meta muted">
                <time dateTime={memo.createdAt}>{when(memo.createdAt)}</time> ·{" "}
                {KIND_LABELS[memo.kind] ?? memo.kind} · {memo.author}
                {memo.targetType === "code" && target.type === "theme" ? " · on a code" : ""}
              </p>
              {memo.title && <p className="journal-title">{memo.title}</p>}
              <p className="journal-body">{memo.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
