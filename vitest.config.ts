import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const pkg = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests import packages by name, as their users do; the aliases point those names at the sources so
// that a test never runs against a stale build.
export default defineConfig({
  resolve: {
    alias: {
      "@quire/core": pkg("./packages/core/src/index.ts"),
      "@quire/analysis": pkg("./packages/analysis/src/index.ts"),
      "@quire/db": pkg("./packages/db/src/index.ts"),
      "@quire/formats": pkg("./packages/formats/src/index.ts"),
      "@quire/io": pkg("./packages/io/src/index.ts"),
    },
  },
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "apps/*/src/**/*.test.ts",
      "apps/*/test/**/*.test.ts",
      "apps/web/src/**/*.test.tsx",
      "apps/web/e2e/*.test.ts",
    ],
    reporters: ["default", "./scripts/summary-reporter.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
