/**
 * New codes per source in collection order (METHODS SAT-1): for each source, the codes it has that
 * no earlier source had ("new"), the codes it shares with earlier sources ("repeated"), and the
 * cumulative number of distinct codes. Order matters: the same sources in another order give
 * another curve, which is why the order is the sources' collection position.
 */
import { QuireError } from "@quire/core";
import type { ProjectSnapshot } from "../queries/model.js";

/** A source and the distinct codes applied in it. */
export interface SourceCodes {
  sourceId: string;
  label: string;
  position: number;
  codeIds: readonly string[];
}

export interface CurvePoint {
  sourceId: string;
  label: string;
  position: number;
  /** Distinct codes in this source. */
  codes: number;
  /** Codes first seen in this source. */
  newCodes: number;
  /** Codes this source shares with earlier ones (codes − newCodes). */
  repeated: number;
  /** Distinct codes in this and every earlier source. */
  cumulative: number;
  /** Ids of the new codes, sorted. */
  newCodeIds: string[];
}

/**
 * The saturation curve over sources sorted by position (ties by id). Sources without codes stay on
 * the curve with zero new codes, because an interview that added nothing is evidence too.
 * @throws QuireError `invalid_input` when two sources share an id.
 */
export function saturationCurve(sources: readonly SourceCodes[]): CurvePoint[] {
  const ids = new Set<string>();
  for (const source of sources) {
    if (ids.has(source.sourceId))
      throw new QuireError("invalid_input", `source ${source.sourceId} is listed twice`);
    ids.add(source.sourceId);
  }
  const ordered = [...sources].sort(
    (a, b) => a.position - b.position || (a.sourceId < b.sourceId ? -1 : 1),
  );
  const seen = new Set<string>();
  return ordered.map((source) => {
    const codes = [...new Set(source.codeIds)];
    const fresh = codes.filter((id) => !seen.has(id)).sort();
    for (const id of fresh) seen.add(id);
    return {
      sourceId: source.sourceId,
      label: source.label,
      position: source.position,
      codes: codes.length,
      newCodes: fresh.length,
      repeated: codes.length - fresh.length,
      cumulative: seen.size,
      newCodeIds: fresh,
    };
  });
}

/** The distinct codes of every source of an in-memory project (labels are the source ids). */
export function sourceCodesOf(project: ProjectSnapshot): SourceCodes[] {
  const codes = new Map<string, Set<string>>();
  for (const coding of project.codings) {
    const set = codes.get(coding.sourceId) ?? new Set();
    set.add(coding.codeId);
    codes.set(coding.sourceId, set);
  }
  return project.sources.map((source) => ({
    sourceId: source.id,
    label: source.id,
    position: source.position,
    codeIds: [...(codes.get(source.id) ?? [])].sort(),
  }));
}
