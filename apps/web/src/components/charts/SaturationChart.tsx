/**
 * The saturation curve: new codes per source as bars and the cumulative number of distinct codes
 * as a line, on one axis of codes (the bars are the line's steps), in collection order. The Guest
 * et al. base is shaded and the source where their rule reports saturation is marked; the rule's
 * own sentence is the summary, since the marker alone would hide why.
 */
// biome-ignore-all lint/a11y/noAriaHiddenOnFocusable: SVG shapes take focus only with a tabIndex; the hidden ones are axes and legends that the summary and table already give
// biome-ignore-all lint/a11y/noInteractiveElementToNoninteractiveRole: a focusable mark is a graphic (role img) named by its numbers, reached by Tab to read them, not a control
// biome-ignore-all lint/a11y/useSemanticElements: the group is an SVG element, which has no HTML counterpart
import type { ReactNode } from "react";
import type { SaturationView } from "../../api/types.js";
import { ChartFrame } from "./ChartFrame.js";
import { niceMax, plural, ticks, truncate } from "./scales.js";

const WIDTH = 560;
const LEFT = 34;
const RIGHT = 12;
const TOP = 22;
const PLOT_H = 170;
const BOTTOM = 52;

export interface SaturationChartProps {
  view: SaturationView;
  /** Code names by id, for the table's list of new codes. */
  codeNames?: ReadonlyMap<string, string>;
  controls?: ReactNode;
}

export function SaturationChart({ view, codeNames, controls }: SaturationChartProps) {
  const { curve, guest } = view;
  const total = curve.at(-1)?.cumulative ?? 0;
  const summary = `${plural(curve.length, "source")}, ${plural(total, "distinct code")}. Guest et al.: ${guest.statement}.`;
  const max = niceMax(Math.max(1, total));
  const plotW = WIDTH - LEFT - RIGHT;
  const step = curve.length > 0 ? plotW / curve.length : plotW;
  const barW = Math.max(3, Math.min(28, step * 0.6));
  const yOf = (value: number) => TOP + PLOT_H - (value / max) * PLOT_H;
  const xOf = (index: number) => LEFT + index * step + step / 2;
  const labelEvery = Math.ceil(curve.length / 16);
  const base = Math.min(guest.options.base, curve.length);
  const at = guest.at?.ordinal ?? null;
  const line = curve
    .map((point, index) => `${index === 0 ? "M" : "L"}${xOf(index)},${yOf(point.cumulative)}`)
    .join(" ");
  return (
    <ChartFrame
      title="Saturation"
      summary={summary}
      controls={controls}
      table={<SaturationTable view={view} codeNames={codeNames} />}
    >
      {curve.length > 0 && (
        <svg
          className="chart-svg"
          viewBox={`0 0 ${WIDTH} ${TOP + PLOT_H + BOTTOM}`}
          role="group"
          aria-label="New codes per source and cumulative codes"
        >
          <g className="axis" aria-hidden="true">
            {ticks(max).map((value) => (
              <g key={value}>
                <line x1={LEFT} x2={WIDTH - RIGHT} y1={yOf(value)} y2={yOf(value)} />
                <text x={LEFT - 6} y={yOf(value)} textAnchor="end" dominantBaseline="middle">
                  {value}
                </text>
              </g>
            ))}
          </g>
          {base > 0 && (
            <g aria-hidden="true" className="base-band">
              <rect x={LEFT} y={TOP} width={base * step} height={PLOT_H} />
              <text x={LEFT + 4} y={TOP + 12}>
                base ({base})
              </text>
            </g>
          )}
          {curve.map((point, index) => {
            const label = `${point.label} (source ${index + 1}): ${plural(point.newCodes, "new code")}, ${point.cumulative} in total`;
            const height = Math.max(1, (point.newCodes / max) * PLOT_H);
            return (
              <g key={point.sourceId}>
                <rect
                  className="mark new-codes"
                  x={xOf(index) - barW / 2}
                  y={TOP + PLOT_H - height}
                  width={barW}
                  height={height}
                  rx={1.5}
                  tabIndex={0}
                  role="img"
                  aria-label={label}
                >
                  <title>{label}</title>
                </rect>
                {index % labelEvery === 0 && (
                  <text
                    className="bar-label"
                    transform={`translate(${xOf(index)}, ${TOP + PLOT_H + 10}) rotate(-40)`}
                    textAnchor="end"
                    aria-hidden="true"
                  >
                    {truncate(point.label, 10)}
                  </text>
                )}
              </g>
            );
          })}
          <path d={line} className="cumulative" aria-hidden="true" />
          {curve.map((point, index) => (
            <circle
              key={point.sourceId}
              cx={xOf(index)}
              cy={yOf(point.cumulative)}
              r={2.5}
              className="cumulative-dot"
              aria-hidden="true"
            />
          ))}
          {at !== null && (
            <g className="guest-marker" aria-hidden="true">
              <line x1={LEFT + at * step} x2={LEFT + at * step} y1={TOP - 6} y2={TOP + PLOT_H} />
              <text
                x={LEFT + at * step + (at > curve.length * 0.7 ? -4 : 4)}
                y={TOP - 8}
                textAnchor={at > curve.length * 0.7 ? "end" : "start"}
              >
                saturation after {truncate(guest.at?.label ?? "", 12)}
              </text>
            </g>
          )}
          <g
            className="legend"
            aria-hidden="true"
            transform={`translate(${LEFT}, ${TOP + PLOT_H + BOTTOM - 6})`}
          >
            <rect width={10} height={10} y={-9} className="new-codes" rx={1.5} />
            <text x={14}>new codes</text>
            <line x1={96} x2={116} y1={-4} y2={-4} className="cumulative" />
            <text x={120}>cumulative codes</text>
          </g>
        </svg>
      )}
    </ChartFrame>
  );
}

function SaturationTable({
  view,
  codeNames,
}: {
  view: SaturationView;
  codeNames?: ReadonlyMap<string, string> | undefined;
}) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Source</th>
          <th scope="col">New codes</th>
          <th scope="col">Cumulative</th>
          <th scope="col">Which</th>
        </tr>
      </thead>
      <tbody>
        {view.curve.map((point, index) => (
          <tr key={point.sourceId}>
            <td>{index + 1}</td>
            <th scope="row">{point.label}</th>
            <td>{point.newCodes}</td>
            <td>{point.cumulative}</td>
            <td>{point.newCodeIds.map((id) => codeNames?.get(id) ?? id).join(", ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
