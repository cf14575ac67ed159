/**
 * A streaming ZIP writer with little per-entry cost. Each entry is written whole, with its sizes and
 * checksum in the local header (no data descriptors), through one large output buffer; the central
 * directory is spooled to a temporary file beside the archive, so a million entries cost no more
 * memory than ten. Checksums and compression are Node's native zlib: deflating a large entry runs on
 * libuv's thread pool, overlapping the JavaScript that produces the next one.
 *
 * A large entry produced a piece at a time (a project document) goes through a `DeflateSpool`: it is
 * deflated into a temporary file as it is written and copied into the archive when complete.
 *
 * Timestamps are fixed, so the same content gives the same bytes (a re-export can be compared byte
 * for byte). Archives over 4 GiB (ZIP64) are refused. Past 65,535 entries the 16-bit entry count
 * in the end record wraps, as other writers without ZIP64 do; readers go by the directory's size.
 */

import { once } from "node:events";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { crc32, createDeflateRaw, type DeflateRaw, deflateRaw } from "node:zlib";

/** 2000-01-01 00:00 as a DOS date and time, so entries do not depend on the clock or time zone. */
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const OUT_BUFFER = 1024 * 1024;
const COPY_CHUNK = 1024 * 1024;
const MAX_32 = 0xffffffff;
/** Names are UTF-8 (general-purpose flag bit 11). */
const UTF8_FLAG = 0x0800;
/**
 * Entries smaller than this are stored uncompressed: setting up a deflate stream costs more than a
 * few hundred bytes save, and a project of ten thousand short responses has ten thousand of them.
 */
const STORE_BELOW = 4 * 1024;
/**
 * The zlib level: on REFI XML and interview text level 3 runs several times faster than the default
 * 6 and the archive is about a tenth larger. Any level reads the same everywhere.
 */
export const ZIP_LEVEL = 3;

function deflateAsync(data: Uint8Array, level: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    deflateRaw(data, { level }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

/** Bytes to a write stream through one large buffer, waiting for the disk when it falls behind. */
class BufferedOut {
  private buffer = Buffer.allocUnsafe(OUT_BUFFER);
  private used = 0;
  private failure: Error | null = null;
  /** Bytes written so far. */
  offset = 0;

  constructor(readonly stream: WriteStream) {
    stream.on("error", (error) => {
      this.failure ??= error;
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.offset += bytes.length;
    if (bytes.length > this.buffer.length - this.used) {
      await this.flush();
      if (bytes.length >= this.buffer.length) {
        await this.send(bytes);
        return;
      }
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.buffer.subarray(0, this.used);
    // The stream keeps the buffer until it is on disk: the next bytes go into a new one.
    this.buffer = Buffer.allocUnsafe(OUT_BUFFER);
    this.used = 0;
    await this.send(full);
  }

  private async send(bytes: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(bytes)) await once(this.stream, "drain");
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    if (this.failure) throw this.failure;
  }
}

interface EntryInfo {
  method: 0 | 8;
  crc: number;
  size: number;
  compressedSize: number;
}

export class ZipWriter {
  private readonly out: BufferedOut;
  private readonly directory: BufferedOut;
  private readonly directoryPath: string;
  private count = 0;

  constructor(path: string) {
    this.out = new BufferedOut(createWriteStream(path));
    this.directoryPath = `${path}.directory`;
    this.directory = new BufferedOut(createWriteStream(this.directoryPath));
  }

  /** Writes a whole entry: stored when tiny, deflated otherwise. */
  async entry(name: string, data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    const crc = crc32(bytes) >>> 0;
    if (bytes.length < STORE_BELOW) {
      await this.header(name, { method: 0, crc, size: bytes.length, compressedSize: bytes.length });
      await this.out.write(bytes);
      return;
    }
    const packed = await deflateAsync(bytes, ZIP_LEVEL);
    const info: EntryInfo = { method: 8, crc, size: bytes.length, compressedSize: packed.length };
    await this.header(name, info);
    await this.out.write(packed);
  }

  /** Adds an entry deflated into a spool file, copying the file in; the spool is removed. */
  async spooled(name: string, spool: DeflateSpool): Promise<void> {
    const info = await spool.close();
    await this.header(name, { method: 8, ...info });
    for await (const chunk of createReadStream(spool.path, { highWaterMark: COPY_CHUNK }))
      await this.out.write(chunk as Buffer);
    await spool.remove();
  }

  private async header(name: string, info: EntryInfo): Promise<void> {
    const offset = this.out.offset;
    if (info.size > MAX_32 || info.compressedSize > MAX_32 || offset > MAX_32)
      throw new Error("the archive would pass 4 GiB, which needs ZIP64 (not supported)");
    const nameBytes = Buffer.from(name, "utf8");
    const local = Buffer.alloc(30 + nameBytes.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(info.method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(info.crc >>> 0, 14);
    local.writeUInt32LE(info.compressedSize, 18);
    local.writeUInt32LE(info.size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    nameBytes.copy(local, 30);
    await this.out.write(local);

    const central = Buffer.alloc(46 + nameBytes.length);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_FLAG, 8);
    central.writeUInt16LE(info.method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(info.crc >>> 0, 16);
    central.writeUInt32LE(info.compressedSize, 20);
    central.writeUInt32LE(info.size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // Extra field, comment, disk number, attributes: all zero.
    central.writeUInt32LE(offset, 42);
    nameBytes.copy(central, 46);
    await this.directory.write(central);
    this.count++;
  }

  /** Writes the central directory and closes the file. @throws the first write error. */
  async finish(): Promise<void> {
    await this.directory.close();
    const start = this.out.offset;
    for await (const chunk of createReadStream(this.directoryPath, { highWaterMark: COPY_CHUNK }))
      await this.out.write(chunk as Buffer);
    const size = this.out.offset - start;
    if (this.out.offset > MAX_32)
      throw new Error("the archive would pass 4 GiB, which needs ZIP64 (not supported)");
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.count & 0xffff, 8);
    end.writeUInt16LE(this.count & 0xffff, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    await this.out.write(end);
    await this.out.close();
    await rm(this.directoryPath, { force: true });
  }

  /** Abandons the archive (the caller removes the partial file). */
  async abort(): Promise<void> {
    this.out.stream.destroy();
    this.directory.stream.destroy();
    await rm(this.directoryPath, { force: true });
  }
}

/**
 * One entry's content deflated into a temporary file as it is written, in large pieces; the
 * checksum and sizes are counted on the way. Text is gathered until `PIECE` characters and encoded
 * once, so thousands of small writes cost one conversion.
 */
export class DeflateSpool {
  private readonly deflate: DeflateRaw;
  private readonly done: Promise<void>;
  private pieces: string[] = [];
  private pending = 0;
  private crc = 0;
  private size = 0;
  private failure: Error | null = null;
  private static readonly PIECE = 256 * 1024;

  constructor(readonly path: string) {
    this.deflate = createDeflateRaw({ level: ZIP_LEVEL, chunkSize: 256 * 1024 });
    this.done = pipeline(this.deflate, createWriteStream(path));
    this.done.catch((error: Error) => {
      this.failure ??= error;
    });
  }

  /** Adds text; returns a promise only when the data has to wait for the disk. */
  write(text: string): Promise<void> | undefined {
    this.pieces.push(text);
    this.pending += text.length;
    return this.pending >= DeflateSpool.PIECE ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pieces.length === 0) return;
    const bytes = Buffer.from(
      this.pieces.length === 1 ? (this.pieces[0] as string) : this.pieces.join(""),
      "utf8",
    );
    this.pieces = [];
    this.pending = 0;
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    if (!this.deflate.write(bytes)) await Promise.race([once(this.deflate, "drain"), this.done]);
  }

  /** Ends the content; the checksum and sizes for the archive. */
  async close(): Promise<{ crc: number; size: number; compressedSize: number }> {
    await this.flush();
    this.deflate.end();
    await this.done;
    if (this.failure) throw this.failure;
    const { size: compressedSize } = await stat(this.path);
    return { crc: this.crc >>> 0, size: this.size, compressedSize };
  }

  destroy(): void {
    this.deflate.destroy();
  }

  async remove(): Promise<void> {
    await rm(this.path, { force: true });
  }
}
