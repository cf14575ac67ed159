/** Request and response schemas of full-text search and coding its hits. */
import { z } from "@hono/zod-openapi";
import { PageQuery } from "../../schemas.js";
import { CodingSchema } from "../codings/schema.js";

export const SearchQuery = PageQuery.extend({
  q: z
    .string()
    .min(1)
    .openapi({ description: 'Words, "phrases", prefix*, AND, OR, NOT', example: "trust" }),
  context: z.coerce.number().int().min(0).max(500).optional(),
  hitsPerSource: z.coerce.number().int().min(1).max(100).optional(),
});

export const SearchHitSchema = z
  .object({
    start: z.number().int(),
    end: z.number().int(),
    before: z.string(),
    match: z.string(),
    after: z.string(),
  })
  .openapi("SearchHit");

export const SearchPageSchema = z
  .object({
    total: z.number().int(),
    totalIsLowerBound: z.boolean(),
    order: z.enum(["rank", "collection"]),
    results: z.array(
      z
        .object({
          sourceId: z.string(),
          title: z.string(),
          kind: z.string(),
          caseName: z.string().nullable(),
          hitCount: z.number().int(),
          hits: z.array(SearchHitSchema),
        })
        .openapi("SearchResult"),
    ),
  })
  .openapi("SearchPage");

export const CodeHitsSchema = z
  .object({
    q: z.string().min(1),
    codeId: z.string().min(1),
    hits: z
      .array(
        z.object({
          sourceId: z.string().min(1),
          start: z.number().int().min(0),
          end: z.number().int().min(0),
        }),
      )
      .optional()
      .openapi({ description: "The hits to code; all hits of the search when absent" }),
  })
  .openapi("CodeHits");

export const CodeHitsResultSchema = z
  .object({ count: z.number().int(), codings: z.array(CodingSchema) })
  .openapi("CodeHitsResult");
