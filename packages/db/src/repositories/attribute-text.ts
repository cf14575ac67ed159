/**
 * A case attribute's value as text, the same on both backends, for filters and groupings: values
 * are compared as text everywhere, so `age=40` matches the number 40 and `consented=true` the
 * boolean on SQLite as on PostgreSQL.
 */
import { sql } from "kysely";
import type { Store } from "../store.js";

/**
 * The SQL for one attribute of a JSON attributes column, as text. PostgreSQL's `->>` already gives
 * text; SQLite's `json_extract` gives a typed value, so it is cast to text and JSON booleans are
 * spelled `true` / `false` as `->>` spells them.
 * @param column the JSON column, e.g. `c.attributes`
 */
export function attributeTextSql(store: Store, column: string, key: string) {
  if (store.dialect.kind === "postgres") return store.dialect.jsonText(column, key);
  const path = `$."${key.replaceAll('"', '\\"')}"`;
  return sql<string | null>`(CASE json_type(${sql.ref(column)}, ${path})
    WHEN 'true' THEN 'true' WHEN 'false' THEN 'false'
    ELSE CAST(json_extract(${sql.ref(column)}, ${path}) AS TEXT) END)`;
}
