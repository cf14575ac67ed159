/**
 * Co-occurrence by overlap, and each code's spread (passages, sources), counted in one sweep over a
 * project's live codings, read as plain arrays in source and start order from the
 * `codings_by_source` index: what the kept tallies are first built from. Every code of the
 * project has a spread row, zero when unused. The self-join in `matrix-live.ts` gives the same counts (the tallies test
 * holds the two together), but where SQL must add each of millions of pairs into a keyed table
 * one at a time, here a pair is a number and its tally an array slot.
 *
 * The rule is the self-join's: two passages of a source co-occur when they share a character, and
 * each pair of distinct codes is counted once per pair of passages. A code pair is oriented by the
 * database's own ordering of the ids (the order the triggers' `<` uses), so a tally built here is
 * the row the triggers later adjust.
 */
import { sql } from "kysely";
import type { Store } from "../store.js";
import type { CodeSpreadRow, CooccurrenceCountRow } from "./matrix-live.js";

/** Sources read per query: a few tens of thousands of codings at the densities seen in studies. */
const SOURCES_PER_READ = 4_000;

export async function overlapPairsSwept(
  store: Store,
  projectId: string,
): Promise<{ counts: CooccurrenceCountRow[]; spread: CodeSpreadRow[] }> {
  const { db, dialect } = store;
  const read = async (query: ReturnType<typeof sql>) => dialect.selectRows(db, query.compile(db));
  const codes = (
    await read(sql`SELECT id FROM codes WHERE project_id = ${projectId} ORDER BY id`)
  ).map((row) => String(row[0]));
  const rankOf = new Map(codes.map((id, rank) => [id, rank]));
  const tally = pairTally(codes.length);
  // Each code's passages and sources (the spread), counted on the way.
  const segments = new Uint32Array(codes.length);
  const codeSources = new Uint32Array(codes.length);
  const codeSeenIn = new Int32Array(codes.length).fill(-1);

  const sourceIds = (
    await read(sql`SELECT id FROM sources WHERE project_id = ${projectId} ORDER BY id`)
  ).map((row) => String(row[0]));
  const ours = new Set(sourceIds);
  // The passages of the source being read, in start order, and its serial.
  let serial = 0;
  const starts: number[] = [];
  const ends: number[] = [];
  const ranks: number[] = [];

  /** Counts the pairs of one source's passages, given in start order. */
  const sweep = () => {
    const n = starts.length;
    for (let i = 0; i < n; i++) {
      const end = ends[i] as number;
      const a = ranks[i] as number;
      for (let j = i + 1; j < n && (starts[j] as number) < end; j++) {
        const b = ranks[j] as number;
        if (a === b) continue;
        tally.add(a < b ? a : b, a < b ? b : a, serial);
      }
    }
  };

  const nextSource = () => {
    sweep();
    serial++;
    starts.length = 0;
    ends.length = 0;
    ranks.length = 0;
  };

  for (let from = 0; from < sourceIds.length; from += SOURCES_PER_READ) {
    const first = sourceIds[from];
    const last = sourceIds[Math.min(from + SOURCES_PER_READ, sourceIds.length) - 1];
    // A range of source ids: other projects' sources inside it are skipped below.
    const rows = await read(sql`SELECT source_id, start_pos, end_pos, code_id FROM codings
      WHERE source_id >= ${first} AND source_id <= ${last} AND status <> 'orphaned'
      ORDER BY source_id, start_pos`);
    let current: unknown;
    for (const row of rows) {
      if (row[0] !== current) {
        nextSource();
        current = row[0];
      }
      const rank = rankOf.get(String(row[3]));
      if (rank === undefined || !ours.has(String(row[0]))) continue;
      starts.push(Number(row[1]));
      ends.push(Number(row[2]));
      ranks.push(rank);
      segments[rank] = (segments[rank] as number) + 1;
      if (codeSeenIn[rank] !== serial) {
        codeSeenIn[rank] = serial;
        codeSources[rank] = (codeSources[rank] as number) + 1;
      }
    }
    nextSource();
  }
  return {
    counts: tally.rows().map(({ a, b, pairs, sources }) => ({
      codeA: codes[a] as string,
      codeB: codes[b] as string,
      pairs,
      sources,
    })),
    spread: codes.map((codeId, rank) => ({
      codeId,
      sources: codeSources[rank] as number,
      segments: segments[rank] as number,
    })),
  };
}

interface PairTally {
  /** Counts one co-occurring pair of passages of codes a < b (by rank) in source `serial`. */
  add(a: number, b: number, serial: number): void;
  rows(): { a: number; b: number; pairs: number; sources: number }[];
}

/** Codebooks up to this size tally in a dense square (at most 12 MiB); larger ones sparsely. */
const DENSE_CODES = 1_024;

function pairTally(size: number): PairTally {
  // Each pair's slot holds its pairs, its sources, and the last source it was counted in.
  let capacity = size <= DENSE_CODES ? size * size : 4_096;
  let pairs = new Uint32Array(capacity);
  let sources = new Uint32Array(capacity);
  let seenIn = new Int32Array(capacity).fill(-1);
  const sparse = size > DENSE_CODES ? new Map<number, number>() : null;
  const keys: number[] = [];
  const slotOf = (a: number, b: number): number => {
    if (!sparse) return a * size + b;
    const key = a * size + b;
    const found = sparse.get(key);
    if (found !== undefined) return found;
    const slot = keys.length;
    if (slot === capacity) {
      capacity *= 2;
      const grow = <T extends Uint32Array | Int32Array>(old: T, next: T) => {
        next.set(old);
        return next;
      };
      pairs = grow(pairs, new Uint32Array(capacity));
      sources = grow(sources, new Uint32Array(capacity));
      seenIn = grow(seenIn, new Int32Array(capacity).fill(-1));
    }
    sparse.set(key, slot);
    keys.push(key);
    return slot;
  };
  return {
    add(a, b, serial) {
      const slot = slotOf(a, b);
      pairs[slot] = (pairs[slot] as number) + 1;
      if (seenIn[slot] !== serial) {
        seenIn[slot] = serial;
        sources[slot] = (sources[slot] as number) + 1;
      }
    },
    rows() {
      const rows: { a: number; b: number; pairs: number; sources: number }[] = [];
      const count = sparse ? keys.length : size * size;
      for (let slot = 0; slot < count; slot++) {
        const n = pairs[slot] as number;
        if (n === 0) continue;
        const key = sparse ? (keys[slot] as number) : slot;
        rows.push({
          a: Math.floor(key / size),
          b: key % size,
          pairs: n,
          sources: sources[slot] as number,
        });
      }
      return rows;
    },
  };
}
