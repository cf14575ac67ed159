/**
 * Conformance of the SQL matrices and code queries on both backends: differential checks against the
 * in-memory references of `@quire/analysis` on seeded random projects (cases in two arms, turns,
 * two coders, orphans), plus saved queries in settings and their undo.
 */
// biome-ignore-all lint/style/noRestrictedImports: the test holds the SQL to the in-memory reference; the package itself never imports analysis.
import {
  type CodeQuery,
  codeCaseCounts,
  cooccurrenceCounts,
  crosstabCounts,
  evaluateCodeQuery,
  type ProjectSnapshot,
  savedQueriesOf,
  sourceCodesOf,
  withSavedQuery,
} from "@quire/analysis";
import {
  type CodeQuerySpec,
  casesWithCode,
  codeFirstAppearances,
  countCodeCases,
  countCooccurrences,
  countCrosstab,
  createProject,
  loadProjectRecords,
  resolveProject,
  runCodeQuery,
  type Store,
  sourceCodeSets,
  undo,
  updateProjectSettings,
} from "@quire/db";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBackends } from "../test-support/backends.js";
import { build, plan } from "../test-support/random-project.js";

// The analysis type and the storage type of a query must stay interchangeable.
const _sameShape: CodeQuerySpec = {} as CodeQuery;
const _sameShapeBack: CodeQuery = {} as CodeQuerySpec;
void _sameShape;
void _sameShapeBack;

const settings = { seed: 20_261_121, numRuns: 10 };

const byJson = <T>(rows: readonly T[]) => rows.map((r) => JSON.stringify(r)).sort();
const orderPair = <T extends { codeA: string; codeB: string }>(row: T): T =>
  row.codeA <= row.codeB ? row : { ...row, codeA: row.codeB, codeB: row.codeA };

for (const backend of availableBackends()) {
  describe(`matrices and code queries on ${backend.name}`, () => {
    let store: Store;
    let runs = 0;
    beforeAll(async () => {
      store = await backend.open();
    });
    afterAll(() => backend.cleanup());

    it("crosstab, code × case, co-occurrence and saturation input equal the in-memory references", async () => {
      await fc.assert(
        fc.asyncProperty(plan, async (p) => {
          const { projectId, snapshot } = await build(store, p, `matrices ${++runs}`);
          const records = await loadProjectRecords(store, projectId);
          expect(byJson(records.codings)).toEqual(byJson(snapshot.codings));

          for (const attribute of ["arm", "age", "consent"]) {
            const sqlSide = await countCrosstab(store, projectId, attribute);
            const reference = crosstabCounts(snapshot, attribute);
            expect(byJson(sqlSide.counts)).toEqual(byJson(reference.counts));
            expect(byJson(sqlSide.groupSizes)).toEqual(byJson(reference.groupSizes));
          }
          const cells = await countCodeCases(store, projectId);
          expect(byJson(cells.map(({ caseName: _, ...rest }) => rest))).toEqual(
            byJson(codeCaseCounts(snapshot)),
          );
          for (const rule of ["overlap", "turn"] as const) {
            const sqlSide = await countCooccurrences(store, projectId, { rule });
            const reference = cooccurrenceCounts(snapshot, rule);
            expect(byJson(sqlSide.counts.map(orderPair))).toEqual(
              byJson(reference.counts.map(orderPair)),
            );
            expect(byJson(sqlSide.spread)).toEqual(byJson(reference.spread));
          }
          const sets = await sourceCodeSets(store, projectId);
          expect(sets.map(({ label: _, ...rest }) => rest)).toEqual(
            sourceCodesOf(snapshot)
              .sort((a, b) => a.position - b.position)
              .map(({ label: _, ...rest }) => rest),
          );
          const first = await codeFirstAppearances(store, projectId);
          const position = new Map(snapshot.sources.map((s) => [s.id, s.position]));
          const expected = new Map<string, number>();
          for (const k of snapshot.codings) {
            const at = position.get(k.sourceId) ?? 0;
            expected.set(k.codeId, Math.min(expected.get(k.codeId) ?? at, at));
          }
          expect(byJson(first)).toEqual(
            byJson([...expected].map(([codeId, at]) => ({ codeId, position: at }))),
          );
        }),
        settings,
      );
    });

    it("code queries equal evaluateCodeQuery for every proximity and filter", async () => {
      const query = fc.record({
        codes: fc.subarray([0, 1, 2, 3], { minLength: 1 }),
        and: fc.subarray([0, 1, 2, 3], { maxLength: 2 }),
        not: fc.subarray([0, 1, 2, 3], { maxLength: 1 }),
        near: fc.oneof(
          fc.constant({ kind: "overlap" as const }),
          fc.constant({ kind: "turn" as const }),
          fc.constant({ kind: "source" as const }),
          fc.integer({ min: 0, max: 30 }).map((chars) => ({ kind: "within" as const, chars })),
        ),
        arm: fc.constantFrom(null, "CBT", "TAU"),
        coder: fc.constantFrom(null, "ann", "bob"),
        kind: fc.constantFrom(null, "interview"),
        consent: fc.constantFrom(null, "true", "false"),
      });
      await fc.assert(
        fc.asyncProperty(plan, fc.array(query, { minLength: 4, maxLength: 4 }), async (p, qs) => {
          const { projectId, codeIds, snapshot } = await build(store, p, `queries ${++runs}`);
          for (const q of qs) {
            const ids = (list: number[]) => list.map((i) => codeIds[i] ?? "");
            const where: Record<string, string> = {};
            if (q.arm) where.arm = q.arm;
            if (q.consent) where.consent = q.consent;
            const spec: CodeQuery = {
              codes: ids(q.codes),
              and: ids(q.and),
              not: ids(q.not),
              near: q.near,
              where,
              ...(q.coder ? { coder: q.coder } : {}),
              ...(q.kind ? { sourceKinds: [q.kind] } : {}),
            };
            const reference = evaluateCodeQuery(snapshot, spec);
            const answer = await runCodeQuery(store, projectId, spec, { limit: 1000 });
            expect(answer.segments.map((s) => s.codingId).sort()).toEqual(
              [...reference.segments.map((s) => s.id)].sort(),
            );
            expect(answer.total).toBe(reference.segments.length);
            expect(answer.sources.map((s) => s.sourceId)).toEqual(reference.sourceIds);
            expect(answer.cases.map((c) => c.caseId).sort()).toEqual([...reference.caseIds].sort());
          }
        }),
        settings,
      );
    });

    it("filtered by coder, source kind and codes, the counts equal the references over those codings", async () => {
      const filters = fc.record({
        coder: fc.constantFrom(undefined, "ann", "bob"),
        kind: fc.constantFrom(undefined, "interview", "focus_group"),
        codes: fc.option(fc.subarray([0, 1, 2, 3]), { nil: undefined }),
      });
      await fc.assert(
        fc.asyncProperty(plan, filters, async (p, f) => {
          const { projectId, codeIds, snapshot } = await build(store, p, `filtered ${++runs}`);
          const kindOf = new Map(snapshot.sources.map((s) => [s.id, s.kind]));
          const codes = f.codes?.map((i) => codeIds[i] ?? "");
          const only = (withCodes: boolean): ProjectSnapshot => ({
            ...snapshot,
            codings: snapshot.codings.filter(
              (k) =>
                (f.coder === undefined || k.coder === f.coder) &&
                (f.kind === undefined || kindOf.get(k.sourceId) === f.kind) &&
                (!withCodes || codes === undefined || codes.includes(k.codeId)),
            ),
          });
          const filter = {
            ...(f.coder ? { coder: f.coder } : {}),
            ...(f.kind ? { sourceKinds: [f.kind] } : {}),
          };
          const crosstab = await countCrosstab(store, projectId, "arm", {
            ...filter,
            ...(codes ? { codeIds: codes } : {}),
          });
          const reference = crosstabCounts(only(true), "arm");
          expect(byJson(crosstab.counts)).toEqual(byJson(reference.counts));
          expect(byJson(crosstab.groupSizes)).toEqual(byJson(reference.groupSizes));
          const pairs = await countCooccurrences(store, projectId, { rule: "overlap", ...filter });
          const expected = cooccurrenceCounts(only(false), "overlap");
          expect(byJson(pairs.counts.map(orderPair))).toEqual(
            byJson(expected.counts.map(orderPair)),
          );
          expect(byJson(pairs.spread)).toEqual(byJson(expected.spread));
        }),
        settings,
      );
    });

    it("lists the cases with a code and their group, and refuses queries it cannot run", async () => {
      const { projectId, codeIds } = await build(
        store,
        {
          cases: [
            { arm: "CBT", age: 20, consent: true },
            { arm: "TAU", age: 21, consent: false },
          ],
          sources: [
            { kind: 0, caseIndex: 0, turnCut: 50 },
            { kind: 0, caseIndex: 1, turnCut: 50 },
          ],
          codings: [
            { source: 0, code: 0, start: 0, length: 10, coder: 0, orphan: false },
            { source: 0, code: 0, start: 20, length: 10, coder: 0, orphan: false },
            { source: 1, code: 0, start: 0, length: 10, coder: 1, orphan: false },
            { source: 0, code: 1, start: 0, length: 10, coder: 0, orphan: false },
          ],
        },
        `cases ${++runs}`,
      );
      const codeA = codeIds[0] ?? "";
      expect(await casesWithCode(store, projectId, codeA, "arm")).toMatchObject([
        { caseName: "P1", group: "CBT", segments: 2 },
        { caseName: "P2", group: "TAU", segments: 1 },
      ]);
      // B [0,10) ends exactly 10 characters before A [20,30) starts: within 10, not within 9.
      const codeB = codeIds[1] ?? "";
      const within = (chars: number) =>
        runCodeQuery(store, projectId, {
          codes: [codeA],
          and: [codeB],
          near: { kind: "within", chars },
        });
      expect((await within(10)).total).toBe(2);
      expect((await within(9)).total).toBe(1);
      const answer = await runCodeQuery(store, projectId, { codes: [codeA] }, { context: 3 });
      expect(answer.segments[0]).toMatchObject({ text: "word word ", before: "", after: "wor" });
      // Narrowed to one case: only that case's passages, sources and case are counted.
      const p2 = answer.cases.find((row) => row.name === "P2")?.caseId ?? "";
      const inP2 = await runCodeQuery(store, projectId, { codes: [codeA] }, { caseIds: [p2] });
      expect(inP2.total).toBe(1);
      expect(inP2.segments.map((hit) => hit.caseName)).toEqual(["P2"]);
      expect(inP2.cases).toEqual([{ caseId: p2, name: "P2", hits: 1 }]);
      await expect(runCodeQuery(store, projectId, { codes: [] })).rejects.toThrow(/at least one/);
      await expect(
        runCodeQuery(store, projectId, { codes: [codeA], sourceSet: "x" }),
      ).rejects.toThrow(/sets/);
    });

    it("saves a query in the project settings as an undoable event", async () => {
      const project = await createProject(store, {
        name: `saved ${++runs}`,
        method: "reflexive_ta",
        settings: { keep: 1 },
        actor: "t",
      });
      const saved = { name: "cbt", query: { codes: ["x"] }, savedAt: "now", savedBy: "ann" };
      await updateProjectSettings(store, project, "ann", 'saved query "cbt"', (s) =>
        withSavedQuery(s, saved),
      );
      let current = await resolveProject(store, project.name);
      expect(current.settings.keep).toBe(1);
      expect(savedQueriesOf(current.settings)).toEqual([saved]);
      await undo(store, project.id, "ann");
      current = await resolveProject(store, project.name);
      expect(savedQueriesOf(current.settings)).toEqual([]);
      await expect(
        updateProjectSettings(store, project, "ann", "bad", (s) =>
          withSavedQuery(s, { ...saved, query: { codes: [] } }),
        ),
      ).rejects.toThrow(/at least one code/);
    });
  });
}
