/** Response schemas of the history (audit log, undo, redo). */
import { z } from "@hono/zod-openapi";

export const AuditEventSchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    summary: z.string(),
    rationale: z.string().nullable(),
    targetSeq: z.number().int().nullable(),
    reverted: z.boolean(),
  })
  .openapi("AuditEvent");

export const EventListSchema = z.object({ events: z.array(AuditEventSchema) }).openapi("EventList");

export const HistoryStepSchema = z
  .object({ event: AuditEventSchema.openapi({ description: "The event undone or redone" }) })
  .openapi("HistoryStep");
