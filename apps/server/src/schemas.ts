/**
 * Schemas more than one resource uses: error bodies, path parameters and paging. Each carries an
 * OpenAPI name so the reference shows it once.
 */
import { z } from "@hono/zod-openapi";
import { invalidInput } from "./errors.js";

export const ErrorSchema = z
  .object({
    error: z.object({
      id: z.string().openapi({ example: "code_not_found" }),
      message: z.string().openapi({ example: "no code with id 01J…" }),
    }),
  })
  .openapi("Error");

const ERROR_DESCRIPTIONS = {
  400: "Invalid input (`invalid_input`)",
  404: "Not found (`project_not_found`, `source_not_found`, `code_not_found`, …)",
  409: "Conflict (`name_conflict`, `revision_conflict`, `nothing_to_undo`, …)",
  413: "Too large (`payload_too_large`)",
  422: "A file could not be read (`unreadable_file`)",
} as const;

type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

interface ErrorResponse {
  description: string;
  content: { "application/json": { schema: typeof ErrorSchema } };
}

/** The error responses a route can give, for the OpenAPI document. */
export function errorResponses<const S extends ErrorStatus>(
  ...statuses: S[]
): { [K in S]: ErrorResponse } {
  const responses: Partial<Record<ErrorStatus, ErrorResponse>> = {};
  for (const status of statuses)
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status],
      content: { "application/json": { schema: ErrorSchema } },
    };
  return responses as { [K in S]: ErrorResponse };
}

export const ProjectParams = z.object({
  key: z
    .string()
    .min(1)
    .openapi({ param: { name: "key", in: "path" }, example: "demo-study" }),
});

/** A project key plus one id, named `param`. */
export function projectParamsWith<const Name extends string>(name: Name) {
  return ProjectParams.extend({
    [name]: z
      .string()
      .min(1)
      .openapi({ param: { name, in: "path" } }),
  } as { [K in Name]: z.ZodString });
}

/** Offset paging from the query string. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional().openapi({ example: 50 }),
  offset: z.coerce.number().int().min(0).optional().openapi({ example: 0 }),
});

export const OkSchema = z.object({ ok: z.literal(true) }).openapi("Ok");

/** The JSON body of a request, for `createRoute`. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } } as const;
}

/** A JSON response, for `createRoute`. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

/**
 * `name:value` pairs from a repeated query parameter, as a filter object.
 * @throws HttpError `invalid_input` for a pair without a name.
 */
export function parseWherePairs(raw: string | string[] | undefined): Record<string, string> {
  const where: Record<string, string> = {};
  for (const pair of raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) {
    const colon = pair.indexOf(":");
    if (colon <= 0) throw invalidInput(`where: "${pair}" is not of the form name:value`);
    where[pair.slice(0, colon)] = pair.slice(colon + 1);
  }
  return where;
}
