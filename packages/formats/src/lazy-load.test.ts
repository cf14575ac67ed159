/**
 * Importing the package must not load its third-party libraries: they are loaded by the function
 * that needs one (`lazy.ts`), because every command imports this package and a library loaded at
 * startup costs every command its memory and time. The check runs the build in a fresh Node
 * process (the tests themselves run the sources through Vite, which loads modules its own way), so
 * it needs `tsc -b` first, as `npm test` does.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = join(root, "dist", "index.js");
const dependencies = Object.keys(
  (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: object })
    .dependencies,
).filter((name) => !name.startsWith("@quire/"));

/** The newest source file the build is made from. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) {
      if (item.name !== "test-support") newest = Math.max(newest, newestSource(path));
    } else if (item.name.endsWith(".ts") && !item.name.endsWith(".test.ts"))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Imports `entry` in a new process and lists the dependencies it loaded: those the ES module
 * loader resolved (seen by a resolve hook, which refuses them) and those in the CommonJS cache
 * (CommonJS packages load their own files through it).
 */
function loadedBy(target: string): { status: number | null; output: string } {
  const pattern = `/node_modules/(${dependencies.map((name) => name.replace(/[/.]/g, "\\$&")).join("|")})/`;
  const hook = `
    const heavy = new RegExp(${JSON.stringify(pattern)});
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      const found = heavy.exec(result.url);
      if (found) throw new Error("loaded at import: " + found[1]);
      return result;
    }`;
  const script = `
    import { createRequire, register } from "node:module";
    register("data:text/javascript," + encodeURIComponent(${JSON.stringify(hook)}));
    await import(${JSON.stringify(target)});
    const heavy = new RegExp(${JSON.stringify(pattern)});
    const cached = Object.keys(createRequire(import.meta.url).cache)
      .map((file) => heavy.exec(file.replaceAll("\\\\", "/"))?.[1])
      .filter(Boolean);
    if (cached.length > 0) throw new Error("loaded at import: " + [...new Set(cached)].join(", "));
    console.log("clean");`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
  });
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

describe("lazy loading", () => {
  it("importing the built package loads none of its third-party libraries", () => {
    const built = statSync(join(root, "dist", ".tsbuildinfo"), { throwIfNoEntry: false });
    if (!built || built.mtimeMs < newestSource(join(root, "src")))
      throw new Error("packages/formats/dist is missing or older than its sources: run `tsc -b`");
    expect(dependencies).toContain("exceljs");
    const { status, output } = loadedBy(entry);
    expect(output).not.toMatch(/loaded at import/);
    expect(status).toBe(0);
    expect(output.trim()).toBe("clean");
  });

  it("the check sees a library that is imported eagerly, ES module or CommonJS, or required", () => {
    const required = `data:text/javascript,${encodeURIComponent(
      `import { createRequire } from "node:module";
      createRequire(${JSON.stringify(join(root, "package.json"))})("mammoth");`,
    )}`;
    for (const [target, library] of [
      ["docx", "docx"],
      ["exceljs", "exceljs"],
      [required, "mammoth"],
    ] as const) {
      const { status, output } = loadedBy(target);
      expect(status).not.toBe(0);
      expect(output).toContain(`loaded at import: ${library}`);
    }
  });
});
