/** Compiles Quire's search query language to a PostgreSQL tsquery string (for `to_tsquery`). */
import { exhaustiveSwitchError, type SearchQuery } from "@quire/core";

/** A lexeme quoted for tsquery syntax; the text was already normalised to word characters. */
function lexeme(word: string): string {
  return `'${word.replaceAll("'", "''").replaceAll("\\", "\\\\")}'`;
}

export function toTsquery(query: SearchQuery): string {
  switch (query.type) {
    case "term":
      return query.prefix ? `${lexeme(query.text)}:*` : lexeme(query.text);
    case "phrase":
      return `(${query.terms.map(lexeme).join(" <-> ")})`;
    case "or":
      return `(${query.items.map(toTsquery).join(" | ")})`;
    case "and":
      return `(${query.items.map(toTsquery).join(" & ")})`;
    case "not":
      return `!${toTsquery(query.item)}`;
    default:
      return exhaustiveSwitchError(query);
  }
}
