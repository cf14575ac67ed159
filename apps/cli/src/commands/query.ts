/**
 * `quire query`: boolean code queries — passages of some codes that also have (--and) or lack
 * (--not) other codes nearby — filtered by case attributes, coder and source kind, shown as
 * passages, sources or cases, and saved in the project's settings to run again.
 */
import {
  type CodeQuery,
  normalizeCodeQuery,
  savedQueriesOf,
  withSavedQuery,
} from "@quire/analysis";
import { codePaths, QuireError } from "@quire/core";
import { findCode, listCodes, runCodeQuery, updateProjectSettings } from "@quire/db";
import { type GlobalOptions, withSession } from "../context.js";
import { type Output, table } from "../output.js";
import { visibleCoder } from "./blind-scope.js";
import { count, parseWhere } from "./segments.js";

export interface QueryOptions extends GlobalOptions {
  code: string[];
  and: string[];
  not: string[];
  within?: string;
  sameTurn?: boolean;
  sameSource?: boolean;
  where: string[];
  byCoder?: string;
  kind: string[];
  as?: string;
  save?: string;
  saved?: string;
  context?: string;
  limit?: string;
}

const VIEWS = ["segments", "sources", "cases"] as const;

export async function queryCommand(
  location: string,
  options: QueryOptions,
  out: Output,
): Promise<void> {
  const view = (options.as ?? "segments") as (typeof VIEWS)[number];
  if (!VIEWS.includes(view))
    throw new QuireError("invalid_input", `--as takes segments, sources or cases, not "${view}"`);
  const nears = [options.within !== undefined, options.sameTurn, options.sameSource].filter(
    Boolean,
  );
  if (nears.length > 1)
    throw new QuireError("invalid_input", "choose one of --within, --same-turn and --same-source");
  await withSession(location, options, async (session) => {
    const { store, project, actor } = session;
    let query: CodeQuery;
    if (options.saved !== undefined) {
      const found = savedQueriesOf(project.settings).find((s) => s.name === options.saved);
      if (!found) throw new QuireError("not_found", `no saved query named "${options.saved}"`);
      query = found.query;
    } else {
      if (options.code.length === 0)
        throw new QuireError("invalid_input", "name at least one --code (or --saved NAME)");
      const ids = async (refs: readonly string[]) =>
        Promise.all(refs.map(async (ref) => (await findCode(store, project.id, ref)).id as string));
      query = {
        codes: await ids(options.code),
        and: await ids(options.and),
        not: await ids(options.not),
        near:
          options.within !== undefined
            ? { kind: "within", chars: count(options.within, "--within", 0) }
            : options.sameTurn
              ? { kind: "turn" }
              : options.sameSource
                ? { kind: "source" }
                : { kind: "overlap" },
        where: parseWhere(options.where),
        ...(options.byCoder ? { coder: options.byCoder } : {}),
        ...(options.kind.length > 0 ? { sourceKinds: options.kind } : {}),
      };
    }
    normalizeCodeQuery(query);
    if (options.save !== undefined) {
      const name = options.save;
      await updateProjectSettings(store, project, actor, `saved query "${name}"`, (settings) =>
        withSavedQuery(settings, {
          name,
          query,
          savedAt: new Date().toISOString(),
          savedBy: actor,
        }),
      );
      out.note(`saved as "${name}" (run it again with --saved "${name}")`);
    }
    // While blind, the query runs over the acting coder's codings only (a saved query stays as asked).
    const coder = visibleCoder(session, query.coder);
    const answer = await runCodeQuery(store, project.id, coder ? { ...query, coder } : query, {
      limit: view === "segments" ? count(options.limit, "--limit", 50) : 0,
      context: count(options.context, "--context", 80),
    });
    const paths = codePaths(await listCodes(store, project.id));
    const label = (id: string) => paths.get(id as never) ?? id;
    out.result({ query, view, ...answer }, () => {
      out.line(describe(query, label));
      if (view === "sources") {
        out.line(
          `${answer.sources.length} source${answer.sources.length === 1 ? "" : "s"}, ${answer.total} passages`,
        );
        out.line(
          table(
            ["#", "source", "passages"],
            answer.sources.map((s) => [s.position, s.title, s.hits]),
          ),
        );
      } else if (view === "cases") {
        out.line(
          `${answer.cases.length} case${answer.cases.length === 1 ? "" : "s"}, ${answer.total} passages`,
        );
        out.line(
          table(
            ["case", "passages"],
            answer.cases.map((c) => [c.name, c.hits]),
          ),
        );
      } else {
        const shown = answer.segments.length;
        out.line(
          `${answer.total} passage${answer.total === 1 ? "" : "s"}${shown < answer.total ? ` (showing ${shown})` : ""}`,
        );
        for (const hit of answer.segments) {
          out.line();
          out.line(
            `— ${hit.sourceTitle} ${hit.start}:${hit.end} · ${label(hit.codeId)} · ${hit.coder}${hit.caseName ? ` · ${hit.caseName}` : ""}`,
          );
          out.line(`  …${flat(hit.before)}[${flat(hit.text)}]${flat(hit.after)}…`);
        }
      }
    });
  });
}

/** The query in words, so a printed result says what was asked. */
export function describe(query: CodeQuery, label: (id: string) => string): string {
  const near = query.near ?? { kind: "overlap" };
  const how =
    near.kind === "within"
      ? `within ${near.chars} characters of`
      : near.kind === "turn"
        ? "in the same turn as"
        : near.kind === "source"
          ? "in the same source as"
          : "overlapping";
  const parts = [query.codes.map(label).join(" OR ")];
  for (const id of query.and ?? []) parts.push(`AND ${how} ${label(id)}`);
  for (const id of query.not ?? []) parts.push(`NOT ${how} ${label(id)}`);
  const filters = [
    ...Object.entries(query.where ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(query.coder ? [`coder ${query.coder}`] : []),
    ...(query.sourceKinds?.length ? [`kind ${query.sourceKinds.join("|")}`] : []),
  ];
  return `query: ${parts.join(" ")}${filters.length ? ` · where ${filters.join(", ")}` : ""}`;
}

function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}
