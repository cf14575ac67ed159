/**
 * The Framework Method in storage (METHODS §2): one versioned analytical framework per project,
 * its categories (each a Quire code, with an "other" code) and codes (Quire codes with a
 * definition, an index and an origin), and the charted cells of the matrix. Indexing is coding:
 * applying a framework code to a passage is an ordinary coding with that code. Adding a code
 * raises the version and stores the framework as it now is (FW-2).
 */
import { FRAMEWORK_ORIGINS, type FrameworkOrigin, newId, QuireError } from "@quire/core";
import type { Mutation } from "../audit/mutation.js";
import type { Store } from "../store.js";
import { createCode } from "./codes.js";
import { parseJson } from "./rows.js";

const DEFAULT_NAME = "Analytical framework";

export interface FrameworkCode {
  id: string;
  codeId: string;
  name: string;
  abbreviation: string;
  definition: string;
  origin: FrameworkOrigin;
  isOther: boolean;
  addedInVersion: number;
}

export interface FrameworkCategory {
  id: string;
  name: string;
  codeId: string;
  codes: FrameworkCode[];
}

export interface Framework {
  id: string;
  name: string;
  version: number;
  categories: FrameworkCategory[];
}

export interface FrameworkVersion {
  number: number;
  note: string;
  createdBy: string;
  createdAt: string;
  /** The categories and codes as they were. */
  content: FrameworkCategory[];
}

/** The project's framework, or null before its first category. */
export async function getFramework(store: Store, projectId: string): Promise<Framework | null> {
  const framework = await store.db
    .selectFrom("frameworks")
    .selectAll()
    .where("projectId", "=", projectId)
    .orderBy("createdAt")
    .executeTakeFirst();
  if (!framework) return null;
  const categories = await store.db
    .selectFrom("frameworkCategories")
    .selectAll()
    .where("frameworkId", "=", framework.id)
    .orderBy("position")
    .execute();
  const codes = await store.db
    .selectFrom("frameworkCodes as f")
    .innerJoin("codes as c", "c.id", "f.codeId")
    .select([
      "f.id",
      "f.categoryId",
      "f.codeId",
      "c.name",
      "f.abbreviation",
      "f.definition",
      "f.origin",
      "f.isOther",
      "f.position",
      "f.addedInVersion",
    ])
    .where("f.projectId", "=", projectId)
    .orderBy("f.position")
    .execute();
  return {
    id: framework.id,
    name: framework.name,
    version: Number(framework.version),
    categories: categories.map((category) => ({
      id: category.id,
      name: category.name,
      codeId: category.codeId,
      codes: codes
        .filter((code) => code.categoryId === category.id)
        // The "other" code closes each category.
        .sort(
          (a, b) =>
            Number(a.isOther) - Number(b.isOther) || Number(a.position) - Number(b.position),
        )
        .map((code) => ({
          id: code.id,
          codeId: code.codeId,
          name: code.name,
          abbreviation: code.abbreviation,
          definition: code.definition,
          origin: code.origin as FrameworkOrigin,
          isOther: Number(code.isOther) === 1,
          addedInVersion: Number(code.addedInVersion),
        })),
    })),
  };
}

/**
 * Adds a category: a top-level Quire code of that name with an "Other" code beneath it, and a new
 * framework version.
 * @throws QuireError `invalid_input` for an empty name, `conflict` when the category or code exists.
 */
export async function addFrameworkCategory(
  m: Mutation,
  props: { name: string; abbreviation?: string; note?: string },
): Promise<{ category: FrameworkCategory; version: number }> {
  const name = props.name.trim();
  if (name === "") throw new QuireError("invalid_input", "a category needs a name");
  const framework = await ensureFramework(m);
  if (framework.categories.some((category) => category.name.toLowerCase() === name.toLowerCase()))
    throw new QuireError("conflict", `a category named "${name}" already exists`);
  const code = await createCode(m, { name, origin: "a_priori" });
  const category = {
    id: newId(),
    projectId: m.projectId,
    frameworkId: framework.id,
    name,
    codeId: code.id,
    position: framework.categories.length,
  };
  await m.record.insert("frameworkCategories", category);
  const version = framework.version + 1;
  const index = props.abbreviation?.trim() || `${framework.categories.length + 1}`;
  const other = await createCode(m, { name: "Other", parentId: code.id, origin: "a_priori" });
  await m.record.insert("frameworkCodes", {
    id: newId(),
    projectId: m.projectId,
    categoryId: category.id,
    codeId: other.id,
    abbreviation: `${index}.O`,
    definition: `Anything about ${name} that no other code of the category covers`,
    origin: "a_priori",
    isOther: 1,
    position: 0,
    addedInVersion: version,
  });
  await newVersion(m, framework.id, version, props.note ?? `added category "${name}"`);
  const saved = (await getFramework(m.store, m.projectId))?.categories.find(
    (c) => c.id === category.id,
  );
  return { category: saved as FrameworkCategory, version };
}

export interface AddFrameworkCodeProps {
  /** The category, by id or name. */
  category: string;
  name: string;
  abbreviation: string;
  definition?: string;
  origin?: string;
  /** Use this existing code instead of creating one under the category. */
  codeId?: string;
  note?: string;
}

/**
 * Adds a code to a category and raises the framework's version (FW-2). Earlier transcripts may
 * need re-indexing with it: {@link indexingProgress} shows which.
 * @throws QuireError `not_found` (category, code), `invalid_input` (origin, empty name or index),
 *   `conflict` (name or index taken).
 */
export async function addFrameworkCode(
  m: Mutation,
  props: AddFrameworkCodeProps,
): Promise<{ code: FrameworkCode; version: number }> {
  const framework = await getFramework(m.store, m.projectId);
  const category = framework?.categories.find(
    (c) => c.id === props.category || c.name.toLowerCase() === props.category.trim().toLowerCase(),
  );
  if (!framework || !category)
    throw new QuireError("not_found", `no category named "${props.category}" in the framework`);
  const origin = props.origin ?? "inductive";
  if (!(FRAMEWORK_ORIGINS as readonly string[]).includes(origin))
    throw new QuireError(
      "invalid_input",
      `a code's origin is a_priori or inductive, not "${origin}"`,
    );
  const abbreviation = props.abbreviation.trim();
  if (abbreviation === "")
    throw new QuireError("invalid_input", "a framework code needs an index or abbreviation");
  if (framework.categories.some((c) => c.codes.some((code) => code.abbreviation === abbreviation)))
    throw new QuireError("conflict", `the index "${abbreviation}" is already used`);
  const definition = props.definition?.trim() ?? "";
  const codeId = props.codeId
    ? props.codeId
    : (
        await createCode(m, {
          name: props.name,
          parentId: category.codeId,
          origin: origin as FrameworkOrigin,
          description: definition ? { definition } : {},
        })
      ).id;
  if (props.codeId) {
    const exists = await m.db
      .selectFrom("codes")
      .select("id")
      .where("projectId", "=", m.projectId)
      .where("id", "=", props.codeId)
      .executeTakeFirst();
    if (!exists) throw new QuireError("not_found", `no code with id ${props.codeId}`);
  }
  const version = framework.version + 1;
  const row = {
    id: newId(),
    projectId: m.projectId,
    categoryId: category.id,
    codeId,
    abbreviation,
    definition,
    origin,
    isOther: 0,
    position: category.codes.length,
    addedInVersion: version,
  };
  await m.record.insert("frameworkCodes", row);
  await newVersion(
    m,
    framework.id,
    version,
    props.note ?? `added code "${props.name}" to "${category.name}"`,
  );
  const code = (await getFramework(m.store, m.projectId))?.categories
    .flatMap((c) => c.codes)
    .find((c) => c.id === row.id);
  return { code: code as FrameworkCode, version };
}

/** The framework's versions, oldest first, each with its content. */
export async function listFrameworkVersions(
  store: Store,
  projectId: string,
): Promise<FrameworkVersion[]> {
  const rows = await store.db
    .selectFrom("frameworkVersions")
    .selectAll()
    .where("projectId", "=", projectId)
    .orderBy("number")
    .execute();
  return rows.map((row) => ({
    number: Number(row.number),
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    content: parseJson<FrameworkCategory[]>(row.content, []),
  }));
}

export interface ChartQuote {
  codingId: string;
  text: string;
}

export interface ChartCellInput {
  caseId: string;
  codeId: string;
  summary?: string;
  /** Verbatim quotes, by coding: their text is read from the coding, never typed. */
  quoteCodingIds?: readonly string[];
  /** Default: `charted` with a summary, else `unsummarised`. */
  state?: "charted" | "unsummarised" | "not_discussed";
}

export interface StoredCell {
  caseId: string;
  codeId: string;
  summary: string;
  quotes: ChartQuote[];
  state: "charted" | "unsummarised" | "not_discussed";
  updatedBy: string;
  updatedAt: string;
}

/**
 * Writes one cell of the matrix (case × framework code).
 * @throws QuireError `not_found` for an unknown case, a code not in the framework or a quote's
 *   coding, `invalid_input` for a charted cell without a summary.
 */
export async function chartCell(m: Mutation, input: ChartCellInput): Promise<StoredCell> {
  const framework = await getFramework(m.store, m.projectId);
  if (!framework?.categories.some((c) => c.codes.some((code) => code.codeId === input.codeId)))
    throw new QuireError("not_found", `no code with id ${input.codeId} in the framework`);
  const found = await m.db
    .selectFrom("cases")
    .select("id")
    .where("projectId", "=", m.projectId)
    .where("id", "=", input.caseId)
    .executeTakeFirst();
  if (!found) throw new QuireError("not_found", `no case with id ${input.caseId}`);
  const summary = input.summary?.trim() ?? "";
  const state = input.state ?? (summary === "" ? "unsummarised" : "charted");
  if (state === "charted" && summary === "")
    throw new QuireError("invalid_input", "a charted cell needs a summary");
  const quotes: ChartQuote[] = [];
  for (const codingId of input.quoteCodingIds ?? []) {
    const coding = await m.db
      .selectFrom("codings")
      .select(["exact", "status"])
      .where("projectId", "=", m.projectId)
      .where("id", "=", codingId)
      .executeTakeFirst();
    if (!coding || coding.status === "orphaned")
      throw new QuireError("not_found", `no coding with id ${codingId} to quote`);
    quotes.push({ codingId, text: coding.exact });
  }
  const existing = await m.db
    .selectFrom("chartCells")
    .select(["id", "quotes"])
    .where("caseId", "=", input.caseId)
    .where("codeId", "=", input.codeId)
    .executeTakeFirst();
  const row = {
    summary,
    quotes: JSON.stringify(input.quoteCodingIds ? quotes : parseJson(existing?.quotes, [])),
    state,
    updatedBy: m.actor,
    updatedAt: new Date().toISOString(),
  };
  if (existing) await m.record.update("chartCells", existing.id, row);
  else
    await m.record.insert("chartCells", {
      id: newId(),
      projectId: m.projectId,
      caseId: input.caseId,
      codeId: input.codeId,
      ...row,
    });
  return { caseId: input.caseId, codeId: input.codeId, ...row, quotes: parseJson(row.quotes, []) };
}

/** Every stored cell of the matrix. */
export async function listChartCells(store: Store, projectId: string): Promise<StoredCell[]> {
  const rows = await store.db
    .selectFrom("chartCells")
    .selectAll()
    .where("projectId", "=", projectId)
    .execute();
  return rows.map((row) => ({
    caseId: row.caseId,
    codeId: row.codeId,
    summary: row.summary,
    quotes: parseJson<ChartQuote[]>(row.quotes, []),
    state: row.state as StoredCell["state"],
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  }));
}

/** A passage where a case and a code meet: a live coding in a source of the case. */
export interface CasePassage {
  caseId: string;
  codeId: string;
  codingId: string;
  sourceId: string;
  start: number;
  end: number;
  text: string;
}

/** The passages of `codeIds` in sources that belong to a case (the matrix's cell contents). */
export async function casePassages(
  store: Store,
  projectId: string,
  codeIds: readonly string[],
): Promise<CasePassage[]> {
  if (codeIds.length === 0) return [];
  const rows = await store.db
    .selectFrom("codings as k")
    .innerJoin("sources as s", "s.id", "k.sourceId")
    .select(["s.caseId", "k.codeId", "k.id", "k.sourceId", "k.startPos", "k.endPos", "k.exact"])
    .where("k.projectId", "=", projectId)
    .where("k.codeId", "in", [...codeIds])
    .where("k.status", "!=", "orphaned")
    .where("s.caseId", "is not", null)
    .orderBy("k.sourcePosition")
    .orderBy("k.startPos")
    .execute();
  return rows.map((row) => ({
    caseId: row.caseId as string,
    codeId: row.codeId,
    codingId: row.id,
    sourceId: row.sourceId,
    start: Number(row.startPos),
    end: Number(row.endPos),
    text: row.exact,
  }));
}

/**
 * Indexing progress (FW-2): per source, how many passages each framework code has. A source with
 * no passage of a code added in a later version may need re-indexing with it.
 */
export async function indexingProgress(
  store: Store,
  projectId: string,
): Promise<{ sourceId: string; title: string; counts: Record<string, number>; codings: number }[]> {
  const framework = await getFramework(store, projectId);
  const codeIds = framework?.categories.flatMap((c) => c.codes.map((code) => code.codeId)) ?? [];
  const sources = await store.db
    .selectFrom("sources")
    .select(["id", "title"])
    .where("projectId", "=", projectId)
    .orderBy("position")
    .execute();
  const counts =
    codeIds.length === 0
      ? []
      : await store.db
          .selectFrom("codings")
          .select(["sourceId", "codeId", (eb) => eb.fn.countAll<number>().as("n")])
          .where("projectId", "=", projectId)
          .where("codeId", "in", codeIds)
          .where("status", "!=", "orphaned")
          .groupBy(["sourceId", "codeId"])
          .execute();
  return sources.map((source) => {
    const mine = counts.filter((row) => row.sourceId === source.id);
    const perCode: Record<string, number> = {};
    for (const row of mine) perCode[row.codeId] = Number(row.n);
    return {
      sourceId: source.id,
      title: source.title,
      counts: perCode,
      codings: mine.reduce((sum, row) => sum + Number(row.n), 0),
    };
  });
}

async function ensureFramework(m: Mutation): Promise<Framework> {
  const existing = await getFramework(m.store, m.projectId);
  if (existing) return existing;
  const row = {
    id: newId(),
    projectId: m.projectId,
    name: DEFAULT_NAME,
    version: 0,
    createdAt: new Date().toISOString(),
  };
  await m.record.insert("frameworks", row);
  return { id: row.id, name: row.name, version: 0, categories: [] };
}

async function newVersion(
  m: Mutation,
  frameworkId: string,
  number: number,
  note: string,
): Promise<void> {
  await m.record.update("frameworks", frameworkId, { version: number });
  const content = (await getFramework(m.store, m.projectId))?.categories ?? [];
  await m.record.insert("frameworkVersions", {
    id: newId(),
    projectId: m.projectId,
    frameworkId,
    number,
    note,
    content: JSON.stringify(content),
    createdBy: m.actor,
    createdAt: new Date().toISOString(),
  });
}
