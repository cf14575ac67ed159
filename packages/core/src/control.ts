/**
 * The three kinds of failure and their homes: expected outcomes are values (`Result`), bad input is a
 * `QuireError` with a stable kind, and broken invariants throw through `assert`.
 */

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const Result = {
  ok<T>(value: T): Result<T, never> {
    return { ok: true, value };
  },
  err<E>(error: E): Result<never, E> {
    return { ok: false, error };
  },
};

/** Throws when an invariant the code relies on does not hold. Not for validating input. */
export function assert(condition: unknown, message = "assertion failed"): asserts condition {
  if (!condition) throw new Error(message);
}

/** Returns `value`, or throws when it is null or undefined. */
export function assertExists<T>(value: T | null | undefined, message = "value is missing"): T {
  if (value === null || value === undefined) throw new Error(message);
  return value;
}

/** Marks a switch as exhaustive: the compiler fails when a case is added and not handled. */
export function exhaustiveSwitchError(value: never): never {
  throw new Error(`unhandled case: ${String(value)}`);
}

/** Stable machine-readable kinds of user-facing error. */
export type QuireErrorKind =
  | "not_found"
  | "conflict"
  | "invalid_input"
  | "nothing_to_undo"
  | "nothing_to_redo";

/**
 * An error a user can act on: bad input, a missing object, a name already taken. The message is one
 * clear sentence; `kind` lets callers (CLI exit codes, HTTP statuses) react without parsing it.
 */
export class QuireError extends Error {
  override readonly name = "QuireError";
  constructor(
    readonly kind: QuireErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
