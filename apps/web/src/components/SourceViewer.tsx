/**
 * The source viewer: the transcript on CodeMirror 6, read-only until the researcher chooses to edit
 * it. Codings are painted from the field in `editor/codings-field.ts`, stripes from
 * `editor/stripes.ts`; this component only feeds them the server's data and wires the keys.
 */
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useCases, useCodes, useSource } from "../api/queries.js";
import type { CodeNode, SourceDetailView } from "../api/types.js";
import {
  type CodingMark,
  codingsAt,
  codingsField,
  reconcileCodings,
  selectCoding,
  selectedCodingField,
  selectedCodingHighlight,
  setCodings,
} from "../editor/codings-field.js";
import { codingStripes } from "../editor/stripes.js";
import { viewerTheme } from "../editor/theme.js";
import { setTurns, turnsField } from "../editor/turns.js";
import {
  getActiveViewer,
  type SaveState,
  setActiveViewer,
  ViewerController,
} from "../editor/viewer-controller.js";
import { getUi, setUi, useUi } from "../state/ui-store.js";

declare global {
  interface Window {
    /** `performance.now()` when the viewer last painted a newly opened source (for measurements). */
    __quireViewerReady?: number;
  }
}

function marksFor(detail: SourceDetailView, codes: Map<string, CodeNode>): CodingMark[] {
  return detail.codings
    .filter((coding) => coding.status !== "orphaned" && coding.start < coding.end)
    .map((coding) => {
      const code = codes.get(coding.codeId);
      return {
        codingId: coding.id,
        codeId: coding.codeId,
        codeName: code?.path ?? coding.codeName ?? "Unknown code",
        color: code?.color ?? coding.color ?? "#888888",
        from: coding.start,
        to: coding.end,
      };
    });
}

const editable = new Compartment();

function readOnlyExtensions(isEditing: boolean): Extension {
  return [
    EditorState.readOnly.of(!isEditing),
    EditorView.editorAttributes.of({ class: isEditing ? "quire-editing" : "" }),
  ];
}

/** Keys that act on the selection while reading; while editing, letters type. */
function codingKeys(): Extension {
  const reading = (run: () => void) => () => {
    const viewer = getActiveViewer();
    if (!viewer || viewer.editing) return false;
    run();
    return true;
  };
  const digits = Array.from({ length: 9 }, (_, index) => ({
    key: String(index + 1),
    run: reading(() => {
      const codeId = getUi().recentCodeIds[index];
      if (codeId) void getActiveViewer()?.applyCode(codeId);
    }),
  }));
  return keymap.of([
    {
      key: "Mod-k",
      run: () => {
        setUi({ paletteOpen: true, paletteScope: "selection" });
        return true;
      },
    },
    { key: "c", run: reading(() => setUi({ paletteOpen: true, paletteScope: "selection" })) },
    { key: "t", run: reading(() => setUi({ paletteOpen: true, paletteScope: "turn" })) },
    { key: "v", run: reading(() => void getActiveViewer()?.codeInVivo()) },
    { key: "Escape", run: reading(() => setUi({ selectedCodingId: null })) },
    ...digits,
  ]);
}

export function SourceViewer() {
  const projectKey = useUi((ui) => ui.projectKey);
  const sourceId = useUi((ui) => ui.sourceId);
  const focus = useUi((ui) => ui.focus);
  const selectedCodingId = useUi((ui) => ui.selectedCodingId);
  const source = useSource(projectKey, sourceId);
  const codes = useCodes(projectKey);
  const cases = useCases(projectKey);
  const client = useQueryClient();
  const host = useRef<HTMLDivElement>(null);
  const controller = useRef<ViewerController | null>(null);
  const shownSource = useRef<string | null>(null);
  const jumped = useRef<number | null>(null);
  const [isEditing, setEditing] = useState(false);
  const [saveState, setSaveState] = useState<SaveState | null>(null);

  const codeMap = useMemo(
    () => new Map((codes.data ?? []).map((code) => [code.id, code])),
    [codes.data],
  );

  // The editor is made once and lives as long as the component.
  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({ doc: "" }),
    });
    const made = new ViewerController(view, client, {
      projectKey: "",
      sourceId: "",
      revisionId: "",
      turns: [],
      codes: new Map(),
    });
    controller.current = made;
    setActiveViewer(made);
    const stop = made.onSaveState(setSaveState);
    return () => {
      stop();
      setActiveViewer(null);
      view.destroy();
      controller.current = null;
    };
  }, [client]);

  // Feeds the server's data to the editor: a new source replaces the state, a refreshed one is
  // reconciled (only what changed is repainted).
  useEffect(() => {
    const ctl = controller.current;
    const detail = source.data;
    if (!ctl || !detail || !projectKey || detail.source.id !== sourceId) return;
    if (shownSource.current === detail.source.id && ctl.isStale(detail.revision.id)) return;
    ctl.context = {
      projectKey,
      sourceId: detail.source.id,
      revisionId: ctl.dirty ? ctl.context.revisionId : detail.revision.id,
      turns: detail.turns,
      codes: codeMap,
    };
    const marks = marksFor(detail, codeMap);
    const view = ctl.view;
    const sameSource = shownSource.current === detail.source.id;
    if (sameSource && ctl.dirty) return;
    if (sameSource && !ctl.forceReload && view.state.doc.toString() === detail.revision.text) {
      const effects = reconcileCodings(view.state, marks);
      effects.push(setTurns.of(detail.turns));
      view.dispatch({ effects });
      return;
    }
    ctl.forceReload = false;
    const keepScroll = sameSource ? view.scrollDOM.scrollTop : 0;
    view.setState(
      EditorState.create({
        doc: detail.revision.text,
        extensions: viewerExtensions(ctl),
      }),
    );
    view.dispatch({
      effects: [
        setCodings.of(marks),
        setTurns.of(detail.turns),
        selectCoding.of(getUi().selectedCodingId),
      ],
    });
    view.scrollDOM.scrollTop = keepScroll;
    shownSource.current = detail.source.id;
    requestAnimationFrame(() => {
      window.__quireViewerReady = performance.now();
    });
  }, [source.data, codeMap, projectKey, sourceId]);

  // Leaving a source ends editing.
  useEffect(() => {
    if (sourceId !== shownSource.current && controller.current?.editing) {
      void controller.current.flush();
      setEditing(false);
    }
  }, [sourceId]);

  useEffect(() => {
    const ctl = controller.current;
    if (!ctl) return;
    ctl.editing = isEditing;
    ctl.view.dispatch({ effects: editable.reconfigure(readOnlyExtensions(isEditing)) });
    if (isEditing) ctl.view.focus();
  }, [isEditing]);

  // Jumps to a passage opened from retrieval, search or the orphans list, once its source is shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: source.data is the signal that the source is now shown
  useEffect(() => {
    const view = controller.current?.view;
    if (!view || !focus || focus.sourceId !== sourceId || shownSource.current !== sourceId) return;
    // Once per jump: later refreshes of the source must not pull the selection back.
    if (jumped.current === focus.nonce) return;
    jumped.current = focus.nonce;
    const length = view.state.doc.length;
    const anchor = Math.min(focus.start, length);
    const head = Math.min(focus.end, length);
    view.dispatch({
      selection: { anchor, head },
      effects: EditorView.scrollIntoView(anchor, { y: "center" }),
    });
    view.focus();
  }, [focus, sourceId, source.data]);

  useEffect(() => {
    const view = controller.current?.view;
    if (view && view.state.field(selectedCodingField, false) !== selectedCodingId)
      view.dispatch({ effects: selectCoding.of(selectedCodingId) });
  }, [selectedCodingId]);

  const detail = source.data?.source.id === sourceId ? source.data : undefined;
  const caseOfSource = cases.data?.find((candidate) => candidate.id === detail?.source.caseId);
  const caseLine = caseOfSource
    ? [
        caseOfSource.name !== detail?.source.title ? caseOfSource.name : null,
        ...Object.entries(caseOfSource.attributes).map(
          ([name, value]) => `${name}: ${String(value)}`,
        ),
      ]
        .filter(Boolean)
        .join(", ")
    : null;
  const words = useMemo(
    () => (detail ? (detail.revision.text.match(/\S+/g)?.length ?? 0) : 0),
    [detail],
  );

  return (
    <section className="viewer" aria-label="Source viewer">
      {detail ? (
        <header className="viewer-header">
          <div className="viewer-title">
            <h1>{detail.source.title}</h1>
            <p className="muted" title={caseLine ?? undefined}>
              {[
                caseLine,
                detail.source.kind.replace("_", " "),
                `${words.toLocaleString()} words`,
                `${detail.codings.length} codings`,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
          </div>
          <div className="viewer-actions">
            {!isEditing && (
              <>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => setUi({ paletteOpen: true, paletteScope: "selection" })}
                  title="Code the selection (C or Ctrl+K)"
                >
                  Code <kbd>C</kbd>
                </button>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => setUi({ paletteOpen: true, paletteScope: "turn" })}
                  title="Code the whole turn at the cursor (T)"
                >
                  Turn <kbd>T</kbd>
                </button>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => void controller.current?.codeInVivo()}
                  title="Make the selected words a new code (V)"
                >
                  In vivo <kbd>V</kbd>
                </button>
              </>
            )}
            {isEditing && (
              <span className="save-state" role="status">
                {saveState === "saving" || saveState === "pending"
                  ? "Saving…"
                  : saveState === "failed"
                    ? "Not saved"
                    : "All changes saved"}
              </span>
            )}
            <button
              type="button"
              className={isEditing ? "primary" : ""}
              aria-pressed={isEditing}
              onClick={() => {
                // Read-only at once, so a key pressed next cannot change the text; the last edit
                // is still sent.
                setEditing(!isEditing);
                if (isEditing) void controller.current?.flush();
              }}
            >
              {isEditing ? "Done editing" : "Edit text"}
            </button>
          </div>
        </header>
      ) : null}
      {!sourceId && <EmptyViewer />}
      {sourceId && source.isError && (
        <p className="viewer-message" role="alert">
          This source could not be opened: {source.error.message}
        </p>
      )}
      <div ref={host} className="viewer-editor" data-testid="source-viewer" hidden={!detail} />
    </section>
  );
}

function viewerExtensions(ctl: ViewerController): Extension[] {
  return [
    viewerTheme,
    EditorView.lineWrapping,
    // An explicit tab stop: the scroller must be reachable by keyboard even while the text is read-only.
    EditorView.contentAttributes.of({
      "aria-label": "Transcript text",
      "aria-multiline": "true",
      tabindex: "0",
    }),
    editable.of(readOnlyExtensions(ctl.editing)),
    codingsField,
    selectedCodingField,
    selectedCodingHighlight,
    turnsField,
    codingStripes((codingId) => setUi({ selectedCodingId: codingId, sideTab: "coding" })),
    codingKeys(),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && ctl.editing) ctl.noteChanges(update.changes);
      if (update.selectionSet) {
        const { from, to, head } = update.state.selection.main;
        setUi({ cursor: { from, to, head } });
      }
    }),
    EditorView.domEventHandlers({
      click(_event, view) {
        const head = view.state.selection.main;
        if (!head.empty || ctl.editing) return false;
        const here = codingsAt(view.state, head.head);
        const first = here[0];
        if (first) setUi({ selectedCodingId: first.codingId });
        return false;
      },
    }),
  ];
}

function EmptyViewer() {
  return (
    <div className="viewer-empty">
      <h2>Open a source to start coding</h2>
      <p>
        Pick a transcript from the list on the left, or import files with <strong>Import</strong>.
        Select a passage and press <kbd>C</kbd> to code it.
      </p>
    </div>
  );
}
