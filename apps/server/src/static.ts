/**
 * Serving the built web app (`apps/web/dist`): files as they are, and `index.html` for any other
 * path outside `/api`, so that the app's own routes survive a reload. When the app is not built,
 * `/` says so instead of answering 404.
 */
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";
import type { AppEnv } from "./context.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/** `apps/web/dist`, found from this module (`apps/server/dist` or `apps/server/src`). */
export function defaultWebRoot(): string {
  return resolve(fileURLToPath(new URL("../../web/dist", import.meta.url)));
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quire</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Quire</h1>
<p>The server is running, but the web app is not built yet. Run <code>npm run build</code> in the
repository and reload this page.</p>
<p>The API is at <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

/** Adds the web app (or the "not built" page) to the app, after every `/api` route. */
export function mountWebApp(app: Hono<AppEnv>, root = defaultWebRoot()): void {
  app.get("*", async (c, next) => {
    if (c.req.path.startsWith("/api/") || c.req.path === "/api") return next();
    if (!existsSync(join(root, "index.html"))) return c.html(NOT_BUILT);
    const file = await findFile(root, c.req.path);
    if (file) {
      const hashed = file.includes(`${sep}assets${sep}`);
      return c.body(new Uint8Array(await readFile(file)), 200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        // Vite names built assets by content hash, so they never change under their name.
        "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
      });
    }
    return c.html(await readFile(join(root, "index.html"), "utf8"), 200, {
      "cache-control": "no-cache",
    });
  });
}

/** The file a URL path names inside `root`, or null; never a path outside it. */
async function findFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root + sep)) return null;
  try {
    return (await stat(path)).isFile() ? path : null;
  } catch {
    return null;
  }
}
