// @vitest-environment happy-dom
/** Stripe lanes: one lane per code, shared by codes that never meet in a paragraph. */
import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { type CodingMark, codingsField, setCodings } from "./codings-field.js";
import { laneCount, stripeLanes } from "./stripes.js";

const TEXT = "First paragraph about waiting.\nSecond paragraph about trust.\nThird about work.";
const mark = (codingId: string, codeId: string, words: string): CodingMark => ({
  codingId,
  codeId,
  codeName: codeId,
  color: "#377eb8",
  from: TEXT.indexOf(words),
  to: TEXT.indexOf(words) + words.length,
});

function lanesFor(marks: CodingMark[]) {
  const state = EditorState.create({ doc: TEXT, extensions: [codingsField] }).update({
    effects: setCodings.of(marks),
  }).state;
  return { lanes: stripeLanes(state), count: laneCount(state) };
}

describe("stripeLanes", () => {
  it("lets codes in different paragraphs share a lane", () => {
    const { lanes, count } = lanesFor([mark("1", "wait", "waiting"), mark("2", "trust", "trust")]);
    expect([lanes.get("wait"), lanes.get("trust"), count]).toEqual([0, 0, 1]);
  });

  it("gives codes that meet in a paragraph their own lanes, and a code one lane for all its stripes", () => {
    const { lanes, count } = lanesFor([
      mark("1", "wait", "waiting"),
      mark("2", "topic", "First paragraph"),
      mark("3", "wait", "work"),
      mark("4", "topic", "Third"),
    ]);
    expect([lanes.get("topic"), lanes.get("wait"), count]).toEqual([0, 1, 2]);
  });
});
