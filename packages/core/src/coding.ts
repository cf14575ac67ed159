/** A coding: one code applied by one coder to one anchored passage. */
import type { Anchor } from "./anchor.js";
import type { CodeId, CodingId, ProjectId, SourceId } from "./ids.js";

export interface Coding {
  id: CodingId;
  projectId: ProjectId;
  sourceId: SourceId;
  codeId: CodeId;
  anchor: Anchor;
  /** Who applied it: a coder name or initials; codings of different coders stay apart. */
  coder: string;
  memo: string | null;
  createdAt: string;
}
