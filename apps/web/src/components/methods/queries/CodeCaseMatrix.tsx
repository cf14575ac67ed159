/**
 * The code × case matrix: cases as rows (grouped and sorted by a chosen attribute, then by name;
 * optionally only the cases with one attribute value), codes as columns, each cell the number of
 * passages shaded by one sequential hue so strength reads as depth. It is an ARIA grid: arrows move
 * between cells, Enter (or a click) runs the query for that code in that case.
 */
// biome-ignore-all lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern on a table keeps its layout and header semantics
import type { AttributeValue } from "@quire/core";
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { type MatrixFilter, useCodeCaseMatrix } from "../../../api/code-queries.js";
import { useAttributes } from "../../../api/queries.js";
import { AttributeFilter } from "../../AttributeFilter.js";
import { truncate } from "../../charts/scales.js";
import { type GridPosition, moveInGrid } from "../framework/grid-navigation.js";
import { cellShade } from "./heat.js";

export interface CodeCaseMatrixProps {
  projectKey: string;
  onOpenCell(cell: { codeId: string; caseId: string; caseName: string }): void;
}

function valueText(value: AttributeValue | undefined): string {
  return value === undefined ? "" : String(value);
}

export function CodeCaseMatrix({ projectKey, onOpenCell }: CodeCaseMatrixProps) {
  const attributes = useAttributes(projectKey).data ?? [];
  const [groupBy, setGroupBy] = useState("");
  const [where, setWhere] = useState<{ attribute: string; value: string }>({
    attribute: "",
    value: "",
  });
  const filter = useMemo<MatrixFilter>(
    () => (where.attribute && where.value ? { where } : {}),
    [where],
  );
  const matrix = useCodeCaseMatrix(projectKey, filter);
  const groupId = useId();
  const headingId = useId();

  const rows = useMemo(() => {
    const cases = [...(matrix.data?.cases ?? [])];
    if (groupBy)
      cases.sort(
        (a, b) =>
          valueText(a.attributes[groupBy]).localeCompare(valueText(b.attributes[groupBy]), "en", {
            numeric: true,
          }) || a.name.localeCompare(b.name),
      );
    return cases;
  }, [matrix.data, groupBy]);
  const codes = matrix.data?.codes ?? [];
  const max = matrix.data?.max ?? 0;

  return (
    <section className="q-matrix" aria-labelledby={headingId}>
      <header className="q-section-head">
        <h2 id={headingId}>Code × case</h2>
        <div className="filter-row q-matrix-controls">
          <label htmlFor={groupId} className="visually-hidden">
            Group rows by
          </label>
          <select id={groupId} value={groupBy} onChange={(event) => setGroupBy(event.target.value)}>
            <option value="">Rows by case name</option>
            {attributes.map((attribute) => (
              <option key={attribute.id} value={attribute.name}>
                Rows grouped by {attribute.name}
              </option>
            ))}
          </select>
          <AttributeFilter
            attributes={attributes}
            attribute={where.attribute}
            value={where.value}
            label="Only cases with attribute"
            anyLabel="All cases"
            onChange={(attribute, value) => setWhere({ attribute, value })}
          />
        </div>
      </header>
      <p className="chart-summary">
        Passages of each code in each case’s sources; darker is more. Counts say how often something
        was coded, not how often it happens. Choose a cell to read its passages.
      </p>
      {matrix.isError && <p role="alert">{matrix.error.message}</p>}
      {matrix.data?.blindCoder && (
        <p className="q-note">
          Blind coding is on: {matrix.data.blindCoder}’s codings only, until they are revealed.
        </p>
      )}
      {matrix.data && (codes.length === 0 || rows.length === 0) ? (
        <p className="empty-note">No coded passages in these cases yet.</p>
      ) : (
        matrix.data && (
          <MatrixGrid
            codes={codes}
            rows={rows}
            max={max}
            groupBy={groupBy}
            onOpenCell={onOpenCell}
          />
        )
      )}
    </section>
  );
}

interface GridProps {
  codes: { codeId: string; name: string; path: string; color: string; segments: number }[];
  rows: {
    caseId: string;
    name: string;
    attributes: Record<string, AttributeValue>;
    counts: number[];
    segments: number;
  }[];
  max: number;
  groupBy: string;
  onOpenCell: CodeCaseMatrixProps["onOpenCell"];
}

function MatrixGrid({ codes, rows, max, groupBy, onOpenCell }: GridProps) {
  const [at, setActive] = useState<GridPosition>({ row: 0, col: 1 });
  const moved = useRef(false);
  const tableRef = useRef<HTMLTableElement>(null);
  const size = { rows: rows.length, cols: codes.length + 1 };

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    tableRef.current
      ?.querySelector<HTMLElement>(`[data-row="${at.row}"][data-col="${at.col}"]`)
      ?.focus();
  }, [at.row, at.col]);

  const open = (r: number, c: number) => {
    const row = rows[r];
    const code = codes[c - 1];
    if (row && code && (row.counts[c - 1] ?? 0) > 0)
      onOpenCell({ codeId: code.codeId, caseId: row.caseId, caseName: row.name });
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const from = {
      row: Number(event.currentTarget.dataset.row),
      col: Number(event.currentTarget.dataset.col),
    };
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open(from.row, from.col);
      return;
    }
    const next = moveInGrid(from, event.key, size, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    moved.current = true;
    setActive(next);
  };

  const focusable = (r: number, c: number) =>
    (at.row >= rows.length ? 0 : at.row) === r && at.col === c ? 0 : -1;

  return (
    <div className="q-matrix-scroll">
      <table
        ref={tableRef}
        role="grid"
        className="q-matrix-table"
        aria-label="Code × case matrix: passages per code and case"
        aria-rowcount={rows.length + 1}
      >
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="q-corner">
              Case{groupBy ? ` · ${groupBy}` : ""}
            </th>
            {codes.map((code) => (
              <th key={code.codeId} scope="col" className="q-code-head" title={code.path}>
                <span className="q-code-name" style={{ borderColor: code.color }}>
                  {truncate(code.name, 28)}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => {
            const group = groupBy ? valueText(row.attributes[groupBy]) : "";
            const previous = groupBy ? valueText(rows[r - 1]?.attributes[groupBy]) : "";
            const startsGroup = groupBy !== "" && (r === 0 || group !== previous);
            return (
              <tr
                key={row.caseId}
                aria-rowindex={r + 2}
                className={startsGroup && r > 0 ? "q-group-start" : undefined}
              >
                <th
                  scope="row"
                  className="q-case"
                  data-row={r}
                  data-col={0}
                  tabIndex={focusable(r, 0)}
                  onFocus={() => setActive({ row: r, col: 0 })}
                  onKeyDown={handleKeyDown}
                >
                  {row.name}
                  <span className="q-case-group">
                    {groupBy ? `${group || "no value"} · ` : ""}
                    {row.segments} passage{row.segments === 1 ? "" : "s"}
                  </span>
                </th>
                {codes.map((code, c) => {
                  const count = row.counts[c] ?? 0;
                  const shade = cellShade(count, max);
                  const name = `${code.path} in ${row.name}: ${count} passage${count === 1 ? "" : "s"}`;
                  return (
                    <td
                      key={code.codeId}
                      role="gridcell"
                      className={count > 0 ? "q-cell" : "q-cell empty"}
                      data-row={r}
                      data-col={c + 1}
                      data-count={count}
                      aria-label={count > 0 ? `${name}, choose to read them` : name}
                      title={name}
                      tabIndex={focusable(r, c + 1)}
                      style={shade ?? undefined}
                      onFocus={() => setActive({ row: r, col: c + 1 })}
                      onClick={() => open(r, c + 1)}
                      onKeyDown={handleKeyDown}
                    >
                      {count > 0 ? count : ""}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
