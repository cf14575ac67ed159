/**
 * A three-interview study whose counts are worked out by hand, for the analysis and query API
 * tests: P01 and P02 in arm CBT, P03 in TAU; codes Trust, Worry and Travel. In P01, Trust runs
 * into "The side" and so overlaps Worry; in P02, Trust and Travel are one space apart; P03 has
 * Worry only.
 */
import { expect } from "vitest";
import type { TestServer } from "./api.js";

export const TRUST_WORRY_TEXTS: Readonly<Record<string, string>> = {
  "P01.txt": "I: Why join?\n\nR: I trust my doctor. The side effects worried me.\n",
  "P02.txt": "I: Why join?\n\nR: I trust the nurses. The travel was long.\n",
  "P03.txt": "I: Why join?\n\nR: Side effects worried me a lot.\n",
};

export interface TrustWorryStudy {
  /** The project's API prefix, `/api/projects/KEY`. */
  P: string;
  /** Code ids by name. */
  ids: Record<string, string>;
  /** Source ids by title. */
  sources: Record<string, string>;
}

/** Creates the study as project `name` (codebook TA) through the API. */
export async function seedTrustWorryStudy(api: TestServer, name: string): Promise<TrustWorryStudy> {
  const created = await api.call("POST", "/api/projects", { name, method: "codebook_ta" });
  const P = `/api/projects/${created.body.key}`;
  const ids: Record<string, string> = {};
  const sources: Record<string, string> = {};
  const form = new FormData();
  for (const [file, text] of Object.entries(TRUST_WORRY_TEXTS))
    form.append("files", new Blob([text], { type: "text/plain" }), file);
  expect((await api.call("POST", `${P}/imports`, form)).status).toBe(200);
  for (const source of (await api.call("GET", `${P}/sources`)).body.sources)
    sources[source.title] = source.id;
  await api.call("POST", `${P}/attributes`, {
    name: "Arm",
    type: "category",
    allowedValues: ["CBT", "TAU"],
  });
  for (const c of (await api.call("GET", `${P}/cases`)).body.cases)
    await api.call("PATCH", `${P}/cases/${c.id}/attributes`, {
      values: { Arm: c.name === "P03" ? "TAU" : "CBT" },
    });
  for (const code of ["Trust", "Worry", "Travel"])
    ids[code] = (await api.call("POST", `${P}/codes`, { name: code })).body.id;
  const code = async (source: string, codeName: string, words: string, extend = 0) => {
    const text = TRUST_WORRY_TEXTS[`${source}.txt`] ?? "";
    const start = text.indexOf(words);
    const reply = await api.call("POST", `${P}/codings`, {
      sourceId: sources[source],
      codeId: ids[codeName],
      start,
      end: start + words.length + extend,
    });
    expect(reply.status).toBe(201);
  };
  await code("P01", "Trust", "I trust my doctor.", 9);
  await code("P01", "Worry", "The side effects worried me.");
  await code("P02", "Trust", "I trust the nurses.");
  await code("P02", "Travel", "The travel was long.");
  await code("P03", "Worry", "Side effects worried me a lot.");
  return { P, ids, sources };
}
