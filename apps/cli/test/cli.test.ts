/**
 * The `quire` command end to end: the built program run as a child process, as a user runs it, on
 * real transcripts and real NHS comments, against a SQLite file and (when reachable) PostgreSQL.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropTestDatabase } from "../../../test-support/postgres.js";
import { hasShared, repoRoot, sharedPath } from "../../../test-support/shared-data.js";

const BIN = join(repoRoot, "apps/cli/bin/quire.js");
const INTERVIEWS = "data/corpora/trial_transparency_interviews";
const NHS = "data/corpora/nhs_pxtextmining/v6framework_230831.csv";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function quire(args: string[], env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, QUIRE_CODER: "AS", ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function json<T>(args: string[], env: Record<string, string> = {}): T {
  const run = quire(["--json", ...args], env);
  if (run.code !== 0)
    throw new Error(`quire ${args.join(" ")} failed (${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "quire-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("quire on a study file", () => {
  const study = () => join(dir, "study.quire");

  it("prints help and exits 0, and exits 2 on a usage error", () => {
    const help = quire(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: quire/);
    expect(quire(["segments"]).code).toBe(2);
  });

  it.runIf(hasShared(INTERVIEWS))("imports the real interviews with their speaker turns", () => {
    expect(
      quire(["init", study(), "--name", "Trial transparency", "--method", "reflexive_ta"]).code,
    ).toBe(0);
    const files = readdirSync(sharedPath(INTERVIEWS))
      .filter((name) => name.endsWith(".txt"))
      .map((name) => join(sharedPath(INTERVIEWS), name));
    const summary = json<{ sources: number; turns: number; cases: number }>([
      "import",
      study(),
      ...files,
      "--kind",
      "interview",
    ]);
    expect(summary.sources).toBe(12);
    expect(summary.turns).toBeGreaterThan(600);
    const listing = json<{ total: number; sources: { title: string; length: number }[] }>([
      "sources",
      "list",
      study(),
    ]);
    expect(listing.total).toBe(12);
    const detail = json<{
      revision: { text: string };
      turns: { speaker: string; role: string; start: number; end: number }[];
    }>(["sources", "show", study(), "nt001_transcribed_anonymised_final"]);
    expect(detail.revision.text.startsWith("\uFEFF")).toBe(false);
    expect(detail.turns[0]).toMatchObject({ speaker: "I", role: "interviewer" });
    expect(detail.revision.text.slice(detail.turns[0]?.start, detail.turns[0]?.end)).toMatch(
      /^Great, okay so/,
    );
  });

  it.runIf(hasShared(INTERVIEWS))(
    "builds a codebook, codes by range and by search, retrieves by attribute, undoes",
    () => {
      expect(quire(["codes", "add", study(), "Reaching a diagnosis"]).code).toBe(0);
      expect(
        quire([
          "codes",
          "add",
          study(),
          "Last-resort diagnosis",
          "--parent",
          "Reaching a diagnosis",
          "--color",
          "#d95f02",
        ]).code,
      ).toBe(0);
      expect(
        quire([
          "codes",
          "add",
          study(),
          "Shared responsibility",
          "--definition",
          "Patient and clinician share the work",
        ]).code,
      ).toBe(0);
      const coding = json<{ anchor: { exact: string } }>([
        "code",
        study(),
        "--source",
        "nt001_transcribed_anonymised_final",
        "--range",
        "187:234",
        "--code",
        "Last-resort diagnosis",
      ]);
      expect(coding.anchor.exact).toBe("Yeah, sure, yep, yep so my title is the [deputy");
      const searched = json<{ count: number }>([
        "code",
        study(),
        "--search",
        '"research office"',
        "--code",
        "Shared responsibility",
      ]);
      expect(searched.count).toBeGreaterThan(0);
      expect(quire(["attributes", "add", study(), "arm", "--values", "CBT,TAU"]).code).toBe(0);
      expect(
        quire(["cases", "set", study(), "nt001_transcribed_anonymised_final", "arm=CBT"]).code,
      ).toBe(0);
      const all = json<{ total: number }>(["segments", study(), "--code", "Shared responsibility"]);
      const cbt = json<{
        total: number;
        segments: { text: string; before: string; attributes: { arm: string } }[];
      }>([
        "segments",
        study(),
        "--code",
        "Shared responsibility",
        "--where",
        "arm=CBT",
        "--context",
        "200",
      ]);
      expect(cbt.total).toBeGreaterThan(0);
      expect(cbt.total).toBeLessThan(all.total);
      for (const segment of cbt.segments) {
        expect(segment.text.toLowerCase()).toBe("research office");
        expect(segment.attributes.arm).toBe("CBT");
        expect(segment.before.length).toBe(200);
      }
      const search = json<{ total: number; results: { hits: { match: string }[] }[] }>([
        "search",
        study(),
        "govern* NOT finance",
        "--limit",
        "20",
      ]);
      expect(search.total).toBeGreaterThan(0);
      for (const result of search.results)
        for (const hit of result.hits) expect(hit.match.toLowerCase()).toMatch(/^govern/);
      expect(quire(["undo", study()]).stdout).toMatch(/undid: set arm/);
      expect(
        json<{ total: number }>([
          "segments",
          study(),
          "--code",
          "Shared responsibility",
          "--where",
          "arm=CBT",
        ]).total,
      ).toBe(0);
      expect(quire(["redo", study()]).code).toBe(0);
    },
  );

  it.runIf(hasShared(INTERVIEWS))(
    "keeps a coding on its words through an edit and exports segments as CSV",
    () => {
      const edited = json<{ orphaned: number }>([
        "edit",
        study(),
        "--source",
        "nt001_transcribed_anonymised_final",
        "--range",
        "187:191",
        "--replace",
        "Yes",
      ]);
      expect(edited.orphaned).toBe(0);
      const segments = json<{ segments: { text: string }[] }>([
        "segments",
        study(),
        "--code",
        "Last-resort diagnosis",
      ]);
      expect(segments.segments[0]?.text).toBe("Yes, sure, yep, yep so my title is the [deputy");
      const out = join(dir, "segments.csv");
      expect(quire(["export", study(), "--format", "csv", "--out", out]).code).toBe(0);
      const rows = parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[];
      const total = json<{ total: number }>([
        "segments",
        study(),
        "--code",
        "Shared responsibility",
        "--code",
        "Last-resort diagnosis",
      ]).total;
      expect(rows).toHaveLength(total);
      expect(
        rows.find((row) => row.code === "Reaching a diagnosis / Last-resort diagnosis"),
      ).toMatchObject({
        case: "nt001_transcribed_anonymised_final",
        arm: "CBT",
        coder: "AS",
      });
    },
  );

  it("fails with one clear line, and a failed import leaves the project exactly as before", () => {
    const file = join(dir, "fail.quire");
    expect(quire(["init", file]).code).toBe(0);
    const good = join(dir, "P01.txt");
    const bad = join(dir, "P02.txt");
    writeFileSync(good, "I: How are you?\nR: Fine.\n");
    writeFileSync(
      bad,
      Buffer.concat([
        Buffer.from("I: Hello\nR: caf"),
        Buffer.from([0xc3, 0x28]),
        Buffer.from("\n"),
      ]),
    );
    const failed = quire(["import", file, good, bad]);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split("\n")).toHaveLength(1);
    expect(failed.stderr).toMatch(/P02\.txt.*line 2/);
    expect(json<{ total: number }>(["sources", "list", file]).total).toBe(0);
    const missing = quire(["segments", file, "--code", "Nothing"]);
    expect(missing).toMatchObject({ code: 1, stderr: 'quire: no code named "Nothing"\n' });
    expect(quire(["sources", "list", join(dir, "absent.quire")]).stderr).toMatch(
      /no project file at/,
    );
    const notAStudy = join(dir, "notes.quire");
    writeFileSync(notAStudy, "just some notes");
    expect(quire(["sources", "list", notAStudy]).stderr).toMatch(/is not a Quire project file/);
  });

  it.runIf(hasShared(NHS))("imports 7,908 real NHS comments from CSV with typed attributes", () => {
    const file = join(dir, "fft.quire");
    expect(quire(["init", file, "--method", "content_analysis"]).code).toBe(0);
    const summary = json<{ sources: number; cases: number; emptyResponses: number }>([
      "import",
      file,
      sharedPath(NHS),
      "--text-column",
      "FFT answer",
      "--id-column",
      "Comment ID",
      "--attributes",
      "Trust,Service type 1,Comment sentiment",
    ]);
    expect(summary.sources).toBe(7_908);
    const attributes = json<{ name: string; type: string }[]>(["attributes", "list", file]);
    expect(attributes.map((a) => [a.name, a.type])).toEqual([
      ["Trust", "category"],
      ["Service type 1", "category"],
      ["Comment sentiment", "number"],
    ]);
    const neas = json<unknown[]>([
      "cases",
      "list",
      file,
      "--where",
      "Trust=NEAS",
      "--limit",
      "10000",
    ]);
    expect(neas).toHaveLength(5_096);
    const search = json<{ total: number }>(["search", file, '"very helpful"']);
    expect(search.total).toBeGreaterThan(10);
  });
});

const pgUrl = process.env.QUIRE_TEST_DATABASE_URL;
if (!pgUrl) {
  if (process.env.CI === "true") throw new Error("QUIRE_TEST_DATABASE_URL must be set under CI");
  console.warn("skipping the CLI on PostgreSQL: set QUIRE_TEST_DATABASE_URL to run it");
}

describe.runIf(Boolean(pgUrl))("quire on PostgreSQL", () => {
  const database = `quire_cli_${Date.now().toString(36)}`;
  let url = "";
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  beforeAll(async () => {
    await admin(`CREATE DATABASE ${database}`);
    const parsed = new URL(pgUrl ?? "");
    parsed.pathname = `/${database}`;
    url = parsed.toString();
  });
  afterAll(() => dropTestDatabase(pgUrl ?? "", database));

  it("runs the same commands with --db and with QUIRE_DATABASE_URL, one database holding several projects", () => {
    expect(quire(["init", "--db", url, "--project", "IBS after CBT"]).code).toBe(0);
    expect(
      quire(["init", "--db", url, "--project", "GP opioids", "--method", "framework"]).code,
    ).toBe(0);
    const transcript = join(dir, "P07.txt");
    writeFileSync(
      transcript,
      "I: Did you feel listened to?\nR: Yes, we shared responsibility for the plan.\n",
    );
    const env = { QUIRE_DATABASE_URL: url };
    expect(quire(["--project", "IBS after CBT", "import", transcript], env).code).toBe(0);
    expect(
      quire(["--project", "IBS after CBT", "codes", "add", "Shared responsibility"], env).code,
    ).toBe(0);
    const coded = json<{ count: number }>(
      [
        "--project",
        "IBS after CBT",
        "code",
        "--search",
        '"shared responsibility"',
        "--code",
        "Shared responsibility",
      ],
      env,
    );
    expect(coded.count).toBe(1);
    const segments = json<{ segments: { text: string; caseName: string }[] }>([
      "--db",
      url,
      "--project",
      "IBS after CBT",
      "segments",
      "--code",
      "Shared responsibility",
    ]);
    expect(segments.segments).toMatchObject([{ text: "shared responsibility", caseName: "P07" }]);
    expect(
      json<{ total: number }>(["--db", url, "--project", "GP opioids", "sources", "list"]).total,
    ).toBe(0);
    const ambiguous = quire(["sources", "list"], env);
    expect(ambiguous.stderr).toMatch(/holds several projects; name one with --project/);
  });
});
