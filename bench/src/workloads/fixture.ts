/**
 * The coded project W3 and W4 run against: the feedback already imported, plus interviews, a
 * codebook and codings at the size's density. Interviews and codes go through the API; the
 * codings are bulk-written through the dialect's fast insert, because applying 10⁶ of them one by
 * one would take longer than the whole bench, and W3 measures that path on its own.
 */
import { describeRange, newId } from "@quire/core";
import { createCode, importSources, mutate, type Store } from "@quire/db";
import { ACTOR, type BenchContext, seedFor } from "../context.js";
import { codebook } from "../generators/codebook.js";
import { interviewInputs } from "../generators/interviews.js";
import { progress, throttled } from "../measure.js";
import { Prng, WeightedPicker } from "../prng.js";

export interface CodedProject {
  codeIds: string[];
  codings: number;
  sources: number;
  /** A seeded sample of sources to apply codings to in W3. */
  sample: { sourceId: string; length: number }[];
}

const CODERS = ["coder-a", "coder-b", "coder-c"];

const CODING_COLUMNS = [
  { name: "id", pgType: "text" },
  { name: "project_id", pgType: "text" },
  { name: "source_id", pgType: "text" },
  { name: "code_id", pgType: "text" },
  { name: "revision_id", pgType: "text" },
  { name: "source_position", pgType: "integer" },
  { name: "start_pos", pgType: "integer" },
  { name: "end_pos", pgType: "integer" },
  { name: "exact", pgType: "text" },
  { name: "prefix", pgType: "text" },
  { name: "suffix", pgType: "text" },
  { name: "status", pgType: "text" },
  { name: "score", pgType: "double precision" },
  { name: "coder", pgType: "text" },
  { name: "memo", pgType: "text" },
  { name: "created_at", pgType: "text" },
] as const;

const PAGE = 2_000;
const SAMPLE = 500;

export async function buildCodedProject(
  store: Store,
  projectId: string,
  context: BenchContext,
): Promise<CodedProject> {
  const { preset, options, vocabulary } = context;
  progress(`importing ${preset.interviews} interviews`);
  await mutate(store, { projectId, actor: ACTOR, action: "source.import" }, async (m) => {
    const result = await importSources(
      m,
      interviewInputs(vocabulary, preset.interviews, seedFor(options, "interviews")),
    );
    m.summary = `imported ${result.sources} interviews`;
  });

  progress(`creating a codebook of ${preset.codes} codes`);
  const specs = codebook(vocabulary, preset.codes, seedFor(options, "codebook"));
  const codeIds: string[] = [];
  await mutate(store, { projectId, actor: ACTOR, action: "code.create" }, async (m) => {
    for (const spec of specs) {
      const parentId = spec.parent === null ? null : (codeIds[spec.parent] ?? null);
      codeIds.push((await createCode(m, { name: spec.name, parentId })).id);
    }
    m.summary = `created ${specs.length} codes`;
  });

  // Some codes are used far more than others, as in any real codebook.
  const prng = new Prng(seedFor(options, "codings"));
  const codePicker = new WeightedPicker(
    codeIds,
    codeIds.map((_, rank) => 1 / (rank + 1) ** 0.8),
  );
  const used = new Set<string>();
  const sample: CodedProject["sample"] = [];
  let codings = 0;
  let sources = 0;
  const createdAt = new Date().toISOString();
  const report = throttled("coding sources", preset.comments + preset.interviews);
  await mutate(store, { projectId, actor: ACTOR, action: "coding.bulk" }, async (m) => {
    let lastSeq = -1;
    for (;;) {
      const page = await m.db
        .selectFrom("sources as s")
        .innerJoin("sourceRevisions as r", "r.id", "s.currentRevisionId")
        .select(["s.seq", "s.id", "s.kind", "s.position", "r.id as revisionId", "r.text"])
        .where("s.projectId", "=", projectId)
        .where("s.seq", ">", lastSeq)
        .orderBy("s.seq")
        .limit(PAGE)
        .execute();
      if (page.length === 0) break;
      lastSeq = Number(page[page.length - 1]?.seq);
      const rows: unknown[][] = [];
      for (const source of page) {
        sources++;
        const text = source.text;
        // Reservoir sampling keeps an even sample whatever the number of sources.
        if (sample.length < SAMPLE) sample.push({ sourceId: source.id, length: text.length });
        else {
          const slot = prng.int(0, sources - 1);
          if (slot < SAMPLE) sample[slot] = { sourceId: source.id, length: text.length };
        }
        const words = [...text.matchAll(/\S+/g)];
        if (words.length === 0) continue;
        const density =
          source.kind === "interview"
            ? (words.length / 100) * preset.codingsPer100Words
            : preset.codingsPerComment;
        const count = Math.floor(density) + (prng.next() < density - Math.floor(density) ? 1 : 0);
        for (let index = 0; index < count; index++) {
          const first = prng.int(0, words.length - 1);
          const span = source.kind === "interview" ? prng.int(5, 60) : prng.int(2, 25);
          const last = Math.min(words.length - 1, first + span);
          const startMatch = words[first];
          const endMatch = words[last];
          if (!startMatch || !endMatch) continue;
          const start = startMatch.index;
          const end = endMatch.index + endMatch[0].length;
          const codeId = codePicker.pick(prng);
          used.add(codeId);
          const quote = describeRange(text, start, end);
          rows.push([
            newId(),
            projectId,
            source.id,
            codeId,
            source.revisionId,
            source.position,
            start,
            end,
            quote.exact,
            quote.prefix,
            quote.suffix,
            "anchored",
            1,
            prng.pick(CODERS),
            null,
            createdAt,
          ]);
        }
      }
      await m.dialect.bulkInsert(m.db, "codings", CODING_COLUMNS, rows);
      codings += rows.length;
      report(sources);
    }
    m.summary = `coded the bench corpus with ${codings} codings`;
  });
  progress(`${codings.toLocaleString("en")} codings over ${sources.toLocaleString("en")} sources`);
  return { codeIds: codeIds.filter((id) => used.has(id)), codings, sources, sample };
}
