/**
 * γ of Mathet, Widlöcher & Métivier (2015, "The Unified and Holistic Method Gamma (γ) for Inter-Annotator
 * Agreement Measure and Alignment"), with the combined positional–categorical dissimilarity that
 * pygamma-agreement uses. The observed disorder is that of the best alignment, found here by exact
 * branch and bound (exponential in the worst case, so a search budget guards it); the expected
 * disorder is estimated by seeded sampling, so γ is reproducible for a given seed but still an estimate.
 */
import { QuireError } from "@quire/core";
import type { CodeValue, UndefinedReason } from "./values.js";

/** One annotated unit: who, which category, half-open [start, end). */
export interface GammaUnit {
  coder: string;
  value: CodeValue;
  start: number;
  end: number;
}

/** Dissimilarity and search settings. */
export interface GammaOptions {
  /** Weight of the positional dissimilarity. Default 1 (pygamma's combined default is 3). */
  alpha?: number;
  /** Weight of the categorical dissimilarity (0 same category, 1 otherwise). Default 1. */
  beta?: number;
  /** Cost of pairing a unit with nothing, δ∅. Default 1. */
  deltaEmpty?: number;
  /** Nodes the best-alignment search may visit before giving up. Default 2,000,000. */
  searchBudget?: number;
  /** Random continua drawn for the expected disorder. Default 30. */
  samples?: number;
  /** Seed of the sampler, so a result can be reproduced. Default 1. */
  seed?: number;
  /**
   * What the summed unitary disorders are divided by. `"units-per-coder"` (default): the mean number
   * of units per coder, as in Mathet et al. (2015, eq. 7) and current pygamma-agreement.
   * `"alignments"`: the number of unitary alignments (their mean disorder), as early pygamma-agreement
   * releases did; only for reproducing numbers from those releases.
   */
  normalization?: "units-per-coder" | "alignments";
}

/** A unitary alignment: at most one unit per coder (null = the coder has no unit in it). */
export interface UnitaryAlignment {
  units: (GammaUnit | null)[];
  disorder: number;
}

/** The best alignment and its disorder. */
export interface BestAlignment {
  coders: string[];
  /** Σ of unitary disorders divided by the mean number of units per coder. */
  disorder: number;
  alignments: UnitaryAlignment[];
}

/** γ with its parts. */
export interface GammaResult {
  measure: "gamma";
  value: number | null;
  undefinedReason: UndefinedReason | null;
  observedDisorder: number | null;
  /** Mean best-alignment disorder of the sampled random continua. */
  expectedDisorder: number | null;
  samples: number;
  seed: number;
}

interface Settings {
  alpha: number;
  beta: number;
  deltaEmpty: number;
  budget: number;
}

function settingsOf(options: GammaOptions): Settings {
  const settings = {
    alpha: options.alpha ?? 1,
    beta: options.beta ?? 1,
    deltaEmpty: options.deltaEmpty ?? 1,
    budget: options.searchBudget ?? 2_000_000,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new QuireError("invalid_input", `γ option ${name} must be a number ≥ 0, got ${value}.`);
    }
  }
  return settings;
}

/**
 * The alignment of minimal total disorder: every unit in exactly one unitary alignment.
 * Disorder of a unitary alignment = Σ over coder pairs of d / C(m, 2), where d = δ∅ when either side is
 * empty, else α·((|Δstart| + |Δend|)/(len₁ + len₂))²·δ∅ + β·[categories differ]·δ∅.
 * @throws QuireError("invalid_input") for fewer than two coders, a unit with end ≤ start, or an input
 *   too large for the search budget.
 */
export function gammaBestAlignment(
  units: readonly GammaUnit[],
  options: GammaOptions = {},
): BestAlignment {
  const settings = settingsOf(options);
  const coders = [...new Set(units.map((unit) => unit.coder))];
  for (const unit of units) {
    if (!(Number.isFinite(unit.start) && Number.isFinite(unit.end) && unit.end > unit.start)) {
      throw new QuireError(
        "invalid_input",
        `A γ unit needs end > start, got [${unit.start}, ${unit.end}).`,
      );
    }
  }
  if (coders.length < 2) {
    throw new QuireError(
      "invalid_input",
      `γ needs units from at least two coders, got ${coders.length}.`,
    );
  }
  const byCoder = coders.map((coder) => units.filter((unit) => unit.coder === coder));
  const { cost, tuples } = searchBestAlignment(byCoder, settings);
  const divisor =
    options.normalization === "alignments" ? tuples.length : units.length / coders.length;
  return {
    coders,
    disorder: cost / divisor,
    alignments: tuples.map((tuple) => ({ units: tuple, disorder: tupleDisorder(tuple, settings) })),
  };
}

/**
 * γ = 1 − D_o/D_e. D_e is the mean best-alignment disorder of `samples` random continua in which each
 * coder keeps the lengths and categories of their units but places them uniformly at random within the
 * span of the observed annotations. Undefined (null) when D_e = 0.
 * @throws QuireError("invalid_input") as {@link gammaBestAlignment} does.
 */
export function gamma(units: readonly GammaUnit[], options: GammaOptions = {}): GammaResult {
  const samples = options.samples ?? 30;
  const seed = options.seed ?? 1;
  const observed = gammaBestAlignment(units, options).disorder;
  const random = mulberry32(seed);
  const first = Math.min(...units.map((unit) => unit.start));
  const last = Math.max(...units.map((unit) => unit.end));
  let total = 0;
  for (let s = 0; s < samples; s++) {
    const shuffled = units.map((unit) => {
      const size = unit.end - unit.start;
      const start = first + random() * (last - first - size);
      return { ...unit, start, end: start + size };
    });
    total += gammaBestAlignment(shuffled, options).disorder;
  }
  const expected = samples > 0 ? total / samples : 0;
  const base = { measure: "gamma" as const, observedDisorder: observed, samples, seed };
  if (!(expected > 0)) {
    return { ...base, value: null, undefinedReason: "no-variation", expectedDisorder: expected };
  }
  return {
    ...base,
    value: 1 - observed / expected,
    undefinedReason: null,
    expectedDisorder: expected,
  };
}

function pairDissimilarity(a: GammaUnit | null, b: GammaUnit | null, s: Settings): number {
  if (!a || !b) return s.deltaEmpty;
  const positional =
    ((Math.abs(a.start - b.start) + Math.abs(a.end - b.end)) /
      (a.end - a.start + (b.end - b.start))) **
    2;
  const categorical = a.value === b.value ? 0 : 1;
  return (s.alpha * positional + s.beta * categorical) * s.deltaEmpty;
}

function tupleDisorder(tuple: readonly (GammaUnit | null)[], s: Settings): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < tuple.length; i++) {
    for (let j = i + 1; j < tuple.length; j++) {
      sum += pairDissimilarity(tuple[i] ?? null, tuple[j] ?? null, s);
      pairs++;
    }
  }
  return sum / pairs;
}

/**
 * Exact minimum-cost cover of all units by unitary alignments. Branches on the first uncovered unit
 * (coders in order), and prunes with a lower bound: each uncovered unit costs at least its cheapest
 * share (disorder / real units) of any alignment containing it.
 */
function searchBestAlignment(
  byCoder: readonly GammaUnit[][],
  s: Settings,
): { cost: number; tuples: (GammaUnit | null)[][] } {
  const m = byCoder.length;
  const flat = byCoder.flatMap((units, coder) =>
    units.map((unit, index) => ({ unit, coder, index })),
  );
  const idOf = (coder: number, index: number) => {
    let id = index;
    for (let c = 0; c < coder; c++) id += byCoder[c]?.length ?? 0;
    return id;
  };
  // Cheapest share per unit, over every alignment that contains it.
  const cheapest = new Array<number>(flat.length).fill(Number.POSITIVE_INFINITY);
  let enumerated = 0;
  const enumerate = (coder: number, tuple: (GammaUnit | null)[], ids: number[]): void => {
    if (++enumerated > s.budget) tooLarge();
    if (coder === m) {
      if (ids.length === 0) return;
      const share = tupleDisorder(tuple, s) / ids.length;
      for (const id of ids) if (share < (cheapest[id] ?? 0)) cheapest[id] = share;
      return;
    }
    tuple.push(null);
    enumerate(coder + 1, tuple, ids);
    tuple.pop();
    (byCoder[coder] ?? []).forEach((unit, index) => {
      tuple.push(unit);
      ids.push(idOf(coder, index));
      enumerate(coder + 1, tuple, ids);
      ids.pop();
      tuple.pop();
    });
  };
  enumerate(0, [], []);

  const covered = new Array<boolean>(flat.length).fill(false);
  let bestCost = Number.POSITIVE_INFINITY;
  let best: (GammaUnit | null)[][] = [];
  const chosen: (GammaUnit | null)[][] = [];
  let remainingBound = cheapest.reduce((a, b) => a + b, 0);
  let visited = 0;

  const search = (cost: number): void => {
    if (++visited > s.budget) tooLarge();
    const next = covered.indexOf(false);
    if (next === -1) {
      if (cost < bestCost) {
        bestCost = cost;
        best = chosen.map((tuple) => [...tuple]);
      }
      return;
    }
    if (cost + remainingBound >= bestCost - 1e-12) return;
    const anchor = flat[next] as { unit: GammaUnit; coder: number };
    const tuple: (GammaUnit | null)[] = new Array(m).fill(null);
    tuple[anchor.coder] = anchor.unit;
    const ids: number[] = [next];
    const extend = (coder: number): void => {
      if (coder === m) {
        const disorder = tupleDisorder(tuple, s);
        for (const id of ids) {
          covered[id] = true;
          remainingBound -= cheapest[id] ?? 0;
        }
        chosen.push([...tuple]);
        search(cost + disorder);
        chosen.pop();
        for (const id of ids) {
          covered[id] = false;
          remainingBound += cheapest[id] ?? 0;
        }
        return;
      }
      if (coder === anchor.coder) {
        extend(coder + 1);
        return;
      }
      extend(coder + 1); // this coder contributes no unit
      (byCoder[coder] ?? []).forEach((unit, index) => {
        const id = idOf(coder, index);
        if (covered[id]) return;
        tuple[coder] = unit;
        ids.push(id);
        extend(coder + 1);
        ids.pop();
        tuple[coder] = null;
      });
    };
    extend(0);
  };
  search(0);
  return { cost: bestCost, tuples: best };
}

function tooLarge(): never {
  throw new QuireError(
    "invalid_input",
    "This continuum has too many units for an exact γ alignment within the search budget; split it or raise searchBudget.",
  );
}

/** A small seeded generator (mulberry32): the same seed gives the same γ in every browser. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
