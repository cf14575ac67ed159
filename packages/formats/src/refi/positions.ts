/**
 * Character positions between a REFI-QDA file and Quire.
 *
 * THE RULE. Both sides count UTF-16 code units, as NVivo does and as JavaScript strings do.
 * - In the file, positions count units of the plain-text twin as decoded, without its byte-order
 *   mark (the BOM is never counted) and with every line break as written: a Windows CRLF counts two.
 * - In Quire, positions count units of the canonical text (`canonicalText` in @quire/core): NFC, no
 *   BOM, every line break one `\n`, C0 controls other than tab and newline removed.
 * - Importing maps each file position through those changes: a CRLF's two units become one `\n`,
 *   removed characters take no room, and a sequence that NFC composes maps its boundaries exactly.
 *   A position inside a CRLF or a composed sequence moves to the start of the `\n` or sequence when
 *   it starts a selection and to its end when it ends one, so a selection never loses a character
 *   it covered.
 * - Exporting writes the canonical text itself as the twin (UTF-8, no BOM, `\n`), so Quire's
 *   positions are the file's positions unchanged.
 */
import { canonicalText } from "@quire/core";

export interface PositionMap {
  /** The canonical text. */
  text: string;
  /** Whether file positions equal canonical positions (the common case: nothing to convert). */
  identity: boolean;
  /** Length of the file text in UTF-16 units, BOM excluded. */
  fileLength: number;
  /** The canonical position for a file position; `side` decides inside a composed sequence. */
  toCanonical(position: number, side: "start" | "end"): number;
}

/** Builds the map from a decoded plain-text twin (BOM and all) to Quire's canonical text. */
export function mapPositions(decoded: string): PositionMap {
  const raw = decoded.startsWith("\uFEFF") ? decoded.slice(1) : decoded;
  const text = canonicalText(raw);
  if (text === raw)
    return {
      text,
      identity: true,
      fileLength: raw.length,
      toCanonical: (position) => position,
    };

  // Step 1: line breaks and removed controls, unit by unit.
  const lineMap = new Int32Array(raw.length + 1);
  // Positions between a CR and its LF: inside the one "\n" they become.
  const insideBreak = new Uint8Array(raw.length + 1);
  let cleaned = "";
  const pieces: string[] = [];
  let out = 0;
  for (let index = 0; index < raw.length; index++) {
    lineMap[index] = out;
    const unit = raw.charCodeAt(index);
    if (unit === 0x0d) {
      if (raw.charCodeAt(index + 1) === 0x0a) {
        // The CR and the LF together become one "\n"; a position between them is inside it.
        lineMap[index + 1] = out + 1;
        insideBreak[index + 1] = 1;
        index++;
      }
      pieces.push("\n");
      out++;
    } else if (unit === 0x85 || unit === 0x2028 || unit === 0x2029) {
      pieces.push("\n");
      out++;
    } else if (unit < 0x20 && unit !== 0x09 && unit !== 0x0a) {
      // Removed: takes no room.
    } else {
      pieces.push(raw[index] as string);
      out++;
    }
    if (pieces.length >= 65_536) {
      cleaned += pieces.join("");
      pieces.length = 0;
    }
  }
  lineMap[raw.length] = out;
  cleaned += pieces.join("");

  // Step 2: NFC, one sequence (a character and the marks after it) at a time.
  const segments = nfcSegments(cleaned);
  return {
    text,
    identity: false,
    fileLength: raw.length,
    toCanonical(position, side) {
      const clamped = Math.max(0, Math.min(raw.length, position));
      const mid = (lineMap[clamped] ?? 0) - (side === "start" && insideBreak[clamped] ? 1 : 0);
      return segments ? segments(mid, side) : mid;
    },
  };
}

/**
 * For text that NFC changes, a function from positions in `text` to positions in its NFC form; null
 * when NFC changes nothing. Sequences are cut before every character that is not a combining mark
 * or a Hangul vowel or final consonant, the characters NFC can join to what precedes them.
 */
function nfcSegments(text: string): ((position: number, side: "start" | "end") => number) | null {
  const normalized = text.normalize("NFC");
  if (normalized === text) return null;
  const joins = /[\p{M}\u1160-\u11FF\u200C\u200D]/u;
  const startOf = new Int32Array(text.length + 1);
  const endOf = new Int32Array(text.length + 1);
  const exact = new Uint8Array(text.length + 1);
  let built = "";
  let segmentStart = 0;
  const flush = (from: number, to: number) => {
    if (to <= from) return;
    const before = built.length;
    built += text.slice(from, to).normalize("NFC");
    exact[from] = 1;
    for (let index = from; index < to; index++) {
      startOf[index] = before;
      endOf[index] = built.length;
    }
  };
  let index = 0;
  while (index < text.length) {
    const code = text.codePointAt(index) as number;
    const width = code > 0xffff ? 2 : 1;
    if (index > segmentStart && !joins.test(String.fromCodePoint(code))) {
      flush(segmentStart, index);
      segmentStart = index;
    }
    index += width;
  }
  flush(segmentStart, text.length);
  exact[text.length] = 1;
  startOf[text.length] = built.length;
  endOf[text.length] = built.length;
  if (built !== normalized) {
    // A composition this segmentation does not see: fall back to snapping to the text's ends.
    return (position, side) =>
      position <= 0 ? 0 : position >= text.length || side === "end" ? normalized.length : 0;
  }
  return (position, side) => {
    if (exact[position]) return startOf[position] ?? 0;
    return side === "start" ? (startOf[position] ?? 0) : (endOf[position] ?? 0);
  };
}
