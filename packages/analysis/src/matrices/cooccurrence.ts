/**
 * Code co-occurrence. Two passages co-occur when they are in the same source and
 * - `overlap` (default): their ranges share at least one character (touching is not enough), or
 * - `turn`: some speaker turn shares a character with each of them.
 * For each pair of distinct codes A < B (by id): `pairs` = co-occurring (A passage, B passage)
 * pairs; `sources` = sources with at least one such pair; and the Jaccard index over sources,
 * J = sources / (sources with A + sources with B − sources), which lies in [0, 1] because a source
 * with a co-occurrence has both codes. A code never co-occurs with itself here.
 */
import type { CodingRecord, ProjectSnapshot } from "../queries/model.js";

export type CooccurrenceRule = "overlap" | "turn";

export interface CooccurrenceCount {
  codeA: string;
  codeB: string;
  pairs: number;
  sources: number;
}

/** Per code: the sources it occurs in and its passages (the Jaccard denominators). */
export interface CodeSpread {
  codeId: string;
  sources: number;
  segments: number;
}

export interface CooccurrenceRow extends CooccurrenceCount {
  /** Sources with A, with B. */
  sourcesA: number;
  sourcesB: number;
  /** Jaccard over sources; `null` when neither code occurs (cannot happen for a counted pair). */
  jaccard: number | null;
}

/**
 * Adds the Jaccard index to counted pairs, most pairs first, ties by code ids. Written for 300
 * codes' 45,000 pairs: rows are plain literals (spreading each count was most of the cost), and
 * ties compare each id's rank among the ids rather than the id strings.
 */
export function buildCooccurrence(
  counts: readonly CooccurrenceCount[],
  spread: readonly CodeSpread[],
): CooccurrenceRow[] {
  const sourcesOf = new Map(spread.map((s) => [s.codeId, s.sources]));
  const idSet = new Set<string>();
  for (const count of counts) idSet.add(count.codeA).add(count.codeB);
  const ids = [...idSet].sort();
  const rankOf = new Map(ids.map((id, rank) => [id, rank]));
  const rows: CooccurrenceRow[] = [];
  const ties = new Float64Array(counts.length);
  for (const [index, count] of counts.entries()) {
    const sourcesA = sourcesOf.get(count.codeA) ?? 0;
    const sourcesB = sourcesOf.get(count.codeB) ?? 0;
    const union = sourcesA + sourcesB - count.sources;
    rows.push({
      codeA: count.codeA,
      codeB: count.codeB,
      pairs: count.pairs,
      sources: count.sources,
      sourcesA,
      sourcesB,
      jaccard: union > 0 ? count.sources / union : null,
    });
    ties[index] = (rankOf.get(count.codeA) ?? 0) * ids.length + (rankOf.get(count.codeB) ?? 0);
  }
  const order = Uint32Array.from(rows.keys());
  const pairsOf = (index: number) => rows[index]?.pairs ?? 0;
  order.sort((a, b) => pairsOf(b) - pairsOf(a) || (ties[a] ?? 0) - (ties[b] ?? 0));
  return Array.from(order, (index) => rows[index] as CooccurrenceRow);
}

/** Co-occurrence counts from an in-memory project: the reference the SQL self-join is tested against. */
export function cooccurrenceCounts(
  project: ProjectSnapshot,
  rule: CooccurrenceRule = "overlap",
): { counts: CooccurrenceCount[]; spread: CodeSpread[] } {
  const turnsOf = new Map(project.sources.map((s) => [s.id, s.turns]));
  const bySource = new Map<string, CodingRecord[]>();
  for (const coding of project.codings) {
    const list = bySource.get(coding.sourceId) ?? [];
    list.push(coding);
    bySource.set(coding.sourceId, list);
  }
  const pairs = new Map<string, { count: CooccurrenceCount; sources: Set<string> }>();
  const spread = new Map<string, { sources: Set<string>; segments: number }>();
  for (const [sourceId, codings] of bySource) {
    const turns = turnsOf.get(sourceId) ?? [];
    for (const coding of codings) {
      const entry = spread.get(coding.codeId) ?? { sources: new Set(), segments: 0 };
      entry.sources.add(sourceId);
      entry.segments++;
      spread.set(coding.codeId, entry);
    }
    for (let i = 0; i < codings.length; i++)
      for (let j = i + 1; j < codings.length; j++) {
        const a = codings[i];
        const b = codings[j];
        if (!a || !b || a.codeId === b.codeId) continue;
        const together =
          rule === "overlap"
            ? a.start < b.end && b.start < a.end
            : turns.some(
                (t) => t.start < a.end && t.end > a.start && t.start < b.end && t.end > b.start,
              );
        if (!together) continue;
        const [codeA, codeB] = a.codeId < b.codeId ? [a.codeId, b.codeId] : [b.codeId, a.codeId];
        const key = `${codeA}\u0000${codeB}`;
        const found = pairs.get(key) ?? {
          count: { codeA, codeB, pairs: 0, sources: 0 },
          sources: new Set<string>(),
        };
        found.count.pairs++;
        found.sources.add(sourceId);
        pairs.set(key, found);
      }
  }
  return {
    counts: [...pairs.values()].map(({ count, sources }) => ({ ...count, sources: sources.size })),
    spread: [...spread.entries()].map(([codeId, s]) => ({
      codeId,
      sources: s.sources.size,
      segments: s.segments,
    })),
  };
}
