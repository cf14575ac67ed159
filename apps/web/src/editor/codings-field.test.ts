// @vitest-environment happy-dom
/**
 * The codings field (C7): mapped through edits, changed only by effects, read back as codings, and
 * painted as overlapping marks in a real EditorView.
 */
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { afterEach, describe, expect, it } from "vitest";
import {
  addCodings,
  type CodingMark,
  codingsAt,
  codingsField,
  readCodings,
  reconcileCodings,
  removeCodings,
  setCodings,
} from "./codings-field.js";

const TEXT = "I: How was it?\nR: The waiting was the worst part of it all.";
const at = (words: string) => TEXT.indexOf(words);
const mark = (codingId: string, words: string, codeId = "k1"): CodingMark => ({
  codingId,
  codeId,
  codeName: codeId,
  color: "#1b9e77",
  from: at(words),
  to: at(words) + words.length,
});

function stateWith(marks: CodingMark[]): EditorState {
  const state = EditorState.create({ doc: TEXT, extensions: [codingsField] });
  return state.update({ effects: setCodings.of(marks) }).state;
}

describe("codingsField", () => {
  let view: EditorView | null = null;
  afterEach(() => view?.destroy());

  it("keeps a coding on its words when text is typed before it and at its edges", () => {
    let state = stateWith([mark("x", "waiting was")]);
    const from = at("waiting");
    state = state.update({ changes: [{ from: 0, insert: "(Laughs.) " }] }).state;
    state = state.update({ changes: [{ from: from + 10, insert: "long " }] }).state;
    const [coding] = readCodings(state);
    expect(coding && state.sliceDoc(coding.from, coding.to)).toBe("waiting was");
  });

  it("drops a coding whose words are all deleted", () => {
    const state = stateWith([mark("x", "worst")]).update({
      changes: { from: at("worst"), to: at("worst") + 5 },
    }).state;
    expect(readCodings(state)).toEqual([]);
  });

  it("adds and removes codings by effect, and reports those under the cursor, shortest first", () => {
    let state = stateWith([mark("long", "The waiting was the worst part")]);
    state = state.update({ effects: addCodings.of([mark("short", "worst", "k2")]) }).state;
    expect(codingsAt(state, at("worst") + 1).map((coding) => coding.codingId)).toEqual([
      "short",
      "long",
    ]);
    state = state.update({ effects: removeCodings.of(["long"]) }).state;
    expect(readCodings(state).map((coding) => coding.codingId)).toEqual(["short"]);
  });

  it("reconciles with the server's list by touching only what changed", () => {
    const state = stateWith([mark("a", "waiting"), mark("b", "worst")]);
    const effects = reconcileCodings(state, [mark("a", "waiting"), mark("c", "part")]);
    const next = state.update({ effects }).state;
    expect(
      readCodings(next)
        .map((coding) => coding.codingId)
        .sort(),
    ).toEqual(["a", "c"]);
    expect(reconcileCodings(next, readCodings(next))).toEqual([]);
  });

  it("paints overlapping codings as nested marks with their code colours", () => {
    view = new EditorView({
      parent: document.body,
      state: stateWith([
        mark("a", "waiting was the worst", "k1"),
        { ...mark("b", "the worst part", "k2"), color: "#d95f02" },
      ]),
    });
    const spans = [...view.contentDOM.querySelectorAll(".cm-coding")];
    expect(spans.length).toBeGreaterThanOrEqual(3);
    expect(spans.some((span) => span.querySelector(".cm-coding"))).toBe(true);
    expect(spans.map((span) => span.getAttribute("style"))).toContain("--code: #d95f02;");
  });
});
