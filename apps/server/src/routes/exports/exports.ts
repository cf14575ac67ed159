/**
 * Exports: the formats the io registry writes, and a download of the project in one of them. The
 * exporters write files, so each download is written to a temporary folder, streamed back, and the
 * folder is removed once the stream closes (finished or abandoned by the client).
 */
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { createRoute } from "@hono/zod-openapi";
import { blindCoderFor, listCodes } from "@quire/db";
import { type Exporter, exporters, exportProject } from "@quire/io";
import { actor, createRouter, useProject } from "../../context.js";
import { blindCoding, codeNotFound, invalidInput } from "../../errors.js";
import { errorResponses, jsonResponse, ProjectParams } from "../../schemas.js";
import { ExportFileSchema, ExportFormatListSchema, ExportParams, ExportQuery } from "./schema.js";

const tags = ["exports"];

// Browsers pick the application that opens a download by its type; anything not listed here is
// offered as plain bytes, which every browser saves as is.
const CONTENT_TYPES: Record<string, string> = {
  ".csv": "text/csv; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".qdpx": "application/zip",
  ".qdc": "application/xml",
};

/** The content type a file with this ending is sent as. */
export function contentTypeOf(extension: string): string {
  return CONTENT_TYPES[extension.toLowerCase()] ?? "application/octet-stream";
}

// The registry does not say which formats are about one source; those are named `source-…`, and
// their descriptions carry the command line's `--source` hint, which means nothing in the API.
const needsSource = (exporter: Exporter) => exporter.format.startsWith("source-");
const describe = (exporter: Exporter) => exporter.description.replace(/\s*\(--source\)/, "");

const listRoute = createRoute({
  method: "get",
  path: "/projects/{key}/exports",
  tags,
  summary: "The formats a project can be exported in",
  request: { params: ProjectParams },
  responses: {
    200: jsonResponse(ExportFormatListSchema, "Every export format, in the registry's order"),
    ...errorResponses(404),
  },
});

const downloadRoute = createRoute({
  method: "get",
  path: "/projects/{key}/exports/{format}",
  tags,
  summary: "Download the project (or one source of it) in an export format",
  description:
    "Answers the file as an attachment named `<project-key><extension>`. Formats about one " +
    "source need `source`; formats about codings may be narrowed to codes with `code`.",
  request: { params: ExportParams, query: ExportQuery },
  responses: {
    200: {
      description: "The exported file",
      content: { "application/octet-stream": { schema: ExportFileSchema } },
    },
    ...errorResponses(400, 404),
  },
});

const list = (value: string | string[] | undefined) =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value])
    .flatMap((each) => each.split(","))
    .map((each) => each.trim())
    .filter((each) => each !== "");

/** The exports routes. */
export const exportsRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    await useProject(c);
    const formats = exporters.map((exporter) => ({
      format: exporter.format,
      description: describe(exporter),
      extension: exporter.extension,
      needsSource: needsSource(exporter),
    }));
    return c.json({ formats }, 200);
  })
  .openapi(downloadRoute, async (c) => {
    const { format } = c.req.valid("param");
    const query = c.req.valid("query");
    const exporter = exporters.find((candidate) => candidate.format === format);
    if (!exporter)
      throw invalidInput(
        `cannot export as "${format}"; choose one of ${exporters.map((e) => e.format).join(", ")}`,
      );
    if (needsSource(exporter) && !query.source)
      throw invalidInput(`"${format}" exports one source: name it with ?source=`);
    const { key, store, project } = await useProject(c);
    // Exports carry every coder's codings; while coders work blind they wait for the reveal.
    if (blindCoderFor(project, actor(c)) !== null) throw blindCoding();
    const codeIds = list(query.code);
    if (codeIds.length > 0) {
      // An unknown id would otherwise export an empty file without saying why.
      const known = new Set<string>((await listCodes(store, project.id)).map((code) => code.id));
      const missing = codeIds.find((id) => !known.has(id));
      if (missing) throw codeNotFound(missing);
    }

    const dir = await mkdtemp(join(tmpdir(), "quire-export-"));
    const removeDir = () => rm(dir, { recursive: true, force: true });
    const fileName = `${key}${exporter.extension}`;
    const path = join(dir, fileName);
    let size: number;
    try {
      await exportProject(store, project, format, path, {
        source: query.source,
        codeIds: codeIds.length > 0 ? codeIds : undefined,
        context: query.context,
      });
      size = (await stat(path)).size;
    } catch (error) {
      await removeDir();
      throw error;
    }
    const file = createReadStream(path);
    file.once("close", () => void removeDir());
    return c.body(Readable.toWeb(file) as ReadableStream<Uint8Array>, 200, {
      "Content-Type": contentTypeOf(exporter.extension),
      "Content-Length": String(size),
      "Content-Disposition": `attachment; filename="${fileName}"`,
      // A downloaded page (source-html) must never be rendered as part of the app.
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    });
  });
