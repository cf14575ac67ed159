/**
 * Identifiers. Every entity is named by a random UUID, which doubles as the GUID that REFI-QDA
 * exchange files require, so an exported object keeps its identity through export and re-import.
 */

declare const brand: unique symbol;

/** An id that remembers which kind of entity it names, so a code id cannot be passed as a source id. */
export type Id<Kind extends string> = string & { readonly [brand]: Kind };

export type ProjectId = Id<"project">;
export type SourceId = Id<"source">;
export type RevisionId = Id<"revision">;
export type TurnId = Id<"turn">;
export type CaseId = Id<"case">;
export type AttributeId = Id<"attribute">;
export type CodeId = Id<"code">;
export type CodingId = Id<"coding">;
export type MemoId = Id<"memo">;

// Web Crypto is global in every runtime Quire targets (browsers, Node >= 19); core compiles without
// DOM or Node typings, so declare the one member it uses.
declare const crypto: { randomUUID(): string };

/** A new random id (RFC 4122 version 4, lower case). */
export function newId<Kind extends string>(): Id<Kind> {
  return crypto.randomUUID() as Id<Kind>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` has the shape of a UUID (any version, either case). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Treats a string read from storage or the wire as an id of the given kind. */
export function asId<Kind extends string>(value: string): Id<Kind> {
  return value as Id<Kind>;
}
