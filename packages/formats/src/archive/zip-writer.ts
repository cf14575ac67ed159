/**
 * A streaming ZIP writer over fflate's `Zip`/`ZipDeflate`: entries are written one after another
 * straight to a file, a chunk at a time, waiting for the disk when it falls behind, so an archive
 * far larger than memory can be written. Timestamps are fixed so the same content gives the same
 * bytes (a re-export can be compared byte for byte).
 */

import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";

/** A fixed local-time date, so the DOS timestamps do not depend on the clock or the time zone. */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);
const CHUNK = 256 * 1024;
/**
 * Entries smaller than this are stored uncompressed: setting up a deflate stream costs more than a
 * few hundred bytes save, and a project of ten thousand short responses has ten thousand of them.
 */
const STORE_BELOW = 4 * 1024;

export class ZipWriter {
  private readonly zip: Zip;
  private readonly stream: WriteStream;
  private failure: Error | null = null;
  private finished: Promise<void>;
  private open: ZipDeflate | ZipPassThrough | null = null;

  constructor(path: string) {
    this.stream = createWriteStream(path);
    this.stream.on("error", (error) => {
      this.failure ??= error;
    });
    let resolveEnd: () => void = () => {};
    this.finished = new Promise((resolve) => {
      resolveEnd = resolve;
    });
    this.zip = new Zip((error, data, final) => {
      if (error) {
        this.failure ??= error;
        return;
      }
      this.stream.write(data);
      if (final) this.stream.end(resolveEnd);
    });
  }

  /** Starts an entry; write its bytes with `write` and finish it with `closeEntry`. */
  startEntry(name: string, options: { store?: boolean } = {}): void {
    if (this.open) throw new Error(`entry "${this.open.filename}" is still open`);
    const file = options.store ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    file.mtime = FIXED_MTIME;
    this.zip.add(file);
    this.open = file;
  }

  /** Appends bytes (or UTF-8 text) to the open entry, waiting while the disk catches up. */
  async write(data: Uint8Array | string): Promise<void> {
    const file = this.open;
    if (!file) throw new Error("no entry is open");
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    for (let offset = 0; offset < bytes.length; offset += CHUNK) {
      file.push(bytes.subarray(offset, offset + CHUNK), false);
      await this.drain();
    }
  }

  async closeEntry(): Promise<void> {
    const file = this.open;
    if (!file) throw new Error("no entry is open");
    file.push(new Uint8Array(0), true);
    this.open = null;
    await this.drain();
  }

  /** Writes a whole entry at once. */
  async entry(name: string, data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    this.startEntry(name, { store: bytes.length < STORE_BELOW });
    await this.write(bytes);
    await this.closeEntry();
  }

  /** Writes the central directory and closes the file. @throws the first write error. */
  async finish(): Promise<void> {
    this.zip.end();
    await this.finished;
    if (this.failure) throw this.failure;
  }

  /** Abandons the archive (the caller removes the partial file). */
  abort(): void {
    this.zip.terminate();
    this.stream.destroy();
  }

  private async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stream.writableNeedDrain) await once(this.stream, "drain");
    if (this.failure) throw this.failure;
  }
}
