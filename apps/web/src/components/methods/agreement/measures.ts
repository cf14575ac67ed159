/**
 * How agreement figures are put into words: the measures' names, a plain-language band for each
 * value, the undefined cases spelled out (never NaN), and number formats. Pure, so the wording is
 * tested apart from the screen.
 *
 * Bands: κ and π by Landis & Koch (1977), the usual reading, arbitrary as they said themselves;
 * α and |uα by Krippendorff (2004): α ≥ .800 to rely on the coding, ≥ .667 for tentative
 * conclusions only. Percent agreement is not corrected for chance, so it gets no band.
 */
import type { Measure, MeasureValue } from "../../../api/agreement.js";

export const MEASURE_NAMES: Record<Measure, string> = {
  percent: "Percent agreement",
  cohen: "Cohen's κ",
  scott: "Scott's π",
  fleiss: "Fleiss' κ",
  alpha: "Krippendorff's α",
  "u-alpha": "Unitized |uα",
};

/** Short names for table headers. */
export const MEASURE_SHORT: Record<Measure, string> = {
  percent: "%",
  cohen: "κ (Cohen)",
  scott: "π (Scott)",
  fleiss: "κ (Fleiss)",
  alpha: "α",
  "u-alpha": "|uα",
};

export const MEASURE_HELP: Record<Measure, string> = {
  percent: "share of characters on which the coders agree; not corrected for chance",
  cohen: "two coders; chance from each coder's own rates",
  scott: "two coders; chance from the pooled rates",
  fleiss: "any number of coders; chance from the pooled rates",
  alpha: "any number of coders; every character a unit, the code present or absent",
  "u-alpha": "any number of coders; compares where coded stretches begin and end",
};

/** Measures that compare exactly two coders. */
export const TWO_CODER_MEASURES: readonly Measure[] = ["cohen", "scott"];

/** The measures that apply to `coders` coders, in the order they are shown. */
export function measuresFor(coders: number): Measure[] {
  const all: Measure[] = ["percent", "cohen", "scott", "fleiss", "alpha", "u-alpha"];
  return coders === 2 ? all : all.filter((m) => !TWO_CODER_MEASURES.includes(m));
}

export type Tone = "good" | "fair" | "poor" | "none";

export interface Reading {
  /** The value as shown ("0.734", "91.2 %"), or "undefined". */
  figure: string;
  /** The plain-language band or the reason it is undefined. */
  words: string;
  /** The same, short enough for a table cell. */
  short: string;
  tone: Tone;
}

const UNDEFINED_SHORT = {
  "no-data": "undefined: nothing to compare",
  "no-variation": "undefined: every coder gave one value",
} as const;

const UNDEFINED_WORDS = {
  "no-data": "undefined: no text was judged by two of the coders, so there is nothing to compare",
  "no-variation":
    "undefined: every coder gave one value throughout (e.g. nobody applied the code), so chance agreement is already perfect (0/0)",
} as const;

/** Reads one value: its figure, band and tone; undefined values say why. */
export function readValue(measure: Measure, value: MeasureValue | undefined): Reading {
  if (!value) return { figure: "—", words: "not computed", short: "not computed", tone: "none" };
  if (value.value === null || !Number.isFinite(value.value)) {
    const reason = value.undefinedReason ?? "no-data";
    return {
      figure: "undefined",
      words: UNDEFINED_WORDS[reason],
      short: UNDEFINED_SHORT[reason],
      tone: "none",
    };
  }
  const v = value.value;
  if (measure === "percent") {
    const words = "not corrected for chance";
    return { figure: percent(v), words, short: words, tone: "none" };
  }
  if (measure === "alpha" || measure === "u-alpha") {
    const [words, tone]: [string, Tone] =
      v >= 0.8
        ? ["reliable (α ≥ .800)", "good"]
        : v >= 0.667
          ? ["tentative conclusions only (α ≥ .667)", "fair"]
          : ["unreliable (α < .667)", "poor"];
    return { figure: fixed(v), words, short: words.replace(/ \(.*\)$/, ""), tone };
  }
  const words = kappaBand(v);
  return {
    figure: fixed(v),
    words,
    short: words,
    tone: v > 0.6 ? "good" : v > 0.4 ? "fair" : "poor",
  };
}

/** Landis & Koch's words for κ and π. */
export function kappaBand(v: number): string {
  if (v < 0) return "poor: worse than chance";
  if (v <= 0.2) return "slight agreement";
  if (v <= 0.4) return "fair agreement";
  if (v <= 0.6) return "moderate agreement";
  if (v <= 0.8) return "substantial agreement";
  return "almost perfect agreement";
}

/** Three decimals; a value that would round to ±0.000 but is not 0 keeps two significant digits. */
export function fixed(v: number): string {
  return v !== 0 && Math.abs(v) < 0.0005 ? v.toPrecision(2) : v.toFixed(3);
}

export function percent(v: number): string {
  return `${(v * 100).toFixed(1)} %`;
}

/** The parts behind a value, in words: "D_o 0.012 · D_e 0.045 · 12,345 characters". */
export function partsOf(measure: Measure, value: MeasureValue | undefined): string {
  if (!value) return "";
  const parts: string[] = [];
  const show = (x: number | null | undefined) => (x === null || x === undefined ? "—" : fixed(x));
  if (value.observedDisagreement !== undefined)
    parts.push(`observed disagreement ${show(value.observedDisagreement)}`);
  if (value.expectedDisagreement !== undefined && measure !== "percent")
    parts.push(`expected ${show(value.expectedDisagreement)}`);
  if (value.units !== undefined)
    parts.push(
      `${Math.round(value.units).toLocaleString("en-GB")} ${measure === "u-alpha" ? "characters of coded text compared" : "units (a character, per code)"}`,
    );
  return parts.join(" · ");
}
