import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeText, FormatError, readTextFile, sniffEncoding } from "@quire/formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const units = [...(bom ? "\uFEFF" : ""), ...text].join("");
  const bytes = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const unit = units.charCodeAt(i);
    bytes[i * 2 + (bigEndian ? 1 : 0)] = unit & 0xff;
    bytes[i * 2 + (bigEndian ? 0 : 1)] = unit >> 8;
  }
  return bytes;
}

function formatError(run: () => unknown): FormatError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    return error as FormatError;
  }
  throw new Error("expected a FormatError");
}

describe("decodeText", () => {
  it("returns canonical text and drops a UTF-8 byte-order mark", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("I: cafe\u0301\r\nR: ok\r\n")]);
    expect(decodeText(bytes, "a.txt")).toBe("I: caf\u00e9\nR: ok\n");
  });

  it.each([
    ["UTF-16 LE with BOM", false, true],
    ["UTF-16 BE with BOM", true, true],
    ["UTF-16 LE without BOM", false, false],
    ["UTF-16 BE without BOM", true, false],
  ])("reads %s", (_label, bigEndian, bom) => {
    const text = "I: Tell me about the clinic.\nR: It was fine – really, Zoë.\n";
    const bytes = utf16(text, bigEndian, bom);
    expect(sniffEncoding(bytes).encoding).toBe(bigEndian ? "utf-16be" : "utf-16le");
    expect(decodeText(bytes, "a.txt")).toBe(text);
  });

  it("names the line and byte of an invalid UTF-8 sequence", () => {
    const bytes = new Uint8Array([...utf8("one\ntwo\nth"), 0xc3, 0x28, ...utf8("ree\n")]);
    const error = formatError(() => decodeText(bytes, "interviews/P07.txt"));
    expect(error.line).toBe(3);
    expect(error.byteOffset).toBe(10);
    expect(error.message).toBe("interviews/P07.txt line 3: invalid UTF-8 byte sequence (byte 10)");
  });

  it("rejects a lone UTF-16 surrogate with its line", () => {
    const bytes = utf16("ok\nbad \uD800 here", false, true);
    const error = formatError(() => decodeText(bytes, "x.txt"));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/invalid UTF-16 LE byte sequence/);
  });

  it.each([
    ["PDF", utf8("%PDF-1.7\n%âãÏÓ\n"), /a PDF document/],
    ["DOCX", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0]), /ZIP archive/],
    ["PNG", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), /PNG/],
    ["NUL bytes", new Uint8Array([...utf8("abc"), 0, 1, 2, 0, 0xff]), /NUL bytes/],
  ])("refuses a binary file (%s)", (_label, bytes, kind) => {
    const error = formatError(() => decodeText(bytes, "b.txt"));
    expect(error.message).toMatch(
      /^b\.txt: looks like a binary file \(.*\); Quire reads text here$/,
    );
    expect(error.message).toMatch(kind);
  });

  it.each([
    ["no bytes", new Uint8Array()],
    ["only a BOM", new Uint8Array([0xef, 0xbb, 0xbf])],
    ["only whitespace", utf8(" \n\t\r\n ")],
  ])("refuses an empty file (%s)", (_label, bytes) => {
    expect(formatError(() => decodeText(bytes, "e.txt")).message).toBe("e.txt: is empty");
  });
});

describe("readTextFile", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "quire-formats-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads and decodes a file", async () => {
    const path = join(dir, "ok.txt");
    await writeFile(path, "\uFEFFI: hello\r\n");
    expect(await readTextFile(path)).toBe("I: hello\n");
  });

  it("refuses a file over the size limit before reading it", async () => {
    const path = join(dir, "huge.txt");
    await writeFile(path, "");
    // A sparse file: its size is 300 MiB but no data is written.
    await truncate(path, 300 * 1024 * 1024);
    await expect(readTextFile(path, { name: "huge.txt" })).rejects.toThrow(
      "huge.txt: is 300 MiB, more than the 256 MiB Quire reads as one text",
    );
    await expect(readTextFile(join(dir, "ok.txt"), { maxBytes: 4 })).rejects.toBeInstanceOf(
      FormatError,
    );
  });

  it("wraps a missing file as a FormatError", async () => {
    await expect(readTextFile(join(dir, "missing.txt"), { name: "missing.txt" })).rejects.toThrow(
      "missing.txt: cannot be read: no such file",
    );
  });
});
