/**
 * Code frequencies as horizontal bars, most coded first, each in its code's colour. Split by an
 * attribute, each code gets one bar per group showing the share of that group's cases with the
 * code: groups differ in size, so raw passage counts would compare the groups' sizes instead.
 */
// biome-ignore-all lint/a11y/noAriaHiddenOnFocusable: SVG shapes take focus only with a tabIndex; the hidden ones are axes and legends that the summary and table already give
// biome-ignore-all lint/a11y/noInteractiveElementToNoninteractiveRole: a focusable mark is a graphic (role img) named by its numbers, reached by Tab to read them, not a control
// biome-ignore-all lint/a11y/useSemanticElements: the group is an SVG element, which has no HTML counterpart
import type { ReactNode } from "react";
import type { CodeFrequency, GroupSize } from "../../api/types.js";
import { ChartFrame } from "./ChartFrame.js";
import { groupColor, groupLabel, niceMax, percent, plural, ticks, truncate } from "./scales.js";

const WIDTH = 560;
const LABEL = 168;
const VALUE = 44;
const PLOT = WIDTH - LABEL - VALUE;
const AXIS = 18;

export interface FrequencyChartProps {
  codes: readonly CodeFrequency[];
  /** The groups of the split attribute; empty for no split. */
  groups: readonly GroupSize[];
  attribute: string | null;
  controls?: ReactNode;
}

export function FrequencyChart({ codes, groups, attribute, controls }: FrequencyChartProps) {
  const split = attribute !== null && groups.length > 0;
  const top = codes[0];
  const summary =
    codes.length === 0
      ? "Nothing is coded yet."
      : split
        ? `${plural(codes.length, "coded code")}. Bars show the share of each ${attribute} group's cases with the code.`
        : `${plural(codes.length, "coded code")}; most coded: ${top?.name} (${plural(top?.codings ?? 0, "passage")} in ${plural(top?.cases ?? 0, "case")}).`;
  return (
    <ChartFrame
      title={split ? `Code frequencies by ${attribute}` : "Code frequencies"}
      summary={summary}
      controls={controls}
      table={<FrequencyTable codes={codes} groups={split ? groups : []} />}
    >
      {codes.length > 0 &&
        (split ? <GroupedBars codes={codes} groups={groups} /> : <Bars codes={codes} />)}
    </ChartFrame>
  );
}

function Axis({
  max,
  height,
  format,
}: {
  max: number;
  height: number;
  format: (n: number) => string;
}) {
  const step = max <= 1 ? 0.25 : undefined;
  const values = step ? [0, 0.25, 0.5, 0.75, 1] : ticks(max);
  return (
    <g className="axis" aria-hidden="true">
      {values.map((value) => {
        const x = LABEL + (value / max) * PLOT;
        return (
          <g key={value}>
            <line x1={x} x2={x} y1={AXIS - 4} y2={height} />
            <text x={x} y={AXIS - 8} textAnchor="middle">
              {format(value)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** The code's own name: paths share their parents' words, so truncated paths all look alike. */
function Label({ y, code }: { y: number; code: CodeFrequency }) {
  return (
    <text x={LABEL - 8} y={y} textAnchor="end" dominantBaseline="middle" className="bar-label">
      <title>{code.path}</title>
      {truncate(code.name, 26)}
    </text>
  );
}

function Bars({ codes }: { codes: readonly CodeFrequency[] }) {
  const row = 24;
  const max = niceMax(Math.max(...codes.map((code) => code.codings)));
  const height = AXIS + codes.length * row + 4;
  return (
    <svg
      className="chart-svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="group"
      aria-label="Passages per code"
    >
      <Axis max={max} height={height} format={String} />
      {codes.map((code, index) => {
        const y = AXIS + index * row;
        const width = Math.max(2, (code.codings / max) * PLOT);
        const label = `${code.path}: ${plural(code.codings, "passage")} in ${plural(code.sources, "source")}, ${plural(code.cases, "case")}`;
        return (
          <g key={code.codeId}>
            <Label y={y + row / 2} code={code} />
            <rect
              className="mark"
              data-code={code.codeId}
              x={LABEL}
              y={y + 4}
              width={width}
              height={row - 8}
              rx={2}
              fill={code.color}
              tabIndex={0}
              role="img"
              aria-label={label}
            >
              <title>{label}</title>
            </rect>
            <text
              x={LABEL + width + 6}
              y={y + row / 2}
              dominantBaseline="middle"
              className="bar-value"
            >
              {code.codings}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function GroupedBars({
  codes,
  groups,
}: {
  codes: readonly CodeFrequency[];
  groups: readonly GroupSize[];
}) {
  const bar = 9;
  const row = groups.length * bar + 12;
  const height = AXIS + codes.length * row + 30;
  const sizeOf = new Map(groups.map((group) => [group.group, group.cases]));
  return (
    <svg
      className="chart-svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="group"
      aria-label="Share of each group's cases with the code"
    >
      <Axis max={1} height={height - 30} format={(n) => `${n * 100}%`} />
      {codes.map((code, index) => {
        const y = AXIS + index * row;
        return (
          <g key={code.codeId}>
            <Label y={y + row / 2} code={code} />
            <rect
              x={LABEL - 5}
              y={y + 6}
              width={3}
              height={row - 12}
              fill={code.color}
              aria-hidden="true"
            />
            {code.byGroup.map((cell, g) => {
              const of = sizeOf.get(cell.group) ?? 0;
              const share = of > 0 ? cell.cases / of : 0;
              const label = `${code.path}, ${groupLabel(cell.group)}: ${cell.cases} of ${of} cases (${percent(of > 0 ? share : null)}), ${plural(cell.codings, "passage")}`;
              return (
                <rect
                  key={String(cell.group)}
                  className="mark"
                  x={LABEL}
                  y={y + 6 + g * bar}
                  width={Math.max(1.5, share * PLOT)}
                  height={bar - 2}
                  fill={groupColor(cell.group, g)}
                  tabIndex={0}
                  role="img"
                  aria-label={label}
                >
                  <title>{label}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
      <g className="legend" aria-hidden="true">
        {groups.map((group, g) => (
          <g key={String(group.group)} transform={`translate(${LABEL + g * 110}, ${height - 14})`}>
            <rect width={10} height={10} y={-8} fill={groupColor(group.group, g)} rx={2} />
            <text x={14}>{`${truncate(groupLabel(group.group), 10)} (N=${group.cases})`}</text>
          </g>
        ))}
      </g>
    </svg>
  );
}

function FrequencyTable({
  codes,
  groups,
}: {
  codes: readonly CodeFrequency[];
  groups: readonly GroupSize[];
}) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Passages</th>
          <th scope="col">Sources</th>
          <th scope="col">Cases</th>
          {groups.map((group) => (
            <th scope="col" key={String(group.group)}>
              {groupLabel(group.group)} cases (of {group.cases})
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {codes.map((code) => (
          <tr key={code.codeId}>
            <th scope="row">{code.path}</th>
            <td>{code.codings}</td>
            <td>{code.sources}</td>
            <td>{code.cases}</td>
            {groups.length > 0 &&
              code.byGroup.map((cell) => <td key={String(cell.group)}>{cell.cases}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
