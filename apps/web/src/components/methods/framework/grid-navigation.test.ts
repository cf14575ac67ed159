/** The charting matrix's keyboard path: arrows, ends, corners and pages stay inside the grid. */
import { describe, expect, it } from "vitest";
import { moveInGrid } from "./grid-navigation.js";

const size = { rows: 12, cols: 4 };

describe("moveInGrid", () => {
  it("moves one cell with the arrows and stops at the edges", () => {
    expect(moveInGrid({ row: 0, col: 0 }, "ArrowRight", size)).toEqual({ row: 0, col: 1 });
    expect(moveInGrid({ row: 0, col: 1 }, "ArrowDown", size)).toEqual({ row: 1, col: 1 });
    expect(moveInGrid({ row: 0, col: 0 }, "ArrowUp", size)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 11, col: 3 }, "ArrowRight", size)).toEqual({ row: 11, col: 3 });
  });

  it("goes to the row's ends with Home/End and the grid's corners with Ctrl", () => {
    expect(moveInGrid({ row: 5, col: 2 }, "Home", size)).toEqual({ row: 5, col: 0 });
    expect(moveInGrid({ row: 5, col: 2 }, "End", size)).toEqual({ row: 5, col: 3 });
    expect(moveInGrid({ row: 5, col: 2 }, "Home", size, true)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 5, col: 2 }, "End", size, true)).toEqual({ row: 11, col: 3 });
  });

  it("pages by ten rows, clamped", () => {
    expect(moveInGrid({ row: 5, col: 1 }, "PageDown", size)).toEqual({ row: 11, col: 1 });
    expect(moveInGrid({ row: 5, col: 1 }, "PageUp", size)).toEqual({ row: 0, col: 1 });
  });

  it("lets other keys through", () => {
    expect(moveInGrid({ row: 0, col: 0 }, "a", size)).toBeNull();
    expect(moveInGrid({ row: 0, col: 0 }, "Enter", size)).toBeNull();
  });
});
