/** Request and response schemas of the sources resource. */
import { z } from "@hono/zod-openapi";
import { ANCHOR_STATUSES, SOURCE_KINDS, SPEAKER_ROLES } from "@quire/core";
import { SOURCE_SORTS } from "@quire/db";
import { PageQuery } from "../../schemas.js";

export const SourceKindSchema = z.enum(SOURCE_KINDS).openapi("SourceKind");
const AttributeValueSchema = z.union([z.string(), z.number(), z.boolean()]);

export const SourceListQuery = PageQuery.extend({
  kind: SourceKindSchema.optional(),
  title: z.string().optional().openapi({ description: "Text the title contains (any case)" }),
  where: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({
      description: "Case attribute filter `name:value`; repeat for several (all must hold)",
      example: "Gender:female",
    }),
  sort: z.enum(SOURCE_SORTS).optional(),
  direction: z.enum(["asc", "desc"]).optional(),
});

const SourceFields = {
  id: z.string(),
  kind: SourceKindSchema,
  title: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  caseId: z.string().nullable(),
  currentRevisionId: z.string(),
  position: z.number().int(),
  createdAt: z.string(),
};

export const SourceSchema = z.object(SourceFields).openapi("Source");

export const SourceRowSchema = z
  .object({
    ...SourceFields,
    caseName: z.string().nullable(),
    caseAttributes: z.record(z.string(), AttributeValueSchema),
    length: z.number().int(),
    codingCount: z.number().int(),
  })
  .openapi("SourceRow");

export const SourceListSchema = z
  .object({ total: z.number().int(), sources: z.array(SourceRowSchema) })
  .openapi("SourceList");

export const AnchorStatusSchema = z.enum(ANCHOR_STATUSES).openapi("AnchorStatus");

export const SourceCodingSchema = z
  .object({
    id: z.string(),
    codeId: z.string(),
    codeName: z.string(),
    color: z.string(),
    coder: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    exact: z.string(),
    status: AnchorStatusSchema,
    score: z.number(),
    memo: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("SourceCoding");

export const SourceDetailSchema = z
  .object({
    source: SourceSchema,
    revision: z.object({
      id: z.string(),
      number: z.number().int(),
      text: z.string(),
      createdAt: z.string(),
      createdBy: z.string(),
    }),
    turns: z.array(
      z.object({
        id: z.string(),
        index: z.number().int(),
        start: z.number().int(),
        end: z.number().int(),
        speaker: z.string(),
        role: z.enum(SPEAKER_ROLES),
        caseId: z.string().nullable(),
        timeStart: z.number().nullable(),
        timeEnd: z.number().nullable(),
      }),
    ),
    codings: z.array(SourceCodingSchema),
  })
  .openapi("SourceDetail");

export const EditTextSchema = z
  .object({
    baseRevisionId: z
      .string()
      .min(1)
      .openapi({ description: "The revision the changes were made against" }),
    changes: z
      .array(z.union([z.number().int(), z.array(z.union([z.number().int(), z.string()]))]))
      .openapi({ description: "A CodeMirror ChangeSet in its JSON form (`ChangeSet.toJSON()`)" }),
  })
  .openapi("EditText");

export const EditResultSchema = z
  .object({
    revision: z.object({ id: z.string(), number: z.number().int() }),
    orphaned: z.number().int(),
    remapped: z.number().int(),
    fuzzy: z.number().int(),
  })
  .openapi("EditResult");
