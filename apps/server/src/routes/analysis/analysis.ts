/**
 * The analysis views researchers look at rather than read: code frequencies (split by a case
 * attribute), the code × attribute crosstab with "only in group X" and the counter-cases that
 * contradict such a claim, code co-occurrence with Jaccard, and the saturation curve with Guest et
 * al.'s rule. SQL counts (`@quire/db` matrices) are laid out by `@quire/analysis`; while coders work
 * blind each coder's counts cover only their own codings, as every other view does.
 */
import { createRoute } from "@hono/zod-openapi";
import {
  buildCooccurrence,
  buildCrosstab,
  compareGroup,
  counterCases,
  guestSaturation,
  saturationCurve,
} from "@quire/analysis";
import {
  casesWithCode,
  countCodeCases,
  countCodeSpread,
  countCooccurrences,
  countCrosstab,
  listAttributes,
  listCodesWithCounts,
  runCodeQuery,
  type Store,
  sourceCodeSets,
} from "@quire/db";
import type { Context } from "hono";
import { type AppEnv, createRouter, useProject } from "../../context.js";
import { HttpError } from "../../errors.js";
import { errorResponses, jsonResponse, ProjectParams } from "../../schemas.js";
import { visibleCoder } from "../agreement/blind.js";
import {
  AttributeQuery,
  CooccurrenceQuery,
  CooccurrenceSchema,
  CrosstabQuery,
  CrosstabSchema,
  FrequenciesSchema,
  SaturationQuery,
  SaturationSchema,
} from "./schema.js";

const tags = ["analysis"];
/** Passages shown per counter-case: enough to check the claim, few enough to read. */
const PASSAGES_PER_CASE = 3;

const frequenciesRoute = createRoute({
  method: "get",
  path: "/projects/{key}/analysis/frequencies",
  tags,
  summary: "Per coded code: passages, sources and cases; per value of an attribute when given",
  request: { params: ProjectParams, query: AttributeQuery },
  responses: { 200: jsonResponse(FrequenciesSchema, "The counts"), ...errorResponses(400, 404) },
});
const crosstabRoute = createRoute({
  method: "get",
  path: "/projects/{key}/analysis/crosstab",
  tags,
  summary: "Code × attribute: cases with the code of the group's cases, and passages",
  description:
    "With `only`, also the codes the group's cases have, whether any other case has them, and " +
    "those counter-cases with a few of their passages.",
  request: { params: ProjectParams, query: CrosstabQuery },
  responses: { 200: jsonResponse(CrosstabSchema, "The table"), ...errorResponses(400, 404) },
});
const cooccurrenceRoute = createRoute({
  method: "get",
  path: "/projects/{key}/analysis/cooccurrence",
  tags,
  summary: "Pairs of codes whose passages overlap (or share a turn), with Jaccard over sources",
  request: { params: ProjectParams, query: CooccurrenceQuery },
  responses: { 200: jsonResponse(CooccurrenceSchema, "The pairs"), ...errorResponses(400, 404) },
});
const saturationRoute = createRoute({
  method: "get",
  path: "/projects/{key}/analysis/saturation",
  tags,
  summary: "New codes per source in collection order, and Guest et al. (2020) saturation",
  request: { params: ProjectParams, query: SaturationQuery },
  responses: { 200: jsonResponse(SaturationSchema, "The curve"), ...errorResponses(400, 404) },
});

/** The coder whose codings count, or undefined for everyone's. */
function countedCoder(c: Context<AppEnv>, open: Awaited<ReturnType<typeof useProject>>) {
  return visibleCoder(c, open) ?? undefined;
}

/** @throws HttpError `attribute_not_found` when the project declares no such attribute. */
async function requireAttribute(store: Store, projectId: string, name: string): Promise<void> {
  const declared = await listAttributes(store, projectId);
  if (!declared.some((attribute) => attribute.name === name))
    throw new HttpError(404, "attribute_not_found", `no attribute named "${name}"`);
}

interface CodeRef {
  codeId: string;
  name: string;
  path: string;
  color: string;
}

/** Names, paths and colours by code id, in codebook order. */
async function codeRefs(store: Store, projectId: string): Promise<Map<string, CodeRef>> {
  const codes = await listCodesWithCounts(store, projectId);
  return new Map<string, CodeRef>(
    codes.map((code) => [
      code.id,
      { codeId: code.id, name: code.name, path: code.path, color: code.color },
    ]),
  );
}

/** The analysis routes. */
export const analysisRoutes = createRouter()
  .openapi(frequenciesRoute, async (c) => {
    const { attribute } = c.req.valid("query");
    const open = await useProject(c);
    const { store, project } = open;
    const coder = countedCoder(c, open);
    if (attribute) await requireAttribute(store, project.id, attribute);
    const refs = await codeRefs(store, project.id);
    const spread = await countCodeSpread(store, project.id, { coder });
    const caseCounts = new Map<string, number>();
    for (const row of await countCodeCases(store, project.id, { coder }))
      caseCounts.set(row.codeId, (caseCounts.get(row.codeId) ?? 0) + 1);
    const split = attribute ? await countCrosstab(store, project.id, attribute, { coder }) : null;
    const crosstab = split ? buildCrosstab(attribute ?? "", split.counts, split.groupSizes) : null;
    const cellsOf = new Map(crosstab?.rows.map((row) => [row.codeId, row.cells]));
    const codes = spread
      .filter((row) => refs.has(row.codeId) && row.segments > 0)
      .map((row) => ({
        ...(refs.get(row.codeId) ?? { codeId: row.codeId, name: "", path: "", color: "" }),
        codings: row.segments,
        sources: row.sources,
        cases: caseCounts.get(row.codeId) ?? 0,
        byGroup: (crosstab?.groups ?? []).map(({ group }) => {
          const cell = cellsOf.get(row.codeId)?.find((candidate) => candidate.group === group);
          return { group, codings: cell?.segments ?? 0, cases: cell?.cases ?? 0 };
        }),
      }))
      .sort((a, b) => b.codings - a.codings || a.path.localeCompare(b.path));
    return c.json({ attribute: attribute ?? null, groups: crosstab?.groups ?? [], codes }, 200);
  })
  .openapi(crosstabRoute, async (c) => {
    const { attribute, only } = c.req.valid("query");
    const open = await useProject(c);
    const { store, project } = open;
    const coder = countedCoder(c, open);
    await requireAttribute(store, project.id, attribute);
    const refs = await codeRefs(store, project.id);
    const { counts, groupSizes } = await countCrosstab(store, project.id, attribute, { coder });
    const coded = new Set(counts.map((count) => count.codeId));
    const order = [...refs.keys()].filter((id) => coded.has(id));
    const crosstab = buildCrosstab(attribute, counts, groupSizes, order);
    const ref = (codeId: string) =>
      refs.get(codeId) ?? { codeId, name: codeId, path: codeId, color: "#888888" };
    let onlyView = null;
    if (only !== undefined) {
      const codes = [];
      for (const comparison of compareGroup(crosstab, only)) {
        const against = comparison.onlyHere
          ? []
          : counterCases(
              await casesWithCode(store, project.id, comparison.codeId, attribute, { coder }),
              only,
            );
        const passages = against.length
          ? (
              await runCodeQuery(
                store,
                project.id,
                { codes: [comparison.codeId], ...(coder ? { coder } : {}) },
                { limit: 500, context: 0, caseIds: against.map((counter) => counter.caseId) },
              )
            ).segments
          : [];
        codes.push({
          ...ref(comparison.codeId),
          inGroup: comparison.inGroup,
          elsewhere: comparison.elsewhere,
          onlyHere: comparison.onlyHere,
          counterCases: against.map((counter) => ({
            ...counter,
            passages: passages
              .filter((hit) => hit.caseId === counter.caseId)
              .slice(0, PASSAGES_PER_CASE)
              .map((hit) => ({
                codingId: hit.codingId,
                sourceId: hit.sourceId,
                sourceTitle: hit.sourceTitle,
                start: hit.start,
                end: hit.end,
                text: hit.text,
              })),
          })),
        });
      }
      onlyView = { group: only, codes };
    }
    return c.json(
      {
        attribute,
        groups: crosstab.groups,
        rows: crosstab.rows.map((row) => ({ ...ref(row.codeId), ...row })),
        only: onlyView,
      },
      200,
    );
  })
  .openapi(cooccurrenceRoute, async (c) => {
    const rule = c.req.valid("query").rule ?? "overlap";
    const open = await useProject(c);
    const { store, project } = open;
    const coder = countedCoder(c, open);
    const refs = await codeRefs(store, project.id);
    const { counts, spread } = await countCooccurrences(store, project.id, { rule, coder });
    const spreadOf = new Map(spread.map((row) => [row.codeId, row]));
    const codes = [...refs.values()]
      .filter((code) => (spreadOf.get(code.codeId)?.segments ?? 0) > 0)
      .map((code) => ({
        ...code,
        sources: spreadOf.get(code.codeId)?.sources ?? 0,
        segments: spreadOf.get(code.codeId)?.segments ?? 0,
      }));
    return c.json({ rule, codes, pairs: buildCooccurrence(counts, spread) }, 200);
  })
  .openapi(saturationRoute, async (c) => {
    const query = c.req.valid("query");
    const open = await useProject(c);
    const { store, project } = open;
    const coder = countedCoder(c, open);
    const sources = await sourceCodeSets(store, project.id, { coder });
    const options = {
      base: query.base ?? 4,
      run: query.run ?? 2,
      threshold: query.threshold ?? 0.05,
    };
    return c.json(
      { curve: saturationCurve(sources), guest: guestSaturation(sources, options) },
      200,
    );
  });
