/** `quire codes`: the codebook — list, add, rename, move, merge, recolour and describe codes. */
import { QuireError } from "@quire/core";
import {
  createCode,
  findCode,
  listCodesWithCounts,
  mergeCodes,
  moveCode,
  mutate,
  renameCode,
  updateCodeStyle,
} from "@quire/db";
import { type GlobalOptions, withSession } from "../context.js";
import { type Output, table } from "../output.js";

export async function codesListCommand(
  location: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    const codes = await listCodesWithCounts(store, project.id);
    out.result(codes, () => {
      if (codes.length === 0)
        return out.line("the codebook is empty (add a code with: quire codes add)");
      out.line(
        table(
          ["code", "colour", "codings", "sources"],
          codes.map((code) => [
            `${"  ".repeat(code.depth)}${code.name}`,
            code.color,
            code.codingCount,
            code.sourceCount,
          ]),
        ),
      );
    });
  });
}

export interface CodeAddOptions extends GlobalOptions {
  parent?: string;
  color?: string;
  definition?: string;
  inclusion?: string;
  exclusion?: string;
  example?: string;
  origin?: string;
}

export async function codesAddCommand(
  location: string,
  name: string,
  options: CodeAddOptions,
  out: Output,
): Promise<void> {
  if (options.origin && options.origin !== "a_priori" && options.origin !== "inductive")
    throw new QuireError(
      "invalid_input",
      `--origin is a_priori or inductive, not "${options.origin}"`,
    );
  await withSession(location, options, async ({ store, project, actor }) => {
    const parent = options.parent ? await findCode(store, project.id, options.parent) : null;
    const code = await mutate(
      store,
      { projectId: project.id, actor, action: "code.create" },
      async (m) => {
        const created = await createCode(m, {
          name,
          parentId: parent?.id ?? null,
          ...(options.color ? { color: options.color } : {}),
          description: describe(options),
          ...(options.origin ? { origin: options.origin as "a_priori" | "inductive" } : {}),
        });
        m.summary = `created code "${created.name}"${parent ? ` under "${parent.name}"` : ""}`;
        return created;
      },
    );
    out.result(code, (c) =>
      out.line(`added code "${c.name}" (${c.color})${parent ? ` under "${parent.name}"` : ""}`),
    );
  });
}

function describe(options: CodeAddOptions) {
  const description: Record<string, string> = {};
  for (const key of ["definition", "inclusion", "exclusion", "example"] as const) {
    const value = options[key];
    if (value) description[key] = value;
  }
  return description;
}

export async function codesRenameCommand(
  location: string,
  ref: string,
  name: string,
  options: GlobalOptions,
  out: Output,
) {
  await withSession(location, options, async ({ store, project, actor }) => {
    const code = await findCode(store, project.id, ref);
    const renamed = await mutate(
      store,
      { projectId: project.id, actor, action: "code.rename" },
      async (m) => {
        const result = await renameCode(m, code.id, name);
        m.summary = `renamed code "${code.name}" to "${result.name}"`;
        return result;
      },
    );
    out.result(renamed, (c) => out.line(`renamed "${code.name}" to "${c.name}"`));
  });
}

export async function codesMoveCommand(
  location: string,
  ref: string,
  options: GlobalOptions & { to?: string; root?: boolean },
  out: Output,
) {
  if (!options.to && !options.root)
    throw new QuireError("invalid_input", "say where to: --to PARENT, or --root for the top level");
  await withSession(location, options, async ({ store, project, actor }) => {
    const code = await findCode(store, project.id, ref);
    const parent = options.to ? await findCode(store, project.id, options.to) : null;
    const moved = await mutate(
      store,
      { projectId: project.id, actor, action: "code.move" },
      async (m) => {
        const result = await moveCode(m, code.id, parent?.id ?? null);
        m.summary = `moved code "${code.name}" ${parent ? `under "${parent.name}"` : "to the top level"}`;
        return result;
      },
    );
    out.result(moved, () =>
      out.line(`moved "${code.name}" ${parent ? `under "${parent.name}"` : "to the top level"}`),
    );
  });
}

export async function codesMergeCommand(
  location: string,
  from: string,
  into: string,
  options: GlobalOptions & { rationale?: string },
  out: Output,
) {
  await withSession(location, options, async ({ store, project, actor }) => {
    const source = await findCode(store, project.id, from);
    const target = await findCode(store, project.id, into);
    const result = await mutate(
      store,
      { projectId: project.id, actor, action: "code.merge", rationale: options.rationale ?? null },
      async (m) => {
        const merged = await mergeCodes(m, source.id, target.id);
        m.summary = `merged code "${source.name}" into "${target.name}" (${merged.moved} codings moved)`;
        return merged;
      },
    );
    out.result(result, (r) =>
      out.line(
        `merged "${source.name}" into "${target.name}": ${r.moved} codings moved, ${r.duplicates} duplicates dropped`,
      ),
    );
  });
}

export async function codesStyleCommand(
  location: string,
  ref: string,
  options: GlobalOptions & Omit<CodeAddOptions, "parent">,
  out: Output,
) {
  await withSession(location, options, async ({ store, project, actor }) => {
    const code = await findCode(store, project.id, ref);
    const updated = await mutate(
      store,
      { projectId: project.id, actor, action: "code.update" },
      async (m) => {
        const result = await updateCodeStyle(m, code.id, {
          ...(options.color ? { color: options.color } : {}),
          description: describe(options),
          ...(options.origin ? { origin: options.origin as "a_priori" | "inductive" } : {}),
        });
        m.summary = `updated code "${code.name}"`;
        return result;
      },
    );
    out.result(updated, (c) => out.line(`updated "${c.name}" (${c.color})`));
  });
}
