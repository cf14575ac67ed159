/**
 * The report of findings as one self-contained HTML page: an inline, print-friendly stylesheet and
 * the charts embedded as SVG, so the file can be mailed, archived or printed to PDF as it is.
 * Participant quotations are `<blockquote>`s; condensates are `<aside class="condensate">` with
 * their label, so no stylesheet or screen reader can take one for the other.
 */
import { escapeXml } from "@quire/analysis";
import type { ReportBlock, ReportDocument } from "@quire/formats";

const STYLE = `
body { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: #111; max-width: 48em; margin: 2em auto; padding: 0 1em; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; line-height: 1.25; }
h1.title { font-size: 1.8em; margin-bottom: 0.2em; }
p.subtitle { color: #555; font-style: italic; margin-top: 0; }
h1 { font-size: 1.4em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
h2 { font-size: 1.2em; margin-top: 1.5em; }
h3 { font-size: 1.05em; }
p.note { color: #555; font-size: 0.9em; font-style: italic; }
blockquote.quote { margin: 0.8em 0 0.8em 1.5em; padding-left: 0.8em; border-left: 3px solid #0072B2; font-style: italic; }
blockquote.quote .label { display: block; font-style: normal; font-size: 0.85em; color: #444; }
aside.condensate { margin: 0.8em 0 0.8em 1.5em; padding: 0.5em 0.8em; border-left: 3px dashed #E69F00; background: #FFF4E0; }
aside.condensate .label { display: block; font: bold 0.85em Helvetica, Arial, sans-serif; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin: 0.8em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.status-computed { color: #00613f; }
td.status-prefilled { color: #0b4f8a; }
td.status-needs { color: #a33; font-weight: bold; }
figure { margin: 1.5em 0; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; color: #444; }
nav ol { columns: 2; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } h1 { page-break-after: avoid; } tr, blockquote, aside { page-break-inside: avoid; } }
`;

const esc = escapeXml;

function statusClass(status: string): string {
  return status === "needs the researcher" ? "status-needs" : `status-${status}`;
}

function block(b: ReportBlock): string {
  switch (b.kind) {
    case "heading": {
      const id = b.id ? ` id="${esc(b.id)}"` : "";
      return `<h${b.level}${id}>${esc(b.text)}</h${b.level}>`;
    }
    case "paragraph":
      return `<p${b.note ? ' class="note"' : ""}>${b.label ? `<strong>${esc(b.label)}:</strong> ` : ""}${esc(b.text)}</p>`;
    case "quote":
      return `<blockquote class="quote"><p>“${esc(b.text)}”</p><span class="label">${esc(b.label)}</span></blockquote>`;
    case "condensate":
      return `<aside class="condensate" data-artificial="true"><span class="label">${esc(b.label)}</span><p>${esc(b.text)}</p></aside>`;
    case "list": {
      const tag = b.ordered ? "ol" : "ul";
      return `<${tag}>${b.items.map((item) => `<li>${esc(item)}</li>`).join("")}</${tag}>`;
    }
    case "table": {
      const coreq = b.header[b.header.length - 1] === "Filled";
      const rows = b.rows
        .map(
          (row) =>
            `<tr>${row
              .map((cell, i) =>
                coreq && i === row.length - 1
                  ? `<td class="${statusClass(cell)}">${esc(cell)}</td>`
                  : `<td>${esc(cell)}</td>`,
              )
              .join("")}</tr>`,
        )
        .join("");
      return `<table>${b.caption ? `<caption>${esc(b.caption)}</caption>` : ""}<thead><tr>${b.header.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    case "figure":
      // The SVG comes from the chart functions, which escape every name they draw.
      return `<figure>${b.svg}<figcaption>${esc(b.caption)}</figcaption></figure>`;
  }
}

/** The whole page. */
export function reportHtml(report: ReportDocument): string {
  const contents = report.blocks
    .filter(
      (b): b is Extract<ReportBlock, { kind: "heading" }> => b.kind === "heading" && Boolean(b.id),
    )
    .map((b) => `<li><a href="#${esc(b.id ?? "")}">${esc(b.text)}</a></li>`)
    .join("");
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Quire">`,
    `<title>${esc(report.title)}</title><style>${STYLE}</style></head><body>`,
    `<h1 class="title">${esc(report.title)}</h1>`,
    `<p class="subtitle">${esc(report.subtitle)}</p>`,
    `<nav><ol>${contents}</ol></nav>`,
    ...report.blocks.map(block),
    "</body></html>",
    "",
  ].join("\n");
}
