/**
 * `npm run bench`: generates the corpora for the chosen size, runs the workloads on SQLite and (when
 * reachable) PostgreSQL, measures the same-machine yardsticks, prints one table and writes the same
 * figures as JSON to bench/results/. See bench/README.md; the targets are in the design note PERFORMANCE.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { adminUrl, checkPostgres, disposeAll, keepStores } from "./backends.js";
import { type BenchContext, seedFor } from "./context.js";
import { feedbackRows, writeFeedbackCsv } from "./generators/feedback.js";
import { loadVocabulary } from "./generators/vocabulary.js";
import { median, percentile, progress, throttled } from "./measure.js";
import { type Backend, type Options, parseOptions, SIZES, type Workload } from "./options.js";
import {
  formatMs,
  formatRate,
  formatRatio,
  machine,
  printTable,
  type Report,
  type ResultRow,
  writeReport,
} from "./report.js";
import { buildCodedProject } from "./workloads/fixture.js";
import { type ImportRun, measureImport } from "./workloads/w1-import.js";
import { measureCodingOps } from "./workloads/w3-codings.js";
import { measureRetrieval } from "./workloads/w4-segments.js";
import { measureMatrices } from "./workloads/w5-matrices.js";
import { measureSearch, searchQueries } from "./workloads/w6-search.js";
import { measureAgreement, medianMs } from "./workloads/w7-agreement.js";
import { measureRefi } from "./workloads/w8-refi.js";
import { measureViewer, viewerUnavailable, W9_CODINGS, W9_WORDS } from "./workloads/w9-viewer.js";
import {
  bufferCopyRate,
  csvParseRate,
  jsonParseRate,
  rawBulkInsert,
  rawFtsSearch,
} from "./yardsticks.js";

const GIB = 2 ** 30;
const MIB = 2 ** 20;

/** Raw figures a workload's ratio is taken against; filled in after the workloads have run. */
interface Yardsticks {
  insertRowsPerSecond: number;
  ftsP50: number;
  ftsP95: number;
  jsonParseMBps: number;
  bufferCopyGBps: number;
  csvParseRowsPerSecond: number;
}

type Pending = ResultRow & { ratioOf?: (yardsticks: Yardsticks) => string };

function count(value: number): string {
  return value >= 1_000_000
    ? `${(value / 1_000_000).toFixed(2)} M`
    : value >= 10_000
      ? `${Math.round(value / 1000)} k`
      : value.toLocaleString("en");
}

function latencyFigure(times: readonly number[]): {
  figure: string;
  values: Record<string, number>;
} {
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  return {
    figure: `p50 ${formatMs(p50)} · p95 ${formatMs(p95)}`,
    values: { p50, p95, operations: times.length },
  };
}

async function runBackend(backend: Backend, context: BenchContext): Promise<Pending[]> {
  const { options, preset } = context;
  const rows: Pending[] = [];
  const size = options.size;
  const wantImport = options.only.includes("W1");
  const runs = wantImport ? options.runs : 1;
  const imports: ImportRun[] = [];
  let main: ImportRun | undefined;
  try {
    for (let run = 0; run < runs; run++) {
      progress(
        `${backend}: importing ${count(preset.comments)} comments${wantImport ? ` (W1 run ${run + 1}/${runs})` : ""}`,
      );
      const result = await measureImport(backend, context, `${backend} W1`);
      progress(
        `${backend}: ${result.comments} comments in ${result.seconds.toFixed(2)} s, peak RSS ${Math.round(result.peakRss / MIB)} MiB (from ${Math.round(result.startRss / MIB)}); search ready (${result.searchHits} hits in ${formatMs(result.searchMs)})`,
      );
      imports.push(result);
      if (run < runs - 1) await result.bench.dispose();
      else main = result;
    }
    if (!main) throw new Error("no import ran");
    const project = main;
    // Autovacuum analyses freshly loaded tables within a minute or so; analyse now so the read
    // workloads show that steady state rather than the planner's guesses on empty statistics.
    if (backend === "postgres") await sql`ANALYZE`.execute(project.bench.store.db);

    if (wantImport) {
      const rates = imports.map((run) => run.comments / run.seconds);
      const rate = median(rates);
      const seconds = median(imports.map((run) => run.seconds));
      const peakRss = Math.max(...imports.map((run) => run.peakRss));
      const growth = Math.max(...imports.map((run) => run.peakRss - run.startRss));
      const atScale = size === "L";
      rows.push({
        workload: `W1 import (${count(preset.comments)} comments)`,
        backend,
        size,
        figure: `${formatRate(rate)} · ${seconds.toFixed(2)} s · RSS ${Math.round(peakRss / MIB)} MiB (+${Math.round(growth / MIB)}) · search ok`,
        target: atScale ? "≥ 100 k/s; ≤ 15 s; RSS ≤ 1 GiB" : "≥ 100 k/s; RSS ≤ 1 GiB",
        met: rate >= 100_000 && peakRss <= GIB && (!atScale || seconds <= 15),
        ratio: "",
        values: {
          commentsPerSecond: rate,
          seconds,
          peakRssBytes: peakRss,
          peakRssGrowthBytes: growth,
          runs: imports.length,
          searchAfterImportMs: median(imports.map((run) => run.searchMs)),
          searchAfterImportHits: project.searchHits,
        },
        ratioOf: (y) => formatRatio(y.insertRowsPerSecond / rate, "raw insert time"),
      });
    }

    if (options.only.includes("W6")) {
      progress(`${backend}: W6 search, ${context.queries.length} queries`);
      const search = await measureSearch(project.bench.store, project.projectId, context);
      const { figure, values } = latencyFigure(search.times);
      rows.push({
        workload: `W6 search top 50 (${count(preset.comments)} comments)`,
        backend,
        size,
        figure,
        target: "p95 ≤ 30 ms at 1.2 M",
        met: (values.p95 ?? Number.NaN) <= 30,
        ratio: "",
        values: {
          ...values,
          ...Object.fromEntries(
            Object.entries(search.perQuery).map(([query, q]) => [`median ${query}`, q.median]),
          ),
          ...Object.fromEntries(
            Object.entries(search.perQuery).map(([query, q]) => [`hits ${query}`, q.total]),
          ),
        },
        ratioOf: (y) => formatRatio((values.p50 ?? Number.NaN) / y.ftsP50, "raw FTS5 p50"),
      });
    }

    if (["W3", "W4", "W5", "W8"].some((id) => options.only.includes(id as Workload))) {
      progress(`${backend}: building the coded project`);
      const coded = await buildCodedProject(project.bench.store, project.projectId, context);
      if (backend === "postgres") await sql`ANALYZE`.execute(project.bench.store.db);
      const scale = `${count(coded.codings)} codings`;
      if (options.only.includes("W3")) {
        progress(`${backend}: W3 apply / resize / remove`);
        const latencies = await measureCodingOps(
          project.bench.store,
          project.projectId,
          coded,
          context,
        );
        for (const kind of ["apply", "resize", "remove"] as const) {
          const { figure, values } = latencyFigure(latencies[kind]);
          rows.push({
            workload: `W3 ${kind} coding (${scale})`,
            backend,
            size,
            figure,
            target: "p95 ≤ 20 ms at 10⁶",
            met: (values.p95 ?? Number.NaN) <= 20,
            ratio: "—",
            values: { ...values, codings: coded.codings },
          });
        }
      }
      if (options.only.includes("W4")) {
        progress(`${backend}: W4 retrieve segments`);
        const times = await measureRetrieval(
          project.bench.store,
          project.projectId,
          coded,
          context,
        );
        const { figure, values } = latencyFigure(times);
        rows.push({
          workload: `W4 segments page of 50 (${scale})`,
          backend,
          size,
          figure,
          target: "p95 ≤ 20 ms at 10⁶",
          met: (values.p95 ?? Number.NaN) <= 20,
          ratio: "—",
          values: { ...values, codings: coded.codings, codes: coded.codeIds.length },
        });
      }
      if (options.only.includes("W5"))
        rows.push(
          ...(await measureMatrices(
            project.bench.store,
            project.projectId,
            coded,
            context,
            backend,
          )),
        );
      if (options.only.includes("W8"))
        rows.push(...(await measureRefi(project.bench, project.projectId, backend, context, size)));
    }
  } finally {
    await main?.bench.dispose();
  }
  return rows;
}

/** The scratch directory, for cleaning up after an interruption. */
let scratch: string | undefined;

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    // A mistyped option deserves its message, not a stack trace.
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
    return;
  }
  const startedAt = new Date().toISOString();
  const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const repoRoot = resolve(benchDir, "..");
  const preset = SIZES[options.size];
  const notes: string[] = [];
  const tempDir = mkdtempSync(join(tmpdir(), "quire-bench-"));
  scratch = tempDir;
  try {
    const vocabulary = loadVocabulary(repoRoot);
    progress(`vocabulary and lengths from ${vocabulary.origin}`);
    const feedback = () => feedbackRows(vocabulary, preset.comments, seedFor(options, "feedback"));
    const csvPath = join(tempDir, "feedback.csv");
    progress(`generating ${count(preset.comments)} feedback comments`);
    const csvBytes = await writeFeedbackCsv(
      csvPath,
      feedback(),
      throttled("generated", preset.comments),
    );
    progress(`feedback CSV: ${(csvBytes / MIB).toFixed(1)} MiB`);
    const context: BenchContext = {
      options,
      preset,
      vocabulary,
      tempDir,
      csvPath,
      csvBytes,
      queries: searchQueries(vocabulary.common),
    };

    const backends: Backend[] = [];
    for (const backend of options.backends) {
      if (backend === "sqlite") {
        backends.push(backend);
        continue;
      }
      const url = adminUrl();
      const problem =
        url === null
          ? "QUIRE_BENCH_DATABASE_URL / QUIRE_TEST_DATABASE_URL not set"
          : await checkPostgres(url);
      if (problem === null) backends.push(backend);
      else {
        const note = `PostgreSQL skipped: ${problem}`;
        notes.push(note);
        progress(note);
      }
    }

    const pending: Pending[] = [];
    for (const backend of backends) pending.push(...(await runBackend(backend, context)));
    if (options.only.includes("W7")) {
      progress("W7: α for 3 coders over 10⁶ units, streamed");
      const { runs, control } = measureAgreement(context);
      const ms = medianMs(runs);
      const growth = Math.max(...runs.map((run) => run.rssGrowthBytes));
      pending.push({
        workload: "W7 agreement α, 3 coders, 10⁶ units",
        backend: "—",
        size: options.size,
        figure: `${formatMs(ms)} · α ${runs[0]?.alpha?.toFixed(3)} · RSS +${Math.round(growth / MIB)} MiB (10⁵ units: +${Math.round(control.rssGrowthBytes / MIB)} MiB)`,
        target: "≤ 1 s, memory independent of N",
        met: ms <= 1000 && growth <= control.rssGrowthBytes + 16 * MIB,
        ratio: "",
        values: {
          medianMs: ms,
          rssGrowthBytes: growth,
          controlRssGrowthBytes: control.rssGrowthBytes,
          controlMs: control.ms,
        },
      });
    }
    if (options.only.includes("W9")) {
      const problem = viewerUnavailable(repoRoot);
      if (problem) {
        notes.push(`W9 skipped: ${problem}`);
        progress(`W9 skipped: ${problem}`);
      } else {
        progress(
          `W9: a ${count(W9_WORDS)}-word transcript with ${count(W9_CODINGS)} codings in Chromium`,
        );
        const viewer = await measureViewer(context, repoRoot);
        const open = latencyFigure(viewer.open);
        const paint = latencyFigure(viewer.paint);
        pending.push(
          {
            workload: `W9 open transcript (${count(W9_WORDS)} words, ${count(viewer.codings)} codings)`,
            backend: "sqlite",
            size: options.size,
            figure: open.figure,
            target: "interactive ≤ 1 s",
            met: (open.values.p95 ?? Number.NaN) <= 1000,
            ratio: "",
            values: { ...open.values, characters: viewer.characters },
          },
          {
            workload: "W9 new coding painted",
            backend: "sqlite",
            size: options.size,
            figure: paint.figure,
            target: "≤ 100 ms",
            met: (paint.values.p95 ?? Number.NaN) <= 100,
            ratio: "",
            values: paint.values,
          },
        );
      }
    }

    progress("yardsticks: raw insert, raw FTS5, JSON.parse, Buffer copy");
    const insertRowsPerSecond = rawBulkInsert(tempDir, feedback);
    const fts = rawFtsSearch(
      tempDir,
      feedback,
      context.queries,
      Math.max(3, Math.ceil(preset.latencyOps / context.queries.length)),
    );
    const yardsticks: Yardsticks = {
      insertRowsPerSecond,
      ftsP50: fts.p50,
      ftsP95: fts.p95,
      jsonParseMBps: jsonParseRate(feedback),
      bufferCopyGBps: bufferCopyRate(),
      csvParseRowsPerSecond: await csvParseRate(csvPath),
    };

    const rows: ResultRow[] = pending.map(({ ratioOf, ...row }) => ({
      ...row,
      ratio: ratioOf ? ratioOf(yardsticks) : row.ratio,
    }));
    const yardstick = (
      workload: string,
      figure: string,
      values: Record<string, number>,
    ): ResultRow => ({
      workload,
      backend: "—",
      size: options.size,
      figure,
      target: "—",
      met: null,
      ratio: "(yardstick)",
      values,
    });
    rows.push(
      yardstick("raw better-sqlite3 insert", formatRate(insertRowsPerSecond), {
        rowsPerSecond: insertRowsPerSecond,
      }),
      yardstick("raw FTS5 MATCH top 50", `p50 ${formatMs(fts.p50)} · p95 ${formatMs(fts.p95)}`, {
        p50: fts.p50,
        p95: fts.p95,
      }),
      yardstick("csv-parse stream alone", formatRate(yardsticks.csvParseRowsPerSecond), {
        rowsPerSecond: yardsticks.csvParseRowsPerSecond,
      }),
      yardstick("JSON.parse", `${Math.round(yardsticks.jsonParseMBps)} MB/s`, {
        mbPerSecond: yardsticks.jsonParseMBps,
      }),
      yardstick("Buffer copy", `${yardsticks.bufferCopyGBps.toFixed(1)} GB/s`, {
        gbPerSecond: yardsticks.bufferCopyGBps,
      }),
    );

    console.log("");
    printTable(rows);
    for (const note of notes) console.log(`note: ${note}`);
    const report: Report = {
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: machine(),
      options,
      corpus: {
        vocabulary: vocabulary.origin,
        comments: preset.comments,
        interviews: preset.interviews,
        codes: preset.codes,
        feedbackCsvBytes: csvBytes,
      },
      yardsticks: { ...yardsticks },
      rows,
      notes,
    };
    console.log(`\nresults: ${writeReport(benchDir, report)}`);
  } finally {
    if (!keepStores()) rmSync(tempDir, { recursive: true, force: true });
  }
}

// An interrupted run still drops its PostgreSQL databases and deletes its files.
process.once("SIGINT", () => {
  progress("interrupted: cleaning up");
  disposeAll().finally(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    process.exit(130);
  });
});

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
