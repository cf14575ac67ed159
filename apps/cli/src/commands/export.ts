/**
 * `quire export`: coded segments as CSV (one row per coding, with source, case, attributes, code
 * path, coder, text and context) or JSON. Streams page by page, so exports of any size stay small
 * in memory.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { QuireError } from "@quire/core";
import { findCode, listAttributes, listCodes, retrieveSegments, type Segment } from "@quire/db";
import { stringify } from "csv-stringify";
import { type GlobalOptions, withSession } from "../context.js";
import type { Output } from "../output.js";
import { startProgress } from "../progress.js";
import { count } from "./segments.js";

export interface ExportOptions extends GlobalOptions {
  format?: string;
  out?: string;
  code?: string[];
  context?: string;
}

const PAGE = 1_000;

export async function exportCommand(
  location: string,
  options: ExportOptions,
  out: Output,
): Promise<void> {
  const format = options.format ?? "csv";
  if (format !== "csv" && format !== "json")
    throw new QuireError(
      "invalid_input",
      `--format ${format} is not available; export as csv or json`,
    );
  if (!options.out) throw new QuireError("invalid_input", "name the file to write with --out");
  const path = options.out;
  await withSession(location, options, async ({ store, project }) => {
    const codes = options.code?.length
      ? await Promise.all(options.code.map((ref) => findCode(store, project.id, ref)))
      : await listCodes(store, project.id);
    const attributes = (await listAttributes(store, project.id)).map((attribute) => attribute.name);
    const context = count(options.context, "--context", 100);
    const file = createWriteStream(path);
    const write = async (chunk: string) => {
      if (!file.write(chunk)) await once(file, "drain");
    };
    const csv =
      format === "csv" ? stringify({ header: true, columns: csvColumns(attributes) }) : null;
    if (csv) csv.on("data", (chunk: Buffer) => file.write(chunk));
    let written = 0;
    let progress = startProgress("export", 0, false);
    if (format === "json") await write("[\n");
    for (let offset = 0; codes.length > 0; offset += PAGE) {
      const { total, segments } = await retrieveSegments(store, project.id, {
        codeIds: codes.map((code) => code.id),
        context,
        limit: PAGE,
        offset,
      });
      if (offset === 0) progress = startProgress("export", total, !out.json);
      for (const segment of segments) {
        if (csv) {
          if (!csv.write(csvRow(segment, attributes))) await once(csv, "drain");
        } else await write(`${written > 0 ? ",\n" : ""}${JSON.stringify(segment)}`);
        written++;
      }
      progress.update(written);
      if (segments.length < PAGE) break;
    }
    progress.stop();
    if (csv) {
      csv.end();
      await once(csv, "end");
    } else await write("\n]\n");
    file.end();
    await once(file, "finish");
    out.result({ path, segments: written, format }, (r) =>
      out.line(`wrote ${r.segments} coded segments to ${r.path}`),
    );
  });
}

function csvColumns(attributes: readonly string[]): string[] {
  return [
    "source",
    "source_kind",
    "case",
    ...attributes,
    "code",
    "coder",
    "start",
    "end",
    "status",
    "text",
    "context_before",
    "context_after",
    "memo",
  ];
}

function csvRow(segment: Segment, attributes: readonly string[]): unknown[] {
  return [
    segment.sourceTitle,
    segment.sourceKind,
    segment.caseName ?? "",
    ...attributes.map((name) => segment.attributes[name] ?? ""),
    segment.codePath,
    segment.coder,
    segment.start,
    segment.end,
    segment.status,
    segment.text,
    segment.before,
    segment.after,
    segment.memo ?? "",
  ];
}
