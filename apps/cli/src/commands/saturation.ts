/**
 * `quire saturation`: new codes per source in collection order with the cumulative count, and the
 * Guest et al. (2020) verdict for a base size, run length and threshold; `quire saturation power`:
 * the Fugard & Potts (2015) sample size for a theme's prevalence.
 */
import { fugardPottsSampleSize, guestSaturation, saturationCurve } from "@quire/analysis";
import { QuireError } from "@quire/core";
import { sourceCodeSets } from "@quire/db";
import { type GlobalOptions, withSession } from "../context.js";
import { type Output, table } from "../output.js";
import { visibleCoder } from "./blind-scope.js";
import { count, parseWhere } from "./segments.js";

export interface SaturationOptions extends GlobalOptions {
  base?: string;
  run?: string;
  threshold?: string;
  where: string[];
  kind: string[];
  byCoder?: string;
  k?: string;
  p?: string;
  power?: string;
}

function proportion(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const trimmed = text.trim();
  const value = trimmed.endsWith("%") ? Number(trimmed.slice(0, -1)) / 100 : Number(trimmed);
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new QuireError(
      "invalid_input",
      `${flag} takes a proportion such as 0.05 or 5%, not "${text}"`,
    );
  return value;
}

export async function saturationCommand(
  location: string,
  options: SaturationOptions,
  out: Output,
): Promise<void> {
  if (location === "power") return powerCommand(options, out);
  const settings = {
    base: count(options.base, "--base", 4),
    run: count(options.run, "--run", 2),
    threshold: proportion(options.threshold, "--threshold", 0.05),
  };
  await withSession(location, options, async (session) => {
    const { store, project } = session;
    const coder = visibleCoder(session, options.byCoder);
    const sources = await sourceCodeSets(store, project.id, {
      where: parseWhere(options.where),
      ...(options.kind.length > 0 ? { sourceKinds: options.kind } : {}),
      ...(coder ? { coder } : {}),
    });
    const curve = saturationCurve(sources);
    const guest = guestSaturation(sources, settings);
    out.result({ curve, guest }, () => {
      out.line("new codes per source, in collection order");
      out.line(
        table(
          ["#", "source", "codes", "new", "repeated", "cumulative"],
          curve.map((p, i) => [i + 1, p.label, p.codes, p.newCodes, p.repeated, p.cumulative]),
        ),
      );
      out.line();
      out.line(`Guest et al. 2020: ${guest.statement}`);
    });
  });
}

async function powerCommand(options: SaturationOptions, out: Output): Promise<void> {
  const k = count(options.k, "--k", 1);
  const p = proportion(options.p, "--p", Number.NaN);
  if (Number.isNaN(p))
    throw new QuireError("invalid_input", "power needs --p, the theme's prevalence");
  const power = proportion(options.power, "--power", 0.8);
  const result = fugardPottsSampleSize({ k, p, power });
  out.result({ k, p, power, ...result }, () => {
    out.line(
      `Fugard & Potts 2015: n = ${result.n} sources give P(theme seen ≥ ${k} times) = ${result.achieved.toFixed(4)} ≥ ${power} when its prevalence is ${p}` +
        (result.previous === null ? "" : ` (n = ${result.n - 1}: ${result.previous.toFixed(4)})`),
    );
  });
}
