/**
 * The report: one table on stdout (workload, backend, size, figure, target, met?, ratio to the
 * yardstick) and the same rows, with every raw number behind them, as JSON in bench/results/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import type { Options } from "./options.js";

export interface ResultRow {
  workload: string;
  backend: string;
  size: string;
  /** The figure as printed, e.g. "p50 1.2 ms · p95 3.4 ms". */
  figure: string;
  target: string;
  /** null when the workload has no target at this size or the figure is informative only. */
  met: boolean | null;
  /** How many times the same-machine yardstick's cost this figure is, e.g. "3.1× raw insert". */
  ratio: string;
  /** The numbers behind the figure, for comparing runs. */
  values: Record<string, number | string>;
}

export interface Report {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  options: Options;
  corpus: Record<string, number | string>;
  yardsticks: Record<string, number>;
  rows: ResultRow[];
  notes: string[];
}

export function machine(): Report["machine"] {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "n/a";
  return ms < 10
    ? `${ms.toFixed(2)} ms`
    : ms < 1000
      ? `${ms.toFixed(1)} ms`
      : `${(ms / 1000).toFixed(2)} s`;
}

export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return "n/a";
  return perSecond >= 10_000
    ? `${Math.round(perSecond / 1000).toLocaleString("en")} k/s`
    : `${Math.round(perSecond)}/s`;
}

export function formatRatio(ratio: number, yardstick: string): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(1)}× ${yardstick}` : "—";
}

export function printTable(rows: readonly ResultRow[]): void {
  const header = ["workload", "backend", "size", "figure", "target", "met?", "ratio to yardstick"];
  const body = rows.map((row) => [
    row.workload,
    row.backend,
    row.size,
    row.figure,
    row.target,
    row.met === null ? "—" : row.met ? "yes" : "NO",
    row.ratio,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((line) => (line[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ");
  console.log(line(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const cells of body) console.log(line(cells));
}

/** Writes the report as bench/results/<timestamp>.json and returns the path. */
export function writeReport(benchDir: string, report: Report): string {
  const dir = join(benchDir, "results");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${report.startedAt.replaceAll(":", "-").replace(/\.\d+Z$/, "Z")}.json`);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
