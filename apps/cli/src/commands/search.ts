/** `quire search`: full-text search with keyword-in-context snippets. */
import { searchProject } from "@quire/db";
import { type GlobalOptions, withSession } from "../context.js";
import type { Output } from "../output.js";
import { count } from "./segments.js";

export interface SearchOptions extends GlobalOptions {
  limit?: string;
  offset?: string;
  context?: string;
}

export async function searchCommand(
  location: string,
  query: string,
  options: SearchOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    const result = await searchProject(store, project.id, query, {
      limit: count(options.limit, "--limit", 20),
      offset: count(options.offset, "--offset", 0),
      context: count(options.context, "--context", 50),
    });
    out.result(result, ({ total, totalIsLowerBound, results }) => {
      const count = `${total.toLocaleString("en")}${totalIsLowerBound ? " or more" : ""}`;
      out.line(
        `${count} source${total === 1 ? "" : "s"} match ${query}${results.length < total ? ` (showing ${results.length})` : ""}`,
      );
      for (const item of results) {
        out.line();
        out.line(
          `${item.title}${item.caseName && item.caseName !== item.title ? ` (${item.caseName})` : ""} — ${item.hitCount} hit${item.hitCount === 1 ? "" : "s"}`,
        );
        for (const hit of item.hits)
          out.line(`  ${String(hit.start).padStart(7)}  …${hit.before}[${hit.match}]${hit.after}…`);
      }
    });
  });
}
