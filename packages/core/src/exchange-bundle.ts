/**
 * The REFI-QDA project as plain data: what a `.qdpx` holds, in the order the standard writes it.
 * It lives in core because both sides of the exchange use it: `@quire/formats` reads and writes it,
 * `@quire/db` stores it and reads it back.
 * Readers produce it as a stream of parts (so one source's text is in memory at a time) and writers
 * consume the same stream; `collectBundle` and `bundleParts` convert to and from the whole object
 * for small projects and tests. Every GUID here is lower case without braces; every position is a
 * UTF-16 offset into the source's canonical text (see `@quire/formats`' `refi/positions.ts`).
 */

export interface BundleProject {
  name: string;
  origin?: string;
  creatingUserGuid?: string;
  creationDateTime?: string;
  modifyingUserGuid?: string;
  modifiedDateTime?: string;
  basePath?: string;
}

export interface BundleUser {
  guid: string;
  name: string;
  /** The file's own id when it was not a GUID (a new GUID was derived from it). */
  originalId?: string;
}

export interface BundleCode {
  guid: string;
  name: string;
  parentGuid: string | null;
  isCodable: boolean;
  /** `#rrggbb` lower case, or null. */
  color: string | null;
  description: string | null;
  noteRefs: string[];
  originalId?: string;
}

export const VARIABLE_TYPES = ["Text", "Boolean", "Integer", "Float", "Date", "DateTime"] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export interface BundleVariable {
  guid: string;
  name: string;
  type: VariableType;
  description: string | null;
  originalId?: string;
}

export interface BundleValue {
  variableGuid: string;
  type: VariableType;
  /** Text, Date (YYYY-MM-DD) and DateTime as strings; Integer and Float as numbers. */
  value: string | number | boolean | null;
}

export interface BundleCase {
  guid: string;
  name: string;
  description: string | null;
  codeRefs: string[];
  values: BundleValue[];
  sourceRefs: string[];
  selectionRefs: string[];
  originalId?: string;
}

export interface BundleCoding {
  guid: string;
  codeGuid: string;
  creatingUser?: string;
  creationDateTime?: string;
  noteRefs: string[];
}

export interface BundleSelection {
  guid: string;
  name?: string;
  /** UTF-16 offsets into the source's canonical text, start < end. */
  start: number;
  end: number;
  creatingUser?: string;
  creationDateTime?: string;
  modifyingUser?: string;
  modifiedDateTime?: string;
  description?: string;
  codings: BundleCoding[];
  noteRefs: string[];
}

export interface BundleSource {
  guid: string;
  name: string;
  /** Canonical text (NFC, no BOM, `\n` line breaks). */
  text: string;
  description?: string;
  richTextPath?: string;
  creatingUser?: string;
  creationDateTime?: string;
  modifyingUser?: string;
  modifiedDateTime?: string;
  selections: BundleSelection[];
  /** Codings of the whole source (a `Coding` directly inside the `TextSource`). */
  codings: BundleCoding[];
  noteRefs: string[];
  values: BundleValue[];
  originalId?: string;
}

export interface BundleNote {
  guid: string;
  name: string;
  text: string;
  creatingUser?: string;
  creationDateTime?: string;
  modifiedDateTime?: string;
  originalId?: string;
}

export interface BundleSet {
  guid: string;
  name: string;
  description: string | null;
  memberCodes: string[];
  memberSources: string[];
  memberNotes: string[];
  originalId?: string;
}

/** Project-level things the standard writes after everything else. */
export interface BundleEnd {
  description: string | null;
  noteRefs: string[];
}

/**
 * One piece of a project, in document order: `project` first, then users, codes (parents before
 * children), variables, cases, sources, notes, sets, and `end` last.
 */
export type BundlePart =
  | { type: "project"; project: BundleProject }
  | { type: "user"; user: BundleUser }
  | { type: "code"; code: BundleCode }
  | { type: "variable"; variable: BundleVariable }
  | { type: "case"; case: BundleCase }
  | { type: "source"; source: BundleSource }
  | { type: "note"; note: BundleNote }
  | { type: "set"; set: BundleSet }
  | { type: "end"; end: BundleEnd };

/** A whole project in memory. */
export interface ProjectBundle {
  project: BundleProject;
  users: BundleUser[];
  codes: BundleCode[];
  variables: BundleVariable[];
  cases: BundleCase[];
  sources: BundleSource[];
  notes: BundleNote[];
  sets: BundleSet[];
  end: BundleEnd;
}

/** The rank of each part type in document order; writers refuse parts that go backwards. */
export const PART_ORDER: Record<BundlePart["type"], number> = {
  project: 0,
  user: 1,
  code: 2,
  variable: 3,
  case: 4,
  source: 5,
  note: 6,
  set: 7,
  end: 8,
};

/** Gathers a stream of parts into one bundle. */
export async function collectBundle(
  parts: AsyncIterable<BundlePart> | Iterable<BundlePart>,
): Promise<ProjectBundle> {
  const bundle: ProjectBundle = {
    project: { name: "" },
    users: [],
    codes: [],
    variables: [],
    cases: [],
    sources: [],
    notes: [],
    sets: [],
    end: { description: null, noteRefs: [] },
  };
  for await (const part of parts) {
    switch (part.type) {
      case "project":
        bundle.project = part.project;
        break;
      case "user":
        bundle.users.push(part.user);
        break;
      case "code":
        bundle.codes.push(part.code);
        break;
      case "variable":
        bundle.variables.push(part.variable);
        break;
      case "case":
        bundle.cases.push(part.case);
        break;
      case "source":
        bundle.sources.push(part.source);
        break;
      case "note":
        bundle.notes.push(part.note);
        break;
      case "set":
        bundle.sets.push(part.set);
        break;
      case "end":
        bundle.end = part.end;
        break;
    }
  }
  return bundle;
}

/** The parts of a bundle, in document order. */
export function* bundleParts(bundle: ProjectBundle): Generator<BundlePart> {
  yield { type: "project", project: bundle.project };
  for (const user of bundle.users) yield { type: "user", user };
  for (const code of bundle.codes) yield { type: "code", code };
  for (const variable of bundle.variables) yield { type: "variable", variable };
  for (const item of bundle.cases) yield { type: "case", case: item };
  for (const source of bundle.sources) yield { type: "source", source };
  for (const note of bundle.notes) yield { type: "note", note };
  for (const set of bundle.sets) yield { type: "set", set };
  yield { type: "end", end: bundle.end };
}
