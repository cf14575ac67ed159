/**
 * A guarded streaming XML parser: bytes in, element events out, over saxes in strict mode.
 *
 * Untrusted XML gets no DTD processing at all: any DOCTYPE is refused, so there are no entity
 * definitions to expand (billion laughs) and no external entities to fetch; an undefined entity
 * reference is an error. Nesting depth and the characters held between two events are bounded, the
 * bytes are decoded fatally (invalid UTF-8 or UTF-16 is an error with its byte offset), and every
 * error names the file, the entry and the line and column.
 */
import { TextDecoder } from "node:util";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { FormatError } from "../errors.js";
import { DEFAULT_XML_LIMITS, type XmlLimits } from "./limits.js";

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
  private readonly parser: SaxesParser;
  private readonly limits: XmlLimits;
  private decoder: TextDecoder | null = null;
  private depth = 0;
  private pending = 0;
  private bytesIn = 0;
  private started = false;

  constructor(
    private readonly handler: XmlHandler,
    private readonly place: XmlPlace,
    limits: Partial<XmlLimits> = {},
  ) {
    this.limits = { ...DEFAULT_XML_LIMITS, ...limits };
    this.parser = new SaxesParser({ position: true });
    this.parser.on("doctype", () => {
      throw this.error(
        "has a DOCTYPE declaration; Quire never processes DTDs (they enable entity-expansion and external-entity attacks)",
      );
    });
    this.parser.on("xmldecl", (decl) => {
      const encoding = decl.encoding?.toLowerCase();
      if (encoding && !["utf-8", "utf8", "utf-16", "utf-16le", "utf-16be"].includes(encoding))
        throw this.error(
          `declares the encoding "${decl.encoding}"; only UTF-8 and UTF-16 are read`,
        );
    });
    this.parser.on("opentag", (tag: SaxesTagPlain) => {
      this.pending = 0;
      this.depth++;
      if (this.depth > this.limits.maxDepth)
        throw this.error(`nests elements deeper than ${this.limits.maxDepth} levels`);
      const colon = tag.name.indexOf(":");
      this.handler.open({
        name: colon < 0 ? tag.name : tag.name.slice(colon + 1),
        attributes: tag.attributes as Record<string, string>,
        line: this.parser.line,
        column: this.parser.column,
      });
    });
    this.parser.on("closetag", (tag) => {
      this.pending = 0;
      this.depth--;
      const colon = tag.name.indexOf(":");
      this.handler.close(colon < 0 ? tag.name : tag.name.slice(colon + 1));
    });
    this.parser.on("text", (text) => {
      this.pending = 0;
      this.handler.text(text);
    });
    this.parser.on("cdata", (text) => {
      this.pending = 0;
      this.handler.text(text);
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
      this.parser.close();
    } catch (error) {
      throw this.wrap(error);
    }
  }

  private feed(text: string): void {
    // Feed in slices so that the characters held between two events can be bounded before the
    // parser has buffered a gigabyte of one text node or one tag.
    const SLICE = 1 << 20;
    for (let offset = 0; offset < text.length; offset += SLICE) {
      const slice = text.slice(offset, offset + SLICE);
      this.pending += slice.length;
      if (this.pending > this.limits.maxPendingChars)
        throw this.error(
          `holds more than ${this.limits.maxPendingChars} characters in one text or tag`,
        );
      try {
        this.parser.write(slice);
      } catch (error) {
        throw this.wrap(error);
      }
    }
  }

  private wrap(error: unknown): FormatError {
    if (error instanceof FormatError) return error;
    // saxes prefixes its messages with "line:column: "; the place goes into our own fields.
    const message = error instanceof Error ? error.message.replace(/^[^:]*:\d+:\d+: /, "") : "";
    return this.error(`is not well-formed XML: ${message}`, { cause: error });
  }

  /** An error at the parser's current line and column. */
  error(detail: string, extra: { byteOffset?: number; cause?: unknown } = {}): FormatError {
    return new FormatError(
      this.place.format,
      this.place.entry ? `${this.place.file} › ${this.place.entry}` : this.place.file,
      `column ${this.parser.column}: ${detail}`,
      { line: this.parser.line, column: this.parser.column, ...extra },
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
