/**
 * Request and response schemas of the analysis views: code frequencies, the code × attribute
 * crosstab with "only in group X" and its counter-cases, co-occurrence, and saturation. The counts
 * are descriptive: how often something was coded, not how often it happens.
 */
import { z } from "@hono/zod-openapi";

const Group = z.string().nullable().openapi({ description: "attribute value; null = no value" });

const CodeRef = {
  codeId: z.string(),
  name: z.string(),
  path: z.string(),
  color: z.string(),
};

export const AttributeQuery = z.object({
  attribute: z
    .string()
    .min(1)
    .optional()
    .openapi({ description: "a case attribute to split by", example: "Arm" }),
});

export const CrosstabQuery = z.object({
  attribute: z.string().min(1).openapi({ example: "Arm" }),
  only: z
    .string()
    .optional()
    .openapi({ description: "a value of the attribute: the codes only its cases have" }),
});

export const CooccurrenceQuery = z.object({
  rule: z.enum(["overlap", "turn"]).optional().openapi({ example: "overlap" }),
});

export const SaturationQuery = z.object({
  base: z.coerce.number().int().min(1).optional().openapi({ example: 4 }),
  run: z.coerce.number().int().min(1).optional().openapi({ example: 2 }),
  threshold: z.coerce.number().min(0).max(1).optional().openapi({ example: 0.05 }),
});

const GroupSize = z.object({ group: Group, cases: z.number() });

export const FrequenciesSchema = z
  .object({
    attribute: z.string().nullable(),
    groups: z.array(GroupSize),
    codes: z.array(
      z.object({
        ...CodeRef,
        codings: z.number(),
        sources: z.number(),
        cases: z.number(),
        byGroup: z.array(z.object({ group: Group, codings: z.number(), cases: z.number() })),
      }),
    ),
  })
  .openapi("CodeFrequencies");

const Cell = z.object({
  group: Group,
  cases: z.number(),
  of: z.number(),
  share: z.number().nullable(),
  segments: z.number(),
});

const Passage = z.object({
  codingId: z.string(),
  sourceId: z.string(),
  sourceTitle: z.string(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
});

const Share = z.object({ cases: z.number(), of: z.number() });

export const CrosstabSchema = z
  .object({
    attribute: z.string(),
    groups: z.array(GroupSize),
    rows: z.array(
      z.object({ ...CodeRef, cells: z.array(Cell), cases: z.number(), segments: z.number() }),
    ),
    only: z
      .object({
        group: z.string(),
        codes: z.array(
          z.object({
            ...CodeRef,
            inGroup: Share,
            elsewhere: Share,
            onlyHere: z.boolean(),
            counterCases: z.array(
              z.object({
                caseId: z.string(),
                caseName: z.string(),
                group: Group,
                segments: z.number(),
                passages: z.array(Passage),
              }),
            ),
          }),
        ),
      })
      .nullable(),
  })
  .openapi("Crosstab");

export const CooccurrenceSchema = z
  .object({
    rule: z.enum(["overlap", "turn"]),
    codes: z.array(z.object({ ...CodeRef, sources: z.number(), segments: z.number() })),
    pairs: z.array(
      z.object({
        codeA: z.string(),
        codeB: z.string(),
        pairs: z.number(),
        sources: z.number(),
        sourcesA: z.number(),
        sourcesB: z.number(),
        jaccard: z.number().nullable(),
      }),
    ),
  })
  .openapi("Cooccurrence");

const GuestRun = z.object({
  from: z.number(),
  to: z.number(),
  newCodes: z.number(),
  ratio: z.number(),
});

export const SaturationSchema = z
  .object({
    curve: z.array(
      z.object({
        sourceId: z.string(),
        label: z.string(),
        position: z.number(),
        codes: z.number(),
        newCodes: z.number(),
        repeated: z.number(),
        cumulative: z.number(),
        newCodeIds: z.array(z.string()),
      }),
    ),
    guest: z.object({
      options: z.object({ base: z.number(), run: z.number(), threshold: z.number() }),
      baseCodes: z.number(),
      runs: z.array(GuestRun),
      saturated: z.boolean(),
      at: z.object({ ordinal: z.number(), sourceId: z.string(), label: z.string() }).nullable(),
      confirmedBy: GuestRun.nullable(),
      statement: z.string(),
    }),
  })
  .openapi("Saturation");
