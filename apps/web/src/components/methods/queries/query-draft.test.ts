/** The builder's draft to and from the wire's query, the query in words, and the matrix shading. */
import { describe, expect, it } from "vitest";
import { cellShade } from "./heat.js";
import {
  describeQuery,
  draftProblem,
  draftToQuery,
  EMPTY_DRAFT,
  type QueryDraft,
  queryToDraft,
} from "./query-draft.js";

const names: Record<string, string> = {
  s: "Shared responsibility",
  d: "Feeling dismissed",
  l: "Feeling listened to",
};
const name = (id: string) => names[id] ?? id;

describe("query drafts", () => {
  it("says why a draft cannot run yet", () => {
    expect(draftProblem(EMPTY_DRAFT)).toMatch(/Any of/);
    const some = { ...EMPTY_DRAFT, anyOf: ["s"] };
    expect(draftProblem(some)).toBeNull();
    expect(draftProblem({ ...some, near: "within", withinChars: "ten" })).toMatch(/whole number/);
    expect(
      draftProblem({
        ...some,
        where: [
          { attribute: "arm", value: "CBT" },
          { attribute: "site", value: " " },
        ],
      }),
    ).toMatch(/value of site/);
    // A row with no attribute chosen yet is no problem; it is left out.
    expect(draftProblem({ ...some, where: [{ attribute: "", value: "" }] })).toBeNull();
    expect(draftToQuery({ ...some, where: [{ attribute: "", value: "" }] })).toEqual({
      codes: ["s"],
    });
  });

  it("leaves empty parts out, and the proximity unless AND or NOT codes use it", () => {
    expect(draftToQuery({ ...EMPTY_DRAFT, anyOf: ["s"], near: "turn" })).toEqual({ codes: ["s"] });
    const full: QueryDraft = {
      ...EMPTY_DRAFT,
      anyOf: ["s"],
      allOf: ["l"],
      noneOf: ["d"],
      near: "within",
      withinChars: " 200 ",
      where: [
        { attribute: "arm", value: "CBT" },
        { attribute: "site", value: " Leeds " },
      ],
      coder: " demo ",
      sourceKind: "interview",
    };
    expect(draftToQuery(full)).toEqual({
      codes: ["s"],
      and: ["l"],
      not: ["d"],
      near: { kind: "within", chars: 200 },
      where: { arm: "CBT", site: "Leeds" },
      coder: "demo",
      sourceKinds: ["interview"],
    });
    expect(queryToDraft(draftToQuery(full))).toEqual({
      ...full,
      withinChars: "200",
      where: [
        { attribute: "arm", value: "CBT" },
        { attribute: "site", value: "Leeds" },
      ],
      coder: "demo",
    });
  });

  it("keeps every attribute condition of a saved query, in order, and saves them all again", () => {
    const saved = { codes: ["s"], where: { arm: "CBT", site: "Leeds", gender: "F" } };
    const draft = queryToDraft(saved);
    expect(draft.where).toEqual([
      { attribute: "arm", value: "CBT" },
      { attribute: "site", value: "Leeds" },
      { attribute: "gender", value: "F" },
    ]);
    expect(draftToQuery(draft)).toEqual(saved);
    expect(queryToDraft({ codes: ["s"] }).where).toEqual([]);
  });

  it("reads a query out in words", () => {
    expect(describeQuery({ codes: ["s"], not: ["d"], where: { arm: "CBT" } }, name)).toBe(
      "Shared responsibility AND NOT Feeling dismissed (overlapping) · arm = CBT",
    );
    expect(
      describeQuery(
        { codes: ["s", "l"], and: ["d"], near: { kind: "within", chars: 40 }, coder: "AS" },
        name,
      ),
    ).toBe(
      "(Shared responsibility OR Feeling listened to) AND Feeling dismissed (within 40 characters) · coded by AS",
    );
    expect(describeQuery({ codes: ["s"], where: { arm: "CBT", site: "Leeds" } }, name)).toBe(
      "Shared responsibility · arm = CBT · site = Leeds",
    );
    expect(describeQuery({ codes: ["s"], sourceKinds: ["focus_group"] }, name)).toBe(
      "Shared responsibility · Focus groups",
    );
  });
});

describe("matrix shading", () => {
  it("shades nothing for an empty cell, light with ink below the top quarter, dark with white above", () => {
    expect(cellShade(0, 5)).toBeNull();
    expect(cellShade(1, 10)).toMatchObject({ color: "var(--ink)" });
    expect(cellShade(10, 10)).toEqual({ background: "#1f5551", color: "#ffffff" });
    const light = cellShade(7, 10)?.background ?? "";
    const lighter = cellShade(2, 10)?.background ?? "";
    // Darker means a smaller sum of channels.
    const sum = (hex: string) =>
      [1, 3, 5].reduce((total, i) => total + Number.parseInt(hex.slice(i, i + 2), 16), 0);
    expect(sum(light)).toBeLessThan(sum(lighter));
  });
});
