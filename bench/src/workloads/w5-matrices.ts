/**
 * W5: the code × attribute crosstab (by the feedback's `site`) and code co-occurrence (overlapping
 * ranges) over the whole coded project, each as the CLI runs it: the SQL counts from `@quire/db`
 * and the layout from `@quire/analysis`. Targets at 10⁶ codings and 300 codes: ≤ 200 ms and ≤ 500 ms.
 *
 * The matrices are kept between reads (`matrix-tallies.ts` in `@quire/db`), so each is measured
 * three ways: the first read, which builds the tallies from every coding; a read with nothing
 * changed since; and a read just after one new coding, as when a researcher codes a passage and
 * looks at the matrix again (the coding's time is not counted). Each figure but the first is the
 * median of a few runs. The ratio is to a floor measured in the same run on the same store: one
 * pass over every live coding, counted per code through the live index — what counting from the
 * codings must at least read, so the ratio says how many such passes each costs.
 */
import { buildCooccurrence, buildCrosstab } from "@quire/analysis";
import { addCoding, countCooccurrences, countCrosstab, mutate, type Store } from "@quire/db";
import { sql } from "kysely";
import { ACTOR, type BenchContext, seedFor } from "../context.js";
import { median, now, progress } from "../measure.js";
import type { Backend } from "../options.js";
import { Prng } from "../prng.js";
import { formatMs, formatRatio, type ResultRow } from "../report.js";
import type { CodedProject } from "./fixture.js";

const RUNS = 5;

async function timedOnce<T>(work: () => Promise<T>): Promise<{ time: number; result: T }> {
  const start = now();
  const result = await work();
  return { time: now() - start, result };
}

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
  const crosstabOnce = async () => {
    const { counts, groupSizes } = await countCrosstab(store, projectId, "site");
    return buildCrosstab("site", counts, groupSizes);
  };
  const cooccurrenceOnce = async () => {
    const { counts, spread } = await countCooccurrences(store, projectId, { rule: "overlap" });
    return buildCooccurrence(counts, spread);
  };
  progress(`${backend}: W5 first reads, building the tallies`);
  const crosstabFirst = await timedOnce(crosstabOnce);
  const cooccurrenceFirst = await timedOnce(cooccurrenceOnce);
  progress(`${backend}: W5 crosstab by site`);
  const crosstab = await timed(crosstabOnce);
  progress(`${backend}: W5 co-occurrence by overlap`);
  const cooccurrence = await timed(cooccurrenceOnce);
  progress(`${backend}: W5 reads after one new coding`);
  const prng = new Prng(seedFor(context.options, "changes"));
  const addOneCoding = async () => {
    const source = prng.pick(project.sample.filter((sample) => sample.length >= 4));
    const start = prng.int(0, source.length - 3);
    const end = Math.min(source.length, start + prng.int(2, 80));
    await mutate(store, { projectId, actor: ACTOR, action: "coding.add" }, (m) =>
      addCoding(m, { sourceId: source.sourceId, codeId: prng.pick(project.codeIds), start, end }),
    );
  };
  const crosstabAfter: number[] = [];
  const cooccurrenceAfter: number[] = [];
  // What the triggers add to coding while the matrices are kept (W3 measures it without).
  const applies: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    applies.push((await timedOnce(addOneCoding)).time);
    crosstabAfter.push((await timedOnce(crosstabOnce)).time);
    applies.push((await timedOnce(addOneCoding)).time);
    cooccurrenceAfter.push((await timedOnce(cooccurrenceOnce)).time);
  }
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
    row("W5 crosstab after one new coding", crosstabAfter, 200, {}),
    row("W5 crosstab first read, tallies built", [crosstabFirst.time], 200, {}),
    row("W5 co-occurrence (overlap)", cooccurrence.times, 500, {
      pairs: cooccurrence.result.length,
    }),
    row("W5 co-occurrence after one new coding", cooccurrenceAfter, 500, {}),
    row("W5 co-occurrence first read, tallies built", [cooccurrenceFirst.time], 500, {}),
    {
      ...row("W3 apply coding with the matrices kept", applies, 20, {}),
      target: "p95 ≤ 20 ms at 10⁶ (W3)",
      met: Math.max(...applies) <= 20,
    },
  ];
}
