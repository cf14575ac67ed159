/**
 * `quire stc`: systematic text condensation (Malterud 2012) — preliminary themes, code groups,
 * subgroups, meaning units, condensates (always shown labelled as artificial), illustrative quotes,
 * analytic texts, the re-reading checklist and grid, and the results export.
 */
import { presentCondensate, QuireError } from "@quire/core";
import {
  addCodeGroup,
  addIllustrativeQuote,
  addStcTheme,
  addSubgroup,
  checkReading,
  codedPassages,
  findCode,
  findSource,
  getStcOutline,
  placeMeaningUnit,
  removeCodeGroup,
  removeMeaningUnit,
  removeStcTheme,
  removeSubgroup,
  renameCodeGroup,
  renameStcTheme,
  renameSubgroup,
  writeAnalyticText,
  writeCondensate,
} from "@quire/db";
import { exportProject, loadReadingGrid } from "@quire/io";
import { type GlobalOptions, withSession } from "../context.js";
import { type Output, table } from "../output.js";
import { change } from "./themes.js";

/** `quire stc theme|group|subgroup NAME`: the outline's containers. */
export async function stcAddCommand(
  location: string,
  level: "theme" | "group" | "subgroup",
  name: string,
  options: GlobalOptions & { theme?: string; group?: string },
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const made = await change(session, `stc.${level}`, async (m) => {
      m.summary = `added STC ${level} "${name}"`;
      if (level === "theme") return addStcTheme(m, name);
      if (level === "group") return addCodeGroup(m, name, options.theme ?? null);
      if (!options.group)
        throw new QuireError("invalid_input", "name the subgroup's code group with --group");
      return addSubgroup(m, options.group, name);
    });
    out.result(made, () => out.line(`added ${level} "${made.name}"`));
  });
}

/** `quire stc rename STORE theme|group|subgroup NAME NEW-NAME`. */
export async function stcRenameCommand(
  location: string,
  level: string,
  name: string,
  newName: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  if (level !== "theme" && level !== "group" && level !== "subgroup")
    throw new QuireError("invalid_input", `rename a theme, group or subgroup, not "${level}"`);
  await withSession(location, options, async (session) => {
    const renamed = await change(session, `stc.${level}.rename`, async (m) => {
      m.summary = `renamed STC ${level} "${name}" to "${newName}"`;
      if (level === "theme") return renameStcTheme(m, name, newName);
      if (level === "group") return renameCodeGroup(m, name, newName);
      return renameSubgroup(m, name, newName);
    });
    out.result(renamed, () => out.line(`renamed ${level} "${name}" to "${renamed.name}"`));
  });
}

/** `quire stc remove STORE theme|group|subgroup|unit NAME-OR-ID`: undoable with `quire undo`. */
export async function stcRemoveCommand(
  location: string,
  level: string,
  ref: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  if (level !== "theme" && level !== "group" && level !== "subgroup" && level !== "unit")
    throw new QuireError(
      "invalid_input",
      `remove a theme, group, subgroup or unit, not "${level}"`,
    );
  await withSession(location, options, async (session) => {
    const removed = await change(session, `stc.${level}.remove`, async (m) => {
      m.summary = `removed STC ${level} "${ref}"`;
      if (level === "theme") {
        const done = await removeStcTheme(m, ref);
        return {
          ...done,
          message: `removed theme "${done.name}"; ${done.unplaced} code groups now under no theme`,
        };
      }
      if (level === "group") {
        const done = await removeCodeGroup(m, ref);
        return { ...done, message: `removed code group "${done.name}"` };
      }
      if (level === "subgroup") {
        const done = await removeSubgroup(m, ref);
        return {
          ...done,
          message: `removed subgroup "${done.name}"; ${done.unsorted} meaning units back to unsorted`,
        };
      }
      const done = await removeMeaningUnit(m, ref);
      return { ...done, message: `removed meaning unit ${done.id}` };
    });
    const { message, ...result } = removed;
    out.result({ level, ...result }, () => out.line(`${message} (quire undo restores it)`));
  });
}

/** `quire stc unit`: places codings (by id, or every passage of a code) as meaning units. */
export async function stcUnitCommand(
  location: string,
  options: GlobalOptions & { coding?: string[]; code?: string; group?: string; subgroup?: string },
  out: Output,
): Promise<void> {
  if (!options.group) throw new QuireError("invalid_input", "name the code group with --group");
  const group = options.group;
  await withSession(location, options, async (session) => {
    const ids = [...(options.coding ?? [])];
    if (options.code) {
      const code = await findCode(session.store, session.project.id, options.code);
      for (const passage of await codedPassages(session.store, session.project.id, [code.id]))
        ids.push(passage.codingId);
    }
    if (ids.length === 0)
      throw new QuireError("invalid_input", "give --coding ID (repeatable) or --code NAME");
    const placed = await change(session, "stc.unit", async (m) => {
      const units = [];
      for (const codingId of ids)
        units.push(
          await placeMeaningUnit(m, {
            codingId,
            codeGroup: group,
            subgroup: options.subgroup ?? null,
          }),
        );
      m.summary = `placed ${units.length} meaning unit${units.length === 1 ? "" : "s"} in "${group}"`;
      return units;
    });
    out.result(placed, () =>
      out.line(
        `placed ${placed.length} meaning units in "${group}"${options.subgroup ? ` / "${options.subgroup}"` : ""}`,
      ),
    );
  });
}

export async function stcCondenseCommand(
  location: string,
  subgroup: string,
  text: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const condensate = await change(session, "stc.condense", async (m) => {
      const written = await writeCondensate(m, { subgroup, text });
      m.summary = `wrote the condensate of "${subgroup}"`;
      return written;
    });
    const shown = presentCondensate(condensate);
    out.result({ ...condensate, ...shown }, () => out.line(shown.text));
  });
}

export async function stcQuoteCommand(
  location: string,
  subgroup: string,
  options: GlobalOptions & { coding?: string },
  out: Output,
): Promise<void> {
  if (!options.coding)
    throw new QuireError("invalid_input", "name the quote's coding with --coding ID");
  const codingId = options.coding;
  await withSession(location, options, async (session) => {
    const quote = await change(session, "stc.quote", async (m) => {
      const chosen = await addIllustrativeQuote(m, { subgroup, codingId });
      m.summary = `chose an illustrative quote for "${subgroup}"`;
      return chosen;
    });
    out.result(quote, () => out.line(`chose the quote for "${subgroup}"`));
  });
}

export async function stcAnalysisCommand(
  location: string,
  group: string,
  text: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    await change(session, "stc.analysis", async (m) => {
      await writeAnalyticText(m, group, text);
      m.summary = `wrote the analytic text of "${group}"`;
    });
    out.result({ group, text }, () => out.line(`wrote the analytic text of "${group}"`));
  });
}

export async function stcCheckCommand(
  location: string,
  sourceRef: string,
  options: GlobalOptions & { reread?: boolean; validated?: boolean; contradicting?: string },
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const source = await findSource(session.store, session.project.id, sourceRef);
    const check = await change(session, "stc.check", async (m) => {
      const written = await checkReading(m, {
        sourceId: source.id,
        ...(options.reread ? { reread: true } : {}),
        ...(options.validated ? { validated: true } : {}),
        ...(options.contradicting !== undefined ? { contradicting: options.contradicting } : {}),
      });
      m.summary = `re-reading check of "${source.title}"`;
      return written;
    });
    out.result(check, () =>
      out.line(
        `"${source.title}": re-read ${check.reread ? "yes" : "no"}, validated ${check.validated ? "yes" : "no"}`,
      ),
    );
  });
}

export async function stcShowCommand(
  location: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    const outline = await getStcOutline(store, project.id);
    // Condensates leave only labelled, whatever the output.
    const shown = {
      themes: outline.themes,
      codeGroups: outline.codeGroups.map((group) => ({
        ...group,
        subgroups: group.subgroups.map(({ condensate, ...subgroup }) => ({
          ...subgroup,
          condensate: condensate ? { ...condensate, ...presentCondensate(condensate) } : null,
        })),
      })),
    };
    out.result(shown, () => {
      for (const group of shown.codeGroups) {
        out.line(`${group.name}`);
        for (const subgroup of group.subgroups) {
          out.line(`  ${subgroup.name} (${subgroup.units.length} meaning units)`);
          if (subgroup.condensate) out.line(`    ${subgroup.condensate.text}`);
          for (const quote of subgroup.quotes)
            out.line(`    “${quote.text}” (${quote.sourceTitle})`);
        }
        if (group.unsorted.length > 0)
          out.line(`  (${group.unsorted.length} meaning units not in a subgroup)`);
      }
    });
  });
}

export async function stcGridCommand(
  location: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    const grid = await loadReadingGrid(store, project.id);
    out.result(grid, () =>
      out.line(
        table(
          [
            "source",
            ...grid.codeGroups.map((g) => g.name),
            "re-read",
            "validated",
            "contradicting",
          ],
          grid.rows.map((row) => [
            row.title,
            ...row.units,
            row.reread ? "yes" : "",
            row.validated ? "yes" : "",
            row.contradicting,
          ]),
          30,
        ),
      ),
    );
  });
}

export async function stcExportCommand(
  location: string,
  options: GlobalOptions & { out?: string },
  out: Output,
): Promise<void> {
  if (!options.out) throw new QuireError("invalid_input", "name the file to write with --out");
  const path = options.out;
  await withSession(location, options, async ({ store, project }) => {
    const report = await exportProject(store, project, "stc-results", path);
    out.result(report, (r) => out.line(`wrote ${r.counts.codeGroups} code groups to ${r.path}`));
  });
}
