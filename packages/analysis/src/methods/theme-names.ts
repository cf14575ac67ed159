/**
 * Warnings on theme names that read like topic summaries rather than themes (METHODS RTA-2). In
 * reflexive thematic analysis a theme is shared meaning organised around a central concept; a name
 * such as "Barriers to exercise" or "Stigma" only says which topic the data are about. These are
 * prompts for the analyst, never errors: a name may still be the right one.
 */

/** Why a name was flagged. */
export type ThemeNameWarningKind = "domain-summary" | "single-noun";

export interface ThemeNameWarning {
  kind: ThemeNameWarningKind;
  message: string;
}

/** Openings that name a topic (a domain) rather than say something about it. */
export const DOMAIN_SUMMARY_OPENINGS: readonly string[] = [
  "barriers to",
  "barriers of",
  "facilitators of",
  "facilitators to",
  "experiences of",
  "experience of",
  "perceptions of",
  "views on",
  "views of",
  "attitudes to",
  "attitudes towards",
  "challenges of",
  "benefits of",
];

/**
 * The warnings for one theme name; an empty list when nothing looks like a topic summary.
 * A single word counts as "a single noun": the check cannot tell nouns from other words, and a
 * one-word theme name is a topic label whatever its part of speech.
 */
export function themeNameWarnings(name: string): ThemeNameWarning[] {
  const trimmed = name.trim().replace(/\s+/g, " ");
  if (trimmed === "") return [];
  const lower = trimmed.toLowerCase();
  const warnings: ThemeNameWarning[] = [];
  const opening = DOMAIN_SUMMARY_OPENINGS.find(
    (prefix) => lower === prefix || lower.startsWith(`${prefix} `),
  );
  if (opening) {
    warnings.push({
      kind: "domain-summary",
      message: `"${trimmed}" reads like a topic summary ("${trimmed.slice(0, opening.length)}…"); a theme names the shared meaning, organised around its central concept`,
    });
  }
  if (!trimmed.includes(" ")) {
    warnings.push({
      kind: "single-noun",
      message: `"${trimmed}" is a single word, which names a topic; say what participants' accounts share about it`,
    });
  }
  return warnings;
}
