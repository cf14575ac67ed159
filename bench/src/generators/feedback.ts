/**
 * Synthetic Friends-and-Family-Test feedback: short comments with the real corpus's length
 * distribution and vocabulary, each with the attributes a trust reports by (site, month, service,
 * sentiment). Deterministic from the seed, and generated lazily so that 1.2 M comments never sit
 * in memory at once: the importer and the yardsticks each re-generate the same rows.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { Prng } from "../prng.js";
import { generateText, type Vocabulary } from "./vocabulary.js";

export interface FeedbackRow {
  respondent: string;
  site: string;
  month: string;
  service: string;
  sentiment: string;
  comment: string;
}

export const FEEDBACK_COLUMNS = [
  "respondent",
  "site",
  "month",
  "service",
  "sentiment",
  "comment",
] as const;

export const SITES = Array.from(
  { length: 24 },
  (_, index) => `Site ${String(index + 1).padStart(2, "0")}`,
);
export const MONTHS = Array.from({ length: 24 }, (_, index) => {
  const year = 2023 + Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, "0")}`;
});
export const SERVICES = [
  "Patient Transport",
  "111",
  "See and Convey",
  "Mental Health Inpatient",
  "Community Mental Health",
  "District Nursing",
  "Outpatients",
  "Emergency Department",
];
export const SENTIMENTS = ["very positive", "positive", "neutral", "negative", "very negative"];
/** FFT answers lean positive, as the real ones do. */
const SENTIMENT_WEIGHTS = [0.45, 0.25, 0.12, 0.1, 0.08];

export function* feedbackRows(
  vocabulary: Vocabulary,
  count: number,
  seed: number,
): Generator<FeedbackRow> {
  const prng = new Prng(seed);
  for (let index = 0; index < count; index++) {
    const length = prng.pick(vocabulary.lengths);
    yield {
      respondent: `R${String(index + 1).padStart(7, "0")}`,
      site: prng.pick(SITES),
      month: prng.pick(MONTHS),
      service: prng.pick(SERVICES),
      sentiment: weighted(prng.next()),
      comment: generateText(vocabulary, prng, length),
    };
  }
}

function weighted(draw: number): string {
  let sum = 0;
  for (const [index, weight] of SENTIMENT_WEIGHTS.entries()) {
    sum += weight;
    if (draw < sum) return SENTIMENTS[index] as string;
  }
  return SENTIMENTS[SENTIMENTS.length - 1] as string;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes the rows as a UTF-8 CSV with a header; returns its size in bytes. */
export async function writeFeedbackCsv(
  path: string,
  rows: Iterable<FeedbackRow>,
  onProgress?: (done: number) => void,
): Promise<number> {
  const out = createWriteStream(path, { encoding: "utf8" });
  let bytes = 0;
  let done = 0;
  let batch: string[] = [FEEDBACK_COLUMNS.join(",")];
  const flush = async () => {
    const chunk = `${batch.join("\n")}\n`;
    batch = [];
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  };
  for (const row of rows) {
    batch.push(FEEDBACK_COLUMNS.map((column) => csvField(row[column])).join(","));
    done++;
    if (batch.length >= 5_000) {
      await flush();
      onProgress?.(done);
    }
  }
  await flush();
  out.end();
  await once(out, "finish");
  return bytes;
}
