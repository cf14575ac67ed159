/**
 * The `quire` command: every scriptable thing a researcher does with a study. Each command is a
 * thin layer over the packages; errors become one clear line on stderr and a non-zero exit code.
 */
import { QuireError } from "@quire/core";
import { DbError } from "@quire/db";
import { FormatError } from "@quire/formats";
import { Command, CommanderError, Option } from "commander";
import { agreeCommand } from "./commands/agree.js";
import { agreeCodersCommand } from "./commands/agree-coders.js";
import {
  attributesAddCommand,
  attributesListCommand,
  casesListCommand,
  casesSetCommand,
} from "./commands/cases.js";
import { codeCommand } from "./commands/code.js";
import {
  codesAddCommand,
  codesListCommand,
  codesMergeCommand,
  codesMoveCommand,
  codesRenameCommand,
  codesStyleCommand,
} from "./commands/codes.js";
import { editCommand, orphansCommand } from "./commands/edit.js";
import { exportCommand } from "./commands/export.js";
import { logCommand, redoCommand, undoCommand } from "./commands/history.js";
import { importCommand } from "./commands/import.js";
import { initCommand } from "./commands/init.js";
import { matrixCommand } from "./commands/matrix.js";
import { memoAddCommand, memoDeleteCommand, memoListCommand } from "./commands/memo.js";
import { queryCommand } from "./commands/query.js";
import { reportCommand } from "./commands/report.js";
import { restoreCommand } from "./commands/restore.js";
import { saturationCommand } from "./commands/saturation.js";
import { searchCommand } from "./commands/search.js";
import { segmentsCommand } from "./commands/segments.js";
import { sourcesListCommand, sourcesShowCommand } from "./commands/sources.js";
import { wordsCommand } from "./commands/words.js";
import { registerMethodCommands } from "./methods-program.js";
import { createOutput, type Output } from "./output.js";
import { placeStoreArgument } from "./store-argument.js";

/** Exit codes: 0 done, 1 the request could not be done (bad input, not found…), 2 bad usage, 70 a bug. */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 70 } as const;

const STORE = "<store>";
const STORE_HELP =
  "the study file (study.quire) or a postgres:// URL; --db or QUIRE_DATABASE_URL stand in for it";

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function buildProgram(
  run: (action: (out: Output) => Promise<void>, json: boolean) => Promise<void>,
): Command {
  const program = new Command("quire")
    .description("Quire: a local-first workbench for qualitative research")
    .option("--json", "print results as JSON")
    .option("--project <name>", "the project to work on, when the store holds several")
    .option("--coder <name>", "who is coding (default: $QUIRE_CODER, else your login name)")
    .addOption(
      new Option("--db <url>", "a postgres:// URL to use instead of a study file").env(
        "QUIRE_DATABASE_URL",
      ),
    )
    .showHelpAfterError()
    .exitOverride();
  const globals = () => program.opts<{ json?: boolean; project?: string; coder?: string }>();
  // Each action merges the global options into its own and runs through `run`, which reports errors.
  const act =
    <A extends unknown[]>(fn: (out: Output, ...args: A) => Promise<void>) =>
    (...args: A) =>
      run((out) => fn(out, ...args), Boolean(globals().json));
  const withGlobals = <T extends object>(options: T) => ({ ...globals(), ...options });

  program
    .command("init")
    .description("create a new study file (or a project in a PostgreSQL database)")
    .argument(STORE, STORE_HELP)
    .option("--name <name>", "the project's name (default: the file name)")
    .option(
      "--method <method>",
      "reflexive_ta, codebook_ta, framework, stc, thematic_synthesis or content_analysis",
      "reflexive_ta",
    )
    .action(act((out, store: string, options) => initCommand(store, withGlobals(options), out)));

  program
    .command("import")
    .description(
      "import transcripts (.txt .md .docx .odt .pdf .vtt .srt; speaker turns detected), documents, forum threads (.html, or .txt with --kind forum_thread), RIS/MEDLINE records (.ris .nbib .txt) or responses (.csv .tsv .xlsx; one source per row)",
    )
    .argument(STORE, STORE_HELP)
    .argument("<files...>", "files to import")
    .option(
      "--kind <kind>",
      "source kind: interview (transcripts' default), focus_group, field_note, published_study, forum_thread (a .txt copy of a forum thread)…",
    )
    .option("--text-column <name>", "CSV: the column holding the text")
    .option(
      "--id-column <name>",
      "CSV: a column naming each respondent (rows with one id share a case)",
    )
    .option(
      "--attributes <columns>",
      "CSV: comma-separated columns to keep as case attributes (default: all others)",
    )
    .option("--delimiter <char>", "CSV: the field delimiter (default: detected)")
    .option("--replace", "re-import sources that already exist, re-anchoring their codings")
    .option("--sheet <sheet>", "XLSX: the sheet, by name or number (default: the first)")
    .option("--pseudonymise", "forum threads: replace usernames by Member 1, Member 2…")
    .option(
      "--pseudonym-key <file>",
      "forum threads: write the username → pseudonym key to this file",
    )
    .action(
      act((out, store: string, files: string[], options) =>
        importCommand(store, files, withGlobals(options), out),
      ),
    );

  const codes = program
    .command("codes")
    .description("the codebook: list, add, rename, move, merge, restyle codes");
  codes
    .command("list")
    .argument(STORE, STORE_HELP)
    .description("show the code tree with counts of codings and sources")
    .action(act((out, store: string) => codesListCommand(store, globals(), out)));
  const describeOptions = (command: Command) =>
    command
      .option("--color <hex>", "colour as #rrggbb")
      .option("--definition <text>", "what the code means")
      .option("--inclusion <text>", "when to apply it")
      .option("--exclusion <text>", "when not to apply it")
      .option("--example <text>", "a typical passage")
      .option("--origin <origin>", "a_priori or inductive");
  describeOptions(
    codes
      .command("add")
      .argument(STORE, STORE_HELP)
      .argument("<name>", "the code's name")
      .description("add a code")
      .option("--parent <code>", "the parent code (name or path)"),
  ).action(
    act((out, store: string, name: string, options) =>
      codesAddCommand(store, name, withGlobals(options), out),
    ),
  );
  describeOptions(
    codes
      .command("style")
      .argument(STORE, STORE_HELP)
      .argument("<code>")
      .description("recolour or describe a code"),
  ).action(
    act((out, store: string, code: string, options) =>
      codesStyleCommand(store, code, withGlobals(options), out),
    ),
  );
  codes
    .command("rename")
    .argument(STORE, STORE_HELP)
    .argument("<code>")
    .argument("<new-name>")
    .description("rename a code")
    .action(
      act((out, store: string, code: string, name: string) =>
        codesRenameCommand(store, code, name, globals(), out),
      ),
    );
  codes
    .command("move")
    .argument(STORE, STORE_HELP)
    .argument("<code>")
    .option("--to <parent>", "the new parent code")
    .option("--root", "move to the top level")
    .description("move a code (with its children) under another, or to the top")
    .action(
      act((out, store: string, code: string, options) =>
        codesMoveCommand(store, code, withGlobals(options), out),
      ),
    );
  codes
    .command("merge")
    .argument(STORE, STORE_HELP)
    .argument("<from>", "the code to merge away")
    .argument("<into>", "the code that remains")
    .option("--rationale <text>", "why, for the audit trail")
    .description("merge one code into another: codings and children move, the first code goes")
    .action(
      act((out, store: string, from: string, into: string, options) =>
        codesMergeCommand(store, from, into, withGlobals(options), out),
      ),
    );

  program
    .command("code")
    .description("code a range of a source, or every hit of a search")
    .argument(STORE, STORE_HELP)
    .requiredOption("--code <code>", "the code to apply (name or path)")
    .option("--source <title>", "the source to code")
    .option("--range <start:end>", "character offsets in the source's current text")
    .option("--search <query>", "code every hit of this search instead")
    .option("--memo <text>", "a memo on the coding")
    .action(act((out, store: string, options) => codeCommand(store, withGlobals(options), out)));

  program
    .command("segments")
    .description("retrieve coded passages with context")
    .argument(STORE, STORE_HELP)
    .option("--code <code>", "a code (repeat for several)", collect, [])
    .option("--all", "only passages where all the codes overlap (default: any)")
    .option("--where <attribute=value>", "filter by a case attribute (repeatable)", collect, [])
    .option("--by-coder <name>", "only this coder's codings")
    .option("--context <n>", "characters of context each side", "100")
    .option("--limit <n>", "how many", "50")
    .option("--offset <n>", "skip this many", "0")
    .action(
      act((out, store: string, options) => segmentsCommand(store, withGlobals(options), out)),
    );

  program
    .command("search")
    .description('full-text search: words, "phrases", prefix*, AND, OR, NOT, parentheses')
    .argument(STORE, STORE_HELP)
    .argument("<query>")
    .option("--limit <n>", "sources per page", "20")
    .option("--offset <n>", "skip this many sources", "0")
    .option("--context <n>", "characters of context each side", "50")
    .action(
      act((out, store: string, query: string, options) =>
        searchCommand(store, query, withGlobals(options), out),
      ),
    );

  const sources = program
    .command("sources")
    .description("list sources, or show one with its speaker turns");
  sources
    .command("list")
    .argument(STORE, STORE_HELP)
    .option("--kind <kind>", "only sources of this kind")
    .option("--limit <n>", "how many", "100")
    .option("--offset <n>", "skip this many", "0")
    .action(
      act((out, store: string, options) => sourcesListCommand(store, withGlobals(options), out)),
    );
  sources
    .command("show")
    .argument(STORE, STORE_HELP)
    .argument("<source>", "title or id")
    .option("--text", "print the whole text instead of the turns")
    .action(
      act((out, store: string, ref: string, options) =>
        sourcesShowCommand(store, ref, withGlobals(options), out),
      ),
    );

  const cases = program.command("cases").description("participants and other cases");
  cases
    .command("list")
    .argument(STORE, STORE_HELP)
    .option("--where <attribute=value>", "filter (repeatable)", collect, [])
    .option("--limit <n>", "how many", "1000")
    .option("--offset <n>", "skip this many", "0")
    .action(
      act((out, store: string, options) => casesListCommand(store, withGlobals(options), out)),
    );
  cases
    .command("set")
    .argument(STORE, STORE_HELP)
    .argument("<case>", "the case (created if new)")
    .argument("<values...>", "ATTRIBUTE=VALUE pairs")
    .option("--kind <kind>", "kind of a new case", "participant")
    .action(
      act((out, store: string, name: string, values: string[], options) =>
        casesSetCommand(store, name, values, withGlobals(options), out),
      ),
    );

  const attributes = program.command("attributes").description("typed attributes of cases");
  attributes
    .command("list")
    .argument(STORE, STORE_HELP)
    .action(act((out, store: string) => attributesListCommand(store, globals(), out)));
  attributes
    .command("add")
    .argument(STORE, STORE_HELP)
    .argument("<name>")
    .option("--type <type>", "text, number, date, boolean or category")
    .option("--values <list>", "allowed values of a category, comma-separated")
    .action(
      act((out, store: string, name: string, options) =>
        attributesAddCommand(store, name, withGlobals(options), out),
      ),
    );

  const memo = program.command("memo").description("memos and the reflexive journal");
  memo
    .command("add")
    .argument(STORE, STORE_HELP)
    .argument("<text>")
    .option(
      "--kind <kind>",
      "familiarisation, analytic, reflexive_journal, decision or field_note",
      "analytic",
    )
    .option("--title <title>")
    .option(
      "--on <target>",
      "code:NAME, source:TITLE, case:NAME, theme:NAME or coding:ID (default: the project)",
    )
    .action(
      act((out, store: string, text: string, options) =>
        memoAddCommand(store, text, withGlobals(options), out),
      ),
    );
  memo
    .command("list")
    .argument(STORE, STORE_HELP)
    .option("--kind <kind>")
    .option("--on <target>")
    .action(
      act((out, store: string, options) => memoListCommand(store, withGlobals(options), out)),
    );
  memo
    .command("delete")
    .description("delete a memo by its id (see memo list); quire undo brings it back")
    .argument(STORE, STORE_HELP)
    .argument("<id>")
    .action(
      act((out, store: string, id: string, options) =>
        memoDeleteCommand(store, id, withGlobals(options), out),
      ),
    );

  program
    .command("edit")
    .description("correct a source's text; codings stay on their words")
    .argument(STORE, STORE_HELP)
    .requiredOption("--source <title>")
    .requiredOption("--range <start:end>", "the characters to replace")
    .requiredOption("--replace <text>", "the new text (empty to delete)")
    .action(act((out, store: string, options) => editCommand(store, withGlobals(options), out)));
  program
    .command("orphans")
    .description("codings whose words are gone, to resolve")
    .argument(STORE, STORE_HELP)
    .action(act((out, store: string) => orphansCommand(store, globals(), out)));

  program
    .command("undo")
    .description("undo the last change")
    .argument(STORE, STORE_HELP)
    .action(act((out, store: string) => undoCommand(store, globals(), out)));
  program
    .command("redo")
    .description("redo the last undone change")
    .argument(STORE, STORE_HELP)
    .action(act((out, store: string) => redoCommand(store, globals(), out)));
  program
    .command("log")
    .description("the project's history")
    .argument(STORE, STORE_HELP)
    .option("--limit <n>", "how many events", "30")
    .action(act((out, store: string, options) => logCommand(store, withGlobals(options), out)));

  program
    .command("export")
    .description(
      "export coded segments, the codebook, one source, or a backup of the whole project",
    )
    .argument(STORE, STORE_HELP)
    .option(
      "--format <format>",
      "csv, json or xlsx (coded segments); codebook-csv, codebook-xlsx, codebook-docx; source-docx, source-html (with --source); backup",
      "csv",
    )
    .option("--source <title>", "source-docx, source-html: the source to export")
    .requiredOption("--out <file>", "the file to write")
    .option("--code <code>", "only these codes (repeatable)", collect, [])
    .option("--context <n>", "characters of context each side", "100")
    .action(act((out, store: string, options) => exportCommand(store, withGlobals(options), out)));

  program
    .command("restore")
    .description("restore a backup (quire export --format backup) into a new study")
    .argument("<backup>", "the backup file")
    .argument(
      STORE,
      "the new study: a file that does not exist yet, or an empty PostgreSQL database",
    )
    .action(
      act((out, backup: string, store: string) => restoreCommand(backup, store, globals(), out)),
    );

  program
    .command("agree")
    .description(
      "agreement between coders: over a study's codings (--coders A,B; codebook_ta and framework only), or on a ratings table (--table; rows = units, columns = coders)",
    )
    .argument("[store]", STORE_HELP)
    .option("--table <file.csv>", "the ratings; an empty cell is a missing rating")
    .option(
      "--measure <measure>",
      "table: percent, cohen, weighted-cohen, scott, fleiss or alpha; codings: percent, cohen, scott, fleiss, alpha, u-alpha (comma-separated)",
    )
    .option("--coders <names>", "codings: the coders to compare, comma-separated")
    .option("--by <view>", "codings: code, source or overall", "overall")
    .option("--code <code>", "codings: only these codes (repeatable)", collect, [])
    .option("--source <title>", "codings: only these sources (repeatable)", collect, [])
    .option("--level <level>", "for alpha: nominal, ordinal, interval or ratio")
    .option("--weights <weights>", "for weighted-cohen: linear or quadratic")
    .option("--no-header", "the first row holds ratings, not coder names")
    .action(
      act(async (out, store: string | undefined, options) => {
        if (options.table) {
          if (!options.measure) throw new QuireError("invalid_input", "--table needs --measure");
          return agreeCommand(options, out);
        }
        if (!store || !options.coders)
          throw new QuireError(
            "invalid_input",
            "give a study and --coders A,B (or --table FILE for a ratings table)",
          );
        return agreeCodersCommand(store, withGlobals(options), out);
      }),
    );

  program
    .command("query")
    .description(
      "boolean code queries: passages of --code that have (--and) or lack (--not) other codes nearby",
    )
    .argument(STORE, STORE_HELP)
    .option(
      "--code <code>",
      "the codes whose passages are the hits (repeatable: any of them)",
      collect,
      [],
    )
    .option("--and <code>", "a code that must be near the hit (repeatable)", collect, [])
    .option("--not <code>", "a code that must not be near the hit (repeatable)", collect, [])
    .option("--within <n>", "near = at most n characters apart (default: the passages overlap)")
    .option("--same-turn", "near = in the same speaker turn")
    .option("--same-source", "near = anywhere in the same source")
    .option(
      "--where <attr=value>",
      "only cases with this attribute value (repeatable)",
      collect,
      [],
    )
    .option("--by-coder <name>", "only passages coded by this coder")
    .option("--kind <kind>", "only sources of this kind (repeatable)", collect, [])
    .option("--as <view>", "segments, sources or cases", "segments")
    .option("--save <name>", "save the query in the project under this name")
    .option("--saved <name>", "run a saved query")
    .option("--context <n>", "characters of context each side", "80")
    .option("--limit <n>", "passages to show", "50")
    .action(act((out, store: string, options) => queryCommand(store, withGlobals(options), out)));

  program
    .command("matrix")
    .description(
      "crosstab (code × attribute, with --only GROUP and --drill GROUP), cases (code × case) or cooccurrence",
    )
    .argument(STORE, STORE_HELP)
    .argument("<view>", "crosstab, cases or cooccurrence")
    .option("--attribute <name>", "crosstab: the case attribute to compare by")
    .option("--code <code>", "only these codes (repeatable)", collect, [])
    .option("--only <value>", "crosstab: codes only this group has, and the counter-cases")
    .option("--drill <value>", "crosstab: the passages of --code in this group")
    .option("--by-coder <name>", "only passages coded by this coder")
    .option("--kind <kind>", "only sources of this kind (repeatable)", collect, [])
    .option("--jaccard", "cooccurrence: show the Jaccard index over sources")
    .option("--same-turn", "cooccurrence: passages in the same turn (default: overlapping)")
    .option("--limit <n>", "--drill: passages to show", "50")
    .action(
      act((out, store: string, view: string, options) =>
        matrixCommand(store, view, withGlobals(options), out),
      ),
    );

  program
    .command("saturation")
    .description(
      "new codes per source and Guest et al. 2020 saturation; 'saturation power' for Fugard & Potts 2015",
    )
    .argument(STORE, `${STORE_HELP}; or "power"`)
    .option("--base <n>", "Guest: base size", "4")
    .option("--run <n>", "Guest: run length", "2")
    .option("--threshold <p>", "Guest: new-information threshold (0.05 or 5%)", "0.05")
    .option(
      "--where <attr=value>",
      "only sources of cases with this value (repeatable)",
      collect,
      [],
    )
    .option("--kind <kind>", "only sources of this kind (repeatable)", collect, [])
    .option("--by-coder <name>", "only passages coded by this coder")
    .option("--k <n>", "power: times the theme must be seen", "1")
    .option("--p <p>", "power: the theme's prevalence")
    .option("--power <p>", "power: the probability wanted", "0.8")
    .action(
      act((out, store: string, options) => saturationCommand(store, withGlobals(options), out)),
    );

  program
    .command("words")
    .description("word frequencies (English stop-words left out) and keyword-in-context")
    .argument(STORE, STORE_HELP)
    .option("--code <code>", "only this code's passages")
    .option("--source <title>", "only this source")
    .option("--top <n>", "how many words", "30")
    .option("--kwic <word>", "show every occurrence of this word in context")
    .option("--context <n>", "--kwic: characters each side", "40")
    .option("--keep-stop-words", "count stop-words too")
    .action(act((out, store: string, options) => wordsCommand(store, withGlobals(options), out)));

  registerMethodCommands(program, act, withGlobals, globals);

  program
    .command("report")
    .description(
      "the report of findings: themes or categories with quotations, coding tree, derivation of themes, charts, COREQ checklist",
    )
    .argument(STORE, STORE_HELP)
    .option("--format <format>", "html or docx", "html")
    .option(
      "--out <file>",
      "the file to write (docx: charts embedded, and also written beside it as .svg and .png)",
    )
    .option("--attribute <name>", "compare counts by this case attribute, e.g. arm")
    .option(
      "--label <attributes>",
      "comma-separated attributes shown with each quotation (default: arm-, gender- and age-like ones)",
    )
    .action(act((out, store: string, options) => reportCommand(store, withGlobals(options), out)));

  return program;
}

/** Runs the program on `argv` (as `process.argv`) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const run = async (action: (out: Output) => Promise<void>, json: boolean) => {
    try {
      await action(createOutput(json));
    } catch (error) {
      exitCode = report(error);
    }
  };
  const program = buildProgram(run);
  try {
    await program.parseAsync(placeStoreArgument(argv));
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successful exits; everything else is a usage error already printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return report(error);
  }
  return exitCode;
}

/** Prints one line for an error and chooses the exit code. */
function report(error: unknown): number {
  if (error instanceof QuireError || error instanceof FormatError) {
    process.stderr.write(`quire: ${error.message}\n`);
    return EXIT.failed;
  }
  if (error instanceof DbError) {
    process.stderr.write(`quire: database error (${error.kind}): ${error.message}\n`);
    return EXIT.failed;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`quire: unexpected error — please report it:\n${message}\n`);
  return EXIT.internal;
}
