/**
 * Maps and sets keyed by GUIDs, compact enough for the hundreds of thousands a large exchange
 * file holds (a source, a case and a mapping per response of a survey).
 *
 * A GUID in Quire's form (36 characters of lower-case hex and dashes) is packed into four 32-bit
 * words of a typed array, outside the JavaScript heap. A `Map` of 100,000 GUID strings keeps some
 * 10 MB alive on the heap for the length of an import, and the garbage collector grows the heap
 * to several times what stays alive: those few megabytes cost hundreds of them in resident
 * memory. Any other key (upper case, braces, a tool's own ids) goes to an ordinary `Map`.
 */

const EMPTY = 0;
const FULL = 1;
const DELETED = 2;
const FIRST_CAPACITY = 64;

/** The value of each hex digit's character code, or -1. */
const HEX = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit++) HEX["0123456789abcdef".charCodeAt(digit)] = digit;

/** Character positions of a canonical GUID's 32 hex digits, eight per word. */
const DIGITS: number[] = [];
for (let at = 0; at < 36; at++)
  if (at !== 8 && at !== 13 && at !== 18 && at !== 23) DIGITS.push(at);

/** A GUID's four words, reused between calls: packing runs once per key looked up. */
const packed = new Uint32Array(4);

/** Packs a canonical GUID into `packed`; false for any other string. */
function pack(key: string): boolean {
  if (key.length !== 36) return false;
  if (key.charCodeAt(8) !== 0x2d || key.charCodeAt(13) !== 0x2d) return false;
  if (key.charCodeAt(18) !== 0x2d || key.charCodeAt(23) !== 0x2d) return false;
  for (let word = 0; word < 4; word++) {
    let value = 0;
    for (let digit = word * 8; digit < word * 8 + 8; digit++) {
      const code = key.charCodeAt(DIGITS[digit] as number);
      const nibble = code < 128 ? (HEX[code] as number) : -1;
      if (nibble < 0) return false;
      value = (value << 4) | nibble;
    }
    packed[word] = value;
  }
  return true;
}

/** Mixes all four words: version-7 GUIDs share their leading (time) bits. */
function hashPacked(): number {
  let h = (packed[3] as number) ^ Math.imul(packed[2] as number, 0x9e3779b1);
  h ^= Math.imul(packed[1] as number, 0x85ebca6b) ^ Math.imul(packed[0] as number, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return h ^ (h >>> 15);
}

/** A map from GUIDs to values; see the module comment for why it is not a `Map`. */
export class GuidMap<V> {
  private words = new Uint32Array(FIRST_CAPACITY * 4);
  private states = new Uint8Array(FIRST_CAPACITY);
  private values: (V | undefined)[] = new Array(FIRST_CAPACITY);
  /** Slots full or deleted: both lengthen a probe. */
  private occupied = 0;
  private packedCount = 0;
  private readonly other = new Map<string, V>();

  get size(): number {
    return this.packedCount + this.other.size;
  }

  has(key: string): boolean {
    return pack(key) ? this.find() >= 0 : this.other.has(key);
  }

  get(key: string): V | undefined {
    if (!pack(key)) return this.other.get(key);
    const slot = this.find();
    return slot < 0 ? undefined : this.values[slot];
  }

  set(key: string, value: V): this {
    if (!pack(key)) {
      this.other.set(key, value);
      return this;
    }
    const found = this.find();
    if (found >= 0) {
      this.values[found] = value;
      return this;
    }
    if ((this.occupied + 1) * 2 > this.states.length) {
      this.rehash();
      pack(key);
    }
    const slot = this.freeSlot();
    if (this.states[slot] === EMPTY) this.occupied++;
    this.states[slot] = FULL;
    this.words.set(packed, slot * 4);
    this.values[slot] = value;
    this.packedCount++;
    return this;
  }

  delete(key: string): boolean {
    if (!pack(key)) return this.other.delete(key);
    const slot = this.find();
    if (slot < 0) return false;
    this.states[slot] = DELETED;
    this.values[slot] = undefined;
    this.packedCount--;
    return true;
  }

  /** The slot holding the packed key, or -1. */
  private find(): number {
    const mask = this.states.length - 1;
    const words = this.words;
    for (let slot = hashPacked() & mask; ; slot = (slot + 1) & mask) {
      const state = this.states[slot];
      if (state === EMPTY) return -1;
      const at = slot * 4;
      if (
        state === FULL &&
        words[at] === packed[0] &&
        words[at + 1] === packed[1] &&
        words[at + 2] === packed[2] &&
        words[at + 3] === packed[3]
      )
        return slot;
    }
  }

  /** The first slot not full along the packed key's probe. */
  private freeSlot(): number {
    const mask = this.states.length - 1;
    let slot = hashPacked() & mask;
    while (this.states[slot] === FULL) slot = (slot + 1) & mask;
    return slot;
  }

  /** Rebuilds the table, twice as large unless deletions made the room. */
  private rehash(): void {
    const { words, states, values } = this;
    const capacity =
      this.packedCount * 4 > states.length ? states.length * 2 : Math.max(states.length, 64);
    this.words = new Uint32Array(capacity * 4);
    this.states = new Uint8Array(capacity);
    this.values = new Array(capacity);
    this.occupied = 0;
    for (let slot = 0; slot < states.length; slot++) {
      if (states[slot] !== FULL) continue;
      packed.set(words.subarray(slot * 4, slot * 4 + 4));
      const target = this.freeSlot();
      this.states[target] = FULL;
      this.words.set(packed, target * 4);
      this.values[target] = values[slot];
      this.occupied++;
    }
  }
}

/** A set of GUIDs, compact as `GuidMap`. */
export class GuidSet {
  private readonly map = new GuidMap<true>();

  get size(): number {
    return this.map.size;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  add(key: string): this {
    this.map.set(key, true);
    return this;
  }

  delete(key: string): boolean {
    return this.map.delete(key);
  }
}
