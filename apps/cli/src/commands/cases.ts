/** `quire cases` and `quire attributes`: participants and the typed attributes that describe them. */
import { QuireError } from "@quire/core";
import {
  defineAttribute,
  ensureCase,
  findCase,
  listAttributes,
  listCases,
  mutate,
  setCaseAttribute,
} from "@quire/db";
import { type GlobalOptions, withSession } from "../context.js";
import { type Output, table } from "../output.js";
import { count, parseWhere } from "./segments.js";

export async function casesListCommand(
  location: string,
  options: GlobalOptions & { where?: string[]; limit?: string; offset?: string },
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    const attributes = await listAttributes(store, project.id);
    const cases = await listCases(store, project.id, {
      where: parseWhere(options.where ?? []),
      limit: count(options.limit, "--limit", 1000),
      offset: count(options.offset, "--offset", 0),
    });
    out.result(cases, () => {
      const names = attributes.map((attribute) => attribute.name);
      out.line(
        table(
          ["case", "kind", ...names],
          cases.map((c) => [c.name, c.kind, ...names.map((name) => c.attributes[name])]),
        ),
      );
    });
  });
}

export async function casesSetCommand(
  location: string,
  name: string,
  assignments: string[],
  options: GlobalOptions & { kind?: string },
  out: Output,
): Promise<void> {
  const values = parseWhere(assignments);
  if (Object.keys(values).length === 0)
    throw new QuireError("invalid_input", "give at least one ATTRIBUTE=VALUE");
  await withSession(location, options, async ({ store, project, actor }) => {
    const updated = await mutate(
      store,
      { projectId: project.id, actor, action: "case.update" },
      async (m) => {
        const target = await ensureCase(m, name, options.kind ?? "participant");
        for (const [attribute, raw] of Object.entries(values))
          await setCaseAttribute(m, target.id, attribute, raw);
        m.summary = `set ${Object.keys(values).join(", ")} of case "${name}"`;
        return target;
      },
    );
    const result = await findCase(store, project.id, updated.name);
    out.result(result, (c) =>
      out.line(
        `${c.name}: ${Object.entries(c.attributes)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")}`,
      ),
    );
  });
}

export async function attributesListCommand(
  location: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    const attributes = await listAttributes(store, project.id);
    out.result(attributes, () =>
      out.line(
        table(
          ["attribute", "type", "values"],
          attributes.map((a) => [a.name, a.type, a.allowedValues.join(", ")]),
        ),
      ),
    );
  });
}

export async function attributesAddCommand(
  location: string,
  name: string,
  options: GlobalOptions & { type?: string; values?: string },
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project, actor }) => {
    const definition = await mutate(
      store,
      { projectId: project.id, actor, action: "attribute.create" },
      async (m) => {
        const made = await defineAttribute(m, {
          name,
          type: options.type ?? (options.values ? "category" : "text"),
          ...(options.values
            ? {
                allowedValues: options.values
                  .split(",")
                  .map((v) => v.trim())
                  .filter(Boolean),
              }
            : {}),
        });
        m.summary = `declared attribute "${made.name}" (${made.type})`;
        return made;
      },
    );
    out.result(definition, (d) =>
      out.line(
        `attribute "${d.name}" (${d.type}${d.allowedValues.length ? `: ${d.allowedValues.join(", ")}` : ""})`,
      ),
    );
  });
}
