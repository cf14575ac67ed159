/** Request and response schemas of reflexive thematic analysis: themes, the map, snapshots, phases. */
import { z } from "@hono/zod-openapi";
import { THEME_STATUSES } from "@quire/core";

const WarningSchema = z.object({ kind: z.string(), message: z.string() });

export const ThemeSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    name: z.string(),
    concept: z.string(),
    definition: z.string(),
    status: z.enum(THEME_STATUSES),
    isMisc: z.boolean(),
    position: z.number(),
    codeIds: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Prompts when the name reads like a topic summary (RTA-2). */
    warnings: z.array(WarningSchema),
  })
  .openapi("Theme");

export const ThemeListSchema = z.object({ themes: z.array(ThemeSchema) }).openapi("ThemeList");

export const CreateThemeSchema = z
  .object({
    name: z.string(),
    concept: z.string().optional(),
    definition: z.string().optional(),
    parentId: z.string().nullable().optional(),
    isMisc: z.boolean().optional(),
  })
  .openapi("CreateTheme");

export const UpdateThemeSchema = z
  .object({
    name: z.string().optional(),
    concept: z.string().optional(),
    definition: z.string().optional(),
    status: z.enum(THEME_STATUSES).optional(),
    rationale: z.string().optional(),
  })
  .openapi("UpdateTheme");

export const LinkCodeSchema = z.object({ codeId: z.string().min(1) }).openapi("LinkCode");

/** The thematic map: nodes (themes, subthemes, codes) and edges, as `@quire/analysis` lays it out. */
export const ThematicMapSchema = z
  .object({
    nodes: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(["theme", "subtheme", "code"]),
        refId: z.string(),
        label: z.string(),
        status: z.string().nullable(),
        isMisc: z.boolean(),
        x: z.number().nullable(),
        y: z.number().nullable(),
      }),
    ),
    edges: z.array(
      z.object({
        id: z.string(),
        from: z.string(),
        to: z.string(),
        kind: z.enum(["subtheme", "code", "link"]),
        label: z.string(),
      }),
    ),
  })
  .openapi("ThematicMap");

export const EdgeSchema = z
  .object({ from: z.string(), to: z.string(), label: z.string().default("") })
  .openapi("MapEdgeInput");

export const NodePositionSchema = z
  .object({ kind: z.enum(["theme", "code"]), refId: z.string(), x: z.number(), y: z.number() })
  .openapi("MapNodePosition");

export const SnapshotSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    phase: z.number().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi("MapSnapshot");

export const SnapshotDetailSchema = SnapshotSchema.extend({ graph: ThematicMapSchema }).openapi(
  "MapSnapshotDetail",
);

export const CreateSnapshotSchema = z
  .object({ name: z.string(), phase: z.number().int().min(1).max(6).optional() })
  .openapi("CreateMapSnapshot");

export const ReviewSchema = z
  .object({
    themes: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        status: z.string(),
        sources: z.number(),
        passages: z.number(),
      }),
    ),
    rows: z.array(
      z.object({
        sourceId: z.string(),
        title: z.string(),
        contributes: z.boolean(),
        cells: z.array(
          z.object({
            themeId: z.string(),
            passages: z.array(
              z.object({
                codingId: z.string(),
                sourceId: z.string(),
                codeId: z.string(),
                start: z.number(),
                end: z.number(),
                text: z.string(),
              }),
            ),
          }),
        ),
      }),
    ),
    unassignedCodes: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .openapi("ThemeReview");

export const PhaseSchema = z
  .object({
    phase: z.number().nullable(),
    name: z.string().nullable(),
    log: z.array(
      z.object({
        id: z.string(),
        phase: z.number(),
        previousPhase: z.number().nullable(),
        rationale: z.string(),
        actor: z.string(),
        at: z.string(),
      }),
    ),
  })
  .openapi("Phase");

export const SetPhaseSchema = z
  .object({ phase: z.number().int(), rationale: z.string() })
  .openapi("SetPhase");
