/**
 * Codings as mark decorations (CODE-STYLE C7): a `StateField<DecorationSet>` that maps itself through
 * every transaction, so highlights ride along with edits, and changes only through effects: replace
 * all, add, remove. The DOM is never read back as the truth; the field is.
 */
import { type EditorState, type Range, StateEffect, StateField } from "@codemirror/state";
import { Decoration, type DecorationSet, EditorView } from "@codemirror/view";

/** What the viewer needs to draw one coding. */
export interface CodingMark {
  codingId: string;
  codeId: string;
  codeName: string;
  color: string;
  from: number;
  to: number;
}

/** Replaces every coding (a source was opened). */
export const setCodings = StateEffect.define<CodingMark[]>();
/** Adds codings (a new coding is painted before the server has answered). */
export const addCodings = StateEffect.define<CodingMark[]>();
/** Removes codings by id. */
export const removeCodings = StateEffect.define<string[]>();
/** Marks one coding as selected (or none). */
export const selectCoding = StateEffect.define<string | null>();

/** The spec a coding's decoration carries, so the field can be read back as codings. */
interface CodingSpec {
  coding: Omit<CodingMark, "from" | "to">;
}

function decorationFor(mark: CodingMark): Range<Decoration> {
  return Decoration.mark({
    class: "cm-coding",
    attributes: { style: `--code: ${mark.color}` },
    coding: {
      codingId: mark.codingId,
      codeId: mark.codeId,
      codeName: mark.codeName,
      color: mark.color,
    },
  } satisfies { coding: CodingSpec["coding"] } & Record<string, unknown>).range(mark.from, mark.to);
}

function build(marks: readonly CodingMark[], length: number): DecorationSet {
  const ranges = marks
    .filter((mark) => mark.from < mark.to && mark.to <= length)
    .map(decorationFor);
  return Decoration.set(ranges, true);
}

export const codingsField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setCodings)) next = build(effect.value, tr.state.doc.length);
      else if (effect.is(addCodings)) {
        const length = tr.state.doc.length;
        const add = effect.value.filter((mark) => mark.from < mark.to && mark.to <= length);
        next = next.update({ add: add.map(decorationFor), sort: true });
      } else if (effect.is(removeCodings)) {
        const gone = new Set(effect.value);
        next = next.update({
          filter: (_from, _to, decoration) =>
            !gone.has((decoration.spec as CodingSpec).coding.codingId),
        });
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export const selectedCodingField = StateField.define<string | null>({
  create: () => null,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(selectCoding)) return effect.value;
    return value;
  },
});

/** Every coding in the field with its current (mapped) position, in document order. */
export function readCodings(state: EditorState, from = 0, to = state.doc.length): CodingMark[] {
  const result: CodingMark[] = [];
  state.field(codingsField).between(from, to, (start, end, decoration) => {
    result.push({ ...(decoration.spec as CodingSpec).coding, from: start, to: end });
  });
  return result;
}

/** The codings covering `pos`, shortest first (the most specific passage is usually meant). */
export function codingsAt(state: EditorState, pos: number): CodingMark[] {
  return readCodings(state, pos, pos)
    .filter((mark) => mark.from <= pos && pos <= mark.to)
    .sort((a, b) => a.to - a.from - (b.to - b.from));
}

/**
 * The effects that turn the field's codings into `wanted`: removes what is gone or has moved, adds
 * what is new. Painting a refreshed source this way touches only what changed.
 */
export function reconcileCodings(
  state: EditorState,
  wanted: readonly CodingMark[],
): StateEffect<unknown>[] {
  const current = new Map(readCodings(state).map((mark) => [mark.codingId, mark]));
  const remove: string[] = [];
  const add: CodingMark[] = [];
  const seen = new Set<string>();
  for (const mark of wanted) {
    seen.add(mark.codingId);
    const have = current.get(mark.codingId);
    if (
      have &&
      have.from === mark.from &&
      have.to === mark.to &&
      have.color === mark.color &&
      have.codeName === mark.codeName &&
      have.codeId === mark.codeId
    )
      continue;
    if (have) remove.push(mark.codingId);
    add.push(mark);
  }
  for (const id of current.keys()) if (!seen.has(id)) remove.push(id);
  const effects: StateEffect<unknown>[] = [];
  if (remove.length > 0) effects.push(removeCodings.of(remove));
  if (add.length > 0) effects.push(addCodings.of(add));
  return effects;
}

/** Outlines the selected coding's passage. */
export const selectedCodingHighlight = EditorView.decorations.compute(
  [codingsField, selectedCodingField],
  (state) => {
    const selected = state.field(selectedCodingField);
    if (!selected) return Decoration.none;
    const mark = readCodings(state).find((candidate) => candidate.codingId === selected);
    if (!mark) return Decoration.none;
    return Decoration.set([
      Decoration.mark({ class: "cm-coding-selected" }).range(mark.from, mark.to),
    ]);
  },
);
