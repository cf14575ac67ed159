// @vitest-environment happy-dom
/**
 * The source list stays small in the DOM however many sources there are: with 100,000 sources only
 * the rows on screen are rendered, and the filter goes to the server.
 */
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getUi } from "../state/ui-store.js";
import { renderWithData, stubApi } from "../test/render.js";
import { SourceList } from "./SourceList.js";

const TOTAL = 100_000;

function page(url: URL) {
  const offset = Number(url.searchParams.get("offset") ?? 0);
  const limit = Number(url.searchParams.get("limit") ?? 50);
  const title = url.searchParams.get("title");
  const count = title ? 1 : Math.min(limit, TOTAL - offset);
  return {
    total: title ? 1 : TOTAL,
    sources: Array.from({ length: count }, (_, index) => ({
      id: `s${offset + index}`,
      title: title ? `Response ${title}` : `Response ${offset + index + 1}`,
      kind: "response",
      caseId: null,
      caseName: null,
      length: 120,
      codingCount: 0,
      position: offset + index,
      createdAt: "2026-01-01",
    })),
  };
}

/** happy-dom lays nothing out: give the scroller the client size the virtualiser reads. */
function layOut() {
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(280);
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
}

describe("SourceList", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    cleanup();
    vi.unstubAllGlobals();
  });

  it("renders a window of rows out of 100,000 and opens one", async () => {
    layOut();
    stubApi({ "/projects/demo/sources": page });
    renderWithData(<SourceList />);
    await screen.findByRole("button", { name: /Response 1\b/ });
    expect(screen.getByRole("heading", { name: /Sources/ }).textContent).toContain("100,000");
    expect(screen.getAllByRole("listitem").length).toBeLessThan(60);
    fireEvent.click(screen.getByRole("button", { name: /Response 2\b/ }));
    expect(getUi().sourceId).toBe("s1");
  });

  it("sends the filter to the server", async () => {
    layOut();
    const calls = stubApi({ "/projects/demo/sources": page });
    renderWithData(<SourceList />);
    fireEvent.change(screen.getByRole("searchbox", { name: /Filter sources/ }), {
      target: { value: "P07" },
    });
    await screen.findByRole("button", { name: /Response P07/ });
    await waitFor(() => expect(calls.length).toBeGreaterThan(1));
  });
});
