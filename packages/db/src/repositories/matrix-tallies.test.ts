/**
 * The kept matrix tallies against the live counts on both backends: seeded random projects, read
 * once so their tallies exist, then put through random sequences of every kind of change the
 * triggers must notice (codings added, removed, orphaned, restored, resized; texts edited; codes
 * merged and deleted; cases added, regrouped, reassigned; undo), with reads in between that bring
 * the tallies up to date part-way. After each read the kept crosstab, co-occurrence and spread
 * must equal the live ones exactly. On PostgreSQL a read while a writer's transaction is open
 * counts live rather than waiting, and a read after its commit sees its change.
 */
import {
  addCoding,
  addSource,
  codeSpreadLive,
  countCooccurrences,
  countCrosstab,
  createCode,
  createProject,
  crosstabLive,
  deleteCode,
  editSourceText,
  ensureCase,
  mergeCodes,
  mutate,
  overlapPairsLive,
  removeCoding,
  resizeCoding,
  type Store,
  setCaseAttribute,
  undo,
} from "@quire/db";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBackends } from "../test-support/backends.js";
import { build, type Plan, plan, TEXT_LENGTH } from "../test-support/random-project.js";

const onePlan = (seed: number): Plan => fc.sample(plan, { seed, numRuns: 1 })[0] as Plan;

const settings = { seed: 20_261_122, numRuns: 12 };
const ATTRIBUTES = ["arm", "age", "consent"];

type Operation =
  | { kind: "add"; source: number; code: number; start: number; length: number }
  | { kind: "remove" | "orphan" | "restore"; coding: number }
  | { kind: "resize"; coding: number; start: number; length: number }
  | { kind: "edit"; source: number; at: number; cut: number; insert: string }
  | { kind: "merge"; from: number; into: number }
  | { kind: "delete-code"; code: number }
  | { kind: "regroup"; case: number; arm: "CBT" | "TAU" }
  | { kind: "new-case"; arm: "CBT" | "TAU" }
  | { kind: "reassign"; source: number; case: number | null }
  | { kind: "copy-many" | "recode-many" | "remove-many"; source: number; code: number }
  | { kind: "undo" }
  | { kind: "read" };

const index = fc.integer({ min: 0, max: 50 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant("add" as const),
    source: index,
    code: index,
    start: fc.integer({ min: 0, max: TEXT_LENGTH - 2 }),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constantFrom("remove" as const, "orphan" as const), coding: index }),
  fc.record({ kind: fc.constant("restore" as const), coding: index }),
  fc.record({
    kind: fc.constant("resize" as const),
    coding: index,
    start: fc.integer({ min: 0, max: TEXT_LENGTH - 2 }),
    length: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({
    kind: fc.constant("edit" as const),
    source: index,
    at: fc.integer({ min: 0, max: TEXT_LENGTH - 10 }),
    cut: fc.integer({ min: 0, max: 8 }),
    insert: fc.constantFrom("", "new words ", "x"),
  }),
  fc.record({ kind: fc.constant("merge" as const), from: index, into: index }),
  fc.record({ kind: fc.constant("delete-code" as const), code: index }),
  fc.record({
    kind: fc.constant("regroup" as const),
    case: index,
    arm: fc.constantFrom("CBT", "TAU"),
  }),
  fc.record({ kind: fc.constant("new-case" as const), arm: fc.constantFrom("CBT", "TAU") }),
  fc.record({
    kind: fc.constant("reassign" as const),
    source: index,
    case: fc.option(index, { nil: null }),
  }),
  fc.record({
    kind: fc.constantFrom("copy-many" as const, "recode-many" as const, "remove-many" as const),
    source: index,
    code: index,
  }),
  fc.constant({ kind: "undo" as const }),
  fc.constant({ kind: "read" as const }),
);

const byJson = <T>(rows: readonly T[]) => rows.map((r) => JSON.stringify(r)).sort();
const pick = <T>(list: readonly T[], at: number): T | undefined =>
  list.length === 0 ? undefined : list[at % list.length];

async function ids(
  store: Store,
  table: "codings" | "codes" | "cases" | "sources",
  projectId: string,
) {
  const { rows } = await sql<{ id: string }>`SELECT id FROM ${sql.table(table)}
    WHERE project_id = ${projectId} ORDER BY id`.execute(store.db);
  return rows.map((row) => row.id);
}

/** Applies one operation as its own mutation; an operation with nothing to act on does nothing. */
async function apply(store: Store, projectId: string, op: Operation, serial: number) {
  if (op.kind === "read") return expectKeptEqualsLive(store, projectId);
  if (op.kind === "undo") {
    await undo(store, projectId, "t").catch(() => undefined);
    return;
  }
  const codings = await ids(store, "codings", projectId);
  const codes = await ids(store, "codes", projectId);
  const cases = await ids(store, "cases", projectId);
  const sources = await ids(store, "sources", projectId);
  await mutate(store, { projectId, actor: "t", action: `test.${op.kind}` }, async (m) => {
    m.summary = op.kind;
    switch (op.kind) {
      case "add": {
        const sourceId = pick(sources, op.source);
        const codeId = pick(codes, op.code);
        if (!sourceId || !codeId) return;
        const end = Math.min(TEXT_LENGTH - 1, op.start + op.length);
        await addCoding(m, { sourceId, codeId, start: op.start, end: Math.max(op.start + 1, end) });
        return;
      }
      case "remove":
      case "orphan":
      case "restore": {
        const id = pick(codings, op.coding);
        if (!id) return;
        if (op.kind === "remove") await removeCoding(m, id);
        else
          await m.record.update("codings", id, {
            status: op.kind === "orphan" ? "orphaned" : "anchored",
          });
        return;
      }
      case "resize": {
        const id = pick(codings, op.coding);
        if (!id) return;
        await resizeCoding(m, id, op.start, Math.min(TEXT_LENGTH - 1, op.start + op.length));
        return;
      }
      case "edit": {
        const sourceId = pick(sources, op.source);
        if (!sourceId) return;
        await editSourceText(m, sourceId, [{ from: op.at, to: op.at + op.cut, insert: op.insert }]);
        return;
      }
      case "merge": {
        const from = pick(codes, op.from);
        const into = pick(codes, op.into);
        if (!from || !into || from === into) return;
        await mergeCodes(m, from, into);
        await createCode(m, { name: `again ${serial}` });
        return;
      }
      case "delete-code": {
        const codeId = pick(codes, op.code);
        if (codeId) await deleteCode(m, codeId);
        return;
      }
      case "regroup": {
        const caseId = pick(cases, op.case);
        if (caseId) await setCaseAttribute(m, caseId, "arm", op.arm);
        return;
      }
      case "new-case": {
        const created = await ensureCase(m, `N${serial}`);
        await setCaseAttribute(m, created.id, "arm", op.arm);
        return;
      }
      // One statement over many rows of a source, as bulk imports, merges and cascades write.
      case "copy-many":
      case "recode-many":
      case "remove-many": {
        const sourceId = pick(sources, op.source);
        const codeId = pick(codes, op.code);
        if (!sourceId || !codeId) return;
        if (op.kind === "copy-many")
          await sql`INSERT INTO codings (id, project_id, source_id, code_id, revision_id,
              start_pos, end_pos, exact, prefix, suffix, status, score, coder, created_at)
            SELECT id || ${`-copy${serial}`}, project_id, source_id,
              CASE WHEN start_pos % 2 = 0 THEN ${codeId} ELSE code_id END, revision_id,
              start_pos + 1, end_pos, exact, prefix, suffix, status, score, coder, created_at
            FROM codings WHERE source_id = ${sourceId} AND end_pos > start_pos + 1`.execute(m.db);
        else if (op.kind === "recode-many")
          await sql`UPDATE codings SET code_id = ${codeId}
            WHERE source_id = ${sourceId} AND start_pos < 60`.execute(m.db);
        else
          await sql`DELETE FROM codings WHERE source_id = ${sourceId} AND code_id <> ${codeId}
            AND start_pos > 30`.execute(m.db);
        return;
      }
      case "reassign": {
        const sourceId = pick(sources, op.source);
        if (!sourceId) return;
        const caseId = op.case === null ? null : (pick(cases, op.case) ?? null);
        await m.record.update("sources", sourceId, { caseId });
        return;
      }
    }
  });
}

/** The kept matrices equal the live ones, and were really read from the tallies. */
async function expectKeptEqualsLive(store: Store, projectId: string) {
  for (const attribute of ATTRIBUTES) {
    const kept = await countCrosstab(store, projectId, attribute);
    const live = await crosstabLive(store, projectId, attribute);
    expect(byJson(kept.counts)).toEqual(byJson(live.counts));
    expect(byJson(kept.groupSizes)).toEqual(byJson(live.groupSizes));
  }
  const kept = await countCooccurrences(store, projectId, { rule: "overlap" });
  expect(byJson(kept.counts)).toEqual(byJson(await overlapPairsLive(store, projectId, {})));
  expect(byJson(kept.spread)).toEqual(byJson(await codeSpreadLive(store, projectId, {})));
  const { rows } = await sql<{ marked: number }>`SELECT count(*) AS marked
    FROM crosstab_attributes WHERE project_id = ${projectId}`.execute(store.db);
  expect(Number(rows[0]?.marked)).toBe(ATTRIBUTES.length);
  const dirty = await sql`SELECT 1 FROM cooccurrence_dirty WHERE project_id = ${projectId}`.execute(
    store.db,
  );
  expect(dirty.rows).toEqual([]);
}

for (const backend of availableBackends()) {
  describe(`kept matrix tallies on ${backend.name}`, () => {
    let store: Store;
    let runs = 0;
    beforeAll(async () => {
      store = await backend.open();
    });
    afterAll(() => backend.cleanup());

    it("stay equal to the live counts through every kind of change", async () => {
      await fc.assert(
        fc.asyncProperty(
          plan,
          fc.array(operation, { minLength: 1, maxLength: 14 }),
          async (p, ops) => {
            const { projectId } = await build(store, p, `tallies ${++runs}`);
            await expectKeptEqualsLive(store, projectId);
            for (const [serial, op] of ops.entries()) await apply(store, projectId, op, serial);
            await expectKeptEqualsLive(store, projectId);
          },
        ),
        settings,
      );
    });

    it("count a codebook of over a thousand codes like a small one", async () => {
      const { projectId } = await build(store, onePlan(3), "large codebook");
      const [sourceId] = await ids(store, "sources", projectId);
      await mutate(store, { projectId, actor: "t", action: "test.codes" }, async (m) => {
        m.summary = "codes";
        const codes = [];
        for (let n = 0; n < 1_030; n++) codes.push(await createCode(m, { name: `K${n}` }));
        for (const [n, code] of codes.entries())
          if (n % 97 === 0 || n > 1_020)
            await addCoding(m, {
              sourceId: sourceId ?? "",
              codeId: code.id,
              start: n % 50,
              end: (n % 50) + 30,
            });
      });
      await expectKeptEqualsLive(store, projectId);
      const kept = await countCooccurrences(store, projectId, { rule: "overlap" });
      expect(kept.counts.length).toBeGreaterThan(20);
    });

    it("take a source's pairs out exactly when one statement writes several of its rows", async () => {
      const project = await createProject(store, {
        name: "one statement",
        method: "codebook_ta",
        actor: "t",
      });
      const projectId = project.id;
      const made = await mutate(
        store,
        { projectId, actor: "t", action: "test.build" },
        async (m) => {
          m.summary = "build";
          const a = await createCode(m, { name: "A" });
          const b = await createCode(m, { name: "B" });
          const source = await addSource(m, {
            kind: "interview",
            title: "S",
            text: "word ".repeat(20),
          });
          await addCoding(m, { sourceId: source.id, codeId: a.id, start: 0, end: 10 });
          await addCoding(m, { sourceId: source.id, codeId: b.id, start: 5, end: 15 });
          return { a: a.id, b: b.id, sourceId: source.id };
        },
      );
      await expectKeptEqualsLive(store, projectId);
      // Two new rows that overlap each other, in one INSERT; then both old rows moved in one UPDATE.
      await mutate(store, { projectId, actor: "t", action: "test.bulk" }, async (m) => {
        m.summary = "bulk";
        await sql`INSERT INTO codings (id, project_id, source_id, code_id, revision_id,
            start_pos, end_pos, exact, prefix, suffix, status, score, coder, created_at)
          SELECT id || '-moved', project_id, source_id, code_id, revision_id,
            start_pos + 50, end_pos + 50, exact, prefix, suffix, status, score, coder, created_at
          FROM codings WHERE source_id = ${made.sourceId}`.execute(m.db);
      });
      await expectKeptEqualsLive(store, projectId);
      await mutate(store, { projectId, actor: "t", action: "test.bulk" }, async (m) => {
        m.summary = "bulk";
        await sql`UPDATE codings SET start_pos = start_pos + 3, end_pos = end_pos + 3
          WHERE source_id = ${made.sourceId} AND start_pos < 20`.execute(m.db);
      });
      await expectKeptEqualsLive(store, projectId);
      const kept = await countCooccurrences(store, projectId, { rule: "overlap" });
      expect(kept.counts.map((row) => [row.pairs, row.sources])).toEqual([[2, 1]]);
    });

    it("count again only the attribute whose value changed", async () => {
      const { projectId } = await build(store, onePlan(13), "regroup");
      await expectKeptEqualsLive(store, projectId);
      const marked = async () => {
        const { rows } = await sql<{ attribute: string }>`SELECT attribute FROM crosstab_attributes
          WHERE project_id = ${projectId} ORDER BY attribute`.execute(store.db);
        return rows.map((row) => row.attribute);
      };
      const [caseId] = await ids(store, "cases", projectId);
      await mutate(store, { projectId, actor: "t", action: "test.regroup" }, async (m) => {
        m.summary = "regroup";
        await setCaseAttribute(m, caseId ?? "", "age", "99");
        await ensureCase(m, "Newcomer");
      });
      expect(await marked()).toEqual(["arm", "consent"]);
      await expectKeptEqualsLive(store, projectId);
      expect(await marked()).toEqual(["age", "arm", "consent"]);
    });

    it("are left alone by a project whose matrices were never read", async () => {
      const { projectId } = await build(store, onePlan(7), "unread");
      const { rows } =
        await sql`SELECT 1 FROM matrix_tallies WHERE project_id = ${projectId}`.execute(store.db);
      expect(rows).toEqual([]);
      await apply(store, projectId, { kind: "add", source: 0, code: 0, start: 3, length: 9 }, 0);
      const dirty =
        await sql`SELECT 1 FROM cooccurrence_dirty WHERE project_id = ${projectId}`.execute(
          store.db,
        );
      const cells = await sql`SELECT 1 FROM crosstab_cells WHERE project_id = ${projectId}`.execute(
        store.db,
      );
      expect([dirty.rows.length, cells.rows.length]).toEqual([0, 0]);
    });

    if (backend.name === "postgres")
      it("count live while a writer is open, and see its change once it commits", async () => {
        const { projectId, codeIds } = await build(store, onePlan(11), "concurrent");
        await expectKeptEqualsLive(store, projectId);
        const [sourceId] = await ids(store, "sources", projectId);
        let release = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let written = () => {};
        const wrote = new Promise<void>((resolve) => {
          written = resolve;
        });
        const writer = mutate(store, { projectId, actor: "t", action: "test.add" }, async (m) => {
          m.summary = "add";
          await addCoding(m, {
            sourceId: sourceId ?? "",
            codeId: codeIds[0] ?? "",
            start: 0,
            end: 60,
          });
          await addCoding(m, {
            sourceId: sourceId ?? "",
            codeId: codeIds[1] ?? "",
            start: 5,
            end: 50,
          });
          written();
          await held;
        });
        await wrote;
        // The writer holds its lock: the read neither waits nor sees the uncommitted codings.
        const during = await countCooccurrences(store, projectId, { rule: "overlap" });
        expect(byJson(during.counts)).toEqual(byJson(await overlapPairsLive(store, projectId, {})));
        release();
        await writer;
        await expectKeptEqualsLive(store, projectId);
      });
  });
}
