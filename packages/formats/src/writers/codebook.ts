/**
 * The codebook as a document: every code in tree order with its path, definition, inclusion and
 * exclusion criteria, example, colour, origin and how often it was applied — as CSV rows, as
 * spreadsheet rows (through `writeXlsx`) or as a Word document for a report's appendix.
 */
import type { Paragraph } from "docx";
import { loadDocx } from "../lazy.js";

export interface CodebookEntry {
  path: string;
  name: string;
  /** 0 for a top-level code. */
  depth: number;
  definition: string;
  inclusion: string;
  exclusion: string;
  example: string;
  color: string;
  origin: string;
  codings: number;
  sources: number;
}

export const CODEBOOK_COLUMNS = [
  "path",
  "name",
  "level",
  "definition",
  "inclusion",
  "exclusion",
  "example",
  "color",
  "origin",
  "codings",
  "sources",
] as const;

/** One row per code, in the order of `CODEBOOK_COLUMNS`. */
export function codebookRow(entry: CodebookEntry): (string | number)[] {
  return [
    entry.path,
    entry.name,
    entry.depth + 1,
    entry.definition,
    entry.inclusion,
    entry.exclusion,
    entry.example,
    entry.color,
    entry.origin,
    entry.codings,
    entry.sources,
  ];
}

/** The codebook as a Word document. */
export async function codebookDocx(
  projectName: string,
  entries: readonly CodebookEntry[],
): Promise<Uint8Array> {
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, TextRun } =
    await loadDocx();
  const children: Paragraph[] = [
    new Paragraph({ text: `Codebook: ${projectName}`, heading: HeadingLevel.TITLE }),
    new Paragraph({
      children: [
        new TextRun({
          text: `${entries.length} codes · written ${new Date().toISOString().slice(0, 10)}`,
          italics: true,
        }),
      ],
    }),
  ];
  const headings = [
    HeadingLevel.HEADING_1,
    HeadingLevel.HEADING_2,
    HeadingLevel.HEADING_3,
    HeadingLevel.HEADING_4,
  ];
  for (const entry of entries) {
    children.push(
      new Paragraph({
        heading: headings[Math.min(entry.depth, headings.length - 1)] ?? HeadingLevel.HEADING_4,
        children: [
          new TextRun({ text: "■ ", color: hex(entry.color) }),
          new TextRun({ text: entry.name }),
        ],
      }),
      new Paragraph({
        alignment: AlignmentType.LEFT,
        children: [
          new TextRun({ text: entry.path, italics: true, size: 18 }),
          new TextRun({
            text: ` · ${entry.origin.replace("_", " ")} · ${entry.codings} codings in ${entry.sources} sources`,
            size: 18,
          }),
        ],
      }),
    );
    for (const [label, value] of [
      ["Definition", entry.definition],
      ["Include when", entry.inclusion],
      ["Exclude when", entry.exclusion],
      ["Example", entry.example],
    ] as const)
      if (value.trim() !== "")
        children.push(
          new Paragraph({
            children: [
              new TextRun({ text: `${label}: `, bold: true }),
              new TextRun({
                text: value,
                ...(label === "Example"
                  ? { shading: { type: ShadingType.CLEAR, fill: "F2F2F2", color: "auto" } }
                  : {}),
              }),
            ],
          }),
        );
  }
  const document = new Document({
    creator: "Quire",
    title: `Codebook: ${projectName}`,
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** `#rrggbb` → `rrggbb` for Word; anything else → grey. */
export function hex(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? color.slice(1).toUpperCase() : "808080";
}
