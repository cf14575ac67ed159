/** The shape every exporter has: it writes one file from a project. */
import type { Project } from "@quire/core";
import type { Store } from "@quire/db";

export interface ExportOptions {
  /** Only these codes (ids), where the format is about codings. */
  codeIds?: readonly string[];
  /** Characters of context on each side of a coded segment. */
  context?: number;
  /** The source (title or id), for formats about one source. */
  source?: string;
  /** framework-xlsx: one sheet per category (default) or one sheet with grouped columns. */
  layout?: "per-category" | "grouped";
  /** framework-xlsx: keep only cases whose attributes have these values. */
  where?: Record<string, string>;
  /** framework-xlsx: sort cases by this attribute. */
  sort?: { attribute: string; direction?: "asc" | "desc" };
  /** report-*: the case attribute counts are compared by, e.g. "arm". */
  attribute?: string;
  /** report-*: the attributes shown in quotation labels (default: arm-, gender- and age-like ones). */
  labelAttributes?: readonly string[];
}

export interface ExportHooks {
  progress?(done: number, total: number): void;
}

export interface ExportReport {
  path: string;
  format: string;
  /** What was written, in the format's own units: "segments", "codes", "sources"… */
  counts: Record<string, number>;
}

export interface Exporter {
  /** The name used on the command line and in the API, e.g. "csv". */
  format: string;
  description: string;
  /** The usual file ending, with the dot. */
  extension: string;
  write(
    store: Store,
    project: Project,
    path: string,
    options: ExportOptions,
    hooks: ExportHooks,
  ): Promise<ExportReport>;
}
