/**
 * Tree arithmetic over the codebook as the API sends it (a flat list in tree order with parent ids):
 * which rows show given the collapsed codes, which codes descend from which, and whether a move
 * would put a code inside itself. Derived, never stored (C15).
 */
import type { CodeNode } from "../api/types.js";

export interface TreeRow {
  code: CodeNode;
  depth: number;
  hasChildren: boolean;
}

function childrenByParent(codes: readonly CodeNode[]): Map<string | null, CodeNode[]> {
  const ids = new Set(codes.map((code) => code.id));
  const children = new Map<string | null, CodeNode[]>();
  for (const code of codes) {
    const parent = code.parentId && ids.has(code.parentId) ? code.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(code);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return children;
}

/** The rows to show, parents before children, skipping the children of collapsed codes. */
export function visibleRows(codes: readonly CodeNode[], collapsed: ReadonlySet<string>): TreeRow[] {
  const children = childrenByParent(codes);
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const code of children.get(parent) ?? []) {
      if (seen.has(code.id)) continue;
      seen.add(code.id);
      const kids = children.get(code.id) ?? [];
      rows.push({ code, depth, hasChildren: kids.length > 0 });
      if (!collapsed.has(code.id)) walk(code.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

/** The ids of `id` and every code below it. */
export function subtreeIds(codes: readonly CodeNode[], id: string): Set<string> {
  const children = childrenByParent(codes);
  const result = new Set<string>([id]);
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    for (const child of children.get(next) ?? [])
      if (!result.has(child.id)) {
        result.add(child.id);
        stack.push(child.id);
      }
  }
  return result;
}

/** Whether `codeId` may move under `parentId` (null: to the top level). */
export function canMove(
  codes: readonly CodeNode[],
  codeId: string,
  parentId: string | null,
): boolean {
  if (parentId === null) return true;
  return !subtreeIds(codes, codeId).has(parentId);
}
