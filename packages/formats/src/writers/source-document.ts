/**
 * One source with its codings, for reading outside Quire: as HTML (a standalone page) or as a Word
 * document. Coded passages are highlighted in their code's colour and labelled with the code names
 * where each coding starts; speaker turns start new paragraphs with the speaker in bold. Overlapping
 * codings are handled by cutting the text at every coding edge, so each piece knows every code
 * covering it.
 */
import type { Paragraph, TextRun } from "docx";
import { loadDocx } from "../lazy.js";
import { hex } from "./codebook.js";

export interface SourceDocumentCoding {
  start: number;
  end: number;
  code: string;
  color: string;
  coder: string;
}

export interface SourceDocument {
  title: string;
  kind: string;
  caseName: string | null;
  /** Shown under the title: date, interviewer, citation… */
  details: [string, string][];
  text: string;
  turns: { start: number; end: number; speaker: string }[];
  codings: SourceDocumentCoding[];
}

interface Piece {
  text: string;
  /** Codings covering the piece. */
  covering: SourceDocumentCoding[];
  /** Codings starting at the piece. */
  starting: SourceDocumentCoding[];
  /** A turn starts here: its speaker. */
  speaker: string | null;
  /** The piece starts a new paragraph. */
  paragraph: boolean;
}

/** Cuts the text into pieces at line breaks, turn starts and coding edges. */
export function pieces(doc: SourceDocument): Piece[] {
  const cuts = new Set<number>([0, doc.text.length]);
  for (const coding of doc.codings) {
    cuts.add(Math.max(0, Math.min(doc.text.length, coding.start)));
    cuts.add(Math.max(0, Math.min(doc.text.length, coding.end)));
  }
  const turnAt = new Map<number, string>();
  for (const turn of doc.turns) {
    cuts.add(turn.start);
    turnAt.set(turn.start, turn.speaker);
  }
  for (let at = doc.text.indexOf("\n"); at !== -1; at = doc.text.indexOf("\n", at + 1)) {
    cuts.add(at);
    cuts.add(at + 1);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const result: Piece[] = [];
  let paragraph = true;
  for (let index = 0; index + 1 < sorted.length; index++) {
    const from = sorted[index] as number;
    const to = sorted[index + 1] as number;
    const text = doc.text.slice(from, to);
    if (text === "\n") {
      paragraph = true;
      continue;
    }
    result.push({
      text,
      covering: doc.codings.filter(
        (coding) => coding.start <= from && coding.end >= to && coding.end > coding.start,
      ),
      starting: doc.codings.filter((coding) => coding.start === from && coding.end > coding.start),
      speaker: turnAt.get(from) ?? null,
      paragraph,
    });
    paragraph = false;
  }
  return result;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The source as a standalone HTML page. */
export function sourceToHtml(doc: SourceDocument): string {
  const body: string[] = [];
  let open = false;
  for (const piece of pieces(doc)) {
    if (piece.paragraph || piece.speaker) {
      if (open) body.push("</p>\n");
      body.push(
        piece.speaker ? `<p class="turn" data-speaker="${escapeHtml(piece.speaker)}">` : "<p>",
      );
      open = true;
    }
    for (const coding of piece.starting)
      body.push(
        `<span class="code" style="border-color:${escapeHtml(coding.color)}">${escapeHtml(coding.code)}</span>`,
      );
    if (piece.covering.length === 0) body.push(escapeHtml(piece.text));
    else {
      const first = piece.covering[0] as SourceDocumentCoding;
      const names = piece.covering.map((coding) => `${coding.code} (${coding.coder})`).join("; ");
      body.push(
        `<mark style="background:${escapeHtml(first.color)}40" title="${escapeHtml(names)}" data-codes="${piece.covering.length}">${escapeHtml(piece.text)}</mark>`,
      );
    }
  }
  if (open) body.push("</p>\n");
  const details = doc.details
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join("");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(doc.title)}</title>
<style>
body { font: 16px/1.6 system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1em; color: #555; }
dt { font-weight: 600; }
p.turn::before { content: attr(data-speaker) ": "; font-weight: 700; }
mark { padding: 0 1px; border-radius: 2px; }
.code { font-size: 0.7em; border: 1px solid; border-radius: 3px; padding: 0 3px; margin-right: 2px; vertical-align: super; }
</style>
</head>
<body>
<h1>${escapeHtml(doc.title)}</h1>
<dl><dt>Kind</dt><dd>${escapeHtml(doc.kind)}</dd>${doc.caseName ? `<dt>Case</dt><dd>${escapeHtml(doc.caseName)}</dd>` : ""}${details}<dt>Codings</dt><dd>${doc.codings.length}</dd></dl>
${body.join("")}</body>
</html>
`;
}

/** The source as a Word document. */
export async function sourceToDocx(doc: SourceDocument): Promise<Uint8Array> {
  const { Document, HeadingLevel, Packer, Paragraph, ShadingType, TextRun } = await loadDocx();
  const paragraphs: Paragraph[] = [
    new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
    ...[
      ["Kind", doc.kind],
      ...(doc.caseName ? [["Case", doc.caseName]] : []),
      ...doc.details,
      ["Codings", String(doc.codings.length)],
    ].map(
      ([label, value]) =>
        new Paragraph({
          children: [
            new TextRun({ text: `${label}: `, bold: true }),
            new TextRun({ text: value ?? "" }),
          ],
        }),
    ),
  ];
  let runs: TextRun[] = [];
  const flush = () => {
    if (runs.length > 0) paragraphs.push(new Paragraph({ children: runs }));
    runs = [];
  };
  for (const piece of pieces(doc)) {
    if (piece.paragraph || piece.speaker) flush();
    if (piece.speaker) runs.push(new TextRun({ text: `${piece.speaker}: `, bold: true }));
    for (const coding of piece.starting)
      runs.push(
        new TextRun({ text: `[${coding.code}] `, size: 16, color: hex(coding.color), bold: true }),
      );
    const first = piece.covering[0];
    runs.push(
      new TextRun({
        text: piece.text,
        ...(first
          ? { shading: { type: ShadingType.CLEAR, fill: lighten(hex(first.color)), color: "auto" } }
          : {}),
      }),
    );
  }
  flush();
  const document = new Document({
    creator: "Quire",
    title: doc.title,
    sections: [{ children: paragraphs }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** A pale tint of a colour, so highlighted text stays readable. */
function lighten(color: string): string {
  const channel = (at: number) => {
    const value = Number.parseInt(color.slice(at, at + 2), 16);
    return Math.round(value + (255 - value) * 0.7)
      .toString(16)
      .padStart(2, "0");
  };
  return `${channel(0)}${channel(2)}${channel(4)}`.toUpperCase();
}
