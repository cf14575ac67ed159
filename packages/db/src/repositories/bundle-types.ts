/**
 * The exchange bundle as the store reads and writes it. These types mirror `@quire/formats`'
 * REFI-QDA bundle part for part (the store does not depend on the formats package); TypeScript's
 * structural typing checks the two agree wherever `@quire/io` passes one to the other.
 */

export type ExchangeVariableType = "Text" | "Boolean" | "Integer" | "Float" | "Date" | "DateTime";

export interface ExchangeValue {
  variableGuid: string;
  type: ExchangeVariableType;
  value: string | number | boolean | null;
}

export interface ExchangeCoding {
  guid: string;
  codeGuid: string;
  creatingUser?: string;
  creationDateTime?: string;
  noteRefs: string[];
}

export interface ExchangeSelection {
  guid: string;
  name?: string;
  start: number;
  end: number;
  creatingUser?: string;
  creationDateTime?: string;
  modifyingUser?: string;
  modifiedDateTime?: string;
  description?: string;
  codings: ExchangeCoding[];
  noteRefs: string[];
}

export type ExchangePart =
  | {
      type: "project";
      project: {
        name: string;
        origin?: string;
        creatingUserGuid?: string;
        creationDateTime?: string;
        modifyingUserGuid?: string;
        modifiedDateTime?: string;
        basePath?: string;
      };
    }
  | { type: "user"; user: { guid: string; name: string; originalId?: string } }
  | {
      type: "code";
      code: {
        guid: string;
        name: string;
        parentGuid: string | null;
        isCodable: boolean;
        color: string | null;
        description: string | null;
        noteRefs: string[];
        originalId?: string;
      };
    }
  | {
      type: "variable";
      variable: {
        guid: string;
        name: string;
        type: ExchangeVariableType;
        description: string | null;
        originalId?: string;
      };
    }
  | {
      type: "case";
      case: {
        guid: string;
        name: string;
        description: string | null;
        codeRefs: string[];
        values: ExchangeValue[];
        sourceRefs: string[];
        selectionRefs: string[];
        originalId?: string;
      };
    }
  | {
      type: "source";
      source: {
        guid: string;
        name: string;
        text: string;
        description?: string;
        richTextPath?: string;
        creatingUser?: string;
        creationDateTime?: string;
        modifyingUser?: string;
        modifiedDateTime?: string;
        selections: ExchangeSelection[];
        codings: ExchangeCoding[];
        noteRefs: string[];
        values: ExchangeValue[];
        originalId?: string;
      };
    }
  | {
      type: "note";
      note: {
        guid: string;
        name: string;
        text: string;
        creatingUser?: string;
        creationDateTime?: string;
        modifiedDateTime?: string;
        originalId?: string;
      };
    }
  | {
      type: "set";
      set: {
        guid: string;
        name: string;
        description: string | null;
        memberCodes: string[];
        memberSources: string[];
        memberNotes: string[];
        originalId?: string;
      };
    }
  | { type: "end"; end: { description: string | null; noteRefs: string[] } };
