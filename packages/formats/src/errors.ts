/** The one error type importers throw for bad input files: it always names the file, and the line where known. */

/** What a `FormatError` can say about where in the file the problem is. */
export interface FormatErrorPlace {
  /** 1-based line in the file. */
  line?: number;
  /** A CSV column name, or a 1-based character column in a text line. */
  column?: string | number;
  /** 0-based byte offset in the file, for encoding errors. */
  byteOffset?: number;
  cause?: unknown;
}

/**
 * A file that cannot be imported as it is. The message is one line a researcher can act on, e.g.
 * `interviews/P07.txt line 12: invalid UTF-8 byte sequence (byte 4711)` or
 * `feedback.csv line 3801: row has 7 fields, the header has 9`.
 */
export class FormatError extends Error {
  override readonly name = "FormatError";
  /** The importer that refused the file: `"text"`, `"transcript"`, `"csv"`… */
  readonly format: string;
  /** The file as the caller named it (a path or a display name). */
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | number | undefined;
  readonly byteOffset: number | undefined;
  /** The problem without the file and line prefix. */
  readonly detail: string;

  constructor(format: string, file: string, detail: string, place: FormatErrorPlace = {}) {
    const where = place.line === undefined ? file : `${file} line ${place.line}`;
    super(`${where}: ${detail}`, place.cause === undefined ? undefined : { cause: place.cause });
    this.format = format;
    this.file = file;
    this.line = place.line;
    this.column = place.column;
    this.byteOffset = place.byteOffset;
    this.detail = detail;
  }
}

/**
 * Wraps a file-system error (missing file, no permission, a directory) as a `FormatError`, so that
 * callers of the importers handle one error type for "this file cannot be imported".
 */
export function fileSystemError(format: string, file: string, error: unknown): FormatError {
  const code = (error as { code?: unknown } | null)?.code;
  const reason =
    code === "ENOENT"
      ? "no such file"
      : code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EISDIR"
          ? "is a folder, not a file"
          : error instanceof Error
            ? error.message
            : String(error);
  return new FormatError(format, file, `cannot be read: ${reason}`, { cause: error });
}
