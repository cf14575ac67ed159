/**
 * The export's source pages on SQLite and PostgreSQL: however the sources are split into pages the
 * bundle is the same, and codings without words (orphaned, or emptied to no range) are left out
 * and counted, wherever they fall among the pages.
 */
import type { BundlePart } from "@quire/core";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addCoding,
  type BundleExportOptions,
  createCode,
  createProject,
  mutate,
  readBundle,
  type Store,
} from "../index.js";
import { availableBackends } from "../test-support/backends.js";
import { importSources } from "./imports.js";

const TEXTS = [
  "Első forrás: oltás kell?\nIgen.\n",
  "Second source, no codings at all.",
  "Third 😀 source with a few overlapping passages to code.",
  "Fourth: the last one.",
];

async function exported(store: Store, projectId: string, options: BundleExportOptions = {}) {
  const parts: BundlePart[] = [];
  const skips: string[] = [];
  for await (const part of readBundle(store, projectId, {
    ...options,
    onSkip: (message) => skips.push(message),
  }))
    parts.push(part);
  return { parts, skips };
}

/** A project of four sources, one without codings, the others with overlapping codings and a memo. */
async function codedProject(store: Store, name: string): Promise<string> {
  const project = await createProject(store, {
    name,
    method: "reflexive_ta",
    actor: "AS",
  });
  await mutate(store, { projectId: project.id, actor: "AS", action: "import" }, async (m) => {
    await importSources(
      m,
      TEXTS.map((text, index) => ({ kind: "interview" as const, title: `S${index}`, text })),
    );
    m.summary = "sources";
  });
  const sources = await store.db
    .selectFrom("sources")
    .select(["id", "position"])
    .where("projectId", "=", project.id)
    .orderBy("position")
    .execute();
  await mutate(store, { projectId: project.id, actor: "BK", action: "coding.add" }, async (m) => {
    const red = await createCode(m, { name: "piros" });
    const blue = await createCode(m, { name: "kék" });
    for (const [index, source] of sources.entries()) {
      const text = TEXTS[index] as string;
      if (index === 1) continue;
      await addCoding(m, { sourceId: source.id, codeId: red.id, start: 0, end: 5 });
      await addCoding(m, { sourceId: source.id, codeId: blue.id, start: 2, end: text.length });
      await addCoding(m, { sourceId: source.id, codeId: blue.id, start: 0, end: 5, memo: "miért" });
    }
    m.summary = "coded";
  });
  return project.id;
}

describe.each(availableBackends())("export pages on $name", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(() => backend.cleanup());

  it("gives the same bundle whatever the page size", async () => {
    const projectId = await codedProject(store, "Pages");
    const whole = await exported(store, projectId);
    const sources = whole.parts.filter((part) => part.type === "source");
    expect(sources).toHaveLength(TEXTS.length);
    const codings = sources.flatMap((part) =>
      part.type === "source" ? part.source.selections.flatMap((s) => s.codings) : [],
    );
    expect(codings).toHaveLength(9);
    for (const options of [
      { pageSize: 1 },
      { pageSize: 2, pageCodings: 1 },
      { pageSize: 3, pageCodings: 4 },
    ])
      expect(await exported(store, projectId, options)).toEqual(whole);
  });

  it("leaves out and counts orphaned codings and codings with no range, on any page", async () => {
    const projectId = await codedProject(store, "Orphans");
    const before = await exported(store, projectId);
    expect(before.skips).toEqual([]);
    const rows = await store.db
      .selectFrom("codings")
      .select(["id", "startPos"])
      .where("projectId", "=", projectId)
      .orderBy("sourcePosition")
      .orderBy("startPos")
      .orderBy("id")
      .execute();
    const [first, , , fourth, , , seventh] = rows;
    await sql`UPDATE codings SET status = 'orphaned' WHERE id IN (${first?.id}, ${seventh?.id})`.execute(
      store.db,
    );
    await sql`UPDATE codings SET end_pos = start_pos WHERE id = ${fourth?.id}`.execute(store.db);
    const kept = (parts: BundlePart[]) =>
      parts.flatMap((part) =>
        part.type === "source"
          ? part.source.selections.flatMap((s) => s.codings.map((c) => c.guid))
          : [],
      );
    const skippedIds = new Set([first?.id, fourth?.id, seventh?.id]);
    for (const options of [{}, { pageSize: 1 }, { pageSize: 2, pageCodings: 2 }]) {
      const after = await exported(store, projectId, options);
      expect(after.skips).toEqual([
        "3 orphaned codings (their words are gone; resolve them first)",
      ]);
      expect(kept(after.parts)).toEqual(kept(before.parts).filter((id) => !skippedIds.has(id)));
    }
  });
});
