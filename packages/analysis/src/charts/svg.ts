/**
 * Charts for the report of findings as SVG text: small pure functions with no DOM and no charting
 * library, so the same drawing runs in the CLI, the server and the browser, and a report stays one
 * self-contained file. Every name that reaches the picture is escaped, because code and case names
 * are the researcher's free text.
 */

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A colour-blind-safe palette (Okabe–Ito), so groups stay distinguishable in print and on screen. */
export const CHART_PALETTE = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
  "#000000",
] as const;

const FONT = 'font-family="Helvetica, Arial, sans-serif"';

function colour(index: number): string {
  return CHART_PALETTE[index % CHART_PALETTE.length] ?? "#0072B2";
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** A long label is cut rather than wrapped, so rows keep one height; the full name stays in a title. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A round upper bound for an axis, so tick labels read as whole numbers. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= value) return m * step;
  return 10 * step;
}

/** How many intervals to divide an axis into so that every tick is a whole number where it can be. */
function tickCount(max: number): number {
  for (const n of [4, 5, 2]) if (max >= n && Number.isInteger(max / n)) return n;
  return 4;
}

function open(width: number, height: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" ${FONT} font-size="12">` +
    `<title>${escapeXml(title)}</title>` +
    `<text class="chart-title" x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(title)}</text>`
  );
}

export interface BarSeries {
  /** The group's name, shown in the legend (e.g. "CBT"). */
  name: string;
  /** One value per category, in the order of `categories`. */
  values: readonly number[];
}

export interface BarChartInput {
  title: string;
  /** One bar (or cluster of bars) per category, e.g. per code. */
  categories: readonly string[];
  /** One series draws plain bars; several draw clustered bars with a legend. */
  series: readonly BarSeries[];
  /** The value axis label, e.g. "coded passages". */
  valueLabel: string;
  /** The category axis label, e.g. "code". */
  categoryLabel: string;
  /** Appended to value labels, e.g. "%". */
  unit?: string;
}

/**
 * Horizontal bars, one row per category (names read left to right however long they are), one bar
 * per series in each row. Each bar is a `<rect class="bar">` with a `<title>` naming it.
 */
export function barChartSvg(input: BarChartInput): string {
  const { categories, series } = input;
  const barHeight = 14;
  const rowGap = 8;
  const rowHeight = Math.max(1, series.length) * barHeight + rowGap;
  const left = 190;
  const plotWidth = 380;
  const legendHeight = series.length > 1 ? 22 : 0;
  const top = 34 + legendHeight;
  const plotHeight = Math.max(rowHeight, categories.length * rowHeight);
  const width = left + plotWidth + 60;
  const height = top + plotHeight + 50;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const unit = input.unit ?? "";
  const parts = [open(width, height, input.title)];
  series.forEach((s, i) => {
    if (series.length < 2) return;
    const x = left + i * 110;
    parts.push(
      `<g class="legend-item"><rect x="${x}" y="30" width="12" height="12" fill="${colour(i)}"/>` +
        `<text x="${x + 16}" y="40">${escapeXml(clip(s.name, 14))}</text></g>`,
    );
  });
  const ticks = tickCount(max);
  for (let tick = 0; tick <= ticks; tick++) {
    const value = (max * tick) / ticks;
    const x = left + (plotWidth * tick) / ticks;
    parts.push(
      `<line x1="${x}" y1="${top}" x2="${x}" y2="${top + plotHeight}" stroke="#ddd"/>`,
      `<text class="tick" x="${x}" y="${top + plotHeight + 14}" text-anchor="middle">${fmt(value)}${escapeXml(unit)}</text>`,
    );
  }
  categories.forEach((category, row) => {
    const y0 = top + row * rowHeight;
    parts.push(
      `<text class="category" x="${left - 6}" y="${y0 + (rowHeight - rowGap) / 2 + 4}" text-anchor="end">` +
        `<title>${escapeXml(category)}</title>${escapeXml(clip(category, 28))}</text>`,
    );
    series.forEach((s, i) => {
      const value = s.values[row] ?? 0;
      const w = (plotWidth * value) / max;
      const y = y0 + i * barHeight;
      const name = series.length > 1 ? `${category}, ${s.name}` : category;
      parts.push(
        `<rect class="bar" x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barHeight - 2}" fill="${colour(i)}">` +
          `<title>${escapeXml(`${name}: ${fmt(value)}${unit}`)}</title></rect>`,
        `<text x="${left + w + 3}" y="${y + barHeight - 4}" font-size="10">${fmt(value)}${escapeXml(unit)}</text>`,
      );
    });
  });
  parts.push(
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotHeight}" stroke="#333"/>`,
    `<text class="axis-label value-axis" x="${left + plotWidth / 2}" y="${height - 12}" text-anchor="middle">${escapeXml(input.valueLabel)}</text>`,
    `<text class="axis-label category-axis" x="14" y="${top + plotHeight / 2}" text-anchor="middle" transform="rotate(-90 14 ${top + plotHeight / 2})">${escapeXml(input.categoryLabel)}</text>`,
    "</svg>",
  );
  return parts.join("");
}

export interface HeatmapInput {
  title: string;
  /** Row and column names (a co-occurrence matrix uses the same list for both). */
  rows: readonly string[];
  columns: readonly string[];
  /** values[row][column]; missing cells count as 0. */
  values: readonly (readonly number[])[];
  rowLabel: string;
  columnLabel: string;
}

/**
 * A heatmap: one `<rect class="cell">` per row × column, shaded from white to blue by value, with
 * the value written in cells that are not empty.
 */
export function heatmapSvg(input: HeatmapInput): string {
  const cell = 28;
  const left = 190;
  const top = 150;
  const width = left + input.columns.length * cell + 30;
  const height = top + input.rows.length * cell + 40;
  const max = Math.max(0, ...input.values.flat());
  const parts = [open(width, height, input.title)];
  input.columns.forEach((column, j) => {
    const x = left + j * cell + cell / 2;
    parts.push(
      `<text class="column" x="${x}" y="${top - 6}" transform="rotate(-55 ${x} ${top - 6})">` +
        `<title>${escapeXml(column)}</title>${escapeXml(clip(column, 22))}</text>`,
    );
  });
  input.rows.forEach((row, i) => {
    const y = top + i * cell;
    parts.push(
      `<text class="row" x="${left - 6}" y="${y + cell / 2 + 4}" text-anchor="end"><title>${escapeXml(row)}</title>${escapeXml(clip(row, 28))}</text>`,
    );
    input.columns.forEach((column, j) => {
      const value = input.values[i]?.[j] ?? 0;
      const share = max > 0 ? value / max : 0;
      // White to the palette's blue, so an empty cell reads as absence, not as a low value.
      const mix = (from: number, to: number) => Math.round(from + (to - from) * share);
      const fill = `rgb(${mix(255, 0)},${mix(255, 114)},${mix(255, 178)})`;
      const x = left + j * cell;
      parts.push(
        `<rect class="cell" x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}" stroke="#eee">` +
          `<title>${escapeXml(`${row} × ${column}: ${fmt(value)}`)}</title></rect>`,
      );
      if (value > 0)
        parts.push(
          `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" font-size="10" fill="${share > 0.5 ? "#fff" : "#000"}">${fmt(value)}</text>`,
        );
    });
  });
  parts.push(
    `<text class="axis-label column-axis" x="${left + (input.columns.length * cell) / 2}" y="34" text-anchor="middle">${escapeXml(input.columnLabel)}</text>`,
    `<text class="axis-label row-axis" x="14" y="${top + (input.rows.length * cell) / 2}" text-anchor="middle" transform="rotate(-90 14 ${top + (input.rows.length * cell) / 2})">${escapeXml(input.rowLabel)}</text>`,
    "</svg>",
  );
  return parts.join("");
}

export interface SaturationChartPoint {
  label: string;
  newCodes: number;
  cumulative: number;
}

/**
 * New codes per source as bars and the cumulative number of distinct codes as a line, in
 * collection order: the curve researchers read for "no new codes" — descriptive, not a verdict.
 */
export function saturationCurveSvg(input: {
  title: string;
  points: readonly SaturationChartPoint[];
  sourceLabel?: string;
  valueLabel?: string;
}): string {
  const points = input.points;
  const left = 60;
  const top = 40;
  const plotWidth = Math.max(200, points.length * 34);
  const plotHeight = 220;
  const width = left + plotWidth + 30;
  const height = top + plotHeight + 70;
  const max = niceMax(Math.max(0, ...points.map((p) => p.cumulative)));
  const step = points.length > 0 ? plotWidth / points.length : plotWidth;
  const y = (value: number) => top + plotHeight - (plotHeight * value) / max;
  const parts = [open(width, height, input.title)];
  const ticks = tickCount(max);
  for (let tick = 0; tick <= ticks; tick++) {
    const value = (max * tick) / ticks;
    parts.push(
      `<line x1="${left}" y1="${y(value)}" x2="${left + plotWidth}" y2="${y(value)}" stroke="#ddd"/>`,
      `<text class="tick" x="${left - 6}" y="${y(value) + 4}" text-anchor="end">${fmt(value)}</text>`,
    );
  }
  const line: string[] = [];
  points.forEach((point, i) => {
    const cx = left + i * step + step / 2;
    parts.push(
      `<rect class="bar" x="${(cx - step * 0.3).toFixed(1)}" y="${y(point.newCodes)}" width="${(step * 0.6).toFixed(1)}" height="${(top + plotHeight - y(point.newCodes)).toFixed(1)}" fill="${colour(1)}">` +
        `<title>${escapeXml(`${point.label}: ${point.newCodes} new, ${point.cumulative} in all`)}</title></rect>`,
      `<text class="category" x="${cx}" y="${top + plotHeight + 12}" transform="rotate(-45 ${cx} ${top + plotHeight + 12})" text-anchor="end" font-size="10">${escapeXml(clip(point.label, 16))}</text>`,
    );
    line.push(`${cx.toFixed(1)},${y(point.cumulative).toFixed(1)}`);
  });
  if (line.length > 0)
    parts.push(
      `<polyline class="cumulative" points="${line.join(" ")}" fill="none" stroke="${colour(0)}" stroke-width="2"/>`,
    );
  parts.push(
    `<rect x="${left}" y="24" width="10" height="10" fill="${colour(1)}"/><text x="${left + 14}" y="33">new codes</text>`,
    `<line x1="${left + 100}" y1="29" x2="${left + 120}" y2="29" stroke="${colour(0)}" stroke-width="2"/><text x="${left + 124}" y="33">cumulative codes</text>`,
    `<line x1="${left}" y1="${top + plotHeight}" x2="${left + plotWidth}" y2="${top + plotHeight}" stroke="#333"/>`,
    `<text class="axis-label category-axis" x="${left + plotWidth / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(input.sourceLabel ?? "sources in collection order")}</text>`,
    `<text class="axis-label value-axis" x="14" y="${top + plotHeight / 2}" text-anchor="middle" transform="rotate(-90 14 ${top + plotHeight / 2})">${escapeXml(input.valueLabel ?? "codes")}</text>`,
    "</svg>",
  );
  return parts.join("");
}
