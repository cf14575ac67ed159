/** Cases and their typed attributes. */
import {
  ATTRIBUTE_TYPES,
  type AttributeDefinition,
  type AttributeType,
  type AttributeValue,
  type Case,
  coerceAttributeValue,
  isAttributeType,
  newId,
  QuireError,
} from "@quire/core";
import type { Mutation } from "../audit/mutation.js";
import type { Store } from "../store.js";
import { attributeTextSql } from "./attribute-text.js";
import { parseJson, toAttribute, toCase } from "./rows.js";

export async function listAttributes(
  store: Store,
  projectId: string,
): Promise<AttributeDefinition[]> {
  const rows = await store.db
    .selectFrom("attributes")
    .selectAll()
    .where("projectId", "=", projectId)
    .orderBy("position")
    .execute();
  return rows.map(toAttribute);
}

/**
 * Declares an attribute, or returns the existing one of that name.
 * @throws QuireError `conflict` when it exists with another type; `invalid_input` for an unknown type.
 */
export async function defineAttribute(
  m: Mutation,
  props: { name: string; type: AttributeType | string; allowedValues?: string[] },
): Promise<AttributeDefinition> {
  const name = props.name.trim();
  if (name === "") throw new QuireError("invalid_input", "an attribute needs a name");
  if (!isAttributeType(props.type))
    throw new QuireError(
      "invalid_input",
      `unknown attribute type "${props.type}"; choose one of ${ATTRIBUTE_TYPES.join(", ")}`,
    );
  const existing = await m.db
    .selectFrom("attributes")
    .selectAll()
    .where("projectId", "=", m.projectId)
    .where("name", "=", name)
    .executeTakeFirst();
  if (existing) {
    const definition = toAttribute(existing);
    if (definition.type !== props.type)
      throw new QuireError(
        "conflict",
        `attribute "${name}" is of type ${definition.type} in this project, not ${props.type}`,
      );
    const extra = (props.allowedValues ?? []).filter(
      (value) => !definition.allowedValues.includes(value),
    );
    if (extra.length > 0 && definition.allowedValues.length > 0) {
      const allowedValues = [...definition.allowedValues, ...extra];
      await m.record.update("attributes", definition.id, {
        allowedValues: JSON.stringify(allowedValues),
      });
      return { ...definition, allowedValues };
    }
    return definition;
  }
  const { count } = await m.db
    .selectFrom("attributes")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("projectId", "=", m.projectId)
    .executeTakeFirstOrThrow();
  const definition: AttributeDefinition = {
    id: newId(),
    projectId: m.projectId as AttributeDefinition["projectId"],
    name,
    type: props.type,
    allowedValues: props.allowedValues ?? [],
  };
  await m.record.insert("attributes", {
    ...definition,
    allowedValues: JSON.stringify(definition.allowedValues),
    position: Number(count),
  });
  return definition;
}

export interface CaseFilter {
  /** attribute name → wanted value (compared as text) */
  where?: Record<string, string>;
  /** Only these cases. */
  ids?: readonly string[];
  limit?: number;
  offset?: number;
}

export async function listCases(
  store: Store,
  projectId: string,
  filter: CaseFilter = {},
): Promise<Case[]> {
  let query = store.db.selectFrom("cases").selectAll().where("projectId", "=", projectId);
  for (const [key, value] of Object.entries(filter.where ?? {}))
    query = query.where(attributeTextSql(store, "attributes", key), "=", value);
  if (filter.ids) query = query.where("id", "in", [...filter.ids, ""]);
  const rows = await query
    .orderBy("name")
    .limit(filter.limit ?? 1000)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(toCase);
}

export async function findCase(store: Store, projectId: string, name: string): Promise<Case> {
  const row = await store.db
    .selectFrom("cases")
    .selectAll()
    .where("projectId", "=", projectId)
    .where((eb) => eb.or([eb("name", "=", name), eb("id", "=", name)]))
    .executeTakeFirst();
  if (!row) throw new QuireError("not_found", `no case named "${name}"`);
  return toCase(row);
}

/** Finds a case by name, creating it when missing. */
export async function ensureCase(m: Mutation, name: string, kind = "participant"): Promise<Case> {
  const row = await m.db
    .selectFrom("cases")
    .selectAll()
    .where("projectId", "=", m.projectId)
    .where("name", "=", name)
    .executeTakeFirst();
  if (row) return toCase(row);
  const created: Case = {
    id: newId(),
    projectId: m.projectId as Case["projectId"],
    name,
    kind,
    attributes: {},
  };
  await m.record.insert("cases", {
    ...created,
    attributes: "{}",
    importId: null,
    createdAt: new Date().toISOString(),
  });
  return created;
}

/**
 * Sets (or, with an empty value, clears) one attribute of a case; the raw text is checked against
 * the attribute's type.
 * @throws QuireError `not_found` for an undeclared attribute, `invalid_input` for a value of the wrong type.
 */
export async function setCaseAttribute(
  m: Mutation,
  caseId: string,
  attributeName: string,
  raw: string,
): Promise<AttributeValue | null> {
  const attribute = await m.db
    .selectFrom("attributes")
    .selectAll()
    .where("projectId", "=", m.projectId)
    .where("name", "=", attributeName)
    .executeTakeFirst();
  if (!attribute)
    throw new QuireError(
      "not_found",
      `no attribute named "${attributeName}" (declare it with "quire attributes add")`,
    );
  const definition = toAttribute(attribute);
  const value = coerceAttributeValue(definition, raw);
  const row = await m.db
    .selectFrom("cases")
    .select(["attributes"])
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();
  const attributes = parseJson<Record<string, AttributeValue>>(row.attributes, {});
  if (value === null) delete attributes[definition.name];
  else attributes[definition.name] = value;
  await m.record.update("cases", caseId, { attributes: JSON.stringify(attributes) });
  return value;
}
