/**
 * The quick-code palette (Ctrl/⌘+K or C in the viewer): type to filter the codebook or to name a new
 * code, ↑↓ to choose, Enter to apply to the selection, or to the whole turn when opened with T.
 * An ARIA combobox over a listbox, so a screen reader follows the active option.
 */
import { paletteColor } from "@quire/core";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { createCode } from "../api/client.js";
import { useCodes } from "../api/queries.js";
import { getActiveViewer, messageOf } from "../editor/viewer-controller.js";
import { type PaletteItem, paletteItems } from "../state/palette-items.js";
import { setUi, toast, useUi } from "../state/ui-store.js";
import { CodeSwatch } from "./CodeSwatch.js";
import { Dialog } from "./Dialog.js";

export function QuickCodePalette() {
  const open = useUi((ui) => ui.paletteOpen);
  const scope = useUi((ui) => ui.paletteScope);
  const projectKey = useUi((ui) => ui.projectKey);
  const recent = useUi((ui) => ui.recentCodeIds);
  const cursor = useUi((ui) => ui.cursor);
  const codes = useCodes(projectKey);
  const [typed, setTyped] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const hasSelection = cursor !== null && cursor.from !== cursor.to;

  const items = useMemo(
    () =>
      paletteItems(codes.data ?? [], recent, typed, {
        hasSelection: hasSelection && scope === "selection",
      }),
    [codes.data, recent, typed, hasSelection, scope],
  );

  // Cleared on close, not on open: on a slow machine keys typed as the palette opens would
  // otherwise land before the reset and be appended to the last query.
  useEffect(() => {
    if (!open) {
      setTyped("");
      setActive(0);
    }
  }, [open]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: typing starts the choice again at the best match
  useEffect(() => setActive(0), [typed]);
  useEffect(() => {
    listRef.current
      ?.querySelector(`[data-index="${active}"]`)
      ?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const close = () => {
    setUi({ paletteOpen: false });
    requestAnimationFrame(() => getActiveViewer()?.view.focus());
  };

  const choose = async (item: PaletteItem | undefined) => {
    const viewer = getActiveViewer();
    if (!item || !viewer || !projectKey) return;
    close();
    if (item.kind === "in-vivo") {
      await viewer.codeInVivo();
      return;
    }
    let codeId: string;
    if (item.kind === "create") {
      try {
        const made = await createCode(projectKey, {
          name: item.name,
          color: paletteColor(codes.data?.length ?? 0),
        });
        viewer.context.codes.set(made.id, made);
        codeId = made.id;
      } catch (error) {
        toast(messageOf(error), "error");
        return;
      }
    } else codeId = item.code.id;
    if (scope === "turn") await viewer.codeTurn(codeId);
    else await viewer.applyCode(codeId);
  };

  const target =
    scope === "turn"
      ? "the whole turn at the cursor"
      : hasSelection
        ? "the selected passage"
        : "— select some text first";

  return (
    <Dialog title="Apply a code" open={open} onClose={close} className="palette">
      <p className="palette-target muted">To {target}</p>
      <input
        data-autofocus
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={items.length > 0 ? `${listId}-${active}` : undefined}
        aria-label="Find or create a code"
        placeholder="Find or create a code…"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setActive((index) => Math.min(items.length - 1, index + 1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive((index) => Math.max(0, index - 1));
          } else if (event.key === "Enter") {
            event.preventDefault();
            void choose(items[active]);
          } else if (typed === "" && /^[1-9]$/.test(event.key)) {
            const index = Number(event.key) - 1;
            const item = items.find(
              (candidate) => candidate.kind === "code" && candidate.recentIndex === index,
            );
            if (item) {
              event.preventDefault();
              void choose(item);
            }
          }
        }}
      />
      <div id={listId} ref={listRef} role="listbox" aria-label="Codes" className="palette-list">
        {items.map((item, index) => (
          <div
            key={item.kind === "code" ? item.code.id : item.kind}
            tabIndex={-1}
            id={`${listId}-${index}`}
            data-index={index}
            role="option"
            aria-selected={index === active}
            className={index === active ? "active" : undefined}
            onMouseMove={() => setActive(index)}
            onMouseDown={(event) => {
              event.preventDefault();
              void choose(item);
            }}
          >
            <PaletteRow item={item} />
          </div>
        ))}
        {items.length === 0 && (
          <p className="muted palette-empty">No codes yet: type a name to create one.</p>
        )}
      </div>
      <p className="palette-help muted">
        <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> apply · <kbd>1</kbd>–<kbd>9</kbd> recent
        codes · <kbd>Esc</kbd> close
      </p>
    </Dialog>
  );
}

function PaletteRow({ item }: { item: PaletteItem }) {
  if (item.kind === "create")
    return (
      <span className="palette-row">
        <span className="palette-plus" aria-hidden="true">
          +
        </span>
        <span>
          Create code <strong>“{item.name}”</strong> and apply it
        </span>
      </span>
    );
  if (item.kind === "in-vivo")
    return (
      <span className="palette-row">
        <span className="palette-plus" aria-hidden="true">
          ❝
        </span>
        <span>Code in vivo: the selected words become a new code</span>
      </span>
    );
  const { code, recentIndex } = item;
  const parent = code.path.includes(" / ") ? code.path.slice(0, code.path.lastIndexOf(" / ")) : "";
  return (
    <span className="palette-row">
      <CodeSwatch color={code.color} />
      <span className="palette-name">
        {code.name}
        {parent && <span className="muted"> · {parent}</span>}
      </span>
      {recentIndex !== null && <kbd className="palette-key">{recentIndex + 1}</kbd>}
    </span>
  );
}
