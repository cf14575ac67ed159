/**
 * Thematic saturation by Guest, Namey & Chen (2020, doi:10.1371/journal.pone.0232076): base size b,
 * run length r, new-information threshold t. The rule as implemented, with the choices the paper
 * leaves to the reader written down (METHODS SAT-3 marks them unverified against its figures):
 *
 * - Sources are taken in collection order. The base is the first b sources; B = the number of
 *   distinct codes in them. B must be > 0.
 * - A run is r consecutive sources after the base. The first run is sources b+1 … b+r; each next
 *   run slides forward by one source (b+2 … b+r+1, and so on) until a run would pass the last source.
 * - New information in a run = codes first seen in the run: not in the base and not in any source
 *   between the base and the run (a code that appeared in an earlier, failed run is not new again).
 * - Ratio = new codes in the run ÷ B. The denominator stays the base's count: it does not grow as
 *   sources are added, which is what makes runs comparable to one another.
 * - Saturation is reached at the first run whose ratio ≤ t, and is reported at the last source
 *   before that run (source b + k for the k-th run, counting from 0): the run confirms that what came
 *   after it added little. The confirming run is reported too.
 * - When no run meets the threshold, or there are fewer than b + r sources, saturation is not
 *   reached, and the report says why.
 */
import { QuireError } from "@quire/core";
import { type SourceCodes, saturationCurve } from "./curve.js";

export interface GuestOptions {
  /** Base size b (the paper uses 4 or 6). */
  base: number;
  /** Run length r (2 or 3). */
  run: number;
  /** New-information threshold t as a proportion (0.05 for ≤5%, 0 for none). */
  threshold: number;
}

export interface GuestRun {
  /** 1-based ordinal positions (in collection order) of the run's first and last source. */
  from: number;
  to: number;
  newCodes: number;
  ratio: number;
}

export interface GuestResult {
  options: GuestOptions;
  /** Distinct codes in the base. */
  baseCodes: number;
  runs: GuestRun[];
  /** Whether a run met the threshold. */
  saturated: boolean;
  /** The source saturation is reported at (ordinal, 1-based; and its id and label), or null. */
  at: { ordinal: number; sourceId: string; label: string } | null;
  /** The run that met the threshold, or null. */
  confirmedBy: GuestRun | null;
  /** One sentence: "saturation at source 8 "P08" (b=6, r=2, t≤5%)" or why not. */
  statement: string;
}

function percent(value: number): string {
  return `${Number((value * 100).toFixed(1))}%`;
}

/**
 * Applies the Guest et al. (2020) rule above to sources in collection order.
 * @throws QuireError `invalid_input` when b or r is not a whole number ≥ 1, or t is outside [0, 1].
 */
export function guestSaturation(
  sources: readonly SourceCodes[],
  options: GuestOptions,
): GuestResult {
  const { base, run, threshold } = options;
  if (!Number.isInteger(base) || base < 1)
    throw new QuireError("invalid_input", `base size must be a whole number ≥ 1, not ${base}`);
  if (!Number.isInteger(run) || run < 1)
    throw new QuireError("invalid_input", `run length must be a whole number ≥ 1, not ${run}`);
  if (!(threshold >= 0 && threshold <= 1))
    throw new QuireError("invalid_input", `threshold must be between 0 and 1, not ${threshold}`);
  const curve = saturationCurve(sources);
  const label = `(b=${base}, r=${run}, t≤${percent(threshold)})`;
  const baseCodes = curve[base - 1]?.cumulative ?? 0;
  const result = (rest: Omit<GuestResult, "options" | "baseCodes">): GuestResult => ({
    options: { base, run, threshold },
    baseCodes,
    ...rest,
  });
  if (curve.length < base + run)
    return result({
      runs: [],
      saturated: false,
      at: null,
      confirmedBy: null,
      statement: `not assessable ${label}: ${curve.length} sources, at least ${base + run} needed`,
    });
  if (baseCodes === 0)
    return result({
      runs: [],
      saturated: false,
      at: null,
      confirmedBy: null,
      statement: `not assessable ${label}: the first ${base} sources have no codes`,
    });
  const runs: GuestRun[] = [];
  for (let start = base; start + run <= curve.length; start++) {
    let newCodes = 0;
    for (let index = start; index < start + run; index++) newCodes += curve[index]?.newCodes ?? 0;
    const entry = { from: start + 1, to: start + run, newCodes, ratio: newCodes / baseCodes };
    runs.push(entry);
    if (entry.ratio <= threshold) {
      const point = curve[start - 1];
      if (!point) break;
      return result({
        runs,
        saturated: true,
        at: { ordinal: start, sourceId: point.sourceId, label: point.label },
        confirmedBy: entry,
        statement: `saturation at source ${start} "${point.label}" ${label}: sources ${entry.from}–${entry.to} added ${newCodes} new codes, ${percent(entry.ratio)} of the base's ${baseCodes}`,
      });
    }
  }
  return result({
    runs,
    saturated: false,
    at: null,
    confirmedBy: null,
    statement: `no saturation ${label}: every run of ${run} after the base added more than ${percent(threshold)} of the base's ${baseCodes} codes`,
  });
}
