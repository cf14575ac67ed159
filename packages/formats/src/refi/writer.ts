/**
 * Writing REFI-QDA: a project archive (`.qdpx`) or a codebook (`.qdc`) from a stream of bundle
 * parts, valid against the official 1.0 schemas (copied in `schema/`).
 *
 * The `.qdpx` is written in one pass with bounded memory: each source's text goes into the archive
 * as `Sources/<guid>.txt` (UTF-8, no BOM, canonical, so positions need no conversion) the moment
 * its part arrives, while `project.qde` is streamed to a temporary file beside the output and added
 * as the archive's last entry. The archive is written under a temporary name and renamed when
 * complete, so a failure never leaves half a file behind. The same parts give the same bytes.
 */
import { rename, rm } from "node:fs/promises";
import { QuireError } from "@quire/core";
import { DeflateSpool, ZipWriter } from "../archive/zip-writer.js";
import {
  type BundleCase,
  type BundleCode,
  type BundleCoding,
  type BundleNote,
  type BundlePart,
  type BundleProject,
  type BundleSet,
  type BundleSource,
  type BundleValue,
  PART_ORDER,
} from "./bundle.js";
import { CODEBOOK_NAMESPACE, PROJECT_NAMESPACE } from "./reader.js";
import { attribute, attributes, escapeAttribute, escapeText, TextSink } from "./xml-out.js";

const PROJECT_SCHEMA = "http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd";
const CODEBOOK_SCHEMA = "http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd";

export interface RefiWriteResult {
  users: number;
  codes: number;
  variables: number;
  cases: number;
  sources: number;
  selections: number;
  codings: number;
  notes: number;
  sets: number;
}

export interface RefiWriteOptions {
  /** Called after each source with the number written so far. */
  onSource?: (done: number) => void;
}

const SECTION_OF: Partial<Record<BundlePart["type"], string>> = {
  user: "Users",
  code: "CodeBook",
  variable: "Variables",
  case: "Cases",
  source: "Sources",
  note: "Notes",
  set: "Sets",
};

/** Writes the XML of a project document part by part; used for `.qdpx` and for tests. */
class ProjectXml {
  private section: string | null = null;
  private rank = -1;
  /** Open codes, outermost first, so a flat pre-order list becomes nested elements. */
  private codeStack: string[] = [];
  readonly counts: RefiWriteResult = {
    users: 0,
    codes: 0,
    variables: 0,
    cases: 0,
    sources: 0,
    selections: 0,
    codings: 0,
    notes: 0,
    sets: 0,
  };

  constructor(
    private readonly out: (text: string) => Promise<void> | undefined,
    private readonly codebook: boolean,
  ) {}

  async part(part: BundlePart): Promise<void> {
    const rank = PART_ORDER[part.type];
    if (rank < this.rank)
      throw new QuireError(
        "invalid_input",
        `REFI parts out of order: a ${part.type} came after a later section`,
      );
    if (part.type === "project" && this.rank >= 0)
      throw new QuireError("invalid_input", "REFI parts hold two projects");
    if (part.type !== "project" && this.rank < 0)
      throw new QuireError("invalid_input", "REFI parts must begin with the project");
    this.rank = rank;
    const section = SECTION_OF[part.type] ?? null;
    if (section !== this.section) {
      await this.closeSection();
      if (section) await this.openSection(section);
      this.section = section;
    }
    switch (part.type) {
      case "project":
        return this.project(part.project);
      case "user":
        this.counts.users++;
        return this.out(
          `    <User${attributes([
            ["guid", part.user.guid],
            ["name", part.user.name],
          ])}/>\n`,
        );
      case "code":
        return this.code(part.code);
      case "variable": {
        this.counts.variables++;
        const v = part.variable;
        const head = `    <Variable${attributes([
          ["guid", v.guid],
          ["name", v.name],
          ["typeOfVariable", v.type],
        ])}`;
        return this.out(
          v.description === null
            ? `${head}/>\n`
            : `${head}>\n      <Description>${escapeText(v.description)}</Description>\n    </Variable>\n`,
        );
      }
      case "case":
        return this.case(part.case);
      case "source":
        return this.source(part.source);
      case "note":
        return this.note(part.note);
      case "set":
        return this.set(part.set);
      case "end": {
        let text = "";
        if (part.end.description !== null)
          text += `  <Description>${escapeText(part.end.description)}</Description>\n`;
        for (const ref of part.end.noteRefs) text += `  <NoteRef targetGUID="${ref}"/>\n`;
        return this.out(text);
      }
    }
  }

  async finish(): Promise<void> {
    if (this.rank < 0) throw new QuireError("invalid_input", "REFI parts hold no project");
    await this.closeSection();
    this.section = null;
    await this.out(this.codebook ? "</CodeBook>\n" : "</Project>\n");
  }

  private async project(project: BundleProject): Promise<void> {
    const head = '<?xml version="1.0" encoding="utf-8"?>\n';
    if (this.codebook) {
      await this.out(
        `${head}<CodeBook xmlns="${CODEBOOK_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${CODEBOOK_NAMESPACE} ${CODEBOOK_SCHEMA}"${attributes([["origin", project.origin]])}>\n`,
      );
      return;
    }
    await this.out(
      `${head}<Project xmlns="${PROJECT_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${PROJECT_NAMESPACE} ${PROJECT_SCHEMA}"${attributes(
        [
          ["name", project.name],
          ["origin", project.origin],
          ["creatingUserGUID", project.creatingUserGuid],
          ["creationDateTime", project.creationDateTime],
          ["modifyingUserGUID", project.modifyingUserGuid],
          ["modifiedDateTime", project.modifiedDateTime],
          ["basePath", project.basePath],
        ],
      )}>\n`,
    );
  }

  private async openSection(section: string): Promise<void> {
    if (section === "CodeBook")
      await this.out(this.codebook ? "  <Codes>\n" : "  <CodeBook>\n    <Codes>\n");
    else if (this.codebook && section !== "Sets")
      throw new QuireError("invalid_input", `a codebook holds codes and sets only, not ${section}`);
    else await this.out(`  <${section}>\n`);
  }

  private async closeSection(): Promise<void> {
    if (this.section === null) return;
    if (this.section === "CodeBook") {
      await this.closeCodes(0);
      await this.out(this.codebook ? "  </Codes>\n" : "    </Codes>\n  </CodeBook>\n");
    } else await this.out(`  </${this.section}>\n`);
  }

  private indent(depth: number): string {
    return "  ".repeat(depth + (this.codebook ? 2 : 3));
  }

  private async closeCodes(keep: number): Promise<void> {
    let text = "";
    while (this.codeStack.length > keep) {
      this.codeStack.pop();
      text += `${this.indent(this.codeStack.length)}</Code>\n`;
    }
    if (text) await this.out(text);
  }

  private async code(code: BundleCode): Promise<void> {
    this.counts.codes++;
    let keep = 0;
    if (code.parentGuid !== null) {
      const at = this.codeStack.lastIndexOf(code.parentGuid);
      if (at < 0)
        throw new QuireError(
          "invalid_input",
          `code "${code.name}" comes before its parent (codes must be listed parents first)`,
        );
      keep = at + 1;
    }
    await this.closeCodes(keep);
    const pad = this.indent(this.codeStack.length);
    let text = `${pad}<Code${attributes([
      ["guid", code.guid],
      ["name", code.name],
      ["isCodable", code.isCodable ? "true" : "false"],
      ["color", code.color],
    ])}>\n`;
    if (code.description !== null)
      text += `${pad}  <Description>${escapeText(code.description)}</Description>\n`;
    if (!this.codebook)
      for (const ref of code.noteRefs) text += `${pad}  <NoteRef targetGUID="${ref}"/>\n`;
    this.codeStack.push(code.guid);
    await this.out(text);
  }

  private async case(item: BundleCase): Promise<void> {
    this.counts.cases++;
    let text = `    <Case${attributes([
      ["guid", item.guid],
      ["name", item.name],
    ])}>\n`;
    if (item.description !== null)
      text += `      <Description>${escapeText(item.description)}</Description>\n`;
    for (const ref of item.codeRefs) text += `      <CodeRef targetGUID="${ref}"/>\n`;
    text += values(item.values, "      ");
    for (const ref of item.sourceRefs) text += `      <SourceRef targetGUID="${ref}"/>\n`;
    for (const ref of item.selectionRefs) text += `      <SelectionRef targetGUID="${ref}"/>\n`;
    await this.out(`${text}    </Case>\n`);
  }

  /** One source as one string: a single write per source, however many selections it holds. */
  private async source(source: BundleSource): Promise<void> {
    this.counts.sources++;
    const out: string[] = [
      `    <TextSource${attributes([
        ["guid", source.guid],
        ["name", source.name],
        ["richTextPath", source.richTextPath],
        ["plainTextPath", `internal://${source.guid}.txt`],
        ["creatingUser", source.creatingUser],
        ["creationDateTime", source.creationDateTime],
        ["modifyingUser", source.modifyingUser],
        ["modifiedDateTime", source.modifiedDateTime],
      ])}>\n`,
    ];
    if (source.description !== undefined)
      out.push(`      <Description>${escapeText(source.description)}</Description>\n`);
    for (const selection of source.selections) {
      this.counts.selections++;
      // Attribute by attribute rather than through `attributes`: a project has a million of these.
      out.push(
        `      <PlainTextSelection${attribute("guid", selection.guid)}${attribute("name", selection.name)} startPosition="${selection.start}" endPosition="${selection.end}"${attribute("creatingUser", selection.creatingUser)}${attribute("creationDateTime", selection.creationDateTime)}${attribute("modifyingUser", selection.modifyingUser)}${attribute("modifiedDateTime", selection.modifiedDateTime)}>\n`,
      );
      if (selection.description !== undefined)
        out.push(`        <Description>${escapeText(selection.description)}</Description>\n`);
      this.codings(out, selection.codings, "        ");
      for (const ref of selection.noteRefs)
        out.push(`        <NoteRef targetGUID="${escapeAttribute(ref)}"/>\n`);
      out.push("      </PlainTextSelection>\n");
    }
    this.codings(out, source.codings, "      ");
    for (const ref of source.noteRefs)
      out.push(`      <NoteRef targetGUID="${escapeAttribute(ref)}"/>\n`);
    out.push(values(source.values, "      "), "    </TextSource>\n");
    await this.out(out.join(""));
  }

  private codings(out: string[], codings: readonly BundleCoding[], pad: string): void {
    for (const coding of codings) {
      this.counts.codings++;
      out.push(
        `${pad}<Coding${attribute("guid", coding.guid)}${attribute("creatingUser", coding.creatingUser)}${attribute("creationDateTime", coding.creationDateTime)}>\n${pad}  <CodeRef targetGUID="${escapeAttribute(coding.codeGuid)}"/>\n`,
      );
      for (const ref of coding.noteRefs)
        out.push(`${pad}  <NoteRef targetGUID="${escapeAttribute(ref)}"/>\n`);
      out.push(`${pad}</Coding>\n`);
    }
  }

  private async note(note: BundleNote): Promise<void> {
    this.counts.notes++;
    await this.out(
      `    <Note${attributes([
        ["guid", note.guid],
        ["name", note.name],
        ["creatingUser", note.creatingUser],
        ["creationDateTime", note.creationDateTime],
        ["modifiedDateTime", note.modifiedDateTime],
      ])}>\n      <PlainTextContent>${escapeText(note.text)}</PlainTextContent>\n    </Note>\n`,
    );
  }

  private async set(set: BundleSet): Promise<void> {
    this.counts.sets++;
    let text = `    <Set${attributes([
      ["guid", set.guid],
      ["name", set.name],
    ])}>\n`;
    if (set.description !== null)
      text += `      <Description>${escapeText(set.description)}</Description>\n`;
    const member = this.codebook ? "guid" : "targetGUID";
    for (const ref of set.memberCodes) text += `      <MemberCode ${member}="${ref}"/>\n`;
    if (!this.codebook) {
      for (const ref of set.memberSources) text += `      <MemberSource targetGUID="${ref}"/>\n`;
      for (const ref of set.memberNotes) text += `      <MemberNote targetGUID="${ref}"/>\n`;
    }
    await this.out(`${text}    </Set>\n`);
  }
}

const VALUE_ELEMENT = {
  Text: "TextValue",
  Boolean: "BooleanValue",
  Integer: "IntegerValue",
  Float: "FloatValue",
  Date: "DateValue",
  DateTime: "DateTimeValue",
} as const;

function values(list: readonly BundleValue[], pad: string): string {
  let text = "";
  for (const value of list) {
    text += `${pad}<VariableValue>\n${pad}  <VariableRef targetGUID="${value.variableGuid}"/>\n`;
    if (value.value !== null) {
      const element = VALUE_ELEMENT[value.type];
      text += `${pad}  <${element}>${escapeText(valueText(value))}</${element}>\n`;
    }
    text += `${pad}</VariableValue>\n`;
  }
  return text;
}

function valueText(value: BundleValue): string {
  const raw = value.value;
  if (typeof raw === "boolean") return raw ? "true" : "false";
  if (typeof raw === "number") {
    if (value.type === "Integer") return BigInt(Math.trunc(raw)).toString();
    const text = String(raw);
    // xsd:decimal has no exponent.
    return /e/i.test(text)
      ? raw.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 })
      : text;
  }
  return String(raw);
}

/**
 * Writes a `.qdpx` archive from parts in document order.
 * @throws QuireError `invalid_input` for parts out of order; file-system errors as thrown.
 */
export async function writeQdpx(
  path: string,
  parts: AsyncIterable<BundlePart> | Iterable<BundlePart>,
  options: RefiWriteOptions = {},
): Promise<RefiWriteResult> {
  const suffix = `.partial-${process.pid}-${Date.now().toString(36)}`;
  const zipPath = `${path}${suffix}`;
  const zip = new ZipWriter(zipPath);
  const spool = new DeflateSpool(`${path}${suffix}.qde`);
  try {
    const xml = new ProjectXml((text) => spool.write(text), false);
    for await (const part of parts) {
      await xml.part(part);
      if (part.type === "source") {
        await zip.entry(`Sources/${part.source.guid}.txt`, part.source.text);
        options.onSource?.(xml.counts.sources);
      }
    }
    await xml.finish();
    await zip.spooled("project.qde", spool);
    await zip.finish();
    await rename(zipPath, path);
    return xml.counts;
  } catch (error) {
    spool.destroy();
    await zip.abort();
    await rm(zipPath, { force: true });
    throw error;
  } finally {
    await spool.remove();
  }
}

/**
 * Writes a `.qdc` codebook from parts: the project part (for its origin), codes and sets; code
 * members only.
 * @throws QuireError `invalid_input` when there is no code (the schema needs one) or parts are out of order.
 */
export async function writeQdc(
  path: string,
  parts: AsyncIterable<BundlePart> | Iterable<BundlePart>,
): Promise<RefiWriteResult> {
  const temporary = `${path}.partial-${process.pid}-${Date.now().toString(36)}`;
  const sink = new TextSink(temporary);
  try {
    const xml = new ProjectXml((text) => sink.write(text), true);
    for await (const part of parts) {
      if (part.type === "project" || part.type === "code") await xml.part(part);
      else if (part.type === "set" && part.set.memberCodes.length > 0) await xml.part(part);
    }
    if (xml.counts.codes === 0)
      throw new QuireError("invalid_input", "a codebook needs at least one code");
    await xml.finish();
    await sink.close();
    await rename(temporary, path);
    return xml.counts;
  } catch (error) {
    sink.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The project document as one string, for small bundles and tests. */
export async function projectXml(
  parts: AsyncIterable<BundlePart> | Iterable<BundlePart>,
  codebook = false,
): Promise<string> {
  let text = "";
  const xml = new ProjectXml(async (chunk) => {
    text += chunk;
  }, codebook);
  for await (const part of parts) {
    if (codebook && part.type !== "project" && part.type !== "code" && part.type !== "set")
      continue;
    await xml.part(part);
  }
  await xml.finish();
  return text;
}
