/**
 * GUIDs as REFI-QDA files write them, and as Quire stores them. The standard allows upper or lower
 * case, with or without braces; Quire keeps lower case without braces. Ids that are not GUIDs at all
 * (some tools write `c001`) get a GUID derived from the id by hash, so importing the same file twice
 * gives the same GUIDs and a re-export is stable.
 */
import { createHash } from "node:crypto";

const GUID =
  /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

export type GuidShape = "canonical" | "recased" | "derived";

/** The canonical form of a GUID attribute and what had to change to get it. */
export function normalizeGuid(raw: string): { guid: string; shape: GuidShape } {
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
  const hash = createHash("sha1").update(name, "utf8").digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether a string is a GUID already in Quire's form. */
export function isCanonicalGuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
}
