/**
 * Reading a binary document whole, with the checks every binary parser needs first: the file
 * exists, is not empty and is not larger than a document Quire is willing to hold in memory.
 */
import { readFile, stat } from "node:fs/promises";
import { FormatError, fileSystemError } from "./errors.js";

/** Default ceiling for a binary document (DOCX, PDF, XLSX, ODT): 256 MiB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/**
 * Reads a whole file as bytes.
 * @param format the parser's name, for the error.
 * @param name how to name the file in messages.
 * @throws FormatError when the file is missing, unreadable, empty or larger than `maxBytes`.
 */
export async function readDocumentBytes(
  path: string,
  format: string,
  name: string,
  maxBytes = DEFAULT_MAX_DOCUMENT_BYTES,
): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error("folder"), { code: "EISDIR" });
    if (info.size > maxBytes)
      throw new FormatError(
        format,
        name,
        `is ${info.size} bytes, more than the ${maxBytes} Quire reads as one document`,
      );
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw fileSystemError(format, name, error);
  }
  if (bytes.length === 0) throw new FormatError(format, name, "is empty (0 bytes)");
  return bytes;
}

/** What the first bytes say a file really is, to name a wrong extension in the error. */
export function sniffContainer(bytes: Uint8Array): "zip" | "pdf" | "ole" | "other" {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "zip";
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)
    return "pdf";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return "ole";
  return "other";
}

/** A short description of what the bytes are, for "this is not a PDF, it is …" messages. */
export function describeContainer(bytes: Uint8Array): string {
  switch (sniffContainer(bytes)) {
    case "zip":
      return "a ZIP archive (DOCX, XLSX, ODT…)";
    case "pdf":
      return "a PDF";
    case "ole":
      return "an old binary Office file (.doc/.xls); save it as .docx/.xlsx";
    default:
      return "not a recognised document";
  }
}
