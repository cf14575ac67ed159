/**
 * The charting matrix as an ARIA grid: one row per case (its name as the row header), one column
 * per framework code under two header rows (category, then code). Each cell shows its summary or
 * its state; prefilled coded text is flagged "Not yet summarised" so it never passes for a summary.
 * One cell is in the tab order (roving tabindex); the arrow keys, Home/End and Page Up/Down move
 * between cells, and Enter, Space or a click opens the cell in the editor.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { ChartMatrix, MatrixCell, MatrixRow } from "../../../api/framework.js";
import { CELL_STATE_TEXT } from "./cell-states.js";
import { type GridPosition, moveInGrid } from "./grid-navigation.js";

export interface OpenCell {
  caseId: string;
  codeId: string;
}

interface ChartingMatrixProps {
  matrix: ChartMatrix;
  /** The cell the editor shows, marked as selected. */
  open: OpenCell | null;
  /** Attributes shown under each case's name. */
  shownAttributes: readonly string[];
  onOpen(cell: OpenCell): void;
}

function attributeText(value: unknown): string {
  return value === null || value === undefined || value === "" ? "—" : String(value);
}

function CellContent({ cell }: { cell: MatrixCell }) {
  switch (cell.state) {
    case "charted":
      return <span className="fw-summary">{cell.summary}</span>;
    case "unsummarised":
      return (
        <>
          <span className="fw-flag">{CELL_STATE_TEXT.unsummarised}</span>
          <span className="fw-prefill">{cell.summary}</span>
        </>
      );
    case "not_discussed":
      return <span className="fw-state">{CELL_STATE_TEXT.not_discussed}</span>;
    default:
      return <span className="fw-state faint">{CELL_STATE_TEXT.not_yet_charted}</span>;
  }
}

export function ChartingMatrix({ matrix, open, shownAttributes, onOpen }: ChartingMatrixProps) {
  const tableRef = useRef<HTMLTableElement>(null);
  const [active, setActive] = useState<GridPosition>({ row: 0, col: 1 });
  const moved = useRef(false);
  const codes = matrix.columns.flatMap((column) => column.codes);
  const size = { rows: matrix.rows.length, cols: codes.length + 1 };
  // Rows come and go with filters: keep the roving cell inside the grid.
  const at: GridPosition = {
    row: Math.min(active.row, Math.max(0, size.rows - 1)),
    col: Math.min(active.col, Math.max(0, size.cols - 1)),
  };

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    tableRef.current
      ?.querySelector<HTMLElement>(`[data-row="${at.row}"][data-col="${at.col}"]`)
      ?.focus();
  }, [at.row, at.col]);

  const openAt = (row: MatrixRow | undefined, col: number) => {
    const cell = row?.cells[col - 1];
    if (row && cell) onOpen({ caseId: row.caseId, codeId: cell.codeId });
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.currentTarget;
    const from = { row: Number(target.dataset.row), col: Number(target.dataset.col) };
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openAt(matrix.rows[from.row], from.col);
      return;
    }
    const next = moveInGrid(from, event.key, size, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    moved.current = true;
    setActive(next);
  };

  const isOpen = (row: MatrixRow, cell: MatrixCell) =>
    open?.caseId === row.caseId && open.codeId === cell.codeId;

  return (
    <div className="fw-matrix-scroll">
      <table
        ref={tableRef}
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern on a table keeps its layout and header semantics
        role="grid"
        className="fw-matrix"
        aria-label="Charting matrix: cases by framework codes"
        aria-rowcount={matrix.rows.length + 2}
      >
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" rowSpan={2} className="fw-corner">
              Case
            </th>
            {matrix.columns.map((column) => (
              <th
                key={column.categoryId}
                scope="colgroup"
                colSpan={column.codes.length}
                className="fw-category"
              >
                {column.categoryName}
              </th>
            ))}
          </tr>
          <tr aria-rowindex={2}>
            {codes.map((code) => (
              <th key={code.codeId} scope="col" className="fw-code" title={code.name}>
                <span className="fw-index">{code.abbreviation}</span> {code.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row, r) => (
            <tr key={row.caseId} aria-rowindex={r + 3}>
              <th
                scope="row"
                className="fw-case"
                data-row={r}
                data-col={0}
                tabIndex={at.row === r && at.col === 0 ? 0 : -1}
                onFocus={() => setActive({ row: r, col: 0 })}
                onKeyDown={handleKeyDown}
              >
                {row.caseName}
                {shownAttributes.length > 0 && (
                  <span className="fw-case-attributes">
                    {shownAttributes
                      .map((name) => `${name}: ${attributeText(row.attributes[name])}`)
                      .join(" · ")}
                  </span>
                )}
              </th>
              {row.cells.map((cell, c) => (
                <td
                  key={cell.codeId}
                  // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a cell of the grid above
                  role="gridcell"
                  className={`fw-cell state-${cell.state}`}
                  data-row={r}
                  data-col={c + 1}
                  data-state={cell.state}
                  aria-selected={isOpen(row, cell)}
                  tabIndex={at.row === r && at.col === c + 1 ? 0 : -1}
                  onFocus={() => setActive({ row: r, col: c + 1 })}
                  onClick={() => openAt(row, c + 1)}
                  onKeyDown={handleKeyDown}
                >
                  <CellContent cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
