/** Timing helpers: percentiles, medians, a peak-RSS sampler, and progress lines on stderr. */
import { performance } from "node:perf_hooks";

export function now(): number {
  return performance.now();
}

/** The p-th percentile (0–100) by nearest rank, the usual definition for latency reports. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Samples the resident set size every 50 ms. The importer yields to the event loop between chunks
 * (the CSV stream is asynchronous), so the timer fires during the work it watches.
 */
export class RssSampler {
  private peak = process.memoryUsage().rss;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.sample(), 50);
  }

  sample(): void {
    const rss = process.memoryUsage().rss;
    if (rss > this.peak) this.peak = rss;
  }

  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return this.peak;
  }
}

/** Asks V8 for a full collection (the bench runs with --expose-gc) so one run's garbage is not the next's. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Progress goes to stderr so that stdout holds only the table. */
export function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

/** A progress reporter that prints at most every `ms` milliseconds. */
export function throttled(label: string, total: number, ms = 2_000): (done: number) => void {
  let last = now();
  let printed = -1;
  return (done) => {
    const time = now();
    if (done === printed || (time - last < ms && done < total)) return;
    last = time;
    printed = done;
    progress(`${label}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")}`);
  };
}
