/**
 * Code co-occurrence as a triangular heatmap: each pair of codes once, coloured by the Jaccard
 * index over sources (how often the two appear together relative to how often either appears),
 * on a one-hue sequential scale so that depth reads as strength. Hovering or focusing a cell shows
 * its counts in a readout line below, which screen readers hear as a polite update.
 */
// biome-ignore-all lint/a11y/noAriaHiddenOnFocusable: SVG shapes take focus only with a tabIndex; the hidden ones are axes and legends that the summary and table already give
// biome-ignore-all lint/a11y/noInteractiveElementToNoninteractiveRole: a focusable mark is a graphic (role img) named by its numbers, reached by Tab to read them, not a control
// biome-ignore-all lint/a11y/useSemanticElements: the group is an SVG element, which has no HTML counterpart
import { type ReactNode, useState } from "react";
import type { CooccurrencePair, CooccurrenceView } from "../../api/types.js";
import { ChartFrame } from "./ChartFrame.js";
import { needsLightText, plural, sequential, truncate } from "./scales.js";

/** More codes than this make cells too small to read; the most used are shown. */
export const HEATMAP_MAX_CODES = 24;
const LABEL = 150;
const HEAD = 96;

export interface CooccurrenceHeatmapProps {
  view: CooccurrenceView;
  controls?: ReactNode;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

export function CooccurrenceHeatmap({ view, controls }: CooccurrenceHeatmapProps) {
  const [readout, setReadout] = useState("");
  const codes = [...view.codes]
    .sort((a, b) => b.segments - a.segments || a.path.localeCompare(b.path))
    .slice(0, HEATMAP_MAX_CODES);
  const pairs = new Map(view.pairs.map((pair) => [pairKey(pair.codeA, pair.codeB), pair]));
  const nameOf = new Map(view.codes.map((code) => [code.codeId, code.path]));
  const strongest = view.pairs.reduce<CooccurrencePair | null>(
    (best, pair) => ((pair.jaccard ?? 0) > (best?.jaccard ?? -1) ? pair : best),
    null,
  );
  const rule = view.rule === "overlap" ? "overlapping passages" : "passages in the same turn";
  const summary =
    view.pairs.length === 0
      ? `No two codes share ${rule} yet.`
      : `${plural(view.pairs.length, "pair")} of codes with ${rule}; the strongest: ${nameOf.get(strongest?.codeA ?? "")} and ${nameOf.get(strongest?.codeB ?? "")} (Jaccard ${(strongest?.jaccard ?? 0).toFixed(2)}).${view.codes.length > codes.length ? ` Showing the ${codes.length} most used codes.` : ""}`;
  const cell = Math.max(16, Math.min(30, Math.floor(380 / Math.max(1, codes.length))));
  const size = codes.length * cell;
  const width = LABEL + size + 8;
  const height = HEAD + size + 8;
  const describe = (pair: CooccurrencePair) =>
    `${nameOf.get(pair.codeA)} and ${nameOf.get(pair.codeB)}: ${plural(pair.pairs, "passage pair")} in ${plural(pair.sources, "source")}; Jaccard ${(pair.jaccard ?? 0).toFixed(2)} (${pair.sourcesA} and ${pair.sourcesB} sources)`;
  return (
    <ChartFrame
      title="Co-occurrence"
      summary={summary}
      controls={controls}
      table={<PairTable pairs={view.pairs} nameOf={nameOf} />}
    >
      {codes.length > 1 && view.pairs.length > 0 && (
        <>
          <svg
            className="chart-svg heatmap"
            viewBox={`0 0 ${width} ${height}`}
            style={{ maxWidth: `${width * 1.15}px` }}
            role="group"
            aria-label="Pairs of codes coloured by Jaccard index"
            onMouseLeave={() => setReadout("")}
          >
            {codes.map((code, i) => (
              <g key={code.codeId} aria-hidden="true">
                <text
                  x={LABEL - 6}
                  y={HEAD + i * cell + cell / 2}
                  textAnchor="end"
                  dominantBaseline="middle"
                  className="bar-label"
                >
                  <title>{code.path}</title>
                  {truncate(code.name, 22)}
                </text>
                <text
                  transform={`translate(${LABEL + i * cell + cell / 2}, ${HEAD - 6}) rotate(-50)`}
                  className="bar-label"
                >
                  <title>{code.path}</title>
                  {truncate(code.name, 16)}
                </text>
                <rect
                  x={LABEL + i * cell + cell * 0.3}
                  y={HEAD + i * cell + cell * 0.3}
                  width={cell * 0.4}
                  height={cell * 0.4}
                  rx={cell * 0.2}
                  fill={code.color}
                />
              </g>
            ))}
            {codes.flatMap((row, i) =>
              codes.slice(0, i).map((column, j) => {
                const pair = pairs.get(pairKey(row.codeId, column.codeId));
                const t = pair?.jaccard ?? 0;
                const x = LABEL + j * cell;
                const y = HEAD + i * cell;
                if (!pair)
                  return (
                    <rect
                      key={`${row.codeId}-${column.codeId}`}
                      className="empty-cell"
                      x={x + 1}
                      y={y + 1}
                      width={cell - 2}
                      height={cell - 2}
                      aria-hidden="true"
                    />
                  );
                const label = describe(pair);
                return (
                  <g key={`${row.codeId}-${column.codeId}`}>
                    <rect
                      className="mark"
                      x={x + 1}
                      y={y + 1}
                      width={cell - 2}
                      height={cell - 2}
                      rx={2}
                      fill={sequential(t)}
                      tabIndex={0}
                      role="img"
                      aria-label={label}
                      onMouseEnter={() => setReadout(label)}
                      onFocus={() => setReadout(label)}
                    />
                    {cell >= 22 && (
                      <text
                        x={x + cell / 2}
                        y={y + cell / 2}
                        textAnchor="middle"
                        dominantBaseline="central"
                        className="cell-value"
                        fill={needsLightText(t) ? "#ffffff" : "#24221e"}
                        aria-hidden="true"
                      >
                        {pair.pairs}
                      </text>
                    )}
                  </g>
                );
              }),
            )}
          </svg>
          <div className="heat-legend" aria-hidden="true">
            <span>Jaccard 0</span>
            <span
              className="heat-ramp"
              style={{
                background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(sequential).join(", ")})`,
              }}
            />
            <span>1</span>
            <span className="muted">· numbers are passage pairs</span>
          </div>
          <p className="chart-readout" aria-live="polite">
            {readout || "Hover or focus a cell for its counts."}
          </p>
        </>
      )}
    </ChartFrame>
  );
}

function PairTable({
  pairs,
  nameOf,
}: {
  pairs: readonly CooccurrencePair[];
  nameOf: Map<string, string>;
}) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">With</th>
          <th scope="col">Passage pairs</th>
          <th scope="col">Sources</th>
          <th scope="col">Jaccard</th>
        </tr>
      </thead>
      <tbody>
        {pairs.map((pair) => (
          <tr key={pairKey(pair.codeA, pair.codeB)}>
            <th scope="row">{nameOf.get(pair.codeA)}</th>
            <td>{nameOf.get(pair.codeB)}</td>
            <td>{pair.pairs}</td>
            <td>{pair.sources}</td>
            <td>{(pair.jaccard ?? 0).toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
