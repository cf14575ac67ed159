/**
 * The methods' commands on the `quire` program: `themes`, `phase` (reflexive TA), `framework`
 * (Framework Method), `stc` (systematic text condensation), `disagreements` and `blind` (coding by
 * several coders). Kept apart from main.ts so that the program's core stays readable.
 */
import type { Command } from "commander";
import { blindCommand, disagreementsCommand } from "./commands/agree-coders.js";
import {
  frameworkAddCategoryCommand,
  frameworkAddCodeCommand,
  frameworkChartCommand,
  frameworkExportCommand,
  frameworkMatrixCommand,
  frameworkShowCommand,
} from "./commands/framework.js";
import {
  stcAddCommand,
  stcAnalysisCommand,
  stcCheckCommand,
  stcCondenseCommand,
  stcExportCommand,
  stcGridCommand,
  stcQuoteCommand,
  stcRemoveCommand,
  stcRenameCommand,
  stcShowCommand,
  stcUnitCommand,
} from "./commands/stc.js";
import {
  phaseCommand,
  themesAddCommand,
  themesDefineCommand,
  themesLinkCommand,
  themesListCommand,
  themesMapCommand,
  themesReviewCommand,
  themesSnapshotCommand,
  themesSnapshotsCommand,
  themesStatusCommand,
} from "./commands/themes.js";
import type { GlobalOptions } from "./context.js";
import type { Output } from "./output.js";

type Act = <A extends unknown[]>(
  fn: (out: Output, ...args: A) => Promise<void>,
) => (...args: A) => Promise<void>;

const STORE = "<store>";
const STORE_HELP = "the study file (study.quire) or a postgres:// URL";
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds the methods' commands to `program`. */
export function registerMethodCommands(
  program: Command,
  act: Act,
  withGlobals: <T extends object>(options: T) => T & GlobalOptions,
  globals: () => GlobalOptions,
): void {
  const themes = program
    .command("themes")
    .description(
      "reflexive thematic analysis: themes and subthemes over codes, the map, the review",
    );
  themes
    .command("list")
    .argument(STORE, STORE_HELP)
    .description("themes with status, codes and central organising concept")
    .action(act((out, store: string) => themesListCommand(store, globals(), out)));
  themes
    .command("add")
    .argument(STORE, STORE_HELP)
    .argument("<name>")
    .description("add a candidate theme (or, with --parent, a subtheme)")
    .option("--concept <text>", "the central organising concept")
    .option("--definition <text>", "what the theme is and is not")
    .option("--parent <theme>", "make it a subtheme of this theme")
    .option("--misc", "the miscellaneous bin for codes that fit no theme yet")
    .action(
      act((out, store: string, name: string, o) =>
        themesAddCommand(store, name, withGlobals(o), out),
      ),
    );
  themes
    .command("define")
    .argument(STORE, STORE_HELP)
    .argument("<theme>")
    .description("rename a theme or set its concept and definition")
    .option("--name <name>")
    .option("--concept <text>")
    .option("--definition <text>")
    .option("--rationale <text>", "why, for the audit trail")
    .action(
      act((out, store: string, theme: string, o) =>
        themesDefineCommand(store, theme, withGlobals(o), out),
      ),
    );
  themes
    .command("status")
    .argument(STORE, STORE_HELP)
    .argument("<theme>")
    .argument("<status>", "candidate, reviewed, final or discarded")
    .option("--rationale <text>", "why, for the audit trail")
    .description("change a theme's status; final needs a definition and a concept")
    .action(
      act((out, store: string, theme: string, status: string, o) =>
        themesStatusCommand(store, theme, status, withGlobals(o), out),
      ),
    );
  themes
    .command("link")
    .argument(STORE, STORE_HELP)
    .argument("<theme>")
    .argument("<codes...>")
    .option("--unlink", "remove the links instead")
    .description("link codes to a theme (or unlink them)")
    .action(
      act((out, store: string, theme: string, codes: string[], o) =>
        themesLinkCommand(store, theme, codes, withGlobals(o), out),
      ),
    );
  themes
    .command("review")
    .argument(STORE, STORE_HELP)
    .description("sources × themes, sources contributing to no theme, codes in no theme")
    .action(act((out, store: string) => themesReviewCommand(store, globals(), out)));
  themes
    .command("map")
    .argument(STORE, STORE_HELP)
    .option("--edge <node>", "draw an edge: give --edge twice (theme or code names)", collect, [])
    .option("--label <text>", "the drawn edge's label")
    .description("the thematic map's edges; draw a labelled edge")
    .action(act((out, store: string, o) => themesMapCommand(store, withGlobals(o), out)));
  themes
    .command("map-snapshot")
    .argument(STORE, STORE_HELP)
    .argument("<name>")
    .option("--phase <n>", "the phase it closes (default: the current phase)")
    .description("take a named, dated, immutable copy of the map")
    .action(
      act((out, store: string, name: string, o) =>
        themesSnapshotCommand(store, name, withGlobals(o), out),
      ),
    );
  themes
    .command("map-snapshots")
    .argument(STORE, STORE_HELP)
    .option("--restore <snapshot>", "make the map what it was in this snapshot")
    .description("list map snapshots, or restore one")
    .action(act((out, store: string, o) => themesSnapshotsCommand(store, withGlobals(o), out)));

  program
    .command("phase")
    .description(
      "the reflexive TA phase (1–6): show it and its log, or move with 'set N --rationale'",
    )
    .argument(STORE, STORE_HELP)
    .argument("[action]", "set")
    .argument("[phase]", "1–6")
    .option("--rationale <text>", "why you are moving (required to move)")
    .action(
      act((out, store: string, action: string | undefined, phase: string | undefined, o) =>
        phaseCommand(store, action, phase, withGlobals(o), out),
      ),
    );

  const framework = program
    .command("framework")
    .description("the Framework Method: a versioned framework and its charting matrix");
  framework
    .command("show")
    .argument(STORE, STORE_HELP)
    .option("--versions", "list the versions instead")
    .action(act((out, store: string, o) => frameworkShowCommand(store, withGlobals(o), out)));
  framework
    .command("add-category")
    .argument(STORE, STORE_HELP)
    .argument("<name>")
    .option("--index <prefix>", "the category's index, e.g. A")
    .description("add a category (with its Other code); the version rises")
    .action(
      act((out, store: string, name: string, o) =>
        frameworkAddCategoryCommand(store, name, withGlobals(o), out),
      ),
    );
  framework
    .command("add-code")
    .argument(STORE, STORE_HELP)
    .argument("<category>")
    .argument("<name>")
    .option("--index <abbreviation>", "the code's index or abbreviation, e.g. A1")
    .option("--definition <text>")
    .option("--origin <origin>", "a_priori (topic guide, theory) or inductive", "inductive")
    .option("--rationale <text>", "why, for the audit trail")
    .description("add a code to a category; the version rises")
    .action(
      act((out, store: string, category: string, name: string, o) =>
        frameworkAddCodeCommand(store, category, name, withGlobals(o), out),
      ),
    );
  framework
    .command("chart")
    .argument(STORE, STORE_HELP)
    .argument("<case>")
    .argument("<code>")
    .option("--summary <text>", "the cell's summary")
    .option("--quote <coding-id>", "a verbatim quote, by coding (repeatable)", collect, [])
    .option("--not-discussed", "mark the cell as not discussed")
    .description("chart one cell of the matrix")
    .action(
      act((out, store: string, caseRef: string, code: string, o) =>
        frameworkChartCommand(store, caseRef, code, withGlobals(o), out),
      ),
    );
  const matrixOptions = (command: Command) =>
    command
      .option("--where <attribute=value>", "only cases with this value (repeatable)", collect, [])
      .option("--sort <attribute>", "sort cases by this attribute")
      .option("--desc", "sort descending");
  matrixOptions(
    framework.command("matrix").argument(STORE, STORE_HELP).description("the charting matrix"),
  ).action(act((out, store: string, o) => frameworkMatrixCommand(store, withGlobals(o), out)));
  matrixOptions(
    framework
      .command("export")
      .argument(STORE, STORE_HELP)
      .requiredOption("--out <file.xlsx>")
      .option("--grouped", "one sheet with grouped columns (default: one sheet per category)")
      .description("export the matrix to XLSX"),
  ).action(act((out, store: string, o) => frameworkExportCommand(store, withGlobals(o), out)));

  const stc = program
    .command("stc")
    .description("systematic text condensation: themes, code groups, meaning units, condensates");
  for (const [level, help] of [
    ["theme", "add a preliminary theme"],
    ["group", "add a code group (--theme to place it)"],
    ["subgroup", "add a subgroup to --group"],
  ] as const)
    stc
      .command(level)
      .argument(STORE, STORE_HELP)
      .argument("<name>")
      .option("--theme <theme>", "group: its preliminary theme")
      .option("--group <group>", "subgroup: its code group")
      .description(help)
      .action(
        act((out, store: string, name: string, o) =>
          stcAddCommand(store, level, name, withGlobals(o), out),
        ),
      );
  stc
    .command("rename")
    .argument(STORE, STORE_HELP)
    .argument("<level>", "theme, group or subgroup")
    .argument("<name>")
    .argument("<new-name>")
    .description("rename a preliminary theme, code group or subgroup")
    .action(
      act((out, store: string, level: string, name: string, newName: string) =>
        stcRenameCommand(store, level, name, newName, globals(), out),
      ),
    );
  stc
    .command("remove")
    .argument(STORE, STORE_HELP)
    .argument("<level>", "theme, group, subgroup or unit")
    .argument("<name-or-id>")
    .description(
      "remove a theme (its groups stay), an empty code group, a subgroup (its units return to unsorted) or a meaning unit; undo restores",
    )
    .action(
      act((out, store: string, level: string, ref: string) =>
        stcRemoveCommand(store, level, ref, globals(), out),
      ),
    );
  stc
    .command("unit")
    .argument(STORE, STORE_HELP)
    .option("--coding <id>", "a coding to place (repeatable)", collect, [])
    .option("--code <code>", "place every passage of this code")
    .requiredOption("--group <group>")
    .option("--subgroup <subgroup>")
    .description("place codings as meaning units in a code group (and subgroup)")
    .action(act((out, store: string, o) => stcUnitCommand(store, withGlobals(o), out)));
  stc
    .command("condense")
    .argument(STORE, STORE_HELP)
    .argument("<subgroup>")
    .argument("<text>")
    .description("write a subgroup's condensate (an artificial quotation, always labelled)")
    .action(
      act((out, store: string, subgroup: string, text: string) =>
        stcCondenseCommand(store, subgroup, text, globals(), out),
      ),
    );
  stc
    .command("quote")
    .argument(STORE, STORE_HELP)
    .argument("<subgroup>")
    .requiredOption("--coding <id>", "the coded segment to quote")
    .description("choose an illustrative quote for a subgroup")
    .action(
      act((out, store: string, subgroup: string, o) =>
        stcQuoteCommand(store, subgroup, withGlobals(o), out),
      ),
    );
  stc
    .command("analysis")
    .argument(STORE, STORE_HELP)
    .argument("<group>")
    .argument("<text>")
    .description("write a code group's analytic text")
    .action(
      act((out, store: string, group: string, text: string) =>
        stcAnalysisCommand(store, group, text, globals(), out),
      ),
    );
  stc
    .command("check")
    .argument(STORE, STORE_HELP)
    .argument("<source>")
    .option("--reread", "the source was re-read")
    .option("--validated", "the analysis holds against it")
    .option("--contradicting <text>", "contradicting data found")
    .description("a source's re-reading checklist")
    .action(
      act((out, store: string, source: string, o) =>
        stcCheckCommand(store, source, withGlobals(o), out),
      ),
    );
  stc
    .command("show")
    .argument(STORE, STORE_HELP)
    .description("the condensation: groups, subgroups, condensates (labelled), quotes")
    .action(act((out, store: string) => stcShowCommand(store, globals(), out)));
  stc
    .command("grid")
    .argument(STORE, STORE_HELP)
    .description("the re-reading grid: code groups × sources with each source's checklist")
    .action(act((out, store: string) => stcGridCommand(store, globals(), out)));
  stc
    .command("export")
    .argument(STORE, STORE_HELP)
    .requiredOption("--out <file.md>")
    .description("the results: analytic texts, labelled condensates, quotes with IDs, methods")
    .action(act((out, store: string, o) => stcExportCommand(store, withGlobals(o), out)));

  program
    .command("disagreements")
    .description("where coders differ on one source and code, with the text (side by side)")
    .argument(STORE, STORE_HELP)
    .requiredOption("--coders <names>", "comma-separated")
    .requiredOption("--source <title>")
    .requiredOption("--code <code>")
    .action(act((out, store: string, o) => disagreementsCommand(store, withGlobals(o), out)));

  program
    .command("blind")
    .description("blind coding: each coder sees only their own codings until someone reveals them")
    .argument(STORE, STORE_HELP)
    .argument("[mode]", "on, off or reveal (off reveals too)")
    .option("--rationale <text>", "why, for the audit trail")
    .action(
      act((out, store: string, mode: string | undefined, o) =>
        blindCommand(store, mode, withGlobals(o), out),
      ),
    );
}
