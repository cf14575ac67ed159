/**
 * How a matrix cell's state reads on screen. Exports use core's bracketed flags; the screen says
 * the same in words, and an unsummarised cell is always marked as coded text, not a summary.
 */
import type { ChartCellState } from "@quire/core";

export const CELL_STATE_TEXT: Readonly<Record<ChartCellState, string>> = {
  charted: "Charted",
  unsummarised: "Not yet summarised",
  not_discussed: "Not discussed",
  not_yet_charted: "Not yet charted",
};

/** The order the progress summary lists states in: done first. */
export const CELL_STATES: readonly ChartCellState[] = [
  "charted",
  "unsummarised",
  "not_discussed",
  "not_yet_charted",
];

/** A cell counts as done when charted or marked as not discussed. */
export function chartedShare(counts: Readonly<Record<ChartCellState, number>>): {
  done: number;
  total: number;
} {
  const total = CELL_STATES.reduce((sum, state) => sum + (counts[state] ?? 0), 0);
  return { done: (counts.charted ?? 0) + (counts.not_discussed ?? 0), total };
}
