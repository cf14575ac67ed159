/**
 * The Agreement view's pure parts: the words for values (bands, undefined cases, parts), the plans
 * that resolve a disagreement, and the cutting of a lane's text.
 */
import { describe, expect, it } from "vitest";
import type { Disagreement } from "../../../api/agreement.js";
import { lanePieces, laneWindow } from "./lanes.js";
import { kappaBand, measuresFor, partsOf, readValue } from "./measures.js";
import { planAdopt, planDrop } from "./resolve.js";

describe("reading agreement values", () => {
  it("puts κ into Landis & Koch's words and α into Krippendorff's thresholds", () => {
    expect([-0.1, 0.1, 0.3, 0.5, 0.7, 0.9].map(kappaBand)).toEqual([
      "poor: worse than chance",
      "slight agreement",
      "fair agreement",
      "moderate agreement",
      "substantial agreement",
      "almost perfect agreement",
    ]);
    const alpha = (value: number) => readValue("alpha", { value, undefinedReason: null }).words;
    expect([0.85, 0.7, 0.5].map(alpha)).toEqual([
      "reliable (α ≥ .800)",
      "tentative conclusions only (α ≥ .667)",
      "unreliable (α < .667)",
    ]);
    expect(readValue("cohen", { value: 0.7345, undefinedReason: null })).toMatchObject({
      figure: "0.735",
      tone: "good",
    });
    // Never "-0.000": a tiny value keeps its sign and two significant digits.
    expect(readValue("alpha", { value: -0.00012, undefinedReason: null }).figure).toBe("-0.00012");
    expect(readValue("alpha", { value: 0, undefinedReason: null }).figure).toBe("0.000");
    expect(readValue("percent", { value: 0.9123, undefinedReason: null })).toMatchObject({
      figure: "91.2 %",
      words: "not corrected for chance",
    });
  });

  it("says why a value is undefined instead of showing NaN", () => {
    const none = readValue("alpha", { value: null, undefinedReason: "no-variation" });
    expect(none.figure).toBe("undefined");
    expect(none.short).toBe("undefined: every coder gave one value");
    expect(none.words).toContain("0/0");
    expect(readValue("cohen", { value: null, undefinedReason: "no-data" }).short).toBe(
      "undefined: nothing to compare",
    );
    expect(readValue("fleiss", { value: Number.NaN, undefinedReason: null }).figure).toBe(
      "undefined",
    );
    expect(readValue("fleiss", undefined).figure).toBe("—");
  });

  it("lists the parts a value rests on", () => {
    const parts = partsOf("alpha", {
      value: 0.5,
      undefinedReason: null,
      observedDisagreement: 0.02,
      expectedDisagreement: 0.04,
      units: 12345,
    });
    expect(parts).toBe(
      "observed disagreement 0.020 · expected 0.040 · 12,345 units (a character, per code)",
    );
    expect(
      partsOf("percent", { value: 0.9, undefinedReason: null, observedDisagreement: 0.1 }),
    ).toBe("observed disagreement 0.100");
  });

  it("offers Cohen's κ and Scott's π for two coders only", () => {
    expect(measuresFor(2)).toContain("cohen");
    expect(measuresFor(3)).toEqual(["percent", "fleiss", "alpha", "u-alpha"]);
  });
});

describe("resolving a disagreement", () => {
  const stretch: Disagreement = {
    start: 10,
    end: 20,
    text: "0123456789",
    codedBy: ["demo"],
    notCodedBy: ["ann"],
  };
  const coding = (id: string, coder: string, start: number, end: number) => ({
    id,
    codeId: "c",
    coder,
    start,
    end,
  });

  it("lets a coder who left the stretch uncoded adopt it, and nobody else", () => {
    expect(planAdopt(stretch, "ann")).toEqual({
      ok: true,
      operations: [{ op: "create", start: 10, end: 20 }],
    });
    expect(planAdopt(stretch, "demo")).toMatchObject({ ok: false });
    const third = planAdopt(stretch, "pi");
    expect(third.ok ? "" : third.reason).toContain("ann");
  });

  it("trims the codings that cover the stretch, each keeping its coder", () => {
    const codings = [
      coding("inside", "demo", 12, 18),
      coding("left", "demo", 5, 14),
      coding("right", "demo", 16, 30),
      { ...coding("other code", "demo", 0, 40), codeId: "d" },
      coding("ann's", "ann", 0, 10),
    ];
    expect(planDrop(stretch, "c", codings, "ann")).toEqual({
      ok: true,
      operations: [
        { op: "delete", id: "inside" },
        { op: "resize", id: "left", start: 5, end: 10 },
        { op: "resize", id: "right", start: 20, end: 30 },
      ],
    });
  });

  it("splits a coding around the stretch only for its own coder", () => {
    const around = [coding("around", "demo", 0, 40)];
    expect(planDrop(stretch, "c", around, "demo")).toEqual({
      ok: true,
      operations: [
        { op: "resize", id: "around", start: 0, end: 10 },
        { op: "create", start: 20, end: 40 },
      ],
    });
    expect(planDrop(stretch, "c", around, "ann")).toMatchObject({ ok: false });
    expect(planDrop(stretch, "c", [], "ann")).toMatchObject({ ok: false });
  });
});

describe("lane text", () => {
  it("cuts the window at every edge and marks coded and current pieces", () => {
    const pieces = lanePieces(0, 30, [{ start: 5, end: 15 }], { start: 10, end: 20 });
    expect(pieces.map((p) => [p.start, p.end, p.coded, p.current])).toEqual([
      [0, 5, false, false],
      [5, 10, true, false],
      [10, 15, true, true],
      [15, 20, false, true],
      [20, 30, false, false],
    ]);
  });

  it("keeps context either side, widened to whole words", () => {
    const text = `${"word ".repeat(100)}middle${" word".repeat(100)}`;
    const start = text.indexOf("middle");
    const window = laneWindow(text, start, start + 6);
    expect(window.start).toBeLessThan(start);
    expect(window.end).toBeGreaterThan(start + 6);
    expect(text[window.start - 1]).toBe(" ");
    expect(laneWindow("short", 1, 3)).toEqual({ start: 0, end: 5 });
  });
});
