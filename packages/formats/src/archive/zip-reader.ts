/**
 * A guarded reader for ZIP archives (REFI `.qdpx`, and DOCX/XLSX, which are ZIPs too).
 *
 * The central directory at the end of the file is read first and checked as a whole — entry count,
 * names (no absolute paths, no `..`, no duplicates), sizes — before a single byte is inflated. Each
 * entry is then streamed on demand through Node's zlib (on the thread pool, beside the parsing),
 * counting bytes out against the declared size, the per-entry and per-archive budgets and the
 * compression ratio, and checking the CRC at the end. Random access (rather than one sequential
 * pass) is deliberate: a REFI reader needs `project.qde` before the source texts, wherever the
 * writer put them, and a sequential pass would have to hold every text that came first in memory.
 */

import { type FileHandle, open } from "node:fs/promises";
import { crc32, createInflateRaw, inflateRawSync } from "node:zlib";
import { FormatError, fileSystemError } from "../errors.js";
import { decodeName, EntryIndex } from "./entry-index.js";
import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from "./limits.js";

export interface ZipEntry {
  /** The name as stored, with `/` separators. */
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const MAX_32 = 0xffffffff;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const READ_CHUNK = 256 * 1024;
/**
 * Small entries (plain-text twins, mostly) are read through one window of this size: a project's
 * texts lie one after another, so one read serves hundreds of them instead of two reads each.
 */
const WINDOW = 4 * 1024 * 1024;
const WINDOWED_BELOW = 256 * 1024;
/** Output pieces of a streamed inflate: large enough that per-chunk work stays small. */
const INFLATE_CHUNK = 256 * 1024;

/** An open archive; close it when done. */
export class ZipArchive {
  private totalOut = 0;
  private window: { start: number; bytes: Buffer } | null = null;

  private constructor(
    private readonly handle: FileHandle,
    /** The archive as messages name it. */
    readonly file: string,
    readonly format: string,
    private readonly index: EntryIndex,
    private readonly size: number,
    private readonly limits: ArchiveLimits,
  ) {}

  /**
   * Opens an archive and checks its central directory.
   * @throws FormatError naming the file (and the entry) for an empty, truncated or hostile archive.
   */
  static async open(
    path: string,
    options: { file?: string; format?: string; limits?: Partial<ArchiveLimits> } = {},
  ): Promise<ZipArchive> {
    const file = options.file ?? path;
    const format = options.format ?? "zip";
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits };
    let handle: FileHandle;
    try {
      handle = await open(path, "r");
    } catch (error) {
      throw fileSystemError(format, file, error);
    }
    try {
      const { size } = await handle.stat();
      const fail = (detail: string, byteOffset?: number) =>
        new FormatError(format, file, detail, byteOffset === undefined ? {} : { byteOffset });
      if (size === 0) throw fail("the file is empty (0 bytes), not a ZIP archive");
      if (size < EOCD_MIN)
        throw fail(`the file is only ${size} bytes, too short for a ZIP archive`);
      const tailLength = Math.min(size, EOCD_MIN + MAX_COMMENT);
      const tail = await readAt(handle, size - tailLength, tailLength);
      let eocd = -1;
      for (let at = tail.length - EOCD_MIN; at >= 0; at--)
        if (tail.readUInt32LE(at) === EOCD_SIGNATURE) {
          eocd = at;
          break;
        }
      if (eocd < 0)
        throw fail(
          "not a ZIP archive, or a truncated one: its end-of-archive record is missing (was the download cut short?)",
        );
      const disk = tail.readUInt16LE(eocd + 4);
      let count = tail.readUInt16LE(eocd + 10);
      let cdSize = tail.readUInt32LE(eocd + 12);
      let cdOffset = tail.readUInt32LE(eocd + 16);
      let directoryEnd = size - tailLength + eocd;
      if (disk !== 0) throw fail("multi-part (spanned) ZIP archives are not supported");
      // A ZIP64 archive (more than 65,534 entries, or past 4 GiB) has its real figures in a ZIP64
      // end record, found through the locator just before the classic one.
      const zip64 =
        eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIGNATURE
          ? await readZip64End(handle, tail, eocd, directoryEnd, fail)
          : null;
      if (zip64) {
        ({ count, cdSize, cdOffset } = zip64);
        directoryEnd = zip64.recordOffset;
      } else if (cdSize === MAX_32 || cdOffset === MAX_32)
        throw fail("the archive is corrupt: it needs ZIP64 records and has none");
      if (cdSize > limits.maxCentralDirectoryBytes)
        throw fail(`the archive's directory is ${cdSize} bytes, larger than accepted`);
      if (cdOffset + cdSize > directoryEnd)
        throw fail(
          "the archive is truncated or corrupt: its directory lies past its end",
          cdOffset,
        );
      const directory = await readAt(handle, cdOffset, cdSize);
      const listed = new EntryIndex(directory);
      let at = 0;
      // The directory is read to its recorded size, not to the 16-bit entry count: writers without
      // ZIP64 (fflate among them) let that count wrap past 65,535 entries. A count that disagrees
      // other than by wrapping is corruption.
      for (let index = 0; at < directory.length; index++) {
        if (index >= limits.maxEntries)
          throw fail(`the archive holds more than ${limits.maxEntries} entries; refused`);
        if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE)
          throw fail(`the archive's directory is corrupt at entry ${index + 1}`, cdOffset + at);
        const flags = directory.readUInt16LE(at + 8);
        let compressedSize = directory.readUInt32LE(at + 20);
        let entrySize = directory.readUInt32LE(at + 24);
        const nameLength = directory.readUInt16LE(at + 28);
        const extraLength = directory.readUInt16LE(at + 30);
        const commentLength = directory.readUInt16LE(at + 32);
        let localHeaderOffset = directory.readUInt32LE(at + 42);
        const record = at;
        const nameEnd = at + 46 + nameLength;
        if (nameEnd + extraLength > directory.length)
          throw fail(`the archive's directory is corrupt at entry ${index + 1}`, cdOffset + at);
        const name = decodeName(directory.subarray(at + 46, nameEnd), (flags & 0x800) !== 0);
        if (entrySize === MAX_32 || compressedSize === MAX_32 || localHeaderOffset === MAX_32) {
          const wide = zip64Values(directory.subarray(nameEnd, nameEnd + extraLength));
          const next = () => {
            const value = wide.shift();
            if (value === undefined)
              throw fail(`entry "${name}": its ZIP64 sizes are missing (corrupt archive)`);
            return value;
          };
          if (entrySize === MAX_32) entrySize = next();
          if (compressedSize === MAX_32) compressedSize = next();
          if (localHeaderOffset === MAX_32) localHeaderOffset = next();
        }
        at = nameEnd + extraLength + commentLength;
        const where = `entry "${name}"`;
        checkEntryName(name, (detail) => fail(`${where}: ${detail}`));
        if (localHeaderOffset + 30 > cdOffset || localHeaderOffset + compressedSize > cdOffset)
          throw fail(`${where}: its data lies outside the archive (truncated or corrupt)`);
        if (entrySize > limits.maxEntryBytes)
          throw fail(`${where} would unpack to ${entrySize} bytes, more than accepted`);
        if (!listed.add(record, name, entrySize, compressedSize, localHeaderOffset))
          throw fail(`${where} appears twice in the archive; refusing to guess which one is meant`);
      }
      if ((zip64 ? listed.count : listed.count & 0xffff) !== count)
        throw fail(
          `the archive's directory holds ${listed.count} entries but its end record says ${count} (corrupt)`,
        );
      return new ZipArchive(handle, file, format, listed, size, limits);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Every entry, in directory order, made on each call: for listings, not for lookups. */
  get entries(): ZipEntry[] {
    return Array.from({ length: this.index.count }, (_, position) => this.index.entry(position));
  }

  /** How many entries the archive holds. */
  get entryCount(): number {
    return this.index.count;
  }

  /** The total uncompressed size of every entry. */
  get unpackedSize(): number {
    let total = 0;
    for (let position = 0; position < this.index.count; position++)
      total += this.index.size(position);
    return total;
  }

  /** The entry of exactly this name, or undefined. */
  entry(name: string): ZipEntry | undefined {
    const entry = this.entryIgnoringCase(name);
    return entry?.name === name ? entry : undefined;
  }

  /** The entry whose name equals `name` ignoring letter case, or undefined. */
  entryIgnoringCase(name: string): ZipEntry | undefined {
    const position = this.index.positionIgnoringCase(name);
    return position >= 0 ? this.index.entry(position) : undefined;
  }

  /**
   * Streams an entry's uncompressed bytes, enforcing every size and ratio bound as it goes.
   * @throws FormatError naming the archive and the entry.
   */
  async *read(entry: ZipEntry): AsyncGenerator<Uint8Array> {
    const fail = (detail: string) =>
      new FormatError(this.format, this.file, `entry "${entry.name}": ${detail}`);
    if ((entry.flags & 0x1) !== 0) throw fail("is encrypted, which Quire cannot read");
    if (entry.method !== 0 && entry.method !== 8)
      throw fail(`uses compression method ${entry.method}; only stored and deflated are supported`);
    const fetch =
      entry.compressedSize < WINDOWED_BELOW
        ? (position: number, length: number) => this.windowed(position, length)
        : (position: number, length: number) => readAt(this.handle, position, length);
    const header = await fetch(entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE)
      throw fail("its local header is missing (truncated or corrupt archive)");
    const dataStart =
      entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (dataStart + entry.compressedSize > this.size)
      throw fail("its data runs past the end of the file (truncated archive)");

    let produced = 0;
    let crc = 0;
    const account = (chunk: Uint8Array) => {
      produced += chunk.length;
      this.totalOut += chunk.length;
      if (produced > entry.size)
        throw fail(`unpacks to more than the ${entry.size} bytes its header declares (zip bomb?)`);
      if (this.totalOut > this.limits.maxTotalBytes)
        throw fail("the archive unpacks to more than Quire accepts in total (zip bomb?)");
      if (
        produced > this.limits.ratioGraceBytes &&
        produced / Math.max(1, entry.compressedSize) > this.limits.maxRatio
      )
        throw fail(
          `compresses more than ${this.limits.maxRatio}:1, which only zip bombs do; refused`,
        );
      crc = crc32(chunk, crc);
    };
    const compressed = async function* () {
      let offset = 0;
      while (offset < entry.compressedSize) {
        const length = Math.min(READ_CHUNK, entry.compressedSize - offset);
        const raw = await fetch(dataStart + offset, length);
        if (raw.length < length) throw fail("its data is cut short (truncated archive)");
        offset += length;
        yield raw;
      }
    };
    if (entry.method === 8 && entry.compressedSize === 0)
      throw fail("its compressed data is empty");
    if (entry.method === 0)
      for await (const raw of compressed()) {
        const chunk = new Uint8Array(raw);
        account(chunk);
        yield chunk;
      }
    else if (entry.compressedSize < WINDOWED_BELOW) {
      const chunk = this.inflateSmall(await fetch(dataStart, entry.compressedSize), entry, fail);
      account(chunk);
      yield chunk;
    } else yield* inflateStream(compressed(), account, fail);
    if (produced !== entry.size)
      throw fail(`unpacks to ${produced} bytes, not the ${entry.size} its header declares`);
    if (crc >>> 0 !== entry.crc >>> 0) throw fail("fails its checksum (the archive is corrupt)");
  }

  /**
   * Inflates a small entry in one call, its output capped by the declared size and the ratio bound
   * so that a lying header cannot make it allocate more.
   */
  private inflateSmall(
    raw: Buffer,
    entry: ZipEntry,
    fail: (detail: string) => FormatError,
  ): Buffer {
    if (raw.length < entry.compressedSize) throw fail("its data is cut short (truncated archive)");
    const byRatio = Math.max(
      this.limits.ratioGraceBytes,
      entry.compressedSize * this.limits.maxRatio,
    );
    const cap = Math.min(entry.size, byRatio) + 1;
    try {
      return inflateRawSync(raw, { maxOutputLength: cap });
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
        throw fail(
          entry.size < byRatio
            ? `unpacks to more than the ${entry.size} bytes its header declares (zip bomb?)`
            : `compresses more than ${this.limits.maxRatio}:1, which only zip bombs do; refused`,
        );
      throw fail(`its compressed data is corrupt (${(error as Error).message})`);
    }
  }

  /** Bytes at `position` from the window, reading a new window when they are not in it. */
  private async windowed(position: number, length: number): Promise<Buffer> {
    let window = this.window;
    if (
      !window ||
      position < window.start ||
      position + length > window.start + window.bytes.length
    ) {
      const bytes = await readAt(
        this.handle,
        position,
        Math.max(length, Math.min(WINDOW, this.size - position)),
      );
      window = { start: position, bytes };
      this.window = window;
    }
    const from = position - window.start;
    return window.bytes.subarray(from, Math.min(from + length, window.bytes.length));
  }

  /**
   * Reads a whole entry into memory, refusing entries larger than `maxBytes`.
   * @throws FormatError
   */
  async readAll(entry: ZipEntry, maxBytes: number): Promise<Uint8Array> {
    if (entry.size > maxBytes)
      throw new FormatError(
        this.format,
        this.file,
        `entry "${entry.name}" is ${entry.size} bytes, larger than the ${maxBytes} accepted`,
      );
    const parts: Uint8Array[] = [];
    for await (const chunk of this.read(entry)) parts.push(chunk);
    return Buffer.concat(parts);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** Refuses names that could escape a folder if anyone ever extracted the archive. */
function checkEntryName(name: string, fail: (detail: string) => FormatError): void {
  if (name === "") throw fail("has an empty name");
  if (name.includes("\0")) throw fail("has a NUL character in its name");
  if (/^[/\\]/.test(name) || /^[A-Za-z]:/.test(name))
    throw fail("has an absolute path; refused (path traversal)");
  if (name.split(/[/\\]/).some((segment) => segment === ".."))
    throw fail('has ".." in its path; refused (path traversal)');
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/**
 * Inflates a large entry on zlib's thread pool, a chunk at a time: output is pulled as the reader
 * asks for it, so a bomb is stopped by `account` long before it fills memory.
 */
async function* inflateStream(
  source: AsyncIterable<Buffer>,
  account: (chunk: Uint8Array) => void,
  fail: (detail: string) => FormatError,
): AsyncGenerator<Uint8Array> {
  const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK });
  let failure: unknown = null;
  const feeding = (async () => {
    try {
      for await (const raw of source) {
        if (inflate.destroyed) return;
        if (!inflate.write(raw)) await drainedOrClosed(inflate);
      }
      inflate.end();
    } catch (error) {
      failure = error;
      inflate.destroy();
    }
  })();
  try {
    for await (const chunk of inflate) {
      account(chunk as Buffer);
      yield chunk as Buffer;
    }
  } catch (error) {
    if (failure) throw failure;
    if (error instanceof FormatError) throw error;
    const code = (error as { code?: string }).code;
    throw fail(
      code === "Z_BUF_ERROR"
        ? "its compressed data ends early (truncated archive)"
        : `its compressed data is corrupt (${(error as Error).message})`,
    );
  } finally {
    inflate.destroy();
    await feeding;
  }
  if (failure) throw failure;
}

/** Waits until a stream wants more input or has been closed, leaving no listener behind. */
function drainedOrClosed(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

/** The figures of a ZIP64 end record, through the locator before the classic end record. */
async function readZip64End(
  handle: FileHandle,
  tail: Buffer,
  eocd: number,
  eocdOffset: number,
  fail: (detail: string, byteOffset?: number) => FormatError,
): Promise<{ count: number; cdSize: number; cdOffset: number; recordOffset: number }> {
  const recordOffset = safeNumber(tail.readBigUInt64LE(eocd - 20 + 8));
  if (recordOffset === null || recordOffset + 56 > eocdOffset - 20)
    throw fail("the archive's ZIP64 end record lies outside it (corrupt)");
  const record = await readAt(handle, recordOffset, 56);
  if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_END_SIGNATURE)
    throw fail("the archive's ZIP64 end record is missing (corrupt)", recordOffset);
  if (record.readUInt32LE(16) !== 0 || record.readUInt32LE(20) !== 0)
    throw fail("multi-part (spanned) ZIP archives are not supported");
  const count = safeNumber(record.readBigUInt64LE(32));
  const cdSize = safeNumber(record.readBigUInt64LE(40));
  const cdOffset = safeNumber(record.readBigUInt64LE(48));
  if (count === null || cdSize === null || cdOffset === null)
    throw fail("the archive's ZIP64 end record holds impossible sizes (corrupt)", recordOffset);
  return { count, cdSize, cdOffset, recordOffset };
}

/** The 64-bit values of a ZIP64 extended-information field (0x0001) among an entry's extras. */
function zip64Values(extras: Buffer): number[] {
  for (let at = 0; at + 4 <= extras.length; ) {
    const id = extras.readUInt16LE(at);
    const length = extras.readUInt16LE(at + 2);
    if (id === 0x0001) {
      const values: number[] = [];
      for (let offset = at + 4; offset + 8 <= Math.min(at + 4 + length, extras.length); offset += 8)
        values.push(safeNumber(extras.readBigUInt64LE(offset)) ?? Number.POSITIVE_INFINITY);
      return values;
    }
    at += 4 + length;
  }
  return [];
}

function safeNumber(value: bigint): number | null {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
}
