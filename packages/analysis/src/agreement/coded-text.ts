/**
 * Turns coded text (coders' spans of codes over sources) into the inputs of the agreement measures:
 * per-code presence units for α, κ or percent agreement at character level, and continua for the
 * unitized α family. Every listed coder is taken to have read every listed source, so text a coder
 * left uncoded is a judgement ("not this code"), never missing data.
 */
import { QuireError } from "@quire/core";
import type { UnitizedContinuum, UnitizedSegment } from "./unitized.js";

/** One coded span: `coder` applied `codeId` to characters start ≤ x < end of `sourceId`. */
export interface CodedSpan {
  coder: string;
  codeId: string;
  sourceId: string;
  start: number;
  end: number;
}

/** A source and its length in characters. */
export interface SourceLength {
  sourceId: string;
  length: number;
}

/** Which coders the study has. */
export interface CodedTextOptions {
  /**
   * All coders, in column order. Default: the coders that occur in the spans, sorted. List a coder
   * who coded nothing explicitly, or their silence is lost.
   */
  coders?: readonly string[];
}

/**
 * A maximal stretch of one source over which every coder's coding of one code is constant.
 * `values[i]` is 1 when coder i applied the code there, else 0; `weight` is its length in characters.
 */
export interface PresenceStretch {
  sourceId: string;
  start: number;
  end: number;
  values: (0 | 1)[];
  weight: number;
}

/** One source's continuum for unitized α. */
export interface SourceContinuum {
  sourceId: string;
  continuum: UnitizedContinuum;
}

/**
 * Per code, the character-level presence data: each character is a unit whose value per coder is
 * 1 (coded) or 0 (not coded). Characters are grouped into maximal stretches that every coder codes
 * alike; adding a stretch with `weight` = its length gives exactly the character-level result
 * (`createAlphaAccumulator(level).add(values, weight)`, or the two-coder accumulator), in
 * O(spans) rather than O(characters). This is NVivo's per-code unit of comparison, pooled over sources.
 * @throws QuireError("invalid_input") for an unknown source, a span outside its source, or end < start.
 */
export function codePresenceUnits(
  spans: readonly CodedSpan[],
  sources: readonly SourceLength[],
  options: CodedTextOptions = {},
): Map<string, PresenceStretch[]> {
  const { coders, lengths } = prepare(spans, sources, options);
  const grouped = groupSpans(spans);
  const byCode = new Map<string, PresenceStretch[]>();
  for (const codeId of [...new Set(spans.map((span) => span.codeId))].sort()) {
    const stretches: PresenceStretch[] = [];
    for (const [sourceId, length] of lengths) {
      const perCoder = coders.map((coder) =>
        mergedIntervals(grouped.get(groupKey(codeId, sourceId, coder)) ?? []),
      );
      const cuts = new Set<number>([0, length]);
      for (const intervals of perCoder) for (const [a, b] of intervals) cuts.add(a).add(b);
      const points = [...cuts].sort((a, b) => a - b);
      // One pointer per coder walks their intervals alongside the stretches: O(cuts × coders).
      const next = coders.map(() => 0);
      for (let i = 0; i + 1 < points.length; i++) {
        const start = points[i] as number;
        const end = points[i + 1] as number;
        const values = perCoder.map((intervals, c) => {
          let at = next[c] ?? 0;
          while (at < intervals.length && (intervals[at]?.[1] ?? 0) <= start) at++;
          next[c] = at;
          const interval = intervals[at];
          return (interval && interval[0] <= start ? 1 : 0) as 0 | 1;
        });
        stretches.push({ sourceId, start, end, values, weight: end - start });
      }
    }
    byCode.set(codeId, stretches);
  }
  return byCode;
}

/**
 * Per code, one continuum per source for uα / |uα: each coder's spans of that code become segments
 * valued with the code id; overlapping or touching spans of one coder and one code are merged first,
 * since coding the same text twice with one code says nothing more.
 * @throws QuireError("invalid_input") as {@link codePresenceUnits} does.
 */
export function unitizedContinuaByCode(
  spans: readonly CodedSpan[],
  sources: readonly SourceLength[],
  options: CodedTextOptions = {},
): Map<string, SourceContinuum[]> {
  const byCode = new Map<string, SourceContinuum[]>();
  for (const codeId of [...new Set(spans.map((span) => span.codeId))].sort()) {
    byCode.set(codeId, unitizedContinuaForCodes(spans, sources, [codeId], options));
  }
  return byCode;
}

/**
 * One continuum per source for a group of mutually exclusive codes (ATLAS.ti's "semantic domain"):
 * the codes are the values, so uα also judges which code was applied. Spans of other codes are
 * ignored.
 * @throws QuireError("invalid_input") as {@link codePresenceUnits} does, or when one coder's spans of
 *   two different codes of the group overlap (the codes are then not mutually exclusive).
 */
export function unitizedContinuaForCodes(
  spans: readonly CodedSpan[],
  sources: readonly SourceLength[],
  codeIds: readonly string[],
  options: CodedTextOptions = {},
): SourceContinuum[] {
  const { coders, lengths } = prepare(spans, sources, options);
  const grouped = groupSpans(spans);
  const result: SourceContinuum[] = [];
  for (const [sourceId, length] of lengths) {
    const segmentsByCoder = coders.map((coder) => {
      const segments: UnitizedSegment[] = [];
      for (const codeId of codeIds) {
        const mine = grouped.get(groupKey(codeId, sourceId, coder)) ?? [];
        for (const [start, end] of mergedIntervals(mine))
          segments.push({ start, end, value: codeId });
      }
      segments.sort((a, b) => a.start - b.start);
      for (let i = 1; i < segments.length; i++) {
        const previous = segments[i - 1] as UnitizedSegment;
        const current = segments[i] as UnitizedSegment;
        if (current.start < previous.end) {
          throw new QuireError(
            "invalid_input",
            `${coder} applied both ${previous.value} and ${current.value} to ${sourceId} [${current.start}, ${Math.min(previous.end, current.end)}); unitized α needs the codes of a group to be mutually exclusive.`,
          );
        }
      }
      return segments;
    });
    result.push({ sourceId, continuum: { length, coders: segmentsByCoder } });
  }
  return result;
}

function prepare(
  spans: readonly CodedSpan[],
  sources: readonly SourceLength[],
  options: CodedTextOptions,
): { coders: string[]; lengths: Map<string, number> } {
  const lengths = new Map<string, number>();
  for (const { sourceId, length } of sources) {
    if (!(Number.isInteger(length) && length >= 0)) {
      throw new QuireError(
        "invalid_input",
        `Source ${sourceId} needs a whole-number length ≥ 0, got ${length}.`,
      );
    }
    lengths.set(sourceId, length);
  }
  for (const span of spans) {
    const length = lengths.get(span.sourceId);
    if (length === undefined) {
      throw new QuireError(
        "invalid_input",
        `A span refers to source ${span.sourceId}, which is not listed.`,
      );
    }
    if (
      !(
        Number.isFinite(span.start) &&
        Number.isFinite(span.end) &&
        0 <= span.start &&
        span.start <= span.end &&
        span.end <= length
      )
    ) {
      throw new QuireError(
        "invalid_input",
        `${span.coder}'s span [${span.start}, ${span.end}) of ${span.codeId} lies outside ${span.sourceId} (length ${length}).`,
      );
    }
  }
  const coders = options.coders
    ? [...options.coders]
    : [...new Set(spans.map((s) => s.coder))].sort();
  const known = new Set(coders);
  const stranger = spans.find((span) => !known.has(span.coder));
  if (stranger) {
    throw new QuireError(
      "invalid_input",
      `A span is by ${stranger.coder}, who is not among the listed coders.`,
    );
  }
  return { coders, lengths };
}

/** The union of the spans as sorted, disjoint, non-empty [start, end) intervals. */
function mergedIntervals(spans: readonly CodedSpan[]): [number, number][] {
  const sorted = spans
    .filter((span) => span.end > span.start)
    .map((span): [number, number] => [span.start, span.end])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function groupKey(codeId: string, sourceId: string, coder: string): string {
  return JSON.stringify([codeId, sourceId, coder]);
}

/** Spans grouped by code, source and coder, so each group is found without rescanning them all. */
function groupSpans(spans: readonly CodedSpan[]): Map<string, CodedSpan[]> {
  const groups = new Map<string, CodedSpan[]>();
  for (const span of spans) {
    const key = groupKey(span.codeId, span.sourceId, span.coder);
    const group = groups.get(key);
    if (group) group.push(span);
    else groups.set(key, [span]);
  }
  return groups;
}
