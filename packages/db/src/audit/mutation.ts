/**
 * Every change to a project is one mutation: one transaction that does the work through a
 * `ChangeRecorder` and writes its audit event. A failure anywhere rolls all of it back.
 */
import type { Kysely } from "kysely";
import type { Dialect } from "../dialects/dialect.js";
import { withDbErrors } from "../errors.js";
import type { Database } from "../schema.js";
import type { Store } from "../store.js";
import { ChangeRecorder } from "./recorder.js";

export interface MutationOptions {
  projectId: string;
  /** Who is acting: a coder's name or initials. */
  actor: string;
  /** Verb-noun, e.g. `code.create`. */
  action: string;
  rationale?: string | null;
  targetSeq?: number | null;
  /**
   * The work may write hundreds of megabytes (an import of a large file): the store is set up for
   * one large transaction first. Nothing else differs, failure included.
   */
  large?: boolean;
}

/** What a mutation's work receives: the transaction, the recorder, and a place for its summary. */
export interface Mutation {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly record: ChangeRecorder;
  readonly projectId: string;
  readonly actor: string;
  readonly eventSeq: number;
  /**
   * The store seen through this transaction: pass it to read functions inside the work. Reading
   * through the outer store instead would wait for this transaction's connection on SQLite.
   */
  readonly store: Store;
  /** One human sentence saying what happened; required before the work returns. */
  summary: string;
}

/**
 * Runs `work` as one transaction with its audit event.
 * @throws whatever `work` throws (after rolling back); DbError for storage failures.
 */
export async function mutate<T>(
  store: Store,
  options: MutationOptions,
  work: (mutation: Mutation) => Promise<T>,
): Promise<T> {
  const transaction = (db: Kysely<Database>) =>
    db.transaction().execute(async (trx) => {
      const event = await trx
        .insertInto("auditEvents")
        .values({
          projectId: options.projectId,
          at: new Date().toISOString(),
          actor: options.actor,
          action: options.action,
          summary: "",
          rationale: options.rationale ?? null,
          targetSeq: options.targetSeq ?? null,
          reverted: 0,
        })
        .returning("seq")
        .executeTakeFirstOrThrow();
      const mutation: Mutation = {
        db: trx,
        dialect: store.dialect,
        record: new ChangeRecorder(trx, store.dialect, event.seq),
        projectId: options.projectId,
        actor: options.actor,
        eventSeq: event.seq,
        store: { ...store, db: trx },
        summary: "",
      };
      const result = await work(mutation);
      await trx
        .updateTable("auditEvents")
        .set({ summary: mutation.summary || options.action })
        .where("seq", "=", event.seq)
        .execute();
      return result;
    });
  return withDbErrors(() =>
    options.large ? store.dialect.forLargeWrite(store.db, transaction) : transaction(store.db),
  );
}
