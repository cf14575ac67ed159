/**
 * Coding stripes: one vertical bar per coding beside the text, one lane per code, as in NVivo or
 * MAXQDA. Drawn as a CodeMirror layer, measured only for the visible part of the document, so 5,000
 * codings cost what the codings on screen cost. Hovering a stripe names its code; clicking selects
 * the coding.
 */
import type { EditorState } from "@codemirror/state";
import { EditorView, type LayerMarker, layer, type ViewUpdate } from "@codemirror/view";
import {
  type CodingMark,
  codingsField,
  readCodings,
  selectCoding,
  selectedCodingField,
} from "./codings-field.js";

/** Width of one lane in pixels: a 4px bar and its gap, narrow enough for a dozen codes. */
export const LANE_WIDTH = 9;
/** Space between the text and the first lane. */
export const STRIPE_GAP = 22;
/** Room for hover labels after the last lane (labels also show in the title tooltip). */
const LABEL_ROOM = 24;

const laneCache = new WeakMap<object, Map<string, number>>();

/**
 * Lanes by code. Each code keeps one lane for all its stripes; codes whose passages never overlap
 * share a lane, so the margin stays narrow with many codes. Codes are placed in order of their
 * first coding in the text, so lanes do not jump while scrolling.
 */
export function stripeLanes(state: EditorState): Map<string, number> {
  const set = state.field(codingsField);
  const cached = laneCache.get(set);
  if (cached) return cached;
  const spansByCode = new Map<string, Span[]>();
  for (const mark of readCodings(state)) {
    const spans = spansByCode.get(mark.codeId) ?? [];
    // Compared by paragraph (document line): two codes in one paragraph may sit on the same
    // screen line, so they never share a lane there.
    spans.push({ from: state.doc.lineAt(mark.from).number, to: state.doc.lineAt(mark.to).number });
    spansByCode.set(mark.codeId, spans);
  }
  const laneSpans: Span[][] = [];
  const lanes = new Map<string, number>();
  for (const [codeId, spans] of spansByCode) {
    let lane = laneSpans.findIndex((taken) => !overlaps(taken, spans));
    if (lane < 0) lane = laneSpans.push([]) - 1;
    const taken = laneSpans[lane] ?? [];
    taken.push(...spans);
    taken.sort((a, b) => a.from - b.from);
    lanes.set(codeId, lane);
  }
  laneCache.set(set, lanes);
  return lanes;
}

interface Span {
  from: number;
  to: number;
}

/** Whether any line span of `a` shares a line with any of `b`; both sorted by `from` (a merge walk). */
function overlaps(a: readonly Span[], b: readonly Span[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Span;
    const y = b[j] as Span;
    if (x.from <= y.to && y.from <= x.to) return true;
    if (x.to < y.to) i++;
    else j++;
  }
  return false;
}

/** How many lanes the stripes use. */
export function laneCount(state: EditorState): number {
  let count = 0;
  for (const lane of stripeLanes(state).values()) count = Math.max(count, lane + 1);
  return count;
}

/** The room the stripes need to the right of the text, in pixels. */
export function stripeRoom(state: EditorState): number {
  return STRIPE_GAP + laneCount(state) * LANE_WIDTH + LABEL_ROOM;
}

class StripeMarker implements LayerMarker {
  constructor(
    readonly mark: CodingMark,
    readonly left: number,
    readonly top: number,
    readonly height: number,
    readonly selected: boolean,
  ) {}

  eq(other: StripeMarker): boolean {
    return (
      other.mark.codingId === this.mark.codingId &&
      other.mark.color === this.mark.color &&
      other.mark.codeName === this.mark.codeName &&
      other.left === this.left &&
      other.top === this.top &&
      other.height === this.height &&
      other.selected === this.selected
    );
  }

  draw(): HTMLElement {
    const element = document.createElement("div");
    element.className = this.selected ? "cm-stripe cm-stripe-selected" : "cm-stripe";
    element.style.cssText = `left:${this.left}px;top:${this.top}px;height:${this.height}px;--code:${this.mark.color}`;
    element.dataset.codingId = this.mark.codingId;
    element.dataset.label = this.mark.codeName;
    element.title = this.mark.codeName;
    return element;
  }
}

function markers(view: EditorView): StripeMarker[] {
  const { state } = view;
  const { from, to } = view.viewport;
  const lanes = stripeLanes(state);
  const selected = state.field(selectedCodingField);
  const scroller = view.scrollDOM.getBoundingClientRect();
  const baseLeft = scroller.left - view.scrollDOM.scrollLeft;
  const baseTop = scroller.top - view.scrollDOM.scrollTop;
  const content = view.contentDOM.getBoundingClientRect();
  const textRight = content.right - stripeRoom(state);
  const result: StripeMarker[] = [];
  for (const mark of readCodings(state, from, to)) {
    const start = Math.max(mark.from, from);
    const end = Math.min(mark.to, to);
    const top = view.coordsAtPos(start, 1)?.top;
    const bottom = view.coordsAtPos(end, -1)?.bottom;
    if (top === undefined || bottom === undefined) continue;
    const lane = lanes.get(mark.codeId) ?? 0;
    result.push(
      new StripeMarker(
        mark,
        Math.round(textRight + STRIPE_GAP + lane * LANE_WIDTH - baseLeft),
        Math.round(top - baseTop),
        Math.max(4, Math.round(bottom - top)),
        mark.codingId === selected,
      ),
    );
  }
  return result;
}

function changed(update: ViewUpdate): boolean {
  return (
    update.docChanged ||
    update.viewportChanged ||
    update.geometryChanged ||
    update.startState.field(codingsField) !== update.state.field(codingsField) ||
    update.startState.field(selectedCodingField) !== update.state.field(selectedCodingField)
  );
}

/**
 * The stripes layer. `onSelect` hears the coding a stripe stands for when it is clicked.
 */
export function codingStripes(onSelect: (codingId: string) => void) {
  return [
    layer({
      above: true,
      class: "cm-stripes",
      markers,
      update: changed,
      mount(dom, view) {
        dom.addEventListener("mousedown", (event) => {
          const target = (event.target as HTMLElement).closest<HTMLElement>(".cm-stripe");
          const id = target?.dataset.codingId;
          if (!id) return;
          event.preventDefault();
          view.dispatch({ effects: selectCoding.of(id) });
          onSelect(id);
        });
      },
    }),
    // Keeps room for the lanes to the right of the text.
    EditorView.contentAttributes.compute([codingsField], (state) => ({
      style: `padding-right: ${stripeRoom(state)}px`,
    })),
  ];
}
