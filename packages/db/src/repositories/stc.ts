/**
 * Systematic text condensation in storage (Malterud 2012; METHODS §3): preliminary themes, code
 * groups, subgroups, meaning units (a coding placed in a code group, possibly in several),
 * condensates (always artificial: read back only as core `Condensate`s), illustrative quotes (exact
 * codings), analytic texts per code group, and each source's re-reading check.
 */
import { type Condensate, makeCondensate, newId, QuireError } from "@quire/core";
import type { Mutation } from "../audit/mutation.js";
import type { Store } from "../store.js";
import { parseJson } from "./rows.js";

export interface StcUnit {
  id: string;
  codingId: string;
  codeGroupId: string;
  subgroupId: string | null;
  sourceId: string;
  sourceTitle: string;
  start: number;
  end: number;
  text: string;
  coder: string;
}

export interface StcQuote {
  id: string;
  codingId: string;
  sourceId: string;
  sourceTitle: string;
  start: number;
  end: number;
  /** The coding's exact words: a participant's quotation. */
  text: string;
}

export interface StcSubgroup {
  id: string;
  name: string;
  units: StcUnit[];
  condensate: Condensate | null;
  quotes: StcQuote[];
}

export interface StcCodeGroup {
  id: string;
  name: string;
  themeId: string | null;
  analyticText: string;
  subgroups: StcSubgroup[];
  /** Meaning units in the group but in none of its subgroups yet. */
  unsorted: StcUnit[];
}

export interface StcOutline {
  themes: { id: string; name: string; note: string }[];
  codeGroups: StcCodeGroup[];
}

/** @throws QuireError `invalid_input` for an empty name, `conflict` when taken. */
export async function addStcTheme(
  m: Mutation,
  name: string,
  note = "",
): Promise<{ id: string; name: string }> {
  const trimmed = await freeName(m, "stcThemes", name, "preliminary theme");
  const count = await countRows(m, "stcThemes");
  const row = { id: newId(), projectId: m.projectId, name: trimmed, note, position: count };
  await m.record.insert("stcThemes", row);
  return { id: row.id, name: row.name };
}

/**
 * Adds a code group, under a preliminary theme or none.
 * @throws QuireError `invalid_input`, `conflict`, `not_found` (theme).
 */
export async function addCodeGroup(
  m: Mutation,
  name: string,
  theme?: string | null,
): Promise<{ id: string; name: string }> {
  const trimmed = await freeName(m, "stcCodeGroups", name, "code group");
  const themeId = theme
    ? (await findRow(m.store, m.projectId, "stcThemes", theme, "preliminary theme")).id
    : null;
  const row = {
    id: newId(),
    projectId: m.projectId,
    themeId,
    name: trimmed,
    position: await countRows(m, "stcCodeGroups"),
  };
  await m.record.insert("stcCodeGroups", row);
  return { id: row.id, name: row.name };
}

/** @throws QuireError `not_found` (code group), `invalid_input`, `conflict` (name in the group). */
export async function addSubgroup(
  m: Mutation,
  codeGroup: string,
  name: string,
): Promise<{ id: string; name: string; codeGroupId: string }> {
  const group = await findRow(m.store, m.projectId, "stcCodeGroups", codeGroup, "code group");
  const trimmed = name.trim();
  if (trimmed === "") throw new QuireError("invalid_input", "a subgroup needs a name");
  const siblings = await m.db
    .selectFrom("stcSubgroups")
    .select(["name"])
    .where("codeGroupId", "=", group.id)
    .execute();
  if (siblings.some((s) => s.name.toLowerCase() === trimmed.toLowerCase()))
    throw new QuireError(
      "conflict",
      `a subgroup named "${trimmed}" already exists in "${group.name}"`,
    );
  const row = {
    id: newId(),
    projectId: m.projectId,
    codeGroupId: group.id,
    name: trimmed,
    position: siblings.length,
  };
  await m.record.insert("stcSubgroups", row);
  return { id: row.id, name: row.name, codeGroupId: group.id };
}

/**
 * Places a coding as a meaning unit in a code group (and optionally one of its subgroups). The same
 * coding may sit in several code groups; placing it again in the same group moves it between
 * subgroups.
 * @throws QuireError `not_found` (coding, group, subgroup of that group).
 */
export async function placeMeaningUnit(
  m: Mutation,
  props: { codingId: string; codeGroup: string; subgroup?: string | null },
): Promise<{ id: string; codeGroupId: string; subgroupId: string | null }> {
  const coding = await m.db
    .selectFrom("codings")
    .select("id")
    .where("projectId", "=", m.projectId)
    .where("id", "=", props.codingId)
    .executeTakeFirst();
  if (!coding) throw new QuireError("not_found", `no coding with id ${props.codingId}`);
  const group = await findRow(m.store, m.projectId, "stcCodeGroups", props.codeGroup, "code group");
  const subgroupId = props.subgroup
    ? (await findSubgroup(m.store, m.projectId, props.subgroup, group.id)).id
    : null;
  const existing = await m.db
    .selectFrom("stcMeaningUnits")
    .select("id")
    .where("codingId", "=", props.codingId)
    .where("codeGroupId", "=", group.id)
    .executeTakeFirst();
  if (existing) {
    await m.record.update("stcMeaningUnits", existing.id, { subgroupId });
    return { id: existing.id, codeGroupId: group.id, subgroupId };
  }
  const id = newId();
  await m.record.insert("stcMeaningUnits", {
    id,
    projectId: m.projectId,
    codingId: props.codingId,
    codeGroupId: group.id,
    subgroupId,
  });
  return { id, codeGroupId: group.id, subgroupId };
}

/**
 * Writes (or rewrites) a subgroup's condensate from its meaning units. It is stored as the
 * analyst's text and always read back as an artificial `Condensate`.
 * @throws QuireError `not_found` (subgroup), `invalid_input` (empty text, or units not in the subgroup).
 */
export async function writeCondensate(
  m: Mutation,
  props: { subgroup: string; text: string; unitIds?: readonly string[] },
): Promise<Condensate> {
  const subgroup = await findSubgroup(m.store, m.projectId, props.subgroup);
  const text = props.text.trim();
  if (text === "") throw new QuireError("invalid_input", "a condensate needs text");
  const units = await m.db
    .selectFrom("stcMeaningUnits")
    .select("id")
    .where("subgroupId", "=", subgroup.id)
    .execute();
  const inGroup = new Set(units.map((unit) => unit.id));
  const unitIds = props.unitIds ? [...props.unitIds] : [...inGroup];
  const stray = unitIds.find((id) => !inGroup.has(id));
  if (stray)
    throw new QuireError(
      "invalid_input",
      `meaning unit ${stray} is not in subgroup "${subgroup.name}"`,
    );
  const existing = await m.db
    .selectFrom("stcCondensates")
    .select("id")
    .where("subgroupId", "=", subgroup.id)
    .executeTakeFirst();
  const row = {
    text,
    unitIds: JSON.stringify(unitIds),
    author: m.actor,
    updatedAt: new Date().toISOString(),
  };
  const id = existing?.id ?? newId();
  if (existing) await m.record.update("stcCondensates", id, row);
  else
    await m.record.insert("stcCondensates", {
      id,
      projectId: m.projectId,
      subgroupId: subgroup.id,
      ...row,
    });
  return makeCondensate({ id, subgroupId: subgroup.id, unitIds, text });
}

/**
 * Chooses an illustrative quote for a subgroup: an exact coded segment (a coding).
 * @throws QuireError `not_found` (subgroup, coding), `conflict` (already chosen).
 */
export async function addIllustrativeQuote(
  m: Mutation,
  props: { subgroup: string; codingId: string },
): Promise<{ id: string }> {
  const subgroup = await findSubgroup(m.store, m.projectId, props.subgroup);
  const coding = await m.db
    .selectFrom("codings")
    .select(["id", "status"])
    .where("projectId", "=", m.projectId)
    .where("id", "=", props.codingId)
    .executeTakeFirst();
  if (!coding || coding.status === "orphaned")
    throw new QuireError("not_found", `no coding with id ${props.codingId} to quote`);
  const existing = await m.db
    .selectFrom("stcQuotes")
    .select("id")
    .where("subgroupId", "=", subgroup.id)
    .where("codingId", "=", props.codingId)
    .executeTakeFirst();
  if (existing) throw new QuireError("conflict", "that quote is already chosen for the subgroup");
  const id = newId();
  await m.record.insert("stcQuotes", {
    id,
    projectId: m.projectId,
    subgroupId: subgroup.id,
    codingId: props.codingId,
  });
  return { id };
}

/** Writes a code group's analytic text. @throws QuireError `not_found` (code group). */
export async function writeAnalyticText(
  m: Mutation,
  codeGroup: string,
  body: string,
): Promise<void> {
  const group = await findRow(m.store, m.projectId, "stcCodeGroups", codeGroup, "code group");
  const existing = await m.db
    .selectFrom("stcAnalyticTexts")
    .select("id")
    .where("codeGroupId", "=", group.id)
    .executeTakeFirst();
  const updatedAt = new Date().toISOString();
  if (existing) await m.record.update("stcAnalyticTexts", existing.id, { body, updatedAt });
  else
    await m.record.insert("stcAnalyticTexts", {
      id: newId(),
      projectId: m.projectId,
      codeGroupId: group.id,
      body,
      updatedAt,
    });
}

/** Renames a theme or code group, whose names are unique in the project. */
async function renameProjectWide(
  m: Mutation,
  table: "stcThemes" | "stcCodeGroups",
  ref: string,
  name: string,
  noun: string,
): Promise<{ id: string; name: string }> {
  const row = await findRow(m.store, m.projectId, table, ref, noun);
  const trimmed = await freeName(m, table, name, noun, row.id);
  await m.record.update(table, row.id, { name: trimmed });
  return { id: row.id, name: trimmed };
}

/** Renames a preliminary theme. @throws QuireError `not_found`, `invalid_input`, `conflict`. */
export function renameStcTheme(m: Mutation, theme: string, name: string) {
  return renameProjectWide(m, "stcThemes", theme, name, "preliminary theme");
}

/** Renames a code group. @throws QuireError `not_found`, `invalid_input`, `conflict`. */
export function renameCodeGroup(m: Mutation, codeGroup: string, name: string) {
  return renameProjectWide(m, "stcCodeGroups", codeGroup, name, "code group");
}

/**
 * Renames a subgroup (by id, or by a name only one code group uses).
 * @throws QuireError `not_found`, `invalid_input`, `conflict` (name in the group).
 */
export async function renameSubgroup(
  m: Mutation,
  subgroup: string,
  name: string,
): Promise<{ id: string; name: string; codeGroupId: string }> {
  const row = await findSubgroup(m.store, m.projectId, subgroup);
  const trimmed = name.trim();
  if (trimmed === "") throw new QuireError("invalid_input", "a subgroup needs a name");
  const siblings = await m.db
    .selectFrom("stcSubgroups")
    .select(["id", "name"])
    .where("codeGroupId", "=", row.codeGroupId)
    .execute();
  if (siblings.some((s) => s.id !== row.id && s.name.toLowerCase() === trimmed.toLowerCase()))
    throw new QuireError("conflict", `a subgroup named "${trimmed}" already exists in its group`);
  await m.record.update("stcSubgroups", row.id, { name: trimmed });
  return { id: row.id, name: trimmed, codeGroupId: row.codeGroupId };
}

/**
 * Removes a preliminary theme; its code groups stay, placed under no theme.
 * @throws QuireError `not_found`.
 */
export async function removeStcTheme(
  m: Mutation,
  theme: string,
): Promise<{ id: string; name: string; unplaced: number }> {
  const row = await findRow(m.store, m.projectId, "stcThemes", theme, "preliminary theme");
  const groups = await m.db
    .selectFrom("stcCodeGroups")
    .select("id")
    .where("themeId", "=", row.id)
    .execute();
  for (const group of groups) await m.record.update("stcCodeGroups", group.id, { themeId: null });
  await m.record.delete("stcThemes", [row.id]);
  return { id: row.id, name: row.name, unplaced: groups.length };
}

/**
 * Removes an empty code group (and its analytic text).
 * @throws QuireError `not_found`; `conflict` while it still holds meaning units or subgroups.
 */
export async function removeCodeGroup(
  m: Mutation,
  codeGroup: string,
): Promise<{ id: string; name: string }> {
  const row = await findRow(m.store, m.projectId, "stcCodeGroups", codeGroup, "code group");
  const units = await m.db
    .selectFrom("stcMeaningUnits")
    .select("id")
    .where("codeGroupId", "=", row.id)
    .execute();
  const subgroups = await m.db
    .selectFrom("stcSubgroups")
    .select("id")
    .where("codeGroupId", "=", row.id)
    .execute();
  if (units.length > 0 || subgroups.length > 0)
    throw new QuireError(
      "conflict",
      `code group "${row.name}" still holds ${units.length} meaning unit${units.length === 1 ? "" : "s"} and ${subgroups.length} subgroup${subgroups.length === 1 ? "" : "s"}: remove them first`,
    );
  const texts = await m.db
    .selectFrom("stcAnalyticTexts")
    .select("id")
    .where("codeGroupId", "=", row.id)
    .execute();
  await m.record.delete(
    "stcAnalyticTexts",
    texts.map((text) => text.id),
  );
  await m.record.delete("stcCodeGroups", [row.id]);
  return { id: row.id, name: row.name };
}

/**
 * Removes a subgroup with its condensate and quotes; its meaning units return to the code group's
 * unsorted list. @throws QuireError `not_found`.
 */
export async function removeSubgroup(
  m: Mutation,
  subgroup: string,
): Promise<{ id: string; name: string; codeGroupId: string; unsorted: number }> {
  const row = await findSubgroup(m.store, m.projectId, subgroup);
  const units = await m.db
    .selectFrom("stcMeaningUnits")
    .select("id")
    .where("subgroupId", "=", row.id)
    .execute();
  for (const unit of units) await m.record.update("stcMeaningUnits", unit.id, { subgroupId: null });
  const condensates = await m.db
    .selectFrom("stcCondensates")
    .select("id")
    .where("subgroupId", "=", row.id)
    .execute();
  await m.record.delete(
    "stcCondensates",
    condensates.map((c) => c.id),
  );
  const quotes = await m.db
    .selectFrom("stcQuotes")
    .select("id")
    .where("subgroupId", "=", row.id)
    .execute();
  await m.record.delete(
    "stcQuotes",
    quotes.map((q) => q.id),
  );
  await m.record.delete("stcSubgroups", [row.id]);
  return { id: row.id, name: row.name, codeGroupId: row.codeGroupId, unsorted: units.length };
}

/**
 * Removes a meaning unit from its code group (the coding itself stays), and drops it from its
 * subgroup's condensate. @throws QuireError `not_found`.
 */
export async function removeMeaningUnit(
  m: Mutation,
  unitId: string,
): Promise<{ id: string; codeGroupId: string; subgroupId: string | null }> {
  const unit = await m.db
    .selectFrom("stcMeaningUnits")
    .select(["id", "codeGroupId", "subgroupId"])
    .where("projectId", "=", m.projectId)
    .where("id", "=", unitId)
    .executeTakeFirst();
  if (!unit) throw new QuireError("not_found", `no meaning unit with id ${unitId}`);
  if (unit.subgroupId) {
    const condensate = await m.db
      .selectFrom("stcCondensates")
      .select(["id", "unitIds"])
      .where("subgroupId", "=", unit.subgroupId)
      .executeTakeFirst();
    const ids = condensate ? parseJson<string[]>(condensate.unitIds, []) : [];
    if (condensate && ids.includes(unit.id))
      await m.record.update("stcCondensates", condensate.id, {
        unitIds: JSON.stringify(ids.filter((id) => id !== unit.id)),
      });
  }
  await m.record.delete("stcMeaningUnits", [unit.id]);
  return unit;
}

export interface ReadingCheck {
  sourceId: string;
  reread: boolean;
  validated: boolean;
  contradicting: string;
  checkedBy: string;
  checkedAt: string;
}

/**
 * Records a source's re-reading check (STC-3): re-read, validated, contradicting data noted.
 * @throws QuireError `not_found` (source).
 */
export async function checkReading(
  m: Mutation,
  props: { sourceId: string; reread?: boolean; validated?: boolean; contradicting?: string },
): Promise<ReadingCheck> {
  const source = await m.db
    .selectFrom("sources")
    .select("id")
    .where("projectId", "=", m.projectId)
    .where("id", "=", props.sourceId)
    .executeTakeFirst();
  if (!source) throw new QuireError("not_found", `no source with id ${props.sourceId}`);
  const existing = await m.db
    .selectFrom("stcReadingChecks")
    .selectAll()
    .where("projectId", "=", m.projectId)
    .where("sourceId", "=", props.sourceId)
    .executeTakeFirst();
  const row = {
    reread: (props.reread ?? Number(existing?.reread ?? 0) === 1) ? 1 : 0,
    validated: (props.validated ?? Number(existing?.validated ?? 0) === 1) ? 1 : 0,
    contradicting: props.contradicting ?? existing?.contradicting ?? "",
    checkedBy: m.actor,
    checkedAt: new Date().toISOString(),
  };
  if (existing) await m.record.update("stcReadingChecks", existing.id, row);
  else
    await m.record.insert("stcReadingChecks", {
      id: newId(),
      projectId: m.projectId,
      sourceId: props.sourceId,
      ...row,
    });
  return {
    sourceId: props.sourceId,
    ...row,
    reread: row.reread === 1,
    validated: row.validated === 1,
  };
}

/** Every source's re-reading check. */
export async function listReadingChecks(store: Store, projectId: string): Promise<ReadingCheck[]> {
  const rows = await store.db
    .selectFrom("stcReadingChecks")
    .selectAll()
    .where("projectId", "=", projectId)
    .execute();
  return rows.map((row) => ({
    sourceId: row.sourceId,
    reread: Number(row.reread) === 1,
    validated: Number(row.validated) === 1,
    contradicting: row.contradicting,
    checkedBy: row.checkedBy,
    checkedAt: row.checkedAt,
  }));
}

/** The whole condensation: themes, code groups with subgroups, units, condensates, quotes, texts. */
export async function getStcOutline(store: Store, projectId: string): Promise<StcOutline> {
  const themes = await store.db
    .selectFrom("stcThemes")
    .select(["id", "name", "note"])
    .where("projectId", "=", projectId)
    .orderBy("position")
    .execute();
  const groups = await store.db
    .selectFrom("stcCodeGroups")
    .selectAll()
    .where("projectId", "=", projectId)
    .orderBy("position")
    .execute();
  const subgroups = await store.db
    .selectFrom("stcSubgroups")
    .selectAll()
    .where("projectId", "=", projectId)
    .orderBy("position")
    .execute();
  const units = await store.db
    .selectFrom("stcMeaningUnits as u")
    .innerJoin("codings as k", "k.id", "u.codingId")
    .innerJoin("sources as s", "s.id", "k.sourceId")
    .select([
      "u.id",
      "u.codingId",
      "u.codeGroupId",
      "u.subgroupId",
      "k.sourceId",
      "s.title as sourceTitle",
      "k.startPos",
      "k.endPos",
      "k.exact",
      "k.coder",
    ])
    .where("u.projectId", "=", projectId)
    .orderBy("k.sourcePosition")
    .orderBy("k.startPos")
    .execute();
  const condensates = await store.db
    .selectFrom("stcCondensates")
    .selectAll()
    .where("projectId", "=", projectId)
    .execute();
  const quotes = await store.db
    .selectFrom("stcQuotes as q")
    .innerJoin("codings as k", "k.id", "q.codingId")
    .innerJoin("sources as s", "s.id", "k.sourceId")
    .select([
      "q.id",
      "q.subgroupId",
      "q.codingId",
      "k.sourceId",
      "s.title as sourceTitle",
      "k.startPos",
      "k.endPos",
      "k.exact",
    ])
    .where("q.projectId", "=", projectId)
    .orderBy("q.id")
    .execute();
  const texts = await store.db
    .selectFrom("stcAnalyticTexts")
    .select(["codeGroupId", "body"])
    .where("projectId", "=", projectId)
    .execute();
  const toUnit = (row: (typeof units)[number]): StcUnit => ({
    id: row.id,
    codingId: row.codingId,
    codeGroupId: row.codeGroupId,
    subgroupId: row.subgroupId,
    sourceId: row.sourceId,
    sourceTitle: row.sourceTitle,
    start: Number(row.startPos),
    end: Number(row.endPos),
    text: row.exact,
    coder: row.coder,
  });
  return {
    themes,
    codeGroups: groups.map((group) => ({
      id: group.id,
      name: group.name,
      themeId: group.themeId,
      analyticText: texts.find((text) => text.codeGroupId === group.id)?.body ?? "",
      unsorted: units
        .filter((u) => u.codeGroupId === group.id && u.subgroupId === null)
        .map(toUnit),
      subgroups: subgroups
        .filter((subgroup) => subgroup.codeGroupId === group.id)
        .map((subgroup) => {
          const condensate = condensates.find((c) => c.subgroupId === subgroup.id);
          return {
            id: subgroup.id,
            name: subgroup.name,
            units: units.filter((u) => u.subgroupId === subgroup.id).map(toUnit),
            condensate: condensate
              ? makeCondensate({
                  id: condensate.id,
                  subgroupId: subgroup.id,
                  unitIds: parseJson<string[]>(condensate.unitIds, []),
                  text: condensate.text,
                })
              : null,
            quotes: quotes
              .filter((q) => q.subgroupId === subgroup.id)
              .map((q) => ({
                id: q.id,
                codingId: q.codingId,
                sourceId: q.sourceId,
                sourceTitle: q.sourceTitle,
                start: Number(q.startPos),
                end: Number(q.endPos),
                text: q.exact,
              })),
          };
        }),
    })),
  };
}

type NamedTable = "stcThemes" | "stcCodeGroups";

async function findRow(
  store: Store,
  projectId: string,
  table: NamedTable,
  ref: string,
  noun: string,
): Promise<{ id: string; name: string }> {
  const rows = await store.db
    .selectFrom(table)
    .select(["id", "name"])
    .where("projectId", "=", projectId)
    .execute();
  const found =
    rows.find((row) => row.id === ref) ??
    rows.find((row) => row.name.toLowerCase() === ref.trim().toLowerCase());
  if (!found) throw new QuireError("not_found", `no ${noun} named "${ref}"`);
  return found;
}

async function findSubgroup(
  store: Store,
  projectId: string,
  ref: string,
  codeGroupId?: string,
): Promise<{ id: string; name: string; codeGroupId: string }> {
  let query = store.db
    .selectFrom("stcSubgroups")
    .select(["id", "name", "codeGroupId"])
    .where("projectId", "=", projectId);
  if (codeGroupId) query = query.where("codeGroupId", "=", codeGroupId);
  const rows = await query.execute();
  const byName = rows.filter((row) => row.name.toLowerCase() === ref.trim().toLowerCase());
  const found = rows.find((row) => row.id === ref) ?? (byName.length === 1 ? byName[0] : undefined);
  if (!found)
    throw new QuireError(
      "not_found",
      byName.length > 1
        ? `no single subgroup named "${ref}": several code groups have one; use its id`
        : `no subgroup named "${ref}"`,
    );
  return found;
}

async function freeName(
  m: Mutation,
  table: NamedTable,
  name: string,
  noun: string,
  except?: string,
): Promise<string> {
  const trimmed = name.trim();
  if (trimmed === "") throw new QuireError("invalid_input", `a ${noun} needs a name`);
  const rows = await m.db
    .selectFrom(table)
    .select(["id", "name"])
    .where("projectId", "=", m.projectId)
    .execute();
  if (rows.some((row) => row.id !== except && row.name.toLowerCase() === trimmed.toLowerCase()))
    throw new QuireError("conflict", `a ${noun} named "${trimmed}" already exists`);
  return trimmed;
}

async function countRows(m: Mutation, table: NamedTable): Promise<number> {
  const { n } = await m.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("projectId", "=", m.projectId)
    .executeTakeFirstOrThrow();
  return Number(n);
}
