/**
 * From collected REFI elements to bundle objects: attributes checked and normalised (GUIDs lower
 * case, colours `#rrggbb`, integers parsed), with every tolerated quirk noted in the report and
 * every broken piece skipped with a reason, never silently.
 */
import type {
  BundleCase,
  BundleCode,
  BundleCoding,
  BundleSet,
  BundleUser,
  BundleValue,
  BundleVariable,
  VariableType,
} from "./bundle.js";
import { VARIABLE_TYPES } from "./bundle.js";
import { detached, isCanonicalGuid, normalizeGuid } from "./guid.js";
import type { RefiReport } from "./report.js";
import { childrenNamed, childText, type XmlNode } from "./xml-items.js";

/** Normalises GUIDs and remembers the ones that were not GUIDs at all. */
export class GuidReader {
  constructor(private readonly report: RefiReport) {}

  /**
   * The canonical GUID of an attribute, or null (noted) when it is missing. Detached from the
   * document text: an importer keeps GUIDs in maps for the whole import.
   */
  read(node: XmlNode, attribute: string): { guid: string; originalId?: string } | null {
    const raw = node.attributes[attribute];
    if (raw === undefined) return null;
    // Nearly every GUID of a large file is canonical already: no objects on the way.
    if (isCanonicalGuid(raw)) return { guid: detached(raw) };
    if (raw.trim() === "") return null;
    const normal = normalizeGuid(raw);
    const guid = normal.shape === "canonical" ? detached(normal.guid) : normal.guid;
    const shape = normal.shape;
    if (shape === "recased")
      this.report.warn("GUIDs written in upper case or with braces were lower-cased");
    if (shape === "derived") {
      this.report.warn(
        `ids that are not GUIDs (such as "${raw.slice(0, 40)}") were given GUIDs derived from them; the original id is kept`,
      );
      return { guid, originalId: detached(raw) };
    }
    return { guid };
  }

  /** An object's own GUID (`guid`), normalised as by `read`, or undefined. */
  id(node: XmlNode, attribute: string): string | undefined {
    const raw = node.attributes[attribute];
    if (raw !== undefined && isCanonicalGuid(raw)) return detached(raw);
    return this.read(node, attribute)?.guid;
  }

  /**
   * Canonical GUIDs referred to lately, each once: a file names the same few users and codes on
   * every coding, and one copy serves them all instead of a new one each time.
   */
  private readonly recent = new Map<string, string>();

  /** A reference attribute (`targetGUID`, `creatingUser`…), normalised the same way, or undefined. */
  ref(node: XmlNode, attribute: string): string | undefined {
    const raw = node.attributes[attribute];
    if (raw !== undefined && isCanonicalGuid(raw)) {
      const known = this.recent.get(raw);
      if (known !== undefined) return known;
      // Bounded: references to many different objects (a case's sources) just start it afresh.
      if (this.recent.size >= 4096) this.recent.clear();
      const guid = detached(raw);
      this.recent.set(guid, guid);
      return guid;
    }
    return this.read(node, attribute)?.guid;
  }

  refs(node: XmlNode, element: string, attribute = "targetGUID"): string[] {
    const result: string[] = [];
    for (const child of node.children) {
      if (child.name !== element) continue;
      const guid = this.ref(child, attribute);
      if (guid) result.push(guid);
      else this.report.skip(`a <${element}> without ${attribute} (line ${child.line})`);
    }
    return result;
  }
}

export function optional(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value;
}

/** Copies the defined entries of an object, so optional fields stay absent rather than undefined. */
export function defined<T extends object>(value: T): T {
  const result: Record<string, unknown> = {};
  // for…in rather than Object.entries: this runs for every selection and coding of a project.
  for (const key in value) {
    const entry = value[key];
    if (entry !== undefined) result[key] = entry;
  }
  return result as T;
}

export function toUser(node: XmlNode, guids: GuidReader, report: RefiReport): BundleUser | null {
  const id = guids.read(node, "guid");
  if (!id) {
    report.skip(`a user without a guid (line ${node.line})`);
    return null;
  }
  return defined({ guid: id.guid, name: node.attributes.name ?? "", originalId: id.originalId });
}

/** A top-level code and its descendants, parents first. */
export function toCodes(
  node: XmlNode,
  parentGuid: string | null,
  guids: GuidReader,
  report: RefiReport,
  out: BundleCode[] = [],
): BundleCode[] {
  const id = guids.read(node, "guid");
  const name = node.attributes.name;
  if (!id || name === undefined) {
    report.skip(
      `a code without ${id ? "a name" : "a guid"} (line ${node.line}) and the codes inside it`,
    );
    return out;
  }
  const codable = node.attributes.isCodable;
  if (codable === undefined)
    report.warn("codes without the required isCodable attribute were taken as codable");
  out.push(
    defined({
      guid: id.guid,
      name,
      parentGuid,
      isCodable: codable === undefined ? true : codable === "true" || codable === "1",
      color: readColor(node.attributes.color, report),
      description: childText(node, "Description") ?? null,
      noteRefs: guids.refs(node, "NoteRef"),
      originalId: id.originalId,
    }),
  );
  for (const child of childrenNamed(node, "Code")) toCodes(child, id.guid, guids, report, out);
  return out;
}

function readColor(raw: string | undefined, report: RefiReport): string | null {
  if (raw === undefined || raw.trim() === "") return null;
  const text = raw.trim();
  const match = /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/.exec(text);
  if (!match?.[1]) {
    report.skip(`colour "${text.slice(0, 20)}" is not #rrggbb; the code keeps no colour`);
    return null;
  }
  const hex = match[1].toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((digit) => digit + digit).join("")}` : `#${hex}`;
}

export function toVariable(
  node: XmlNode,
  guids: GuidReader,
  report: RefiReport,
): BundleVariable | null {
  const id = guids.read(node, "guid");
  const type = node.attributes.typeOfVariable as VariableType | undefined;
  if (!id || !node.attributes.name || !type || !VARIABLE_TYPES.includes(type)) {
    report.skip(`a variable without guid, name or a known typeOfVariable (line ${node.line})`);
    return null;
  }
  return defined({
    guid: id.guid,
    name: node.attributes.name,
    type,
    description: childText(node, "Description") ?? null,
    originalId: id.originalId,
  });
}

const VALUE_ELEMENTS: Record<string, VariableType> = {
  TextValue: "Text",
  BooleanValue: "Boolean",
  IntegerValue: "Integer",
  FloatValue: "Float",
  DateValue: "Date",
  DateTimeValue: "DateTime",
};

export function toValues(node: XmlNode, guids: GuidReader, report: RefiReport): BundleValue[] {
  const values: BundleValue[] = [];
  for (const item of childrenNamed(node, "VariableValue")) {
    const ref = item.children.find((child) => child.name === "VariableRef");
    const variableGuid = ref ? guids.ref(ref, "targetGUID") : undefined;
    if (!variableGuid) {
      report.skip(`a variable value without a VariableRef (line ${item.line})`);
      continue;
    }
    const valueNode = item.children.find((child) => child.name in VALUE_ELEMENTS);
    if (!valueNode) {
      values.push({ variableGuid, type: "Text", value: null });
      continue;
    }
    const type = VALUE_ELEMENTS[valueNode.name] as VariableType;
    const text = valueNode.text.trim();
    let value: string | number | boolean | null = valueNode.text;
    if (type === "Boolean") value = text === "true" || text === "1";
    else if (type === "Integer" || type === "Float") {
      const number = Number(text);
      if (text === "" || !Number.isFinite(number)) {
        report.skip(
          `a ${type} value "${text.slice(0, 20)}" that is not a number (line ${valueNode.line})`,
        );
        continue;
      }
      value = number;
    } else if (type === "Date") value = text.slice(0, 10);
    values.push({ variableGuid, type, value });
  }
  return values;
}

export function toCase(node: XmlNode, guids: GuidReader, report: RefiReport): BundleCase | null {
  const id = guids.read(node, "guid");
  if (!id) {
    report.skip(`a case without a guid (line ${node.line})`);
    return null;
  }
  return defined({
    guid: id.guid,
    name: node.attributes.name ?? "",
    description: childText(node, "Description") ?? null,
    codeRefs: guids.refs(node, "CodeRef"),
    values: toValues(node, guids, report),
    sourceRefs: guids.refs(node, "SourceRef"),
    selectionRefs: guids.refs(node, "SelectionRef"),
    originalId: id.originalId,
  });
}

export function toCodings(node: XmlNode, guids: GuidReader, report: RefiReport): BundleCoding[] {
  const codings: BundleCoding[] = [];
  for (const coding of node.children) {
    if (coding.name !== "Coding") continue;
    const guid = guids.id(coding, "guid");
    let ref: XmlNode | undefined;
    for (const child of coding.children)
      if (child.name === "CodeRef") {
        ref = child;
        break;
      }
    const codeGuid = ref ? guids.ref(ref, "targetGUID") : undefined;
    if (!guid || !codeGuid) {
      report.skip(`a coding without ${guid ? "a CodeRef" : "a guid"} (line ${coding.line})`);
      continue;
    }
    const creatingUser = guids.ref(coding, "creatingUser");
    const creationDateTime = dateTime(coding.attributes.creationDateTime);
    const noteRefs = guids.refs(coding, "NoteRef");
    // One object, not two through `defined`, when every field is there (a project has a million).
    codings.push(
      creatingUser !== undefined && creationDateTime !== undefined
        ? { guid, codeGuid, creatingUser, creationDateTime, noteRefs }
        : defined({ guid, codeGuid, creatingUser, creationDateTime, noteRefs }),
    );
  }
  return codings;
}

export function toSet(
  node: XmlNode,
  guids: GuidReader,
  report: RefiReport,
  codebook: boolean,
): BundleSet | null {
  const id = guids.read(node, "guid");
  if (!id || node.attributes.name === undefined) {
    report.skip(`a set without ${id ? "a name" : "a guid"} (line ${node.line})`);
    return null;
  }
  return defined({
    guid: id.guid,
    name: node.attributes.name,
    description: childText(node, "Description") ?? null,
    // A codebook names its members by `guid`, a project by `targetGUID`.
    memberCodes: guids.refs(node, "MemberCode", codebook ? "guid" : "targetGUID"),
    memberSources: guids.refs(node, "MemberSource"),
    memberNotes: guids.refs(node, "MemberNote"),
    originalId: id.originalId,
  });
}

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** An xsd:dateTime kept exactly as written, or undefined when it is not one. */
export function dateTime(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  return DATE_TIME.test(text) ? text : undefined;
}
