/**
 * The code × case matrix: passages of each code in each case's sources. Counted in the database;
 * this module holds the reference computation and the layout as rows and columns.
 */
import type { ProjectSnapshot } from "../queries/model.js";

export interface CodeCaseCount {
  codeId: string;
  caseId: string;
  segments: number;
}

/** Counts per (code, case) from an in-memory project; sources without a case are left out. */
export function codeCaseCounts(project: ProjectSnapshot): CodeCaseCount[] {
  const sourceCase = new Map(project.sources.map((s) => [s.id, s.caseId]));
  const counts = new Map<string, CodeCaseCount>();
  for (const coding of project.codings) {
    const caseId = sourceCase.get(coding.sourceId);
    if (!caseId) continue;
    const key = `${coding.codeId}\u0000${caseId}`;
    const found = counts.get(key) ?? { codeId: coding.codeId, caseId, segments: 0 };
    found.segments++;
    counts.set(key, found);
  }
  return [...counts.values()];
}

export interface CodeCaseMatrix {
  codeIds: string[];
  caseIds: string[];
  /** `cells[i][j]`: passages of `codeIds[i]` in the sources of `caseIds[j]`. */
  cells: number[][];
}

/**
 * Lays counts out as a dense matrix, codes and cases in the given orders (default: those with
 * counts, sorted by id). Counts for codes or cases not listed are left out.
 */
export function codeCaseMatrix(
  counts: readonly CodeCaseCount[],
  order: { codeIds?: readonly string[]; caseIds?: readonly string[] } = {},
): CodeCaseMatrix {
  const codeIds = order.codeIds
    ? [...order.codeIds]
    : [...new Set(counts.map((c) => c.codeId))].sort();
  const caseIds = order.caseIds
    ? [...order.caseIds]
    : [...new Set(counts.map((c) => c.caseId))].sort();
  const row = new Map(codeIds.map((id, index) => [id, index]));
  const column = new Map(caseIds.map((id, index) => [id, index]));
  const cells = codeIds.map(() => caseIds.map(() => 0));
  for (const count of counts) {
    const i = row.get(count.codeId);
    const j = column.get(count.caseId);
    if (i === undefined || j === undefined) continue;
    const line = cells[i];
    if (line) line[j] = (line[j] ?? 0) + count.segments;
  }
  return { codeIds, caseIds, cells };
}
