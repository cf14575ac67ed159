/**
 * Byte-level sniffing shared by the text and CSV readers: which Unicode encoding a file uses, whether
 * it is a binary file in disguise, and where exactly an invalid byte sequence sits.
 */

/** The encodings Quire reads. Anything else must be converted to UTF-8 first. */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be";

export interface EncodingSniff {
  encoding: TextEncoding;
  /** Length of the byte-order mark at the start of the bytes (0 when there is none). */
  bomLength: number;
}

/** How many leading bytes are enough to sniff an encoding or a binary signature. */
export const SNIFF_BYTES = 4096;

/**
 * Guesses the encoding from a byte-order mark, else from NUL patterns (ASCII-range text in UTF-16
 * has a NUL in every other byte), else UTF-8. Looks at the first `SNIFF_BYTES` bytes only.
 */
export function sniffEncoding(bytes: Uint8Array): EncodingSniff {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  const length = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (length >= 2) {
    let evenNuls = 0;
    let oddNuls = 0;
    for (let i = 0; i < length; i += 2) {
      if (bytes[i] === 0) evenNuls++;
      if (bytes[i + 1] === 0) oddNuls++;
    }
    const pairs = length / 2;
    // Mostly-Latin UTF-16 text has a NUL in most code units on one side and almost none on the other;
    // binary files have NULs on both sides and are caught by the binary check instead.
    if (oddNuls >= pairs * 0.3 && evenNuls <= pairs * 0.05)
      return { encoding: "utf-16le", bomLength: 0 };
    if (evenNuls >= pairs * 0.3 && oddNuls <= pairs * 0.05)
      return { encoding: "utf-16be", bomLength: 0 };
  }
  return { encoding: "utf-8", bomLength: 0 };
}

const SIGNATURES: readonly { bytes: readonly number[]; offset?: number; kind: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: "a PDF document" },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: "a ZIP archive, e.g. DOCX or XLSX" },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: "an empty ZIP archive" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], kind: "an old Word or Excel file" },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], kind: "an RTF document" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], kind: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: "a GIF image" },
  { bytes: [0x1f, 0x8b], kind: "a gzip archive" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], kind: "a 7-Zip archive" },
  { bytes: [0x52, 0x61, 0x72, 0x21], kind: "a RAR archive" },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: "an executable" },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], kind: "an SQLite database" },
  { bytes: [0x49, 0x44, 0x33], kind: "an MP3 audio file" },
  { bytes: [0x4f, 0x67, 0x67, 0x53], kind: "an Ogg audio file" },
  { bytes: [0x52, 0x49, 0x46, 0x46], kind: "a RIFF (WAV or AVI) media file" },
  { bytes: [0x66, 0x74, 0x79, 0x70], offset: 4, kind: "an MP4 or M4A media file" },
];

/**
 * Names the kind of binary file the bytes start like (`"a PDF document"`), or returns null. A NUL
 * byte in what should be UTF-8 text also counts as binary (`"it contains NUL bytes"`).
 * @param encoding the sniffed encoding; NUL bytes are normal in UTF-16.
 */
export function binaryKind(bytes: Uint8Array, encoding: TextEncoding = "utf-8"): string | null {
  for (const signature of SIGNATURES) {
    const offset = signature.offset ?? 0;
    if (bytes.length < offset + signature.bytes.length) continue;
    if (signature.bytes.every((byte, i) => bytes[offset + i] === byte)) return signature.kind;
  }
  if (encoding === "utf-8" && bytes.indexOf(0) !== -1) return "it contains NUL bytes";
  return null;
}

/**
 * Offset of the first byte of the first invalid UTF-8 sequence, or -1. Follows the WHATWG decoder's
 * rules (no overlong forms, no surrogates, nothing above U+10FFFF), so it agrees with a fatal
 * `TextDecoder`. Used only to explain a failure, so it favours clarity over speed.
 */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let i = start;
  while (i < end) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || i + k >= end) return i;
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Offset of the first byte of an unpaired surrogate (or a trailing odd byte) in UTF-16, or -1. */
export function firstInvalidUtf16(bytes: Uint8Array, littleEndian: boolean, start = 0): number {
  const unit = (i: number): number =>
    littleEndian
      ? (bytes[i] as number) | ((bytes[i + 1] as number) << 8)
      : ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
  let i = start;
  for (; i + 1 < bytes.length; i += 2) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= bytes.length) return i;
      const next = unit(i + 2);
      if (next < 0xdc00 || next > 0xdfff) return i;
      i += 2;
    } else if (u >= 0xdc00 && u <= 0xdfff) return i;
  }
  return i < bytes.length ? i : -1;
}

/**
 * The 1-based line number of the byte at `offset`, counting LF, CRLF and lone CR as line breaks.
 * For UTF-16 only the code units of the encoding are considered.
 */
export function lineAtByte(bytes: Uint8Array, offset: number, encoding: TextEncoding): number {
  const step = encoding === "utf-8" ? 1 : 2;
  const low = encoding === "utf-16be" ? 1 : 0;
  let line = 1;
  for (let i = 0; i + step - 1 < offset; i += step) {
    const b = bytes[i + low];
    const other = step === 2 ? bytes[i + 1 - low] : 0;
    if (other !== 0) continue;
    if (b === 0x0a) line++;
    else if (b === 0x0d) {
      const next = bytes[i + step + low];
      const nextOther = step === 2 ? bytes[i + step + 1 - low] : 0;
      if (!(next === 0x0a && nextOther === 0)) line++;
    }
  }
  return line;
}
