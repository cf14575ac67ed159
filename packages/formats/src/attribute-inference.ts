/**
 * Streaming attribute-type inference: the same answer as `inferAttributeType` from `@quire/core`, in
 * bounded memory, so a column of a million cells is typed without keeping the cells.
 */
import { type AttributeType, coerceAttributeValue, inferAttributeType } from "@quire/core";

/**
 * Distinct values kept per column. Anything above core's category limit (50) works: past it a column
 * can no longer be a category, and only the type flags matter.
 */
const KEEP_DISTINCT = 64;
const FLAG_TYPES = ["number", "boolean", "date"] as const;

/**
 * Tracks one column's values. It keeps up to 64 distinct values, whether any value repeats, and, for
 * values seen after the distinct set is full, the first one that is not a number, not a boolean and
 * not a date. Calling `inferAttributeType` on those few values gives the same result as calling it on
 * every value: the type flags are the same (every failure is represented), and the category rule
 * (few distinct values, some repeated) sees the same distinct count and repetition.
 */
export class AttributeTypeTracker {
  private readonly distinct = new Set<string>();
  private repeated = false;
  /** First value beyond the kept distinct set that fails each type, by type. */
  private readonly witnesses = new Map<string, string>();

  /** Adds one raw cell; blank cells are missing values and do not count. */
  add(raw: string): void {
    const text = raw.trim();
    if (text === "") return;
    if (this.distinct.has(text)) {
      this.repeated = true;
      return;
    }
    if (this.distinct.size < KEEP_DISTINCT) {
      this.distinct.add(text);
      return;
    }
    for (const type of FLAG_TYPES) {
      if (this.witnesses.has(type)) continue;
      try {
        coerceAttributeValue({ name: "", type, allowedValues: [] }, text);
      } catch {
        this.witnesses.set(type, text);
      }
    }
  }

  /** The inferred type of the values added so far (`"text"` when there were none). */
  type(): AttributeType {
    const samples = [...this.distinct, ...this.witnesses.values()];
    const first = samples[0];
    if (this.repeated && first !== undefined) samples.push(first);
    return inferAttributeType(samples);
  }

  /** The distinct values seen, sorted naturally (`2` before `10`), when there are at most 64. */
  values(): string[] | null {
    if (this.distinct.size >= KEEP_DISTINCT) return null;
    return [...this.distinct].sort(NATURAL.compare);
  }
}

const NATURAL = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
