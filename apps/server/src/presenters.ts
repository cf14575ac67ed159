/**
 * Presenters: the shapes the API answers with, made from the packages' entities. Handlers return
 * only what these build, so a field renamed below does not leak into the wire format unnoticed.
 */
import type { Code, Coding, Project, Source } from "@quire/core";
import type { ProjectCounts, SourceCoding, SourceDetail, SourcePageRow } from "@quire/db";

/** A project with its key and counts. */
export function presentProject(key: string, project: Project, counts: ProjectCounts) {
  return {
    key,
    id: project.id as string,
    name: project.name,
    method: project.method,
    settings: project.settings,
    createdAt: project.createdAt,
    counts,
  };
}

/** A coding with its anchor flattened, as the codings routes answer. */
export function presentCoding(coding: Coding) {
  return {
    id: coding.id as string,
    sourceId: coding.sourceId as string,
    codeId: coding.codeId as string,
    revisionId: coding.anchor.revisionId as string,
    start: coding.anchor.start,
    end: coding.anchor.end,
    exact: coding.anchor.exact,
    prefix: coding.anchor.prefix,
    suffix: coding.anchor.suffix,
    status: coding.anchor.status,
    score: coding.anchor.score,
    coder: coding.coder,
    memo: coding.memo,
    createdAt: coding.createdAt,
  };
}

/** A code without its project id. */
export function presentCode(code: Code) {
  return {
    id: code.id as string,
    parentId: code.parentId as string | null,
    name: code.name,
    color: code.color,
    description: code.description,
    origin: code.origin,
    createdBy: code.createdBy,
    createdAt: code.createdAt,
  };
}

/** A source's own fields, ids as plain strings. */
export function presentSource(source: Source) {
  return {
    id: source.id as string,
    kind: source.kind,
    title: source.title,
    metadata: source.metadata,
    caseId: source.caseId as string | null,
    currentRevisionId: source.currentRevisionId as string,
    position: source.position,
    createdAt: source.createdAt,
  };
}

/** One row of the sources list. */
export function presentSourceRow(row: SourcePageRow) {
  return {
    ...presentSource(row),
    caseName: row.caseName,
    caseAttributes: row.caseAttributes,
    length: row.length,
    codingCount: row.codingCount,
  };
}

/** A source opened for reading or coding: its current text, turns and codings. */
export function presentSourceDetail(detail: SourceDetail, codings: SourceCoding[]) {
  return {
    source: presentSource(detail.source),
    revision: {
      id: detail.revision.id as string,
      number: detail.revision.number,
      text: detail.revision.text,
      createdAt: detail.revision.createdAt,
      createdBy: detail.revision.createdBy,
    },
    turns: detail.turns.map((turn) => ({
      id: turn.id as string,
      index: turn.index,
      start: turn.start,
      end: turn.end,
      speaker: turn.speaker,
      role: turn.role,
      caseId: turn.caseId as string | null,
      timeStart: turn.timeStart,
      timeEnd: turn.timeEnd,
    })),
    codings,
  };
}
