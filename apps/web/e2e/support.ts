/**
 * What the browser tests share: the built app (rebuilt only when its sources are newer), the built
 * server in its own process on an ephemeral port, and headless Chromium.
 */
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";

/** Where the app is built; `QUIRE_E2E_WEB_DIST` gives parallel runs a directory each. */
export const webRoot =
  process.env.QUIRE_E2E_WEB_DIST ?? fileURLToPath(new URL("../dist", import.meta.url));
const webSrc = fileURLToPath(new URL("../src", import.meta.url));
export const serverEntry = new URL("../../server/dist/index.js", import.meta.url);
export const resultsDir = fileURLToPath(new URL("../../../test-results", import.meta.url));

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the built server in its own Node process, so it runs the packages' built code exactly as
 * `npm start` does (inside Vitest, package names would resolve to their sources instead).
 */
export async function startBuiltServer(home: string): Promise<RunningServer> {
  const script = `
    const { startServer } = await import(${JSON.stringify(serverEntry.href)});
    const server = await startServer({ port: 0, home: ${JSON.stringify(home)}, webRoot: ${JSON.stringify(webRoot)} });
    console.log("QUIRE_URL " + server.url);
    process.on("SIGTERM", () => server.close().then(() => process.exit(0)));
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /QUIRE_URL (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}: ${output}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function newestSourceMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile())
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/** Builds the app only when dist is missing or older than its sources. */
export async function ensureBuilt(): Promise<void> {
  const index = join(webRoot, "index.html");
  if (existsSync(index) && statSync(index).mtimeMs >= (await newestSourceMtime(webSrc))) return;
  const { build } = await import("vite");
  await build({
    root: fileURLToPath(new URL("..", import.meta.url)),
    logLevel: "warn",
    build: { outDir: webRoot, emptyOutDir: true },
  });
}

/** Headless Chromium from Debian's package, with the flags a container needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
