/** `quire segments`: retrieve coded passages with their context, filtered by attributes and coder. */
import { QuireError } from "@quire/core";
import { findCode, retrieveSegments } from "@quire/db";
import { type GlobalOptions, withSession } from "../context.js";
import type { Output } from "../output.js";
import { visibleCoder } from "./blind-scope.js";

export interface SegmentsOptions extends GlobalOptions {
  code: string[];
  all?: boolean;
  where?: string[];
  byCoder?: string;
  context?: string;
  limit?: string;
  offset?: string;
}

export async function segmentsCommand(
  location: string,
  options: SegmentsOptions,
  out: Output,
): Promise<void> {
  if (options.code.length === 0) throw new QuireError("invalid_input", "name at least one --code");
  await withSession(location, options, async (session) => {
    const { store, project } = session;
    const coder = visibleCoder(session, options.byCoder);
    const codes = await Promise.all(options.code.map((ref) => findCode(store, project.id, ref)));
    const result = await retrieveSegments(store, project.id, {
      codeIds: codes.map((code) => code.id),
      match: options.all ? "all" : "any",
      where: parseWhere(options.where ?? []),
      ...(coder ? { coder } : {}),
      context: count(options.context, "--context", 100),
      limit: count(options.limit, "--limit", 50),
      offset: count(options.offset, "--offset", 0),
    });
    out.result(result, ({ total, segments }) => {
      out.line(
        `${total} segment${total === 1 ? "" : "s"}${segments.length < total ? ` (showing ${segments.length})` : ""}`,
      );
      for (const segment of segments) {
        const who = [
          segment.caseName,
          ...Object.entries(segment.attributes).map(([key, value]) => `${key}=${value}`),
        ]
          .filter(Boolean)
          .join(", ");
        out.line();
        out.line(
          `— ${segment.sourceTitle} ${segment.start}:${segment.end} · ${segment.codePath} · ${segment.coder}${who ? ` · ${who}` : ""}`,
        );
        out.line(`  …${flat(segment.before)}[${flat(segment.text)}]${flat(segment.after)}…`);
      }
    });
  });
}

/** Reads `key=value` filters. */
export function parseWhere(items: readonly string[]): Record<string, string> {
  const where: Record<string, string> = {};
  for (const item of items) {
    const index = item.indexOf("=");
    if (index <= 0)
      throw new QuireError("invalid_input", `--where is ATTRIBUTE=VALUE, not "${item}"`);
    where[item.slice(0, index).trim()] = item.slice(index + 1).trim();
  }
  return where;
}

export function count(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new QuireError("invalid_input", `${flag} takes a whole number, not "${text}"`);
  return value;
}

function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}
