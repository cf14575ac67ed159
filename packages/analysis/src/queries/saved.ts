/**
 * Saved code queries as they sit in a project's settings (`settings.savedQueries`): reading them
 * back checks each definition, so a hand-edited or older settings file cannot smuggle a malformed
 * query into a run.
 */
import { QuireError } from "@quire/core";
import { type CodeQuery, normalizeCodeQuery } from "./code-query.js";

export interface SavedCodeQuery {
  name: string;
  query: CodeQuery;
  savedAt: string;
  savedBy: string;
}

/**
 * The saved queries in a project's settings, in the order they were saved.
 * @throws QuireError `invalid_input` when `savedQueries` is present but not a list of
 *   `{ name, query, savedAt, savedBy }` with valid queries.
 */
export function savedQueriesOf(settings: Record<string, unknown>): SavedCodeQuery[] {
  const raw = settings.savedQueries;
  if (raw === undefined) return [];
  if (!Array.isArray(raw))
    throw new QuireError("invalid_input", "settings.savedQueries is not a list");
  return raw.map((item: unknown, index) => {
    const entry = item as Partial<SavedCodeQuery> | null;
    if (!entry || typeof entry.name !== "string" || typeof entry.query !== "object")
      throw new QuireError("invalid_input", `saved query ${index + 1} has no name or definition`);
    normalizeCodeQuery(entry.query as CodeQuery);
    return {
      name: entry.name,
      query: entry.query as CodeQuery,
      savedAt: String(entry.savedAt ?? ""),
      savedBy: String(entry.savedBy ?? ""),
    };
  });
}

/**
 * The settings with `saved` added, replacing a saved query of the same name. Other settings are
 * kept as they were.
 * @throws QuireError `invalid_input` for an empty name or an invalid query.
 */
export function withSavedQuery(
  settings: Record<string, unknown>,
  saved: SavedCodeQuery,
): Record<string, unknown> {
  const name = saved.name.trim();
  if (name === "") throw new QuireError("invalid_input", "a saved query needs a name");
  normalizeCodeQuery(saved.query);
  const others = savedQueriesOf(settings).filter((entry) => entry.name !== name);
  return { ...settings, savedQueries: [...others, { ...saved, name }] };
}

/**
 * The settings without the saved query called `name`.
 * @throws QuireError `not_found` when there is none.
 */
export function withoutSavedQuery(
  settings: Record<string, unknown>,
  name: string,
): Record<string, unknown> {
  const current = savedQueriesOf(settings);
  const kept = current.filter((entry) => entry.name !== name);
  if (kept.length === current.length)
    throw new QuireError("not_found", `no saved query named "${name}"`);
  return { ...settings, savedQueries: kept };
}
