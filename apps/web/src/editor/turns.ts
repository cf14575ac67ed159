/**
 * Speaker turns laid out for reading: each turn's lines get a role class (interviewer turns recede,
 * participant turns lead), the speaker label is set bold, and a time stamp, where the transcript has
 * one, sits in the margin. Turns are a mapped decoration field too, so they follow edits.
 */
import { type EditorState, type Range, StateEffect, StateField } from "@codemirror/state";
import { Decoration, type DecorationSet, EditorView, WidgetType } from "@codemirror/view";
import type { TurnView } from "../api/types.js";

export const setTurns = StateEffect.define<TurnView[]>();

class TimeWidget extends WidgetType {
  constructor(readonly label: string) {
    super();
  }
  override eq(other: TimeWidget): boolean {
    return other.label === this.label;
  }
  toDOM(): HTMLElement {
    const element = document.createElement("span");
    element.className = "cm-turn-time";
    element.textContent = this.label;
    return element;
  }
}

/** `75.5` seconds → `1:15`; hours when needed. */
export function formatSeconds(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

function build(state: EditorState, turns: readonly TurnView[]): DecorationSet {
  const ranges: Range<Decoration>[] = [];
  const doc = state.doc;
  for (const turn of turns) {
    if (turn.start > doc.length || turn.end > doc.length || turn.start > turn.end) continue;
    const first = doc.lineAt(turn.start);
    const last = doc.lineAt(Math.max(turn.start, turn.end));
    const role = /^[a-z_]+$/.test(turn.role) ? turn.role : "other";
    for (let number = first.number; number <= last.number; number++) {
      const line = doc.line(number);
      if (line.length === 0) continue;
      const lead = number === first.number ? " cm-turn-first" : "";
      ranges.push(
        Decoration.line({
          class: `cm-turn cm-role-${role}${lead}`,
          attributes: number === first.number ? { "data-speaker": turn.speaker } : {},
        }).range(line.from),
      );
    }
    if (turn.timeStart !== null)
      ranges.push(
        Decoration.widget({
          widget: new TimeWidget(formatSeconds(turn.timeStart)),
          side: -1,
        }).range(first.from),
      );
    if (first.from < turn.start && turn.start - first.from <= 60)
      ranges.push(Decoration.mark({ class: "cm-speaker" }).range(first.from, turn.start));
  }
  return Decoration.set(ranges, true);
}

export const turnsField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    for (const effect of tr.effects) if (effect.is(setTurns)) next = build(tr.state, effect.value);
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** The turn (or, without turns, the paragraph) around `pos`, as a range worth coding whole. */
export function turnRangeAt(
  state: EditorState,
  turns: readonly TurnView[],
  pos: number,
): { from: number; to: number } | null {
  const turn = turns.find((candidate) => candidate.start <= pos && pos <= candidate.end);
  if (turn && turn.end <= state.doc.length && turn.start < turn.end)
    return { from: turn.start, to: turn.end };
  const line = state.doc.lineAt(pos);
  const text = line.text;
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  if (line.length - lead - trail <= 0) return null;
  return { from: line.from + lead, to: line.to - trail };
}
