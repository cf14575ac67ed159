/**
 * The shading of a code × case cell: the charts' sequential teal by the cell's share of the largest
 * cell, with its number in ink or white. The palette's middle has no text colour that reads at
 * WCAG AA (4.5:1), so the upper quarter of counts jumps to the dark end where white text does.
 */
import { sequential } from "../../charts/scales.js";

/** Shares at or above this get the dark end of the palette and white text. */
const DARK_FROM = 0.75;

/** Background and text colour for a cell holding `count` of a largest `max`; null for none. */
export function cellShade(
  count: number,
  max: number,
): { background: string; color: string } | null {
  if (!(count > 0) || !(max > 0)) return null;
  const share = Math.min(1, count / max);
  if (share >= DARK_FROM)
    return {
      background: sequential(0.88 + (0.12 * (share - DARK_FROM)) / (1 - DARK_FROM)),
      color: "#ffffff",
    };
  // Light to mid teal (palette 0.1–0.68), where ink keeps at least 5:1.
  return { background: sequential(0.1 + (0.58 * share) / DARK_FROM), color: "var(--ink)" };
}
