/**
 * `quire themes` and `quire phase`: reflexive thematic analysis — themes and subthemes over codes
 * with their central organising concept, definition and status, the thematic map and its
 * snapshots, the review of sources against themes, and the phase the analysis is in (RTA-1).
 */
import { themeNameWarnings } from "@quire/analysis";
import { QuireError, RTA_PHASES } from "@quire/core";
import {
  addMapEdge,
  createTheme,
  currentPhase,
  findCode,
  findTheme,
  linkThemeCode,
  listMapSnapshots,
  listPhaseLog,
  listThemes,
  type Mutation,
  mutate,
  restoreMapSnapshot,
  setPhase,
  snapshotMap,
  unlinkThemeCode,
  updateTheme,
} from "@quire/db";
import { loadThematicMap, loadThemeReview } from "@quire/io";
import { type GlobalOptions, type Session, withSession } from "../context.js";
import { type Output, table } from "../output.js";

/** Runs `work` as one mutation of the session's project. */
export function change<T>(
  session: Session,
  action: string,
  work: (m: Mutation) => Promise<T>,
  rationale?: string,
): Promise<T> {
  return mutate(
    session.store,
    { projectId: session.project.id, actor: session.actor, action, rationale: rationale ?? null },
    work,
  );
}

export interface ThemeAddOptions extends GlobalOptions {
  concept?: string;
  definition?: string;
  parent?: string;
  misc?: boolean;
}

export async function themesAddCommand(
  location: string,
  name: string,
  options: ThemeAddOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const parentId = options.parent
      ? (await findTheme(session.store, session.project.id, options.parent)).id
      : null;
    const theme = await change(session, "theme.create", async (m) => {
      const made = await createTheme(m, {
        name,
        parentId,
        isMisc: Boolean(options.misc),
        ...(options.concept ? { concept: options.concept } : {}),
        ...(options.definition ? { definition: options.definition } : {}),
      });
      m.summary = `created ${parentId ? "subtheme" : "theme"} "${made.name}"`;
      return made;
    });
    const warnings = options.misc ? [] : themeNameWarnings(theme.name);
    out.result({ theme, warnings }, () => {
      out.line(`created ${parentId ? "subtheme" : "theme"} "${theme.name}" (candidate)`);
      for (const warning of warnings) out.note(`note: ${warning.message}`);
    });
  });
}

export interface ThemeDefineOptions extends GlobalOptions {
  name?: string;
  concept?: string;
  definition?: string;
  rationale?: string;
}

export async function themesDefineCommand(
  location: string,
  ref: string,
  options: ThemeDefineOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const found = await findTheme(session.store, session.project.id, ref);
    const theme = await change(
      session,
      options.name ? "theme.rename" : "theme.define",
      async (m) => {
        const changed = await updateTheme(m, found.id, {
          ...(options.name ? { name: options.name } : {}),
          ...(options.concept !== undefined ? { concept: options.concept } : {}),
          ...(options.definition !== undefined ? { definition: options.definition } : {}),
        });
        m.summary = options.name
          ? `renamed theme "${found.name}" to "${changed.name}"`
          : `defined theme "${changed.name}"`;
        return changed;
      },
      options.rationale,
    );
    const warnings = theme.isMisc ? [] : themeNameWarnings(theme.name);
    out.result({ theme, warnings }, () => {
      out.line(`theme "${theme.name}": ${theme.concept || "(no concept yet)"}`);
      for (const warning of warnings) out.note(`note: ${warning.message}`);
    });
  });
}

export async function themesStatusCommand(
  location: string,
  ref: string,
  status: string,
  options: GlobalOptions & { rationale?: string },
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const found = await findTheme(session.store, session.project.id, ref);
    const theme = await change(
      session,
      status === "discarded" ? "theme.discard" : "theme.status",
      async (m) => {
        const changed = await updateTheme(m, found.id, { status });
        m.summary = `marked theme "${changed.name}" ${status}`;
        return changed;
      },
      options.rationale,
    );
    out.result(theme, () => out.line(`theme "${theme.name}" is ${theme.status}`));
  });
}

export async function themesLinkCommand(
  location: string,
  ref: string,
  codes: string[],
  options: GlobalOptions & { unlink?: boolean },
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const theme = await findTheme(session.store, session.project.id, ref);
    const found: { id: string; name: string }[] = [];
    for (const code of codes) found.push(await findCode(session.store, session.project.id, code));
    await change(session, options.unlink ? "theme.unlink" : "theme.link", async (m) => {
      for (const code of found)
        await (options.unlink ? unlinkThemeCode : linkThemeCode)(m, theme.id, code.id);
      m.summary = `${options.unlink ? "unlinked" : "linked"} ${found.map((c) => `"${c.name}"`).join(", ")} ${options.unlink ? "from" : "to"} theme "${theme.name}"`;
    });
    out.result({ theme: theme.id, codes: found.map((c) => c.id) }, () =>
      out.line(
        `${options.unlink ? "unlinked" : "linked"} ${found.length} code${found.length === 1 ? "" : "s"} ${options.unlink ? "from" : "to"} "${theme.name}"`,
      ),
    );
  });
}

export async function themesListCommand(
  location: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    const themes = await listThemes(store, project.id);
    const withWarnings = themes.map((theme) => ({
      ...theme,
      warnings: theme.isMisc ? [] : themeNameWarnings(theme.name),
    }));
    out.result(withWarnings, () => {
      if (themes.length === 0) return out.line("no themes yet (add one with: quire themes add)");
      const names = new Map(themes.map((t) => [t.id, t.name]));
      out.line(
        table(
          ["theme", "status", "codes", "concept", "note"],
          withWarnings.map((t) => [
            t.parentId
              ? `  ${t.name} (in ${names.get(t.parentId)})`
              : t.isMisc
                ? `${t.name} [miscellaneous]`
                : t.name,
            t.status,
            t.codeIds.length,
            t.concept,
            t.warnings.length > 0 ? "reads like a topic summary" : "",
          ]),
        ),
      );
    });
  });
}

export async function themesReviewCommand(
  location: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    const review = await loadThemeReview(store, project.id);
    out.result(review, () => {
      out.line(
        table(
          ["source", ...review.themes.map((t) => t.name), ""],
          review.rows.map((row) => [
            row.title,
            ...row.cells.map((cell) => cell.passages.length || ""),
            row.contributes ? "" : "← contributes to no theme",
          ]),
          30,
        ),
      );
      out.line();
      out.line(
        review.unassignedCodes.length === 0
          ? "every code belongs to a theme"
          : `codes in no theme: ${review.unassignedCodes.map((c) => c.name).join(", ")}`,
      );
    });
  });
}

export async function themesMapCommand(
  location: string,
  options: GlobalOptions & { edge?: string[]; label?: string },
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    if (options.edge && options.edge.length > 0) {
      const [from, to] = await Promise.all(options.edge.map((ref) => nodeOf(session, ref)));
      if (!from || !to || options.edge.length !== 2)
        throw new QuireError("invalid_input", "--edge takes two nodes: --edge THEME --edge CODE");
      await change(session, "map.edge", async (m) => {
        await addMapEdge(m, from, to, options.label ?? "");
        m.summary = `drew a map edge${options.label ? ` "${options.label}"` : ""}`;
      });
    }
    const map = await loadThematicMap(session.store, session.project.id);
    const labels = new Map(map.nodes.map((node) => [node.id, node.label]));
    out.result(map, () => {
      for (const edge of map.edges)
        out.line(
          `${labels.get(edge.from)} —${edge.label ? ` ${edge.label} ` : ""}→ ${labels.get(edge.to)} (${edge.kind})`,
        );
    });
  });
}

export async function themesSnapshotCommand(
  location: string,
  name: string,
  options: GlobalOptions & { phase?: string },
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const graph = await loadThematicMap(session.store, session.project.id);
    const snapshot = await change(session, "map.snapshot", async (m) => {
      const taken = await snapshotMap(m, {
        name,
        graph,
        ...(options.phase ? { phase: Number(options.phase) } : {}),
      });
      m.summary = `took map snapshot "${taken.name}"`;
      return taken;
    });
    out.result(snapshot, () => out.line(`map snapshot "${snapshot.name}" taken`));
  });
}

export async function themesSnapshotsCommand(
  location: string,
  options: GlobalOptions & { restore?: string },
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    if (options.restore) {
      const ref = options.restore;
      await change(session, "map.restore", async (m) => {
        const restored = await restoreMapSnapshot(m, ref);
        m.summary = `restored the map from snapshot "${restored.name}"`;
      });
    }
    const snapshots = await listMapSnapshots(session.store, session.project.id);
    out.result(snapshots, () => {
      if (options.restore) out.line(`restored the map from "${options.restore}"`);
      out.line(
        table(
          ["snapshot", "phase", "by", "at"],
          snapshots.map((s) => [s.name, s.phase ?? "", s.createdBy, s.createdAt]),
        ),
      );
    });
  });
}

export async function phaseCommand(
  location: string,
  action: string | undefined,
  value: string | undefined,
  options: GlobalOptions & { rationale?: string },
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    if (action !== undefined) {
      if (action !== "set" || value === undefined)
        throw new QuireError("invalid_input", 'use "quire phase STUDY set N --rationale TEXT"');
      const phase = Number(value);
      await change(
        session,
        "phase.set",
        async (m) => {
          const entry = await setPhase(m, phase, options.rationale ?? "");
          m.summary = `moved to phase ${entry.phase} (${RTA_PHASES[entry.phase - 1]?.name})`;
        },
        options.rationale,
      );
    }
    const phase = await currentPhase(session.store, session.project.id);
    const log = await listPhaseLog(session.store, session.project.id);
    out.result({ phase, name: phase ? RTA_PHASES[phase - 1]?.name : null, log }, () => {
      out.line(phase ? `phase ${phase}: ${RTA_PHASES[phase - 1]?.name}` : "no phase set yet");
      for (const entry of log)
        out.line(
          `  ${entry.at.slice(0, 16)} ${entry.previousPhase ?? "–"} → ${entry.phase} by ${entry.actor}: ${entry.rationale}`,
        );
    });
  });
}

/** A map node from a theme or code name: themes first. */
async function nodeOf(session: Session, ref: string): Promise<string> {
  try {
    return `theme:${(await findTheme(session.store, session.project.id, ref)).id}`;
  } catch {
    return `code:${(await findCode(session.store, session.project.id, ref)).id}`;
  }
}
