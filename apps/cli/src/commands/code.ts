/** `quire code`: apply a code to a range of a source, or to every hit of a search. */
import { QuireError } from "@quire/core";
import { addCoding, codeSearchHits, findCode, findSource, mutate } from "@quire/db";
import { type GlobalOptions, withSession } from "../context.js";
import type { Output } from "../output.js";

export interface CodeOptions extends GlobalOptions {
  source?: string;
  range?: string;
  search?: string;
  code: string;
  memo?: string;
}

export async function codeCommand(
  location: string,
  options: CodeOptions,
  out: Output,
): Promise<void> {
  if (!options.search === !options.range)
    throw new QuireError(
      "invalid_input",
      "say what to code: --source NAME --range START:END, or --search QUERY",
    );
  await withSession(location, options, async ({ store, project, actor }) => {
    const code = await findCode(store, project.id, options.code);
    if (options.range) {
      if (!options.source) throw new QuireError("invalid_input", "--range needs --source");
      const { start, end } = parseRange(options.range);
      const source = await findSource(store, project.id, options.source);
      const coding = await mutate(
        store,
        { projectId: project.id, actor, action: "coding.create" },
        async (m) => {
          const made = await addCoding(m, {
            sourceId: source.id,
            codeId: code.id,
            start,
            end,
            memo: options.memo ?? null,
          });
          m.summary = `coded "${short(made.anchor.exact)}" in ${source.title} as "${code.name}"`;
          return made;
        },
      );
      out.result(coding, (c) =>
        out.line(
          `coded ${source.title} ${c.anchor.start}:${c.anchor.end} as "${code.name}": "${short(c.anchor.exact)}"`,
        ),
      );
      return;
    }
    const query = options.search ?? "";
    const sourceIds = options.source
      ? [(await findSource(store, project.id, options.source)).id]
      : undefined;
    const codings = await mutate(
      store,
      { projectId: project.id, actor, action: "coding.create" },
      async (m) => {
        const made = await codeSearchHits(m, query, code.id, sourceIds ? { sourceIds } : {});
        m.summary = `coded ${made.length} hits of ${query} as "${code.name}"`;
        return made;
      },
    );
    out.result({ count: codings.length, codings }, (r) =>
      out.line(`coded ${r.count} hits of ${query} as "${code.name}" (coder ${actor})`),
    );
  });
}

/** Reads `START:END` (UTF-16 offsets into the current text). */
export function parseRange(text: string): { start: number; end: number } {
  const match = /^(\d+):(\d+)$/.exec(text.trim());
  if (!match)
    throw new QuireError(
      "invalid_input",
      `--range is START:END in characters, e.g. 1200:1385, not "${text}"`,
    );
  return { start: Number(match[1]), end: Number(match[2]) };
}

export function short(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
