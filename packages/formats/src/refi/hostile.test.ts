/**
 * Hostile files: zip bombs, DTDs and entities, path traversal, duplicate and truncated archives,
 * deep nesting, invalid encodings, empty and 2 GB (sparse) files. Each must fail fast with a
 * FormatError that names the file and the place. Then seeded fuzzing: random damage to a valid
 * archive and random XML never crash the reader with anything else, and never hang.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collectBundle, FormatError, openRefi } from "@quire/formats";
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "quire-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GUID = "11111111-2222-4333-8444-555555555555";
const PROJECT = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p">
  <Sources>
    <TextSource guid="${GUID}" name="s" plainTextPath="internal://${GUID}.txt"/>
  </Sources>
</Project>`;

let counter = 0;
function file(bytes: Uint8Array | string, ext = "qdpx"): string {
  const path = join(dir, `f${counter++}.${ext}`);
  writeFileSync(path, bytes);
  return path;
}

function archive(entries: Record<string, Uint8Array | string>, level = 6): Uint8Array {
  const input: Record<string, Uint8Array> = {};
  for (const [name, value] of Object.entries(entries))
    input[name] = typeof value === "string" ? strToU8(value) : value;
  return zipSync(input, { level: level as 6 });
}

async function refuse(path: string, pattern: RegExp, options = {}): Promise<FormatError> {
  let caught: unknown;
  try {
    const reader = await openRefi(path, options);
    try {
      await collectBundle(reader.parts);
    } finally {
      await reader.close();
    }
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(FormatError);
  const error = caught as FormatError;
  expect(error.message).toContain(path);
  expect(error.message).toMatch(pattern);
  return error;
}

describe("hostile REFI files", () => {
  it("refuses a zip bomb by its ratio, and an entry that lies about its size", async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const bomb = file(archive({ "project.qde": PROJECT, [`Sources/${GUID}.txt`]: zeros }, 9));
    await refuse(bomb, /Sources\/.*\.txt.*zip bomb/, {
      archiveLimits: { ratioGraceBytes: 64 * 1024 },
    });
    // Patch the central directory's uncompressed size of the text down to 10 bytes.
    const bytes = Buffer.from(
      archive({ [`Sources/${GUID}.txt`]: "x".repeat(5000), "project.qde": PROJECT }),
    );
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(10, central + 24);
    await refuse(file(bytes), /more than the 10 bytes its header declares/);
  });

  it("never processes a DTD: entity expansion and external entities are refused", async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Project name="&b;"/>`;
    await refuse(file(archive({ "project.qde": laughs })), /project\.qde line 1: .*DOCTYPE/);
    const external = `<?xml version="1.0"?><!DOCTYPE Project SYSTEM "file:///etc/passwd"><Project name="x"/>`;
    await refuse(file(external, "qde"), /DOCTYPE/);
    const undefinedEntity = `<Project xmlns="urn:QDA-XML:project:1.0" name="&secret;"/>`;
    await refuse(file(undefinedEntity, "qde"), /line 1: column \d+: is not well-formed XML/);
  });

  it("refuses path traversal, absolute paths and duplicate entries", async () => {
    await refuse(
      file(archive({ "project.qde": PROJECT, "../../evil.txt": "x" })),
      /"\.\.\/\.\.\/evil\.txt".*path traversal/,
    );
    await refuse(file(archive({ "project.qde": PROJECT, "/etc/cron.d/x": "x" })), /absolute path/);
    await refuse(file(archive({ "project.qde": PROJECT, "C:/x.txt": "x" })), /absolute path/);
    await refuse(
      file(archive({ "project.qde": PROJECT, "PROJECT.QDE": PROJECT })),
      /appears twice/,
    );
  });

  it("refuses truncated archives, empty files and a 2 GB sparse file quickly", async () => {
    const whole = archive({ "project.qde": PROJECT, [`Sources/${GUID}.txt`]: "hello" });
    await refuse(
      file(whole.subarray(0, Math.floor(whole.length / 2))),
      /end-of-archive record is missing/,
    );
    await refuse(file(new Uint8Array(0)), /empty \(0 bytes\)/);
    for (const ext of ["qdpx", "qde"]) {
      const path = join(dir, `sparse.${ext}`);
      const fd = openSync(path, "w");
      closeSync(fd);
      const { truncateSync } = await import("node:fs");
      truncateSync(path, 2 ** 31); // sparse: no data blocks are written
      const started = Date.now();
      await refuse(path, ext === "qdpx" ? /not a ZIP archive/ : /not well-formed|not valid/);
      expect(Date.now() - started).toBeLessThan(5_000);
      rmSync(path);
    }
  });

  it("refuses deep nesting, invalid UTF-8 in the document and invalid UTF-16 in a text", async () => {
    const deep = `<Project xmlns="urn:QDA-XML:project:1.0" name="d">${"<x>".repeat(1000)}${"</x>".repeat(1000)}</Project>`;
    await refuse(file(deep, "qde"), /deeper than 256/);
    const bad = Buffer.concat([
      Buffer.from('<Project name="'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"/>'),
    ]);
    const error = await refuse(file(archive({ "project.qde": bad })), /not valid UTF-8/);
    expect(error.byteOffset).toBeDefined();
    const utf16 = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x42, 0x00]); // lone surrogate
    await refuse(
      file(archive({ "project.qde": PROJECT, [`Sources/${GUID}.txt`]: utf16 })),
      /Sources\/.*not valid UTF-16LE/,
    );
  });

  it("names a missing project document and a truncated XML document", async () => {
    await refuse(file(archive({ "readme.txt": "x" })), /holds no project\.qde/);
    await refuse(file(archive({ "project.qde": PROJECT.slice(0, 80) })), /project\.qde line \d+/);
  });
});

describe("fuzzing the REFI reader (seeded)", () => {
  const valid = archive({ "project.qde": PROJECT, [`Sources/${GUID}.txt`]: "Hello 😀 world\r\n" });

  async function attempt(path: string): Promise<void> {
    try {
      const reader = await openRefi(path, { archiveLimits: { maxTotalBytes: 16 * 1024 * 1024 } });
      try {
        await collectBundle(reader.parts);
      } finally {
        await reader.close();
      }
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
    }
  }

  it("survives random damage to a valid archive with only FormatErrors", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.option(fc.nat(), { nil: undefined }),
        async (flips, cut) => {
          const bytes = Buffer.from(valid);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          const damaged = cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
          await attempt(file(damaged));
        },
      ),
      { seed: 424242, numRuns: 300 },
    );
  });

  it("survives random XML with only FormatErrors", async () => {
    const token = fc.constantFrom(
      "<Project>",
      "</Project>",
      '<Project xmlns="urn:QDA-XML:project:1.0" name="x">',
      "<CodeBook>",
      "<Codes>",
      '<Code guid="c001" name="n" isCodable="true">',
      "</Code>",
      "<Sources>",
      '<TextSource guid="x">',
      '<PlainTextSelection startPosition="5" endPosition="1" guid="g">',
      "<PlainTextContent>abc</PlainTextContent>",
      "&amp;",
      "&bogus;",
      "<![CDATA[x]]>",
      "<!-- c -->",
      "<?pi x?>",
      "\u0000",
      "😀",
      '"',
      "<",
      ">",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 30 }), async (tokens) => {
        await attempt(file(tokens.join(""), "qde"));
      }),
      { seed: 777, numRuns: 300 },
    );
  });
});
