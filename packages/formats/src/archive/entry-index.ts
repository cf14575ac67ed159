/**
 * An archive's entries, kept compact for as long as the archive is open: the central directory's
 * own bytes (outside the JavaScript heap), four numbers per entry, and a hash table over the
 * names folded to lower case. A REFI-QDA project of survey responses holds one text per response;
 * a hundred thousand entry objects with their names, kept alive for a whole import, made the
 * garbage collector grow the heap by several times their size. Entries are made on demand.
 */
import type { ZipEntry } from "./zip-reader.js";

const FATAL_UTF8 = new TextDecoder("utf-8", { fatal: true });
const LENIENT_UTF8 = new TextDecoder("utf-8");

/** An entry's name as its directory record stores it. */
export function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
  try {
    return FATAL_UTF8.decode(bytes);
  } catch {
    // Without the UTF-8 flag, names are in the DOS code page; Latin-1 keeps every byte visible.
    return utf8Flag ? LENIENT_UTF8.decode(bytes) : Buffer.from(bytes).toString("latin1");
  }
}

/** A name as compared ignoring case (and Unicode normalisation). */
export function foldName(name: string): string {
  return name.normalize("NFC").toLowerCase();
}

/** FNV-1a over UTF-16 code units. */
function hashName(folded: string): number {
  let hash = 0x811c9dc5;
  for (let at = 0; at < folded.length; at++)
    hash = Math.imul(hash ^ folded.charCodeAt(at), 0x01000193);
  return hash | 0;
}

export class EntryIndex {
  /** Where each entry's record starts in the directory. */
  private readonly records: number[] = [];
  /** Sizes and offsets, which ZIP64 entries keep in an extra field: read once, kept here. */
  private readonly sizes: number[] = [];
  private readonly compressedSizes: number[] = [];
  private readonly localOffsets: number[] = [];
  private readonly hashes: number[] = [];
  /** Open addressing over folded names: an entry's position plus one, 0 for an empty slot. */
  private table = new Int32Array(64);

  constructor(private readonly directory: Buffer) {}

  get count(): number {
    return this.records.length;
  }

  /**
   * Adds the entry whose record starts at `record`.
   * @returns false when an entry of the same name, ignoring case, is there already.
   */
  add(
    record: number,
    name: string,
    size: number,
    compressedSize: number,
    localHeaderOffset: number,
  ): boolean {
    const folded = foldName(name);
    const hash = hashName(folded);
    if (this.find(folded, hash) >= 0) return false;
    if ((this.count + 1) * 2 > this.table.length) this.grow();
    this.records.push(record);
    this.sizes.push(size);
    this.compressedSizes.push(compressedSize);
    this.localOffsets.push(localHeaderOffset);
    this.hashes.push(hash);
    this.place(this.count - 1, hash);
    return true;
  }

  /** The position of the entry named `name` ignoring case, or -1. */
  positionIgnoringCase(name: string): number {
    const folded = foldName(name);
    return this.find(folded, hashName(folded));
  }

  /** The entry at a position, made afresh. */
  entry(position: number): ZipEntry {
    const record = this.records[position] as number;
    const directory = this.directory;
    return {
      name: this.name(position),
      method: directory.readUInt16LE(record + 10),
      flags: directory.readUInt16LE(record + 8),
      crc: directory.readUInt32LE(record + 16),
      compressedSize: this.compressedSizes[position] as number,
      size: this.sizes[position] as number,
      localHeaderOffset: this.localOffsets[position] as number,
    };
  }

  /** The name of the entry at a position, decoded from its record. */
  name(position: number): string {
    const record = this.records[position] as number;
    const directory = this.directory;
    const nameLength = directory.readUInt16LE(record + 28);
    const utf8Flag = (directory.readUInt16LE(record + 8) & 0x800) !== 0;
    return decodeName(directory.subarray(record + 46, record + 46 + nameLength), utf8Flag);
  }

  /** Uncompressed size of the entry at a position. */
  size(position: number): number {
    return this.sizes[position] as number;
  }

  private find(folded: string, hash: number): number {
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.table[slot] as number;
      if (held === 0) return -1;
      const position = held - 1;
      if (this.hashes[position] === hash && foldName(this.name(position)) === folded)
        return position;
    }
  }

  private place(position: number, hash: number): void {
    const mask = this.table.length - 1;
    let slot = hash & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = position + 1;
  }

  private grow(): void {
    this.table = new Int32Array(this.table.length * 2);
    for (let position = 0; position < this.count; position++)
      this.place(position, this.hashes[position] as number);
  }
}
