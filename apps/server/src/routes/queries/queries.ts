/**
 * Code queries, saved queries, the code × case matrix and word frequencies with keyword in context.
 * A code query is `runCodeQuery` of `@quire/db` (its meaning is `evaluateCodeQuery` in
 * `@quire/analysis`); saved queries live in the project's settings, as `quire query --save` keeps
 * them, and saving or deleting one is one audited, undoable change. Codes are named by id and every
 * id is checked first, so a stale id is a 404 that names it rather than an empty answer. While coders
 * work blind, each caller's results cover only their own codings, as every other view does.
 */
import { createRoute } from "@hono/zod-openapi";
import {
  type CodeQuery,
  ENGLISH_STOP_WORDS,
  keywordsInContext,
  savedQueriesOf,
  withoutSavedQuery,
  withSavedQuery,
  wordFrequencies,
} from "@quire/analysis";
import type { AttributeValue } from "@quire/core";
import {
  type CodeQuerySpec,
  countCodeCases,
  listAttributes,
  listCases,
  listCodesWithCounts,
  runCodeQuery,
  type Store,
  sourceTexts,
  updateProjectSettings,
} from "@quire/db";
import type { Context } from "hono";
import { type AppEnv, actor, createRouter, useProject } from "../../context.js";
import { codeNotFound, HttpError, sourceNotFound } from "../../errors.js";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  OkSchema,
  ProjectParams,
  parseWherePairs,
} from "../../schemas.js";
import type { OpenProject } from "../../workspace.js";
import { visibleCoder } from "../agreement/blind.js";
import {
  CodeCaseMatrixSchema,
  type CodeQueryBody,
  KwicBody,
  KwicSchema,
  MatrixQuery,
  QueryAnswerSchema,
  RunQueryBody,
  SavedQueriesSchema,
  SavedQueryParams,
  SavedQuerySchema,
  SaveQueryBody,
  WordsBody,
  WordsSchema,
} from "./schema.js";

const tags = ["queries"];
/** Cases read at once for their attributes: far more than any interview study has. */
const ALL_CASES = 100_000;
/** A code's passages read in one go for word counts; enough for any study. */
const ALL_PASSAGES = 1_000_000;
/** The most cases whose attributes are read by id; more are read with the rest. */
const NAMED_CASES_AT_MOST = 1000;

const runRoute = createRoute({
  method: "post",
  path: "/projects/{key}/queries/run",
  tags,
  summary: "Run a code query (or a saved one): passages, or the sources and cases they are in",
  description:
    "The hits are passages of any of `codes`; each `and` code must have a passage near the hit and " +
    "no `not` code may, by `near`. Every answer has the total and the matching sources and cases " +
    "with their hit counts; `as: segments` adds a page of passages with text, source, case and its " +
    "attributes. While blind, only the caller's codings are searched.",
  request: { params: ProjectParams, body: jsonBody(RunQueryBody) },
  responses: {
    200: jsonResponse(QueryAnswerSchema, "The answer"),
    ...errorResponses(400, 404, 409),
  },
});
const listSavedRoute = createRoute({
  method: "get",
  path: "/projects/{key}/queries/saved",
  tags,
  summary: "The project's saved code queries, in the order they were saved",
  request: { params: ProjectParams },
  responses: { 200: jsonResponse(SavedQueriesSchema, "The saved queries"), ...errorResponses(404) },
});
const saveRoute = createRoute({
  method: "post",
  path: "/projects/{key}/queries/saved",
  tags,
  summary: "Save a code query under a name (replacing one of the same name); one undoable change",
  request: { params: ProjectParams, body: jsonBody(SaveQueryBody) },
  responses: {
    201: jsonResponse(SavedQuerySchema, "The saved query"),
    ...errorResponses(400, 404),
  },
});
const deleteSavedRoute = createRoute({
  method: "delete",
  path: "/projects/{key}/queries/saved/{name}",
  tags,
  summary: "Delete a saved code query; one undoable change",
  request: { params: SavedQueryParams },
  responses: { 200: jsonResponse(OkSchema, "Deleted"), ...errorResponses(404) },
});
const matrixRoute = createRoute({
  method: "get",
  path: "/projects/{key}/queries/code-case-matrix",
  tags,
  summary: "Code × case: passages of each code in each case's sources",
  description:
    "Cases by name (all of them, or those matching `where`), codes in codebook order (those given, " +
    "or every code with a passage in the cases shown). While blind, the caller's codings only.",
  request: { params: ProjectParams, query: MatrixQuery },
  responses: { 200: jsonResponse(CodeCaseMatrixSchema, "The matrix"), ...errorResponses(400, 404) },
});
const wordsRoute = createRoute({
  method: "post",
  path: "/projects/{key}/queries/words",
  tags,
  summary: "The most frequent words of all sources, some sources, or a code's passages",
  description: "English stop words are left out unless `keepStopWords`; so are numbers.",
  request: { params: ProjectParams, body: jsonBody(WordsBody) },
  responses: { 200: jsonResponse(WordsSchema, "The words"), ...errorResponses(400, 404) },
});
const kwicRoute = createRoute({
  method: "post",
  path: "/projects/{key}/queries/kwic",
  tags,
  summary: "Every occurrence of a word in the same selection, with its context and offsets",
  request: { params: ProjectParams, body: jsonBody(KwicBody) },
  responses: { 200: jsonResponse(KwicSchema, "The lines"), ...errorResponses(400, 404) },
});

interface CodeRef {
  codeId: string;
  name: string;
  path: string;
  color: string;
}

/** Names, paths and colours by code id, in codebook order. */
async function codeRefs(store: Store, projectId: string): Promise<Map<string, CodeRef>> {
  const codes = await listCodesWithCounts(store, projectId);
  return new Map(
    codes.map((code) => [
      code.id,
      { codeId: code.id, name: code.name, path: code.path, color: code.color },
    ]),
  );
}

/** @throws HttpError `code_not_found` naming the first id that is not a code of the project. */
function requireCodes(refs: ReadonlyMap<string, CodeRef>, ids: readonly string[]): void {
  const missing = ids.find((id) => !refs.has(id));
  if (missing !== undefined) throw codeNotFound(missing);
}

/** @throws HttpError `attribute_not_found` naming the first attribute the project does not declare. */
async function requireAttributes(
  store: Store,
  projectId: string,
  names: readonly string[],
): Promise<void> {
  if (names.length === 0) return;
  const declared = new Set((await listAttributes(store, projectId)).map((a) => a.name));
  const missing = names.find((name) => !declared.has(name));
  if (missing !== undefined)
    throw new HttpError(404, "attribute_not_found", `no attribute named "${missing}"`);
}

/**
 * Checks every code id and attribute a query names.
 * @throws HttpError `code_not_found`, `attribute_not_found`
 */
async function checkQuery(
  store: Store,
  projectId: string,
  query: CodeQuery,
  refs: ReadonlyMap<string, CodeRef>,
): Promise<void> {
  requireCodes(refs, [...query.codes, ...(query.and ?? []), ...(query.not ?? [])]);
  await requireAttributes(store, projectId, Object.keys(query.where ?? {}));
}

/** The query without empty parts, as it is run and saved. */
function cleanQuery(body: CodeQueryBody): CodeQuery {
  return {
    codes: [...new Set(body.codes)],
    ...(body.and?.length ? { and: [...new Set(body.and)] } : {}),
    ...(body.not?.length ? { not: [...new Set(body.not)] } : {}),
    ...(body.near && body.near.kind !== "overlap" ? { near: body.near } : {}),
    ...(body.where && Object.keys(body.where).length > 0 ? { where: body.where } : {}),
    ...(body.coder ? { coder: body.coder } : {}),
    ...(body.sourceKinds?.length ? { sourceKinds: [...new Set(body.sourceKinds)] } : {}),
  };
}

/**
 * The coder whose codings a read may cover: the one asked for (or everyone) when blind coding is
 * off; the caller while it is on.
 * @throws HttpError `conflict` when, while blind, the query asks for another coder's codings.
 */
function scopedCoder(
  c: Context<AppEnv>,
  open: OpenProject,
  requested: string | undefined,
): { coder: string | undefined; blind: string | null } {
  const blind = visibleCoder(c, open);
  if (blind === null) return { coder: requested, blind };
  if (requested !== undefined && requested !== blind)
    throw new HttpError(
      409,
      "conflict",
      `blind coding is on: ${blind} sees only their own codings, not ${requested}'s; reveal them first`,
    );
  return { coder: blind, blind };
}

/** Cases by id, for their names and attributes: all of them, or only those listed. */
async function casesById(store: Store, projectId: string, ids?: readonly string[]) {
  const cases = await listCases(store, projectId, { limit: ALL_CASES, ...(ids ? { ids } : {}) });
  return new Map(cases.map((item) => [item.id as string, item]));
}

/** Texts to count words in: whole sources, or a code's passages at their offsets. */
async function selectionTexts(
  c: Context<AppEnv>,
  open: OpenProject,
  selection: { sourceIds?: string[]; codeId?: string; sourceKinds?: string[] },
): Promise<{
  texts: { text: string; label: { sourceId: string; sourceTitle: string }; offset: number }[];
  description: string;
  blind: string | null;
}> {
  const { store, project } = open;
  if (selection.codeId !== undefined && selection.sourceIds !== undefined)
    throw new HttpError(400, "invalid_input", "choose sources or a code, not both");
  if (selection.codeId !== undefined) {
    const refs = await codeRefs(store, project.id);
    requireCodes(refs, [selection.codeId]);
    const { coder, blind } = scopedCoder(c, open, undefined);
    const answer = await runCodeQuery(
      store,
      project.id,
      {
        codes: [selection.codeId],
        ...(coder ? { coder } : {}),
        ...(selection.sourceKinds?.length ? { sourceKinds: selection.sourceKinds } : {}),
      },
      { limit: ALL_PASSAGES, context: 0 },
    );
    const texts = answer.segments.map((hit) => ({
      text: hit.text,
      label: { sourceId: hit.sourceId, sourceTitle: hit.sourceTitle },
      offset: hit.start,
    }));
    const name = refs.get(selection.codeId)?.path ?? selection.codeId;
    return {
      texts,
      description: `the ${plural(texts.length, "passage")} of ${name}`,
      blind,
    };
  }
  const rows = await sourceTexts(store, project.id, {
    ...(selection.sourceIds ? { sourceIds: selection.sourceIds } : {}),
    ...(selection.sourceKinds?.length ? { sourceKinds: selection.sourceKinds } : {}),
  });
  if (selection.sourceIds) {
    const found = new Set(rows.map((row) => row.sourceId));
    const missing = selection.sourceIds.find((id) => !found.has(id));
    if (missing !== undefined && !selection.sourceKinds?.length) throw sourceNotFound(missing);
  }
  const texts = rows.map((row) => ({
    text: row.text,
    label: { sourceId: row.sourceId, sourceTitle: row.title },
    offset: 0,
  }));
  const description =
    selection.sourceIds === undefined
      ? `all ${plural(texts.length, "source")}`
      : texts.length === 1
        ? `"${texts[0]?.label.sourceTitle}"`
        : plural(texts.length, "chosen source");
  return { texts, description, blind: null };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function asList(raw: string | string[] | undefined): string[] {
  return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
}

/** Whether a case's attribute value reads as `value` (as the SQL filters compare: as text). */
function attributeIs(value: AttributeValue | undefined, wanted: string): boolean {
  return value !== undefined && value !== null && String(value) === wanted;
}

/** The queries routes. */
export const queriesRoutes = createRouter()
  .openapi(runRoute, async (c) => {
    const body = c.req.valid("json");
    const open = await useProject(c);
    const { store, project } = open;
    let query: CodeQuery;
    if (body.saved !== undefined) {
      const found = savedQueriesOf(project.settings).find((entry) => entry.name === body.saved);
      if (!found) throw new HttpError(404, "not_found", `no saved query named "${body.saved}"`);
      query = found.query;
    } else query = cleanQuery(body.query ?? { codes: [] });
    const refs = await codeRefs(store, project.id);
    await checkQuery(store, project.id, query, refs);
    const { coder, blind } = scopedCoder(c, open, query.coder);
    const view = body.as ?? "segments";
    const limit = body.limit ?? 50;
    const offset = body.offset ?? 0;
    const spec: CodeQuerySpec = { ...query, ...(coder ? { coder } : {}) };
    const page = { limit: view === "segments" ? limit : 0, offset, context: body.context ?? 100 };
    if (
      body.caseId !== undefined &&
      !(await casesById(store, project.id, [body.caseId])).has(body.caseId)
    )
      throw new HttpError(404, "case_not_found", `no case with id ${body.caseId}`);
    const answer = await runCodeQuery(store, project.id, spec, {
      ...page,
      ...(body.caseId !== undefined ? { caseIds: [body.caseId] } : {}),
    });
    // Attributes only for the cases this answer names, not the project's every case (past a
    // thousand, one read of them all beats a statement with as many parameters).
    const named = new Set(answer.cases.map((row) => row.caseId));
    for (const hit of answer.segments) if (hit.caseId) named.add(hit.caseId);
    const cases = await casesById(
      store,
      project.id,
      named.size <= NAMED_CASES_AT_MOST ? [...named] : undefined,
    );
    const ref = (codeId: string) =>
      refs.get(codeId) ?? { codeId, name: codeId, path: codeId, color: "#888888" };
    return c.json(
      {
        query,
        view,
        blindCoder: blind,
        total: answer.total,
        limit,
        offset,
        segments: answer.segments.map((hit) => {
          const code = ref(hit.codeId);
          return {
            codingId: hit.codingId,
            codeId: hit.codeId,
            codeName: code.name,
            codePath: code.path,
            codeColor: code.color,
            sourceId: hit.sourceId,
            sourceTitle: hit.sourceTitle,
            sourcePosition: hit.sourcePosition,
            caseId: hit.caseId,
            caseName: hit.caseName,
            caseAttributes: (hit.caseId ? cases.get(hit.caseId)?.attributes : undefined) ?? {},
            coder: hit.coder,
            start: hit.start,
            end: hit.end,
            text: hit.text,
            before: hit.before,
            after: hit.after,
          };
        }),
        sources: answer.sources,
        cases: answer.cases.map((row) => ({
          ...row,
          attributes: cases.get(row.caseId)?.attributes ?? {},
        })),
      },
      200,
    );
  })
  .openapi(listSavedRoute, async (c) => {
    const { project } = await useProject(c);
    return c.json({ queries: savedQueriesOf(project.settings) }, 200);
  })
  .openapi(saveRoute, async (c) => {
    const body = c.req.valid("json");
    const open = await useProject(c);
    const { store, project } = open;
    const query = cleanQuery(body.query);
    await checkQuery(store, project.id, query, await codeRefs(store, project.id));
    const saved = {
      name: body.name.trim(),
      query,
      savedAt: new Date().toISOString(),
      savedBy: actor(c),
    };
    await updateProjectSettings(store, project, actor(c), `saved query "${saved.name}"`, (s) =>
      withSavedQuery(s, saved),
    );
    return c.json(saved, 201);
  })
  .openapi(deleteSavedRoute, async (c) => {
    const { name } = c.req.valid("param");
    const { store, project } = await useProject(c);
    await updateProjectSettings(store, project, actor(c), `deleted saved query "${name}"`, (s) =>
      withoutSavedQuery(s, name),
    );
    return c.json({ ok: true as const }, 200);
  })
  .openapi(matrixRoute, async (c) => {
    const params = c.req.valid("query");
    const open = await useProject(c);
    const { store, project } = open;
    const refs = await codeRefs(store, project.id);
    const codeIds = [...new Set(asList(params.code))];
    requireCodes(refs, codeIds);
    const where = parseWherePairs(params.where);
    await requireAttributes(store, project.id, Object.keys(where));
    const { coder, blind } = scopedCoder(c, open, undefined);
    const counts = await countCodeCases(store, project.id, {
      ...(codeIds.length ? { codeIds } : {}),
      ...(coder ? { coder } : {}),
    });
    const cases = [...(await casesById(store, project.id)).values()]
      .filter((item) =>
        Object.entries(where).every(([name, value]) => attributeIs(item.attributes[name], value)),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    const shown = new Set(cases.map((item) => item.id as string));
    const coded = new Set(counts.filter((row) => shown.has(row.caseId)).map((row) => row.codeId));
    const codes = [...refs.values()].filter((code) =>
      codeIds.length ? codeIds.includes(code.codeId) : coded.has(code.codeId),
    );
    const column = new Map(codes.map((code, index) => [code.codeId, index]));
    const row = new Map(cases.map((item, index) => [item.id as string, index]));
    const cells = cases.map(() => codes.map(() => 0));
    for (const count of counts) {
      const i = row.get(count.caseId);
      const j = column.get(count.codeId);
      const line = i === undefined ? undefined : cells[i];
      if (line && j !== undefined) line[j] = count.segments;
    }
    const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
    return c.json(
      {
        blindCoder: blind,
        codes: codes.map((code, j) => ({
          ...code,
          segments: sum(cells.map((line) => line[j] ?? 0)),
        })),
        cases: cases.map((item, i) => ({
          caseId: item.id as string,
          name: item.name,
          attributes: item.attributes,
          segments: sum(cells[i] ?? []),
          counts: cells[i] ?? [],
        })),
        max: Math.max(0, ...cells.flat()),
      },
      200,
    );
  })
  .openapi(wordsRoute, async (c) => {
    const body = c.req.valid("json");
    const open = await useProject(c);
    const { texts, description, blind } = await selectionTexts(c, open, body);
    const result = wordFrequencies(
      texts.map((entry) => entry.text),
      {
        top: body.top ?? 30,
        stopWords: body.keepStopWords ? new Set() : ENGLISH_STOP_WORDS,
      },
    );
    return c.json(
      { scope: { description, texts: texts.length }, blindCoder: blind, ...result },
      200,
    );
  })
  .openapi(kwicRoute, async (c) => {
    const body = c.req.valid("json");
    const open = await useProject(c);
    const { texts, description, blind } = await selectionTexts(c, open, body);
    const lines = keywordsInContext(texts, body.word, body.context ?? 60);
    return c.json(
      {
        scope: { description, texts: texts.length },
        blindCoder: blind,
        word: body.word,
        total: lines.length,
        lines: lines.slice(0, body.limit ?? 500).map((line) => ({
          sourceId: line.label.sourceId,
          sourceTitle: line.label.sourceTitle,
          start: line.start,
          end: line.end,
          before: line.before,
          match: line.match,
          after: line.after,
        })),
      },
      200,
    );
  });
