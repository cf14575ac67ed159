/** Imports: upload one or more files; progress goes out on the project's event stream. */
import { createRoute } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { filesImporter } from "../../commands/files-importer.js";
import { actor, createRouter, useProject } from "../../context.js";
import { payloadTooLarge } from "../../errors.js";
import { errorResponses, jsonResponse, ProjectParams } from "../../schemas.js";
import { ImportFormSchema, ImportReportSchema } from "./schema.js";

// Uploads are held in memory before they are saved; 256 MiB covers any transcript or survey
// export a person uploads from a browser while keeping one request from exhausting the server.
const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

const importRoute = createRoute({
  method: "post",
  path: "/projects/{key}/imports",
  tags: ["imports"],
  summary: "Import uploaded files in one undoable step; progress is sent as import-progress events",
  middleware: [
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES,
      onError: () => {
        throw payloadTooLarge(`uploads are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`);
      },
    }),
  ] as const,
  request: {
    params: ProjectParams,
    body: { required: true, content: { "multipart/form-data": { schema: ImportFormSchema } } },
  },
  responses: {
    200: jsonResponse(ImportReportSchema, "What each file brought in, and what it did not"),
    ...errorResponses(400, 404, 409, 413, 422),
  },
});

const list = (value: string | string[] | undefined) =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value])
    .flatMap((each) => each.split(","))
    .map((each) => each.trim())
    .filter((each) => each !== "");

/** The imports routes. */
export const importsRoutes = createRouter().openapi(importRoute, async (c) => {
  const form = c.req.valid("form");
  const { key, store, project } = await useProject(c);
  const files = Array.isArray(form.files) ? form.files : [form.files];
  const attributeColumns = list(form.attributes);
  const publish = (
    phase: "started" | "progress" | "finished",
    file: string,
    done: number,
    total: number,
  ) => c.var.hub.publish(key, { type: "import-progress", data: { phase, file, done, total } });
  for (const file of files) publish("started", file.name, 0, 0);
  const report = await filesImporter({
    store,
    projectId: project.id,
    actor: actor(c),
    files,
    options: {
      kind: form.kind,
      textColumn: form.textColumn,
      idColumn: form.idColumn,
      attributeColumns: attributeColumns.length > 0 ? attributeColumns : undefined,
      replace: form.replace === "true",
    },
    onProgress: (file, done, total) => publish("progress", file, done, total),
  });
  for (const file of report.files) publish("finished", file.file, file.sources, file.sources);
  return c.json(report, 200);
});
