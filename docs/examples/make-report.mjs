/**
 * Regenerates the example report of findings in this folder from the demo study: seeds the demo
 * (fictional IBS consultations, two arms), adds a few themes, phase moves and a journal entry with
 * the `quire` command as a researcher would, and writes report.html and report.docx (charts
 * embedded, and written beside it as .svg and .png). Run after `npm run build`: `node docs/examples/make-report.mjs`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedDemoProject } from "../../apps/server/dist/demo/seed-demo.js";

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, "../../apps/cli/bin/quire.js");
const work = mkdtempSync(join(tmpdir(), "quire-example-"));
const study = join(work, "demo.quire");

function quire(...args) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { ...process.env, QUIRE_CODER: "demo", QUIRE_DATABASE_URL: "" },
  });
  if (run.status !== 0) throw new Error(`quire ${args.join(" ")}: ${run.stderr}`);
  return run.stdout;
}

try {
  await seedDemoProject(study);
  quire(
    "phase",
    study,
    "set",
    "1",
    "--rationale",
    "read all eight transcripts, notes per interview",
  );
  quire(
    "phase",
    study,
    "set",
    "2",
    "--rationale",
    "coded every interview once, semantic and latent",
  );
  quire(
    "phase",
    study,
    "set",
    "3",
    "--rationale",
    "codes about the GP and about CBT cluster together",
  );
  quire(
    "themes",
    "add",
    study,
    "A diagnosis that explains nothing",
    "--concept",
    "The IBS label closes the search without giving an account of the illness",
  );
  quire("themes", "link", study, "A diagnosis that explains nothing", "Last-resort diagnosis");
  quire("themes", "link", study, "A diagnosis that explains nothing", "Tests and reassurance");
  quire(
    "themes",
    "add",
    study,
    "Sharing the work of getting better",
    "--concept",
    "Managing IBS as joint work with the clinician rather than something done to you",
  );
  quire("themes", "link", study, "Sharing the work of getting better", "Shared responsibility");
  quire("themes", "link", study, "Sharing the work of getting better", "Learning CBT skills");
  quire("themes", "add", study, "Being heard", "--parent", "Sharing the work of getting better");
  quire("themes", "link", study, "Being heard", "Feeling listened to");
  quire(
    "themes",
    "add",
    study,
    "Left to cope",
    "--concept",
    "Self-management as what remains when care stops",
  );
  quire("themes", "link", study, "Left to cope", "Feeling dismissed");
  quire("themes", "link", study, "Left to cope", "Peppermint oil and self-help");
  quire(
    "phase",
    study,
    "set",
    "4",
    "--rationale",
    "reviewing themes against their extracts and the whole dataset",
  );
  quire(
    "themes",
    "define",
    study,
    "Sharing the work of getting better",
    "--definition",
    "Participants, mostly in the CBT arm, describe change as work shared with the therapist or GP.",
  );
  quire(
    "themes",
    "status",
    study,
    "Sharing the work of getting better",
    "final",
    "--rationale",
    "checked against every extract; holds in both arms' counter-cases",
  );
  quire(
    "themes",
    "define",
    study,
    "A diagnosis that explains nothing",
    "--definition",
    "The diagnosis arrives by exclusion and leaves participants without an explanation to act on.",
  );
  quire(
    "themes",
    "status",
    study,
    "A diagnosis that explains nothing",
    "reviewed",
    "--rationale",
    "level 1 review done",
  );
  quire("phase", study, "set", "5", "--rationale", "defining and naming the themes");
  quire(
    "memo",
    "add",
    study,
    "As a clinician I expected CBT to be resented; I keep checking that reading against the TAU interviews.",
    "--kind",
    "reflexive_journal",
    "--on",
    "theme:Sharing the work of getting better",
  );
  quire(
    "report",
    study,
    "--format",
    "html",
    "--out",
    join(here, "report.html"),
    "--attribute",
    "arm",
  );
  quire(
    "report",
    study,
    "--format",
    "docx",
    "--out",
    join(here, "report.docx"),
    "--attribute",
    "arm",
  );
  process.stdout.write(`wrote ${join(here, "report.html")} and report.docx\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
