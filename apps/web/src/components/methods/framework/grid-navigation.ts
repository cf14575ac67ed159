/**
 * Where focus goes in a data grid for a key (the ARIA grid pattern): arrows move one cell, Home and
 * End to the row's ends, Ctrl+Home and Ctrl+End to the grid's corners, Page Up/Down by a page of
 * rows. Pure, so the charting matrix's keyboard path is tested without a browser.
 */

export interface GridPosition {
  row: number;
  col: number;
}

/** Rows a Page Up/Down jumps. */
const PAGE_ROWS = 10;

/**
 * The position a key moves to in a grid of `rows` × `cols`, or null when the key is not a
 * navigation key (so the caller lets it through).
 */
export function moveInGrid(
  at: GridPosition,
  key: string,
  size: { rows: number; cols: number },
  ctrl = false,
): GridPosition | null {
  const lastRow = Math.max(0, size.rows - 1);
  const lastCol = Math.max(0, size.cols - 1);
  const clamp = (row: number, col: number): GridPosition => ({
    row: Math.min(lastRow, Math.max(0, row)),
    col: Math.min(lastCol, Math.max(0, col)),
  });
  switch (key) {
    case "ArrowUp":
      return clamp(at.row - 1, at.col);
    case "ArrowDown":
      return clamp(at.row + 1, at.col);
    case "ArrowLeft":
      return clamp(at.row, at.col - 1);
    case "ArrowRight":
      return clamp(at.row, at.col + 1);
    case "Home":
      return ctrl ? clamp(0, 0) : clamp(at.row, 0);
    case "End":
      return ctrl ? clamp(lastRow, lastCol) : clamp(at.row, lastCol);
    case "PageUp":
      return clamp(at.row - PAGE_ROWS, at.col);
    case "PageDown":
      return clamp(at.row + PAGE_ROWS, at.col);
    default:
      return null;
  }
}
