/**
 * The COREQ 32-item checklist (Tong et al. 2007; METHODS §5) filled from what the project holds.
 * Each item says how its value came about: "computed" from the data, "prefilled" from a structured
 * field the researchers wrote (project settings `coreq.<item>`, journal entries), or "needs the
 * researcher" with a prompt of what to write. Pure: the facts are gathered elsewhere, so the rules
 * can be tested without a store.
 */

export type CoreqStatus = "computed" | "prefilled" | "needs the researcher";

export interface CoreqItem {
  number: number;
  domain: string;
  item: string;
  status: CoreqStatus;
  /** The value, or for "needs the researcher" what to write. */
  value: string;
}

/** What the report knows about the project, already counted. */
export interface CoreqFacts {
  method: string;
  softwareVersion: string;
  /** Cases per kind, e.g. { participant: 11 }. */
  casesByKind: Record<string, number>;
  /** The attribute the report compares by and the cases per value, when one is chosen. */
  attribute?: { name: string; groups: { value: string; cases: number }[] };
  /** Per attribute: its values and how many cases have each. */
  sampleTable: { attribute: string; values: { value: string; cases: number }[] }[];
  /** Sources per kind, e.g. { interview: 7, focus_group: 1 }. */
  sourcesByKind: Record<string, number>;
  /** Distinct values of source metadata fields, where sources have them. */
  interviewers: string[];
  settings: string[];
  media: string[];
  /** Durations in minutes from source metadata. */
  durations: number[];
  /** Cases with more than one interview. */
  repeatCases: number;
  fieldNotes: number;
  coders: string[];
  codes: number;
  derivationEntries: number;
  quotations: number;
  labelledQuotations: number;
  majorThemes: string[];
  minorThemes: string[];
  /** Codes linked to no theme: the diverse or unplaced material (item 32). */
  unplacedCodes: number;
  reflexiveEntries: number;
  /** Saturation as a sentence, or null when not assessed. */
  saturation: string | null;
  /** The researchers' own text for an item, by item number (project settings `coreq`). */
  entered: Record<string, string>;
}

const DOMAINS: [number, string, string][] = [
  [1, "Research team and reflexivity", "Interviewer/facilitator"],
  [2, "Research team and reflexivity", "Credentials"],
  [3, "Research team and reflexivity", "Occupation"],
  [4, "Research team and reflexivity", "Gender"],
  [5, "Research team and reflexivity", "Experience and training"],
  [6, "Research team and reflexivity", "Relationship established"],
  [7, "Research team and reflexivity", "Participant knowledge of the interviewer"],
  [8, "Research team and reflexivity", "Interviewer characteristics"],
  [9, "Study design", "Methodological orientation and theory"],
  [10, "Study design", "Sampling"],
  [11, "Study design", "Method of approach"],
  [12, "Study design", "Sample size"],
  [13, "Study design", "Non-participation"],
  [14, "Study design", "Setting of data collection"],
  [15, "Study design", "Presence of non-participants"],
  [16, "Study design", "Description of sample"],
  [17, "Study design", "Interview guide"],
  [18, "Study design", "Repeat interviews"],
  [19, "Study design", "Audio/visual recording"],
  [20, "Study design", "Field notes"],
  [21, "Study design", "Duration"],
  [22, "Study design", "Data saturation"],
  [23, "Study design", "Transcripts returned"],
  [24, "Analysis and findings", "Number of data coders"],
  [25, "Analysis and findings", "Description of the coding tree"],
  [26, "Analysis and findings", "Derivation of themes"],
  [27, "Analysis and findings", "Software"],
  [28, "Analysis and findings", "Participant checking"],
  [29, "Analysis and findings", "Quotations presented"],
  [30, "Analysis and findings", "Data and findings consistent"],
  [31, "Analysis and findings", "Clarity of major themes"],
  [32, "Analysis and findings", "Clarity of minor themes"],
];

/** What to write when the project cannot say it. */
const PROMPTS: Record<number, string> = {
  1: "Which author(s) conducted the interviews or focus groups?",
  2: "The researchers' credentials, e.g. PhD, MD.",
  3: "Their occupation at the time of the study.",
  4: "Were they male or female?",
  5: "What experience or training did they have?",
  6: "Was a relationship established before the study began?",
  7: "What did the participants know about the researcher (goals, reasons for the research)?",
  8: "What characteristics of the interviewer were reported (bias, assumptions, interests)? Write them in the reflexive journal.",
  10: "How were participants selected (purposive, convenience, snowball…)?",
  11: "How were participants approached (face-to-face, telephone, mail, email)?",
  13: "How many people refused or dropped out, and why?",
  14: "Where were the data collected (home, clinic, workplace)? Sources can carry metadata.setting.",
  15: "Was anyone else present besides the participants and researchers?",
  17: "Were questions, prompts and guides provided by the authors? Was the guide pilot tested?",
  19: "Did the research use audio or visual recording? Sources can carry metadata.media.",
  21: "Duration of the interviews or focus groups. Sources can carry metadata.duration (minutes).",
  23: "Were transcripts returned to participants for comment or correction?",
  28: "Did participants provide feedback on the findings?",
  30: "Is there consistency between the data presented and the findings? A judgement for the researchers.",
};

const METHOD_NAMES: Record<string, string> = {
  reflexive_ta: "Reflexive thematic analysis (Braun & Clarke 2006, 2019, 2022)",
  codebook_ta: "Codebook thematic analysis",
  framework: "The Framework Method (Gale et al. 2013; Ritchie & Spencer 1994)",
  stc: "Systematic text condensation (Malterud 2012)",
  thematic_synthesis: "Thematic synthesis (Thomas & Harden 2008)",
  content_analysis: "Qualitative content analysis",
};

function counts(record: Record<string, number>): string {
  return Object.entries(record)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind.replace(/_/g, " ")}`)
    .join(", ");
}

/** Minimum, median and maximum, in minutes. */
export function durationSummary(minutes: readonly number[]): string | null {
  const sorted = minutes.filter((m) => Number.isFinite(m) && m > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] ?? 0)
      : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const round = (n: number) => Math.round(n * 10) / 10;
  return `min ${round(sorted[0] ?? 0)}, median ${round(median)}, max ${round(sorted.at(-1) ?? 0)} minutes (${sorted.length} sources with a recorded duration)`;
}

/** Computed when the fact is there, else the researchers' entry (prefilled), else a prompt. */
function computedItem(facts: CoreqFacts, n: number): { status: CoreqStatus; value: string } | null {
  const computed = (value: string) => ({ status: "computed" as const, value });
  switch (n) {
    case 1:
      return facts.interviewers.length > 0 ? computed(facts.interviewers.join(", ")) : null;
    case 9:
      return computed(METHOD_NAMES[facts.method] ?? facts.method);
    case 12: {
      const total = Object.values(facts.casesByKind).reduce((a, b) => a + b, 0);
      const byArm = facts.attribute
        ? `; by ${facts.attribute.name}: ${facts.attribute.groups.map((g) => `${g.value} ${g.cases}`).join(", ")}`
        : "";
      return computed(`${total} cases (${counts(facts.casesByKind) || "none"})${byArm}`);
    }
    case 14:
      return facts.settings.length > 0 ? computed(facts.settings.join("; ")) : null;
    case 16:
      return facts.sampleTable.length > 0
        ? computed(
            facts.sampleTable
              .map(
                (a) => `${a.attribute}: ${a.values.map((v) => `${v.value} ${v.cases}`).join(", ")}`,
              )
              .join("; "),
          )
        : null;
    case 18:
      return computed(
        facts.repeatCases > 0
          ? `${facts.repeatCases} cases were interviewed more than once`
          : "no case has more than one interview",
      );
    case 19:
      return facts.media.length > 0 ? computed(facts.media.join(", ")) : null;
    case 20:
      return computed(`${facts.fieldNotes} field notes (field-note sources and memos)`);
    case 21: {
      const summary = durationSummary(facts.durations);
      return summary ? computed(summary) : null;
    }
    case 22:
      return facts.saturation ? computed(facts.saturation) : null;
    case 24:
      return computed(
        `${facts.coders.length} ${facts.coders.length === 1 ? "coder" : "coders"}${facts.coders.length > 0 ? ` (${facts.coders.join(", ")})` : ""}`,
      );
    case 25:
      return computed(`${facts.codes} codes; see "Coding tree"`);
    case 26:
      return computed(
        `${facts.derivationEntries} dated entries from the audit log; see "Derivation of themes"`,
      );
    case 27:
      return computed(`Quire ${facts.softwareVersion}`);
    case 29:
      return computed(
        `${facts.quotations} quotations presented, ${facts.labelledQuotations} identified by case and attributes`,
      );
    case 31:
      return facts.majorThemes.length > 0
        ? computed(`${facts.majorThemes.length}: ${facts.majorThemes.join("; ")}`)
        : null;
    case 32:
      return computed(
        `${facts.minorThemes.length} minor themes or subthemes${facts.minorThemes.length > 0 ? ` (${facts.minorThemes.join("; ")})` : ""}; ${facts.unplacedCodes} codes placed in no theme`,
      );
    default:
      return null;
  }
}

/** The 32 items in order, each with its value and how it was filled. */
export function prefillCoreq(facts: CoreqFacts): CoreqItem[] {
  return DOMAINS.map(([number, domain, item]) => {
    const found = computedItem(facts, number);
    const entered = facts.entered[String(number)]?.trim();
    if (found) return { number, domain, item, ...found };
    if (entered) return { number, domain, item, status: "prefilled", value: entered };
    if (number === 8 && facts.reflexiveEntries > 0)
      return {
        number,
        domain,
        item,
        status: "prefilled",
        value: `${facts.reflexiveEntries} reflexive journal entries record positionality and assumptions; summarise them here`,
      };
    return {
      number,
      domain,
      item,
      status: "needs the researcher",
      value: PROMPTS[number] ?? "Write this item.",
    };
  });
}
