/**
 * `quire matrix`: code × attribute crosstab (n/N cases and passages per group, with an "only in
 * this group" view and its counter-cases, and drill-down to the passages), the code × case matrix,
 * and code co-occurrence. All counts are descriptive.
 */
import {
  buildCooccurrence,
  buildCrosstab,
  type CaseWithCode,
  codeCaseMatrix,
  compareGroup,
  counterCases,
  type GroupComparison,
} from "@quire/analysis";
import { codePaths, QuireError } from "@quire/core";
import {
  casesWithCode,
  countCodeCases,
  countCooccurrences,
  countCrosstab,
  findCode,
  listCases,
  listCodes,
  runCodeQuery,
} from "@quire/db";
import { type GlobalOptions, withSession } from "../context.js";
import { type Output, table } from "../output.js";
import { visibleCoder } from "./blind-scope.js";
import { count } from "./segments.js";

export interface MatrixOptions extends GlobalOptions {
  attribute?: string;
  code: string[];
  only?: string;
  drill?: string;
  byCoder?: string;
  kind: string[];
  jaccard?: boolean;
  sameTurn?: boolean;
  limit?: string;
}

const VIEWS = ["crosstab", "cases", "cooccurrence"] as const;

export async function matrixCommand(
  location: string,
  view: string,
  options: MatrixOptions,
  out: Output,
): Promise<void> {
  if (!(VIEWS as readonly string[]).includes(view))
    throw new QuireError(
      "invalid_input",
      `matrix takes crosstab, cases or cooccurrence, not "${view}"`,
    );
  await withSession(location, options, async (session) => {
    const { store, project } = session;
    const coder = visibleCoder(session, options.byCoder);
    const codes = await listCodes(store, project.id);
    const paths = codePaths(codes);
    const label = (id: string) => paths.get(id as never) ?? id;
    const chosen =
      options.code.length > 0
        ? await Promise.all(
            options.code.map(async (ref) => (await findCode(store, project.id, ref)).id as string),
          )
        : undefined;
    const filter = {
      ...(chosen ? { codeIds: chosen } : {}),
      ...(coder ? { coder } : {}),
      ...(options.kind.length > 0 ? { sourceKinds: options.kind } : {}),
    };
    const dash = (value: string | null) => value ?? "(no value)";

    if (view === "crosstab") {
      const attribute = options.attribute;
      if (!attribute) throw new QuireError("invalid_input", "crosstab needs --attribute NAME");
      const { counts, groupSizes } = await countCrosstab(store, project.id, attribute, filter);
      const ids =
        chosen ??
        codes.map((c) => c.id as string).filter((id) => counts.some((c) => c.codeId === id));
      const crosstab = buildCrosstab(attribute, counts, groupSizes, ids);
      if (options.drill !== undefined) {
        if (!chosen) throw new QuireError("invalid_input", "--drill needs the --code to show");
        const answer = await runCodeQuery(
          store,
          project.id,
          {
            codes: chosen,
            where: { [attribute]: options.drill },
            ...(filter.coder ? { coder: filter.coder } : {}),
            ...(filter.sourceKinds ? { sourceKinds: filter.sourceKinds } : {}),
          },
          { limit: count(options.limit, "--limit", 50), context: 80 },
        );
        out.result({ attribute, group: options.drill, ...answer }, () => {
          out.line(
            `${answer.total} passages of ${chosen.map(label).join(", ")} in ${attribute}=${options.drill}`,
          );
          for (const hit of answer.segments) {
            out.line();
            out.line(
              `— ${hit.caseName ?? "(no case)"} · ${hit.sourceTitle} ${hit.start}:${hit.end} · ${label(hit.codeId)}`,
            );
            out.line(
              `  …${hit.before.replace(/\s+/g, " ")}[${hit.text.replace(/\s+/g, " ")}]${hit.after.replace(/\s+/g, " ")}…`,
            );
          }
        });
        return;
      }
      if (options.only !== undefined) {
        const group = options.only;
        if (!crosstab.groups.some((g) => g.group === group))
          throw new QuireError("not_found", `no case has ${attribute}=${group}`);
        const comparison: (GroupComparison & { code: string; counterCases: CaseWithCode[] })[] = [];
        for (const row of compareGroup(crosstab, group)) {
          const counter = row.onlyHere
            ? []
            : counterCases(
                await casesWithCode(store, project.id, row.codeId, attribute, filter),
                group,
              );
          comparison.push({ ...row, code: label(row.codeId), counterCases: counter });
        }
        out.result({ attribute, group, descriptive: true, codes: comparison }, () => {
          out.line(
            `codes in ${attribute}=${group} cases, and who else has them (descriptive counts)`,
          );
          out.line(
            table(
              ["code", `in ${group}`, "elsewhere", "only here?", "counter-cases"],
              comparison.map((c) => [
                c.code,
                `${c.inGroup.cases}/${c.inGroup.of}`,
                `${c.elsewhere.cases}/${c.elsewhere.of}`,
                c.onlyHere ? "yes" : "no",
                c.counterCases.map((k) => `${k.caseName} (${dash(k.group)})`).join(", "),
              ]),
              80,
            ),
          );
        });
        return;
      }
      out.result(
        {
          ...crosstab,
          descriptive: true,
          codes: crosstab.rows.map((r) => ({ codeId: r.codeId, code: label(r.codeId) })),
        },
        () => {
          out.line(
            `code × ${attribute}: cases with the code / cases in the group (passages); descriptive counts`,
          );
          out.line(
            table(
              ["code", ...crosstab.groups.map((g) => `${dash(g.group)} (N=${g.cases})`)],
              crosstab.rows.map((row) => [
                label(row.codeId),
                ...row.cells.map((cell) => `${cell.cases}/${cell.of} (${cell.segments})`),
              ]),
            ),
          );
        },
      );
      return;
    }

    if (view === "cases") {
      const counts = await countCodeCases(store, project.id, filter);
      const cases = (await listCases(store, project.id)).filter((c) =>
        counts.some((k) => k.caseId === c.id),
      );
      const matrix = codeCaseMatrix(counts, {
        ...(chosen
          ? { codeIds: chosen }
          : {
              codeIds: codes
                .map((c) => c.id as string)
                .filter((id) => counts.some((k) => k.codeId === id)),
            }),
        caseIds: cases.map((c) => c.id as string),
      });
      const names = new Map(cases.map((c) => [c.id as string, c.name]));
      out.result(
        {
          ...matrix,
          codes: matrix.codeIds.map(label),
          cases: matrix.caseIds.map((id) => names.get(id) ?? id),
        },
        () => {
          out.line("code × case: coded passages");
          out.line(
            table(
              ["code", ...matrix.caseIds.map((id) => names.get(id) ?? id)],
              matrix.codeIds.map((id, i) => [label(id), ...(matrix.cells[i] ?? [])]),
            ),
          );
        },
      );
      return;
    }

    const rule = options.sameTurn ? "turn" : "overlap";
    const { counts, spread } = await countCooccurrences(store, project.id, {
      rule,
      ...(filter.coder ? { coder: filter.coder } : {}),
      ...(filter.sourceKinds ? { sourceKinds: filter.sourceKinds } : {}),
    });
    let rows = buildCooccurrence(counts, spread);
    if (chosen) rows = rows.filter((r) => chosen.includes(r.codeA) || chosen.includes(r.codeB));
    const named = rows.map((r) => ({ ...r, a: label(r.codeA), b: label(r.codeB) }));
    out.result({ rule, pairs: named }, () => {
      out.line(
        rule === "turn"
          ? "co-occurrence: passages in the same speaker turn"
          : "co-occurrence: passages whose ranges overlap in the same source",
      );
      out.line(
        table(
          ["code A", "code B", "pairs", "sources", ...(options.jaccard ? ["Jaccard"] : [])],
          named.map((r) => [
            r.a,
            r.b,
            r.pairs,
            r.sources,
            ...(options.jaccard ? [r.jaccard === null ? "—" : r.jaccard.toFixed(3)] : []),
          ]),
        ),
      );
    });
  });
}
