/**
 * Request and response schemas of code queries (passages of some codes that also have, or lack,
 * other codes nearby), saved queries, the code × case matrix, and word frequencies with keyword in
 * context. A query names codes by id; its JSON is what the project's settings keep when it is saved
 * (`settings.savedQueries`, the same store `quire query --save` writes).
 */
import { z } from "@hono/zod-openapi";
import { SOURCE_KINDS } from "@quire/core";

const AttributeValue = z.union([z.string(), z.number(), z.boolean()]);
const CodeIds = z.array(z.string().min(1));

export const ProximitySchema = z
  .union([
    z.object({ kind: z.literal("overlap") }),
    z.object({ kind: z.literal("within"), chars: z.number().int().min(0).max(1_000_000) }),
    z.object({ kind: z.literal("turn") }),
    z.object({ kind: z.literal("source") }),
  ])
  .openapi("Proximity", {
    description:
      "What near means for `and` and `not`: the passages overlap, are at most `chars` characters " +
      "apart, share a speaker turn, or are in the same source",
  });

export const CodeQuerySchema = z
  .object({
    codes: CodeIds.min(1).openapi({ description: "any of these codes (OR): the hits" }),
    and: CodeIds.optional().openapi({ description: "each must have a passage near the hit" }),
    not: CodeIds.optional().openapi({ description: "none may have a passage near the hit" }),
    near: ProximitySchema.optional(),
    where: z
      .record(z.string().min(1), z.string())
      .optional()
      .openapi({
        description: "case attribute → value, compared as text",
        example: { arm: "CBT" },
      }),
    coder: z.string().min(1).optional().openapi({ description: "only this coder's passages" }),
    sourceKinds: z.array(z.enum(SOURCE_KINDS)).optional(),
  })
  .openapi("CodeQuery");

export type CodeQueryBody = z.infer<typeof CodeQuerySchema>;

/** A query as answers give it back: saved ones may come from older files, so kinds are plain text. */
export const CodeQueryOutSchema = CodeQuerySchema.extend({
  sourceKinds: z.array(z.string()).optional(),
}).openapi("CodeQueryAsRun");

export const QueryView = z.enum(["segments", "sources", "cases"]);

export const RunQueryBody = z
  .object({
    query: CodeQuerySchema.optional(),
    saved: z.string().min(1).optional().openapi({ description: "run this saved query instead" }),
    caseId: z.string().min(1).optional().openapi({
      description: "only passages in this case's sources (a cell of the code × case matrix)",
    }),
    as: QueryView.optional().openapi({
      description: "segments (default) returns a page of passages; sources and cases only counts",
    }),
    limit: z.number().int().min(1).max(500).optional().openapi({ example: 50 }),
    offset: z.number().int().min(0).optional().openapi({ example: 0 }),
    context: z
      .number()
      .int()
      .min(0)
      .max(2000)
      .optional()
      .openapi({ description: "characters of context each side (default 100)" }),
  })
  .refine((body) => (body.query === undefined) !== (body.saved === undefined), {
    message: "give either a query or the name of a saved one",
  })
  .openapi("RunCodeQuery");

const CodeRef = {
  codeId: z.string(),
  codeName: z.string(),
  codePath: z.string(),
  codeColor: z.string(),
};

export const QueryAnswerSchema = z
  .object({
    query: CodeQueryOutSchema,
    view: QueryView,
    blindCoder: z
      .string()
      .nullable()
      .openapi({ description: "while blind, the caller whose codings alone were searched" }),
    total: z.number().openapi({ description: "matching passages" }),
    limit: z.number(),
    offset: z.number(),
    segments: z.array(
      z.object({
        codingId: z.string(),
        ...CodeRef,
        sourceId: z.string(),
        sourceTitle: z.string(),
        sourcePosition: z.number(),
        caseId: z.string().nullable(),
        caseName: z.string().nullable(),
        caseAttributes: z.record(z.string(), AttributeValue),
        coder: z.string(),
        start: z.number(),
        end: z.number(),
        text: z.string(),
        before: z.string(),
        after: z.string(),
      }),
    ),
    sources: z.array(
      z.object({
        sourceId: z.string(),
        title: z.string(),
        position: z.number(),
        hits: z.number(),
      }),
    ),
    cases: z.array(
      z.object({
        caseId: z.string(),
        name: z.string(),
        attributes: z.record(z.string(), AttributeValue),
        hits: z.number(),
      }),
    ),
  })
  .openapi("CodeQueryAnswer");

export const SavedQuerySchema = z
  .object({
    name: z.string(),
    query: CodeQueryOutSchema,
    savedAt: z.string(),
    savedBy: z.string(),
  })
  .openapi("SavedCodeQuery");

export const SavedQueriesSchema = z
  .object({ queries: z.array(SavedQuerySchema) })
  .openapi("SavedCodeQueries");

export const SaveQueryBody = z
  .object({
    name: z.string().trim().min(1).max(200).openapi({ example: "Shared, not dismissed (CBT)" }),
    query: CodeQuerySchema,
  })
  .openapi("SaveCodeQuery");

export const SavedQueryParams = z.object({
  key: z
    .string()
    .min(1)
    .openapi({ param: { name: "key", in: "path" }, example: "demo-study" }),
  name: z
    .string()
    .min(1)
    .openapi({ param: { name: "name", in: "path" }, example: "Shared, not dismissed (CBT)" }),
});

const Repeated = z.union([z.string(), z.array(z.string())]);

export const MatrixQuery = z.object({
  code: Repeated.optional().openapi({ description: "a code id; repeat for several (default all)" }),
  where: Repeated.optional().openapi({
    description: "case attribute filter `name:value`; repeat for several (all must hold)",
    example: "arm:CBT",
  }),
});

export const CodeCaseMatrixSchema = z
  .object({
    blindCoder: z.string().nullable(),
    codes: z.array(
      z.object({
        codeId: z.string(),
        name: z.string(),
        path: z.string(),
        color: z.string(),
        segments: z.number(),
      }),
    ),
    cases: z.array(
      z.object({
        caseId: z.string(),
        name: z.string(),
        attributes: z.record(z.string(), AttributeValue),
        segments: z.number(),
        counts: z.array(z.number()).openapi({ description: "passages per code, as `codes`" }),
      }),
    ),
    max: z.number().openapi({ description: "the largest cell" }),
  })
  .openapi("CodeCaseMatrix");

const Selection = {
  sourceIds: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .openapi({ description: "these sources (default all)" }),
  codeId: z
    .string()
    .min(1)
    .optional()
    .openapi({ description: "the passages of this code instead of whole sources" }),
  sourceKinds: z.array(z.enum(SOURCE_KINDS)).optional(),
};

export const WordsBody = z
  .object({
    ...Selection,
    top: z.number().int().min(1).max(500).optional().openapi({ example: 30 }),
    keepStopWords: z.boolean().optional().openapi({ description: "count the, and, of… too" }),
  })
  .openapi("WordFrequencyRequest");

export const KwicBody = z
  .object({
    ...Selection,
    word: z.string().trim().min(1).openapi({ example: "shared" }),
    context: z.number().int().min(0).max(400).optional().openapi({ example: 60 }),
    limit: z.number().int().min(1).max(2000).optional().openapi({ example: 200 }),
  })
  .openapi("KeywordInContextRequest");

const Scope = z.object({
  description: z.string().openapi({ example: "all 8 sources" }),
  texts: z.number().openapi({ description: "sources or passages counted" }),
});

export const WordsSchema = z
  .object({
    scope: Scope,
    blindCoder: z.string().nullable(),
    totalWords: z.number(),
    distinctWords: z.number(),
    words: z.array(z.object({ word: z.string(), count: z.number(), texts: z.number() })),
  })
  .openapi("WordFrequencies");

export const KwicSchema = z
  .object({
    scope: Scope,
    blindCoder: z.string().nullable(),
    word: z.string(),
    total: z.number(),
    lines: z.array(
      z.object({
        sourceId: z.string(),
        sourceTitle: z.string(),
        start: z.number(),
        end: z.number(),
        before: z.string(),
        match: z.string(),
        after: z.string(),
      }),
    ),
  })
  .openapi("KeywordInContext");
