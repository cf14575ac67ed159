/**
 * Code × attribute comparison (METHODS C8): for each code and each value of a case attribute, the
 * cases with the code out of the cases in that group (n/N), and the coded passages. The database
 * does the counting; this module turns counts into a table, finds codes present only in one group
 * and lists the counter-cases of a claim like "only CBT participants reported X". All figures are
 * descriptive counts of what was coded, not estimates.
 */
import { attributeText, type ProjectSnapshot } from "../queries/model.js";

/** The key a case without a value for the attribute is grouped under. */
export const NO_VALUE = null;

/** One cell as counted: the passages of a code in a group's cases, and how many cases they span. */
export interface CrosstabCount {
  codeId: string;
  /** The attribute value as text; `null` for cases without one. */
  group: string | null;
  cases: number;
  segments: number;
}

/** How many cases a group has in the project, whether or not anything in them is coded. */
export interface GroupSize {
  group: string | null;
  cases: number;
}

export interface CrosstabCell {
  group: string | null;
  /** Cases of the group with at least one passage of the code. */
  cases: number;
  /** Cases in the group (N). */
  of: number;
  /** cases / of, or `null` for an empty group. */
  share: number | null;
  segments: number;
}

export interface CrosstabRow {
  codeId: string;
  cells: CrosstabCell[];
  /** Over all groups, the no-value group included. */
  cases: number;
  segments: number;
}

export interface Crosstab {
  attribute: string;
  groups: GroupSize[];
  rows: CrosstabRow[];
}

function compareGroups(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * Lays counts out as a table: one row per code (in `codeIds` order when given, else every code with
 * a count, sorted by id), one cell per group (sorted by value, the no-value group last). Codes and
 * groups without counts get zero cells.
 */
export function buildCrosstab(
  attribute: string,
  counts: readonly CrosstabCount[],
  groupSizes: readonly GroupSize[],
  codeIds?: readonly string[],
): Crosstab {
  const groups = new Map<string | null, number>();
  for (const size of groupSizes) groups.set(size.group, (groups.get(size.group) ?? 0) + size.cases);
  for (const count of counts) if (!groups.has(count.group)) groups.set(count.group, 0);
  const ordered = [...groups.entries()]
    .map(([group, cases]) => ({ group, cases }))
    .sort((a, b) => compareGroups(a.group, b.group));
  const byCode = new Map<string, Map<string | null, CrosstabCount>>();
  for (const count of counts) {
    const cells = byCode.get(count.codeId) ?? new Map();
    cells.set(count.group, count);
    byCode.set(count.codeId, cells);
  }
  const ids = codeIds ? [...codeIds] : [...byCode.keys()].sort();
  const rows = ids.map((codeId): CrosstabRow => {
    const found = byCode.get(codeId);
    const cells = ordered.map(({ group, cases: of }): CrosstabCell => {
      const count = found?.get(group);
      const cases = count?.cases ?? 0;
      return {
        group,
        cases,
        of,
        share: of > 0 ? cases / of : null,
        segments: count?.segments ?? 0,
      };
    });
    return {
      codeId,
      cells,
      cases: cells.reduce((sum, cell) => sum + cell.cases, 0),
      segments: cells.reduce((sum, cell) => sum + cell.segments, 0),
    };
  });
  return { attribute, groups: ordered, rows };
}

/**
 * The counts of a crosstab computed directly from an in-memory project: the reference the SQL is
 * tested against. Passages in sources without a case are left out (they belong to no group).
 */
export function crosstabCounts(
  project: ProjectSnapshot,
  attribute: string,
): { counts: CrosstabCount[]; groupSizes: GroupSize[] } {
  const caseGroup = new Map(
    project.cases.map((c) => [c.id, attributeText(c.attributes[attribute])]),
  );
  const sourceCase = new Map(project.sources.map((s) => [s.id, s.caseId]));
  const cells = new Map<string, { count: CrosstabCount; cases: Set<string> }>();
  for (const coding of project.codings) {
    const caseId = sourceCase.get(coding.sourceId);
    if (!caseId || !caseGroup.has(caseId)) continue;
    const group = caseGroup.get(caseId) ?? null;
    const key = JSON.stringify([coding.codeId, group]);
    const cell = cells.get(key) ?? {
      count: { codeId: coding.codeId, group, cases: 0, segments: 0 },
      cases: new Set<string>(),
    };
    cell.count.segments++;
    cell.cases.add(caseId);
    cells.set(key, cell);
  }
  const counts = [...cells.values()].map(({ count, cases }) => ({ ...count, cases: cases.size }));
  const sizes = new Map<string | null, number>();
  for (const group of caseGroup.values()) sizes.set(group, (sizes.get(group) ?? 0) + 1);
  return {
    counts,
    groupSizes: [...sizes.entries()].map(([group, cases]) => ({ group, cases })),
  };
}

export interface GroupComparison {
  codeId: string;
  /** Cases with the code in the group, out of the group's cases. */
  inGroup: { cases: number; of: number };
  /** Cases with the code in every other group (the no-value group included), out of theirs. */
  elsewhere: { cases: number; of: number };
  /** True when no case outside the group has the code: the claim "only in this group" holds. */
  onlyHere: boolean;
}

/**
 * "Only in group X": every code some case of `group` has, with how many cases elsewhere have it.
 * Codes with `onlyHere` are present in X's cases and in no case of the other groups; for the rest,
 * `counterCases` names the cases that contradict the claim. Sorted: exclusive codes first, then by
 * cases elsewhere, then by code id.
 */
export function compareGroup(crosstab: Crosstab, group: string): GroupComparison[] {
  const result: GroupComparison[] = [];
  for (const row of crosstab.rows) {
    let inGroup = { cases: 0, of: 0 };
    const elsewhere = { cases: 0, of: 0 };
    for (const cell of row.cells) {
      if (cell.group === group) inGroup = { cases: cell.cases, of: cell.of };
      else {
        elsewhere.cases += cell.cases;
        elsewhere.of += cell.of;
      }
    }
    if (inGroup.cases === 0) continue;
    result.push({ codeId: row.codeId, inGroup, elsewhere, onlyHere: elsewhere.cases === 0 });
  }
  return result.sort(
    (a, b) =>
      a.elsewhere.cases - b.elsewhere.cases ||
      (a.codeId < b.codeId ? -1 : a.codeId > b.codeId ? 1 : 0),
  );
}

/** A case with passages of a code, and the group it belongs to. */
export interface CaseWithCode {
  caseId: string;
  caseName: string;
  group: string | null;
  segments: number;
}

/**
 * The counter-cases of "only group X has this code": the cases outside `group` (the no-value
 * group included) that have it, most passages first.
 */
export function counterCases(
  casesWithCode: readonly CaseWithCode[],
  group: string,
): CaseWithCode[] {
  return casesWithCode
    .filter((c) => c.group !== group)
    .sort((a, b) => b.segments - a.segments || (a.caseName < b.caseName ? -1 : 1));
}
