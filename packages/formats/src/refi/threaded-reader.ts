/**
 * Reading a REFI-QDA file on a worker thread, for files large enough that the import's other
 * work (writing to the store) can run beside the parse. The thread inflates and parses the file
 * and posts its bundle parts in batches; this side yields them as `openRefi` would. At most
 * `BATCHES_AHEAD` batches wait here at a time, so memory stays bounded however far the parse
 * could run ahead of a slow store.
 *
 * A failure on the thread arrives as the same `FormatError` (file, line, detail) the reader threw
 * there; a thread that dies is reported as an error naming the file.
 */
import { Worker } from "node:worker_threads";
import { FormatError } from "../errors.js";
import type { BundlePart } from "./bundle.js";
import type { RefiReader, RefiReadOptions } from "./reader.js";
import { RefiReport, type ReportCounts } from "./report.js";

/**
 * Batches posted and not yet taken: enough that neither side waits on the other for long. A store
 * takes parts in bursts (the bundle import writes up to 5,000 codings at a time, and a batch here
 * weighs about a thousand), so the thread must be able to parse a few such bursts ahead while one
 * is written. With two batches ahead each side sat idle about a fifth of the M import.
 */
export const BATCHES_AHEAD = 16;

/** What the thread posts. */
export type FromThread =
  | { type: "open"; kind: RefiReader["kind"] }
  | { type: "parts"; parts: BundlePart[] }
  | { type: "end"; report: ReportCounts }
  | { type: "error"; error: ThreadError };

/** What this side posts: a batch taken, or the reader closed. */
export type ToThread = { type: "taken" } | { type: "close" };

export interface ThreadError {
  name: string;
  message: string;
  format?: string;
  file?: string;
  detail?: string;
  line?: number;
  column?: string | number;
  byteOffset?: number;
}

export function toThreadError(error: unknown): ThreadError {
  if (error instanceof FormatError)
    return {
      name: error.name,
      message: error.message,
      format: error.format,
      file: error.file,
      detail: error.detail,
      ...(error.line === undefined ? {} : { line: error.line }),
      ...(error.column === undefined ? {} : { column: error.column }),
      ...(error.byteOffset === undefined ? {} : { byteOffset: error.byteOffset }),
    };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}

function fromThreadError(error: ThreadError): Error {
  if (error.format !== undefined && error.file !== undefined && error.detail !== undefined) {
    const place = {
      ...(error.line === undefined ? {} : { line: error.line }),
      ...(error.column === undefined ? {} : { column: error.column }),
      ...(error.byteOffset === undefined ? {} : { byteOffset: error.byteOffset }),
    };
    return new FormatError(error.format, error.file, error.detail, place);
  }
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

/**
 * The thread's module. A worker loads JavaScript only: run from the TypeScript sources (the
 * tests), the thread runs the built module beside them.
 */
function threadModule(): URL {
  const fromSources = import.meta.url.endsWith(".ts");
  return new URL(
    fromSources ? "../../dist/refi/reader-thread.js" : "./reader-thread.js",
    import.meta.url,
  );
}

/** Opens `path` on a worker thread; see `openRefi` for what it reads and throws. */
export async function openRefiOnThread(
  path: string,
  options: RefiReadOptions = {},
): Promise<RefiReader> {
  const file = options.file ?? path;
  const { thread: _, ...threadOptions } = options;
  const worker = new Worker(threadModule(), {
    workerData: { path, options: threadOptions },
    // The parse's garbage is short-lived; a small young generation keeps the thread's share of
    // resident memory small at no measured cost in speed.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const inbox = new Inbox(worker, file);
  const first = await inbox.next();
  if (first.type !== "open") {
    await worker.terminate();
    throw new FormatError("refi", file, "the reading thread ended before the file was opened");
  }
  let report = new RefiReport();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    worker.postMessage({ type: "close" } satisfies ToThread);
    await inbox.ended(1000);
    await worker.terminate();
  };
  async function* parts(): AsyncGenerator<BundlePart> {
    try {
      for (;;) {
        const message = await inbox.next();
        if (message.type === "end") {
          report = RefiReport.from(message.report);
          return;
        }
        if (message.type !== "parts") continue;
        worker.postMessage({ type: "taken" } satisfies ToThread);
        yield* message.parts;
      }
    } finally {
      await close();
    }
  }
  return {
    kind: first.kind,
    parts: parts(),
    get report() {
      return report;
    },
    close,
  };
}

/** The thread's messages in order, its errors as thrown errors, and its exit. */
class Inbox {
  private readonly queue: FromThread[] = [];
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private exited = false;

  constructor(worker: Worker, file: string) {
    worker.on("message", (message: FromThread) => {
      if (message.type === "error") this.failure ??= fromThreadError(message.error);
      else this.queue.push(message);
      this.notify();
    });
    worker.on("error", (error) => {
      this.failure ??= new FormatError(
        "refi",
        file,
        `the reading thread failed: ${error.message}`,
        {
          cause: error,
        },
      );
      this.notify();
    });
    worker.on("exit", () => {
      this.exited = true;
      this.failure ??= new FormatError("refi", file, "the reading thread stopped unexpectedly");
      this.notify();
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async next(): Promise<FromThread> {
    for (;;) {
      const message = this.queue.shift();
      if (message) return message;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** Waits until the thread has exited, for at most `ms`. */
  async ended(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.exited && Date.now() < deadline)
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, Math.max(1, deadline - Date.now())).unref();
      });
  }
}
