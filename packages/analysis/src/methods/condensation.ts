/**
 * Systematic text condensation (Malterud 2012; METHODS §3). A condensate is an "artificial
 * quotation": the analyst's first-person retelling of a subgroup's meaning units. It keeps the
 * participants' words but is not something anyone said, so it must never reach a reader as a
 * quotation (STC-2). The type below makes that hard to get wrong: a condensate's text is only
 * reachable already labelled, through {@link presentCondensate}.
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

export interface ReadingGridInput {
  codeGroups: readonly { id: string; name: string }[];
  sources: readonly { id: string; title: string }[];
  /** One entry per meaning unit: its code group and its coding's source. */
  units: readonly { codeGroupId: string; sourceId: string }[];
  checks: readonly {
    sourceId: string;
    reread: boolean;
    validated: boolean;
    contradicting: string;
  }[];
}

export interface ReadingGrid {
  codeGroups: { id: string; name: string }[];
  rows: {
    sourceId: string;
    title: string;
    /** Meaning units per code group, in column order. */
    units: number[];
    reread: boolean;
    validated: boolean;
    contradicting: string;
  }[];
}

/** The re-reading grid (STC-3): code groups × sources, with each source's re-reading checklist. */
export function buildReadingGrid(input: ReadingGridInput): ReadingGrid {
  const column = new Map(input.codeGroups.map((group, index) => [group.id, index]));
  const counts = new Map<string, number[]>();
  for (const unit of input.units) {
    const index = column.get(unit.codeGroupId);
    if (index === undefined) continue;
    const row = counts.get(unit.sourceId) ?? input.codeGroups.map(() => 0);
    row[index] = (row[index] ?? 0) + 1;
    counts.set(unit.sourceId, row);
  }
  const checks = new Map(input.checks.map((check) => [check.sourceId, check]));
  return {
    codeGroups: input.codeGroups.map(({ id, name }) => ({ id, name })),
    rows: input.sources.map((source) => {
      const check = checks.get(source.id);
      return {
        sourceId: source.id,
        title: source.title,
        units: counts.get(source.id) ?? input.codeGroups.map(() => 0),
        reread: check?.reread ?? false,
        validated: check?.validated ?? false,
        contradicting: check?.contradicting ?? "",
      };
    }),
  };
}
