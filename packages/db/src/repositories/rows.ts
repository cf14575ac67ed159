/** Conversions between stored rows and core entities; JSON columns are parsed here and nowhere else. */
import {
  type AnchorStatus,
  type AttributeDefinition,
  type AttributeType,
  asId,
  type Case,
  type Code,
  type CodeOrigin,
  type Coding,
  type Memo,
  type MemoKind,
  type MemoTarget,
  type MethodProfile,
  type Project,
  type Source,
  type SourceKind,
  type SourceRevision,
  type SpeakerRole,
  type Turn,
} from "@quire/core";
import type { Selectable } from "kysely";
import type {
  AttributesTable,
  CasesTable,
  CodesTable,
  CodingsTable,
  MemosTable,
  ProjectsTable,
  SourceRevisionsTable,
  SourcesTable,
  TurnsTable,
} from "../schema.js";

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === "") return fallback;
  return JSON.parse(text) as T;
}

export function toProject(row: Selectable<ProjectsTable>): Project {
  return {
    id: asId(row.id),
    name: row.name,
    method: row.method as MethodProfile,
    settings: parseJson(row.settings, {}),
    canonicalTextVersion: Number(row.canonicalTextVersion),
    createdAt: row.createdAt,
  };
}

export function toCase(row: Selectable<CasesTable>): Case {
  return {
    id: asId(row.id),
    projectId: asId(row.projectId),
    name: row.name,
    kind: row.kind,
    attributes: parseJson(row.attributes, {}),
  };
}

export function toAttribute(row: Selectable<AttributesTable>): AttributeDefinition {
  return {
    id: asId(row.id),
    projectId: asId(row.projectId),
    name: row.name,
    type: row.type as AttributeType,
    allowedValues: parseJson(row.allowedValues, []),
  };
}

export function toSource(row: Selectable<SourcesTable>): Source {
  return {
    id: asId(row.id),
    projectId: asId(row.projectId),
    kind: row.kind as SourceKind,
    title: row.title,
    metadata: parseJson(row.metadata, {}),
    caseId: row.caseId ? asId(row.caseId) : null,
    currentRevisionId: asId(row.currentRevisionId),
    position: Number(row.position),
    createdAt: row.createdAt,
  };
}

export function toRevision(row: Selectable<SourceRevisionsTable>): SourceRevision {
  return {
    id: asId(row.id),
    sourceId: asId(row.sourceId),
    number: Number(row.number),
    text: row.text,
    changes: parseJson(row.changes, null),
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}

export function toTurn(row: Selectable<TurnsTable>): Turn {
  return {
    id: asId(row.id),
    revisionId: asId(row.revisionId),
    index: Number(row.idx),
    start: Number(row.startPos),
    end: Number(row.endPos),
    speaker: row.speaker,
    role: row.role as SpeakerRole,
    caseId: row.caseId ? asId(row.caseId) : null,
    timeStart: row.timeStart === null ? null : Number(row.timeStart),
    timeEnd: row.timeEnd === null ? null : Number(row.timeEnd),
    replyTo: row.replyTo ? asId(row.replyTo) : null,
    quotes: parseJson(row.quotes, []),
  };
}

export function toCode(row: Selectable<CodesTable>): Code {
  return {
    id: asId(row.id),
    projectId: asId(row.projectId),
    parentId: row.parentId ? asId(row.parentId) : null,
    name: row.name,
    color: row.color,
    description: parseJson(row.description, {}),
    origin: row.origin as CodeOrigin,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export function toCoding(row: Selectable<CodingsTable>): Coding {
  return {
    id: asId(row.id),
    projectId: asId(row.projectId),
    sourceId: asId(row.sourceId),
    codeId: asId(row.codeId),
    anchor: {
      revisionId: asId(row.revisionId),
      start: Number(row.startPos),
      end: Number(row.endPos),
      exact: row.exact,
      prefix: row.prefix,
      suffix: row.suffix,
      status: row.status as AnchorStatus,
      score: Number(row.score),
    },
    coder: row.coder,
    memo: row.memo,
    createdAt: row.createdAt,
  };
}

/** The stored columns of a coding (all but `sourcePosition`, which belongs to its source). */
export function codingRow(coding: Coding): Omit<Selectable<CodingsTable>, "sourcePosition"> {
  return {
    id: coding.id,
    projectId: coding.projectId,
    sourceId: coding.sourceId,
    codeId: coding.codeId,
    revisionId: coding.anchor.revisionId,
    startPos: coding.anchor.start,
    endPos: coding.anchor.end,
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

export function toMemo(row: Selectable<MemosTable>): Memo {
  return {
    id: asId(row.id),
    projectId: asId(row.projectId),
    kind: row.kind as MemoKind,
    title: row.title,
    body: row.body,
    targetType: row.targetType as MemoTarget,
    targetId: row.targetId,
    author: row.author,
    version: Number(row.version),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
