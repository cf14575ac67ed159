/**
 * The shape every importer has. Importing is two steps so that a call with many files is safe:
 * `prepare` reads and checks a file without touching the project; `write` then stores it inside
 * the one mutation that covers every file of the call.
 */
import type { Mutation } from "@quire/db";

export interface ImportOptions {
  /** Source kind for documents and transcripts (interview, focus_group, field_note, …). */
  kind?: string;
  /** CSV/XLSX: the column holding the text. */
  textColumn?: string;
  /** CSV/XLSX: a column naming each respondent. */
  idColumn?: string;
  /** CSV/XLSX: the columns to keep as attributes (default: all others). */
  attributeColumns?: readonly string[];
  /** CSV: the field delimiter (default: detected). */
  delimiter?: string;
  /** Re-import sources that exist already, re-anchoring their codings. */
  replace?: boolean;
  /** The name to show for the file in messages, when it differs from its path (an upload). */
  displayName?: string;
  /** XLSX: the sheet, by name or 1-based number (default: the first). */
  sheet?: string;
  /** Forum threads: replace usernames by consistent "Member 1", "Member 2"… */
  pseudonymise?: boolean;
  /** Forum threads with `pseudonymise`: where to write the username → pseudonym key (CSV), kept apart from the project. */
  pseudonymKeyFile?: string;
}

/** What the caller hears while an import runs. */
export interface ImportHooks {
  /** A line for the person: a warning, a note on what was skipped. */
  note?(message: string): void;
  /** Work done so far on one file, out of `total` (0 when unknown). */
  progress?(file: string, done: number, total: number): void;
}

/** What one file brought in, and what it did not. */
export interface FileReport {
  file: string;
  format: string;
  sources: number;
  cases: number;
  turns: number;
  codes: number;
  codings: number;
  replaced: number;
  /** Things the person should know: heuristics applied, quirks of the file. */
  warnings: string[];
  /** Parts of the file that were not brought in, and why. */
  skipped: string[];
}

export interface PreparedFile {
  /** Stores the file's contents; runs inside the import's single mutation. */
  write(m: Mutation, hooks: ImportHooks): Promise<FileReport>;
}

export interface FileImporter {
  /** Human name of the format, e.g. "transcript", "CSV". */
  format: string;
  /** File name endings, lower case with the dot. */
  extensions: readonly string[];
  /**
   * Reads and checks the file; throws a FormatError naming the file and place when it cannot be read.
   * Nothing in the project changes here.
   */
  prepare(path: string, options: ImportOptions, hooks: ImportHooks): Promise<PreparedFile>;
}

/** A report with every count at zero. */
export function emptyReport(file: string, format: string): FileReport {
  return {
    file,
    format,
    sources: 0,
    cases: 0,
    turns: 0,
    codes: 0,
    codings: 0,
    replaced: 0,
    warnings: [],
    skipped: [],
  };
}
