/**
 * Agreement between coders over a project's codings, per code, per source and overall (METHODS
 * RTA-5, FW-1), built on the agreement accumulators. Sources are added one at a time with their
 * codings, so memory depends on the codes and the one source in hand, never on the number of
 * units (characters) or sources: per-source results are finished as each source is added.
 *
 * The unit is the character: for each code, every character of every listed source is a unit with
 * one value per coder, 1 when the coder applied the code there and 0 otherwise (NVivo's per-code
 * comparison). A code nobody applied to a source still counts there, as agreed absence.
 */
import { QuireError } from "@quire/core";
import { createAlphaAccumulator } from "../agreement/alpha.js";
import {
  type CodedSpan,
  codePresenceUnits,
  unitizedContinuaForCodes,
} from "../agreement/coded-text.js";
import { createFleissAccumulator } from "../agreement/fleiss.js";
import { createPercentAgreementAccumulator } from "../agreement/percent.js";
import { createTwoCoderAccumulator } from "../agreement/two-coder.js";
import { createUnitizedAccumulator, type UnitizedContinuum } from "../agreement/unitized.js";
import type { UndefinedReason } from "../agreement/values.js";

export const CODING_MEASURES = ["percent", "cohen", "scott", "fleiss", "alpha", "u-alpha"] as const;
/** percent agreement, Cohen's κ, Scott's π, Fleiss' κ, Krippendorff's α (nominal), |uα. */
export type CodingMeasure = (typeof CODING_MEASURES)[number];

export interface MeasureValue {
  value: number | null;
  undefinedReason: UndefinedReason | null;
  /** D_o (for κ, π and percent: 1 − observed agreement); null where nothing was compared. */
  observedDisagreement?: number | null;
  /** D_e (for κ and π: 1 − chance agreement); absent for percent agreement. */
  expectedDisagreement?: number | null;
  /** Units the value rests on: characters (for |uα the length of the continua). */
  units?: number;
}

export type MeasureValues = Partial<Record<CodingMeasure, MeasureValue>>;

export interface CodingAgreementReport {
  coders: string[];
  measures: CodingMeasure[];
  /** Characters compared per code, summed over the sources. */
  unit: "character";
  overall: MeasureValues;
  byCode: { codeId: string; values: MeasureValues }[];
  bySource: { sourceId: string; length: number; values: MeasureValues }[];
}

export interface CodingAgreementOptions {
  coders: readonly string[];
  /** The codes compared; spans of other codes are ignored. */
  codeIds: readonly string[];
  measures?: readonly CodingMeasure[];
}

/** Streams sources with their codings into the agreement measures. */
export interface CodingAgreementAccumulator {
  /**
   * Adds one source: its length and every listed coder's spans on it.
   * @throws QuireError `invalid_input` for a span outside the source or by an unlisted coder.
   */
  addSource(sourceId: string, length: number, spans: readonly CodedSpan[]): void;
  result(): CodingAgreementReport;
}

interface Accumulators {
  add(values: (0 | 1)[], weight: number): void;
  addContinuum(continuum: UnitizedContinuum): void;
  result(): MeasureValues;
}

/**
 * Creates the accumulator.
 * @throws QuireError `invalid_input` for fewer than two coders, an unknown measure, or Cohen's κ or
 *   Scott's π asked of other than two coders.
 */
export function createCodingAgreement(options: CodingAgreementOptions): CodingAgreementAccumulator {
  const coders = [...options.coders];
  if (new Set(coders).size < 2)
    throw new QuireError("invalid_input", "agreement needs at least two different coders");
  const measures = [...(options.measures ?? defaultMeasures(coders.length))];
  for (const measure of measures) {
    if (!(CODING_MEASURES as readonly string[]).includes(measure))
      throw new QuireError(
        "invalid_input",
        `unknown measure "${measure}"; choose from ${CODING_MEASURES.join(", ")}`,
      );
    if ((measure === "cohen" || measure === "scott") && coders.length !== 2)
      throw new QuireError(
        "invalid_input",
        `${measure === "cohen" ? "Cohen's κ" : "Scott's π"} compares exactly two coders; use fleiss or alpha for ${coders.length}`,
      );
  }
  const codeIds = [...new Set(options.codeIds)];
  const wanted = new Set(codeIds);
  const byCode = new Map(codeIds.map((id) => [id, accumulators(measures)]));
  const overall = accumulators(measures);
  const bySource: CodingAgreementReport["bySource"] = [];
  const wantsUnitized = measures.includes("u-alpha");

  return {
    addSource(sourceId, length, spans) {
      const mine = spans.filter((span) => wanted.has(span.codeId));
      const units = codePresenceUnits(mine, [{ sourceId, length }], { coders });
      const source = accumulators(measures);
      for (const codeId of codeIds) {
        const code = byCode.get(codeId) as Accumulators;
        const stretches = units.get(codeId) ?? [
          { values: coders.map(() => 0 as const), weight: length },
        ];
        for (const stretch of stretches) {
          if (stretch.weight <= 0) continue;
          for (const target of [code, source, overall]) target.add(stretch.values, stretch.weight);
        }
        if (wantsUnitized && length > 0) {
          const [continuum] = unitizedContinuaForCodes(mine, [{ sourceId, length }], [codeId], {
            coders,
          });
          if (continuum)
            for (const target of [code, source, overall]) target.addContinuum(continuum.continuum);
        }
      }
      bySource.push({ sourceId, length, values: source.result() });
    },
    result() {
      return {
        coders,
        measures,
        unit: "character",
        overall: overall.result(),
        byCode: codeIds.map((codeId) => ({
          codeId,
          values: (byCode.get(codeId) as Accumulators).result(),
        })),
        bySource,
      };
    },
  };
}

function defaultMeasures(coders: number): CodingMeasure[] {
  return coders === 2
    ? ["percent", "cohen", "scott", "fleiss", "alpha", "u-alpha"]
    : ["percent", "fleiss", "alpha", "u-alpha"];
}

function accumulators(measures: readonly CodingMeasure[]): Accumulators {
  const want = new Set(measures);
  const percent = want.has("percent") ? createPercentAgreementAccumulator() : null;
  const two = want.has("cohen") || want.has("scott") ? createTwoCoderAccumulator() : null;
  const fleiss = want.has("fleiss") ? createFleissAccumulator() : null;
  const alpha = want.has("alpha") ? createAlphaAccumulator("nominal") : null;
  const unitized = want.has("u-alpha") ? createUnitizedAccumulator() : null;
  const pick = (r: { value: number | null; undefinedReason: UndefinedReason | null }) => ({
    value: r.value,
    undefinedReason: r.undefinedReason,
  });
  const complement = (x: number | null) => (x === null ? null : 1 - x);
  const fromAgreement = (r: {
    observedAgreement: number | null;
    expectedAgreement: number | null;
    units: number;
  }) => ({
    observedDisagreement: complement(r.observedAgreement),
    expectedDisagreement: complement(r.expectedAgreement),
    units: r.units,
  });
  return {
    add(values, weight) {
      percent?.add(values, weight);
      two?.add(values[0], values[1], weight);
      fleiss?.add(values, weight);
      alpha?.add(values, weight);
    },
    addContinuum(continuum) {
      unitized?.add(continuum);
    },
    result() {
      const values: MeasureValues = {};
      if (percent) {
        const r = percent.result();
        values.percent = { ...pick(r), observedDisagreement: complement(r.value), units: r.units };
      }
      if (two && want.has("cohen")) {
        const r = two.cohenKappa();
        values.cohen = { ...pick(r), ...fromAgreement(r) };
      }
      if (two && want.has("scott")) {
        const r = two.scottPi();
        values.scott = { ...pick(r), ...fromAgreement(r) };
      }
      if (fleiss) {
        const r = fleiss.result();
        values.fleiss = { ...pick(r), ...fromAgreement(r) };
      }
      if (alpha) {
        const r = alpha.result();
        const { observedDisagreement, expectedDisagreement, units } = r;
        values.alpha = { ...pick(r), observedDisagreement, expectedDisagreement, units };
      }
      if (unitized) {
        const r = unitized.binaryUAlpha();
        const { observedDisagreement, expectedDisagreement, continuumLength } = r;
        values["u-alpha"] = {
          ...pick(r),
          observedDisagreement,
          expectedDisagreement,
          units: continuumLength,
        };
      }
      return values;
    },
  };
}

export interface DisagreementStretch {
  start: number;
  end: number;
  /** The coders who applied the code to this stretch; the others did not. */
  codedBy: string[];
  notCodedBy: string[];
  text: string;
}

export interface SideBySide {
  sourceId: string;
  codeId: string;
  /** Each coder's ranges of the code, merged where they overlap or touch. */
  ranges: { coder: string; ranges: { start: number; end: number; text: string }[] }[];
  disagreements: DisagreementStretch[];
}

/**
 * The side-by-side view of one source and code: each coder's ranges and the stretches where the
 * coders differ, with their text.
 * @throws QuireError `invalid_input` as {@link codePresenceUnits} does.
 */
export function disagreementStretches(
  sourceId: string,
  codeId: string,
  text: string,
  coders: readonly string[],
  spans: readonly CodedSpan[],
): SideBySide {
  const mine = spans.filter((span) => span.codeId === codeId && span.sourceId === sourceId);
  const units =
    codePresenceUnits(mine, [{ sourceId, length: text.length }], { coders }).get(codeId) ?? [];
  const ranges = coders.map((coder, index) => {
    const own: { start: number; end: number; text: string }[] = [];
    for (const stretch of units) {
      if (stretch.values[index] !== 1) continue;
      const last = own[own.length - 1];
      if (last && last.end === stretch.start) last.end = stretch.end;
      else own.push({ start: stretch.start, end: stretch.end, text: "" });
    }
    for (const range of own) range.text = text.slice(range.start, range.end);
    return { coder, ranges: own };
  });
  const disagreements: DisagreementStretch[] = [];
  for (const stretch of units) {
    if (stretch.values.every((value) => value === stretch.values[0])) continue;
    const codedBy = coders.filter((_, i) => stretch.values[i] === 1);
    const last = disagreements[disagreements.length - 1];
    if (
      last &&
      last.end === stretch.start &&
      last.codedBy.join("\u0000") === codedBy.join("\u0000")
    )
      last.end = stretch.end;
    else
      disagreements.push({
        start: stretch.start,
        end: stretch.end,
        codedBy,
        notCodedBy: coders.filter((_, i) => stretch.values[i] !== 1),
        text: "",
      });
  }
  for (const stretch of disagreements) stretch.text = text.slice(stretch.start, stretch.end);
  return { sourceId, codeId, ranges, disagreements };
}

/** Method profiles in which coder agreement is computed (RTA-5: never in reflexive TA). */
export const AGREEMENT_PROFILES: readonly string[] = ["codebook_ta", "framework"];

/**
 * Checks that the project's method allows agreement statistics.
 * @throws QuireError `invalid_input` explaining why reflexive TA (and other profiles) compute none.
 */
export function assertAgreementAllowed(method: string): void {
  if (AGREEMENT_PROFILES.includes(method)) return;
  throw new QuireError(
    "invalid_input",
    method === "reflexive_ta"
      ? "agreement statistics are not computed in reflexive thematic analysis: coding is interpretive, and analysts compare coding to deepen it, not to measure reliability (Braun & Clarke 2019, 2021); switch the project to codebook_ta or framework to use them"
      : `agreement statistics are offered in the codebook_ta and framework profiles, not in ${method}`,
  );
}
