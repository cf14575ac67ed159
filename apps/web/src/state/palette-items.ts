/**
 * What the quick-code palette offers for what has been typed: matching codes ranked so that the
 * likeliest is first, recent codes first when nothing is typed, a "create" item when no code has that
 * name, and the in-vivo command. Pure, so it is tested without a browser.
 */
import type { CodeNode } from "../api/types.js";

export type PaletteItem =
  | { kind: "code"; code: CodeNode; recentIndex: number | null }
  | { kind: "create"; name: string }
  | { kind: "in-vivo" };

/** 0 is the best: the name starts with the query, then a word of the path does, then contains it. */
function rank(code: CodeNode, query: string): number | null {
  const name = code.name.toLowerCase();
  const path = code.path.toLowerCase();
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  if (path.split(/[\s/]+/).some((word) => word.startsWith(query))) return 2;
  if (path.includes(query)) return 3;
  return null;
}

/** At most this many codes are listed; typing narrows them, and a long list hides the create item. */
export const PALETTE_LIMIT = 50;

export function paletteItems(
  codes: readonly CodeNode[],
  recentCodeIds: readonly string[],
  typed: string,
  options: { hasSelection: boolean },
): PaletteItem[] {
  const query = typed.trim().toLowerCase();
  const recentIndex = new Map(recentCodeIds.map((id, index) => [id, index]));
  if (query === "") {
    const byId = new Map(codes.map((code) => [code.id, code]));
    const recent = recentCodeIds
      .map((id) => byId.get(id))
      .filter((code): code is CodeNode => code !== undefined);
    const rest = codes.filter((code) => !recentIndex.has(code.id));
    const items: PaletteItem[] = [...recent, ...rest]
      .slice(0, PALETTE_LIMIT)
      .map((code) => ({ kind: "code", code, recentIndex: recentIndex.get(code.id) ?? null }));
    if (options.hasSelection) items.push({ kind: "in-vivo" });
    return items;
  }
  const ranked = codes
    .map((code) => ({ code, score: rank(code, query) }))
    .filter((entry): entry is { code: CodeNode; score: number } => entry.score !== null)
    .sort(
      (a, b) =>
        a.score - b.score ||
        (recentIndex.get(a.code.id) ?? 99) - (recentIndex.get(b.code.id) ?? 99) ||
        a.code.path.localeCompare(b.code.path),
    )
    .slice(0, PALETTE_LIMIT);
  const items: PaletteItem[] = ranked.map(({ code }) => ({
    kind: "code",
    code,
    recentIndex: recentIndex.get(code.id) ?? null,
  }));
  const exact = codes.some((code) => code.name.toLowerCase() === query);
  if (!exact && !typed.includes("/")) items.push({ kind: "create", name: typed.trim() });
  return items;
}
