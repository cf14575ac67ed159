/**
 * A strict, streaming XML 1.0 scanner for untrusted documents, written for speed on the large
 * element-heavy documents REFI-QDA exchanges (a project of a million codings is half a gigabyte of
 * tags). It finds tags with `indexOf` and slices names and values out of the text rather than
 * stepping through every character, several times faster than a general parser.
 *
 * It checks what makes a document well-formed: tags nest and match, one root, attribute names
 * unique and values quoted, names well shaped, only the five predefined entities and valid
 * character references, no characters XML forbids, nothing but white space, comments and
 * processing instructions outside the root. It never processes a DTD: a DOCTYPE is reported to
 * the caller, which refuses it. Line ends are normalised (`\r\n` and `\r` to `\n`) and attribute
 * values white-space normalised as the standard says. Namespaces are not resolved: names keep
 * their prefixes and `xmlns` declarations are ordinary attributes.
 */

export interface ScanHandler {
  open(name: string, attributes: Record<string, string>, line: number, column: number): void;
  close(name: string): void;
  text(text: string): void;
  /** The XML declaration's `encoding`, when it gives one. */
  declaration(encoding: string | undefined): void;
  doctype(): void;
}

/** A well-formedness error; the caller adds the place. */
export class XmlSyntaxError extends Error {}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const TEXT_WORK = /[&\r]/;
const ATTRIBUTE_WORK = /[&\t\n\r]/;
/** Not yet looked for. */
const UNKNOWN = -1;

export class XmlScanner {
  /** Text not yet scanned; `base` is the document offset of its first character. */
  private buffer = "";
  private base = 0;
  private readonly open: string[] = [];
  private seenRoot = false;
  private line = 1;
  private lineStart = 0;
  /** Document offset of the next `\n` at or after `countFrom`, UNKNOWN, or Infinity for none yet. */
  private nextNewline = UNKNOWN;
  private countFrom = 0;

  constructor(private readonly handler: ScanHandler) {}

  /** Characters waiting for the rest of their construct. */
  get waiting(): number {
    return this.buffer.length;
  }

  get depth(): number {
    return this.open.length;
  }

  write(text: string): void {
    const bad = FORBIDDEN.exec(text);
    if (bad) {
      this.scan(false);
      this.moveTo(this.buffer.length + bad.index);
      throw new XmlSyntaxError(
        `disallowed character U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0")}`,
      );
    }
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    if (this.nextNewline === Number.POSITIVE_INFINITY) this.nextNewline = UNKNOWN;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    if (this.buffer.length > 0) {
      this.moveTo(this.buffer.length);
      throw new XmlSyntaxError("the document ends in the middle of a tag (truncated)");
    }
    const last = this.open[this.open.length - 1];
    if (last !== undefined) throw new XmlSyntaxError(`unclosed tag: ${last}`);
    if (!this.seenRoot) throw new XmlSyntaxError("the document must contain a root element");
  }

  /** The line and column of a place in the buffer (column in UTF-16 units after that place). */
  position(): { line: number; column: number } {
    return { line: this.line, column: this.base - this.lineStart + this.lastAt };
  }

  private lastAt = 0;

  /** Counts the line breaks before `at` (an index into the buffer). */
  private moveTo(at: number): void {
    const target = this.base + at;
    for (;;) {
      if (this.nextNewline === UNKNOWN) {
        const found = this.buffer.indexOf("\n", this.countFrom - this.base);
        this.nextNewline = found < 0 ? Number.POSITIVE_INFINITY : this.base + found;
      }
      if (this.nextNewline >= target) break;
      this.line++;
      this.lineStart = this.nextNewline + 1;
      this.countFrom = this.lineStart;
      this.nextNewline = UNKNOWN;
    }
    this.lastAt = at;
  }

  /** Scans every complete construct; the rest waits for more text (or, at the end, is an error). */
  private scan(final: boolean): void {
    const b = this.buffer;
    let at = 0;
    while (at < b.length) {
      const lt = b.indexOf("<", at);
      if (lt !== at) {
        let end = lt < 0 ? b.length : lt;
        // Without the next tag in sight, pass on what is safe: never half an entity or a CR
        // whose LF may follow.
        if (lt < 0 && !final) end = safeTextEnd(b, at, end);
        if (end > at) this.text(b, at, end);
        at = end;
        if (lt < 0) break;
      }
      if (at + 1 >= b.length) break;
      const next = b.charCodeAt(at + 1);
      let done: number;
      if (next === 0x2f) done = this.closeTag(b, at);
      else if (next === 0x3f) done = this.instruction(b, at);
      else if (next === 0x21) done = this.markup(b, at, final);
      else done = this.openTag(b, at);
      if (done < 0) break;
      at = done;
    }
    this.buffer = at === 0 ? b : b.slice(at);
    if (at > 0) {
      this.base += at;
      this.lastAt = Math.max(0, this.lastAt - at);
    }
  }

  private text(b: string, start: number, end: number): void {
    const raw = b.slice(start, end);
    if (this.open.length === 0) {
      if (raw.trim() !== "") {
        this.moveTo(start);
        throw new XmlSyntaxError(
          this.seenRoot ? "text after the root element" : "text before the root element",
        );
      }
      return;
    }
    if (raw.includes("]]>")) {
      this.moveTo(start + raw.indexOf("]]>"));
      throw new XmlSyntaxError('the string "]]>" is not allowed in text');
    }
    this.handler.text(this.decode(raw, start, false));
  }

  /** Replaces references and normalises line ends (and, in attributes, white space). */
  private decode(raw: string, start: number, attribute: boolean): string {
    // One test for the common value that needs nothing done.
    if (!(attribute ? ATTRIBUTE_WORK : TEXT_WORK).test(raw)) return raw;
    const amp = raw.indexOf("&");
    const needsBreaks = attribute ? /[\t\n\r]/.test(raw) : raw.includes("\r");
    let text = raw;
    if (needsBreaks) {
      text = text.replace(/\r\n?/g, "\n");
      if (attribute) text = text.replace(/[\t\n]/g, " ");
    }
    if (amp < 0) return text;
    let out = "";
    let from = 0;
    for (let index = text.indexOf("&"); index >= 0; index = text.indexOf("&", from)) {
      const semicolon = text.indexOf(";", index + 1);
      const fail = (detail: string) => {
        this.moveTo(start);
        return new XmlSyntaxError(detail);
      };
      if (semicolon < 0) throw fail("an & that does not start a reference (write &amp;)");
      const name = text.slice(index + 1, semicolon);
      out += text.slice(from, index);
      const predefined = PREDEFINED[name];
      if (predefined !== undefined && Object.hasOwn(PREDEFINED, name)) out += predefined;
      else if (name.startsWith("#")) out += characterReference(name, fail);
      else throw fail(`undefined entity: &${name.slice(0, 40)};`);
      from = semicolon + 1;
    }
    return out + text.slice(from);
  }

  private closeTag(b: string, at: number): number {
    const gt = b.indexOf(">", at + 2);
    if (gt < 0) return -1;
    const name = b.slice(at + 2, gt).trimEnd();
    const expected = this.open.pop();
    this.moveTo(gt + 1);
    if (expected === undefined) throw new XmlSyntaxError(`unexpected close tag: ${name}`);
    if (name !== expected)
      throw new XmlSyntaxError(`the close tag for ${expected} is ${name.slice(0, 60)}`);
    this.handler.close(name);
    return gt + 1;
  }

  private instruction(b: string, at: number): number {
    const end = b.indexOf("?>", at + 2);
    if (end < 0) return -1;
    const body = b.slice(at + 2, end);
    const target = /^[^\s?]*/.exec(body)?.[0] ?? "";
    this.moveTo(end + 2);
    if (target === "") throw new XmlSyntaxError("a processing instruction without a target");
    if (target.toLowerCase() === "xml") {
      if (this.base + at !== 0 || target !== "xml")
        throw new XmlSyntaxError("an XML declaration that is not at the start of the document");
      const encoding = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(body)?.[2];
      this.handler.declaration(encoding);
    }
    return end + 2;
  }

  private markup(b: string, at: number, final: boolean): number {
    if (b.startsWith("<!--", at)) {
      const end = b.indexOf("-->", at + 4);
      if (end < 0) return -1;
      this.moveTo(end + 3);
      return end + 3;
    }
    if (b.startsWith("<![CDATA[", at)) {
      const end = b.indexOf("]]>", at + 9);
      if (end < 0) return -1;
      this.moveTo(end + 3);
      if (this.open.length === 0) throw new XmlSyntaxError("CDATA outside the root element");
      const raw = b.slice(at + 9, end);
      this.handler.text(raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw);
      return end + 3;
    }
    if (b.length - at < 9 && !final) return -1;
    this.moveTo(at + 2);
    if (b.startsWith("<!DOCTYPE", at)) {
      this.handler.doctype();
      throw new XmlSyntaxError("a DOCTYPE declaration");
    }
    throw new XmlSyntaxError("malformed markup after <!");
  }

  /** A start tag with its attributes; -1 when the tag is not complete yet. */
  private openTag(b: string, at: number): number {
    let i = at + 1;
    const nameEnd = nameEndAt(b, i);
    if (nameEnd === b.length) return -1;
    if (nameEnd === i || !isNameStart(b.charCodeAt(i))) {
      this.moveTo(i);
      throw new XmlSyntaxError("a < that does not start a tag (write &lt;)");
    }
    const name = b.slice(i, nameEnd);
    i = nameEnd;
    const attributes: Record<string, string> = {};
    for (;;) {
      const gap = i;
      while (i < b.length && isSpace(b.charCodeAt(i))) i++;
      if (i >= b.length) return -1;
      const c = b.charCodeAt(i);
      if (c === 0x3e || c === 0x2f) {
        let end = i + 1;
        if (c === 0x2f) {
          if (i + 1 >= b.length) return -1;
          if (b.charCodeAt(i + 1) !== 0x3e) {
            this.moveTo(i);
            throw new XmlSyntaxError(`a / inside the tag ${name}`);
          }
          end = i + 2;
        }
        return this.started(name, attributes, end, c === 0x2f);
      }
      if (i === gap) {
        this.moveTo(i);
        throw new XmlSyntaxError(`no white space between the attributes of ${name}`);
      }
      const attributeEnd = nameEndAt(b, i);
      if (attributeEnd === b.length) return -1;
      if (attributeEnd === i || !isNameStart(b.charCodeAt(i))) {
        this.moveTo(i);
        throw new XmlSyntaxError(`a malformed attribute in ${name}`);
      }
      const attribute = b.slice(i, attributeEnd);
      i = attributeEnd;
      while (i < b.length && isSpace(b.charCodeAt(i))) i++;
      if (i + 1 >= b.length) return -1;
      if (b.charCodeAt(i) !== 0x3d) {
        this.moveTo(i);
        throw new XmlSyntaxError(`the attribute ${attribute} has no value`);
      }
      i++;
      while (i < b.length && isSpace(b.charCodeAt(i))) i++;
      if (i >= b.length) return -1;
      const quote = b.charCodeAt(i);
      if (quote !== 0x22 && quote !== 0x27) {
        this.moveTo(i);
        throw new XmlSyntaxError(`the value of ${attribute} is not quoted`);
      }
      const close = b.indexOf(quote === 0x22 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      const raw = b.slice(i + 1, close);
      if (raw.includes("<")) {
        this.moveTo(i);
        throw new XmlSyntaxError(`a < in the value of ${attribute}`);
      }
      if (Object.hasOwn(attributes, attribute)) {
        this.moveTo(i);
        throw new XmlSyntaxError(`duplicate attribute: ${attribute}`);
      }
      const value = this.decode(raw, i, true);
      // An own property even for "__proto__", which plain assignment would treat as the prototype.
      if (attribute === "__proto__")
        Object.defineProperty(attributes, attribute, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else attributes[attribute] = value;
      i = close + 1;
    }
  }

  private started(
    name: string,
    attributes: Record<string, string>,
    end: number,
    empty: boolean,
  ): number {
    this.moveTo(end);
    if (this.open.length === 0) {
      if (this.seenRoot) throw new XmlSyntaxError("a document may hold only one root element");
      this.seenRoot = true;
    }
    this.open.push(name);
    // Line and column as numbers, not through `position()`: no object per element.
    this.handler.open(name, attributes, this.line, this.base - this.lineStart + this.lastAt);
    if (empty) {
      this.open.pop();
      this.handler.close(name);
    }
    return end;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** Letters, `_`, `:` and anything past ASCII may start a name. */
function isNameStart(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0xc0
  );
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0xb7;
}

/** Where the name starting at `i` ends (the buffer's length when it may go on). */
function nameEndAt(b: string, i: number): number {
  let at = i;
  while (at < b.length && isNameChar(b.charCodeAt(at))) at++;
  return at;
}

/** The end of text that can be passed on without knowing what follows. */
function safeTextEnd(b: string, start: number, end: number): number {
  let safe = end;
  const amp = b.lastIndexOf("&", end - 1);
  if (amp >= start && b.indexOf(";", amp) < 0) safe = amp;
  if (safe > start && b.charCodeAt(safe - 1) === 0x0d) safe--;
  // A "]]" at the end might be the start of a forbidden "]]>".
  while (safe > start && b.charCodeAt(safe - 1) === 0x5d) safe--;
  return safe;
}

function characterReference(name: string, fail: (detail: string) => XmlSyntaxError): string {
  const hex = name[1] === "x";
  const digits = name.slice(hex ? 2 : 1);
  const valid = hex ? /^[0-9a-fA-F]{1,6}$/.test(digits) : /^[0-9]{1,7}$/.test(digits);
  const code = valid ? Number.parseInt(digits, hex ? 16 : 10) : -1;
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  if (!allowed) throw fail(`a malformed character reference: &${name.slice(0, 12)};`);
  return String.fromCodePoint(code);
}
