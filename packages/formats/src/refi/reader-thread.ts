/**
 * The worker-thread side of `openRefiOnThread`: reads the file with `openRefi` and posts its parts
 * in batches, waiting while `BATCHES_AHEAD` are untaken. It stays until told to close, so that
 * nothing it posted can be overtaken by its exit.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { BundlePart } from "./bundle.js";
import { openRefi, type RefiReadOptions } from "./reader.js";
import { BATCHES_AHEAD, type FromThread, type ToThread, toThreadError } from "./threaded-reader.js";

/** A batch's size, counted in parts plus their codings and text: some hundreds of kilobytes. */
const BATCH_WEIGHT = 1000;

function weight(part: BundlePart): number {
  if (part.type !== "source") return 1;
  let codings = 0;
  for (const selection of part.source.selections) codings += selection.codings.length;
  return 1 + codings + part.source.text.length / 256;
}

const port = parentPort;
if (!port) throw new Error("reader-thread runs as a worker thread");
const { path, options } = workerData as { path: string; options: RefiReadOptions };

let untaken = 0;
let closing = false;
let wake: (() => void) | null = null;
port.on("message", (message: ToThread) => {
  if (message.type === "taken") untaken--;
  else {
    closing = true;
    port.close();
  }
  const resume = wake;
  wake = null;
  resume?.();
});

const post = (message: FromThread) => port.postMessage(message);

async function room(): Promise<void> {
  while (untaken >= BATCHES_AHEAD && !closing)
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
}

async function read(): Promise<void> {
  const reader = await openRefi(path, options);
  try {
    post({ type: "open", kind: reader.kind });
    let batch: BundlePart[] = [];
    let load = 0;
    for await (const part of reader.parts) {
      if (closing) return;
      batch.push(part);
      load += weight(part);
      if (load < BATCH_WEIGHT) continue;
      await room();
      if (closing) return;
      post({ type: "parts", parts: batch });
      untaken++;
      batch = [];
      load = 0;
    }
    if (batch.length > 0) post({ type: "parts", parts: batch });
    post({ type: "end", report: reader.report.counts });
  } finally {
    await reader.close();
  }
}

read().catch((error: unknown) => {
  if (!closing) post({ type: "error", error: toThreadError(error) });
});
