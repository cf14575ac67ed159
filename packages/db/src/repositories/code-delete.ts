/**
 * Deleting a code from the codebook together with its subtree and every coding made with them.
 * Everything goes through the recorder, children before parents, so one undo brings it all back.
 */
import { QuireError } from "@quire/core";
import type { Mutation } from "../audit/mutation.js";

export interface CodeDeletion {
  /** The deleted codes: the code itself and its descendants. */
  codes: number;
  codings: number;
  /** Name of the code that was asked for, for the event's summary. */
  name: string;
}

/**
 * Deletes a code, its descendants and their codings, as one recorded change.
 * @throws QuireError `not_found` when the project has no code with that id.
 */
export async function deleteCode(m: Mutation, id: string): Promise<CodeDeletion> {
  const codes = await m.db
    .selectFrom("codes")
    .select(["id", "parentId", "name"])
    .where("projectId", "=", m.projectId)
    .execute();
  const root = codes.find((code) => code.id === id);
  if (!root) throw new QuireError("not_found", `no code with id ${id}`);
  // Depth-first order from the root; deleting it reversed removes children before parents.
  const order: string[] = [];
  const visit = (codeId: string) => {
    order.push(codeId);
    for (const child of codes) if (child.parentId === codeId) visit(child.id);
  };
  visit(root.id);
  let codingCount = 0;
  for (const codeId of order) {
    const codings = await m.db
      .selectFrom("codings")
      .select("id")
      .where("codeId", "=", codeId)
      .execute();
    codingCount += await m.record.delete(
      "codings",
      codings.map((row) => row.id),
    );
  }
  for (const codeId of [...order].reverse()) await m.record.delete("codes", [codeId]);
  return { codes: order.length, codings: codingCount, name: root.name };
}
