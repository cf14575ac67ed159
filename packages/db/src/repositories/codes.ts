/** The codebook: create, find by name or path, rename, recolour, describe, move and merge codes. */
import {
  type Code,
  type CodeDescription,
  type CodeId,
  type CodeOrigin,
  codePaths,
  newId,
  normalizeColor,
  paletteColor,
  QuireError,
  validateCodeName,
} from "@quire/core";
import type { Mutation } from "../audit/mutation.js";
import type { Store } from "../store.js";
import { toCode } from "./rows.js";

export interface CodeWithCounts extends Code {
  path: string;
  depth: number;
  codingCount: number;
  sourceCount: number;
}

export async function listCodes(store: Store, projectId: string): Promise<Code[]> {
  const rows = await store.db
    .selectFrom("codes")
    .selectAll()
    .where("projectId", "=", projectId)
    .orderBy("createdAt")
    .orderBy("name")
    .execute();
  return rows.map(toCode);
}

/** The codebook in tree order (parents before children, siblings by name) with usage counts. */
export async function listCodesWithCounts(
  store: Store,
  projectId: string,
): Promise<CodeWithCounts[]> {
  const codes = await listCodes(store, projectId);
  const counts = await store.db
    .selectFrom("codings")
    .select((eb) => [
      "codeId",
      eb.fn.countAll<number>().as("codings"),
      eb.fn.count<number>("sourceId").distinct().as("sources"),
    ])
    .where("projectId", "=", projectId)
    .groupBy("codeId")
    .execute();
  const byCode = new Map(counts.map((row) => [row.codeId, row]));
  const paths = codePaths(codes);
  const children = new Map<string | null, Code[]>();
  for (const code of codes) {
    const siblings = children.get(code.parentId) ?? [];
    siblings.push(code);
    children.set(code.parentId, siblings);
  }
  const ordered: CodeWithCounts[] = [];
  const visit = (parentId: string | null, depth: number) => {
    const siblings = (children.get(parentId) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    for (const code of siblings) {
      const count = byCode.get(code.id);
      ordered.push({
        ...code,
        path: paths.get(code.id) ?? code.name,
        depth,
        codingCount: Number(count?.codings ?? 0),
        sourceCount: Number(count?.sources ?? 0),
      });
      visit(code.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/**
 * Finds a code by name, by path ("Parent / Child"), or by id.
 * @throws QuireError `not_found`, or `invalid_input` when a bare name is ambiguous.
 */
export async function findCode(store: Store, projectId: string, ref: string): Promise<Code> {
  const codes = await listCodes(store, projectId);
  return pickCode(codes, ref);
}

export function pickCode(codes: readonly Code[], ref: string): Code {
  const wanted = ref.trim();
  const byId = codes.find((code) => code.id === wanted);
  if (byId) return byId;
  const paths = codePaths(codes);
  const normalisedPath = wanted
    .split("/")
    .map((part) => part.trim())
    .join(" / ");
  const byPath = codes.filter((code) => paths.get(code.id) === normalisedPath);
  if (byPath.length === 1 && byPath[0]) return byPath[0];
  const byName = codes.filter((code) => code.name === wanted);
  if (byName.length === 1 && byName[0]) return byName[0];
  if (byName.length > 1)
    throw new QuireError(
      "invalid_input",
      `several codes are named "${wanted}"; name one by its path: ${byName.map((code) => `"${paths.get(code.id)}"`).join(", ")}`,
    );
  throw new QuireError("not_found", `no code named "${wanted}"`);
}

export interface CreateCodeProps {
  name: string;
  parentId?: string | null;
  color?: string;
  description?: CodeDescription;
  origin?: CodeOrigin;
}

/**
 * Creates a code; the colour defaults to the next palette colour.
 * @throws QuireError `conflict` when a sibling has the same name, `invalid_input` for a bad name or colour.
 */
export async function createCode(m: Mutation, props: CreateCodeProps): Promise<Code> {
  const name = validateCodeName(props.name);
  const parentId = props.parentId ?? null;
  await assertNameFree(m, name, parentId, null);
  const { count } = await m.db
    .selectFrom("codes")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("projectId", "=", m.projectId)
    .executeTakeFirstOrThrow();
  const code: Code = {
    id: newId(),
    projectId: m.projectId as Code["projectId"],
    parentId: parentId as CodeId | null,
    name,
    color: props.color ? normalizeColor(props.color) : paletteColor(Number(count)),
    description: props.description ?? {},
    origin: props.origin ?? "inductive",
    createdBy: m.actor,
    createdAt: new Date().toISOString(),
  };
  await m.record.insert("codes", { ...code, description: JSON.stringify(code.description) });
  return code;
}

async function assertNameFree(
  m: Mutation,
  name: string,
  parentId: string | null,
  except: string | null,
) {
  let query = m.db
    .selectFrom("codes")
    .select(["id"])
    .where("projectId", "=", m.projectId)
    .where("name", "=", name);
  query =
    parentId === null
      ? query.where("parentId", "is", null)
      : query.where("parentId", "=", parentId);
  const clash = await query.executeTakeFirst();
  if (clash && clash.id !== except)
    throw new QuireError("conflict", `a code named "${name}" already exists there`);
}

async function getCode(m: Mutation, id: string): Promise<Code> {
  const row = await m.db
    .selectFrom("codes")
    .selectAll()
    .where("id", "=", id)
    .where("projectId", "=", m.projectId)
    .executeTakeFirst();
  if (!row) throw new QuireError("not_found", `no code with id ${id}`);
  return toCode(row);
}

export async function renameCode(m: Mutation, id: string, name: string): Promise<Code> {
  const code = await getCode(m, id);
  const newName = validateCodeName(name);
  await assertNameFree(m, newName, code.parentId, code.id);
  await m.record.update("codes", id, { name: newName });
  return { ...code, name: newName };
}

export async function updateCodeStyle(
  m: Mutation,
  id: string,
  change: { color?: string; description?: CodeDescription; origin?: CodeOrigin },
): Promise<Code> {
  const code = await getCode(m, id);
  const patch: Record<string, unknown> = {};
  if (change.color !== undefined) patch.color = normalizeColor(change.color);
  if (change.description !== undefined)
    patch.description = JSON.stringify({ ...code.description, ...change.description });
  if (change.origin !== undefined) patch.origin = change.origin;
  if (Object.keys(patch).length > 0) await m.record.update("codes", id, patch);
  return getCode(m, id);
}

/**
 * Moves a code (with its subtree) under a new parent, or to the top level with `null`.
 * @throws QuireError `invalid_input` when the move would put a code inside itself.
 */
export async function moveCode(m: Mutation, id: string, parentId: string | null): Promise<Code> {
  const code = await getCode(m, id);
  if (parentId !== null) {
    let cursor: string | null = parentId;
    while (cursor !== null) {
      if (cursor === id)
        throw new QuireError("invalid_input", `cannot move "${code.name}" inside itself`);
      cursor = (await getCode(m, cursor)).parentId;
    }
  }
  await assertNameFree(m, code.name, parentId, code.id);
  await m.record.update("codes", id, { parentId });
  return { ...code, parentId: parentId as CodeId | null };
}

/**
 * Merges `sourceId` into `targetId`: its codings move to the target (a coding that would duplicate
 * one the target already has for the same coder and range is dropped), its children move under
 * the target, and the merged code is deleted. All of it is in the audit log, so it can be undone.
 */
export async function mergeCodes(
  m: Mutation,
  sourceId: string,
  targetId: string,
): Promise<{ moved: number; duplicates: number }> {
  if (sourceId === targetId)
    throw new QuireError("invalid_input", "cannot merge a code into itself");
  const source = await getCode(m, sourceId);
  const target = await getCode(m, targetId);
  let cursor: string | null = target.parentId;
  while (cursor !== null) {
    if (cursor === source.id)
      throw new QuireError(
        "invalid_input",
        `cannot merge "${source.name}" into its own descendant`,
      );
    cursor = (await getCode(m, cursor)).parentId;
  }
  const codings = await m.db
    .selectFrom("codings")
    .selectAll()
    .where("codeId", "=", sourceId)
    .execute();
  const existing = await m.db
    .selectFrom("codings")
    .select(["sourceId", "startPos", "endPos", "coder"])
    .where("codeId", "=", targetId)
    .execute();
  const key = (row: { sourceId: string; startPos: number; endPos: number; coder: string }) =>
    `${row.sourceId}:${row.startPos}:${row.endPos}:${row.coder}`;
  const taken = new Set(existing.map(key));
  const duplicates: string[] = [];
  for (const coding of codings) {
    if (taken.has(key(coding))) duplicates.push(coding.id);
    else {
      taken.add(key(coding));
      await m.record.update("codings", coding.id, { codeId: targetId });
    }
  }
  await m.record.delete("codings", duplicates);
  const children = await m.db
    .selectFrom("codes")
    .select(["id", "name"])
    .where("parentId", "=", sourceId)
    .execute();
  for (const child of children) await moveCode(m, child.id, targetId);
  await m.record.delete("codes", [sourceId]);
  return { moved: codings.length - duplicates.length, duplicates: duplicates.length };
}
