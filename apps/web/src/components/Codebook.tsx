/**
 * The codebook as a tree: click a code to retrieve its passages (Ctrl/⌘-click to add more), drag a
 * code onto another to move it (or onto the heading to make it top-level), F2 or double-click to
 * rename, and E or right-click for colour, description, merge and delete. Keyboard: arrows walk
 * and fold the tree as in any file tree.
 */
import { paletteColor } from "@quire/core";
import { useMemo, useRef, useState } from "react";
import { createCode, updateCode } from "../api/client.js";
import { useCodes, useProjectMutation } from "../api/queries.js";
import { canMove, type TreeRow, visibleRows } from "../state/code-tree.js";
import { setUi, toast, useUi } from "../state/ui-store.js";
import { CodeSwatch } from "./CodeSwatch.js";

export function Codebook() {
  const projectKey = useUi((ui) => ui.projectKey);
  const selected = useUi((ui) => ui.selectedCodeIds);
  const codes = useCodes(projectKey);
  const all = codes.data ?? [];
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [focusId, setFocusId] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const treeRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => visibleRows(all, collapsed), [all, collapsed]);

  const move = useProjectMutation(
    projectKey,
    (key, vars: { id: string; parentId: string | null }) =>
      updateCode(key, vars.id, { parentId: vars.parentId }),
  );
  const rename = useProjectMutation(projectKey, (key, vars: { id: string; name: string }) =>
    updateCode(key, vars.id, { name: vars.name }),
  );
  const create = useProjectMutation(projectKey, (key, name: string) =>
    createCode(key, { name, color: paletteColor(all.length) }),
  );

  const pick = (id: string, additive: boolean) => {
    setFocusId(id);
    setUi((ui) => ({
      sideTab: "retrieve",
      selectedCodeIds: additive
        ? ui.selectedCodeIds.includes(id)
          ? ui.selectedCodeIds.filter((other) => other !== id)
          : [...ui.selectedCodeIds, id]
        : [id],
    }));
  };

  const focusRow = (id: string | undefined) => {
    if (!id) return;
    setFocusId(id);
    requestAnimationFrame(() =>
      treeRef.current?.querySelector<HTMLElement>(`[data-code="${id}"]`)?.focus(),
    );
  };

  const toggle = (id: string, open?: boolean) =>
    setCollapsed((current) => {
      const next = new Set(current);
      const isOpen = !next.has(id);
      if (open ?? !isOpen) next.delete(id);
      else next.add(id);
      return next;
    });

  const onKeyDown = (event: React.KeyboardEvent, row: TreeRow, index: number) => {
    if (renaming) return;
    const { code } = row;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        focusRow(rows[index + 1]?.code.id);
        break;
      case "ArrowUp":
        event.preventDefault();
        focusRow(rows[index - 1]?.code.id);
        break;
      case "ArrowRight":
        event.preventDefault();
        if (row.hasChildren && collapsed.has(code.id)) toggle(code.id, true);
        else
          focusRow(rows[index + 1]?.depth === row.depth + 1 ? rows[index + 1]?.code.id : undefined);
        break;
      case "ArrowLeft":
        event.preventDefault();
        if (row.hasChildren && !collapsed.has(code.id)) toggle(code.id, false);
        else focusRow(code.parentId ?? undefined);
        break;
      case "Enter":
      case " ":
        event.preventDefault();
        pick(code.id, event.ctrlKey || event.metaKey || event.shiftKey);
        break;
      case "F2":
        event.preventDefault();
        setRenaming(code.id);
        break;
      case "e":
      case "E":
        event.preventDefault();
        setUi({ editingCodeId: code.id });
        break;
    }
  };

  return (
    <section className="codebook" aria-labelledby="codebook-h">
      {/* Dropping a code on the heading makes it top-level; "Sits under" in its dialog does it by keyboard. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target, not a control */}
      <header
        className={dropTarget === "root" ? "pane-header drop-root" : "pane-header"}
        onDragOver={(event) => {
          if (!dragging) return;
          event.preventDefault();
          setDropTarget("root");
        }}
        onDragLeave={() => setDropTarget(null)}
        onDrop={(event) => {
          event.preventDefault();
          if (dragging) move.mutate({ id: dragging, parentId: null });
          setDragging(null);
          setDropTarget(null);
        }}
      >
        <h2 id="codebook-h">
          Codebook <span className="count">{all.length}</span>
        </h2>
        <button
          type="button"
          className="ghost small"
          onClick={() => setAdding(true)}
          aria-label="New code"
        >
          + Code
        </button>
      </header>
      {adding && (
        <NameInput
          label="Name of the new code"
          initial=""
          onDone={(name) => {
            setAdding(false);
            if (name)
              create.mutate(name, {
                onError: (error) => toast(error.message, "error"),
              });
          }}
        />
      )}
      {selected.length > 1 && <p className="hint">{selected.length} codes picked · see Retrieve</p>}
      <div
        ref={treeRef}
        className="tree"
        role="tree"
        aria-label="Codes"
        aria-multiselectable="true"
      >
        {rows.map((row, index) => {
          const { code } = row;
          const isSelected = selected.includes(code.id);
          const tabbable = (focusId ?? rows[0]?.code.id) === code.id;
          return (
            <div
              key={code.id}
              role="treeitem"
              aria-level={row.depth + 1}
              aria-selected={isSelected}
              aria-expanded={row.hasChildren ? !collapsed.has(code.id) : undefined}
              aria-label={`${code.name}, ${code.codingCount} codings in ${code.sourceCount} sources`}
              data-code={code.id}
              tabIndex={tabbable ? 0 : -1}
              className={[
                "tree-row",
                isSelected ? "selected" : "",
                dropTarget === code.id ? "drop" : "",
                dragging === code.id ? "dragging" : "",
              ].join(" ")}
              style={{ paddingLeft: 8 + row.depth * 16 }}
              draggable={renaming !== code.id}
              onDragStart={(event) => {
                event.dataTransfer.setData("text/plain", code.id);
                event.dataTransfer.effectAllowed = "move";
                setDragging(code.id);
              }}
              onDragEnd={() => {
                setDragging(null);
                setDropTarget(null);
              }}
              onDragOver={(event) => {
                if (!dragging || !canMove(all, dragging, code.id) || dragging === code.id) return;
                event.preventDefault();
                event.stopPropagation();
                setDropTarget(code.id);
              }}
              onDrop={(event) => {
                event.preventDefault();
                event.stopPropagation();
                if (dragging && canMove(all, dragging, code.id) && dragging !== code.id)
                  move.mutate(
                    { id: dragging, parentId: code.id },
                    { onError: (error) => toast(error.message, "error") },
                  );
                setDragging(null);
                setDropTarget(null);
              }}
              onClick={(event) => pick(code.id, event.ctrlKey || event.metaKey || event.shiftKey)}
              onDoubleClick={() => setRenaming(code.id)}
              onContextMenu={(event) => {
                event.preventDefault();
                setUi({ editingCodeId: code.id });
              }}
              onKeyDown={(event) => onKeyDown(event, row, index)}
            >
              <span
                className={row.hasChildren ? "twisty" : "twisty none"}
                aria-hidden="true"
                onClick={(event) => {
                  event.stopPropagation();
                  toggle(code.id);
                }}
              >
                {row.hasChildren ? (collapsed.has(code.id) ? "▸" : "▾") : ""}
              </span>
              <CodeSwatch color={code.color} />
              {renaming === code.id ? (
                <NameInput
                  label={`New name for ${code.name}`}
                  initial={code.name}
                  onDone={(name) => {
                    setRenaming(null);
                    focusRow(code.id);
                    if (name && name !== code.name)
                      rename.mutate(
                        { id: code.id, name },
                        { onError: (error) => toast(error.message, "error") },
                      );
                  }}
                />
              ) : (
                <span className="tree-name" title={code.description.definition ?? code.path}>
                  {code.name}
                </span>
              )}
              <span
                className="tree-counts"
                aria-hidden="true"
                title={`${code.codingCount} codings in ${code.sourceCount} sources`}
              >
                {code.codingCount}
                <span className="muted"> / {code.sourceCount}</span>
              </span>
            </div>
          );
        })}
      </div>
      {codes.isSuccess && all.length === 0 && !adding && (
        <p className="empty-note">
          No codes yet. Select text and press C to create one as you code.
        </p>
      )}
      <p className="tree-legend muted">
        codings / sources · drag to nest · F2 rename · E or right-click to edit
      </p>
    </section>
  );
}

function NameInput(props: {
  label: string;
  initial: string;
  onDone: (name: string | null) => void;
}) {
  const [value, setValue] = useState(props.initial);
  const done = useRef(false);
  const finish = (name: string | null) => {
    if (done.current) return;
    done.current = true;
    props.onDone(name?.trim() || null);
  };
  return (
    <input
      className="inline-input"
      aria-label={props.label}
      // biome-ignore lint/a11y/noAutofocus: the input appears because the user asked to type a name
      autoFocus
      value={value}
      onClick={(event) => event.stopPropagation()}
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => finish(value)}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === "Enter") finish(value);
        if (event.key === "Escape") finish(null);
      }}
    />
  );
}
