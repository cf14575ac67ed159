/** Request and response schemas of the projects resource. */
import { z } from "@hono/zod-openapi";
import { METHOD_PROFILES } from "@quire/core";

export const MethodSchema = z.enum(METHOD_PROFILES).openapi("Method");

export const ProjectCountsSchema = z
  .object({
    sources: z.number().int(),
    cases: z.number().int(),
    codes: z.number().int(),
    codings: z.number().int(),
    memos: z.number().int(),
    lastSeq: z.number().int().openapi({ description: "Newest audit event; 0 when none" }),
    lastActivity: z.string().nullable(),
  })
  .openapi("ProjectCounts");

export const ProjectSchema = z
  .object({
    key: z.string().openapi({ description: "The project's key in URLs", example: "demo-study" }),
    id: z.string(),
    name: z.string(),
    method: MethodSchema,
    settings: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    counts: ProjectCountsSchema,
  })
  .openapi("Project");

export const ProjectListSchema = z
  .object({
    workspace: z.object({ kind: z.enum(["folder", "database"]), location: z.string() }),
    projects: z.array(ProjectSchema),
  })
  .openapi("ProjectList");

export const CreateProjectSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    method: MethodSchema.default("reflexive_ta"),
  })
  .openapi("CreateProject");

export const UpdateProjectSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    method: MethodSchema.optional(),
  })
  .openapi("UpdateProject");
