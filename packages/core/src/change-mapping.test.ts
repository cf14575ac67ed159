/**
 * Change mapping: hand-picked edits around a coding's edges, JSON round trips, and seeded property
 * tests that replay random edit sequences against a model that remembers which original character
 * each character of the text came from.
 */
import {
  type Anchor,
  anchorRange,
  applyChanges,
  asId,
  changeSetFromEdits,
  changesFromJson,
  changesToJson,
  mapAnchor,
  QuireError,
  type RevisionId,
  type TextEdit,
} from "@quire/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const OLD = asId<"revision">("old");
const NEW = asId<"revision">("new");

function edit(
  text: string,
  edits: TextEdit[],
): { changes: ReturnType<typeof changeSetFromEdits>; newText: string } {
  const changes = changeSetFromEdits(text.length, edits);
  return { changes, newText: applyChanges(text, changes) };
}

function anchorOn(text: string, words: string): Anchor {
  const start = text.indexOf(words);
  return anchorRange(OLD, text, start, start + words.length);
}

describe("changeSetFromEdits", () => {
  it("applies unsorted edits as if made together on the old text", () => {
    const { newText } = edit("the cat sat", [
      { from: 8, to: 11, insert: "slept" },
      { from: 0, to: 3, insert: "a" },
    ]);
    expect(newText).toBe("a cat slept");
  });

  it("keeps insertions at one offset in the order given, before a replacement starting there", () => {
    const { newText } = edit("abc", [
      { from: 1, to: 2, insert: "X" },
      { from: 1, to: 1, insert: "1" },
      { from: 1, to: 1, insert: "2" },
    ]);
    expect(newText).toBe("a12Xc");
  });

  it("counts a carriage return as one character rather than a line break", () => {
    const { changes, newText } = edit("ab", [{ from: 1, to: 1, insert: "\r\n" }]);
    expect(newText).toBe("a\r\nb");
    expect(changes.newLength).toBe(4);
  });

  it.each([
    [[{ from: 2, to: 1, insert: "" }], /outside/],
    [[{ from: 0, to: 4, insert: "" }], /outside a text of length 3/],
    [[{ from: -1, to: 0, insert: "" }], /outside/],
    [[{ from: 0.5, to: 1, insert: "" }], /not well formed/],
    [
      [
        { from: 0, to: 2, insert: "" },
        { from: 1, to: 3, insert: "" },
      ],
      /edits 0:2 and 1:3 overlap/,
    ],
    [
      [
        { from: 0, to: 2, insert: "" },
        { from: 1, to: 1, insert: "x" },
      ],
      /overlap/,
    ],
  ])("rejects %j", (edits, message) => {
    expect(() => changeSetFromEdits(3, edits)).toThrow(message);
    expect(() => changeSetFromEdits(3, edits)).toThrow(QuireError);
  });
});

describe("mapAnchor", () => {
  const text = "I felt fobbed off by the doctor.";
  const coded = anchorOn(text, "fobbed off");

  it("leaves an anchor untouched by the edit as it was", () => {
    const { changes, newText } = edit(text, [{ from: 25, to: 31, insert: "GP" }]);
    const mapped = mapAnchor(coded, changes, newText, NEW);
    expect(mapped).toMatchObject({ start: 7, end: 17, exact: "fobbed off", status: "anchored" });
    expect(mapped.suffix).toBe(" by the GP.");
    expect(mapped.revisionId).toBe(NEW);
  });

  it("moves an anchor after an edit before it", () => {
    const { changes, newText } = edit(text, [{ from: 0, to: 1, insert: "Honestly, I" }]);
    const mapped = mapAnchor(coded, changes, newText, NEW);
    expect(newText.slice(mapped.start, mapped.end)).toBe("fobbed off");
    expect(mapped).toMatchObject({ status: "remapped", score: 1, start: 17 });
  });

  it("does not grow when text is typed at either edge", () => {
    const { changes, newText } = edit(text, [
      { from: 7, to: 7, insert: "really " },
      { from: 17, to: 17, insert: " again" },
    ]);
    const mapped = mapAnchor(coded, changes, newText, NEW);
    expect(mapped.exact).toBe("fobbed off");
    expect(newText).toBe("I felt really fobbed off again by the doctor.");
  });

  it("takes in text typed inside it", () => {
    const { changes, newText } = edit(text, [{ from: 13, to: 13, insert: " right" }]);
    expect(mapAnchor(coded, changes, newText, NEW)).toMatchObject({
      exact: "fobbed right off",
      status: "remapped",
    });
  });

  it("shrinks when only part of it is deleted", () => {
    const { changes, newText } = edit(text, [{ from: 3, to: 14, insert: "" }]);
    expect(mapAnchor(coded, changes, newText, NEW)).toMatchObject({
      exact: "off",
      status: "remapped",
    });
  });

  it("becomes an orphan, keeping its words, when all of them are deleted", () => {
    const { changes, newText } = edit(text, [{ from: 6, to: 17, insert: "" }]);
    const mapped = mapAnchor(coded, changes, newText, NEW);
    expect(mapped).toMatchObject({
      status: "orphaned",
      score: 0,
      start: 6,
      end: 6,
      exact: "fobbed off",
      prefix: coded.prefix,
      suffix: coded.suffix,
      revisionId: NEW,
    });
  });

  it("becomes an orphan when a larger replacement swallows it", () => {
    const { changes, newText } = edit(text, [{ from: 2, to: 24, insert: "was seen by" }]);
    expect(mapAnchor(coded, changes, newText, NEW)).toMatchObject({ status: "orphaned", start: 2 });
  });

  it("becomes an orphan when exactly its words are replaced", () => {
    const { changes, newText } = edit(text, [{ from: 7, to: 17, insert: "dismissed" }]);
    expect(mapAnchor(coded, changes, newText, NEW)).toMatchObject({
      exact: "fobbed off",
      status: "orphaned",
      start: 7,
    });
  });

  it("stays live, taking in the new words, when part of it survives a rewording", () => {
    const { changes, newText } = edit(text, [
      { from: 7, to: 14, insert: "put " },
      { from: 16, to: 17, insert: "" },
    ]);
    expect(mapAnchor(coded, changes, newText, NEW)).toMatchObject({
      exact: "put of",
      status: "remapped",
    });
  });

  it("keeps an orphan orphaned and moves its position", () => {
    const orphan: Anchor = { ...coded, start: 7, end: 7, status: "orphaned", score: 0 };
    const { changes, newText } = edit(text, [{ from: 0, to: 0, insert: ">> " }]);
    expect(mapAnchor(orphan, changes, newText, NEW)).toMatchObject({
      status: "orphaned",
      start: 10,
      end: 10,
      exact: "fobbed off",
    });
  });

  it("keeps a fuzzy anchor fuzzy, with its score, when it moves", () => {
    const fuzzy: Anchor = { ...coded, status: "fuzzy", score: 0.8 };
    const { changes, newText } = edit(text, [{ from: 0, to: 0, insert: "So " }]);
    expect(mapAnchor(fuzzy, changes, newText, NEW)).toMatchObject({ status: "fuzzy", score: 0.8 });
  });

  it("rejects a new text of the wrong length and an anchor outside the old text", () => {
    const { changes } = edit(text, [{ from: 0, to: 1, insert: "We" }]);
    expect(() => mapAnchor(coded, changes, text, NEW)).toThrow(/new text has/);
    const outside: Anchor = { ...coded, end: 99 };
    expect(() => mapAnchor(outside, changes, `W${text}`, NEW)).toThrow(
      /not inside the edited text/,
    );
  });
});

describe("changesToJson / changesFromJson", () => {
  const { changes } = edit("hello world", [
    { from: 0, to: 5, insert: "goodbye\ncruel" },
    { from: 11, to: 11, insert: "!" },
  ]);

  it("round-trips a change set as a value and as JSON text", () => {
    const json = changesToJson(changes);
    expect(changesFromJson(json).toJSON()).toEqual(json);
    expect(changesFromJson(JSON.stringify(json), 11).toJSON()).toEqual(json);
  });

  it.each([
    ["not JSON text", "{oops", /not valid JSON/],
    ["an object", { sections: [] }, /must be an array/],
    ["a negative length", [-1], /must be an array/],
    ["lines that are not strings", [[1, 2]], /must be an array/],
  ])("rejects %s", (_, json, message) => {
    expect(() => changesFromJson(json)).toThrow(message);
  });

  it("rejects a change set made for a text of another length", () => {
    expect(() => changesFromJson(changesToJson(changes), 12)).toThrow(/length 11, not 12/);
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests

/** Pieces texts are built from: plain words, whitespace, a combining accent, emoji (astral). */
const PIECES = ["a", "b", "c", "the ", " ", "\n", "é", "e\u0301", "😀", "👍🏽", "\u0301", "ab"];
const textArbitrary = (maxPieces: number) =>
  fc.array(fc.constantFrom(...PIECES), { maxLength: maxPieces }).map((pieces) => pieces.join(""));

/** Raw numbers turned into valid edits of whatever text a step sees. */
const rawEditArbitrary = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 8 }),
  insert: textArbitrary(3),
});
type RawEdit = { at: number; length: number; insert: string };
const stepsArbitrary = fc.array(fc.array(rawEditArbitrary, { maxLength: 3 }), {
  minLength: 1,
  maxLength: 5,
});

/** Whether two edits of the same text clash, by the rule changeSetFromEdits enforces. */
function clash(a: TextEdit, b: TextEdit): boolean {
  const [first, second] = a.from < b.from || (a.from === b.from && a.to <= b.to) ? [a, b] : [b, a];
  return second.from < first.to;
}

/** Keeps the raw edits that fit the text and do not clash with earlier ones, in their given order. */
function editsFor(length: number, raw: readonly RawEdit[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const { at, length: size, insert } of raw) {
    const from = at % (length + 1);
    const candidate = { from, to: Math.min(length, from + size), insert };
    if (!edits.some((other) => clash(candidate, other))) edits.push(candidate);
  }
  return edits;
}

/** The text as characters that remember which original character they are (null: inserted). */
type Tracked = { unit: string; origin: number | null }[];

function applyTracked(tracked: Tracked, edits: readonly TextEdit[]): Tracked {
  const sorted = [...edits].sort((a, b) => a.from - b.from || a.to - b.to);
  const result: Tracked = [];
  let position = 0;
  for (const { from, to, insert } of sorted) {
    result.push(...tracked.slice(position, from));
    for (const unit of insert.split("")) result.push({ unit, origin: null });
    position = to;
  }
  result.push(...tracked.slice(position));
  return result;
}

function anchorsOn(text: string, spans: readonly [number, number][]): Anchor[] {
  return spans.map(([a, b]) => {
    const start = a % text.length;
    const end = start + 1 + (b % (text.length - start));
    return anchorRange(OLD, text, start, end);
  });
}

const spansArbitrary = fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 });

interface Replay {
  finalText: string;
  tracked: Tracked;
  stepwise: Anchor[];
  composed: Anchor[];
}

function replay(text: string, spans: [number, number][], steps: RawEdit[][]): Replay {
  const anchors = anchorsOn(text, spans);
  let current = text;
  let tracked: Tracked = text.split("").map((unit, origin) => ({ unit, origin }));
  let stepwise = anchors;
  let composed = changeSetFromEdits(text.length, []);
  steps.forEach((raw, index) => {
    const edits = editsFor(current.length, raw);
    const changes = changeSetFromEdits(current.length, edits);
    const next = applyChanges(current, changes);
    tracked = applyTracked(tracked, edits);
    expect(tracked.map((t) => t.unit).join("")).toBe(next);
    const revision: RevisionId = asId(`r${index}`);
    stepwise = stepwise.map((anchor) => mapAnchor(anchor, changes, next, revision));
    composed = composed.compose(changes);
    current = next;
  });
  const last: RevisionId = asId("last");
  return {
    finalText: current,
    tracked,
    stepwise: stepwise.map((anchor) => ({ ...anchor, revisionId: last })),
    composed: anchors.map((anchor) => mapAnchor(anchor, composed, current, last)),
  };
}

/** Where the characters of an original span are now, in order. */
function survivorsOf(tracked: Tracked, original: Anchor): number[] {
  return tracked.flatMap((t, at) =>
    t.origin !== null && t.origin >= original.start && t.origin < original.end ? [at] : [],
  );
}

function checkLive(anchor: Anchor, text: string, survivors: readonly number[]): void {
  expect(anchor.start).toBeLessThan(anchor.end);
  expect(text.slice(anchor.start, anchor.end)).toBe(anchor.exact);
  for (const at of survivors) {
    expect(at).toBeGreaterThanOrEqual(anchor.start);
    expect(at).toBeLessThan(anchor.end);
  }
}

const RUNS = { seed: 20240611, numRuns: 300 };
const textsArbitrary = textArbitrary(30).filter((text) => text.length > 0);

/** Steps that only insert or only delete, where composing loses nothing that mapping needs. */
function oneKindSteps(kind: "insert" | "delete") {
  return stepsArbitrary.map((steps) =>
    steps.map((raw) =>
      raw.map((one) => (kind === "insert" ? { ...one, length: 0 } : { ...one, insert: "" })),
    ),
  );
}

describe("mapAnchor through random edit sequences", () => {
  const scenario = fc.tuple(textsArbitrary, spansArbitrary, stepsArbitrary);

  it("keeps every live anchor on its quote, and orphans only spans whose words all went", () => {
    fc.assert(
      fc.property(scenario, ([text, spans, steps]) => {
        const { finalText, tracked, stepwise } = replay(text, spans, steps);
        anchorsOn(text, spans).forEach((original, index) => {
          const mapped = stepwise[index] as Anchor;
          const survivors = survivorsOf(tracked, original);
          if (mapped.status === "orphaned") {
            expect(survivors).toEqual([]);
            expect(mapped.start).toBe(mapped.end);
          } else checkLive(mapped, finalText, survivors);
        });
      }),
      RUNS,
    );
  });

  it("orphans a span through one change set exactly when none of its characters survive", () => {
    fc.assert(
      fc.property(scenario, ([text, spans, steps]) => {
        const { finalText, tracked, composed } = replay(text, spans, steps);
        anchorsOn(text, spans).forEach((original, index) => {
          const mapped = composed[index] as Anchor;
          const survivors = survivorsOf(tracked, original);
          expect(mapped.status === "orphaned").toBe(survivors.length === 0);
          if (mapped.status === "orphaned")
            expect(mapped).toMatchObject({ exact: original.exact, prefix: original.prefix });
          else checkLive(mapped, finalText, survivors);
        });
      }),
      RUNS,
    );
  });

  it("keeps the quote of a span no edit reached", () => {
    fc.assert(
      fc.property(scenario, ([text, spans, steps]) => {
        const { tracked, stepwise } = replay(text, spans, steps);
        anchorsOn(text, spans).forEach((original, index) => {
          const survivors = survivorsOf(tracked, original);
          const length = original.end - original.start;
          const untouched =
            survivors.length === length &&
            (survivors.at(-1) as number) - (survivors[0] as number) === length - 1;
          if (untouched) expect((stepwise[index] as Anchor).exact).toBe(original.exact);
        });
      }),
      RUNS,
    );
  });

  it("never orphans step by step what the composed change set keeps", () => {
    fc.assert(
      fc.property(scenario, ([text, spans, steps]) => {
        const { stepwise, composed } = replay(text, spans, steps);
        stepwise.forEach((step, index) => {
          if (step.status === "orphaned")
            expect((composed[index] as Anchor).status).toBe("orphaned");
        });
      }),
      RUNS,
    );
  });

  it.each(["insert", "delete"] as const)(
    "gives the same anchors through the composed change set as step by step (%s only)",
    (kind) => {
      fc.assert(
        fc.property(textsArbitrary, spansArbitrary, oneKindSteps(kind), (text, spans, steps) => {
          const { stepwise, composed } = replay(text, spans, steps);
          composed.forEach((once, index) => {
            const step = stepwise[index] as Anchor;
            expect([once.start, once.end]).toEqual([step.start, step.end]);
            expect(once.status === "orphaned").toBe(step.status === "orphaned");
            // An orphan keeps the quote it had when its last words went, which differs by path.
            if (once.status !== "orphaned")
              expect([once.exact, once.prefix, once.suffix]).toEqual([
                step.exact,
                step.prefix,
                step.suffix,
              ]);
            // Net-unchanged anchors may have moved and come back step by step: only one way round.
            if (once.status === "remapped") expect(step.status).toBe("remapped");
          });
        }),
        RUNS,
      );
    },
  );

  it("round-trips every change set through JSON", () => {
    fc.assert(
      fc.property(textArbitrary(30), fc.array(rawEditArbitrary, { maxLength: 4 }), (text, raw) => {
        const changes = changeSetFromEdits(text.length, editsFor(text.length, raw));
        const back = changesFromJson(JSON.stringify(changesToJson(changes)), text.length);
        expect(applyChanges(text, back)).toBe(applyChanges(text, changes));
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
