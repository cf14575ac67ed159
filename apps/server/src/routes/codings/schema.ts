/** Request and response schemas of the codings resource. */
import { z } from "@hono/zod-openapi";
import { AnchorStatusSchema } from "../sources/schema.js";

export const CodingSchema = z
  .object({
    id: z.string(),
    sourceId: z.string(),
    codeId: z.string(),
    revisionId: z.string(),
    start: z.number().int().openapi({ description: "UTF-16 offset into the revision's text" }),
    end: z.number().int(),
    exact: z.string(),
    prefix: z.string(),
    suffix: z.string(),
    status: AnchorStatusSchema,
    score: z.number(),
    coder: z.string(),
    memo: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Coding");

export const CreateCodingSchema = z
  .object({
    sourceId: z.string().min(1),
    codeId: z.string().min(1),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    memo: z.string().nullable().optional(),
  })
  .refine((body) => body.start < body.end, { message: "start must be before end", path: ["end"] })
  .openapi("CreateCoding");

export const UpdateCodingSchema = z
  .object({
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(0).optional(),
    memo: z.string().nullable().optional(),
  })
  .refine((body) => (body.start === undefined) === (body.end === undefined), {
    message: "give start and end together to resize",
    path: ["end"],
  })
  .openapi("UpdateCoding");

export const CodingListSchema = z.object({ codings: z.array(CodingSchema) }).openapi("CodingList");
