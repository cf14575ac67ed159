/** Request and response schemas of systematic text condensation. Condensates carry their label. */
import { z } from "@hono/zod-openapi";

export const NamedSchema = z.object({ id: z.string(), name: z.string() }).openapi("StcNamed");

export const AddThemeSchema = z.object({ name: z.string(), note: z.string().optional() });
export const AddGroupSchema = z.object({ name: z.string(), theme: z.string().optional() });
export const AddSubgroupSchema = z.object({ group: z.string(), name: z.string() });
export const RenameSchema = z.object({ name: z.string() }).openapi("StcRename");
export const PlaceUnitSchema = z
  .object({ codingId: z.string(), group: z.string(), subgroup: z.string().nullable().optional() })
  .openapi("PlaceMeaningUnit");
export const CondenseSchema = z
  .object({ text: z.string(), unitIds: z.array(z.string()).optional() })
  .openapi("WriteCondensate");
export const QuoteSchema = z.object({ codingId: z.string() }).openapi("ChooseQuote");
export const AnalyticTextSchema = z.object({ body: z.string() }).openapi("AnalyticText");
export const CheckSchema = z
  .object({
    reread: z.boolean().optional(),
    validated: z.boolean().optional(),
    contradicting: z.string().optional(),
  })
  .openapi("ReadingCheckInput");

/** A condensate as every client receives it: flagged artificial and labelled. */
export const CondensateSchema = z
  .object({
    id: z.string(),
    subgroupId: z.string(),
    unitIds: z.array(z.string()),
    artificial: z.literal(true),
    label: z.string(),
    text: z.string().openapi({ description: "the words, inside the label: never a quotation" }),
  })
  .openapi("Condensate");

const UnitSchema = z.object({
  id: z.string(),
  codingId: z.string(),
  codeGroupId: z.string(),
  subgroupId: z.string().nullable(),
  sourceId: z.string(),
  sourceTitle: z.string(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
  coder: z.string(),
});

export const OutlineSchema = z
  .object({
    themes: z.array(z.object({ id: z.string(), name: z.string(), note: z.string() })),
    codeGroups: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        themeId: z.string().nullable(),
        analyticText: z.string(),
        unsorted: z.array(UnitSchema),
        subgroups: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            units: z.array(UnitSchema),
            condensate: CondensateSchema.nullable(),
            quotes: z.array(
              z.object({
                id: z.string(),
                codingId: z.string(),
                sourceId: z.string(),
                sourceTitle: z.string(),
                start: z.number(),
                end: z.number(),
                text: z.string(),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .openapi("StcOutline");

export const GridSchema = z
  .object({
    codeGroups: z.array(z.object({ id: z.string(), name: z.string() })),
    rows: z.array(
      z.object({
        sourceId: z.string(),
        title: z.string(),
        units: z.array(z.number()),
        reread: z.boolean(),
        validated: z.boolean(),
        contradicting: z.string(),
      }),
    ),
  })
  .openapi("ReadingGrid");
