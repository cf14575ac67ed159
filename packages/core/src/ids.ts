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
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

// Random bytes are drawn in blocks: one call to the generator per 4,096 ids instead of per id.
const POOL_IDS = 4096;
const pool = new Uint8Array(POOL_IDS * 10);
let poolOffset = pool.length;

/**
 * A new id: a UUID version 7 (RFC 9562), lower case — 48 bits of milliseconds since 1970, then
 * 74 random bits. Ids made one after another sort together, so inserting them appends to the
 * database's indexes instead of scattering writes across them; that keeps bulk imports fast.
 * Any UUID is a valid REFI-QDA GUID.
 */
export function newId<Kind extends string>(): Id<Kind> {
  if (poolOffset === pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const time = Date.now();
  const bytes = new Array<number>(16);
  // 48-bit big-endian timestamp; division because bitwise operators stop at 32 bits.
  const high = Math.floor(time / 0x100000000);
  const low = time >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  for (let index = 6; index < 16; index++) bytes[index] = pool[poolOffset++] as number;
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  let text = "";
  for (let index = 0; index < 16; index++) {
    if (index === 4 || index === 6 || index === 8 || index === 10) text += "-";
    text += HEX[bytes[index] as number];
  }
  return text as Id<Kind>;
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
