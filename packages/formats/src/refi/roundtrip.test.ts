/**
 * A hand-made bundle with every part Quire exchanges — users, a code tree with colours and
 * descriptions, typed variables, cases, a source with emoji and selections, notes, sets — written
 * as .qdpx and .qdc, validated against the official schemas (xmllint, when installed), read back
 * identical, and written again to the same bytes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  bundleParts,
  collectBundle,
  openRefi,
  type ProjectBundle,
  projectXml,
  writeQdc,
  writeQdpx,
  ZipArchive,
} from "@quire/formats";
import { afterAll, describe, expect, it } from "vitest";

const SCHEMA = join(import.meta.dirname, "schema");
const hasXmllint = spawnSync("xmllint", ["--version"]).status === 0;
const dir = mkdtempSync(join(tmpdir(), "quire-refi-rt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const g = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const TEXT = 'Első sor: oltás 😀 kell?\nMásodik sor — "idézet" & <jel>\n';

export const SAMPLE: ProjectBundle = {
  project: { name: "Minta & próba", origin: "Quire", creationDateTime: "2026-01-02T03:04:05Z" },
  users: [
    { guid: g(1), name: "Anna" },
    { guid: g(2), name: "Béla" },
  ],
  codes: [
    {
      guid: g(10),
      name: "Attitűd",
      parentGuid: null,
      isCodable: false,
      color: "#ff0000",
      description: "Több sor\n\tbehúzva",
      noteRefs: [],
    },
    {
      guid: g(11),
      name: "piros 🔴",
      parentGuid: g(10),
      isCodable: true,
      color: "#00ff00",
      description: null,
      noteRefs: [g(60)],
    },
    {
      guid: g(12),
      name: "mély",
      parentGuid: g(11),
      isCodable: true,
      color: null,
      description: null,
      noteRefs: [],
    },
  ],
  variables: [
    { guid: g(20), name: "kor", type: "Integer", description: null },
    { guid: g(21), name: "súly", type: "Float", description: "kg" },
    { guid: g(22), name: "nem", type: "Text", description: null },
    { guid: g(23), name: "beteg", type: "Boolean", description: null },
    { guid: g(24), name: "dátum", type: "Date", description: null },
    { guid: g(25), name: "időpont", type: "DateTime", description: null },
  ],
  cases: [
    {
      guid: g(30),
      name: "P01",
      description: null,
      codeRefs: [],
      values: [
        { variableGuid: g(20), type: "Integer", value: 42 },
        { variableGuid: g(21), type: "Float", value: 71.5 },
        { variableGuid: g(22), type: "Text", value: "nő" },
        { variableGuid: g(23), type: "Boolean", value: false },
        { variableGuid: g(24), type: "Date", value: "2025-06-18" },
        { variableGuid: g(25), type: "DateTime", value: "2025-06-18T02:08:15Z" },
      ],
      sourceRefs: [g(40)],
      selectionRefs: [],
    },
  ],
  sources: [
    {
      guid: g(40),
      name: "Interjú 1",
      text: TEXT,
      creatingUser: g(1),
      creationDateTime: "2026-01-02T03:04:05Z",
      selections: [
        {
          guid: g(50),
          start: TEXT.indexOf("oltás"),
          end: TEXT.indexOf("😀") + 2,
          creatingUser: g(1),
          creationDateTime: "2026-01-02T03:04:05Z",
          codings: [
            {
              guid: g(51),
              codeGuid: g(11),
              creatingUser: g(1),
              creationDateTime: "2026-01-02T03:04:05Z",
              noteRefs: [],
            },
            {
              guid: g(52),
              codeGuid: g(12),
              creatingUser: g(2),
              creationDateTime: "2026-01-02T03:04:06Z",
              noteRefs: [g(61)],
            },
          ],
          noteRefs: [],
        },
      ],
      codings: [],
      noteRefs: [],
      values: [],
    },
  ],
  notes: [
    {
      guid: g(60),
      name: "Kód-jegyzet",
      text: "A piros kódról.\nKét sor.",
      creatingUser: g(1),
      creationDateTime: "2026-01-02T03:04:05Z",
    },
    {
      guid: g(61),
      name: "Coding memo",
      text: "Miért mély?",
      creationDateTime: "2026-01-02T03:04:07Z",
    },
  ],
  sets: [
    {
      guid: g(70),
      name: "Színes kódok",
      description: "A két színes",
      memberCodes: [g(10), g(11)],
      memberSources: [],
      memberNotes: [],
    },
    {
      guid: g(71),
      name: "Források",
      description: null,
      memberCodes: [],
      memberSources: [g(40)],
      memberNotes: [g(60)],
    },
  ],
  end: { description: "A projekt leírása", noteRefs: [] },
};

function lint(path: string, schema: string) {
  const run = spawnSync("xmllint", ["--noout", "--nonet", "--schema", join(SCHEMA, schema), path], {
    encoding: "utf8",
  });
  return { code: run.status, stderr: run.stderr };
}

describe("REFI round trip", () => {
  it("writes a valid project, reads it back unchanged and writes the same bytes again", async () => {
    const first = join(dir, "a.qdpx");
    const counts = await writeQdpx(first, bundleParts(SAMPLE));
    expect(counts).toMatchObject({
      sources: 1,
      selections: 1,
      codings: 2,
      codes: 3,
      notes: 2,
      sets: 2,
    });
    const archive = await ZipArchive.open(first);
    expect(archive.entries.map((e) => e.name)).toEqual([`Sources/${g(40)}.txt`, "project.qde"]);
    const xml = Buffer.from(await archive.readAll(archive.entry("project.qde") as never, 1e7));
    await archive.close();
    const qde = join(dir, "a.qde");
    writeFileSync(qde, xml);
    if (hasXmllint) expect(lint(qde, "Project-mrt2019.xsd")).toMatchObject({ code: 0 });

    const reader = await openRefi(first);
    const back = await collectBundle(reader.parts);
    await reader.close();
    expect(reader.report.warnings).toEqual([]);
    expect(reader.report.skipped).toEqual([]);
    expect(back).toEqual(SAMPLE);

    const second = join(dir, "b.qdpx");
    await writeQdpx(second, bundleParts(back));
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
  });

  it("writes a valid codebook with code sets and reads it back", async () => {
    const path = join(dir, "a.qdc");
    await writeQdc(path, bundleParts(SAMPLE));
    if (hasXmllint) expect(lint(path, "Codebook-mrt2019.xsd")).toMatchObject({ code: 0 });
    const reader = await openRefi(path);
    const back = await collectBundle(reader.parts);
    expect(reader.kind).toBe("codebook");
    expect(back.codes).toEqual(SAMPLE.codes.map((code) => ({ ...code, noteRefs: [] })));
    expect(back.sets).toEqual([{ ...SAMPLE.sets[0], memberNotes: [], memberSources: [] }]);
  });

  it("refuses parts out of order", async () => {
    const parts = [...bundleParts(SAMPLE)];
    const swapped = [parts[0], parts[parts.length - 2], parts[1]].filter((p) => p !== undefined);
    await expect(projectXml(swapped)).rejects.toThrow(/out of order/);
  });

  it("reads a codebook in the 0:4 namespace and non-GUID ids with warnings, stable GUIDs", async () => {
    const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:0:4" origin="MastodonMoodBoard">
  <Codes><Code guid="c001" name="joy" isCodable="true" color="#ABC"><Code guid="C002" name="delight" isCodable="true"/></Code></Codes>
</CodeBook>`;
    const path = join(dir, "quirky.qdc");
    writeFileSync(path, qdc);
    const read = async () => {
      const reader = await openRefi(path);
      const bundle = await collectBundle(reader.parts);
      return { bundle, report: reader.report };
    };
    const { bundle, report } = await read();
    expect(bundle.codes.map((c) => c.originalId)).toEqual(["c001", "C002"]);
    expect(bundle.codes[0]?.color).toBe("#aabbcc");
    expect(bundle.codes[1]?.parentGuid).toBe(bundle.codes[0]?.guid);
    expect(report.warnings.join("\n")).toMatch(/codebook:0:4/);
    expect(report.warnings.join("\n")).toMatch(/not GUIDs/);
    expect((await read()).bundle.codes[0]?.guid).toBe(bundle.codes[0]?.guid);
  });
});
