/**
 * GUIDs as REFI-QDA files write them, and as Quire stores them. The standard allows upper or lower
 * case, with or without braces; Quire keeps lower case without braces. Ids that are not GUIDs at all
 * (some tools write `c001`) get a GUID derived from the id by hash, so importing the same file twice
 * gives the same GUIDs and a re-export is stable.
 */
import { hash } from "node:crypto";

const GUID =
  /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

export type GuidShape = "canonical" | "recased" | "derived";

/** The canonical form of a GUID attribute and what had to change to get it. */
export function normalizeGuid(raw: string): { guid: string; shape: GuidShape } {
  if (isCanonicalGuid(raw)) return { guid: raw, shape: "canonical" };
  const text = raw.trim();
  const match = GUID.exec(text);
  if (match?.[1]) {
    const guid = match[1].toLowerCase();
    return { guid, shape: guid === text ? "canonical" : "recased" };
  }
  return { guid: derivedGuid(`refi-id:${text}`), shape: "derived" };
}

/**
 * A GUID derived from a name by SHA-1, shaped as an RFC 4122 version-5 UUID. Used for ids a file
 * lacks or spoils, and for objects Quire must invent on export (a selection for a coding).
 */
export function derivedGuid(name: string): string {
  // From the hex digest directly: the version nibble becomes 5, and the variant nibble keeps its
  // two low bits under 0b10.
  const hex = hash("sha1", name, "hex");
  const variant = "89ab"[Number.parseInt(hex.charAt(16), 16) & 3] as string;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Whether a string is a GUID already in Quire's form. */
export function isCanonicalGuid(value: string): boolean {
  // A loop over character codes: a large project holds millions of GUIDs, nearly all canonical.
  if (value.length !== 36) return false;
  for (let at = 0; at < 36; at++) {
    const c = value.charCodeAt(at);
    if (at === 8 || at === 13 || at === 18 || at === 23) {
      if (c !== 0x2d) return false;
    } else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/**
 * A copy of a string that does not keep the text it was cut from alive. The XML scanner slices
 * names and values out of megabyte-sized pieces of the document; a GUID kept for the whole import
 * (to find duplicates, or to map a file's GUID to a row) would otherwise hold its whole piece.
 */
export function detached(value: string): string {
  return ` ${value}`.slice(1);
}
