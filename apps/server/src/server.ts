/**
 * Starting and stopping the whole application on a port: the workspace, the demo project on first
 * start, the HTTP server. Used by `main.ts` and by tests (which pass port 0 and a temporary home).
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { DEMO_PROJECT_NAME, seedDemoProject } from "./demo/seed-demo.js";
import { EventHub } from "./events.js";
import { openWorkspace, slugify, type Workspace } from "./workspace.js";

export interface StartOptions {
  /** Default 4317; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the workbench is for this machine unless asked otherwise. */
  host?: string;
  /** The folder of study files (default `$QUIRE_HOME`, then `~/.quire`). */
  home?: string;
  /** A PostgreSQL URL to keep projects in instead (default `$QUIRE_DATABASE_URL`). */
  databaseUrl?: string;
  /** Seed the demo project when the workspace has none (default true). */
  seedDemo?: boolean;
  /** The built web app's folder (default `apps/web/dist`). */
  webRoot?: string;
}

export interface RunningServer {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  port: number;
  workspace: Workspace;
  /** The live-event hub, for diagnostics and tests. */
  hub: EventHub;
  /** Ends open streams, stops the server and closes every store. */
  close(): Promise<void>;
}

/**
 * Starts the server and resolves once it listens.
 * @example
 * const server = await startServer({ port: 0, home: tempDir });
 * await fetch(`${server.url}/api/projects`);
 * await server.close();
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const workspace = openWorkspace({ home: options.home, databaseUrl: options.databaseUrl });
  if (options.seedDemo ?? true) await seedDemoIfEmpty(workspace);
  const hub = new EventHub(workspace);
  const app = createApp(workspace, { hub, webRoot: options.webRoot });
  const host = options.host ?? "127.0.0.1";
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve, reject) => {
      const server = serve(
        { fetch: app.fetch, port: options.port ?? 4317, hostname: host },
        (info: AddressInfo) => resolve({ server, port: info.port }),
      );
      server.once("error", reject);
    },
  );
  const shownHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    workspace,
    hub,
    close() {
      closing ??= (async () => {
        hub.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections would hold `close` open until they time out.
          if ("closeAllConnections" in server) server.closeAllConnections();
        });
        await workspace.close();
      })();
      return closing;
    },
  };
}

/**
 * Puts the demo study into a folder workspace that has no project yet, under the key its name
 * gives. A database workspace is left empty: the demo is a study file.
 */
async function seedDemoIfEmpty(workspace: Workspace): Promise<void> {
  if (workspace.kind !== "folder" || (await workspace.list()).length > 0) return;
  await seedDemoProject(workspace.storeLocation(slugify(DEMO_PROJECT_NAME)));
}
