/** Request and response schemas of retrieval (coded segments). */
import { z } from "@hono/zod-openapi";
import { AnchorStatusSchema } from "../sources/schema.js";

export const SegmentQuerySchema = z
  .object({
    codeIds: z.array(z.string().min(1)).min(1),
    match: z
      .enum(["any", "all"])
      .default("any")
      .openapi({ description: "`all`: passages of the first code that overlap every other" }),
    where: z
      .record(z.string(), z.string())
      .optional()
      .openapi({ description: "Case attribute → value (compared as text)" }),
    coder: z.string().optional(),
    context: z.number().int().min(0).max(2000).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .openapi("SegmentQuery");

export const SegmentSchema = z
  .object({
    codingId: z.string(),
    codeId: z.string(),
    codePath: z.string(),
    sourceId: z.string(),
    sourceTitle: z.string(),
    sourceKind: z.string(),
    caseName: z.string().nullable(),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    coder: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    status: AnchorStatusSchema,
    text: z.string(),
    before: z.string(),
    after: z.string(),
    memo: z.string().nullable(),
  })
  .openapi("Segment");

export const SegmentPageSchema = z
  .object({ total: z.number().int(), segments: z.array(SegmentSchema) })
  .openapi("SegmentPage");
