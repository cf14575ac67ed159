/**
 * `quire report` end to end, run as the built program on a small two-arm study built with the CLI:
 * a theme with a code only the CBT arm has, a subtheme, a condensate, phase moves with rationales.
 * The HTML must carry the theme, labelled quotations, the condensate labelled artificial and never
 * inside a participant's blockquote, the derivation of themes and all 32 COREQ items; the Word
 * file must be a zip whose document names the theme and embeds every chart.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../../test-support/shared-data.js";

const BIN = join(repoRoot, "apps/cli/bin/quire.js");

function ok(args: string[]): string {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, QUIRE_CODER: "AS", QUIRE_DATABASE_URL: "" },
  });
  if (result.status !== 0)
    throw new Error(`quire ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

let dir: string;
let path: string;
const PEOPLE: [string, string, string, string][] = [
  ["P01", "CBT", "woman", "We talked about shared responsibility for my diet. Stress was there."],
  ["P02", "CBT", "man", "It felt like shared responsibility between us. Stress was lower."],
  ["P03", "TAU", "woman", "Nobody asked about my diet. Stress stayed."],
  ["P04", "TAU", "man", "I waited for months and the stress grew."],
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "quire-report-"));
  path = join(dir, "study.quire");
  ok(["init", path, "--name", "Two arms", "--method", "reflexive_ta"]);
  const folder = join(dir, "interviews");
  mkdirSync(folder);
  const files = PEOPLE.map(([name, , , answer]) => {
    const file = join(folder, `${name}.txt`);
    writeFileSync(file, `I: How was it?\nR: ${answer}\n`);
    return file;
  });
  ok(["import", path, ...files, "--kind", "interview"]);
  ok(["attributes", "add", path, "arm", "--values", "CBT,TAU"]);
  ok(["attributes", "add", path, "gender", "--values", "woman,man"]);
  for (const [name, arm, gender] of PEOPLE)
    ok(["cases", "set", path, name, `arm=${arm}`, `gender=${gender}`]);
  for (const [code, search] of [
    ["Shared responsibility", '"shared responsibility"'],
    ["Stress", "stress"],
    ["Diet", "diet"],
  ] as const) {
    ok(["codes", "add", path, code]);
    ok(["code", path, "--search", search, "--code", code]);
  }
  ok(["phase", path, "set", "2", "--rationale", "read every transcript twice"]);
  ok(["phase", path, "set", "3", "--rationale", "codes cluster around shared work"]);
  ok(["themes", "add", path, "Sharing the load", "--concept", "Responsibility held jointly"]);
  ok(["themes", "link", path, "Sharing the load", "Shared responsibility"]);
  ok(["themes", "add", path, "Living with stress", "--parent", "Sharing the load"]);
  ok(["themes", "link", path, "Living with stress", "Stress"]);
  ok(["themes", "define", path, "Sharing the load", "--definition", "Change as joint work."]);
  ok([
    "themes",
    "status",
    path,
    "Sharing the load",
    "final",
    "--rationale",
    "checked all extracts",
  ]);
  ok(["stc", "theme", path, "Support"]);
  ok(["stc", "group", path, "Being supported", "--theme", "Support"]);
  ok(["stc", "subgroup", path, "Together", "--group", "Being supported"]);
  ok([
    "stc",
    "unit",
    path,
    "--code",
    "Shared responsibility",
    "--group",
    "Being supported",
    "--subgroup",
    "Together",
  ]);
  ok(["stc", "condense", path, "Together", "We shared the work of getting better."]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("quire report", () => {
  it("writes the HTML report with themes, labelled quotations, the condensate apart, derivation and COREQ", () => {
    const file = join(dir, "report.html");
    ok(["report", path, "--format", "html", "--out", file, "--attribute", "arm"]);
    const html = readFileSync(file, "utf8");
    expect(html).toContain("<h2>Sharing the load</h2>");
    expect(html).toContain("Responsibility held jointly");
    expect(html).toContain("Subtheme: Living with stress");
    // A quotation labelled with case, arm and gender.
    expect(html).toMatch(
      /<blockquote class="quote"><p>“shared responsibility”<\/p><span class="label">P0[12], CBT, (woman|man)<\/span><\/blockquote>/,
    );
    // The condensate: labelled artificial, in an aside, and in no blockquote.
    expect(html).toMatch(
      /<aside class="condensate" data-artificial="true"><span class="label">Condensate \(artificial quotation[^<]*<\/span><p>\[[^<]*We shared the work of getting better\.\]<\/p><\/aside>/,
    );
    const blockquotes = html.match(/<blockquote[\s\S]*?<\/blockquote>/g) ?? [];
    expect(blockquotes.length).toBeGreaterThan(0);
    for (const quote of blockquotes) expect(quote).not.toContain("getting better");
    // Derivation of themes, dated, with rationales.
    expect(html).toContain('id="derivation"');
    expect(html).toMatch(
      /\d{4}-\d{2}-\d{2} \d{2}:\d{2} — created theme &quot;Sharing the load&quot;/,
    );
    expect(html).toContain("rationale: codes cluster around shared work");
    expect(html).toContain("rationale: checked all extracts");
    // The CBT-only code shows in the crosstab as 2/2 against 0/2.
    expect(html).toContain(
      "<td>Shared responsibility</td><td>2/2 cases, 2 passages</td><td>0/2 cases, 0 passages</td>",
    );
    // Charts inline as SVG.
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(3);
    // All 32 COREQ items, each marked.
    const coreq = html.slice(html.indexOf('id="coreq"'));
    const rows = coreq.match(/<tr><td>(\d+)<\/td>/g) ?? [];
    expect(rows.map((row) => Number(row.replace(/\D/g, "")))).toEqual(
      Array.from({ length: 32 }, (_, i) => i + 1),
    );
    expect(coreq).toContain("<td>Quire 0.1.0</td>");
    expect(coreq).toContain("4 cases (4 participant); by arm: CBT 2, TAU 2");
    expect(coreq).toContain('class="status-needs"');
  });

  it("writes a Word report whose document names the theme, with the charts in it and beside it", () => {
    const file = join(dir, "report.docx");
    ok(["report", path, "--format", "docx", "--out", file, "--attribute", "arm"]);
    const entries = unzipSync(new Uint8Array(readFileSync(file)));
    const documentXml = entries["word/document.xml"];
    expect(documentXml).toBeDefined();
    const xml = strFromU8(documentXml ?? new Uint8Array());
    expect(xml).toContain("Sharing the load");
    expect(xml).toContain("Condensate (artificial quotation");
    expect(existsSync(join(dir, "report-figure-1-code-frequencies.svg"))).toBe(true);
    expect(existsSync(join(dir, "report-figure-1-code-frequencies.png"))).toBe(true);
    // Each chart is embedded as SVG with its PNG fallback, and drawn where the document says.
    const media = Object.keys(entries).filter((name) => name.startsWith("word/media/"));
    const figures = (xml.match(/Figure: /g) ?? []).length;
    expect(figures).toBeGreaterThanOrEqual(3);
    expect(media.filter((name) => name.endsWith(".svg"))).toHaveLength(figures);
    expect(media.filter((name) => name.endsWith(".png"))).toHaveLength(figures);
    expect((xml.match(/<asvg:svgBlip /g) ?? []).length).toBe(figures);
  });

  it("refuses an unknown format", () => {
    const result = spawnSync(
      process.execPath,
      [BIN, "report", path, "--format", "pdf", "--out", join(dir, "x.pdf")],
      { encoding: "utf8", env: { ...process.env, QUIRE_DATABASE_URL: "" } },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--format is html or docx/);
  });
});
