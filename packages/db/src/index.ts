/**
 * @quire/db: Quire's storage on SQLite (one portable study file) and PostgreSQL (a team server),
 * with one schema, one set of repositories and an audit log that every mutation writes.
 */

export { listEvents, redo, undo } from "./audit/history.js";
export { type Mutation, type MutationOptions, mutate } from "./audit/mutation.js";
export type { Dialect, DialectKind } from "./dialects/dialect.js";
export { DbError, type DbErrorKind, wrapDriverError } from "./errors.js";
export * from "./repositories/agreement-data.js";
export * from "./repositories/bundle.js";
export * from "./repositories/cases.js";
export * from "./repositories/code-delete.js";
export * from "./repositories/codes.js";
export * from "./repositories/codings.js";
export * from "./repositories/framework.js";
export * from "./repositories/imports.js";
export * from "./repositories/matrices.js";
export * from "./repositories/memos.js";
export * from "./repositories/project-admin.js";
export * from "./repositories/projects.js";
export * from "./repositories/queries.js";
export * from "./repositories/search.js";
export * from "./repositories/segments.js";
export * from "./repositories/source-codings.js";
export * from "./repositories/source-listing.js";
export * from "./repositories/sources.js";
export * from "./repositories/stc.js";
export * from "./repositories/themes.js";
export * from "./repositories/threads.js";
export type { Database } from "./schema.js";
export { isPostgresUrl, type OpenOptions, openStore, type Store } from "./store.js";
