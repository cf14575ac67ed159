/**
 * The frame every analysis chart sits in: a titled figure with a one-sentence summary (what a
 * screen reader hears first, and what a hurried reader needs), and a "Show as table" toggle that
 * swaps the picture for the same numbers as a table.
 */
import { type ReactNode, useId, useState } from "react";

export interface ChartFrameProps {
  title: string;
  summary: ReactNode;
  /** The same numbers as a table; without it the chart is its own alternative (e.g. a table). */
  table?: ReactNode;
  /** Options shown beside the title (attribute, rule…). */
  controls?: ReactNode;
  children: ReactNode;
}

export function ChartFrame({ title, summary, table, controls, children }: ChartFrameProps) {
  const [asTable, setAsTable] = useState(false);
  const titleId = useId();
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <div className="chart-head">
        <h3 id={titleId}>{title}</h3>
        {table && (
          <button
            type="button"
            className="ghost small"
            aria-pressed={asTable}
            onClick={() => setAsTable(!asTable)}
          >
            {asTable ? "Show as chart" : "Show as table"}
          </button>
        )}
      </div>
      {controls && <div className="chart-controls">{controls}</div>}
      <p className="chart-summary">{summary}</p>
      {asTable && table ? <div className="chart-table">{table}</div> : children}
    </figure>
  );
}
