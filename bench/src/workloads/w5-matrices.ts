/**
 * W5: the code × attribute crosstab (by the feedback's `site`) and code co-occurrence (overlapping
 * ranges) over the whole coded project, each as the CLI runs it: the SQL counts from `@quire/db`
 * and the layout from `@quire/analysis`. Targets at 10⁶ codings and 300 codes: ≤ 200 ms and ≤ 500 ms.
 * Each is run once untimed (the first run pays for reading the tables into the cache) and then
 * timed a few times; the figure is the median. The ratio is to a floor measured in the same run on
 * the same store: one pass over every live coding, counted per code through the live index —
 * what any exact answer must at least read, so the ratio says how many such passes each costs.
 */
import { buildCooccurrence, buildCrosstab } from "@quire/analysis";
import { countCooccurrences, countCrosstab, type Store } from "@quire/db";
import { sql } from "kysely";
import type { BenchContext } from "../context.js";
import { median, now, progress } from "../measure.js";
import type { Backend } from "../options.js";
import { formatMs, formatRatio, type ResultRow } from "../report.js";
import type { CodedProject } from "./fixture.js";

const RUNS = 5;

async function timed<T>(work: () => Promise<T>): Promise<{ times: number[]; result: T }> {
  let result = await work();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = now();
    result = await work();
    times.push(now() - start);
  }
  return { times, result };
}

export async function measureMatrices(
  store: Store,
  projectId: string,
  project: CodedProject,
  context: BenchContext,
  backend: Backend,
): Promise<ResultRow[]> {
  const size = context.options.size;
  const scale = `${project.codings.toLocaleString("en")} codings, ${project.codeIds.length} codes`;
  progress(`${backend}: W5 floor, one pass over the live codings`);
  const floor = await timed(async () => {
    const { rows } = await sql`SELECT code_id, count(*) AS n FROM codings
      WHERE project_id = ${projectId} AND status <> 'orphaned' GROUP BY code_id`.execute(store.db);
    return rows.length;
  });
  const floorMs = median(floor.times);
  progress(`${backend}: W5 crosstab by site`);
  const crosstab = await timed(async () => {
    const { counts, groupSizes } = await countCrosstab(store, projectId, "site");
    return buildCrosstab("site", counts, groupSizes);
  });
  progress(`${backend}: W5 co-occurrence by overlap`);
  const cooccurrence = await timed(async () => {
    const { counts, spread } = await countCooccurrences(store, projectId, { rule: "overlap" });
    return buildCooccurrence(counts, spread);
  });
  const row = (
    workload: string,
    times: number[],
    limit: number,
    values: Record<string, number>,
  ): ResultRow => {
    const value = median(times);
    return {
      workload: `${workload} (${scale})`,
      backend,
      size,
      figure: `median ${formatMs(value)} (min ${formatMs(Math.min(...times))}, max ${formatMs(Math.max(...times))})`,
      target: `≤ ${limit} ms at 10⁶`,
      met: value <= limit,
      ratio: formatRatio(value / floorMs, `one pass (${formatMs(floorMs)})`),
      values: {
        median: value,
        runs: times.length,
        codings: project.codings,
        onePassMs: floorMs,
        ...values,
      },
    };
  };
  return [
    row("W5 crosstab code × site", crosstab.times, 200, {
      rows: crosstab.result.rows.length,
      groups: crosstab.result.groups.length,
    }),
    row("W5 co-occurrence (overlap)", cooccurrence.times, 500, {
      pairs: cooccurrence.result.length,
    }),
  ];
}
