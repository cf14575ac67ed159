/**
 * Memos and the reflexive journal: write a memo about the project, the open source, its case or a
 * code; read and edit earlier ones. Journal entries are project memos of kind `reflexive_journal`.
 */
import { MEMO_KINDS, type MemoKind, type MemoTarget } from "@quire/core";
import { useState } from "react";
import { createMemo, deleteMemo, updateMemo } from "../api/client.js";
import { useCodes, useMemos, useProjectMutation, useSource } from "../api/queries.js";
import type { MemoView } from "../api/types.js";
import { toast, useUi } from "../state/ui-store.js";

const KIND_LABELS: Record<MemoKind, string> = {
  familiarisation: "Familiarisation",
  analytic: "Analytic memo",
  reflexive_journal: "Reflexive journal",
  decision: "Decision",
  field_note: "Field note",
};

type Filter = "all" | "journal" | "here";

export function MemosPanel() {
  const projectKey = useUi((ui) => ui.projectKey);
  const sourceId = useUi((ui) => ui.sourceId);
  const pickedCodeIds = useUi((ui) => ui.selectedCodeIds);
  const memos = useMemos(projectKey);
  const codes = useCodes(projectKey);
  const source = useSource(projectKey, sourceId);
  const [filter, setFilter] = useState<Filter>("all");
  const [writing, setWriting] = useState(false);
  const codeName = (id: string | null) => codes.data?.find((code) => code.id === id)?.name;
  const caseId = source.data?.source.caseId ?? null;

  const targets: { value: string; label: string; type: MemoTarget; id: string | null }[] = [
    { value: "project", label: "The project", type: "project", id: null },
    ...(sourceId && source.data
      ? [
          {
            value: `source:${sourceId}`,
            label: `Source: ${source.data.source.title}`,
            type: "source" as const,
            id: sourceId,
          },
        ]
      : []),
    ...(caseId
      ? [
          {
            value: `case:${caseId}`,
            label: "This source's case",
            type: "case" as const,
            id: caseId,
          },
        ]
      : []),
    ...pickedCodeIds.map((id) => ({
      value: `code:${id}`,
      label: `Code: ${codeName(id) ?? id}`,
      type: "code" as const,
      id,
    })),
  ];

  const list = (memos.data ?? [])
    .filter((memo) =>
      filter === "journal"
        ? memo.kind === "reflexive_journal"
        : filter === "here"
          ? (memo.targetType === "source" && memo.targetId === sourceId) ||
            (memo.targetType === "case" && memo.targetId === caseId) ||
            (memo.targetType === "code" &&
              memo.targetId !== null &&
              pickedCodeIds.includes(memo.targetId))
          : true,
    )
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

  const about = (memo: MemoView) => {
    if (memo.targetType === "project") return "Project";
    if (memo.targetType === "code") return `Code: ${codeName(memo.targetId) ?? "removed code"}`;
    if (memo.targetType === "source")
      return memo.targetId === sourceId ? "This source" : "A source";
    return memo.targetType === "case" ? "A case" : "A coding";
  };

  return (
    <div className="memos">
      <div className="panel-toolbar">
        <fieldset className="segmented">
          <legend className="visually-hidden">Show</legend>
          {(["all", "journal", "here"] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="memo-filter"
                checked={filter === value}
                onChange={() => setFilter(value)}
              />
              <span>
                {value === "all" ? "All" : value === "journal" ? "Journal" : "About this"}
              </span>
            </label>
          ))}
        </fieldset>
        <button type="button" className="primary small" onClick={() => setWriting(true)}>
          New memo
        </button>
      </div>
      {writing && (
        <MemoForm
          targets={targets}
          initialKind={filter === "journal" ? "reflexive_journal" : "analytic"}
          onDone={() => setWriting(false)}
        />
      )}
      {memos.isSuccess && list.length === 0 && !writing && (
        <p className="panel-empty muted">No memos yet. Memos keep the thinking behind the codes.</p>
      )}
      <ol className="memo-list">
        {list.map((memo) => (
          <MemoItem key={memo.id} memo={memo} about={about(memo)} />
        ))}
      </ol>
    </div>
  );
}

function MemoForm(props: {
  targets: { value: string; label: string; type: MemoTarget; id: string | null }[];
  initialKind: MemoKind;
  onDone: () => void;
}) {
  const projectKey = useUi((ui) => ui.projectKey);
  const [kind, setKind] = useState<MemoKind>(props.initialKind);
  const [target, setTarget] = useState(props.targets[1]?.value ?? "project");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const create = useProjectMutation(projectKey, (key, _: undefined) => {
    const chosen =
      props.targets.find((candidate) => candidate.value === target) ?? props.targets[0];
    return createMemo(key, {
      kind,
      title,
      body,
      targetType: kind === "reflexive_journal" ? "project" : (chosen?.type ?? "project"),
      targetId: kind === "reflexive_journal" ? null : (chosen?.id ?? null),
    });
  });
  return (
    <form
      className="form memo-form"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(undefined, {
          onSuccess: props.onDone,
          onError: (error) => toast(error.message, "error"),
        });
      }}
    >
      <div className="filter-row">
        <label>
          Kind
          <select value={kind} onChange={(event) => setKind(event.target.value as MemoKind)}>
            {MEMO_KINDS.map((value) => (
              <option key={value} value={value}>
                {KIND_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        {kind !== "reflexive_journal" && (
          <label>
            About
            <select value={target} onChange={(event) => setTarget(event.target.value)}>
              {props.targets.map((candidate) => (
                <option key={candidate.value} value={candidate.value}>
                  {candidate.label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <label>
        Title
        <input value={title} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <label>
        Memo
        <textarea rows={6} value={body} onChange={(event) => setBody(event.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!body.trim() && !title.trim()}>
          Save memo
        </button>
        <button type="button" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function MemoItem({ memo, about }: { memo: MemoView; about: string }) {
  const projectKey = useUi((ui) => ui.projectKey);
  const [editing, setEditing] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const [title, setTitle] = useState(memo.title);
  const [body, setBody] = useState(memo.body);
  const save = useProjectMutation(projectKey, (key, _: undefined) =>
    updateMemo(key, memo.id, { title, body }),
  );
  // No confirmation: like every change, a deletion is one Ctrl+Z away, and the toast says so.
  const remove = useProjectMutation(projectKey, (key, _: undefined) => deleteMemo(key, memo.id));
  if (editing)
    return (
      <li className="memo editing">
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(undefined, {
              onSuccess: () => setEditing(false),
              onError: (error) => toast(error.message, "error"),
            });
          }}
        >
          <label>
            Title
            <input value={title} onChange={(event) => setTitle(event.target.value)} />
          </label>
          <label>
            Memo
            <textarea rows={8} value={body} onChange={(event) => setBody(event.target.value)} />
          </label>
          <div className="form-actions">
            <button type="submit" className="primary">
              Save
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  return (
    <li className="memo">
      <header>
        <span className={`memo-kind kind-${memo.kind}`}>{KIND_LABELS[memo.kind]}</span>
        <span className="muted small">
          {about} · {memo.author} · {new Date(memo.updatedAt).toLocaleDateString()}
          {memo.version > 1 && ` · v${memo.version}`}
        </span>
      </header>
      {memo.title && <h3>{memo.title}</h3>}
      <p className={expanded ? "memo-body" : "memo-body clamped"}>{memo.body}</p>
      {memo.body.length > 420 && (
        <button
          type="button"
          className="ghost small"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? "Show less" : "Show all"}
        </button>
      )}
      <button
        type="button"
        className="ghost small"
        onClick={() => {
          setTitle(memo.title);
          setBody(memo.body);
          setEditing(true);
        }}
      >
        Edit
      </button>
      <button
        type="button"
        className="ghost small"
        aria-label={`Delete memo${memo.title ? ` "${memo.title}"` : ""}`}
        onClick={() =>
          remove.mutate(undefined, {
            onSuccess: () => toast("Memo deleted. Undo (Ctrl+Z) brings it back."),
            onError: (error) => toast(error.message, "error"),
          })
        }
      >
        Delete
      </button>
    </li>
  );
}
