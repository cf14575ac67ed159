/**
 * `quire edit`: correct a source's text (a transcription error) while its codings stay on their
 * words; `quire orphans` lists the codings whose words are gone, for a person to resolve.
 */
import { QuireError } from "@quire/core";
import { editSourceText, findSource, listCodes, listOrphans, mutate } from "@quire/db";
import { type GlobalOptions, withSession } from "../context.js";
import { type Output, table } from "../output.js";
import { parseRange, short } from "./code.js";

export async function editCommand(
  location: string,
  options: GlobalOptions & { source: string; range: string; replace: string },
  out: Output,
): Promise<void> {
  const { start, end } = parseRange(options.range);
  if (start > end)
    throw new QuireError("invalid_input", `--range ${options.range} ends before it starts`);
  await withSession(location, options, async ({ store, project, actor }) => {
    const source = await findSource(store, project.id, options.source);
    const result = await mutate(
      store,
      { projectId: project.id, actor, action: "source.edit" },
      async (m) => {
        const changed = await editSourceText(m, source.id, [
          { from: start, to: end, insert: options.replace },
        ]);
        m.summary = `edited ${source.title} at ${start}:${end} ("${short(options.replace, 40)}")`;
        return changed;
      },
    );
    out.result(result, (r) =>
      out.line(
        `${source.title} is now revision ${r.revision.number}: ${r.remapped} codings moved, ${r.orphaned} orphaned`,
      ),
    );
  });
}

export async function orphansCommand(
  location: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    const orphans = await listOrphans(store, project.id);
    const names = new Map(
      (await listCodes(store, project.id)).map((code) => [code.id as string, code.name]),
    );
    out.result(orphans, () => {
      if (orphans.length === 0)
        return out.line("no orphaned codings: every coding is on its words");
      out.line(
        table(
          ["coding", "code", "coder", "lost quote"],
          orphans.map((c) => [c.id, names.get(c.codeId), c.coder, c.anchor.exact]),
        ),
      );
    });
  });
}
