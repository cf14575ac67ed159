/**
 * What the analysis charts share: round axis maxima, the sequential palette the heatmap colours
 * by (paper to the accent teal, so strength reads as depth of one hue), the categorical palette
 * for attribute groups (Okabe–Ito, told apart with common colour-vision deficiencies), and labels.
 */

/** The smallest 1, 2 or 5 × 10ᵏ at or above `value` (1 for nothing), so ticks fall on round numbers. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

/** Evenly spaced ticks from 0 to `max`, at most `count` + 1 of them, whole numbers only. */
export function ticks(max: number, count = 4): number[] {
  const step = Math.max(1, Math.ceil(max / count));
  const out: number[] = [];
  for (let value = 0; value <= max; value += step) out.push(value);
  return out;
}

const SEQUENTIAL = ["#f3f1ea", "#d7e9e5", "#acd1ca", "#74b0a8", "#3f867f", "#1f5551"];

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The sequential colour for `t` in [0, 1], interpolated between the palette's stops. */
export function sequential(t: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const scaled = clamped * (SEQUENTIAL.length - 1);
  const index = Math.min(SEQUENTIAL.length - 2, Math.floor(scaled));
  const a = hexToRgb(SEQUENTIAL[index] ?? "#000000");
  const b = hexToRgb(SEQUENTIAL[index + 1] ?? "#000000");
  const f = scaled - index;
  const mix = a.map((channel, i) => Math.round(channel + ((b[i] ?? 0) - channel) * f));
  return `#${mix.map((channel) => channel.toString(16).padStart(2, "0")).join("")}`;
}

/** Whether text on `sequential(t)` should be light: the darker half of the palette. */
export function needsLightText(t: number): boolean {
  return t > 0.55;
}

const GROUP_COLORS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"];
/** Cases without a value get a neutral grey, never a hue that suggests a category. */
const NO_VALUE_COLOR = "#9a958b";

export function groupColor(group: string | null, index: number): string {
  return group === null ? NO_VALUE_COLOR : (GROUP_COLORS[index % GROUP_COLORS.length] ?? "#000");
}

export function groupLabel(group: string | null): string {
  return group === null ? "no value" : group;
}

/** Shortens a label to `max` characters with an ellipsis; the full text goes in a title. */
export function truncate(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

export function percent(share: number | null): string {
  return share === null ? "–" : `${Math.round(share * 100)}%`;
}
