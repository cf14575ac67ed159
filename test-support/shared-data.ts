/**
 * Where tests find the real files in the shared folder beside the repository (`../shared`). Those
 * files are not ours to copy, so tests read them in place. When the folder is absent the tests that
 * need it skip with a printed reason, except under CI, where a missing folder is a failure.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const sharedRoot = process.env.QUIRE_SHARED_DIR ?? resolve(repoRoot, "..", "shared");

/** Absolute path of a file under the shared folder, e.g. `sharedPath("data/reliability/vectors.json")`. */
export function sharedPath(relative: string): string {
  return join(sharedRoot, relative);
}

/**
 * Whether the shared file exists. Under `CI=true` a missing file throws, so a run never passes by
 * skipping; elsewhere it prints why the dependent tests are skipped.
 */
export function hasShared(relative: string): boolean {
  const path = sharedPath(relative);
  if (existsSync(path)) return true;
  if (process.env.CI === "true") throw new Error(`shared test data missing under CI: ${path}`);
  console.warn(`skipping: shared test data not found at ${path}`);
  return false;
}
