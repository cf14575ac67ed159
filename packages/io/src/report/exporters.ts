/**
 * The report of findings as exporters: `report-html` (one self-contained page, charts inline) and
 * `report-docx` (Word, the charts embedded as SVG with a PNG copy; both are also written beside the
 * document, for slides and papers).
 */
import { writeFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { reportDocx } from "@quire/formats";
import type { Exporter, ExportOptions } from "../exporter.js";
import { reportDocument } from "./document.js";
import { gatherReport, type ReportOptions } from "./gather.js";
import { reportHtml } from "./html.js";
import { rasteriseChart } from "./rasterise.js";

function reportOptions(options: ExportOptions): ReportOptions {
  return {
    ...(options.attribute ? { attribute: options.attribute } : {}),
    ...(options.labelAttributes ? { labelAttributes: options.labelAttributes } : {}),
  };
}

export const reportHtmlExporter: Exporter = {
  format: "report-html",
  description:
    "the report of findings as HTML: findings by method, coding tree, derivation, charts, COREQ",
  extension: ".html",
  async write(store, project, path, options) {
    const document = reportDocument(await gatherReport(store, project, reportOptions(options)));
    await writeFile(path, reportHtml(document), "utf8");
    return {
      path,
      format: "report-html",
      counts: {
        sections: document.blocks.filter((b) => b.kind === "heading" && b.level === 1).length,
        figures: document.blocks.filter((b) => b.kind === "figure").length,
      },
    };
  },
};

export const reportDocxExporter: Exporter = {
  format: "report-docx",
  description:
    "the report of findings as a Word document, charts embedded and also written beside it as SVG and PNG",
  extension: ".docx",
  async write(store, project, path, options) {
    const document = reportDocument(await gatherReport(store, project, reportOptions(options)));
    // Figures are named after the document so that two reports in one folder keep their own.
    const stem = basename(path, extname(path));
    const blocks = [];
    for (const b of document.blocks) {
      if (b.kind !== "figure") {
        blocks.push(b);
        continue;
      }
      const raster = await rasteriseChart(b.svg);
      blocks.push({ ...b, file: `${stem}-${b.file}`, ...(raster ? { raster } : {}) });
    }
    await writeFile(path, await reportDocx({ ...document, blocks }));
    let figures = 0;
    let embedded = 0;
    for (const b of blocks)
      if (b.kind === "figure") {
        await writeFile(join(dirname(path), b.file), b.svg, "utf8");
        figures++;
        if (b.raster) {
          await writeFile(join(dirname(path), b.file.replace(/\.svg$/, ".png")), b.raster.png);
          embedded++;
        }
      }
    return {
      path,
      format: "report-docx",
      counts: {
        sections: blocks.filter((b) => b.kind === "heading" && b.level === 1).length,
        figures,
        "figures embedded": embedded,
      },
    };
  },
};
