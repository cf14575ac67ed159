// @vitest-environment happy-dom
/**
 * The codebook tree: counts in the accessible names, folding with the arrow keys, picking codes for
 * retrieval (Ctrl-click adds), and renaming in place with F2.
 */
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getUi } from "../state/ui-store.js";
import { code, renderWithData, stubApi } from "../test/render.js";
import { Codebook } from "./Codebook.js";

const codes = [
  code("d", "Reaching a diagnosis", null, [0, 0]),
  code("l", "Last resort", "d", [3, 2]),
  code("w", "Work", null, [5, 4]),
];

describe("Codebook", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("shows the tree with counts and folds it from the keyboard", () => {
    renderWithData(<Codebook />, { codes });
    const items = screen.getAllByRole("treeitem");
    expect(items.map((item) => item.getAttribute("aria-label"))).toEqual([
      "Reaching a diagnosis, 0 codings in 0 sources",
      "Last resort, 3 codings in 2 sources",
      "Work, 5 codings in 4 sources",
    ]);
    expect(items[1]?.getAttribute("aria-level")).toBe("2");
    fireEvent.keyDown(items[0] as HTMLElement, { key: "ArrowLeft" });
    expect(screen.getAllByRole("treeitem")).toHaveLength(2);
    expect(screen.getAllByRole("treeitem")[0]?.getAttribute("aria-expanded")).toBe("false");
  });

  it("picks one code on click and adds more with Ctrl-click", () => {
    renderWithData(<Codebook />, { codes });
    fireEvent.click(screen.getByRole("treeitem", { name: /^Work/ }));
    expect(getUi().selectedCodeIds).toEqual(["w"]);
    fireEvent.click(screen.getByRole("treeitem", { name: /^Last resort/ }), { ctrlKey: true });
    expect(getUi().selectedCodeIds).toEqual(["w", "l"]);
    expect(getUi().sideTab).toBe("retrieve");
  });

  it("renames a code in place with F2", async () => {
    const calls = stubApi({ "PATCH /projects/demo/codes/w": () => code("w", "Paid work") });
    renderWithData(<Codebook />, { codes });
    fireEvent.keyDown(screen.getByRole("treeitem", { name: /^Work/ }), { key: "F2" });
    const input = screen.getByRole("textbox", { name: "New name for Work" });
    fireEvent.change(input, { target: { value: "Paid work" } });
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() =>
      expect(calls).toContainEqual({
        method: "PATCH",
        path: "/projects/demo/codes/w",
        body: { name: "Paid work" },
      }),
    );
  });
});
