/**
 * Reading REFI-QDA files: a project archive (`.qdpx`), a bare project document (`.qde`) or a
 * codebook (`.qdc`), as a stream of bundle parts. The XML is parsed as it is inflated; each source's
 * plain-text twin is read from the archive only when its `TextSource` closes, and its selections are
 * converted to canonical positions then. Quirks of real exports are tolerated with a warning;
 * anything not brought in is listed in the report.
 */
import { open } from "node:fs/promises";
import { GuidSet } from "@quire/core";
import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS, type XmlLimits } from "../archive/limits.js";
import { XmlStream } from "../archive/xml-stream.js";
import { ZipArchive, type ZipEntry } from "../archive/zip-reader.js";
import { DEFAULT_MAX_TEXT_BYTES } from "../decode.js";
import { firstInvalidUtf8, sniffEncoding } from "../encoding.js";
import { FormatError, fileSystemError } from "../errors.js";
import type { BundleNote, BundlePart, BundleSelection, BundleSource } from "./bundle.js";
import {
  dateTime,
  defined,
  GuidReader,
  toCase,
  toCodes,
  toCodings,
  toSet,
  toUser,
  toValues,
  toVariable,
} from "./convert.js";
import { mapPositions } from "./positions.js";
import { RefiReport } from "./report.js";
import { openRefiOnThread } from "./threaded-reader.js";
import {
  childrenNamed,
  childText,
  ItemCollector,
  type XmlItem,
  type XmlNode,
} from "./xml-items.js";

export const PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0";
export const CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0";
const FORMAT = "refi";

export interface RefiReadOptions {
  /** How messages name the file (an upload's own name). */
  file?: string;
  archiveLimits?: Partial<ArchiveLimits>;
  xmlLimits?: Partial<XmlLimits>;
  /** Largest plain-text twin read, in bytes. */
  maxTextBytes?: number;
  /**
   * Inflate and parse on a worker thread (`threaded-reader.ts`): for a large file whose parts are
   * written to a store meanwhile, so that the parse runs beside the writing.
   */
  thread?: boolean;
}

/** An open REFI file: iterate `parts` once, read `report` afterwards, then `close`. */
export interface RefiReader {
  readonly kind: "project" | "codebook";
  readonly parts: AsyncIterable<BundlePart>;
  readonly report: RefiReport;
  close(): Promise<void>;
}

/**
 * Opens a `.qdpx`, `.qde` or `.qdc`, telling a ZIP from bare XML by its first bytes.
 * @throws FormatError naming the file for an unreadable, empty or hostile file.
 */
export async function openRefi(path: string, options: RefiReadOptions = {}): Promise<RefiReader> {
  if (options.thread) return openRefiOnThread(path, options);
  const file = options.file ?? path;
  const head = await readHead(path, file);
  if (head.length === 0) throw new FormatError(FORMAT, file, "the file is empty (0 bytes)");
  if (head[0] === 0x50 && head[1] === 0x4b) return openArchive(path, file, options);
  if (/\.qdpx$/i.test(file))
    throw new FormatError(FORMAT, file, "is not a ZIP archive, which a .qdpx project must be", {
      byteOffset: 0,
    });
  return openBareXml(path, file, options);
}

async function readHead(path: string, file: string): Promise<Uint8Array> {
  try {
    const handle = await open(path, "r");
    try {
      const buffer = Buffer.alloc(4);
      const { bytesRead } = await handle.read(buffer, 0, 4, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fileSystemError(FORMAT, file, error);
  }
}

async function openArchive(
  path: string,
  file: string,
  options: RefiReadOptions,
): Promise<RefiReader> {
  const archive = await ZipArchive.open(path, {
    file,
    format: FORMAT,
    limits: { ...DEFAULT_ARCHIVE_LIMITS, ...options.archiveLimits },
  });
  try {
    const report = new RefiReport();
    const entry = findProjectEntry(archive, report);
    const text = new TwinReader(archive, file, report, options.maxTextBytes);
    const reader = new DocumentReader(file, entry.name, report, text, options);
    return {
      kind: "project",
      parts: reader.parts(archive.read(entry), "project"),
      report,
      close: () => archive.close(),
    };
  } catch (error) {
    await archive.close();
    throw error;
  }
}

async function openBareXml(
  path: string,
  file: string,
  options: RefiReadOptions,
): Promise<RefiReader> {
  const report = new RefiReport();
  const kind = /\.qdc$/i.test(file) ? "codebook" : "project";
  const reader = new DocumentReader(file, undefined, report, null, options);
  return {
    kind,
    parts: reader.parts(fileChunks(path, file), kind),
    report,
    close: async () => {},
  };
}

async function* fileChunks(path: string, file: string): AsyncGenerator<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw fileSystemError(FORMAT, file, error);
  }
  try {
    const buffer = Buffer.alloc(256 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield Buffer.from(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

/** `project.qde`, or — with a warning — a differently named `.qde` at the top of the archive. */
function findProjectEntry(archive: ZipArchive, report: RefiReport): ZipEntry {
  const exact = archive.entry("project.qde");
  if (exact) return exact;
  const folded = archive.entryIgnoringCase("project.qde");
  if (folded) {
    report.warn(`the project document is named "${folded.name}" rather than "project.qde"`);
    return folded;
  }
  const candidates = archive.entries.filter(
    (entry) => /\.qde$/i.test(entry.name) && !entry.name.includes("/"),
  );
  const [only, second] = candidates;
  if (only && !second) {
    report.warn(`the project document is named "${only.name}" rather than "project.qde"`);
    return only;
  }
  throw new FormatError(
    FORMAT,
    archive.file,
    candidates.length === 0
      ? "holds no project.qde: not a REFI-QDA project archive"
      : `holds several project documents (${candidates.map((entry) => entry.name).join(", ")}) and no project.qde`,
  );
}

/** Reads plain-text twins (`internal://…`) out of the archive, tolerating the `sources/` quirk. */
class TwinReader {
  private warnedLowerCase = false;

  constructor(
    private readonly archive: ZipArchive,
    private readonly file: string,
    private readonly report: RefiReport,
    private readonly maxBytes = DEFAULT_MAX_TEXT_BYTES,
  ) {}

  /** The decoded text of a twin (BOM and line breaks as written), or null when absent. */
  async read(path: string, owner: string): Promise<string | null> {
    const name = path.replace(/^internal:\/\//i, "");
    let entry = this.archive.entry(`Sources/${name}`);
    if (!entry) {
      entry =
        this.archive.entryIgnoringCase(`Sources/${name}`) ?? this.archive.entryIgnoringCase(name);
      if (entry && !this.warnedLowerCase && entry.name !== `Sources/${name}`) {
        this.warnedLowerCase = true;
        this.report.warn(
          `source files are stored as "${entry.name.replace(/[^/]*$/, "")}…" rather than "Sources/…"`,
        );
      }
    }
    if (!entry) return null;
    const bytes = await this.archive.readAll(entry, this.maxBytes);
    return decodeTwin(bytes, `${this.file} › ${entry.name}`, owner);
  }
}

/** Decodes a twin's bytes fatally, keeping line breaks as written; the BOM is dropped here. */
function decodeTwin(bytes: Uint8Array, file: string, owner: string): string {
  const { encoding, bomLength } = sniffEncoding(bytes);
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(
      bytes.subarray(bomLength),
    );
  } catch (error) {
    const offset = encoding === "utf-8" ? firstInvalidUtf8(bytes, bomLength) : -1;
    throw new FormatError(
      FORMAT,
      file,
      `the text of "${owner}" is not valid ${encoding.toUpperCase()}${offset >= 0 ? ` (byte ${offset})` : ""}`,
      offset >= 0 ? { byteOffset: offset, cause: error } : { cause: error },
    );
  }
}

const OUTSIDE = Symbol("outside");

const NON_TEXT_SOURCES: Record<string, string> = {
  PictureSource: "picture",
  PDFSource: "PDF",
  AudioSource: "audio",
  VideoSource: "video",
};

/** One pass over one REFI XML document, turning items into parts. */
class DocumentReader {
  private readonly guids: GuidReader;
  private readonly queue: (BundlePart | { pending: XmlItem })[] = [];
  private readonly seen = new Map<string, GuidSet>();
  private readonly unknown = new Set<string>();
  private endDescription: string | null = null;
  private readonly endNoteRefs: string[] = [];
  private kind: "project" | "codebook" = "project";

  constructor(
    private readonly file: string,
    private readonly entry: string | undefined,
    private readonly report: RefiReport,
    private readonly twins: TwinReader | null,
    private readonly options: RefiReadOptions,
  ) {
    this.guids = new GuidReader(report);
  }

  async *parts(
    chunks: AsyncIterable<Uint8Array>,
    kind: "project" | "codebook",
  ): AsyncGenerator<BundlePart> {
    this.kind = kind;
    const place = { format: FORMAT, file: this.file, ...(this.entry ? { entry: this.entry } : {}) };
    let sawRoot = false;
    const stream = new XmlStream(
      new ItemCollector({
        root: (element) => {
          sawRoot = true;
          this.root(element.name, element.attributes, stream);
        },
        item: (item) => this.item(item),
        sectionOpen: (element) => {
          const ns = element.attributes.xmlns;
          if (ns && ns !== PROJECT_NAMESPACE && ns !== CODEBOOK_NAMESPACE)
            this.report.warn(
              `<${element.name}> is in the namespace ${ns}, not REFI-QDA 1.0's; read as REFI-QDA 1.0`,
            );
        },
        unknownSection: (element) => {
          if (this.unknown.has(element.name)) return;
          this.unknown.add(element.name);
          this.report.skip(`<${element.name}> (line ${element.line}): not part of REFI-QDA 1.0`);
        },
      }),
      place,
      this.options.xmlLimits,
    );
    for await (const chunk of chunks) {
      stream.write(chunk);
      yield* this.drain();
    }
    stream.end();
    if (!sawRoot) throw stream.error("holds no root element");
    yield* this.drain();
    if (kind === "project")
      yield { type: "end", end: { description: this.endDescription, noteRefs: this.endNoteRefs } };
  }

  private root(name: string, attributes: Record<string, string>, stream: XmlStream): void {
    const namespace = attributes.xmlns;
    if (this.kind === "codebook" && name === "Project") this.kind = "project";
    if (this.kind === "project" && name !== "Project")
      throw stream.error(
        name === "CodeBook"
          ? "is a codebook, not a project (import it as a .qdc file)"
          : `has the root element <${name}>, not a REFI-QDA <Project>`,
      );
    if (this.kind === "codebook" && name !== "CodeBook")
      throw stream.error(`has the root element <${name}>, not a REFI-QDA <CodeBook>`);
    const expected = this.kind === "project" ? PROJECT_NAMESPACE : CODEBOOK_NAMESPACE;
    if (namespace !== expected)
      this.report.warn(
        namespace === undefined
          ? `the document declares no namespace (expected ${expected}); read as REFI-QDA 1.0`
          : `the document's namespace is ${namespace}, not ${expected}; read as REFI-QDA 1.0`,
      );
    if (this.kind === "codebook") {
      this.queue.push({
        type: "project",
        project: defined({ name: "", origin: attributes.origin }),
      });
      return;
    }
    const creatingUser = this.guids.ref({ attributes } as XmlNode, "creatingUserGUID");
    const modifyingUser = this.guids.ref({ attributes } as XmlNode, "modifyingUserGUID");
    this.queue.push({
      type: "project",
      project: defined({
        name: attributes.name ?? "",
        origin: attributes.origin,
        creatingUserGuid: creatingUser,
        creationDateTime: dateTime(attributes.creationDateTime),
        modifyingUserGuid: modifyingUser,
        modifiedDateTime: dateTime(attributes.modifiedDateTime),
        basePath: attributes.basePath,
      }),
    });
  }

  /** Whether a GUID of this kind was seen already; a duplicate is skipped with a note. */
  private duplicate(kind: string, guid: string, line: number): boolean {
    let seen = this.seen.get(kind);
    if (!seen) {
      seen = new GuidSet();
      this.seen.set(kind, seen);
    }
    if (seen.has(guid)) {
      this.report.skip(`a second ${kind} with GUID ${guid} (line ${line})`);
      return true;
    }
    // Already detached: GUIDs come through `GuidReader`.
    seen.add(guid);
    return false;
  }

  private item({ section, node }: XmlItem): void {
    const report = this.report;
    switch (section) {
      case "Project":
        if (node.name === "Description") this.endDescription = node.text;
        else {
          const ref = this.guids.ref(node, "targetGUID");
          if (ref) this.endNoteRefs.push(ref);
        }
        return;
      case "Users": {
        const user = toUser(node, this.guids, report);
        if (user && !this.duplicate("user", user.guid, node.line))
          this.queue.push({ type: "user", user });
        return;
      }
      case "Codes": {
        const codeNs = node.attributes.xmlns;
        if (codeNs && codeNs !== PROJECT_NAMESPACE && codeNs !== CODEBOOK_NAMESPACE)
          report.warn(`codes in the namespace ${codeNs}; read as REFI-QDA 1.0`);
        for (const code of toCodes(node, null, this.guids, report))
          if (!this.duplicate("code", code.guid, node.line))
            this.queue.push({ type: "code", code });
        return;
      }
      case "Variables": {
        const variable = toVariable(node, this.guids, report);
        if (variable && !this.duplicate("variable", variable.guid, node.line))
          this.queue.push({ type: "variable", variable });
        return;
      }
      case "Cases": {
        const item = toCase(node, this.guids, report);
        if (item && !this.duplicate("case", item.guid, node.line))
          this.queue.push({ type: "case", case: item });
        return;
      }
      case "Sources":
      case "Notes":
        this.queue.push({ pending: { section, node } });
        return;
      case "Sets": {
        const set = toSet(node, this.guids, report, this.kind === "codebook");
        if (set && !this.duplicate("set", set.guid, node.line))
          this.queue.push({ type: "set", set });
        return;
      }
      case "Links":
        report.skip("links between objects (Quire has no links yet)");
        return;
      case "Graphs":
        report.skip("graphs (Quire does not draw REFI graphs)");
        return;
    }
  }

  private async *drain(): AsyncGenerator<BundlePart> {
    while (this.queue.length > 0) {
      const next = this.queue.shift() as BundlePart | { pending: XmlItem };
      if (!("pending" in next)) {
        yield next;
        continue;
      }
      const { section, node } = next.pending;
      if (section === "Notes") {
        const note = await this.note(node);
        if (note) yield { type: "note", note };
      } else {
        const source = await this.source(node);
        if (source) yield { type: "source", source };
      }
    }
  }

  /**
   * The text of a TextSource or Note: inline content, or its twin in the archive; null when the
   * file has none, OUTSIDE when it points outside the archive (already reported).
   */
  private async textOf(node: XmlNode, what: string): Promise<string | null | typeof OUTSIDE> {
    const inline = childText(node, "PlainTextContent");
    if (inline !== undefined) return inline;
    const path = node.attributes.plainTextPath;
    if (!path) return null;
    if (!/^internal:\/\//i.test(path)) {
      this.report.skip(
        `${what}: its text lies outside the archive (${path.slice(0, 60)}); Quire reads only texts inside it`,
      );
      return OUTSIDE;
    }
    if (!this.twins) return null;
    return this.twins.read(path, what);
  }

  private async source(node: XmlNode): Promise<BundleSource | null> {
    const report = this.report;
    const label = `source "${node.attributes.name ?? "?"}" (line ${node.line})`;
    const nonText = NON_TEXT_SOURCES[node.name];
    if (nonText) {
      const selections = node.children.filter((child) => child.name.endsWith("Selection")).length;
      report.skip(
        `${nonText} ${label}${selections > 0 ? ` with ${selections} coded regions` : ""}: Quire imports text sources only`,
      );
      return null;
    }
    if (node.name !== "TextSource") {
      report.skip(`<${node.name}> in Sources (line ${node.line}): not a REFI-QDA source type`);
      return null;
    }
    const id = this.guids.read(node, "guid");
    if (!id) {
      report.skip(`${label}: it has no guid`);
      return null;
    }
    if (this.duplicate("source", id.guid, node.line)) return null;
    const decoded = await this.textOf(node, label);
    if (decoded === null || decoded === OUTSIDE) {
      const selections = childrenNamed(node, "PlainTextSelection").length;
      if (decoded === null)
        report.skip(
          `${label}: its text is not in the file${selections > 0 ? `, so its ${selections} coded selections cannot be placed` : ""}`,
        );
      return null;
    }
    const map = mapPositions(decoded);
    if (!map.identity && /\r\n/.test(decoded.slice(0, 65_536)))
      report.warn(
        "Windows line breaks (CRLF, counted as two) were converted to Quire's single \\n",
      );
    const selections: BundleSelection[] = [];
    for (const selection of node.children) {
      if (selection.name !== "PlainTextSelection") continue;
      const sid = this.guids.id(selection, "guid");
      const rawStart = Number(selection.attributes.startPosition);
      const rawEnd = Number(selection.attributes.endPosition);
      // Only when something is reported: a project has a million selections.
      const where = () => `a selection in ${label} at line ${selection.line}`;
      if (!sid) {
        report.skip(`${where()}: it has no guid`);
        continue;
      }
      if (!Number.isSafeInteger(rawStart) || !Number.isSafeInteger(rawEnd)) {
        report.skip(`${where()}: its positions are not whole numbers`);
        continue;
      }
      if (rawStart < 0 || rawEnd > map.fileLength || rawStart > rawEnd) {
        report.skip(
          `${where()}: positions ${rawStart}–${rawEnd} lie outside the text (${map.fileLength} characters)`,
        );
        continue;
      }
      const start = map.toCanonical(rawStart, "start");
      const end = map.toCanonical(rawEnd, "end");
      const codings = toCodings(selection, this.guids, report);
      if (start >= end) {
        report.skip(
          `empty selections (zero length) and their ${codings.length === 1 ? "coding" : "codings"}`,
        );
        continue;
      }
      const attributes = selection.attributes;
      const creatingUser = this.guids.ref(selection, "creatingUser");
      const creationDateTime = dateTime(attributes.creationDateTime);
      const description = childText(selection, "Description");
      const noteRefs = this.guids.refs(selection, "NoteRef");
      // The usual selection in one object; anything more through `defined`.
      const plain =
        attributes.name === undefined &&
        attributes.modifyingUser === undefined &&
        attributes.modifiedDateTime === undefined &&
        description === undefined &&
        creatingUser !== undefined &&
        creationDateTime !== undefined;
      selections.push(
        plain
          ? { guid: sid, start, end, creatingUser, creationDateTime, codings, noteRefs }
          : defined({
              guid: sid,
              name: attributes.name,
              start,
              end,
              creatingUser,
              creationDateTime,
              modifyingUser: this.guids.ref(selection, "modifyingUser"),
              modifiedDateTime: dateTime(attributes.modifiedDateTime),
              description,
              codings,
              noteRefs,
            }),
      );
    }
    return defined({
      guid: id.guid,
      name: node.attributes.name ?? "",
      text: map.text,
      description: childText(node, "Description"),
      richTextPath: node.attributes.richTextPath,
      creatingUser: this.guids.ref(node, "creatingUser"),
      creationDateTime: dateTime(node.attributes.creationDateTime),
      modifyingUser: this.guids.ref(node, "modifyingUser"),
      modifiedDateTime: dateTime(node.attributes.modifiedDateTime),
      selections,
      codings: toCodings(node, this.guids, report),
      noteRefs: this.guids.refs(node, "NoteRef"),
      values: toValues(node, this.guids, report),
      originalId: id.originalId,
    });
  }

  private async note(node: XmlNode): Promise<BundleNote | null> {
    const label = `note "${node.attributes.name ?? "?"}" (line ${node.line})`;
    const id = this.guids.read(node, "guid");
    if (!id) {
      this.report.skip(`${label}: it has no guid`);
      return null;
    }
    if (this.duplicate("note", id.guid, node.line)) return null;
    const decoded = await this.textOf(node, label);
    if (decoded === OUTSIDE) return null;
    if (childrenNamed(node, "PlainTextSelection").length > 0)
      this.report.skip(`codings inside ${label} (Quire does not code memos)`);
    return defined({
      guid: id.guid,
      name: node.attributes.name ?? "",
      text: decoded === null ? (childText(node, "Description") ?? "") : mapPositions(decoded).text,
      creatingUser: this.guids.ref(node, "creatingUser"),
      creationDateTime: dateTime(node.attributes.creationDateTime),
      modifiedDateTime: dateTime(node.attributes.modifiedDateTime),
      originalId: id.originalId,
    });
  }
}
