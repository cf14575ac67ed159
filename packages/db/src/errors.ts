/**
 * One error type for every storage failure. Driver errors of SQLite and PostgreSQL are wrapped at
 * the boundary so that callers react to a constraint kind, never to a driver's codes or wording.
 */

export type DbErrorKind = "unique" | "foreign_key" | "not_null" | "check" | "connection" | "other";

export class DbError extends Error {
  override readonly name = "DbError";
  constructor(
    readonly kind: DbErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// PostgreSQL SQLSTATE codes (Appendix A of its manual) for the constraint kinds we distinguish.
const POSTGRES_KINDS: Record<string, DbErrorKind> = {
  "23505": "unique",
  "23503": "foreign_key",
  "23502": "not_null",
  "23514": "check",
  "08000": "connection",
  "08001": "connection",
  "08003": "connection",
  "08006": "connection",
  "28P01": "connection",
  "3D000": "connection",
};

// better-sqlite3 exposes SQLite's extended result codes as strings.
const SQLITE_KINDS: Record<string, DbErrorKind> = {
  SQLITE_CONSTRAINT_UNIQUE: "unique",
  SQLITE_CONSTRAINT_PRIMARYKEY: "unique",
  SQLITE_CONSTRAINT_FOREIGNKEY: "foreign_key",
  SQLITE_CONSTRAINT_NOTNULL: "not_null",
  SQLITE_CONSTRAINT_CHECK: "check",
  SQLITE_CANTOPEN: "connection",
  SQLITE_NOTADB: "connection",
};

/** Wraps anything a driver threw into a `DbError`; a `DbError` passes through unchanged. */
export function wrapDriverError(error: unknown): DbError {
  if (error instanceof DbError) return error;
  const code =
    typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const kind =
    POSTGRES_KINDS[code] ??
    SQLITE_KINDS[code] ??
    (code === "ECONNREFUSED" || code === "ENOTFOUND" ? "connection" : "other");
  const message = error instanceof Error ? error.message : String(error);
  return new DbError(kind, message, { cause: error });
}

/** Runs `work`, turning any driver failure into a `DbError`. Non-driver errors pass through. */
export async function withDbErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDriverError(error)) throw wrapDriverError(error);
    throw error;
  }
}

function isDriverError(error: unknown): boolean {
  if (error instanceof DbError) return false;
  if (typeof error !== "object" || error === null) return false;
  const name = (error as { name?: unknown }).name;
  const code = (error as { code?: unknown }).code;
  if (name === "SqliteError") return true;
  // pg's DatabaseError carries a five-character SQLSTATE
  return (
    typeof code === "string" &&
    (/^[0-9A-Z]{5}$/.test(code) || code.startsWith("SQLITE_") || code === "ECONNREFUSED")
  );
}
