/**
 * Where the store comes from. Every command takes the study file (or a `postgres://` URL) as its
 * first argument; `--db URL` or `QUIRE_DATABASE_URL` stand in for it, so that
 * `quire --db postgres://… --project Study segments --code X` works like `quire segments study.quire --code X`.
 * This rewrites the arguments before parsing: the URL is put where the file would be.
 */
import { existsSync } from "node:fs";

/** Commands whose first argument is the store, with their subcommands where they have them. */
const STORE_COMMANDS = new Set([
  "init",
  "import",
  "code",
  "segments",
  "search",
  "undo",
  "redo",
  "log",
  "export",
  "edit",
  "orphans",
  "query",
  "matrix",
  "saturation",
  "words",
  "agree",
  "phase",
  "disagreements",
  "blind",
  "report",
]);
const GROUP_COMMANDS = new Set([
  "codes",
  "sources",
  "cases",
  "attributes",
  "memo",
  "themes",
  "framework",
  "stc",
]);

/** Options that take a value, so their value is not mistaken for the command name. */
const GLOBAL_VALUE_OPTIONS = new Set(["--project", "--coder", "--db"]);

export function placeStoreArgument(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const args = [...argv];
  let url: string | undefined;
  const flag = args.findIndex((arg) => arg === "--db" || arg.startsWith("--db="));
  if (flag >= 0) {
    const arg = args[flag] ?? "";
    url = arg.startsWith("--db=") ? arg.slice(5) : args[flag + 1];
    args.splice(flag, arg.startsWith("--db=") ? 1 : 2);
  }
  // argv[0] is node, argv[1] the script.
  let index = 2;
  const skipOptions = () => {
    while (index < args.length && args[index]?.startsWith("-"))
      index += GLOBAL_VALUE_OPTIONS.has(args[index] ?? "") ? 2 : 1;
  };
  skipOptions();
  const command = args[index];
  if (command === undefined) return args;
  let position: number;
  if (STORE_COMMANDS.has(command)) position = index + 1;
  else if (GROUP_COMMANDS.has(command)) position = index + 2;
  else return args;
  if (url === undefined) {
    const candidate = args[position];
    const envUrl = env.QUIRE_DATABASE_URL;
    if (!envUrl || (candidate !== undefined && looksLikeStore(candidate))) return args;
    url = envUrl;
  }
  if (position > args.length) return args;
  args.splice(position, 0, url);
  return args;
}

function looksLikeStore(arg: string): boolean {
  return (
    arg.endsWith(".quire") ||
    /^postgres(ql)?:\/\//.test(arg) ||
    (!arg.startsWith("-") && existsSync(arg) && !/\.(txt|md|csv|tsv)$/i.test(arg))
  );
}
