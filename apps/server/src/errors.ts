/**
 * Request errors: every failure a client can see has an HTTP status and a stable `id` that clients
 * branch on (the message is for people and may change). Domain and storage errors from the
 * packages below are translated here, in one place, by `toHttpError`, which the app's single
 * `onError` calls.
 */
import { QuireError } from "@quire/core";
import { DbError } from "@quire/db";
import { FormatError } from "@quire/formats";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The ids a response's `error.id` can take. */
export type ErrorId =
  | "project_not_found"
  | "source_not_found"
  | "code_not_found"
  | "coding_not_found"
  | "memo_not_found"
  | "case_not_found"
  | "attribute_not_found"
  | "not_found"
  | "name_conflict"
  | "conflict"
  | "invalid_input"
  | "revision_conflict"
  | "nothing_to_undo"
  | "nothing_to_redo"
  | "not_for_method"
  | "blind_coding"
  | "unreadable_file"
  | "payload_too_large"
  | "database_unavailable"
  | "internal_error";

/** An error with the status and id it is answered with. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: ContentfulStatusCode,
    readonly id: ErrorId,
    message: string,
    /** Whether it is worth logging: true only for failures that are the server's fault. */
    readonly isReportable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The response body: `{ error: { id, message } }`. */
  toBody(): ErrorBody {
    return { error: { id: this.id, message: this.message } };
  }
}

export interface ErrorBody {
  error: { id: ErrorId; message: string };
}

export const projectNotFound = (key: string) =>
  new HttpError(404, "project_not_found", `no project "${key}" in this workspace`);
export const sourceNotFound = (id: string) =>
  new HttpError(404, "source_not_found", `no source with id ${id}`);
export const codeNotFound = (id: string) =>
  new HttpError(404, "code_not_found", `no code with id ${id}`);
export const codingNotFound = (id: string) =>
  new HttpError(404, "coding_not_found", `no coding with id ${id}`);
export const nameConflict = (message: string) => new HttpError(409, "name_conflict", message);
export const invalidInput = (message: string) => new HttpError(400, "invalid_input", message);
export const revisionConflict = (baseRevisionId: string, currentRevisionId: string) =>
  new HttpError(
    409,
    "revision_conflict",
    `the text was changed since revision ${baseRevisionId} (now ${currentRevisionId}); reload it and edit again`,
  );
export const blindCoding = () =>
  new HttpError(
    409,
    "blind_coding",
    "blind coding is on, and an export would show every coder's codings: reveal them first",
  );
export const unreadableFile = (message: string) => new HttpError(422, "unreadable_file", message);
export const payloadTooLarge = (message: string) =>
  new HttpError(413, "payload_too_large", message);
export const internalError = () =>
  new HttpError(500, "internal_error", "something went wrong on the server", true);

// The packages below say `not_found` with a message that starts by naming the missing thing
// ("no code with id …", "no source named …"); the noun picks the id so clients need not parse text.
const NOT_FOUND_IDS: Record<string, ErrorId> = {
  project: "project_not_found",
  source: "source_not_found",
  code: "code_not_found",
  coding: "coding_not_found",
  memo: "memo_not_found",
  case: "case_not_found",
  attribute: "attribute_not_found",
};

/** Translates anything thrown while answering a request into an `HttpError`. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof QuireError) {
    switch (error.kind) {
      case "not_found": {
        const noun = /^no (\w+)/.exec(error.message)?.[1] ?? "";
        return new HttpError(404, NOT_FOUND_IDS[noun] ?? "not_found", error.message);
      }
      case "conflict":
        return /already exists/.test(error.message)
          ? nameConflict(error.message)
          : new HttpError(409, "conflict", error.message);
      case "invalid_input":
        return invalidInput(error.message);
      case "nothing_to_undo":
        return new HttpError(409, "nothing_to_undo", error.message);
      case "nothing_to_redo":
        return new HttpError(409, "nothing_to_redo", error.message);
    }
  }
  if (error instanceof FormatError) return unreadableFile(error.message);
  if (error instanceof DbError) {
    switch (error.kind) {
      case "unique":
        return nameConflict("that name is already taken");
      case "foreign_key":
        return new HttpError(409, "conflict", "that refers to something that no longer exists");
      case "connection":
        return new HttpError(503, "database_unavailable", error.message, true, { cause: error });
      default:
        break;
    }
  }
  return internalError();
}
