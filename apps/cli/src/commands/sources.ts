/** `quire sources`: list the sources, or show one with its speaker turns. */
import { countSources, getSourceDetail, listCodings, listSources } from "@quire/db";
import { type GlobalOptions, withSession } from "../context.js";
import { type Output, table } from "../output.js";
import { count } from "./segments.js";

export async function sourcesListCommand(
  location: string,
  options: GlobalOptions & { kind?: string; limit?: string; offset?: string },
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    const total = await countSources(store, project.id);
    const sources = await listSources(store, project.id, {
      ...(options.kind ? { kind: options.kind as never } : {}),
      limit: count(options.limit, "--limit", 100),
      offset: count(options.offset, "--offset", 0),
    });
    out.result({ total, sources }, () => {
      out.line(
        table(
          ["title", "kind", "case", "characters", "codings"],
          sources.map((s) => [s.title, s.kind, s.caseName, s.length, s.codingCount]),
        ),
      );
      if (sources.length < total)
        out.line(`(${sources.length} of ${total}; see more with --offset)`);
    });
  });
}

export async function sourcesShowCommand(
  location: string,
  ref: string,
  options: GlobalOptions & { text?: boolean },
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    const detail = await getSourceDetail(store, project.id, ref);
    const codings = await listCodings(store, project.id, { sourceId: detail.source.id });
    out.result({ ...detail, codings }, () => {
      const { source, revision, turns } = detail;
      out.line(
        `${source.title} · ${source.kind} · revision ${revision.number} · ${revision.text.length} characters · ${codings.length} codings`,
      );
      if (turns.length === 0 || options.text) {
        out.line();
        out.line(revision.text);
        return;
      }
      out.line(`${turns.length} turns`);
      for (const turn of turns) {
        const time = turn.timeStart === null ? "" : ` [${formatTime(turn.timeStart)}]`;
        out.line();
        out.line(`${turn.speaker} (${turn.role})${time} ${turn.start}:${turn.end}`);
        out.line(`  ${revision.text.slice(turn.start, turn.end).replace(/\n+/g, " ")}`);
      }
    });
  });
}

function formatTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return [h, m, s].map((part) => String(part).padStart(2, "0")).join(":");
}
