/** Request and response schemas of exports: the formats on offer and a download's query. */
import { z } from "@hono/zod-openapi";
import { ProjectParams } from "../../schemas.js";

export const ExportFormatSchema = z
  .object({
    format: z.string().openapi({ example: "csv" }),
    description: z.string().openapi({ example: "coded segments, one row per coding" }),
    extension: z
      .string()
      .openapi({ description: "The file ending, with the dot", example: ".csv" }),
    needsSource: z
      .boolean()
      .openapi({ description: "Whether the export is of one source, named by `source`" }),
  })
  .openapi("ExportFormat");

export const ExportFormatListSchema = z
  .object({ formats: z.array(ExportFormatSchema) })
  .openapi("ExportFormatList");

export const ExportParams = ProjectParams.extend({
  format: z
    .string()
    .min(1)
    .openapi({ param: { name: "format", in: "path" }, example: "csv" }),
});

export const ExportQuery = z.object({
  source: z
    .string()
    .min(1)
    .optional()
    .openapi({ description: "The source (id or title), for formats about one source" }),
  code: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({
      description: "Only these codes (ids), for formats about codings; repeat or comma-separate",
    }),
  context: z.coerce
    .number()
    .int()
    .min(0)
    .max(2000)
    .optional()
    .openapi({ description: "Characters of context on each side of a coded segment" }),
});

/** A downloaded file, for the OpenAPI document. */
export const ExportFileSchema = z.string().openapi({ type: "string", format: "binary" });
