/**
 * Yardsticks measured on the same machine in the same run, so that a figure can be read as a
 * ratio that survives noisy, shared hardware: the raw cost of what the project builds on.
 * - raw better-sqlite3 bulk insert of the same rows, one transaction, no indexes (rows/s);
 * - raw FTS5 `MATCH … ORDER BY rank LIMIT 50` over the same texts (ms per query);
 * - `JSON.parse` throughput (MB/s) and a `Buffer` copy (GB/s);
 * - and, to split W1's cost, the CSV stream parsed alone with nothing stored (rows/s).
 */
import { createReadStream, rmSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { parse } from "csv-parse";
import type { FeedbackRow } from "./generators/feedback.js";
import { median, now, percentile } from "./measure.js";

export interface SearchQuerySpec {
  /** What a user types into Quire's search box. */
  quire: string;
  /** The same query in FTS5 syntax, for the raw yardstick. */
  fts5: string;
  kind: "word" | "phrase" | "prefix" | "not";
}

function openRaw(path: string): BetterSqlite3.Database {
  const raw = new BetterSqlite3(path);
  // The store's own settings, so the yardstick differs from it only by the project's work.
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("cache_size = -65536");
  return raw;
}

function removeDb(path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
}

/** Rows per second of a plain prepared INSERT of the feedback rows into an unindexed table. */
export function rawBulkInsert(tempDir: string, rows: () => Iterable<FeedbackRow>): number {
  const path = join(tempDir, "yardstick-insert.sqlite");
  removeDb(path);
  const raw = openRaw(path);
  raw.exec(
    "CREATE TABLE feedback (respondent TEXT, site TEXT, month TEXT, service TEXT, sentiment TEXT, comment TEXT)",
  );
  const insert = raw.prepare("INSERT INTO feedback VALUES (?, ?, ?, ?, ?, ?)");
  let count = 0;
  let elapsed = 0;
  let batch: FeedbackRow[] = [];
  // Generating rows is not the yardstick's cost: rows are made in batches off the clock.
  const write = () => {
    const start = now();
    for (const row of batch)
      insert.run(row.respondent, row.site, row.month, row.service, row.sentiment, row.comment);
    elapsed += now() - start;
    count += batch.length;
    batch = [];
  };
  let start = now();
  raw.exec("BEGIN");
  elapsed += now() - start;
  for (const row of rows()) {
    batch.push(row);
    if (batch.length >= 10_000) write();
  }
  write();
  start = now();
  raw.exec("COMMIT");
  elapsed += now() - start;
  raw.close();
  removeDb(path);
  return count / (elapsed / 1000);
}

export interface RawSearch {
  p50: number;
  p95: number;
  perQuery: Record<string, number>;
}

/** Latency of raw FTS5 top-50 queries over the same texts, in a table built off the clock. */
export function rawFtsSearch(
  tempDir: string,
  rows: () => Iterable<FeedbackRow>,
  queries: readonly SearchQuerySpec[],
  rounds: number,
): RawSearch {
  const path = join(tempDir, "yardstick-fts.sqlite");
  removeDb(path);
  const raw = openRaw(path);
  raw.exec(
    `CREATE VIRTUAL TABLE texts USING fts5(text, tokenize = "unicode61 remove_diacritics 2")`,
  );
  const insert = raw.prepare("INSERT INTO texts (text) VALUES (?)");
  raw.exec("BEGIN");
  for (const row of rows()) insert.run(row.comment);
  raw.exec("COMMIT");
  const search = raw.prepare("SELECT rowid FROM texts WHERE texts MATCH ? ORDER BY rank LIMIT 50");
  for (const query of queries) search.all(query.fts5);
  const all: number[] = [];
  const perQuery: Record<string, number> = {};
  for (const query of queries) {
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const start = now();
      search.all(query.fts5);
      times.push(now() - start);
    }
    perQuery[query.quire] = median(times);
    all.push(...times);
  }
  raw.close();
  removeDb(path);
  return { p50: percentile(all, 50), p95: percentile(all, 95), perQuery };
}

/** MB/s of JSON.parse over a document of comment-like records (about 16 MB). */
export function jsonParseRate(rows: () => Iterable<FeedbackRow>): number {
  const records: FeedbackRow[] = [];
  let size = 0;
  for (const row of rows()) {
    records.push(row);
    size += row.comment.length + 90;
    if (size > 16 * 2 ** 20) break;
  }
  // Repeat the corpus if it is small, so the timing is not dominated by clock resolution.
  while (size < 16 * 2 ** 20 && records.length > 0) {
    records.push(...records.slice(0, Math.min(records.length, 50_000)));
    size *= 2;
  }
  const text = JSON.stringify(records);
  const megabytes = Buffer.byteLength(text) / 2 ** 20;
  JSON.parse(text);
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = now();
    JSON.parse(text);
    times.push(now() - start);
  }
  return megabytes / (median(times) / 1000);
}

/** GB/s of copying a 128 MiB buffer into another, the ceiling for any streaming path. */
export function bufferCopyRate(): number {
  const size = 128 * 2 ** 20;
  const source = Buffer.alloc(size, 7);
  const target = Buffer.allocUnsafe(size);
  source.copy(target);
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = now();
    source.copy(target);
    times.push(now() - start);
  }
  return size / 2 ** 30 / (median(times) / 1000);
}

/** Rows per second of reading the feedback CSV with the reader W1 uses, storing nothing. */
export async function csvParseRate(csvPath: string): Promise<number> {
  const start = now();
  let rows = 0;
  const records = createReadStream(csvPath, { highWaterMark: 256 * 1024 }).pipe(
    parse({ columns: true, bom: true }),
  );
  for await (const _record of records) rows++;
  return rows / ((now() - start) / 1000);
}
