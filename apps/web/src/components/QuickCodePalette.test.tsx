// @vitest-environment happy-dom
/**
 * The quick-code palette: type to filter, arrows to choose, Enter applies the code to the selection
 * through the open viewer; a name no code has becomes a new code first.
 */
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setActiveViewer, type ViewerController } from "../editor/viewer-controller.js";
import { getUi, setUi } from "../state/ui-store.js";
import { code, renderWithData, stubApi } from "../test/render.js";
import { QuickCodePalette } from "./QuickCodePalette.js";

function fakeViewer() {
  const viewer = {
    context: { codes: new Map() },
    applyCode: vi.fn(async () => true),
    codeTurn: vi.fn(async () => true),
    codeInVivo: vi.fn(async () => true),
    view: { focus: vi.fn() },
  };
  setActiveViewer(viewer as unknown as ViewerController);
  return viewer;
}

const codes = [code("w", "Waiting"), code("t", "Trust"), code("s", "Stigma")];

describe("QuickCodePalette", () => {
  afterEach(() => {
    cleanup();
    setActiveViewer(null);
    vi.unstubAllGlobals();
  });

  it("filters as you type and applies the chosen code with Enter", async () => {
    const viewer = fakeViewer();
    renderWithData(<QuickCodePalette />, {
      codes,
      ui: { cursor: { from: 3, to: 9, head: 9 }, recentCodeIds: ["t"] },
    });
    act(() => setUi({ paletteOpen: true, paletteScope: "selection" }));
    const input = await screen.findByRole("combobox", { name: "Find or create a code" });
    expect(screen.getAllByRole("option").map((option) => option.textContent)).toContain("Trust1");
    fireEvent.change(input, { target: { value: "s" } });
    expect(screen.getAllByRole("option")[0]?.textContent).toContain("Stigma");
    fireEvent.keyDown(input, { key: "ArrowDown" });
    const active = screen
      .getAllByRole("option")
      .find((option) => option.getAttribute("aria-selected") === "true");
    expect(input.getAttribute("aria-activedescendant")).toBe(active?.id);
    fireEvent.keyDown(input, { key: "ArrowUp" });
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(viewer.applyCode).toHaveBeenCalledWith("s"));
    expect(getUi().paletteOpen).toBe(false);
  });

  it("creates a code from what was typed, then applies it to the whole turn", async () => {
    const viewer = fakeViewer();
    const calls = stubApi({ "POST /projects/demo/codes": () => code("n", "Waiting room") });
    renderWithData(<QuickCodePalette />, { codes, ui: { cursor: { from: 4, to: 4, head: 4 } } });
    act(() => setUi({ paletteOpen: true, paletteScope: "turn" }));
    const input = await screen.findByRole("combobox", { name: "Find or create a code" });
    fireEvent.change(input, { target: { value: "Waiting room" } });
    const create = screen.getAllByRole("option").at(-1);
    expect(create?.textContent).toContain("Create code “Waiting room”");
    fireEvent.mouseDown(create as HTMLElement);
    await waitFor(() => expect(viewer.codeTurn).toHaveBeenCalledWith("n"));
    expect(calls[0]).toMatchObject({ method: "POST", body: { name: "Waiting room" } });
  });

  it("applies a recent code with its digit", async () => {
    const viewer = fakeViewer();
    renderWithData(<QuickCodePalette />, {
      codes,
      ui: { cursor: { from: 3, to: 9, head: 9 }, recentCodeIds: ["s", "w"] },
    });
    act(() => setUi({ paletteOpen: true }));
    const input = await screen.findByRole("combobox", { name: "Find or create a code" });
    fireEvent.keyDown(input, { key: "2" });
    await waitFor(() => expect(viewer.applyCode).toHaveBeenCalledWith("w"));
  });
});
