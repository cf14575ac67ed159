/**
 * `quire agree STUDY --coders A,B` (agreement between coders over the project's codings, per code,
 * per source or overall), `quire disagreements` (where two or more coders differ on a source and
 * code, with the text) and `quire blind` (blind coding on, or revealed). Only the codebook and
 * framework profiles compute agreement; reflexive TA refuses with the reason (RTA-5), and so does
 * blind coding until the codings are revealed.
 */
import { CODING_MEASURES, type CodingMeasure, type MeasureValues } from "@quire/analysis";
import { QuireError } from "@quire/core";
import {
  blindState,
  findCode,
  findSource,
  listCodes,
  listSources,
  type Mutation,
  setBlindMode,
} from "@quire/db";
import { computeCoderAgreement, loadDisagreements } from "@quire/io";
import { type GlobalOptions, withSession } from "../context.js";
import { type Output, table } from "../output.js";
import { refuseWhileBlind } from "./blind-scope.js";
import { change } from "./themes.js";

export interface AgreeCodersOptions extends GlobalOptions {
  coders: string;
  measure?: string;
  by?: string;
  code?: string[];
  source?: string[];
}

export async function agreeCodersCommand(
  location: string,
  options: AgreeCodersOptions,
  out: Output,
): Promise<void> {
  const coders = options.coders
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const measures = options.measure
    ? options.measure.split(",").map((m) => measureName(m.trim()))
    : undefined;
  const by = options.by ?? "overall";
  if (!["code", "source", "overall"].includes(by))
    throw new QuireError("invalid_input", `--by is code, source or overall, not "${by}"`);
  await withSession(location, options, async ({ store, project }) => {
    refuseWhileBlind({ project });
    const codes = options.code?.length
      ? await Promise.all(options.code.map((ref) => findCode(store, project.id, ref)))
      : undefined;
    const sources = options.source?.length
      ? await Promise.all(options.source.map((ref) => findSource(store, project.id, ref)))
      : undefined;
    const report = await computeCoderAgreement(store, project, {
      coders,
      ...(measures ? { measures } : {}),
      ...(codes ? { codeIds: codes.map((c) => c.id) } : {}),
      ...(sources ? { sourceIds: sources.map((s) => s.id) } : {}),
    });
    const names = new Map<string, string>();
    for (const code of await listCodes(store, project.id)) names.set(code.id, code.name);
    for (const source of await listSources(store, project.id, { limit: 100_000 }))
      names.set(source.id, source.title);
    out.result(report, () => {
      const cell = (values: MeasureValues, measure: CodingMeasure) => {
        const v = values[measure];
        return v?.value === null || v === undefined
          ? `— (${v?.undefinedReason ?? "n/a"})`
          : v.value.toFixed(3);
      };
      const header = ["", ...report.measures];
      if (by === "overall")
        out.line(
          table(header, [["overall", ...report.measures.map((m) => cell(report.overall, m))]]),
        );
      else if (by === "code") {
        out.line(
          table(
            ["code", ...report.measures],
            report.byCode.map((row) => [
              names.get(row.codeId) ?? row.codeId,
              ...report.measures.map((m) => cell(row.values, m)),
            ]),
          ),
        );
      } else
        out.line(
          table(
            ["source", ...report.measures],
            report.bySource.map((row) => [
              names.get(row.sourceId) ?? row.sourceId,
              ...report.measures.map((m) => cell(row.values, m)),
            ]),
          ),
        );
      out.line(
        `${report.coders.join(" vs ")}; unit: character, each code judged present or absent`,
      );
    });
  });
}

export async function disagreementsCommand(
  location: string,
  options: GlobalOptions & { coders?: string; source?: string; code?: string },
  out: Output,
): Promise<void> {
  if (!options.coders || !options.source || !options.code)
    throw new QuireError("invalid_input", "give --coders A,B, --source TITLE and --code NAME");
  const coders = options.coders.split(",").map((c) => c.trim());
  const sourceRef = options.source;
  const codeRef = options.code;
  await withSession(location, options, async ({ store, project }) => {
    refuseWhileBlind({ project });
    const source = await findSource(store, project.id, sourceRef);
    const code = await findCode(store, project.id, codeRef);
    const view = await loadDisagreements(store, project, {
      sourceId: source.id,
      codeId: code.id,
      coders,
    });
    out.result(view, () => {
      for (const coder of view.ranges)
        out.line(
          `${coder.coder}: ${coder.ranges.map((r) => `[${r.start}, ${r.end}) “${r.text}”`).join("; ") || "(nothing)"}`,
        );
      out.line();
      if (view.disagreements.length === 0) return out.line("no disagreements");
      out.line(
        table(
          ["from", "to", "coded by", "not by", "text"],
          view.disagreements.map((d) => [
            d.start,
            d.end,
            d.codedBy.join(","),
            d.notCodedBy.join(","),
            d.text,
          ]),
        ),
      );
    });
  });
}

export async function blindCommand(
  location: string,
  mode: string | undefined,
  options: GlobalOptions & { rationale?: string },
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    let state = blindState(session.project);
    if (mode !== undefined) {
      if (!["on", "off", "reveal"].includes(mode))
        throw new QuireError("invalid_input", `blind mode is on, off or reveal, not "${mode}"`);
      // "off" ends blind coding like "reveal": either way every coder's codings become visible.
      const target = mode === "on" ? "on" : "reveal";
      state = await change(
        session,
        target === "on" ? "blind.on" : "blind.reveal",
        async (m: Mutation) => {
          const next = await setBlindMode(m, target);
          m.summary =
            target === "on"
              ? "started blind coding"
              : "revealed every coder's codings (blind coding ended)";
          return next;
        },
        options.rationale,
      );
    }
    out.result(state, () =>
      out.line(
        state.on
          ? `blind coding is on since ${state.since}: each coder sees only their own codings`
          : state.revealedAt
            ? `blind coding is off; revealed by ${state.revealedBy} at ${state.revealedAt}`
            : "blind coding is off",
      ),
    );
  });
}

function measureName(name: string): CodingMeasure {
  const aliases: Record<string, CodingMeasure> = {
    kappa: "cohen",
    pi: "scott",
    "unitized-alpha": "u-alpha",
    ualpha: "u-alpha",
  };
  const measure = aliases[name] ?? name;
  if (!(CODING_MEASURES as readonly string[]).includes(measure))
    throw new QuireError(
      "invalid_input",
      `unknown measure "${name}"; choose from ${CODING_MEASURES.join(", ")}`,
    );
  return measure as CodingMeasure;
}
