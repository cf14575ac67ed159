/**
 * Seeded random projects for the matrix tests: cases in two arms with a number and a boolean,
 * sources of two kinds with two turns, codings by two coders with some orphans; each built through
 * the API and returned with the in-memory snapshot `@quire/analysis` computes the references from.
 */
// biome-ignore-all lint/style/noRestrictedImports: the tests hold the SQL to the in-memory reference; the package itself never imports analysis.
import type { CodingRecord, ProjectSnapshot } from "@quire/analysis";
import {
  addCoding,
  addSource,
  createCode,
  createProject,
  defineAttribute,
  ensureCase,
  mutate,
  type Store,
  setCaseAttribute,
} from "@quire/db";
import fc from "fast-check";

export const TEXT_LENGTH = 120;
export const CODES = ["A", "B", "C", "D"];
const KINDS = ["interview", "focus_group"];

export interface Plan {
  cases: { arm: "CBT" | "TAU" | null; age: number; consent: boolean }[];
  sources: { kind: number; caseIndex: number | null; turnCut: number }[];
  codings: {
    source: number;
    code: number;
    start: number;
    length: number;
    coder: number;
    orphan: boolean;
  }[];
}

export const plan: fc.Arbitrary<Plan> = fc.record({
  cases: fc.array(
    fc.record({
      arm: fc.constantFrom("CBT" as const, "TAU" as const, null),
      age: fc.integer({ min: 20, max: 22 }),
      consent: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  sources: fc.array(
    fc.record({
      kind: fc.integer({ min: 0, max: 1 }),
      caseIndex: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      turnCut: fc.integer({ min: 1, max: TEXT_LENGTH - 1 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  codings: fc.array(
    fc.record({
      source: fc.integer({ min: 0, max: 4 }),
      code: fc.integer({ min: 0, max: CODES.length - 1 }),
      start: fc.integer({ min: 0, max: TEXT_LENGTH - 2 }),
      length: fc.integer({ min: 1, max: 40 }),
      coder: fc.integer({ min: 0, max: 1 }),
      orphan: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    }),
    { maxLength: 40 },
  ),
});

export const CODERS = ["ann", "bob"];

/** Builds the planned project through the API; returns its id and the reference snapshot. */
export async function build(
  store: Store,
  p: Plan,
  name: string,
): Promise<{ projectId: string; codeIds: string[]; snapshot: ProjectSnapshot }> {
  const project = await createProject(store, { name, method: "reflexive_ta", actor: "t" });
  const text = "word ".repeat(TEXT_LENGTH / 5);
  const snapshot: ProjectSnapshot & {
    cases: ProjectSnapshot["cases"][number][];
    sources: ProjectSnapshot["sources"][number][];
    codings: CodingRecord[];
  } = { cases: [], sources: [], codings: [] };
  const codeIds: string[] = [];
  const sourceIds: string[] = [];
  await mutate(store, { projectId: project.id, actor: "t", action: "test.build" }, async (m) => {
    await defineAttribute(m, { name: "arm", type: "text" });
    await defineAttribute(m, { name: "age", type: "number" });
    await defineAttribute(m, { name: "consent", type: "boolean" });
    const caseIds: string[] = [];
    for (const [index, planned] of p.cases.entries()) {
      const created = await ensureCase(m, `P${index + 1}`);
      caseIds.push(created.id);
      const attributes: Record<string, string | number | boolean> = {};
      if (planned.arm) {
        await setCaseAttribute(m, created.id, "arm", planned.arm);
        attributes.arm = planned.arm;
      }
      await setCaseAttribute(m, created.id, "age", String(planned.age));
      await setCaseAttribute(m, created.id, "consent", String(planned.consent));
      attributes.age = planned.age;
      attributes.consent = planned.consent;
      snapshot.cases.push({ id: created.id, name: created.name, attributes });
    }
    for (const code of CODES) codeIds.push((await createCode(m, { name: code })).id);
    for (const [index, planned] of p.sources.entries()) {
      const caseId =
        planned.caseIndex === null ? null : (caseIds[planned.caseIndex % caseIds.length] ?? null);
      const turns = [
        { start: 0, end: planned.turnCut },
        { start: planned.turnCut, end: TEXT_LENGTH },
      ];
      const source = await addSource(m, {
        kind: KINDS[planned.kind] ?? "interview",
        title: `S${index + 1}`,
        text,
        caseId,
        turns: turns.map((t, i) => ({ ...t, speaker: i ? "R" : "I", role: "participant" })),
      });
      sourceIds.push(source.id);
      snapshot.sources.push({
        id: source.id,
        kind: source.kind,
        position: source.position,
        caseId,
        turns,
      });
    }
    m.summary = "built a random project";
  });
  const seen = new Set<string>();
  for (const [coder, actor] of CODERS.entries())
    await mutate(store, { projectId: project.id, actor, action: "coding.add" }, async (m) => {
      for (const planned of p.codings) {
        if (planned.coder !== coder) continue;
        const sourceId = sourceIds[planned.source % sourceIds.length] ?? "";
        const codeId = codeIds[planned.code] ?? "";
        const end = Math.min(TEXT_LENGTH, planned.start + planned.length);
        const key = [sourceId, codeId, planned.start, end, actor].join(":");
        if (seen.has(key)) continue;
        seen.add(key);
        const coding = await addCoding(m, { sourceId, codeId, start: planned.start, end });
        if (planned.orphan) {
          // An orphan keeps a row but has lost its words: it must count nowhere.
          await m.record.update("codings", coding.id, { status: "orphaned" });
          continue;
        }
        snapshot.codings.push({
          id: coding.id,
          codeId,
          sourceId,
          start: planned.start,
          end,
          coder: actor,
        });
      }
      m.summary = "coded";
    });
  return { projectId: project.id, codeIds, snapshot };
}
