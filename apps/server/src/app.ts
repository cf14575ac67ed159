/**
 * The HTTP application: every `/api` route, the OpenAPI document and reference, the web app, and
 * the one error handler that turns any failure into `{ error: { id, message } }`.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { type AppEnv, createRouter } from "./context.js";
import { mountDocs } from "./docs.js";
import { HttpError, toHttpError } from "./errors.js";
import { EventHub } from "./events.js";
import { agreementRoutes } from "./routes/agreement/agreement.js";
import { analysisRoutes } from "./routes/analysis/analysis.js";
import { casesRoutes } from "./routes/cases/cases.js";
import { codesRoutes } from "./routes/codes/codes.js";
import { codingsRoutes } from "./routes/codings/codings.js";
import { eventsRoutes } from "./routes/events/events.js";
import { exportsRoutes } from "./routes/exports/exports.js";
import { frameworkRoutes } from "./routes/framework/framework.js";
import { historyRoutes } from "./routes/history/history.js";
import { importsRoutes } from "./routes/imports/imports.js";
import { memosRoutes } from "./routes/memos/memos.js";
import { projectsRoutes } from "./routes/projects/projects.js";
import { queriesRoutes } from "./routes/queries/queries.js";
import { searchRoutes } from "./routes/search/search.js";
import { segmentsRoutes } from "./routes/segments/segments.js";
import { sourcesRoutes } from "./routes/sources/sources.js";
import { stcRoutes } from "./routes/stc/stc.js";
import { themesRoutes } from "./routes/themes/themes.js";
import { mountWebApp } from "./static.js";
import type { Workspace } from "./workspace.js";

export interface AppOptions {
  /** The event hub streams listen on (default: a new one over `workspace`). */
  hub?: EventHub;
  /** The built web app's folder (default `apps/web/dist` beside this package). */
  webRoot?: string;
}

const CODER_HEADER = "x-quire-coder";
const DEFAULT_CODER = "me";

/** Who the request acts as: the `X-Quire-Coder` header (percent-encoding allowed), else "me". */
function coderOf(header: string | undefined): string {
  if (!header) return DEFAULT_CODER;
  let name = header;
  try {
    name = decodeURIComponent(header);
  } catch {
    // A stray % is part of the name.
  }
  name = name.trim().slice(0, 100);
  return name === "" ? DEFAULT_CODER : name;
}

/** Builds the application over a workspace. */
export function createApp(workspace: Workspace, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const hub = options.hub ?? new EventHub(workspace);
  const app = createRouter();

  app.use("/api/*", async (c, next) => {
    c.set("workspace", workspace);
    c.set("hub", hub);
    c.set("coder", coderOf(c.req.header(CODER_HEADER)));
    await next();
  });

  for (const routes of [
    projectsRoutes,
    sourcesRoutes,
    codesRoutes,
    codingsRoutes,
    segmentsRoutes,
    searchRoutes,
    casesRoutes,
    memosRoutes,
    historyRoutes,
    importsRoutes,
    exportsRoutes,
    eventsRoutes,
    themesRoutes,
    frameworkRoutes,
    stcRoutes,
    agreementRoutes,
    analysisRoutes,
    queriesRoutes,
  ])
    app.route("/api", routes);

  app.doc("/api/openapi.json", {
    openapi: "3.0.3",
    info: {
      title: "Quire API",
      version: "0.1.0",
      description:
        "The HTTP API of the Quire workbench. Errors answer `{ error: { id, message } }` with a " +
        "stable id. Send `X-Quire-Coder: <name>` to act as a coder (default `me`).",
    },
  });
  mountDocs(app);

  app.all("/api/*", (c) => {
    const error = new HttpError(404, "not_found", `no API route ${c.req.method} ${c.req.path}`);
    return c.json(error.toBody(), error.status);
  });
  mountWebApp(app, options.webRoot);

  app.onError((error, c) => {
    const http = error instanceof HTTPException ? fromHonoException(error) : toHttpError(error);
    if (http.isReportable)
      console.error(`${c.req.method} ${c.req.path} failed:`, http.cause ?? error);
    return c.json(http.toBody(), http.status);
  });
  return app;
}

/** Hono's own exceptions (a malformed JSON body, a body over its limit) keep their status. */
function fromHonoException(error: HTTPException): HttpError {
  if (error.status === 413) return new HttpError(413, "payload_too_large", error.message);
  if (error.status >= 500) return new HttpError(500, "internal_error", error.message, true);
  return new HttpError(400, "invalid_input", error.message || "the request is malformed");
}
