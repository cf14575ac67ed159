/**
 * W1: import the feedback CSV through the real path — a streaming CSV reader feeding
 * `importSources` inside one `mutate` — and check that full-text search answers as soon as the
 * import returns. Measures comments/s, seconds and peak RSS.
 */
import { createReadStream } from "node:fs";
import {
  createProject,
  defineAttribute,
  type ImportResult,
  importSources,
  mutate,
  type SourceInput,
  type Store,
  searchProject,
} from "@quire/db";
import { parse } from "csv-parse";
import { type BenchStore, freshStore } from "../backends.js";
import { ACTOR, type BenchContext } from "../context.js";
import { MONTHS, SENTIMENTS, SERVICES, SITES } from "../generators/feedback.js";
import { collectGarbage, now, RssSampler, throttled } from "../measure.js";
import type { Backend } from "../options.js";

export interface ImportRun {
  bench: BenchStore;
  projectId: string;
  comments: number;
  seconds: number;
  peakRss: number;
  /** RSS when the import began: the process carries what earlier stages left behind. */
  startRss: number;
  /** The first search after the import: proof the text is indexed, and how long it took. */
  searchHits: number;
  searchMs: number;
}

const ATTRIBUTES = [
  { name: "site", allowedValues: SITES },
  { name: "month", allowedValues: MONTHS },
  { name: "service", allowedValues: SERVICES },
  { name: "sentiment", allowedValues: SENTIMENTS },
];

/** Reads the CSV as a stream of source inputs: one response per row, its respondent a case. */
async function* feedbackInputs(csvPath: string): AsyncGenerator<SourceInput> {
  const records = createReadStream(csvPath, { highWaterMark: 256 * 1024 }).pipe(
    parse({ columns: true, bom: true }),
  ) as AsyncIterable<Record<string, string>>;
  for await (const record of records) {
    const respondent = record.respondent ?? "";
    yield {
      kind: "response",
      title: `Comment ${respondent}`,
      text: record.comment ?? "",
      caseName: respondent,
      caseKind: "respondent",
      caseAttributes: {
        site: record.site ?? null,
        month: record.month ?? null,
        service: record.service ?? null,
        sentiment: record.sentiment ?? null,
      },
    };
  }
}

export async function importFeedback(
  store: Store,
  projectId: string,
  csvPath: string,
  onProgress?: (done: number) => void,
): Promise<ImportResult> {
  return mutate(store, { projectId, actor: ACTOR, action: "source.import" }, async (m) => {
    for (const attribute of ATTRIBUTES)
      await defineAttribute(m, { ...attribute, type: "category" });
    const result = await importSources(
      m,
      feedbackInputs(csvPath),
      onProgress ? { onProgress } : {},
    );
    m.summary = `imported ${result.sources} responses from the feedback CSV`;
    return result;
  });
}

/** One measured import into a fresh store; the caller keeps or disposes of the store. */
export async function measureImport(
  backend: Backend,
  context: BenchContext,
  label: string,
): Promise<ImportRun> {
  const bench = await freshStore(backend, context.tempDir);
  try {
    const project = await createProject(bench.store, {
      name: "Bench feedback",
      method: "framework",
      actor: ACTOR,
    });
    collectGarbage();
    const startRss = process.memoryUsage().rss;
    const sampler = new RssSampler();
    const start = now();
    const result = await importFeedback(
      bench.store,
      project.id,
      context.csvPath,
      throttled(`${label} importing`, context.preset.comments),
    );
    const seconds = (now() - start) / 1000;
    const peakRss = sampler.stop();
    const word = context.vocabulary.common.find((candidate) => candidate.length > 3) ?? "staff";
    const searchStart = now();
    const found = await searchProject(bench.store, project.id, word, { limit: 50 });
    const searchMs = now() - searchStart;
    if (found.total === 0)
      throw new Error(`search for "${word}" found nothing right after the import`);
    return {
      bench,
      projectId: project.id,
      comments: result.sources,
      seconds,
      peakRss,
      startRss,
      searchHits: found.total,
      searchMs,
    };
  } catch (error) {
    await bench.dispose();
    throw error;
  }
}
