/**
 * `quire framework`: the Framework Method — a versioned analytical framework of categories and
 * codes, the charting matrix (cases × codes) with summaries, quotes and flags, and its export.
 */
import { CHART_STATE_LABELS, QuireError } from "@quire/core";
import {
  addFrameworkCategory,
  addFrameworkCode,
  chartCell,
  findCase,
  findCode,
  getFramework,
  listFrameworkVersions,
} from "@quire/db";
import { exportProject, loadChartMatrix } from "@quire/io";
import { type GlobalOptions, withSession } from "../context.js";
import { type Output, table } from "../output.js";
import { change } from "./themes.js";

export async function frameworkShowCommand(
  location: string,
  options: GlobalOptions & { versions?: boolean },
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    if (options.versions) {
      const versions = await listFrameworkVersions(store, project.id);
      return out.result(versions, () =>
        out.line(
          table(
            ["version", "by", "at", "change"],
            versions.map((v) => [v.number, v.createdBy, v.createdAt, v.note]),
          ),
        ),
      );
    }
    const framework = await getFramework(store, project.id);
    out.result(framework, () => {
      if (!framework)
        return out.line("no framework yet (add a category with: quire framework add-category)");
      out.line(`${framework.name}, version ${framework.version}`);
      out.line(
        table(
          ["category", "index", "code", "origin", "definition"],
          framework.categories.flatMap((category) =>
            category.codes.map((code) => [
              category.name,
              code.abbreviation,
              code.name,
              code.origin,
              code.definition,
            ]),
          ),
        ),
      );
    });
  });
}

export async function frameworkAddCategoryCommand(
  location: string,
  name: string,
  options: GlobalOptions & { index?: string },
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const result = await change(session, "framework.category", async (m) => {
      const added = await addFrameworkCategory(m, {
        name,
        ...(options.index ? { abbreviation: options.index } : {}),
      });
      m.summary = `added framework category "${name}" (version ${added.version})`;
      return added;
    });
    out.result(result, () =>
      out.line(
        `added category "${name}" with its "Other" code; framework version ${result.version}`,
      ),
    );
  });
}

export async function frameworkAddCodeCommand(
  location: string,
  category: string,
  name: string,
  options: GlobalOptions & {
    index?: string;
    definition?: string;
    origin?: string;
    rationale?: string;
  },
  out: Output,
): Promise<void> {
  if (!options.index)
    throw new QuireError("invalid_input", "give the code an index or abbreviation with --index");
  const index = options.index;
  await withSession(location, options, async (session) => {
    const result = await change(
      session,
      "framework.code",
      async (m) => {
        const added = await addFrameworkCode(m, {
          category,
          name,
          abbreviation: index,
          ...(options.definition ? { definition: options.definition } : {}),
          ...(options.origin ? { origin: options.origin } : {}),
        });
        m.summary = `added framework code "${name}" to "${category}" (version ${added.version})`;
        return added;
      },
      options.rationale,
    );
    out.result(result, () =>
      out.line(
        `added ${index} "${name}"; framework version ${result.version} (earlier transcripts may need re-indexing)`,
      ),
    );
  });
}

export async function frameworkChartCommand(
  location: string,
  caseRef: string,
  codeRef: string,
  options: GlobalOptions & { summary?: string; quote?: string[]; notDiscussed?: boolean },
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const { store, project } = session;
    const found = await findCase(store, project.id, caseRef);
    const code = await findCode(store, project.id, codeRef);
    const cell = await change(session, "framework.chart", async (m) => {
      const written = await chartCell(m, {
        caseId: found.id,
        codeId: code.id,
        ...(options.summary !== undefined ? { summary: options.summary } : {}),
        ...(options.quote?.length ? { quoteCodingIds: options.quote } : {}),
        ...(options.notDiscussed ? { state: "not_discussed" as const } : {}),
      });
      m.summary = `charted ${found.name} × ${code.name}`;
      return written;
    });
    out.result(cell, () => out.line(`charted ${found.name} × ${code.name}: ${cell.state}`));
  });
}

export async function frameworkMatrixCommand(
  location: string,
  options: GlobalOptions & { where?: string[]; sort?: string; desc?: boolean },
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    const matrix = await loadChartMatrix(store, project.id, {
      where: pairs(options.where ?? []),
      ...(options.sort
        ? { sort: { attribute: options.sort, direction: options.desc ? "desc" : "asc" } }
        : {}),
    });
    out.result(matrix, () => {
      const codes = matrix.columns.flatMap((column) => column.codes);
      out.line(
        table(
          ["case", ...codes.map((code) => code.abbreviation)],
          matrix.rows.map((row) => [
            row.caseName,
            ...row.cells.map((cell) =>
              cell.state === "charted"
                ? cell.summary
                : `${CHART_STATE_LABELS[cell.state]} ${cell.summary}`.trim(),
            ),
          ]),
          40,
        ),
      );
      out.line();
      out.line(
        Object.entries(matrix.counts)
          .map(([state, n]) => `${n} ${state.replaceAll("_", " ")}`)
          .join(", "),
      );
    });
  });
}

export async function frameworkExportCommand(
  location: string,
  options: GlobalOptions & {
    out?: string;
    grouped?: boolean;
    where?: string[];
    sort?: string;
    desc?: boolean;
  },
  out: Output,
): Promise<void> {
  if (!options.out) throw new QuireError("invalid_input", "name the file to write with --out");
  const path = options.out;
  await withSession(location, options, async ({ store, project }) => {
    const report = await exportProject(store, project, "framework-xlsx", path, {
      layout: options.grouped ? "grouped" : "per-category",
      where: pairs(options.where ?? []),
      ...(options.sort
        ? { sort: { attribute: options.sort, direction: options.desc ? "desc" : "asc" } }
        : {}),
    });
    out.result(report, (r) => out.line(`wrote the matrix (${r.counts.cases} cases) to ${r.path}`));
  });
}

/** `name=value` pairs as a filter. */
export function pairs(raw: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of raw) {
    const at = pair.indexOf("=");
    if (at <= 0)
      throw new QuireError("invalid_input", `--where takes ATTRIBUTE=VALUE, not "${pair}"`);
    result[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return result;
}
