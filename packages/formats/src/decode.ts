/**
 * Turns the bytes of a text file into canonical text, refusing what is not text: invalid encodings,
 * binary files, empty files and files too large to hold in memory.
 */
import { readFile, stat } from "node:fs/promises";
import { canonicalText } from "@quire/core";
import {
  binaryKind,
  firstInvalidUtf8,
  firstInvalidUtf16,
  lineAtByte,
  sniffEncoding,
  type TextEncoding,
} from "./encoding.js";
import { FormatError, fileSystemError } from "./errors.js";

/** Default for `readTextFile`'s `maxBytes`: 256 MiB. */
export const DEFAULT_MAX_TEXT_BYTES = 256 * 1024 * 1024;

/**
 * Decodes a text file's bytes (UTF-8, or UTF-16 LE/BE with or without a byte-order mark) and returns
 * its canonical text (see `canonicalText` in `@quire/core`).
 * @param file how to name the file in error messages (a path or a display name).
 * @throws FormatError (`format: "text"`) when the bytes are a binary file, are not valid in the
 *   sniffed encoding (naming line and byte offset), or hold no text at all.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new FormatError("text", file, "is empty");
  const { encoding, bomLength } = sniffEncoding(bytes);
  const binary = binaryKind(bytes, encoding);
  if (binary !== null)
    throw new FormatError(
      "text",
      file,
      `looks like a binary file (${binary}); Quire reads text here`,
    );
  let decoded: string;
  try {
    decoded = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(
      bytes.subarray(bomLength),
    );
  } catch (error) {
    throw invalidEncoding(bytes, bomLength, encoding, file, error);
  }
  const text = canonicalText(decoded);
  if (text.trim() === "") throw new FormatError("text", file, "is empty");
  return text;
}

function invalidEncoding(
  bytes: Uint8Array,
  bomLength: number,
  encoding: TextEncoding,
  file: string,
  cause: unknown,
): FormatError {
  const offset =
    encoding === "utf-8"
      ? firstInvalidUtf8(bytes, bomLength)
      : firstInvalidUtf16(bytes, encoding === "utf-16le", bomLength);
  const name = encoding === "utf-8" ? "UTF-8" : encoding === "utf-16le" ? "UTF-16 LE" : "UTF-16 BE";
  if (offset < 0) return new FormatError("text", file, `invalid ${name} text`, { cause });
  return new FormatError("text", file, `invalid ${name} byte sequence (byte ${offset})`, {
    line: lineAtByte(bytes, offset, encoding),
    byteOffset: offset,
    cause,
  });
}

export interface ReadTextFileOptions {
  /** Refuse files larger than this many bytes, before reading them. Default 256 MiB. */
  maxBytes?: number;
  /** How to name the file in errors; default the path as given. */
  name?: string;
}

/**
 * Reads and decodes a text file (see `decodeText`).
 * @throws FormatError when the file is missing or unreadable, is larger than `maxBytes` (checked
 *   before reading), or fails `decodeText`.
 */
export async function readTextFile(
  path: string,
  options: ReadTextFileOptions = {},
): Promise<string> {
  const name = options.name ?? path;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_TEXT_BYTES;
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
    if (info.size > maxBytes)
      throw new FormatError(
        "text",
        name,
        `is ${formatBytes(info.size)}, more than the ${formatBytes(maxBytes)} Quire reads as one text`,
      );
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw fileSystemError("text", name, error);
  }
  return decodeText(bytes, name);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 ? 1 : 0)} KiB`;
  return `${bytes} bytes`;
}
