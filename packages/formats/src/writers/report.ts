/**
 * The report of findings as a Word document, from plain blocks that know nothing of the store: the
 * same blocks feed the HTML writer, so both formats say the same thing. Participant quotations and
 * condensates are separate block kinds and are styled apart, because a condensate is the
 * researchers' writing and must never read as a participant's words (METHODS STC-2).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";

/** One piece of the report, in reading order. */
export type ReportBlock =
  | { kind: "heading"; level: 1 | 2 | 3; text: string; id?: string }
  | { kind: "paragraph"; text: string; label?: string; note?: boolean }
  /** A participant's words, with the label that identifies them (case and attributes). */
  | { kind: "quote"; text: string; label: string }
  /**
   * A condensate as core's `presentCondensate` gives it: `label` says it is artificial and `text`
   * holds the words in square brackets, never quotation marks.
   */
  | { kind: "condensate"; label: string; text: string }
  | { kind: "list"; items: string[]; ordered?: boolean }
  | { kind: "table"; caption?: string; header: string[]; rows: string[][] }
  /** An SVG chart; `file` is the name it is written under beside a Word document. */
  | { kind: "figure"; caption: string; svg: string; file: string };

export interface ReportDocument {
  title: string;
  subtitle: string;
  blocks: ReportBlock[];
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3];

function cell(text: string, header: boolean): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold: header, size: 18 })] })],
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: "EEEEEE", color: "auto" } } : {}),
  });
}

/**
 * The report as a .docx. Charts are not embedded: Word needs a raster fallback beside an SVG and
 * Quire draws no rasters, so each figure is named here and written as its own .svg file beside the
 * document by the caller.
 */
export async function reportDocx(report: ReportDocument): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: report.subtitle, italics: true })] }),
  ];
  for (const block of report.blocks) {
    switch (block.kind) {
      case "heading":
        children.push(
          new Paragraph({
            text: block.text,
            heading: HEADINGS[block.level - 1] ?? HeadingLevel.HEADING_3,
          }),
        );
        break;
      case "paragraph":
        children.push(
          new Paragraph({
            children: [
              ...(block.label ? [new TextRun({ text: `${block.label}: `, bold: true })] : []),
              new TextRun({
                text: block.text,
                italics: Boolean(block.note),
                size: block.note ? 18 : 22,
              }),
            ],
          }),
        );
        break;
      case "quote":
        children.push(
          new Paragraph({
            indent: { left: 720 },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: "0072B2", space: 8 } },
            children: [
              new TextRun({ text: `“${block.text}”`, italics: true }),
              new TextRun({ text: ` (${block.label})`, size: 18 }),
            ],
          }),
        );
        break;
      case "condensate":
        children.push(
          new Paragraph({
            indent: { left: 720 },
            shading: { type: ShadingType.CLEAR, fill: "FFF4E0", color: "auto" },
            border: { left: { style: BorderStyle.DASHED, size: 12, color: "E69F00", space: 8 } },
            children: [
              new TextRun({ text: block.label, bold: true, size: 18 }),
              new TextRun({ text: block.text, break: 1 }),
            ],
          }),
        );
        break;
      case "list":
        for (const [index, item] of block.items.entries())
          children.push(
            new Paragraph({
              children: [new TextRun(block.ordered ? `${index + 1}. ${item}` : `• ${item}`)],
              indent: { left: 360 },
            }),
          );
        break;
      case "table": {
        if (block.caption)
          children.push(
            new Paragraph({ children: [new TextRun({ text: block.caption, italics: true })] }),
          );
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: block.header.map((h) => cell(h, true)) }),
              ...block.rows.map(
                (row) => new TableRow({ children: row.map((text) => cell(text, false)) }),
              ),
            ],
          }),
          new Paragraph({ text: "" }),
        );
        break;
      }
      case "figure":
        children.push(
          new Paragraph({
            alignment: AlignmentType.LEFT,
            children: [
              new TextRun({ text: "Figure: ", bold: true }),
              new TextRun({
                text: `${block.caption} — see the file ${block.file} beside this document.`,
              }),
            ],
          }),
        );
        break;
    }
  }
  const document = new Document({
    creator: "Quire",
    title: report.title,
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
