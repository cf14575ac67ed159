/**
 * ZIP64: an archive with more entries than the classic end record can count (a project with
 * 70,000 source files) is written with ZIP64 end records and read back whole, by our reader and,
 * when installed, by Info-ZIP's `unzip`. Small archives keep the classic records.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ZipArchive, ZipWriter } from "@quire/formats";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "quire-zip64-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasUnzip = spawnSync("unzip", ["-v"]).status === 0;

async function text(archive: ZipArchive, name: string): Promise<string> {
  const entry = archive.entry(name);
  if (!entry) throw new Error(`no ${name}`);
  return Buffer.from(await archive.readAll(entry, 1024)).toString("utf8");
}

/** Whether the file ends with a ZIP64 locator and end record before the classic end record. */
function hasZip64End(path: string): boolean {
  const bytes = readFileSync(path);
  return bytes.readUInt32LE(bytes.length - 22 - 20) === 0x07064b50;
}

describe("ZIP64", () => {
  it("writes and reads back an archive of more than 65,535 entries", async () => {
    const path = join(dir, "many.zip");
    const count = 70_000;
    const zip = new ZipWriter(path);
    for (let index = 0; index < count; index++)
      await zip.entry(`Sources/${String(index).padStart(6, "0")}.txt`, `text ${index}`);
    await zip.entry("project.qde", "<Project/>");
    await zip.finish();

    expect(hasZip64End(path)).toBe(true);
    const archive = await ZipArchive.open(path);
    try {
      expect(archive.entries).toHaveLength(count + 1);
      expect(await text(archive, "Sources/000000.txt")).toBe("text 0");
      expect(await text(archive, "Sources/065535.txt")).toBe("text 65535");
      expect(await text(archive, "Sources/069999.txt")).toBe("text 69999");
      expect(await text(archive, "project.qde")).toBe("<Project/>");
      // Lookups go through the folded-name index: exact names only through `entry`, any case
      // through `entryIgnoringCase`, and a miss stays a miss among 70,000 names.
      expect(archive.entry("sources/012345.txt")).toBeUndefined();
      expect(archive.entryIgnoringCase("sources/012345.TXT")?.name).toBe("Sources/012345.txt");
      expect(archive.entry("Sources/070000.txt")).toBeUndefined();
      expect(archive.entryIgnoringCase("Sources/070000.txt")).toBeUndefined();
      let found = 0;
      for (let index = 0; index < count; index += 7)
        if (archive.entryIgnoringCase(`SOURCES/${String(index).padStart(6, "0")}.TXT`)) found++;
      expect(found).toBe(Math.ceil(count / 7));
      expect(archive.unpackedSize).toBe(
        archive.entries.reduce((sum, entry) => sum + entry.size, 0),
      );
    } finally {
      await archive.close();
    }
    if (hasUnzip) {
      const listed = spawnSync("unzip", ["-Z1", path], { maxBuffer: 64 * 1024 * 1024 });
      expect(listed.status).toBe(0);
      expect(listed.stdout.toString("utf8").trim().split("\n")).toHaveLength(count + 1);
    }
  }, 60_000);

  it("keeps the classic end record for a small archive", async () => {
    const path = join(dir, "few.zip");
    const zip = new ZipWriter(path);
    await zip.entry("a.txt", "a");
    await zip.finish();
    expect(hasZip64End(path)).toBe(false);
    const archive = await ZipArchive.open(path);
    expect(await text(archive, "a.txt")).toBe("a");
    await archive.close();
  });
});
