/**
 * The text of one lane in the side-by-side view: a window of the source around the disagreement in
 * hand, cut into pieces that say whether this coder coded them and whether they belong to the
 * stretch being discussed. Pure, so the cutting is tested apart from the screen.
 */

export interface LanePiece {
  start: number;
  end: number;
  coded: boolean;
  current: boolean;
}

/** Characters of context either side of the stretch: about two lines of a transcript. */
export const CONTEXT = 160;

/** The window shown: the stretch with context, widened to whole words where it can. */
export function laneWindow(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } {
  let from = Math.max(0, start - CONTEXT);
  let to = Math.min(text.length, end + CONTEXT);
  while (from > 0 && from > start - CONTEXT - 20 && !/\s/.test(text[from - 1] ?? " ")) from -= 1;
  while (to < text.length && to < end + CONTEXT + 20 && !/\s/.test(text[to] ?? " ")) to += 1;
  return { start: from, end: to };
}

/** Cuts [from, to) at every edge of the coder's ranges and of the current stretch. */
export function lanePieces(
  from: number,
  to: number,
  ranges: readonly { start: number; end: number }[],
  current: { start: number; end: number },
): LanePiece[] {
  const cuts = new Set<number>([from, to]);
  for (const edge of [current.start, current.end, ...ranges.flatMap((r) => [r.start, r.end])])
    if (edge > from && edge < to) cuts.add(edge);
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: LanePiece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    pieces.push({
      start,
      end,
      coded: ranges.some((r) => r.start <= start && r.end >= end),
      current: current.start <= start && current.end >= end,
    });
  }
  return pieces;
}
