/**
 * The rows an import writes for a chunk of sources, in the column order both dialects insert them.
 * Each dialect writes a chunk its own fastest way (`Dialect.insertSourceChunk`).
 */
import type { BulkColumn } from "./dialect.js";

export interface SourceChunk {
  cases: unknown[][];
  /** Rows in `SOURCE_COLUMNS` order; the text of each source's first revision is in `revisions`. */
  sources: unknown[][];
  revisions: unknown[][];
  turns: unknown[][];
}

export const CASE_COLUMNS: BulkColumn[] = [
  { name: "id", pgType: "text" },
  { name: "project_id", pgType: "text" },
  { name: "name", pgType: "text" },
  { name: "kind", pgType: "text" },
  { name: "attributes", pgType: "text" },
  { name: "import_id", pgType: "text" },
  { name: "created_at", pgType: "text" },
];

export const SOURCE_COLUMNS: BulkColumn[] = [
  { name: "id", pgType: "text" },
  { name: "project_id", pgType: "text" },
  { name: "kind", pgType: "text" },
  { name: "title", pgType: "text" },
  { name: "metadata", pgType: "text" },
  { name: "case_id", pgType: "text" },
  { name: "current_revision_id", pgType: "text" },
  { name: "position", pgType: "integer" },
  { name: "import_id", pgType: "text" },
  { name: "created_at", pgType: "text" },
];

/** Source rows led by their `seq`, the key the full-text index refers to (SQLite). */
export const SOURCE_COLUMNS_WITH_SEQ: BulkColumn[] = [
  { name: "seq", pgType: "integer" },
  ...SOURCE_COLUMNS,
];

/** Revision rows: the text is at `REVISION_TEXT`. */
export const REVISION_COLUMNS: BulkColumn[] = [
  { name: "id", pgType: "text" },
  { name: "source_id", pgType: "text" },
  { name: "project_id", pgType: "text" },
  { name: "number", pgType: "integer" },
  { name: "text", pgType: "text" },
  { name: "created_at", pgType: "text" },
  { name: "created_by", pgType: "text" },
];
export const REVISION_TEXT = 4;

export const TURN_COLUMNS: BulkColumn[] = [
  { name: "id", pgType: "text" },
  { name: "revision_id", pgType: "text" },
  { name: "source_id", pgType: "text" },
  { name: "project_id", pgType: "text" },
  { name: "idx", pgType: "integer" },
  { name: "start_pos", pgType: "integer" },
  { name: "end_pos", pgType: "integer" },
  { name: "speaker", pgType: "text" },
  { name: "role", pgType: "text" },
  { name: "case_id", pgType: "text" },
  { name: "time_start", pgType: "double precision" },
  { name: "time_end", pgType: "double precision" },
];
