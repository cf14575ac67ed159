/**
 * The unitizing α family of Krippendorff, Mathet, Bouvry & Widlöcher (2016) and Krippendorff (2019,
 * §12.6): uα (which stretches were coded, and with which value) and |uα (coded vs. not coded,
 * ATLAS.ti's "α-binary"). Each coder partitions a continuum of length L into valued units and gaps φ;
 * agreement is measured by lengths of overlap. Continua (sources) stream in one at a time: memory is
 * O(values²) plus the segments of the one continuum being added.
 */
import { QuireError } from "@quire/core";
import { CategoryIndex, type CodeValue, SparseSquare, type UndefinedReason } from "./values.js";

/** One coded stretch, half-open: it covers positions start ≤ x < end of its continuum. */
export interface UnitizedSegment {
  start: number;
  end: number;
  value: CodeValue;
}

/**
 * One continuum (e.g. a source text of `length` characters) and each coder's segments on it, one
 * array per coder. A coder with no segments left it all uncoded (one gap); every coder must be
 * listed, since a coder who saw the text and coded nothing is evidence, not missing data.
 */
export interface UnitizedContinuum {
  length: number;
  coders: readonly (readonly UnitizedSegment[])[];
}

/** uα or |uα with its parts. */
export interface UnitizedAlphaResult {
  measure: "u-alpha" | "binary-u-alpha";
  value: number | null;
  undefinedReason: UndefinedReason | null;
  /** Σ_{c≠k} l_ck / l_··: share of the coded length on which pairs of coders disagree. */
  observedDisagreement: number | null;
  /** Σ_{c≠k} e_ck / l_··. */
  expectedDisagreement: number | null;
  /** Total length of the continua added. */
  continuumLength: number;
  continua: number;
  /** Row/column labels: the values, `null` standing for the gap φ (uα), or [null, "coded"] (|uα). */
  values: (CodeValue | null)[];
  /** l_ck: observed coincidences of lengths. */
  observed: number[][];
  /** e_ck: expected coincidences of lengths. */
  expected: number[][];
}

/** Streams continua into uα and |uα. */
export interface UnitizedAccumulator {
  /**
   * Adds one continuum.
   * @throws QuireError("invalid_input") for fewer than two coders, a segment outside [0, length] or
   *   with end < start, or two segments of one coder that overlap.
   */
  add(continuum: UnitizedContinuum): void;
  /** uα: all values, gaps included, compared as nominal categories. */
  uAlpha(): UnitizedAlphaResult;
  /** |uα: every non-gap value collapsed into one "coded" value; units keep their own boundaries. */
  binaryUAlpha(): UnitizedAlphaResult;
}

const GAP = -1;

interface Section {
  start: number;
  end: number;
  category: number;
}

/** Creates an empty unitized-α accumulator. */
export function createUnitizedAccumulator(): UnitizedAccumulator {
  const index = new CategoryIndex();
  const overlaps = new SparseSquare(); // l_ck, gap = GAP
  const squaredLengths = new Map<number, number>(); // S_c
  let total = 0; // l_·· = Σ m L
  let continuumLength = 0;
  let continua = 0;

  function add(continuum: UnitizedContinuum): void {
    const m = continuum.coders.length;
    const { length } = continuum;
    if (!(Number.isFinite(length) && length >= 0)) {
      throw new QuireError(
        "invalid_input",
        `A continuum length must be a number ≥ 0, got ${length}.`,
      );
    }
    if (m < 2) {
      throw new QuireError(
        "invalid_input",
        `Unitized α needs at least two coders per continuum, got ${m}.`,
      );
    }
    const sections = continuum.coders.map((segments, coder) =>
      sectionsOf(segments, length, coder, index),
    );
    for (const coderSections of sections) {
      for (const section of coderSections) {
        const size = section.end - section.start;
        // Gaps are divisible: they enter S as ℓ (unit-length pieces), valued units as ℓ².
        const contribution = section.category === GAP ? size : size * size;
        squaredLengths.set(
          section.category,
          (squaredLengths.get(section.category) ?? 0) + contribution,
        );
      }
    }
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        addOverlaps(sections[i] ?? [], sections[j] ?? [], 1 / (m - 1), overlaps);
      }
    }
    total += m * length;
    continuumLength += length;
    continua++;
  }

  function compute(measure: UnitizedAlphaResult["measure"], groupOf: (category: number) => number) {
    const groups = measure === "u-alpha" ? [GAP, ...index.values().map((_, i) => i)] : [GAP, 0];
    const labels: (CodeValue | null)[] =
      measure === "u-alpha" ? [null, ...index.values()] : [null, "coded"];
    const position = new Map(groups.map((group, i) => [group, i] as const));
    const size = groups.length;
    const l = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    for (const [c, k, weight] of overlaps.cells()) {
      const row = l[position.get(groupOf(c)) ?? 0];
      const col = position.get(groupOf(k)) ?? 0;
      if (row) row[col] = (row[col] ?? 0) + weight;
    }
    const s = new Array<number>(size).fill(0);
    for (const [c, value] of squaredLengths) {
      const at = position.get(groupOf(c)) ?? 0;
      s[at] = (s[at] ?? 0) + value;
    }
    const rowSums = l.map((row) => row.reduce((a, b) => a + b, 0));
    const sTotal = s.reduce((a, b) => a + b, 0);
    const denominator = total - sTotal / total;
    const e = rowSums.map((rowC, c) =>
      rowSums.map((rowK, k) => (rowC * rowK - (c === k ? (s[c] ?? 0) : 0)) / denominator),
    );
    const offDiagonal = (matrix: number[][]) =>
      matrix.reduce(
        (sum, row, c) => sum + row.reduce((acc, x, k) => (c === k ? acc : acc + x), 0),
        0,
      );
    const base = { measure, continuumLength, continua, values: labels, observed: l };
    if (total === 0) {
      return {
        ...base,
        expected: e.map((row) => row.map(() => 0)),
        value: null,
        undefinedReason: "no-data" as const,
        observedDisagreement: null,
        expectedDisagreement: null,
      };
    }
    const observedOff = offDiagonal(l);
    const expectedOff = offDiagonal(e);
    const disagreement = {
      observedDisagreement: observedOff / total,
      expectedDisagreement: expectedOff / total,
    };
    // No expected disagreement: every coder left everything uncoded or used one value throughout.
    if (!(expectedOff > 0)) {
      return {
        ...base,
        expected: e,
        value: null,
        undefinedReason: "no-variation" as const,
        ...disagreement,
      };
    }
    return {
      ...base,
      expected: e,
      value: 1 - observedOff / expectedOff,
      undefinedReason: null,
      ...disagreement,
    };
  }

  return {
    add,
    uAlpha: () => compute("u-alpha", (category) => category),
    binaryUAlpha: () => compute("binary-u-alpha", (category) => (category === GAP ? GAP : 0)),
  };
}

/**
 * uα of Krippendorff et al. (2016) over one or more continua, pooled as if laid end to end.
 * Undefined (null) when the continua have no length (`no-data`) or nobody's coding varies
 * (`no-variation`, e.g. no coder coded anything).
 * @throws QuireError("invalid_input") as {@link UnitizedAccumulator.add} does.
 */
export function unitizedAlpha(continua: Iterable<UnitizedContinuum>): UnitizedAlphaResult {
  const accumulator = createUnitizedAccumulator();
  for (const continuum of continua) accumulator.add(continuum);
  return accumulator.uAlpha();
}

/**
 * |uα: relevant (any value) vs. irrelevant (gap) matter. Undefined as {@link unitizedAlpha} is.
 * @throws QuireError("invalid_input") as {@link UnitizedAccumulator.add} does.
 */
export function binaryUnitizedAlpha(continua: Iterable<UnitizedContinuum>): UnitizedAlphaResult {
  const accumulator = createUnitizedAccumulator();
  for (const continuum of continua) accumulator.add(continuum);
  return accumulator.binaryUAlpha();
}

/** A coder's partition of [0, length): their segments in order with the gaps between them. */
function sectionsOf(
  segments: readonly UnitizedSegment[],
  length: number,
  coder: number,
  index: CategoryIndex,
): Section[] {
  const sorted = segments
    .map((segment) => {
      const { start, end } = segment;
      if (
        !(
          Number.isFinite(start) &&
          Number.isFinite(end) &&
          0 <= start &&
          start <= end &&
          end <= length
        )
      ) {
        throw new QuireError(
          "invalid_input",
          `Coder ${coder + 1} has a segment [${start}, ${end}) outside the continuum [0, ${length}).`,
        );
      }
      return segment;
    })
    // Zero-length segments cover nothing and would only add empty sections.
    .filter((segment) => segment.end > segment.start)
    .sort((a, b) => a.start - b.start);
  const sections: Section[] = [];
  let position = 0;
  for (const segment of sorted) {
    if (segment.start < position) {
      throw new QuireError(
        "invalid_input",
        `Coder ${coder + 1} has overlapping segments at ${segment.start}; unitized α needs each coder's segments to be disjoint.`,
      );
    }
    if (segment.start > position)
      sections.push({ start: position, end: segment.start, category: GAP });
    sections.push({
      start: segment.start,
      end: segment.end,
      category: index.intern(segment.value),
    });
    position = segment.end;
  }
  if (position < length) sections.push({ start: position, end: length, category: GAP });
  return sections;
}

/** Adds the lengths of overlap between two coders' partitions, both ways round, scaled. */
function addOverlaps(
  first: readonly Section[],
  second: readonly Section[],
  scale: number,
  into: SparseSquare,
): void {
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) {
    const a = first[i] as Section;
    const b = second[j] as Section;
    const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
    if (overlap > 0) {
      into.add(a.category, b.category, overlap * scale);
      into.add(b.category, a.category, overlap * scale);
    }
    if (a.end <= b.end) i++;
    else j++;
  }
}
