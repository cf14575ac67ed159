/** Request and response schemas of agreement between coders, side-by-side views and blind coding. */
import { z } from "@hono/zod-openapi";
import { CODING_MEASURES } from "@quire/analysis";

const ValueSchema = z.object({
  value: z.number().nullable(),
  undefinedReason: z.enum(["no-data", "no-variation"]).nullable(),
  observedDisagreement: z
    .number()
    .nullable()
    .optional()
    .openapi({ description: "D_o; for κ, π and percent 1 − observed agreement" }),
  expectedDisagreement: z
    .number()
    .nullable()
    .optional()
    .openapi({ description: "D_e; for κ and π 1 − chance agreement; not for percent" }),
  units: z
    .number()
    .optional()
    .openapi({ description: "characters compared (|uα: length of the continua)" }),
});
const ValuesSchema = z.record(z.string(), ValueSchema);

export const AgreementRequestSchema = z
  .object({
    coders: z.array(z.string()).min(2),
    measures: z.array(z.enum(CODING_MEASURES)).optional(),
    codeIds: z.array(z.string()).optional(),
    sourceIds: z.array(z.string()).optional(),
  })
  .openapi("AgreementRequest");

export const AgreementReportSchema = z
  .object({
    coders: z.array(z.string()),
    measures: z.array(z.enum(CODING_MEASURES)),
    unit: z.literal("character"),
    overall: ValuesSchema,
    byCode: z.array(z.object({ codeId: z.string(), values: ValuesSchema })),
    bySource: z.array(z.object({ sourceId: z.string(), length: z.number(), values: ValuesSchema })),
  })
  .openapi("AgreementReport");

export const DisagreementRequestSchema = z
  .object({ sourceId: z.string(), codeId: z.string(), coders: z.array(z.string()).min(2) })
  .openapi("DisagreementRequest");

export const DisagreementSourcesRequestSchema = z
  .object({
    codeId: z.string(),
    coders: z.array(z.string()).min(2),
    sourceIds: z
      .array(z.string())
      .optional()
      .openapi({ description: "only these sources (default: all)" }),
  })
  .openapi("DisagreementSourcesRequest");

export const DisagreementSourcesSchema = z
  .object({
    sources: z
      .array(z.object({ sourceId: z.string(), title: z.string(), disagreements: z.number() }))
      .openapi({ description: "in collection order; only sources where the coders differ" }),
  })
  .openapi("DisagreementSources");

const RangeSchema = z.object({ start: z.number(), end: z.number(), text: z.string() });

export const SideBySideSchema = z
  .object({
    sourceId: z.string(),
    codeId: z.string(),
    title: z.string(),
    ranges: z.array(z.object({ coder: z.string(), ranges: z.array(RangeSchema) })),
    disagreements: z.array(
      RangeSchema.extend({ codedBy: z.array(z.string()), notCodedBy: z.array(z.string()) }),
    ),
  })
  .openapi("SideBySide");

export const CodersSchema = z
  .object({ coders: z.array(z.string()).openapi({ description: "by name, in order" }) })
  .openapi("Coders");

export const BlindSchema = z
  .object({
    on: z.boolean(),
    since: z.string().nullable(),
    revealedAt: z.string().nullable(),
    revealedBy: z.string().nullable(),
  })
  .openapi("BlindState");

export const SetBlindSchema = z
  .object({
    mode: z
      .enum(["on", "reveal"])
      .openapi({ description: "reveal ends blind coding for everyone" }),
    rationale: z.string().optional(),
  })
  .openapi("SetBlind");
