/**
 * Coded segments, one row per coding: source, case, the case's attributes, code path, coder,
 * offsets, text and context — as CSV or as JSON. Pages through the project, so an export of any
 * size stays small in memory.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { listAttributes, listCodes, retrieveSegments, type Segment } from "@quire/db";
import { stringify } from "csv-stringify";
import type { Exporter } from "../exporter.js";

const PAGE = 1_000;

export async function* allSegments(
  store: Parameters<Exporter["write"]>[0],
  projectId: string,
  codeIds: readonly string[],
  context: number,
  onTotal: (total: number) => void,
): AsyncGenerator<Segment> {
  if (codeIds.length === 0) return;
  for (let offset = 0; ; offset += PAGE) {
    const { total, segments } = await retrieveSegments(store, projectId, {
      codeIds: [...codeIds],
      context,
      limit: PAGE,
      offset,
    });
    if (offset === 0) onTotal(total);
    yield* segments;
    if (segments.length < PAGE) return;
  }
}

/** The columns of a segments table, with one column per case attribute. */
export function segmentColumns(attributes: readonly string[]): string[] {
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

/** One segment as a row under `segmentColumns`; a missing attribute is `missing` ("" or null). */
export function segmentRow(
  segment: Segment,
  attributes: readonly string[],
  missing: "" | null,
): unknown[] {
  return [
    segment.sourceTitle,
    segment.sourceKind,
    segment.caseName ?? "",
    ...attributes.map((name) => segment.attributes[name] ?? missing),
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

export const segmentsCsvExporter: Exporter = {
  format: "csv",
  description: "coded segments, one row per coding",
  extension: ".csv",
  async write(store, project, path, options, hooks) {
    const codeIds = options.codeIds ?? (await listCodes(store, project.id)).map((code) => code.id);
    const attributes = (await listAttributes(store, project.id)).map((attribute) => attribute.name);
    const file = createWriteStream(path);
    const csv = stringify({ header: true, columns: segmentColumns(attributes) });
    csv.pipe(file);
    let total = 0;
    let written = 0;
    for await (const segment of allSegments(
      store,
      project.id,
      codeIds,
      options.context ?? 100,
      (n) => (total = n),
    )) {
      const row = segmentRow(segment, attributes, "");
      if (!csv.write(row)) await once(csv, "drain");
      if (++written % PAGE === 0) hooks.progress?.(written, total);
    }
    csv.end();
    await once(file, "finish");
    hooks.progress?.(written, total);
    return { path, format: "csv", counts: { segments: written } };
  },
};

export const segmentsJsonExporter: Exporter = {
  format: "json",
  description: "coded segments as a JSON array",
  extension: ".json",
  async write(store, project, path, options, hooks) {
    const codeIds = options.codeIds ?? (await listCodes(store, project.id)).map((code) => code.id);
    const file = createWriteStream(path);
    const write = async (chunk: string) => {
      if (!file.write(chunk)) await once(file, "drain");
    };
    let total = 0;
    let written = 0;
    await write("[");
    for await (const segment of allSegments(
      store,
      project.id,
      codeIds,
      options.context ?? 100,
      (n) => (total = n),
    )) {
      await write(`${written > 0 ? "," : ""}\n${JSON.stringify(segment)}`);
      if (++written % PAGE === 0) hooks.progress?.(written, total);
    }
    await write("\n]\n");
    file.end();
    await once(file, "finish");
    return { path, format: "json", counts: { segments: written } };
  },
};
