/** Compiles Quire's search query language to SQLite FTS5 MATCH syntax. */
import { exhaustiveSwitchError, type SearchQuery } from "@quire/core";

/** Quotes a word as an FTS5 string so that no character of it is read as syntax. */
function quote(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

/**
 * FTS5 has no unary NOT: `a NOT b` is binary. A negated item inside an AND becomes `(rest) NOT x`;
 * the parser guarantees a query is never purely negative.
 */
export function toFts5(query: SearchQuery): string {
  switch (query.type) {
    case "term":
      return query.prefix ? `${quote(query.text)} *` : quote(query.text);
    case "phrase":
      return quote(query.terms.join(" "));
    case "or":
      return `(${query.items.map(toFts5).join(" OR ")})`;
    case "and": {
      const positive = query.items.filter((item) => item.type !== "not");
      const negative = query.items.filter((item) => item.type === "not");
      let text = positive.length > 0 ? `(${positive.map(toFts5).join(" AND ")})` : "";
      for (const item of negative) text = `${text} NOT ${toFts5(item.item)}`;
      return `(${text})`;
    }
    case "not":
      throw new RangeError("a negation must sit inside an AND with something positive");
    default:
      return exhaustiveSwitchError(query);
  }
}
