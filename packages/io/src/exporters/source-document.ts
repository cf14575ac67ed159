/**
 * One source with its codings, to read or share outside Quire: a Word document or a standalone HTML
 * page with coded passages highlighted in their codes' colours, code names where each coding
 * starts, and speaker turns as paragraphs. Orphaned codings (words no longer in the text) are left
 * out and counted.
 */
import { writeFile } from "node:fs/promises";
import { QuireError } from "@quire/core";
import { getSourceDetail, listCases, listCodesWithCounts, listCodings } from "@quire/db";
import { type SourceDocument, sourceToDocx, sourceToHtml } from "@quire/formats";
import type { Exporter, ExportOptions } from "../exporter.js";

async function sourceDocument(
  store: Parameters<Exporter["write"]>[0],
  projectId: string,
  options: ExportOptions,
): Promise<{ doc: SourceDocument; orphaned: number }> {
  if (!options.source)
    throw new QuireError("invalid_input", "name the source to export (source title or id)");
  const { source, revision, turns } = await getSourceDetail(store, projectId, options.source);
  const codes = new Map(
    (await listCodesWithCounts(store, projectId)).map((code) => [code.id, code]),
  );
  const codings = (await listCodings(store, projectId, { sourceId: source.id })).filter(
    (coding) => coding.anchor.status !== "orphaned",
  );
  const all = await listCodings(store, projectId, { sourceId: source.id });
  const caseName = source.caseId
    ? ((await listCases(store, projectId)).find((each) => each.id === source.caseId)?.name ?? null)
    : null;
  const details: [string, string][] = [];
  for (const key of ["file", "format", "threadTitle", "documentTitle"])
    if (typeof source.metadata[key] === "string")
      details.push([key, source.metadata[key] as string]);
  const citation = source.metadata.citation as { title?: string; doi?: string } | undefined;
  if (citation?.title) details.push(["title", citation.title]);
  if (citation?.doi) details.push(["DOI", citation.doi]);
  return {
    doc: {
      title: source.title,
      kind: source.kind,
      caseName,
      details,
      text: revision.text,
      turns: turns.map((turn) => ({ start: turn.start, end: turn.end, speaker: turn.speaker })),
      codings: codings.map((coding) => {
        const code = codes.get(coding.codeId);
        return {
          start: coding.anchor.start,
          end: coding.anchor.end,
          code: code?.path ?? "?",
          color: code?.color ?? "#808080",
          coder: coding.coder,
        };
      }),
    },
    orphaned: all.length - codings.length,
  };
}

export const sourceDocxExporter: Exporter = {
  format: "source-docx",
  description: "one source with its codings highlighted, as a Word document (--source)",
  extension: ".docx",
  async write(store, project, path, options) {
    const { doc, orphaned } = await sourceDocument(store, project.id, options);
    await writeFile(path, await sourceToDocx(doc));
    return { path, format: "source-docx", counts: { codings: doc.codings.length, orphaned } };
  },
};

export const sourceHtmlExporter: Exporter = {
  format: "source-html",
  description: "one source with its codings highlighted, as an HTML page (--source)",
  extension: ".html",
  async write(store, project, path, options) {
    const { doc, orphaned } = await sourceDocument(store, project.id, options);
    await writeFile(path, sourceToHtml(doc));
    return { path, format: "source-html", counts: { codings: doc.codings.length, orphaned } };
  },
};
