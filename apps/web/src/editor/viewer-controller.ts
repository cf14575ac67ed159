/**
 * The bridge between the open source viewer and the rest of the app: the palette, the digit keys,
 * the coding inspector and search all act on "the current selection in the open source" through it.
 * It paints a new coding at once (an optimistic mark) and confirms it when the server answers, and
 * it sends text edits as change sets, one at a time, each against the revision the last one made.
 */
import type { ChangeSet, EditorState } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import { changesToJson, validateCodeName } from "@quire/core";
import type { QueryClient } from "@tanstack/react-query";
import {
  ApiError,
  createCode,
  createCoding,
  deleteCoding,
  editSourceText,
  updateCoding,
} from "../api/client.js";
import { keys } from "../api/queries.js";
import type { CodeNode, TurnView } from "../api/types.js";
import { rememberCode, setUi, toast } from "../state/ui-store.js";
import { addCodings, type CodingMark, removeCodings } from "./codings-field.js";
import { turnRangeAt } from "./turns.js";

export interface ViewerContext {
  projectKey: string;
  sourceId: string;
  revisionId: string;
  turns: TurnView[];
  codes: Map<string, CodeNode>;
}

let pendingCounter = 0;
/** Milliseconds of quiet typing before an edit is saved. */
const SAVE_DELAY = 700;

export class ViewerController {
  editing = false;
  private pending: ChangeSet | null = null;
  private saving: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly inflight = new Set<Promise<void>>();
  private readonly savedListeners = new Set<(state: SaveState) => void>();

  constructor(
    readonly view: EditorView,
    readonly client: QueryClient,
    public context: ViewerContext,
  ) {}

  get state(): EditorState {
    return this.view.state;
  }

  /** The selected range, or null when nothing is selected. */
  selection(): { from: number; to: number } | null {
    const range = this.view.state.selection.main;
    return range.empty ? null : { from: range.from, to: range.to };
  }

  /** Applies a code to the selection (or a given range), painting it before the server answers. */
  async applyCode(codeId: string, range = this.selection()): Promise<boolean> {
    if (!range) {
      toast("Select some text first, then apply a code.", "error");
      return false;
    }
    if (this.editing) await this.flush();
    const code = this.context.codes.get(codeId);
    const { from, to } = trimRange(this.view.state, range);
    if (from >= to) return false;
    const temp = `pending-${++pendingCounter}`;
    const mark: CodingMark = {
      codingId: temp,
      codeId,
      codeName: code?.name ?? "…",
      color: code?.color ?? "#888888",
      from,
      to,
    };
    this.view.dispatch({ effects: addCodings.of([mark]) });
    rememberCode(codeId);
    let settle = () => {};
    this.inflight.add(new Promise<void>((resolve) => (settle = resolve)));
    try {
      const coding = await createCoding(this.context.projectKey, {
        sourceId: this.context.sourceId,
        codeId,
        start: from,
        end: to,
      });
      this.view.dispatch({
        effects: [
          removeCodings.of([temp, coding.id]),
          addCodings.of([{ ...mark, codingId: coding.id }]),
        ],
      });
      setUi({ selectedCodingId: coding.id });
      return true;
    } catch (error) {
      this.view.dispatch({ effects: removeCodings.of([temp]) });
      toast(messageOf(error), "error");
      return false;
    } finally {
      settle();
      this.refresh();
    }
  }

  /** Codes the whole turn (or paragraph) around the cursor. */
  async codeTurn(codeId: string): Promise<boolean> {
    const range = turnRangeAt(
      this.view.state,
      this.context.turns,
      this.view.state.selection.main.head,
    );
    if (!range) {
      toast("There is no turn or paragraph at the cursor.", "error");
      return false;
    }
    return this.applyCode(codeId, range);
  }

  /** Creates a code named by the selected words and applies it there (in vivo coding). */
  async codeInVivo(): Promise<boolean> {
    const range = this.selection();
    if (!range) {
      toast("Select the participant's words to code them in vivo.", "error");
      return false;
    }
    const words = this.view.state
      .sliceDoc(range.from, range.to)
      .replace(/\s+/g, " ")
      .replaceAll("/", "-")
      .trim();
    const name = words.length > 80 ? `${words.slice(0, 79)}…` : words;
    try {
      validateCodeName(`“${name}”`);
      const code = await createCode(this.context.projectKey, { name: `“${name}”` });
      this.context.codes.set(code.id, code);
      return this.applyCode(code.id, range);
    } catch (error) {
      toast(messageOf(error), "error");
      return false;
    }
  }

  async removeCoding(codingId: string): Promise<void> {
    this.view.dispatch({ effects: removeCodings.of([codingId]) });
    try {
      await deleteCoding(this.context.projectKey, codingId);
      setUi({ selectedCodingId: null });
    } catch (error) {
      toast(messageOf(error), "error");
    } finally {
      this.refresh();
    }
  }

  /** Moves a coding's ends to the current selection. */
  async resizeCoding(codingId: string): Promise<void> {
    const range = this.selection();
    if (!range) {
      toast("Select the new extent of the passage first.", "error");
      return;
    }
    const { from, to } = trimRange(this.view.state, range);
    try {
      await updateCoding(this.context.projectKey, codingId, { start: from, end: to });
    } catch (error) {
      toast(messageOf(error), "error");
    } finally {
      this.refresh();
    }
  }

  // Editing the text

  onSaveState(listener: (state: SaveState) => void): () => void {
    this.savedListeners.add(listener);
    return () => this.savedListeners.delete(listener);
  }

  private emit(state: SaveState): void {
    for (const listener of this.savedListeners) listener(state);
  }

  /** Whether edits are waiting or on their way; the viewer then keeps its own text. */
  get dirty(): boolean {
    return this.pending !== null || this.saving !== null;
  }

  /** Records an edit made in the viewer; it is sent after a pause in typing. */
  noteChanges(changes: ChangeSet): void {
    this.pending = this.pending ? this.pending.compose(changes) : changes;
    this.emit("pending");
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), SAVE_DELAY);
  }

  /**
   * Sends every waiting edit and resolves when the server has stored them and every coding on its
   * way has arrived, so that an undo that follows undoes what the researcher last did.
   */
  async flush(): Promise<void> {
    await Promise.all(this.inflight);
    this.inflight.clear();
    clearTimeout(this.timer);
    while (this.saving || this.pending) {
      if (this.saving) {
        await this.saving;
        continue;
      }
      const changes = this.pending;
      if (!changes) break;
      this.pending = null;
      this.saving = this.send(changes).finally(() => {
        this.saving = null;
      });
    }
  }

  private async send(changes: ChangeSet): Promise<void> {
    this.emit("saving");
    try {
      const result = await editSourceText(
        this.context.projectKey,
        this.context.sourceId,
        this.context.revisionId,
        changesToJson(changes),
      );
      this.supersededRevision = this.context.revisionId;
      this.awaitedRevision = result.revision.id;
      this.context.revisionId = result.revision.id;
      this.emit("saved");
    } catch (error) {
      this.pending = null;
      this.emit("failed");
      toast(
        error instanceof ApiError && error.status === 409
          ? "The text was changed elsewhere, so this edit was not saved. The source has been reloaded."
          : `The edit was not saved: ${messageOf(error)}`,
        "error",
      );
      this.forceReload = true;
    } finally {
      this.refresh();
    }
  }

  /** Set when the server refused an edit: the next data the viewer gets replaces its text. */
  forceReload = false;
  /**
   * After a save, a response that left the server before it (still carrying the old revision) must
   * not put the old text back; it is ignored until the new revision has been seen once. After that
   * the old revision may legitimately return, through undo.
   */
  private supersededRevision: string | null = null;
  private awaitedRevision: string | null = null;

  /** Whether data about `revisionId` is older than what the viewer already shows. */
  isStale(revisionId: string): boolean {
    if (this.awaitedRevision === null) return false;
    if (revisionId === this.awaitedRevision) {
      this.awaitedRevision = null;
      this.supersededRevision = null;
      return false;
    }
    return revisionId === this.supersededRevision;
  }

  private refresh(): void {
    void this.client.invalidateQueries({ queryKey: keys.project(this.context.projectKey) });
  }
}

export type SaveState = "pending" | "saving" | "saved" | "failed";

/** Leaves surrounding spaces and line breaks out of a passage, as a careful coder would. */
export function trimRange(state: EditorState, range: { from: number; to: number }) {
  const text = state.sliceDoc(range.from, range.to);
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  return { from: range.from + lead, to: Math.max(range.from + lead, range.to - trail) };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let active: ViewerController | null = null;

export function setActiveViewer(controller: ViewerController | null): void {
  active = controller;
}

/** The viewer of the open source, if one is open. */
export function getActiveViewer(): ViewerController | null {
  return active;
}
