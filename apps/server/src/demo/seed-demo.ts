/**
 * The demo project a new user finds on first start: a fictional study of adults with IBS talking
 * about their GP consultations after telephone CBT or treatment as usual (see `study/README.md`).
 * The study lives as plain files beside this module; seeding turns them into a study file through
 * the same parser and repositories as `quire import`, so the demo behaves like the user's own data.
 */
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type CodeDescription, QuireError } from "@quire/core";
import {
  addCoding,
  addMemo,
  createCode,
  createProject,
  defineAttribute,
  ensureCase,
  importSources,
  isPostgresUrl,
  type Mutation,
  mutate,
  openStore,
  type SourceInput,
  setCaseAttribute,
} from "@quire/db";
import { parseTranscript, readTextFile } from "@quire/formats";
import { EXAMPLE_CODINGS } from "./example-codings.js";

export const DEMO_PROJECT_NAME = "IBS consultations (demo)";

/** Interviews belong to the participant named after the file; the focus group to no one person. */
const INTERVIEWS = ["P01", "P02", "P03", "P04", "P05", "P06", "P07"] as const;
const FOCUS_GROUPS = ["FG1"] as const;

/** The titles of the demo's sources, in import order. */
export const DEMO_SOURCE_TITLES: readonly string[] = [...INTERVIEWS, ...FOCUS_GROUPS];

/** Declared before any value is set, so every value in `cases.csv` is checked against its type. */
const ATTRIBUTES = [
  { name: "arm", type: "category", allowedValues: ["CBT", "TAU"] },
  { name: "gender", type: "category", allowedValues: ["woman", "man", "non-binary"] },
  {
    name: "age_band",
    type: "category",
    allowedValues: ["18-29", "30-39", "40-49", "50-59", "60-69", "70+"],
  },
  { name: "years_since_diagnosis", type: "number" },
  {
    name: "practice",
    type: "category",
    allowedValues: ["Practice A", "Practice B", "Practice C", "Practice D"],
  },
] as const;

export interface SeedDemoOptions {
  /** Project name; defaults to "IBS consultations (demo)". */
  name?: string;
  /** Who the audit log and the example codings name; defaults to "demo". */
  coder?: string;
  /** Add the example codings (default true); without them the study is wholly uncoded. */
  withCodings?: boolean;
}

/**
 * Creates the demo study file at `location` unless something is already there: the project, its
 * eight transcripts with speaker turns, eleven participant cases with attributes, a starter codebook,
 * three memos and (by default) a few example codings. An existing file is never opened or changed,
 * so a user's work on the demo survives restarts.
 *
 * If seeding fails part-way, the new file is removed again, so the next start tries afresh instead
 * of finding a half-made demo and leaving it be.
 * @throws QuireError `invalid_input` for a PostgreSQL URL, or when the study's files are out of
 *   step with each other (a phrase missing from its transcript, a case without a row); `not_found`
 *   when the study folder is missing; whatever the store throws.
 */
export async function seedDemoProject(
  location: string,
  options: SeedDemoOptions = {},
): Promise<{ created: boolean; projectName: string }> {
  const projectName = options.name ?? DEMO_PROJECT_NAME;
  if (isPostgresUrl(location))
    throw new QuireError(
      "invalid_input",
      "the demo project is seeded into a study file, not a database server",
    );
  if (existsSync(location)) return { created: false, projectName };
  const actor = options.coder ?? "demo";
  // Everything is read and parsed before the file exists, so a broken study file creates nothing.
  const study = await loadStudy();

  const store = await openStore(location, { create: true });
  let done = false;
  try {
    const project = await createProject(store, {
      name: projectName,
      method: "reflexive_ta",
      settings: { demo: true },
      actor,
    });
    const at = (action: string) => ({ projectId: project.id, actor, action });
    const sourceIds = await mutate(store, at("import"), (m) => importStudy(m, study));
    const codeIds = await mutate(store, at("code.create"), (m) =>
      createCodebook(m, study.codebook),
    );
    await mutate(store, at("memo.create"), (m) => addMemos(m, study.memos, sourceIds, codeIds));
    if (options.withCodings ?? true)
      await mutate(store, at("coding.create"), (m) =>
        addExampleCodings(m, study, sourceIds, codeIds),
      );
    done = true;
  } finally {
    await store.close();
    if (!done) await removeStudyFile(location);
  }
  return { created: true, projectName };
}

interface CodebookEntry {
  name: string;
  color: string;
  description?: CodeDescription;
  children?: CodebookEntry[];
}

interface MemoEntry {
  kind: string;
  title: string;
  target: { type: "project" } | { type: "source"; title: string } | { type: "code"; path: string };
  /** Paragraphs, joined with blank lines. */
  body: string[];
}

interface Study {
  sources: SourceInput[];
  /** Case name → attribute name → raw value from `cases.csv`. */
  cases: Map<string, Record<string, string>>;
  codebook: CodebookEntry[];
  memos: MemoEntry[];
}

/** The study folder: beside the module in a build that copied it, else the sources' copy. */
function studyFolder(): URL {
  const beside = new URL("./study/", import.meta.url);
  if (existsSync(fileURLToPath(new URL("cases.csv", beside)))) return beside;
  const sources = new URL("../../src/demo/study/", import.meta.url);
  if (existsSync(fileURLToPath(new URL("cases.csv", sources)))) return sources;
  throw new QuireError(
    "not_found",
    `the demo study files are missing (looked in ${fileURLToPath(beside)} and ${fileURLToPath(sources)})`,
  );
}

async function loadStudy(): Promise<Study> {
  const folder = studyFolder();
  const path = (name: string) => fileURLToPath(new URL(name, folder));
  const sources: SourceInput[] = [];
  for (const title of INTERVIEWS)
    sources.push(await readTranscript(path(`${title}.txt`), title, "interview"));
  for (const title of FOCUS_GROUPS)
    sources.push(await readTranscript(path(`${title}.txt`), title, "focus_group"));
  return {
    sources,
    cases: parseCases(await readTextFile(path("cases.csv")), "cases.csv"),
    codebook: JSON.parse(await readFile(path("codebook.json"), "utf8")) as CodebookEntry[],
    memos: JSON.parse(await readFile(path("memos.json"), "utf8")) as MemoEntry[],
  };
}

/** As `quire import` does it: an anonymous `R:` is the interview's case, named speakers their own. */
async function readTranscript(
  file: string,
  title: string,
  kind: "interview" | "focus_group",
): Promise<SourceInput> {
  const parsed = parseTranscript(await readTextFile(file), {
    file: `${title}.txt`,
    format: "text",
    kind,
  });
  // The files are ours: a parser warning means the content drifted from what the demo promises.
  if (parsed.warnings.length > 0)
    throw new QuireError(
      "invalid_input",
      `demo transcript ${title}: ${parsed.warnings.join("; ")}`,
    );
  const sourceCase = kind === "interview" ? title : null;
  const generic = new Set(parsed.speakers.filter((s) => s.generic).map((s) => s.label));
  return {
    kind,
    title,
    text: parsed.text,
    metadata: { file: `${title}.txt`, format: "text", demo: true },
    caseName: sourceCase,
    turns: parsed.turns.map((turn) => ({
      start: turn.start,
      end: turn.end,
      speaker: turn.speaker,
      role: turn.role,
      timeStart: turn.timeStart,
      timeEnd: turn.timeEnd,
      caseName:
        turn.role === "interviewer" || turn.role === "moderator"
          ? null
          : generic.has(turn.speaker)
            ? sourceCase
            : turn.speaker,
    })),
  };
}

/** A plain comma-separated table with a `case` column; the demo's values never need quoting. */
function parseCases(text: string, file: string): Map<string, Record<string, string>> {
  const [header, ...rows] = text.split("\n").filter((line) => line.trim() !== "");
  const columns = (header ?? "").split(",").map((cell) => cell.trim());
  if (columns[0] !== "case")
    throw new QuireError("invalid_input", `${file}: the first column must be "case"`);
  const cases = new Map<string, Record<string, string>>();
  for (const [index, row] of rows.entries()) {
    const cells = row.split(",").map((cell) => cell.trim());
    if (cells.length !== columns.length)
      throw new QuireError(
        "invalid_input",
        `${file} line ${index + 2}: ${cells.length} fields, the header has ${columns.length}`,
      );
    const values: Record<string, string> = {};
    for (const [column, name] of columns.entries())
      if (column > 0) values[name] = cells[column] ?? "";
    cases.set(cells[0] ?? "", values);
  }
  return cases;
}

/** Imports every transcript in one batch and gives each participant case its attributes. */
async function importStudy(m: Mutation, study: Study): Promise<Map<string, string>> {
  for (const attribute of ATTRIBUTES)
    await defineAttribute(m, {
      name: attribute.name,
      type: attribute.type,
      ...("allowedValues" in attribute ? { allowedValues: [...attribute.allowedValues] } : {}),
    });
  const result = await importSources(m, study.sources);
  // Every speaking participant needs a row, and every row a speaker: ensureCase would otherwise
  // quietly make a case for a misspelt name.
  const speakers = new Set(
    study.sources.flatMap((source) => (source.turns ?? []).flatMap((turn) => turn.caseName ?? [])),
  );
  const rows = new Set(study.cases.keys());
  const unmatched = [...speakers].filter((name) => !rows.has(name));
  const extra = [...rows].filter((name) => !speakers.has(name));
  if (unmatched.length > 0 || extra.length > 0)
    throw new QuireError(
      "invalid_input",
      `cases.csv is out of step with the transcripts (no row for: ${unmatched.join(", ") || "none"}; no speaker for: ${extra.join(", ") || "none"})`,
    );
  for (const [name, values] of study.cases) {
    const found = await ensureCase(m, name);
    for (const [attribute, raw] of Object.entries(values))
      await setCaseAttribute(m, found.id, attribute, raw);
  }
  m.summary = `imported the demo study: ${result.sources} transcripts, ${result.turns} speaker turns, ${study.cases.size} participant cases`;
  const rowsBySource = await m.db
    .selectFrom("sources")
    .select(["id", "title"])
    .where("projectId", "=", m.projectId)
    .execute();
  return new Map(rowsBySource.map((row) => [row.title, row.id]));
}

/** Creates the codebook tree; returns code ids by path ("Parent / Child"). */
async function createCodebook(m: Mutation, entries: CodebookEntry[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const visit = async (entry: CodebookEntry, parent: { id: string; path: string } | null) => {
    const code = await createCode(m, {
      name: entry.name,
      parentId: parent?.id ?? null,
      color: entry.color,
      ...(entry.description ? { description: entry.description } : {}),
      // Written before any data was coded, from the interview topics: a priori, not inductive.
      origin: "a_priori",
    });
    const path = parent ? `${parent.path} / ${code.name}` : code.name;
    ids.set(path, code.id);
    for (const child of entry.children ?? []) await visit(child, { id: code.id, path });
  };
  for (const entry of entries) await visit(entry, null);
  m.summary = `created the demo's starter codebook (${ids.size} codes)`;
  return ids;
}

async function addMemos(
  m: Mutation,
  memos: MemoEntry[],
  sourceIds: Map<string, string>,
  codeIds: Map<string, string>,
): Promise<void> {
  for (const memo of memos) {
    const target = memo.target;
    const targetId =
      target.type === "source"
        ? lookUp(sourceIds, target.title, "source")
        : target.type === "code"
          ? lookUp(codeIds, target.path, "code")
          : null;
    await addMemo(m, {
      kind: memo.kind,
      title: memo.title,
      body: memo.body.join("\n\n"),
      targetType: target.type,
      targetId,
    });
  }
  m.summary = `added ${memos.length} demo memos`;
}

async function addExampleCodings(
  m: Mutation,
  study: Study,
  sourceIds: Map<string, string>,
  codeIds: Map<string, string>,
): Promise<void> {
  const texts = new Map(study.sources.map((source) => [source.title, source.text]));
  for (const example of EXAMPLE_CODINGS) {
    const text = texts.get(example.source);
    if (text === undefined)
      throw new QuireError("invalid_input", `no demo source "${example.source}"`);
    const { start, end } = locatePhrase(text, example.phrase, example.source);
    await addCoding(m, {
      sourceId: lookUp(sourceIds, example.source, "source"),
      codeId: lookUp(codeIds, example.code, "code"),
      start,
      end,
      memo: example.memo ?? null,
    });
  }
  m.summary = `added ${EXAMPLE_CODINGS.length} example codings`;
}

/**
 * Where a phrase sits in a transcript's canonical text. It must occur exactly once: a phrase that
 * moved or doubled after an edit would otherwise code the wrong words without anyone noticing.
 * @throws QuireError `invalid_input` when the phrase is missing or ambiguous.
 */
export function locatePhrase(
  text: string,
  phrase: string,
  source: string,
): { start: number; end: number } {
  const start = text.indexOf(phrase);
  if (start < 0)
    throw new QuireError(
      "invalid_input",
      `example coding phrase not found in demo transcript ${source}: "${phrase}" (update example-codings.ts with the transcript)`,
    );
  if (text.indexOf(phrase, start + 1) >= 0)
    throw new QuireError(
      "invalid_input",
      `example coding phrase occurs more than once in demo transcript ${source}: "${phrase}"`,
    );
  return { start, end: start + phrase.length };
}

function lookUp(ids: Map<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (id === undefined)
    throw new QuireError("invalid_input", `the demo study names an unknown ${what} "${key}"`);
  return id;
}

/** Removes a study file this call created, with SQLite's companion files. */
async function removeStudyFile(location: string): Promise<void> {
  for (const suffix of ["", "-wal", "-shm", "-journal"])
    await rm(`${location}${suffix}`, { force: true });
}
