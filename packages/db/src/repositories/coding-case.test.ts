/**
 * Every coding carries its source's case (migration 6), copied by triggers so that the matrices
 * group by case without a join. These tests change cases and codings through every kind of path —
 * the API, the recorder as undo and redo replay it, bulk inserts, a case's removal and a bundle
 * import — and check on both backends that the copy never drifts from the source.
 */
import type { BundlePart } from "@quire/core";
import {
  addCoding,
  addSource,
  createCode,
  createProject,
  ensureCase,
  importSources,
  mutate,
  readBundle,
  redo,
  removeCoding,
  type Store,
  undo,
  writeBundle,
} from "@quire/db";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBackends } from "../test-support/backends.js";

const TEXT = "It took years to get a diagnosis, and then it was the last thing they tried.";

/** Each coding's copied case beside its source's case, by coding id. */
async function copiedCases(store: Store, projectId: string) {
  const { rows } = await sql<{ id: string; copied: string | null; actual: string | null }>`
    SELECT k.id AS id, k.case_id AS copied, s.case_id AS actual
    FROM codings k JOIN sources s ON s.id = k.source_id
    WHERE k.project_id = ${projectId} ORDER BY k.id`.execute(store.db);
  return rows;
}

async function expectInStep(store: Store, projectId: string) {
  const rows = await copiedCases(store, projectId);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row.copied).toBe(row.actual);
  return rows;
}

/** A project with two cases, a source in the first and one without a case, each coded twice. */
async function buildProject(store: Store, name: string) {
  const project = await createProject(store, { name, method: "reflexive_ta", actor: "AS" });
  return mutate(store, { projectId: project.id, actor: "AS", action: "build" }, async (m) => {
    const first = await ensureCase(m, "P01");
    const second = await ensureCase(m, "P02");
    const code = await createCode(m, { name: "Diagnosis" });
    const withCase = await addSource(m, {
      kind: "interview",
      title: "P01",
      text: TEXT,
      caseId: first.id,
    });
    const withoutCase = await addSource(m, { kind: "interview", title: "Notes", text: TEXT });
    const codings = [];
    for (const source of [withCase, withoutCase])
      for (const [start, end] of [
        [0, 7],
        [23, 32],
      ] as const)
        codings.push(await addCoding(m, { sourceId: source.id, codeId: code.id, start, end }));
    m.summary = "built";
    return {
      projectId: project.id,
      first: first.id,
      second: second.id,
      withCase: withCase.id,
      withoutCase: withoutCase.id,
      codings,
    };
  });
}

for (const backend of availableBackends()) {
  describe(`a coding's case on ${backend.name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await backend.open();
    });
    afterAll(() => backend.cleanup());

    it("is its source's case when coded, and none when the source has none", async () => {
      const p = await buildProject(store, "coded");
      const rows = await expectInStep(store, p.projectId);
      expect(rows.filter((row) => row.copied === p.first)).toHaveLength(2);
      expect(rows.filter((row) => row.copied === null)).toHaveLength(2);
    });

    it("follows a source moved to another case, and back through undo and redo", async () => {
      const p = await buildProject(store, "moved");
      const move = (caseId: string | null) =>
        mutate(store, { projectId: p.projectId, actor: "AS", action: "source.case" }, async (m) => {
          await m.record.update("sources", p.withCase, { caseId });
          await m.record.update("sources", p.withoutCase, { caseId: p.first });
          m.summary = "moved";
        });
      await move(p.second);
      let rows = await expectInStep(store, p.projectId);
      expect(rows.filter((row) => row.copied === p.second)).toHaveLength(2);
      expect(rows.filter((row) => row.copied === p.first)).toHaveLength(2);
      await undo(store, p.projectId, "AS");
      rows = await expectInStep(store, p.projectId);
      expect(rows.filter((row) => row.copied === p.first)).toHaveLength(2);
      expect(rows.filter((row) => row.copied === null)).toHaveLength(2);
      await redo(store, p.projectId, "AS");
      rows = await expectInStep(store, p.projectId);
      expect(rows.filter((row) => row.copied === p.second)).toHaveLength(2);
      await move(null);
      rows = await expectInStep(store, p.projectId);
      expect(rows.filter((row) => row.copied === null)).toHaveLength(2);
    });

    it("is restored from the source, not the log, when undo puts a removed coding back", async () => {
      const p = await buildProject(store, "restored");
      const coding = p.codings[0];
      if (!coding) throw new Error("no coding built");
      await mutate(store, { projectId: p.projectId, actor: "AS", action: "coding.remove" }, (m) =>
        removeCoding(m, coding.id),
      );
      await undo(store, p.projectId, "AS");
      await expectInStep(store, p.projectId);
      // A row written with a stale case (an old log, a hand-made insert) is corrected on the way in.
      await mutate(store, { projectId: p.projectId, actor: "AS", action: "coding.copy" }, (m) =>
        m.record.insert("codings", {
          id: `${coding.id}-copy`,
          projectId: p.projectId,
          sourceId: p.withCase,
          codeId: coding.codeId,
          revisionId: coding.anchor.revisionId,
          startPos: 1,
          endPos: 5,
          exact: "t to",
          prefix: "I",
          suffix: "ok",
          status: "anchored",
          score: 1,
          coder: "AS",
          memo: null,
          createdAt: coding.createdAt,
          caseId: p.second,
        }),
      );
      const rows = await expectInStep(store, p.projectId);
      expect(rows.find((row) => row.id === `${coding.id}-copy`)?.copied).toBe(p.first);
    });

    it("is cleared when the case is removed", async () => {
      const p = await buildProject(store, "case removed");
      await mutate(store, { projectId: p.projectId, actor: "AS", action: "case.remove" }, (m) =>
        m.record.delete("cases", [p.first]),
      );
      const rows = await expectInStep(store, p.projectId);
      expect(rows.every((row) => row.copied === null)).toBe(true);
    });

    it("is set for codings bulk-inserted into imported sources", async () => {
      const project = await createProject(store, {
        name: "bulk",
        method: "framework",
        actor: "AS",
      });
      await mutate(store, { projectId: project.id, actor: "AS", action: "import" }, async (m) => {
        await importSources(m, [
          { kind: "response", title: "R1", text: TEXT, caseName: "R1", caseKind: "respondent" },
          { kind: "response", title: "R2", text: TEXT },
        ]);
        const code = await createCode(m, { name: "Any" });
        const sources = await m.db
          .selectFrom("sources")
          .select(["id", "currentRevisionId", "position"])
          .where("projectId", "=", project.id)
          .execute();
        await m.dialect.bulkInsert(
          m.db,
          "codings",
          [
            { name: "id", pgType: "text" },
            { name: "project_id", pgType: "text" },
            { name: "source_id", pgType: "text" },
            { name: "code_id", pgType: "text" },
            { name: "revision_id", pgType: "text" },
            { name: "source_position", pgType: "integer" },
            { name: "start_pos", pgType: "integer" },
            { name: "end_pos", pgType: "integer" },
            { name: "exact", pgType: "text" },
            { name: "prefix", pgType: "text" },
            { name: "suffix", pgType: "text" },
            { name: "status", pgType: "text" },
            { name: "score", pgType: "double precision" },
            { name: "coder", pgType: "text" },
            { name: "created_at", pgType: "text" },
          ],
          sources.map((source, index) => [
            `bulk-${index}`,
            project.id,
            source.id,
            code.id,
            source.currentRevisionId,
            source.position,
            0,
            2,
            "It",
            "",
            " took",
            "anchored",
            1,
            "AS",
            "2026-01-01",
          ]),
        );
        m.summary = "imported";
      });
      const rows = await expectInStep(store, project.id);
      expect(rows.filter((row) => row.copied !== null)).toHaveLength(1);
    });

    it("is set for codings a bundle import writes", async () => {
      const p = await buildProject(store, "bundle source");
      const parts: BundlePart[] = [];
      for await (const part of readBundle(store, p.projectId)) parts.push(part);
      const target = await createProject(store, {
        name: "bundle target",
        method: "reflexive_ta",
        actor: "AS",
      });
      await mutate(store, { projectId: target.id, actor: "AS", action: "import" }, async (m) => {
        await writeBundle(m, parts);
        m.summary = "imported";
      });
      const rows = await expectInStep(store, target.id);
      expect(rows.filter((row) => row.copied !== null)).toHaveLength(2);
      // Into a store with no codings yet, the load sets the copying trigger aside and writes
      // each coding's case itself.
      const empty = await backend.open();
      const fresh = await createProject(empty, {
        name: "bundle target",
        method: "reflexive_ta",
        actor: "AS",
      });
      await mutate(
        empty,
        { projectId: fresh.id, actor: "AS", action: "import", large: true },
        async (m) => {
          await writeBundle(m, parts);
          m.summary = "imported";
        },
      );
      const loaded = await expectInStep(empty, fresh.id);
      expect(loaded.filter((row) => row.copied !== null)).toHaveLength(2);
    });
  });
}
