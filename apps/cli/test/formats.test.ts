/**
 * `quire import` and `quire export` on every format beyond transcripts and CSV, end to end: the
 * built program on the real RIS/MEDLINE/WoS files, the seed records and forum thread, and the
 * fixtures built by the formats package; then every export, a backup and its restore.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildDocx,
  buildOdt,
  buildPdf,
  buildXlsx,
  SRT,
  VTT,
} from "../../../packages/formats/src/fixtures/build.js";
import { hasShared, repoRoot, sharedPath } from "../../../test-support/shared-data.js";

const BIN = join(repoRoot, "apps/cli/bin/quire.js");
const FIXTURES = join(repoRoot, "packages/formats/src/fixtures");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function quire(args: string[]): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, QUIRE_CODER: "AS" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function json<T>(args: string[]): T {
  const run = quire(["--json", ...args]);
  if (run.code !== 0)
    throw new Error(`quire ${args.join(" ")} failed (${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

interface ImportReport {
  sources: number;
  turns: number;
  cases: number;
  files: {
    file: string;
    format: string;
    sources: number;
    turns: number;
    warnings: string[];
    skipped: string[];
  }[];
}

let dir: string;
const study = () => join(dir, "study.quire");
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "quire-formats-"));
  expect(quire(["init", study(), "--name", "Formats"]).code).toBe(0);
  writeFileSync(
    join(dir, "interview-7.docx"),
    buildDocx([
      { text: "Interview 7", heading: 1 },
      { text: "I: How did the referral go?" },
      { text: "R: Slowly. Eleven months." },
      { text: "I: And then?" },
      { text: "R: A diagnosis at last." },
    ]),
  );
  writeFileSync(
    join(dir, "paper.pdf"),
    buildPdf([
      ["Results", "Participants felt unheard."],
      [],
      ["Discussion", "Continuity of care mattered."],
    ]),
  );
  writeFileSync(join(dir, "ward-notes.odt"), buildOdt());
  writeFileSync(join(dir, "responses.xlsx"), await buildXlsx());
  writeFileSync(join(dir, "teams-call.vtt"), VTT);
  writeFileSync(join(dir, "group-1.srt"), SRT);
  writeFileSync(
    join(dir, "article.html"),
    "<html><head><title>Clinic news</title></head><body><h1>New clinic</h1><p>Opening in May.</p><img src=x.png></body></html>",
  );
  for (const file of readdirSync(FIXTURES).filter((name) => name.endsWith(".html")))
    writeFileSync(join(dir, file), readFileSync(join(FIXTURES, file)));
  writeFileSync(join(dir, "zip.pdf"), buildDocx([{ text: "not a pdf" }]));
  writeFileSync(join(dir, "empty.docx"), "");
  writeFileSync(join(dir, "truncated.xlsx"), (await buildXlsx()).subarray(0, 900));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BIBLIO: Record<string, number> = {
  "data/biblio/rispy/example_bom.ris": 1,
  "data/biblio/rispy/example_empty_tag.ris": 1,
  "data/biblio/rispy/example_endnote.ris": 1,
  "data/biblio/rispy/example_extraneous_data.ris": 2,
  "data/biblio/rispy/example_full.ris": 2,
  "data/biblio/rispy/example_multiline.ris": 3,
  "data/biblio/rispy/example_pubmed.txt": 10,
  "data/biblio/rispy/example_starting_newlines.ris": 1,
  "data/biblio/rispy/example_urls.ris": 4,
  "data/biblio/rispy/example_utf_chars.ris": 1,
  "data/biblio/rispy/example_wos.ris": 2,
  "data/biblio/searchbuildR/testset_endnote_hyphen_decision.txt": 20,
  "data/biblio/searchbuildR/testset_pubmed.txt": 10,
  "data/biblio/searchbuildR/testset_pubmed_hyphen_decision.txt": 20,
  "data/biblio/searchbuildR/testset_ris.txt": 32,
  "data/biblio/searchbuildR/testset_ris_minimum.txt": 2,
  "data/biblio/searchbuildR/testset_ris_ohneAN.txt": 2,
  "seeds/medline-record_ibs-cbt-gp-interactions.txt": 1,
  "seeds/ris-record_gp-opioid-prescribing.txt": 1,
};

describe("quire import, new formats", () => {
  it.runIf(hasShared("data/biblio") && hasShared("seeds"))(
    "imports every real RIS, MEDLINE and WoS record as a published study with a study case",
    () => {
      const files = Object.keys(BIBLIO).map((file) => sharedPath(file));
      const report = json<ImportReport>(["import", study(), ...files]);
      for (const [index, file] of Object.keys(BIBLIO).entries()) {
        const entry = report.files[index];
        const duplicates =
          entry?.skipped.filter((line) => line.includes("already in the project")).length ?? 0;
        expect((entry?.sources ?? 0) + duplicates, file).toBe(BIBLIO[file]);
      }
      expect(report.sources).toBeGreaterThan(80);
      const cases = json<{ name: string; kind: string; attributes: Record<string, unknown> }[]>([
        "cases",
        "list",
        study(),
      ]);
      const sibelli = cases.find((each) => each.name === "Sibelli et al. 2018");
      expect(sibelli?.kind).toBe("study");
      expect(sibelli?.attributes).toMatchObject({ year: 2018, doi: "10.3399/bjgp18X698321" });
      expect(cases.find((each) => each.name === "Gill et al. 2022")?.attributes.journal).toBe(
        "BJGP Open",
      );
    },
  );

  it.runIf(hasShared("seeds/forum-thread_fss-gp-training.txt"))(
    "imports the seed forum thread, pseudonymised, with quotes linked and the key kept apart",
    () => {
      const key = join(dir, "key.csv");
      const report = json<ImportReport>([
        "import",
        study(),
        sharedPath("seeds/forum-thread_fss-gp-training.txt"),
        "--kind",
        "forum_thread",
        "--pseudonymise",
        "--pseudonym-key",
        key,
      ]);
      expect(report.turns).toBe(13);
      expect(readFileSync(key, "utf8")).toBe("username,pseudonym\nDolphin,Member 1\n");
      const detail = json<{
        revision: { text: string };
        turns: { id: string; quotes: string[]; replyTo: string | null }[];
      }>(["sources", "show", study(), "forum-thread_fss-gp-training"]);
      expect(detail.revision.text).not.toContain("Dolphin");
      expect(detail.turns[3]?.quotes).toEqual([detail.turns[0]?.id, detail.turns[2]?.id]);
      expect(detail.turns[3]?.replyTo).toBe(detail.turns[0]?.id);
    },
  );

  it("imports documents, subtitles, a spreadsheet and saved forum pages, reporting what it left out", () => {
    const names = [
      "interview-7.docx",
      "paper.pdf",
      "ward-notes.odt",
      "teams-call.vtt",
      "group-1.srt",
      "article.html",
      "forum-xenforo.html",
      "forum-phpbb.html",
      "forum-discourse.html",
      "forum-vbulletin.html",
    ];
    const report = json<ImportReport>(["import", study(), ...names.map((name) => join(dir, name))]);
    const byName = new Map(report.files.map((file) => [file.file.replace(/^.*[\\/]/, ""), file]));
    expect(byName.get("interview-7.docx")).toMatchObject({ sources: 1, turns: 4 });
    expect(byName.get("interview-7.docx")?.skipped).toEqual([
      "1 image (pictures are not imported)",
      "comments (Word comments are not imported)",
    ]);
    expect(byName.get("paper.pdf")?.skipped).toEqual([
      "page 2: scanned page, no text layer (run OCR first to import it)",
    ]);
    expect(byName.get("ward-notes.odt")?.skipped).toEqual([
      "1 image (pictures are not imported)",
      "1 comment",
    ]);
    expect(byName.get("teams-call.vtt")).toMatchObject({ turns: 3 });
    expect(byName.get("group-1.srt")).toMatchObject({ turns: 3 });
    expect(byName.get("article.html")?.skipped).toEqual(["1 image (pictures are not imported)"]);
    for (const forum of [
      "forum-xenforo.html",
      "forum-phpbb.html",
      "forum-discourse.html",
      "forum-vbulletin.html",
    ])
      expect(byName.get(forum)?.format, forum).toMatch(/^forum thread/);
    const pdf = json<{ source: { kind: string; metadata: { pages: unknown[] } } }>([
      "sources",
      "show",
      study(),
      "paper",
    ]);
    expect(pdf.source.kind).toBe("published_study");
    expect(pdf.source.metadata.pages).toHaveLength(3);

    const sheet = json<ImportReport>([
      "import",
      study(),
      join(dir, "responses.xlsx"),
      "--sheet",
      "Responses",
      "--text-column",
      "comment,followup",
      "--id-column",
      "id",
    ]);
    expect(sheet.sources).toBe(4);
    const r1 = json<{ revision: { text: string } }>(["sources", "show", study(), "R1"]);
    expect(r1.revision.text).toBe("The nurse listened to me.\nNothing to add");
  });

  it("refuses hostile files with one line naming the file, and leaves the project unchanged", () => {
    for (const [name, message] of [
      ["zip.pdf", /zip.pdf: is not a PDF: it is a ZIP archive/],
      ["empty.docx", /empty.docx: is empty \(0 bytes\)/],
      ["truncated.xlsx", /truncated.xlsx: /],
    ] as const) {
      const run = quire(["import", study(), join(dir, name), "--text-column", "comment"]);
      expect(run.code, name).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/unexpected error/);
    }
  });
});

describe("quire export, new formats, and restore", () => {
  it("writes segments to XLSX, the codebook three ways, one coded source two ways, and a backup that restores", () => {
    expect(
      quire(["codes", "add", study(), "Waiting", "--definition", "Time before care"]).code,
    ).toBe(0);
    expect(
      quire(["code", study(), "--code", "Waiting", "--source", "interview-7", "--range", "43:65"])
        .code,
    ).toBe(0);
    const out = (name: string) => join(dir, name);
    for (const [format, file, extra] of [
      ["xlsx", "segments.xlsx", []],
      ["codebook-csv", "codebook.csv", []],
      ["codebook-xlsx", "codebook.xlsx", []],
      ["codebook-docx", "codebook.docx", []],
      ["source-docx", "source.docx", ["--source", "interview-7"]],
      ["source-html", "source.html", ["--source", "interview-7"]],
      ["backup", "study.quire-backup", []],
    ] as const) {
      const run = quire(["export", study(), "--format", format, "--out", out(file), ...extra]);
      expect(run.code, `${format}: ${run.stderr}`).toBe(0);
      expect(existsSync(out(file))).toBe(true);
    }
    expect(readFileSync(out("codebook.csv"), "utf8")).toMatch(/^path,name,level,definition/);
    expect(readFileSync(out("codebook.csv"), "utf8")).toContain(
      "Waiting,Waiting,1,Time before care",
    );
    const html = readFileSync(out("source.html"), "utf8");
    expect(html).toContain('<span class="code" style="border-color:');
    expect(html).toMatch(/<mark [^>]*title="Waiting \(AS\)"[^>]*>Slowly. Eleven months.<\/mark>/);
    for (const file of ["segments.xlsx", "codebook.xlsx", "codebook.docx", "source.docx"])
      expect(readFileSync(out(file)).subarray(0, 2).toString()).toBe("PK");

    const restored = join(dir, "restored.quire");
    const run = quire(["restore", out("study.quire-backup"), restored]);
    expect(run.code, run.stderr).toBe(0);
    const before = json<unknown[]>(["sources", "list", study(), "--limit", "1000"]);
    const after = json<unknown[]>(["sources", "list", restored, "--limit", "1000"]);
    expect(after).toEqual(before);
    const segments = json<{ total: number }>(["segments", restored, "--code", "Waiting"]);
    expect(segments.total).toBe(1);
    expect(quire(["restore", out("study.quire-backup"), restored]).code).toBe(1);
  });
});
