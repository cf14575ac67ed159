/**
 * The `quire-server` program: parses `--port` and `--host`, starts the server on the workspace in
 * `$QUIRE_HOME` (or the database in `$QUIRE_DATABASE_URL`), and stops cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";
import { startServer } from "./server.js";

const USAGE = `Usage: quire-server [--port 4317] [--host 127.0.0.1]

Runs the Quire workbench on this machine. Projects live in $QUIRE_HOME (default ~/.quire),
or in the PostgreSQL database named by $QUIRE_DATABASE_URL.
  --port N     port to listen on (default 4317; 0 picks a free one)
  --host H     address to listen on (default 127.0.0.1; use 0.0.0.0 only to share on a network)`;

/**
 * Runs the server until a signal stops it.
 * @returns the exit code.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let values: { port?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv.slice(2),
      options: {
        port: { type: "string" },
        host: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = values.port === undefined ? 4317 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
    return 2;
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ port, host: values.host ?? "127.0.0.1" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === "EADDRINUSE"
        ? `port ${port} is in use: is Quire already running? Choose another with --port`
        : `Quire could not start: ${(error as Error).message}`,
    );
    return 1;
  }
  console.log(`Quire is running at ${server.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      console.log("Stopping Quire…");
      void server.close().then(resolve);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}
