/**
 * The report of findings as a Word document, from plain blocks that know nothing of the store: the
 * same blocks feed the HTML writer, so both formats say the same thing. Participant quotations and
 * condensates are separate block kinds and are styled apart, because a condensate is the
 * researchers' writing and must never read as a participant's words (METHODS STC-2).
 */
import type { Paragraph, Table, TableCell } from "docx";
import { loadDocx } from "../lazy.js";

type Docx = Awaited<ReturnType<typeof loadDocx>>;

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
  /**
   * An SVG chart; `file` is the name it is written under beside a Word document, and `raster` its
   * PNG copy, which lets Word embed it (Word shows an SVG only with a raster fallback).
   */
  | { kind: "figure"; caption: string; svg: string; file: string; raster?: FigureRaster };

/** A figure drawn as PNG; `width` and `height` are its size in CSS pixels. */
export interface FigureRaster {
  png: Uint8Array;
  width: number;
  height: number;
}

/** The widest a figure is set in Word: A4 less 2.5 cm margins, in pixels at 96 to the inch. */
const MAX_FIGURE_WIDTH = 600;

export interface ReportDocument {
  title: string;
  subtitle: string;
  blocks: ReportBlock[];
}

function cell(docx: Docx, text: string, header: boolean): TableCell {
  const { Paragraph, ShadingType, TableCell, TextRun } = docx;
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold: header, size: 18 })] })],
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: "EEEEEE", color: "auto" } } : {}),
  });
}

/** A figure in Word: the SVG with its PNG fallback, scaled to the text width, and its caption. */
function figureParagraphs(
  docx: Docx,
  block: Extract<ReportBlock, { kind: "figure" }>,
): Paragraph[] {
  const { AlignmentType, ImageRun, Paragraph, TextRun } = docx;
  const caption = new Paragraph({
    alignment: AlignmentType.LEFT,
    children: [
      new TextRun({ text: "Figure: ", bold: true }),
      new TextRun({
        text: block.raster
          ? block.caption
          : `${block.caption} — see the file ${block.file} beside this document.`,
      }),
    ],
  });
  const raster = block.raster;
  if (!raster) return [caption];
  const scale = Math.min(1, MAX_FIGURE_WIDTH / raster.width);
  const image = new ImageRun({
    type: "svg",
    data: new TextEncoder().encode(block.svg),
    fallback: { type: "png", data: raster.png },
    transformation: {
      width: Math.round(raster.width * scale),
      height: Math.round(raster.height * scale),
    },
    altText: { name: block.file, title: block.caption, description: block.caption },
  });
  return [new Paragraph({ children: [image] }), caption];
}

/**
 * The report as a .docx. A figure with a raster copy is embedded (SVG with its PNG fallback); one
 * without is named, and the caller writes it as an .svg file beside the document.
 */
export async function reportDocx(report: ReportDocument): Promise<Uint8Array> {
  const docx = await loadDocx();
  const {
    BorderStyle,
    Document,
    HeadingLevel,
    Packer,
    Paragraph,
    ShadingType,
    Table,
    TableRow,
    TextRun,
    WidthType,
  } = docx;
  const headings = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3];
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
            heading: headings[block.level - 1] ?? HeadingLevel.HEADING_3,
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
              new TableRow({
                tableHeader: true,
                children: block.header.map((h) => cell(docx, h, true)),
              }),
              ...block.rows.map(
                (row) => new TableRow({ children: row.map((text) => cell(docx, text, false)) }),
              ),
            ],
          }),
          new Paragraph({ text: "" }),
        );
        break;
      }
      case "figure":
        children.push(...figureParagraphs(docx, block));
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
