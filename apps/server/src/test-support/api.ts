/**
 * API tests run through the real server on an ephemeral port. `serverBackends()` gives a folder
 * workspace in a temporary home, and — when `QUIRE_TEST_DATABASE_URL` names a PostgreSQL server —
 * a workspace in a fresh database made for the run and dropped after it. Without that URL the
 * PostgreSQL half is skipped with a printed reason (under CI it is required).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adminQuery, dropTestDatabase } from "../../../../test-support/postgres.js";
import { type RunningServer, startServer } from "../server.js";

export interface TestServer {
  server: RunningServer;
  home: string;
  /** Sends a request; JSON bodies are encoded, FormData passes as is. */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply>;
  close(): Promise<void>;
}

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies of many shapes
  body: any;
}

export interface ServerBackend {
  name: "sqlite" | "postgres";
  start(): Promise<TestServer>;
}

function client(server: RunningServer) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] = "application/json";
    }
    const response = await fetch(`${server.url}${path}`, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a page): the text is the body.
    }
    return { status: response.status, body: parsed };
  };
}

const sqlite: ServerBackend = {
  name: "sqlite",
  async start() {
    const home = mkdtempSync(join(tmpdir(), "quire-server-test-"));
    const server = await startServer({ port: 0, home, seedDemo: false });
    return {
      server,
      home,
      call: client(server),
      async close() {
        await server.close();
        rmSync(home, { recursive: true, force: true });
      },
    };
  },
};

function postgres(adminUrl: string): ServerBackend {
  const admin = (statement: string) => adminQuery(adminUrl, statement);
  return {
    name: "postgres",
    async start() {
      const name = `quire_s_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      await admin(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const home = mkdtempSync(join(tmpdir(), "quire-server-test-"));
      const server = await startServer({
        port: 0,
        home,
        databaseUrl: url.toString(),
        seedDemo: false,
      });
      return {
        server,
        home,
        call: client(server),
        async close() {
          await server.close();
          rmSync(home, { recursive: true, force: true });
          await dropTestDatabase(adminUrl, name);
        },
      };
    },
  };
}

/** The backends to run API tests on here. */
export function serverBackends(): ServerBackend[] {
  const url = process.env.QUIRE_TEST_DATABASE_URL;
  if (url) return [sqlite, postgres(url)];
  if (process.env.CI === "true")
    throw new Error(
      "QUIRE_TEST_DATABASE_URL is not set: under CI the PostgreSQL API tests must run",
    );
  console.warn(
    "skipping PostgreSQL API tests: set QUIRE_TEST_DATABASE_URL=postgres://… to run them",
  );
  return [sqlite];
}

/** A short interview transcript in the format the transcript importer reads. */
export const TRANSCRIPT = [
  "I: How did you hear about the trial?",
  "R: My doctor told me about it. I trust my doctor, so I signed up.",
  "I: Did anything worry you?",
  "R: The side effects worried me a bit, and the travel to the clinic.",
  "",
].join("\n");

/**
 * Creates a project and imports one transcript (`P01.txt`) into it through the API.
 * @returns the project key and the imported source's id.
 */
export async function seedProject(
  api: TestServer,
  name = "Trial study",
): Promise<{ key: string; sourceId: string }> {
  const created = await api.call("POST", "/api/projects", { name, method: "codebook_ta" });
  if (created.status !== 201)
    throw new Error(`creating the project failed: ${JSON.stringify(created.body)}`);
  const key: string = created.body.key;
  const form = new FormData();
  form.append("files", new Blob([TRANSCRIPT], { type: "text/plain" }), "P01.txt");
  const imported = await api.call("POST", `/api/projects/${key}/imports`, form);
  if (imported.status !== 200)
    throw new Error(`the import failed: ${JSON.stringify(imported.body)}`);
  const sources = await api.call("GET", `/api/projects/${key}/sources`);
  return { key, sourceId: sources.body.sources[0].id };
}
