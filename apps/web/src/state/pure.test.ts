/** The palette's choices and the codebook's tree arithmetic: pure functions, tested without a DOM. */
import { describe, expect, it } from "vitest";
import { code } from "../test/render.js";
import { canMove, subtreeIds, visibleRows } from "./code-tree.js";
import { paletteItems } from "./palette-items.js";

const codes = [
  { ...code("a", "Trust"), path: "Trust" },
  { ...code("b", "In doctors", "a"), path: "Trust / In doctors" },
  { ...code("c", "Distrust of tests", "a"), path: "Trust / Distrust of tests" },
  { ...code("d", "Work"), path: "Work" },
];

describe("paletteItems", () => {
  it("lists recent codes first with their digit when nothing is typed", () => {
    const items = paletteItems(codes, ["d", "b"], "", { hasSelection: true });
    expect(items.slice(0, 2)).toEqual([
      { kind: "code", code: codes[3], recentIndex: 0 },
      { kind: "code", code: codes[1], recentIndex: 1 },
    ]);
    expect(items.at(-1)).toEqual({ kind: "in-vivo" });
  });

  it("ranks a name that starts with the query before a path that contains it", () => {
    const items = paletteItems(codes, [], "dist", { hasSelection: false });
    expect(items[0]).toMatchObject({ kind: "code", code: { id: "c" } });
  });

  it("offers to create a code when no name matches exactly, and not when one does", () => {
    expect(paletteItems(codes, [], "Waiting", { hasSelection: false })).toEqual([
      { kind: "create", name: "Waiting" },
    ]);
    expect(
      paletteItems(codes, [], "work", { hasSelection: false }).map((item) => item.kind),
    ).toEqual(["code"]);
  });
});

describe("the code tree", () => {
  it("shows children under their parent and hides them when it is collapsed", () => {
    expect(visibleRows(codes, new Set()).map((row) => [row.code.id, row.depth])).toEqual([
      ["a", 0],
      ["c", 1],
      ["b", 1],
      ["d", 0],
    ]);
    expect(visibleRows(codes, new Set(["a"])).map((row) => row.code.id)).toEqual(["a", "d"]);
  });

  it("never moves a code under itself or its descendants", () => {
    expect([...subtreeIds(codes, "a")].sort()).toEqual(["a", "b", "c"]);
    expect(canMove(codes, "a", "b")).toBe(false);
    expect(canMove(codes, "b", "d")).toBe(true);
    expect(canMove(codes, "a", null)).toBe(true);
  });
});
