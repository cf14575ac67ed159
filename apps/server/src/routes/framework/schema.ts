/** Request and response schemas of the Framework Method: the framework, its versions, the matrix. */
import { z } from "@hono/zod-openapi";
import { FRAMEWORK_ORIGINS } from "@quire/core";

const FrameworkCodeSchema = z.object({
  id: z.string(),
  codeId: z.string(),
  name: z.string(),
  abbreviation: z.string(),
  definition: z.string(),
  origin: z.enum(FRAMEWORK_ORIGINS),
  isOther: z.boolean(),
  addedInVersion: z.number(),
});

const CategorySchema = z.object({
  id: z.string(),
  name: z.string(),
  codeId: z.string(),
  codes: z.array(FrameworkCodeSchema),
});

export const FrameworkSchema = z
  .object({
    framework: z
      .object({
        id: z.string(),
        name: z.string(),
        version: z.number(),
        categories: z.array(CategorySchema),
      })
      .nullable(),
  })
  .openapi("Framework");

export const VersionListSchema = z
  .object({
    versions: z.array(
      z.object({
        number: z.number(),
        note: z.string(),
        createdBy: z.string(),
        createdAt: z.string(),
        content: z.array(CategorySchema),
      }),
    ),
  })
  .openapi("FrameworkVersions");

export const AddCategorySchema = z
  .object({ name: z.string(), abbreviation: z.string().optional(), note: z.string().optional() })
  .openapi("AddFrameworkCategory");

export const AddCodeSchema = z
  .object({
    category: z.string().openapi({ description: "the category's id or name" }),
    name: z.string(),
    abbreviation: z.string(),
    definition: z.string().optional(),
    origin: z.enum(FRAMEWORK_ORIGINS).optional(),
    codeId: z.string().optional().openapi({ description: "use this existing code" }),
    note: z.string().optional(),
  })
  .openapi("AddFrameworkCode");

export const ChangedSchema = z
  .object({ version: z.number(), framework: FrameworkSchema.shape.framework })
  .openapi("FrameworkChanged");

const QuoteSchema = z.object({ codingId: z.string(), text: z.string() });

export const ChartCellSchema = z
  .object({
    caseId: z.string(),
    codeId: z.string(),
    summary: z.string().optional(),
    quoteCodingIds: z.array(z.string()).optional(),
    state: z.enum(["charted", "unsummarised", "not_discussed"]).optional(),
  })
  .openapi("ChartCellInput");

export const StoredCellSchema = z
  .object({
    caseId: z.string(),
    codeId: z.string(),
    summary: z.string(),
    quotes: z.array(QuoteSchema),
    state: z.enum(["charted", "unsummarised", "not_discussed"]),
    updatedBy: z.string(),
    updatedAt: z.string(),
  })
  .openapi("ChartCell");

export const MatrixQuery = z.object({
  sort: z.string().optional().openapi({ description: "a case attribute to sort rows by" }),
  direction: z.enum(["asc", "desc"]).optional(),
  where: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({ description: "name:value, repeatable: keep only matching cases" }),
});

export const MatrixSchema = z
  .object({
    columns: z.array(
      z.object({
        categoryId: z.string(),
        categoryName: z.string(),
        codes: z.array(
          z.object({
            codeId: z.string(),
            name: z.string(),
            abbreviation: z.string(),
            isOther: z.boolean(),
          }),
        ),
      }),
    ),
    rows: z.array(
      z.object({
        caseId: z.string(),
        caseName: z.string(),
        attributes: z.record(z.string(), z.unknown()),
        cells: z.array(
          z.object({
            codeId: z.string(),
            state: z.enum(["charted", "unsummarised", "not_discussed", "not_yet_charted"]),
            summary: z.string(),
            quotes: z.array(QuoteSchema),
            codingIds: z.array(z.string()),
          }),
        ),
      }),
    ),
    counts: z.record(z.string(), z.number()),
  })
  .openapi("ChartMatrix");

export const ProgressSchema = z
  .object({
    sources: z.array(
      z.object({
        sourceId: z.string(),
        title: z.string(),
        counts: z.record(z.string(), z.number()),
        codings: z.number(),
      }),
    ),
  })
  .openapi("IndexingProgress");
