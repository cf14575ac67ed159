/**
 * Blind coding in responses: while a project's blind mode is on, a caller acting as coder X (the
 * `X-Quire-Coder` header) sees only X's codings — in source details, segments and the results of
 * coding search hits — until someone reveals them all. The filtering is here, in one place.
 */
import { blindCoderFor } from "@quire/db";
import type { Context } from "hono";
import { type AppEnv, actor } from "../../context.js";
import type { OpenProject } from "../../workspace.js";

/** The only coder whose codings this request may see, or null when all are visible. */
export function visibleCoder(c: Context<AppEnv>, open: OpenProject): string | null {
  return blindCoderFor(open.project, actor(c));
}

/** Keeps the items coded by `coder` (all items when `coder` is null). */
export function onlyCoder<T extends { coder: string }>(
  items: readonly T[],
  coder: string | null,
): T[] {
  return coder === null ? [...items] : items.filter((item) => item.coder === coder);
}
