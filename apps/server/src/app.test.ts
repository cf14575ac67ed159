/**
 * Tests of what the app does around the routes: the OpenAPI document and its browsable reference,
 * unknown API routes, the web app with its fallback, the "not built" page, and the demo seeding.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { type RunningServer, startServer } from "./server.js";
import { serverBackends, type TestServer } from "./test-support/api.js";

describe.each(serverBackends())("app ($name)", (backend) => {
  let api: TestServer;
  beforeAll(async () => {
    api = await backend.start();
  });
  afterAll(() => api.close());

  it("publishes an OpenAPI document with a path for every route", async () => {
    const doc = await api.call("GET", "/api/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const routes = Object.entries(doc.body.paths as Record<string, object>).flatMap(
      ([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const p = "/api/projects/{key}";
    expect(routes).toEqual(
      expect.arrayContaining([
        "GET /api/projects",
        "POST /api/projects",
        `GET ${p}`,
        `PATCH ${p}`,
        `DELETE ${p}`,
        `GET ${p}/sources`,
        `GET ${p}/sources/{sourceId}`,
        `PATCH ${p}/sources/{sourceId}/text`,
        `GET ${p}/codes`,
        `POST ${p}/codes`,
        `PATCH ${p}/codes/{codeId}`,
        `DELETE ${p}/codes/{codeId}`,
        `POST ${p}/codes/{codeId}/merge`,
        `POST ${p}/codings`,
        `GET ${p}/codings/orphans`,
        `PATCH ${p}/codings/{codingId}`,
        `DELETE ${p}/codings/{codingId}`,
        `POST ${p}/segments`,
        `GET ${p}/search`,
        `POST ${p}/search/code`,
        `GET ${p}/cases`,
        `POST ${p}/cases`,
        `PATCH ${p}/cases/{caseId}/attributes`,
        `GET ${p}/attributes`,
        `POST ${p}/attributes`,
        `GET ${p}/memos`,
        `POST ${p}/memos`,
        `PATCH ${p}/memos/{memoId}`,
        `GET ${p}/history/events`,
        `POST ${p}/history/undo`,
        `POST ${p}/history/redo`,
        `POST ${p}/imports`,
        `GET ${p}/events/stream`,
      ]),
    );
    // Every route the app answers is in the document, whatever routes are added later.
    const answered = createApp(api.server.workspace)
      .routes.filter(
        (route) =>
          route.method !== "ALL" &&
          route.path.startsWith("/api/") &&
          !route.path.startsWith("/api/docs") &&
          route.path !== "/api/openapi.json",
      )
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(answered.length).toBeGreaterThan(30);
    expect(routes).toEqual(expect.arrayContaining([...new Set(answered)]));
  });

  it("serves a browsable reference with no network", async () => {
    const page = await fetch(`${api.server.url}/api/docs`);
    const html = await page.text();
    expect(html).toContain("/api/docs/swagger-ui-bundle.js");
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(`${api.server.url}/api/docs/swagger-ui-bundle.js`);
    expect(script.status).toBe(200);
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });

  it("answers unknown API routes with not_found, and the web app's place with a page", async () => {
    const unknown = await api.call("GET", "/api/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.id).toBe("not_found");
    const root = await fetch(`${api.server.url}/some/app/route`);
    expect(root.status).toBe(200);
    expect(await root.text()).toMatch(/web app is not built|<div id="root">/);
  });
});

describe("app with a built web app", () => {
  let server: RunningServer;
  let home: string;
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "quire-web-"));
    const web = join(home, "web");
    mkdirSync(join(web, "assets"), { recursive: true });
    writeFileSync(join(web, "index.html"), "<!doctype html><title>Quire</title><div id=app></div>");
    writeFileSync(join(web, "assets", "app-1234.js"), "console.log(1)");
    server = await startServer({ port: 0, home: join(home, "projects"), webRoot: web });
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it("serves files, falls back to index.html, and never leaves the folder", async () => {
    const asset = await fetch(`${server.url}/assets/app-1234.js`);
    expect(asset.headers.get("content-type")).toContain("javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    const deep = await fetch(`${server.url}/projects/demo/sources/1`);
    expect(await deep.text()).toContain("<div id=app>");
    const outside = await fetch(`${server.url}/..%2f..%2fetc/passwd`);
    expect(await outside.text()).toContain("<div id=app>");
  });

  it("seeded the demo project into the empty workspace", async () => {
    const response = await fetch(`${server.url}/api/projects`);
    const body = (await response.json()) as {
      projects: { key: string; counts: { sources: number } }[];
    };
    expect(body.projects).toHaveLength(1);
    expect(body.projects[0]?.key).toBe("ibs-consultations-demo");
    expect(body.projects[0]?.counts.sources).toBeGreaterThan(0);
  });
});
