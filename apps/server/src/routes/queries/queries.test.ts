/**
 * API tests of code queries, saved queries, the code × case matrix and words with keyword in
 * context, on a small seeded study whose answers are worked out by hand, on both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Reply, serverBackends, type TestServer } from "../../test-support/api.js";
import { seedTrustWorryStudy, TRUST_WORRY_TEXTS } from "../../test-support/trust-worry-study.js";

describe.each(serverBackends())("code queries ($name)", (backend) => {
  let api: TestServer;
  let P: string;
  const ids: Record<string, string> = {};
  const sources: Record<string, string> = {};

  const run = (body: unknown, coder?: string) =>
    api.call("POST", `${P}/queries/run`, body, coder ? { "X-Quire-Coder": coder } : {});
  const titles = (reply: Reply) =>
    reply.body.segments.map((s: { sourceTitle: string; text: string }) => [s.sourceTitle, s.text]);

  beforeAll(async () => {
    api = await backend.start();
    const study = await seedTrustWorryStudy(api, "Query study");
    P = study.P;
    Object.assign(ids, study.ids);
    Object.assign(sources, study.sources);
  });
  afterAll(() => api.close());

  it("returns passages with text, source, case and attributes, and the sources and cases", async () => {
    const reply = await run({ query: { codes: [ids.Trust] }, context: 5 });
    expect(reply.status).toBe(200);
    expect(reply.body.total).toBe(2);
    expect(titles(reply)).toEqual([
      ["P01", "I trust my doctor. The side"],
      ["P02", "I trust the nurses."],
    ]);
    expect(reply.body.segments[1]).toMatchObject({
      codeName: "Trust",
      codePath: "Trust",
      caseName: "P02",
      caseAttributes: { Arm: "CBT" },
      coder: "me",
      before: "\n\nR: ",
    });
    const text = TRUST_WORRY_TEXTS["P02.txt"] ?? "";
    const hit = reply.body.segments[1];
    expect(text.slice(hit.start, hit.end)).toBe("I trust the nurses.");
    expect(
      reply.body.sources.map((s: { title: string; hits: number }) => [s.title, s.hits]),
    ).toEqual([
      ["P01", 1],
      ["P02", 1],
    ]);
    expect(reply.body.cases.map((k: { name: string }) => k.name)).toEqual(["P01", "P02"]);
    expect(reply.body.cases[0].attributes).toEqual({ Arm: "CBT" });
  });

  it("combines codes with AND and NOT by each proximity, and filters by attribute", async () => {
    const count = async (query: unknown) => (await run({ query })).body.total;
    expect(await count({ codes: [ids.Trust], and: [ids.Worry] })).toBe(1);
    expect(await count({ codes: [ids.Trust], not: [ids.Worry] })).toBe(1);
    expect(titles(await run({ query: { codes: [ids.Trust], not: [ids.Worry] } }))).toEqual([
      ["P02", "I trust the nurses."],
    ]);
    // Trust and Travel in P02 are one space apart: not overlapping, within 1 but not 0 characters.
    expect(await count({ codes: [ids.Trust], and: [ids.Travel] })).toBe(0);
    const within = (chars: number) => ({ kind: "within", chars });
    expect(await count({ codes: [ids.Trust], and: [ids.Travel], near: within(0) })).toBe(0);
    expect(await count({ codes: [ids.Trust], and: [ids.Travel], near: within(1) })).toBe(1);
    expect(await count({ codes: [ids.Trust], and: [ids.Travel], near: { kind: "turn" } })).toBe(1);
    expect(await count({ codes: [ids.Trust], and: [ids.Travel], near: { kind: "source" } })).toBe(
      1,
    );
    expect(await count({ codes: [ids.Worry], where: { Arm: "TAU" } })).toBe(1);
    expect(await count({ codes: [ids.Worry, ids.Travel], where: { Arm: "CBT" } })).toBe(2);
    expect(await count({ codes: [ids.Trust], coder: "someone else" })).toBe(0);
    expect(await count({ codes: [ids.Trust], sourceKinds: ["focus_group"] })).toBe(0);
  });

  it("answers as sources or cases with counts only, and pages passages", async () => {
    const cases = await run({ query: { codes: [ids.Worry] }, as: "cases" });
    expect(cases.body).toMatchObject({ view: "cases", total: 2, segments: [] });
    expect(cases.body.cases.map((k: { name: string; hits: number }) => [k.name, k.hits])).toEqual([
      ["P01", 1],
      ["P03", 1],
    ]);
    const second = await run({ query: { codes: [ids.Trust, ids.Worry] }, limit: 1, offset: 1 });
    expect(second.body.total).toBe(4);
    expect(titles(second)).toEqual([["P01", "The side effects worried me."]]);
  });

  it("narrows a query to one case's sources, as a matrix cell asks", async () => {
    const cases = (await api.call("GET", `${P}/cases`)).body.cases as {
      id: string;
      name: string;
    }[];
    const p01 = cases.find((k) => k.name === "P01")?.id;
    const reply = await run({ query: { codes: [ids.Trust, ids.Worry] }, caseId: p01 });
    expect(reply.body.total).toBe(2);
    expect(titles(reply).map(([title]: string[]) => title)).toEqual(["P01", "P01"]);
    expect(reply.body.sources).toMatchObject([{ title: "P01", hits: 2 }]);
    expect(reply.body.cases).toMatchObject([{ name: "P01", hits: 2 }]);
    const paged = await run({ query: { codes: [ids.Trust, ids.Worry] }, caseId: p01, offset: 1 });
    expect(titles(paged)).toEqual([["P01", "The side effects worried me."]]);
    const unknown = await run({ query: { codes: [ids.Trust] }, caseId: "nobody" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ id: "case_not_found" });
    expect(unknown.body.error.message).toContain("nobody");
  });

  it("refuses bad input with an error that names what is wrong", async () => {
    const unknown = await run({ query: { codes: [ids.Trust], not: ["no-such-code"] } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.id).toBe("code_not_found");
    expect(unknown.body.error.message).toContain("no-such-code");
    const attribute = await run({ query: { codes: [ids.Trust], where: { Site: "A" } } });
    expect(attribute.status).toBe(404);
    expect(attribute.body.error).toMatchObject({ id: "attribute_not_found" });
    expect(attribute.body.error.message).toContain("Site");
    for (const body of [
      { query: { codes: [] } },
      { query: { codes: [ids.Trust], near: { kind: "within", chars: -1 } } },
      { query: { codes: [ids.Trust], near: { kind: "nearby" } } },
      { query: { codes: [ids.Trust] }, saved: "x" },
      {},
    ]) {
      const reply = await run(body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.id).toBe("invalid_input");
    }
    const missing = await run({ saved: "never saved" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain("never saved");
  });

  it("saves a query as one undoable change, lists it, runs it by name and deletes it", async () => {
    const name = "Trust, not worry / CBT";
    const query = { codes: [ids.Trust], not: [ids.Worry], where: { Arm: "CBT" } };
    const saved = await api.call("POST", `${P}/queries/saved`, { name, query });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name, query, savedBy: "me" });
    const events = await api.call("GET", `${P}/history/events`);
    expect(events.body.events[0].summary).toContain(name);
    const list = await api.call("GET", `${P}/queries/saved`);
    expect(list.body.queries.map((q: { name: string }) => q.name)).toEqual([name]);
    const byName = await run({ saved: name });
    expect(byName.body.query).toEqual(query);
    expect(titles(byName)).toEqual([["P02", "I trust the nurses."]]);

    // The same name replaces; an unknown code is refused before anything is written.
    await api.call("POST", `${P}/queries/saved`, { name, query: { codes: [ids.Worry] } });
    expect((await api.call("GET", `${P}/queries/saved`)).body.queries).toHaveLength(1);
    expect((await run({ saved: name })).body.total).toBe(2);
    const bad = await api.call("POST", `${P}/queries/saved`, {
      name: "bad",
      query: { codes: ["gone"] },
    });
    expect(bad.body.error).toMatchObject({ id: "code_not_found" });
    expect((await api.call("POST", `${P}/queries/saved`, { name: "  ", query })).status).toBe(400);

    expect((await api.call("POST", `${P}/history/undo`)).status).toBe(200);
    expect((await run({ saved: name })).body.query).toEqual(query);

    const path = `${P}/queries/saved/${encodeURIComponent(name)}`;
    expect((await api.call("DELETE", path)).body).toEqual({ ok: true });
    expect((await api.call("GET", `${P}/queries/saved`)).body.queries).toEqual([]);
    const again = await api.call("DELETE", path);
    expect(again.status).toBe(404);
    expect(again.body.error.message).toContain(name);
  });

  it("lays out the code × case matrix, filtered by attribute and codes", async () => {
    // Codes in codebook order (siblings by name), cases by name.
    const all = await api.call("GET", `${P}/queries/code-case-matrix`);
    expect(all.status).toBe(200);
    expect(
      all.body.codes.map((c: { name: string; segments: number }) => [c.name, c.segments]),
    ).toEqual([
      ["Travel", 1],
      ["Trust", 2],
      ["Worry", 2],
    ]);
    const rows = (reply: Reply) =>
      reply.body.cases.map((k: { name: string; counts: number[] }) => [k.name, k.counts]);
    expect(rows(all)).toEqual([
      ["P01", [0, 1, 1]],
      ["P02", [1, 1, 0]],
      ["P03", [0, 0, 1]],
    ]);
    expect(all.body.max).toBe(1);
    expect(all.body.cases[2].attributes).toEqual({ Arm: "TAU" });
    const tau = await api.call(
      "GET",
      `${P}/queries/code-case-matrix?where=Arm:TAU&code=${ids.Worry}&code=${ids.Travel}`,
    );
    // Codes keep codebook order, whatever order they were asked in.
    expect(tau.body.codes.map((c: { name: string }) => c.name)).toEqual(["Travel", "Worry"]);
    expect(rows(tau)).toEqual([["P03", [0, 1]]]);
    const unknown = await api.call("GET", `${P}/queries/code-case-matrix?code=nope`);
    expect(unknown.body.error).toMatchObject({ id: "code_not_found" });
    const where = await api.call("GET", `${P}/queries/code-case-matrix?where=Site:A`);
    expect(where.body.error).toMatchObject({ id: "attribute_not_found" });
  });

  it("counts words without stop words in all sources, some sources or a code's passages", async () => {
    const all = await api.call("POST", `${P}/queries/words`, {});
    expect(all.status).toBe(200);
    expect(all.body.scope).toEqual({ description: "all 3 sources", texts: 3 });
    const counts = (reply: Reply) =>
      Object.fromEntries(
        reply.body.words.map((w: { word: string; count: number }) => [w.word, w.count]),
      );
    expect(counts(all)).toMatchObject({ trust: 2, side: 2, effects: 2, worried: 2, nurses: 1 });
    expect(counts(all).the).toBeUndefined();
    const withStop = await api.call("POST", `${P}/queries/words`, { keepStopWords: true, top: 50 });
    expect(counts(withStop).the).toBe(3);
    const p02 = await api.call("POST", `${P}/queries/words`, { sourceIds: [sources.P02] });
    expect(p02.body.scope.description).toBe('"P02"');
    expect(counts(p02).worried).toBeUndefined();
    expect(counts(p02).nurses).toBe(1);
    const worry = await api.call("POST", `${P}/queries/words`, { codeId: ids.Worry, top: 2 });
    expect(worry.body.scope).toEqual({ description: "the 2 passages of Worry", texts: 2 });
    expect(worry.body.words).toEqual([
      { word: "effects", count: 2, texts: 2 },
      { word: "side", count: 2, texts: 2 },
    ]);
    const unknownSource = await api.call("POST", `${P}/queries/words`, { sourceIds: ["nope"] });
    expect(unknownSource.body.error).toMatchObject({ id: "source_not_found" });
    const unknownCode = await api.call("POST", `${P}/queries/words`, { codeId: "nope" });
    expect(unknownCode.body.error).toMatchObject({ id: "code_not_found" });
    const both = await api.call("POST", `${P}/queries/words`, {
      codeId: ids.Worry,
      sourceIds: [sources.P01],
    });
    expect(both.status).toBe(400);
  });

  it("gives keyword-in-context lines at the word's offsets in its source", async () => {
    const reply = await api.call("POST", `${P}/queries/kwic`, { word: "Worried", context: 12 });
    expect(reply.status).toBe(200);
    expect(reply.body.total).toBe(2);
    for (const line of reply.body.lines) {
      const text = TRUST_WORRY_TEXTS[`${line.sourceTitle}.txt`] ?? "";
      expect(text.slice(line.start, line.end)).toBe("worried");
      expect(line.match).toBe("worried");
    }
    expect(reply.body.lines.map((l: { sourceTitle: string }) => l.sourceTitle)).toEqual([
      "P01",
      "P03",
    ]);
    // Within a code's passages the offsets are still the source's.
    const inCode = await api.call("POST", `${P}/queries/kwic`, {
      word: "trust",
      codeId: ids.Trust,
    });
    expect(inCode.body.total).toBe(2);
    const first = inCode.body.lines[0];
    expect((TRUST_WORRY_TEXTS["P01.txt"] ?? "").slice(first.start, first.end)).toBe("trust");
    const two = await api.call("POST", `${P}/queries/kwic`, { word: "side effects" });
    expect(two.status).toBe(400);
    expect(two.body.error.message).toContain("not one word");
  });

  // Last: it adds a second coder's codings, which every answer after it would include.
  it("covers only the caller's own codings while blind, and everyone's after the reveal", async () => {
    expect((await api.call("POST", `${P}/blind`, { mode: "on" })).body.on).toBe(true);
    const as = (coder: string) => ({ "X-Quire-Coder": coder });
    const text = TRUST_WORRY_TEXTS["P03.txt"] ?? "";
    const start = text.indexOf("Side effects");
    const body = { sourceId: sources.P03, codeId: ids.Trust, start, end: start + 12 };
    expect((await api.call("POST", `${P}/codings`, body, as("zoe"))).status).toBe(201);

    const mine = await run({ query: { codes: [ids.Trust] } }, "me");
    expect(mine.body).toMatchObject({ total: 2, blindCoder: "me" });
    const zoes = await run({ query: { codes: [ids.Trust] } }, "zoe");
    expect(zoes.body).toMatchObject({ total: 1, blindCoder: "zoe" });
    expect(titles(zoes)).toEqual([["P03", "Side effects"]]);
    // Zoe's Trust overlaps Worry, but Worry is not hers: her AND finds nothing.
    expect((await run({ query: { codes: [ids.Trust], and: [ids.Worry] } }, "zoe")).body.total).toBe(
      0,
    );
    const peek = await run({ query: { codes: [ids.Trust], coder: "me" } }, "zoe");
    expect(peek.status).toBe(409);
    expect(peek.body.error.message).toContain("blind");

    const matrix = await api.call("GET", `${P}/queries/code-case-matrix`, undefined, as("zoe"));
    expect(matrix.body.codes.map((c: { name: string }) => c.name)).toEqual(["Trust"]);
    expect(matrix.body.cases.map((k: { segments: number }) => k.segments)).toEqual([0, 0, 1]);
    const words = await api.call("POST", `${P}/queries/words`, { codeId: ids.Trust }, as("zoe"));
    expect(words.body.scope.texts).toBe(1);
    expect(words.body.blindCoder).toBe("zoe");

    expect((await api.call("POST", `${P}/blind`, { mode: "reveal" })).body.on).toBe(false);
    const revealed = await run({ query: { codes: [ids.Trust] } }, "zoe");
    expect(revealed.body).toMatchObject({ total: 3, blindCoder: null });
  });
});
