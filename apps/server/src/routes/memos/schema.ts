/** Request and response schemas of memos (the reflexive journal is kind `reflexive_journal`). */
import { z } from "@hono/zod-openapi";
import { MEMO_KINDS, MEMO_TARGETS } from "@quire/core";

const MemoKindSchema = z.enum(MEMO_KINDS);
const MemoTargetSchema = z.enum(MEMO_TARGETS);

export const MemoSchema = z
  .object({
    id: z.string(),
    kind: MemoKindSchema,
    title: z.string(),
    body: z.string(),
    targetType: MemoTargetSchema,
    targetId: z.string().nullable(),
    author: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Memo");

export const MemoListQuery = z.object({
  targetType: MemoTargetSchema.optional(),
  targetId: z.string().optional(),
  kind: MemoKindSchema.optional(),
});

export const MemoListSchema = z.object({ memos: z.array(MemoSchema) }).openapi("MemoList");

export const CreateMemoSchema = z
  .object({
    kind: MemoKindSchema,
    title: z.string().default(""),
    body: z.string().default(""),
    targetType: MemoTargetSchema.default("project"),
    targetId: z.string().nullable().optional(),
  })
  .openapi("CreateMemo");

export const UpdateMemoSchema = z
  .object({ title: z.string().optional(), body: z.string().optional() })
  .openapi("UpdateMemo");
