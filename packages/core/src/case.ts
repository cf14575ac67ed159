/** Cases (participants, GPs, groups, sites, studies) and their typed attributes (METHODS.md, C3). */
import { QuireError } from "./control.js";
import type { AttributeId, CaseId, ProjectId } from "./ids.js";

export const ATTRIBUTE_TYPES = ["text", "number", "date", "boolean", "category"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export function isAttributeType(value: string): value is AttributeType {
  return (ATTRIBUTE_TYPES as readonly string[]).includes(value);
}

export interface AttributeDefinition {
  id: AttributeId;
  projectId: ProjectId;
  name: string;
  type: AttributeType;
  /** For `category`: the allowed values, in display order. Empty means "any value seen so far". */
  allowedValues: string[];
}

/** A stored attribute value: dates are ISO `YYYY-MM-DD` strings, categories and text are strings. */
export type AttributeValue = string | number | boolean;

export interface Case {
  id: CaseId;
  projectId: ProjectId;
  name: string;
  /** participant, gp, group, site, study… free text so projects can name their own units. */
  kind: string;
  attributes: Record<string, AttributeValue>;
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0"]);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DMY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a date written as `YYYY-MM-DD` or the British `DD/MM/YYYY` into `YYYY-MM-DD`, or null. */
export function parseDate(raw: string): string | null {
  const text = raw.trim();
  let year: number;
  let month: number;
  let day: number;
  const iso = ISO_DATE.exec(text);
  const dmy = iso ? null : DMY_DATE.exec(text);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [day, month, year] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Converts raw text (a CSV cell, a command-line value) to a value of the attribute's type.
 * Returns null for an empty cell, which means "missing".
 * @throws QuireError `invalid_input` when the text is not a value of that type.
 */
export function coerceAttributeValue(
  definition: Pick<AttributeDefinition, "name" | "type" | "allowedValues">,
  raw: string,
): AttributeValue | null {
  const text = raw.trim();
  if (text === "") return null;
  const fail = (what: string): never => {
    throw new QuireError(
      "invalid_input",
      `"${text}" is not ${what} (attribute "${definition.name}")`,
    );
  };
  switch (definition.type) {
    case "text":
      return text;
    case "number":
      return NUMBER.test(text) ? Number(text) : fail("a number");
    case "boolean": {
      const lower = text.toLowerCase();
      if (TRUE_WORDS.has(lower)) return true;
      if (FALSE_WORDS.has(lower)) return false;
      return fail("yes or no");
    }
    case "date":
      return parseDate(text) ?? fail("a date (YYYY-MM-DD or DD/MM/YYYY)");
    case "category":
      if (definition.allowedValues.length > 0 && !definition.allowedValues.includes(text))
        fail(`one of ${definition.allowedValues.join(", ")}`);
      return text;
  }
}

/**
 * Guesses the narrowest type that fits every non-empty sample: boolean, number, date, then category
 * when there are few distinct values, else text.
 */
export function inferAttributeType(samples: Iterable<string>): AttributeType {
  let boolean = true;
  let number = true;
  let date = true;
  let count = 0;
  const distinct = new Set<string>();
  for (const raw of samples) {
    const text = raw.trim();
    if (text === "") continue;
    count++;
    if (distinct.size <= CATEGORY_LIMIT) distinct.add(text);
    const lower = text.toLowerCase();
    if (boolean && !TRUE_WORDS.has(lower) && !FALSE_WORDS.has(lower)) boolean = false;
    if (number && !NUMBER.test(text)) number = false;
    if (date && parseDate(text) === null) date = false;
  }
  if (count === 0) return "text";
  // "1"/"0" columns read as numbers: a count is likelier than a yes/no written in digits.
  if (number) return "number";
  if (boolean) return "boolean";
  if (date) return "date";
  // A column is a category when it repeats values; a column of unique values is free text.
  if (distinct.size <= CATEGORY_LIMIT && distinct.size < count) return "category";
  return "text";
}

/** At most this many distinct values make a category; more is free text (names, comments). */
const CATEGORY_LIMIT = 50;
