/** Request and response schemas of the codes resource. */
import { z } from "@hono/zod-openapi";

export const CodeDescriptionSchema = z
  .object({
    definition: z.string().optional(),
    inclusion: z.string().optional(),
    exclusion: z.string().optional(),
    example: z.string().optional(),
  })
  .openapi("CodeDescription");

const OriginSchema = z.enum(["a_priori", "inductive"]);

const CodeFields = {
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  color: z.string().openapi({ example: "#4e79a7" }),
  description: CodeDescriptionSchema,
  origin: OriginSchema,
  createdBy: z.string(),
  createdAt: z.string(),
};

export const CodeSchema = z.object(CodeFields).openapi("Code");

export const CodeTreeSchema = z
  .object({
    codes: z.array(
      z
        .object({
          ...CodeFields,
          path: z.string().openapi({ example: "Trust / In doctors" }),
          depth: z.number().int(),
          codingCount: z.number().int(),
          sourceCount: z.number().int(),
        })
        .openapi("CodeInTree"),
    ),
  })
  .openapi("CodeTree", { description: "Parents before children, siblings by name" });

export const CreateCodeSchema = z
  .object({
    name: z.string().min(1).max(200),
    parentId: z.string().nullable().optional(),
    color: z.string().optional(),
    description: CodeDescriptionSchema.optional(),
    origin: OriginSchema.optional(),
  })
  .openapi("CreateCode");

export const UpdateCodeSchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    color: z.string().optional(),
    description: CodeDescriptionSchema.optional(),
    origin: OriginSchema.optional(),
    parentId: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: "Move under this code; null for the top level" }),
  })
  .openapi("UpdateCode");

export const MergeCodeSchema = z
  .object({ targetId: z.string().min(1).openapi({ description: "The code that remains" }) })
  .openapi("MergeCode");

export const MergeResultSchema = z
  .object({ moved: z.number().int(), duplicates: z.number().int() })
  .openapi("MergeResult");

export const DeleteCodeResultSchema = z
  .object({ codes: z.number().int(), codings: z.number().int() })
  .openapi("DeleteCodeResult");
