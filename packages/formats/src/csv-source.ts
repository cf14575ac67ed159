/**
 * The byte-to-record pipeline under the CSV importer: sniff the encoding and delimiter, check the
 * bytes (binary files, invalid UTF-8) as they stream, parse with csv-parse, and turn every failure
 * into a `FormatError` naming the file and line. Memory stays bounded by the stream's chunk size.
 */
import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Transform, type TransformCallback } from "node:stream";
import {
  binaryKind,
  firstInvalidUtf8,
  SNIFF_BYTES,
  sniffEncoding,
  type TextEncoding,
} from "./encoding.js";
import { FormatError, fileSystemError } from "./errors.js";
import { loadCsvParse } from "./lazy.js";

/** Bytes read per chunk; large chunks keep the per-chunk overhead small on big files. */
const CHUNK_BYTES = 256 * 1024;
const DELIMITERS = [",", ";", "\t", "|"] as const;

export interface CsvSource {
  encoding: TextEncoding;
  delimiter: string;
  /** Parsed records, the header first; each record's fields as written (quotes removed). */
  records: AsyncIterable<string[]>;
}

/** Reads the first bytes, for sniffing, without reading the whole file. */
async function readHead(path: string, name: string): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw fileSystemError("csv", name, error);
  } finally {
    await handle?.close();
  }
}

/** The delimiter used most often outside quotes on the first line; a comma when none is. */
function sniffDelimiter(head: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of head) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(char))
      counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ",";
  let bestCount = 0;
  for (const [delimiter, count] of counts)
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  return best;
}

/** The 1-based line holding the byte at `offset`, found by reading the file again (error path only). */
async function lineAtFileOffset(path: string, offset: number): Promise<number> {
  let line = 1;
  let previous = 0;
  if (offset <= 0) return line;
  for await (const chunk of createReadStream(path, { end: offset - 1 }) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === 0x0a && previous !== 0x0d) line++;
      else if (byte === 0x0d) line++;
      previous = byte;
    }
  }
  return line;
}

/**
 * Drops the byte-order mark and rejects NUL bytes and invalid UTF-8 as the bytes pass. A multi-byte
 * character split across two chunks is carried over to the next one.
 */
class Utf8Check extends Transform {
  private carry: Buffer | null = null;
  /** File offset of the first byte of the next chunk's carried-over part. */
  private offset: number;

  constructor(
    private readonly path: string,
    private readonly name: string,
    bomLength: number,
  ) {
    super();
    this.offset = bomLength;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = this.carry === null ? chunk : Buffer.concat([this.carry, chunk]);
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      this.fail(
        nul,
        "looks like a binary file (it contains NUL bytes); Quire reads text here",
        callback,
      );
      return;
    }
    const complete = completeUtf8Length(bytes);
    const whole = bytes.subarray(0, complete);
    if (!isUtf8(whole)) {
      const at = firstInvalidUtf8(whole);
      this.fail(at, `invalid UTF-8 byte sequence (byte ${this.offset + at})`, callback);
      return;
    }
    this.carry = complete < bytes.length ? Buffer.from(bytes.subarray(complete)) : null;
    this.offset += complete;
    callback(null, whole);
  }

  override _flush(callback: TransformCallback): void {
    if (this.carry !== null)
      this.fail(
        0,
        `invalid UTF-8 byte sequence (byte ${this.offset}): the file ends mid-character`,
        callback,
      );
    else callback();
  }

  private fail(at: number, detail: string, callback: TransformCallback): void {
    const byteOffset = this.offset + at;
    lineAtFileOffset(this.path, byteOffset).then(
      (line) => callback(new FormatError("csv", this.name, detail, { line, byteOffset })),
      (error: unknown) => callback(fileSystemError("csv", this.name, error)),
    );
  }
}

/** Length of the prefix of `bytes` that ends on a character boundary. */
function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
    const byte = bytes[i] as number;
    if (byte < 0x80) return end;
    if (byte >= 0xc0) {
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return end - i < need ? i : end;
    }
  }
  return end;
}

/** Drops the byte-order mark of UTF-16 and turns big-endian into little-endian, which csv-parse reads. */
class Utf16Prepare extends Transform {
  private carry: Buffer | null = null;
  private skip: number;

  constructor(
    private readonly bigEndian: boolean,
    bomLength: number,
  ) {
    super();
    this.skip = bomLength;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let bytes = this.carry === null ? chunk : Buffer.concat([this.carry, chunk]);
    if (this.skip > 0) {
      const skipped = Math.min(this.skip, bytes.length);
      bytes = bytes.subarray(skipped);
      this.skip -= skipped;
    }
    const even = bytes.length & ~1;
    this.carry = even < bytes.length ? Buffer.from(bytes.subarray(even)) : null;
    const out = Buffer.from(bytes.subarray(0, even));
    callback(null, this.bigEndian ? out.swap16() : out);
  }
}

/** Turns a csv-parse error into a `FormatError` with the line csv-parse reports. */
export function csvParseError(name: string, error: unknown, recordLine: number): FormatError {
  if (error instanceof FormatError) return error;
  const code = (error as { code?: unknown }).code;
  const lines = (error as { lines?: unknown }).lines;
  const line = typeof lines === "number" ? lines : undefined;
  switch (code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new FormatError(
        "csv",
        name,
        'a quoted field is never closed: the file ends inside quotes (look for an unmatched ")',
        { line: recordLine, cause: error },
      );
    case "CSV_INVALID_CLOSING_QUOTE":
      return new FormatError(
        "csv",
        name,
        'a quoted field goes on after its closing quote (a lone " inside quotes must be written "")',
        { line, cause: error },
      );
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_OPENING_QUOTE":
      return new FormatError(
        "csv",
        name,
        'a field that is not quoted contains a quote (quote the field and write " as "")',
        { line, cause: error },
      );
    default:
      if (typeof code === "string" && code.startsWith("CSV_"))
        return new FormatError("csv", name, (error as Error).message, { line, cause: error });
      if (typeof code === "string") return fileSystemError("csv", name, error);
      throw error;
  }
}

/**
 * Opens a CSV file as a stream of records.
 * @param delimiter default: sniffed from the first line among `,` `;` tab `|`.
 * @throws FormatError when the file is missing, empty or binary (errors met while streaming arrive
 *   through the records' iterator and need `csvParseError`).
 */
export async function openCsv(
  path: string,
  name: string,
  delimiter: string | undefined,
): Promise<CsvSource> {
  const head = await readHead(path, name);
  const { encoding, bomLength } = sniffEncoding(head);
  if (head.length <= bomLength) throw new FormatError("csv", name, "is empty");
  const binary = binaryKind(head, "utf-8");
  if (binary !== null && encoding === "utf-8")
    throw new FormatError(
      "csv",
      name,
      `looks like a binary file (${binary}); Quire reads text here`,
    );
  const { parse } = await loadCsvParse();
  const headText = new TextDecoder(encoding).decode(head.subarray(bomLength));
  const chosen = delimiter ?? sniffDelimiter(headText);

  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const prepare =
    encoding === "utf-8"
      ? new Utf8Check(path, name, bomLength)
      : new Utf16Prepare(encoding === "utf-16be", bomLength);
  const parser = parse({
    delimiter: chosen,
    encoding: encoding === "utf-8" ? "utf8" : "utf16le",
    // Field counts are checked by the caller, which knows the line and the header; blank lines come
    // through as one empty field so that line numbers stay exact.
    relax_column_count: true,
    skip_empty_lines: false,
  });
  // `pipe` does not forward errors: pass each stage's error down to the parser, whose iterator the
  // caller reads, so that every failure surfaces there.
  stream.on("error", (error) => parser.destroy(fileSystemError("csv", name, error)));
  prepare.on("error", (error) => parser.destroy(error));
  // A caller that stops reading early destroys the parser; close the file with it.
  parser.on("close", () => {
    prepare.destroy();
    stream.destroy();
  });
  stream.pipe(prepare).pipe(parser);
  return { encoding, delimiter: chosen, records: parser };
}

/** Lines a record spans beyond its first: one per line break inside its (quoted) fields. */
export function extraLines(record: readonly string[]): number {
  let lines = 0;
  for (let i = 0; i < record.length; i++) {
    const field = record[i] as string;
    let at = field.indexOf("\n");
    while (at !== -1) {
      lines++;
      at = field.indexOf("\n", at + 1);
    }
  }
  return lines;
}
