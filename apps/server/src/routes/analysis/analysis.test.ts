/** API tests of the analysis views on a small seeded study whose counts are worked out by hand. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverBackends, type TestServer } from "../../test-support/api.js";
import { seedTrustWorryStudy, TRUST_WORRY_TEXTS } from "../../test-support/trust-worry-study.js";

describe.each(serverBackends())("analysis views ($name)", (backend) => {
  let api: TestServer;
  let P: string;
  const ids: Record<string, string> = {};
  const sources: Record<string, string> = {};

  beforeAll(async () => {
    api = await backend.start();
    const study = await seedTrustWorryStudy(api, "Analysis study");
    P = study.P;
    Object.assign(ids, study.ids);
    Object.assign(sources, study.sources);
  });
  afterAll(() => api.close());

  it("counts passages, sources and cases per code, and per group when split", async () => {
    const plain = await api.call("GET", `${P}/analysis/frequencies`);
    expect(plain.status).toBe(200);
    const counts = plain.body.codes.map((c: { name: string; codings: number; cases: number }) => [
      c.name,
      c.codings,
      c.cases,
    ]);
    expect(counts).toEqual([
      ["Trust", 2, 2],
      ["Worry", 2, 2],
      ["Travel", 1, 1],
    ]);
    expect(plain.body.groups).toEqual([]);
    const split = await api.call("GET", `${P}/analysis/frequencies?attribute=Arm`);
    expect(split.body.groups).toEqual([
      { group: "CBT", cases: 2 },
      { group: "TAU", cases: 1 },
    ]);
    const worry = split.body.codes.find((c: { name: string }) => c.name === "Worry");
    expect(worry.byGroup).toEqual([
      { group: "CBT", codings: 1, cases: 1 },
      { group: "TAU", codings: 1, cases: 1 },
    ]);
    const unknown = await api.call("GET", `${P}/analysis/frequencies?attribute=Colour`);
    expect(unknown).toMatchObject({ status: 404, body: { error: { id: "attribute_not_found" } } });
  });

  it("crosses codes with an attribute and lists the counter-cases of 'only in CBT'", async () => {
    const table = await api.call("GET", `${P}/analysis/crosstab?attribute=Arm&only=CBT`);
    expect(table.status).toBe(200);
    const trust = table.body.rows.find((r: { name: string }) => r.name === "Trust");
    expect(trust.cells).toEqual([
      { group: "CBT", cases: 2, of: 2, share: 1, segments: 2 },
      { group: "TAU", cases: 0, of: 1, share: 0, segments: 0 },
    ]);
    const only = table.body.only;
    // Exclusive codes first, then by cases elsewhere; ties in creation order (Trust before Travel).
    expect(only.group).toBe("CBT");
    expect(
      only.codes.map((c: { name: string; onlyHere: boolean }) => [c.name, c.onlyHere]),
    ).toEqual([
      ["Trust", true],
      ["Travel", true],
      ["Worry", false],
    ]);
    const [counter] = only.codes[2].counterCases;
    expect(counter).toMatchObject({ caseName: "P03", group: "TAU", segments: 1 });
    expect(counter.passages).toEqual([
      expect.objectContaining({
        sourceId: sources.P03,
        sourceTitle: "P03",
        text: "Side effects worried me a lot.",
      }),
    ]);
    const missing = await api.call("GET", `${P}/analysis/crosstab`);
    expect(missing.status).toBe(400);
  });

  it("counts co-occurring codes with Jaccard over sources, by overlap or by turn", async () => {
    const overlap = await api.call("GET", `${P}/analysis/cooccurrence`);
    expect(overlap.body.rule).toBe("overlap");
    // In codebook order: siblings by name.
    expect(overlap.body.codes.map((c: { name: string }) => c.name)).toEqual([
      "Travel",
      "Trust",
      "Worry",
    ]);
    expect(overlap.body.pairs).toHaveLength(1);
    const [pair] = overlap.body.pairs;
    expect(new Set([pair.codeA, pair.codeB])).toEqual(new Set([ids.Trust, ids.Worry]));
    // Both in 1 source; Trust in 2, Worry in 2: 1 / (2 + 2 − 1).
    expect(pair).toMatchObject({ pairs: 1, sources: 1, sourcesA: 2, sourcesB: 2 });
    expect(pair.jaccard).toBeCloseTo(1 / 3, 12);
    const turn = await api.call("GET", `${P}/analysis/cooccurrence?rule=turn`);
    // One answer turn per source: Trust–Travel in P02 now counts too.
    expect(turn.body.pairs).toHaveLength(2);
    expect((await api.call("GET", `${P}/analysis/cooccurrence?rule=near`)).status).toBe(400);
  });

  it("draws the saturation curve and applies Guest's rule", async () => {
    const reply = await api.call("GET", `${P}/analysis/saturation?base=1&run=1&threshold=0`);
    expect(reply.status).toBe(200);
    expect(
      reply.body.curve.map((p: { label: string; newCodes: number; cumulative: number }) => [
        p.label,
        p.newCodes,
        p.cumulative,
      ]),
    ).toEqual([
      ["P01", 2, 2],
      ["P02", 1, 3],
      ["P03", 0, 3],
    ]);
    expect(reply.body.guest).toMatchObject({
      baseCodes: 2,
      saturated: true,
      at: { ordinal: 2, label: "P02" },
      confirmedBy: { from: 3, to: 3, newCodes: 0, ratio: 0 },
    });
    const defaults = await api.call("GET", `${P}/analysis/saturation`);
    expect(defaults.body.guest).toMatchObject({ saturated: false, options: { base: 4, run: 2 } });
    expect(defaults.body.guest.statement).toContain("not assessable");
    expect((await api.call("GET", `${P}/analysis/saturation?threshold=2`)).status).toBe(400);
  });

  // Last: it adds a second coder's codings, which every count after it would include.
  it("counts only the caller's own codings while blind, and everyone's after the reveal", async () => {
    const as = (coder: string) => ({ "X-Quire-Coder": coder });
    const get = (path: string, coder: string) =>
      api.call("GET", `${P}/analysis/${path}`, undefined, as(coder));
    expect((await api.call("POST", `${P}/blind`, { mode: "on" })).body.on).toBe(true);
    // A second coder codes P03 with Trust and Travel (overlapping) while blind.
    const text = TRUST_WORRY_TEXTS["P03.txt"] ?? "";
    const start = text.indexOf("Side effects");
    for (const name of ["Trust", "Travel"]) {
      const body = { sourceId: sources.P03, codeId: ids[name], start, end: start + 12 };
      expect((await api.call("POST", `${P}/codings`, body, as("zoe"))).status).toBe(201);
    }
    const names = (reply: { body: { codes: { name: string; codings: number }[] } }) =>
      reply.body.codes.map((c) => [c.name, c.codings]);
    // The first coder (the default actor "me") sees their own counts only.
    expect(names(await get("frequencies", "me"))).toEqual([
      ["Trust", 2],
      ["Worry", 2],
      ["Travel", 1],
    ]);
    // The second sees only theirs: no Worry, which only "me" applied.
    expect(names(await get("frequencies", "zoe"))).toEqual([
      ["Travel", 1],
      ["Trust", 1],
    ]);
    const crosstab = await get("crosstab?attribute=Arm&only=CBT", "me");
    const trust = crosstab.body.rows.find((r: { name: string }) => r.name === "Trust");
    expect(trust.cells[1]).toMatchObject({ group: "TAU", cases: 0, segments: 0 });
    expect(
      crosstab.body.only.codes.find((c: { name: string }) => c.name === "Trust").onlyHere,
    ).toBe(true);
    const zoeCrosstab = await get("crosstab?attribute=Arm&only=TAU", "zoe");
    expect(zoeCrosstab.body.rows.map((r: { name: string }) => r.name).sort()).toEqual([
      "Travel",
      "Trust",
    ]);
    const pairs = (reply: { body: { pairs: { codeA: string; codeB: string }[] } }) =>
      reply.body.pairs.map((p) => new Set([p.codeA, p.codeB]));
    expect(pairs(await get("cooccurrence", "me"))).toEqual([new Set([ids.Trust, ids.Worry])]);
    expect(pairs(await get("cooccurrence", "zoe"))).toEqual([new Set([ids.Trust, ids.Travel])]);
    const curve = (reply: { body: { curve: { label: string; newCodes: number }[] } }) =>
      reply.body.curve.map((p) => [p.label, p.newCodes]);
    expect(curve(await get("saturation?base=1&run=1&threshold=0", "me"))).toEqual([
      ["P01", 2],
      ["P02", 1],
      ["P03", 0],
    ]);
    expect(curve(await get("saturation?base=1&run=1&threshold=0", "zoe"))).toEqual([
      ["P01", 0],
      ["P02", 0],
      ["P03", 2],
    ]);

    expect((await api.call("POST", `${P}/blind`, { mode: "reveal" })).body.on).toBe(false);
    expect(names(await get("frequencies", "me"))).toEqual([
      ["Trust", 3],
      ["Travel", 2],
      ["Worry", 2],
    ]);
    const revealed = await get("crosstab?attribute=Arm&only=CBT", "me");
    const shared = revealed.body.only.codes.find((c: { name: string }) => c.name === "Trust");
    expect(shared.onlyHere).toBe(false);
    expect(shared.counterCases.map((k: { caseName: string }) => k.caseName)).toEqual(["P03"]);
    expect(pairs(await get("cooccurrence", "me"))).toHaveLength(3);
  });
});
