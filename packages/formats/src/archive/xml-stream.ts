/**
 * A guarded streaming XML parser: bytes in, element events out, over the strict `XmlScanner`.
 *
 * Untrusted XML gets no DTD processing at all: any DOCTYPE is refused, so there are no entity
 * definitions to expand (billion laughs) and no external entities to fetch; an undefined entity
 * reference is an error. Nesting depth and the characters held between two events are bounded, the
 * bytes are decoded fatally (invalid UTF-8 or UTF-16 is an error with its byte offset), and every
 * error names the file, the entry and the line and column.
 */
import { TextDecoder } from "node:util";
import { FormatError } from "../errors.js";
import { DEFAULT_XML_LIMITS, type XmlLimits } from "./limits.js";
import { XmlScanner } from "./xml-scanner.js";

export interface XmlOpen {
  /** Local name: any namespace prefix removed. */
  name: string;
  attributes: Record<string, string>;
  line: number;
  column: number;
}

export interface XmlHandler {
  open(element: XmlOpen): void;
  close(name: string): void;
  text(text: string): void;
}

export interface XmlPlace {
  format: string;
  /** The file as messages name it. */
  file: string;
  /** The entry inside an archive, when the XML is one. */
  entry?: string;
}

export class XmlStream {
  private readonly scanner: XmlScanner;
  private readonly limits: XmlLimits;
  private decoder: TextDecoder | null = null;
  /** Characters of text since the last tag. */
  private pending = 0;
  private bytesIn = 0;
  private started = false;

  constructor(
    private readonly handler: XmlHandler,
    private readonly place: XmlPlace,
    limits: Partial<XmlLimits> = {},
  ) {
    this.limits = { ...DEFAULT_XML_LIMITS, ...limits };
    const maxDepth = this.limits.maxDepth;
    this.scanner = new XmlScanner({
      doctype: () => {
        throw this.error(
          "has a DOCTYPE declaration; Quire never processes DTDs (they enable entity-expansion and external-entity attacks)",
        );
      },
      declaration: (declared) => {
        const encoding = declared?.toLowerCase();
        if (encoding && !["utf-8", "utf8", "utf-16", "utf-16le", "utf-16be"].includes(encoding))
          throw this.error(`declares the encoding "${declared}"; only UTF-8 and UTF-16 are read`);
      },
      open: (name, attributes, line, column) => {
        this.pending = 0;
        if (this.scanner.depth > maxDepth)
          throw this.error(`nests elements deeper than ${maxDepth} levels`);
        const colon = name.indexOf(":");
        this.handler.open({
          name: colon < 0 ? name : name.slice(colon + 1),
          attributes,
          line,
          column,
        });
      },
      close: (name) => {
        this.pending = 0;
        const colon = name.indexOf(":");
        this.handler.close(colon < 0 ? name : name.slice(colon + 1));
      },
      text: (text) => {
        this.pending += text.length;
        if (this.pending > this.limits.maxPendingChars) throw this.tooLong();
        this.handler.text(text);
      },
    });
  }

  /**
   * Feeds the next bytes.
   * @throws FormatError naming the place, for malformed or hostile XML.
   */
  write(bytes: Uint8Array): void {
    if (!this.started) {
      this.started = true;
      this.decoder = new TextDecoder(sniff(bytes), { fatal: true });
    }
    let text: string;
    try {
      text = (this.decoder as TextDecoder).decode(bytes, { stream: true });
    } catch {
      throw this.error(
        `is not valid ${(this.decoder as TextDecoder).encoding.toUpperCase()} text`,
        {
          byteOffset: this.bytesIn,
        },
      );
    }
    this.bytesIn += bytes.length;
    this.feed(text);
  }

  /** Ends the document. @throws FormatError for a truncated or malformed document. */
  end(): void {
    if (!this.started) throw this.error("is empty: no XML at all");
    let rest: string;
    try {
      rest = (this.decoder as TextDecoder).decode();
    } catch {
      throw this.error("ends in the middle of a character (truncated)", {
        byteOffset: this.bytesIn,
      });
    }
    if (rest) this.feed(rest);
    try {
      this.scanner.end();
    } catch (error) {
      throw this.wrap(error);
    }
  }

  private feed(text: string): void {
    // Fed in slices so that a tag or text without end is refused before a gigabyte of it is held.
    const SLICE = 1 << 20;
    for (let offset = 0; offset < text.length; offset += SLICE) {
      try {
        this.scanner.write(
          offset === 0 && text.length <= SLICE ? text : text.slice(offset, offset + SLICE),
        );
      } catch (error) {
        throw this.wrap(error);
      }
      if (this.scanner.waiting > this.limits.maxPendingChars) throw this.tooLong();
    }
  }

  private tooLong(): FormatError {
    return this.error(
      `holds more than ${this.limits.maxPendingChars} characters in one text or tag`,
    );
  }

  private wrap(error: unknown): FormatError {
    if (error instanceof FormatError) return error;
    const message = error instanceof Error ? error.message : "";
    return this.error(`is not well-formed XML: ${message}`, { cause: error });
  }

  /** An error at the scanner's current line and column. */
  error(detail: string, extra: { byteOffset?: number; cause?: unknown } = {}): FormatError {
    const { line, column } = this.scanner.position();
    return new FormatError(
      this.place.format,
      this.place.entry ? `${this.place.file} › ${this.place.entry}` : this.place.file,
      `column ${column}: ${detail}`,
      { line, column, ...extra },
    );
  }
}

/** The decoder for the document's first bytes: a UTF-16 byte-order mark or NUL pattern, else UTF-8. */
function sniff(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return "utf-16le";
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return "utf-16be";
  return "utf-8";
}
