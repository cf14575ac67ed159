/**
 * The methods' entities and their rules (METHODS §1–3): theme statuses and the six reflexive TA
 * phases, the Framework Method's code origins and cell states, and the condensate of systematic
 * text condensation, which is always artificial. They live in core because storage, exports and
 * screens must all obey them alike.
 */
import { QuireError } from "./control.js";

export const THEME_STATUSES = ["candidate", "reviewed", "final", "discarded"] as const;
export type ThemeStatus = (typeof THEME_STATUSES)[number];

/** Braun & Clarke's six phases, by their 2019–22 names. */
export const RTA_PHASES: readonly { number: number; name: string }[] = [
  { number: 1, name: "Familiarisation" },
  { number: 2, name: "Coding" },
  { number: 3, name: "Generating initial themes" },
  { number: 4, name: "Developing and reviewing themes" },
  { number: 5, name: "Refining, defining and naming themes" },
  { number: 6, name: "Writing up" },
];

export function isThemeStatus(value: string): value is ThemeStatus {
  return (THEME_STATUSES as readonly string[]).includes(value);
}

/** What the status rules need to know about a theme. */
export interface ThemeEssentials {
  name: string;
  concept: string;
  definition: string;
  isMisc: boolean;
}

/**
 * Checks that a theme may take `status`. A theme is final only with a definition and a central
 * organising concept (phase 5); the miscellaneous bin is a holding place and is never final.
 * @throws QuireError `invalid_input` naming what is missing.
 */
export function assertThemeStatus(theme: ThemeEssentials, status: string): ThemeStatus {
  if (!isThemeStatus(status))
    throw new QuireError(
      "invalid_input",
      `unknown theme status "${status}"; choose one of ${THEME_STATUSES.join(", ")}`,
    );
  if (status !== "final") return status;
  if (theme.isMisc)
    throw new QuireError("invalid_input", `"${theme.name}" is the miscellaneous bin, not a theme`);
  const missing = [
    theme.concept.trim() === "" ? "a central organising concept" : null,
    theme.definition.trim() === "" ? "a definition" : null,
  ].filter((part): part is string => part !== null);
  if (missing.length > 0)
    throw new QuireError(
      "invalid_input",
      `"${theme.name}" cannot be final without ${missing.join(" and ")} (reflexive TA phase 5)`,
    );
  return status;
}

/**
 * Checks a phase number.
 * @throws QuireError `invalid_input` unless 1–6.
 */
export function assertPhase(phase: number): number {
  if (!(Number.isInteger(phase) && phase >= 1 && phase <= 6))
    throw new QuireError("invalid_input", `a phase is a whole number from 1 to 6, not ${phase}`);
  return phase;
}

export const FRAMEWORK_ORIGINS = ["a_priori", "inductive"] as const;
export type FrameworkOrigin = (typeof FRAMEWORK_ORIGINS)[number];

/** A cell's state: written, prefilled and waiting, marked as not discussed, or untouched. */
export type ChartCellState = "charted" | "unsummarised" | "not_discussed" | "not_yet_charted";

/** How a state is shown to people and in exports. */
export const CHART_STATE_LABELS: Readonly<Record<ChartCellState, string>> = {
  charted: "",
  unsummarised: "[unsummarised]",
  not_discussed: "[not discussed]",
  not_yet_charted: "[not yet charted]",
};

/**
 * A condensate is an "artificial quotation" (Malterud 2012): the analyst's first-person retelling
 * of a subgroup's meaning units. It keeps the participants' words but is not something anyone
 * said, so it must never reach a reader as a quotation (STC-2). The type makes that hard to get
 * wrong: a condensate's words are branded, and reach a reader labelled, through
 * {@link presentCondensate}.
 */
/** The label every condensate carries wherever it is shown or exported. */
export const CONDENSATE_LABEL = "Condensate (artificial quotation, not a participant's words)";

declare const artificialBrand: unique symbol;

/**
 * A condensate as it travels through Quire: `artificial` is always true and the words sit behind a
 * brand, so a condensate cannot be passed where a participant's quotation (a plain string) is
 * expected.
 */
export interface Condensate {
  readonly kind: "condensate";
  readonly artificial: true;
  readonly id: string;
  readonly subgroupId: string;
  /** The meaning units the condensate was written from: its provenance to the sources. */
  readonly unitIds: readonly string[];
  readonly words: ArtificialWords;
}

/** The condensate's words; a branded string so that it is not a quotation by accident. */
export type ArtificialWords = string & { readonly [artificialBrand]: true };

/** Makes a condensate from stored text. */
export function makeCondensate(props: {
  id: string;
  subgroupId: string;
  unitIds: readonly string[];
  text: string;
}): Condensate {
  return {
    kind: "condensate",
    artificial: true,
    id: props.id,
    subgroupId: props.subgroupId,
    unitIds: [...props.unitIds],
    words: props.text as ArtificialWords,
  };
}

/**
 * A condensate ready for a reader: the label, then the words in square brackets rather than
 * quotation marks. Every exporter and presenter that outputs a condensate goes through this.
 */
export function presentCondensate(condensate: Condensate): {
  label: typeof CONDENSATE_LABEL;
  artificial: true;
  text: string;
} {
  return {
    label: CONDENSATE_LABEL,
    artificial: true,
    text: `[${CONDENSATE_LABEL}: ${condensate.words}]`,
  };
}

/** The methods paragraph of the results export, naming Malterud's four steps (STC-5). */
export const STC_METHODS_PARAGRAPH =
  "The data were analysed by systematic text condensation (Malterud 2012) in four steps: " +
  "(1) total impression, from chaos to preliminary themes; (2) identifying and sorting meaning " +
  "units, from themes to code groups; (3) condensation, from code to meaning, writing a condensate " +
  "(an artificial quotation) for each subgroup; and (4) synthesising, from condensation to " +
  "descriptions and concepts, validated by re-reading the transcripts for contradicting data. " +
  "Condensates are the analysts' words and are labelled as such; quotations are participants' words.";
