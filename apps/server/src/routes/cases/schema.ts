/** Request and response schemas of cases and their typed attributes. */
import { z } from "@hono/zod-openapi";
import { ATTRIBUTE_TYPES } from "@quire/core";
import { PageQuery } from "../../schemas.js";

const AttributeValueSchema = z.union([z.string(), z.number(), z.boolean()]);

export const CaseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    attributes: z.record(z.string(), AttributeValueSchema),
  })
  .openapi("Case");

export const CaseListQuery = PageQuery.extend({
  where: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({ description: "Attribute filter `name:value`; repeat for several" }),
});

export const CaseListSchema = z.object({ cases: z.array(CaseSchema) }).openapi("CaseList");

export const CreateCaseSchema = z
  .object({ name: z.string().trim().min(1).max(200), kind: z.string().min(1).optional() })
  .openapi("CreateCase");

export const SetAttributesSchema = z
  .object({
    values: z.record(z.string(), z.string()).openapi({
      description: "Attribute name → raw value, checked against its type; an empty value clears it",
      example: { Gender: "female", Age: "42" },
    }),
  })
  .openapi("SetAttributes");

export const AttributeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(ATTRIBUTE_TYPES),
    allowedValues: z.array(z.string()),
  })
  .openapi("Attribute");

export const AttributeListSchema = z
  .object({ attributes: z.array(AttributeSchema) })
  .openapi("AttributeList");

export const DeclareAttributeSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    type: z.enum(ATTRIBUTE_TYPES),
    allowedValues: z.array(z.string()).optional(),
  })
  .openapi("DeclareAttribute");
