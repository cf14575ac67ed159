/** Request and response schemas of imports (multipart upload). */
import { z } from "@hono/zod-openapi";
import { SourceKindSchema } from "../sources/schema.js";

const FileSchema = z.instanceof(File).openapi({ type: "string", format: "binary" });

export const ImportFormSchema = z
  .object({
    files: z
      .union([FileSchema, z.array(FileSchema)])
      .openapi({ description: "One or more files (.txt, .md, .csv, .tsv, …); repeat the field" }),
    kind: SourceKindSchema.optional(),
    textColumn: z.string().optional().openapi({ description: "CSV: the column holding the text" }),
    idColumn: z
      .string()
      .optional()
      .openapi({ description: "CSV: the column naming each respondent" }),
    attributes: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .openapi({
        description: "CSV: columns kept as case attributes (repeat, or comma-separated)",
      }),
    replace: z
      .enum(["true", "false"])
      .optional()
      .openapi({ description: "Re-import sources that exist already, re-anchoring their codings" }),
  })
  .openapi("ImportForm");

export const FileReportSchema = z
  .object({
    file: z.string(),
    format: z.string(),
    sources: z.number().int(),
    cases: z.number().int(),
    turns: z.number().int(),
    codes: z.number().int(),
    codings: z.number().int(),
    replaced: z.number().int(),
    warnings: z.array(z.string()),
    skipped: z.array(z.string()),
  })
  .openapi("FileReport");

export const ImportReportSchema = z
  .object({
    files: z.array(FileReportSchema),
    sources: z.number().int(),
    cases: z.number().int(),
    turns: z.number().int(),
    replaced: z.number().int(),
  })
  .openapi("ImportReport");
