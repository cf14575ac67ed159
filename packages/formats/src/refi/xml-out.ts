/**
 * Writing XML as a stream: escaping, and a buffered text sink that waits for the disk. Characters
 * XML 1.0 cannot carry (most C0 controls, lone surrogates, U+FFFE/FFFF) become U+FFFD, so the output
 * is always well-formed whatever a name or memo holds.
 */
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";

// The characters XML 1.0 cannot carry, and surrogates without their other half.
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"\t\n\r]/;
/** Anything that needs a look at all: one test, so that the common plain value costs one scan. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters escaping deals with
const TEXT_WORK = /[\u0000-\u0008\u000B-\u001F&<>\uD800-\uDFFF\uFFFE\uFFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters escaping deals with
const ATTR_WORK = /[\u0000-\u001F&<>"\uD800-\uDFFF\uFFFE\uFFFF]/;

function clean(value: string): string {
  FORBIDDEN.lastIndex = 0;
  return FORBIDDEN.test(value) ? value.replace(FORBIDDEN, "\uFFFD") : value;
}

/** Escapes element text; a CR is written as a reference so that it survives parsing. */
export function escapeText(value: string): string {
  if (!TEXT_WORK.test(value)) return value;
  const text = clean(value);
  if (!TEXT_SPECIAL.test(text)) return text;
  return text.replace(/[&<>\r]/g, (char) =>
    char === "&" ? "&amp;" : char === "<" ? "&lt;" : char === ">" ? "&gt;" : "&#13;",
  );
}

/** Escapes an attribute value; whitespace other than spaces is written as references. */
export function escapeAttribute(value: string): string {
  if (!ATTR_WORK.test(value)) return value;
  const text = clean(value);
  if (!ATTR_SPECIAL.test(text)) return text;
  return text.replace(/[&<>"\t\n\r]/g, (char) => {
    switch (char) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "\t":
        return "&#9;";
      case "\n":
        return "&#10;";
      default:
        return "&#13;";
    }
  });
}

/** ` name="value"`, or nothing when the value is absent; no array per element, unlike `attributes`. */
export function attribute(name: string, value: string | undefined | null): string {
  return value === undefined || value === null ? "" : ` ${name}="${escapeAttribute(value)}"`;
}

/** ` name="value"` for each defined attribute, in the order given. */
export function attributes(
  pairs: readonly (readonly [string, string | undefined | null])[],
): string {
  let out = "";
  for (const [name, value] of pairs)
    if (value !== undefined && value !== null) out += ` ${name}="${escapeAttribute(value)}"`;
  return out;
}

/** A text file written through a buffer, waiting for the disk when it falls behind. */
export class TextSink {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private buffered = 0;
  private failure: Error | null = null;

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: "utf8" });
    this.stream.on("error", (error) => {
      this.failure ??= error;
    });
  }

  async write(text: string): Promise<void> {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= 64 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer.length === 0) return;
    const ok = this.stream.write(this.buffer.join(""));
    this.buffer = [];
    this.buffered = 0;
    if (!ok) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    this.stream.destroy();
  }
}
