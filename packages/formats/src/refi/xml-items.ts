/**
 * Cuts a streamed REFI document into items: each User, top-level Code, Variable, Case, Source,
 * Note, Set… is collected as a small element tree when it closes, and nothing else is kept. Memory
 * therefore holds one item at a time (one source with its selections), never the document.
 */
import type { XmlHandler, XmlOpen } from "../archive/xml-stream.js";

export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
  column: number;
}

/** Where an item was found: the section (parent element) it sits in. */
export interface XmlItem {
  section: string;
  node: XmlNode;
}

export interface ItemSink {
  root(element: XmlOpen): void;
  item(item: XmlItem): void;
  /** An element at section level that is not a known section. */
  unknownSection(element: XmlOpen): void;
  /** A known section opened (its namespace may need a look). */
  sectionOpen?(element: XmlOpen): void;
}

/**
 * Sections whose children are items, by the root they belong under. `Codes` sits inside
 * `CodeBook` in a project, and directly under the root in a codebook file.
 */
const PROJECT_SECTIONS = new Set([
  "Users",
  "Variables",
  "Cases",
  "Sources",
  "Notes",
  "Links",
  "Sets",
  "Graphs",
]);

export class ItemCollector implements XmlHandler {
  private readonly path: string[] = [];
  private readonly building: XmlNode[] = [];
  private section = "";

  constructor(private readonly sink: ItemSink) {}

  open(element: XmlOpen): void {
    const depth = this.path.length;
    this.path.push(element.name);
    if (this.building.length > 0) {
      const node = toNode(element);
      this.building[this.building.length - 1]?.children.push(node);
      this.building.push(node);
      return;
    }
    if (depth === 0) {
      this.sink.root(element);
      return;
    }
    const parent = this.path[depth - 1] ?? "";
    const root = this.path[0];
    const isItem =
      (depth === 2 && PROJECT_SECTIONS.has(parent) && root === "Project") ||
      (depth === 3 && parent === "Codes" && this.path[1] === "CodeBook") ||
      (depth === 2 && root === "CodeBook" && (parent === "Codes" || parent === "Sets")) ||
      (depth === 1 &&
        root === "Project" &&
        (element.name === "Description" || element.name === "NoteRef"));
    if (isItem) {
      this.section = depth === 1 ? "Project" : parent;
      this.building.push(toNode(element));
      return;
    }
    const known =
      (depth === 1 &&
        (PROJECT_SECTIONS.has(element.name) ||
          element.name === "CodeBook" ||
          element.name === "Codes")) ||
      (depth === 2 && parent === "CodeBook" && element.name === "Codes");
    if (known) this.sink.sectionOpen?.(element);
    else this.sink.unknownSection(element);
  }

  close(): void {
    this.path.pop();
    const node = this.building.pop();
    if (node && this.building.length === 0) this.sink.item({ section: this.section, node });
  }

  text(text: string): void {
    const node = this.building[this.building.length - 1];
    if (node) node.text += text;
  }
}

function toNode(element: XmlOpen): XmlNode {
  return {
    name: element.name,
    attributes: element.attributes,
    children: [],
    text: "",
    line: element.line,
    column: element.column,
  };
}

/** The text of the first child of that name, or undefined. */
export function childText(node: XmlNode, name: string): string | undefined {
  for (const child of node.children) if (child.name === name) return child.text;
  return undefined;
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((child) => child.name === name);
}
