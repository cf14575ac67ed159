/**
 * The audit log: an append-only record of who changed what, when and why. It is the source of undo
 * and redo and of the "derivation of themes" narrative.
 */
import type { ProjectId } from "./ids.js";

export interface AuditEvent {
  /** Position in the log, increasing. */
  seq: number;
  projectId: ProjectId;
  at: string;
  actor: string;
  /** Verb-noun, e.g. `code.create`, `coding.delete`, `source.edit`, `import.csv`, `undo`. */
  action: string;
  /** One human sentence: `created code "Last-resort diagnosis" under "Reaching a diagnosis"`. */
  summary: string;
  rationale: string | null;
  /** For `undo`/`redo`: the event they act on. */
  targetSeq: number | null;
  /** True while the event's effect is undone. */
  reverted: boolean;
}
