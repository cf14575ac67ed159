// Copies the server's non-TypeScript files into its build: the demo study's transcripts, cases,
// codebook and memos, which the demo seeder reads at run time from beside its compiled module.
import { cpSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const from = join(root, "src", "demo", "study");
const to = join(root, "dist", "demo", "study");
if (existsSync(from)) cpSync(from, to, { recursive: true });
