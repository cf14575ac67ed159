/** API tests of agreement between coders, the side-by-side view and blind coding. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  seedProject,
  serverBackends,
  type TestServer,
  TRANSCRIPT,
} from "../../test-support/api.js";

describe.each(serverBackends())("agreement and blind coding ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  let sourceId: string;
  let codeId: string;
  beforeAll(async () => {
    api = await backend.start();
    ({ key, sourceId } = await seedProject(api, "Agreement study"));
    codeId = (await api.call("POST", `/api/projects/${key}/codes`, { name: "Trust" })).body.id;
  });
  afterAll(() => api.close());
  const as = (coder: string) => ({ "X-Quire-Coder": coder });

  it("hides other coders' codings while blind, until a reveal that is logged", async () => {
    const P = `/api/projects/${key}`;
    expect((await api.call("POST", `${P}/blind`, { mode: "on" })).body.on).toBe(true);
    await api.call("POST", `${P}/codings`, { sourceId, codeId, start: 64, end: 84 }, as("ann"));
    await api.call("POST", `${P}/codings`, { sourceId, codeId, start: 64, end: 90 }, as("bob"));
    const annSees = await api.call("GET", `${P}/sources/${sourceId}`, undefined, as("ann"));
    expect(annSees.body.codings.map((k: { coder: string }) => k.coder)).toEqual(["ann"]);
    const segments = await api.call(
      "POST",
      `${P}/segments`,
      { codeIds: [codeId], coder: "bob" },
      as("ann"),
    );
    expect(segments.body.segments.map((s: { coder: string }) => s.coder)).toEqual(["ann"]);
    const hits = await api.call("POST", `${P}/search/code`, { q: "doctor", codeId }, as("ann"));
    expect(hits.body.codings.every((k: { coder: string }) => k.coder === "ann")).toBe(true);
    const exported = await api.call("GET", `${P}/exports/csv`, undefined, as("ann"));
    expect(exported).toMatchObject({ status: 409, body: { error: { id: "blind_coding" } } });
    // Statistics and the side-by-side view compare every coder's codings: refused while blind.
    const coders = { coders: ["ann", "bob"] };
    const stats = await api.call("POST", `${P}/agreement`, coders, as("ann"));
    expect(stats).toMatchObject({ status: 409, body: { error: { id: "blind_coding" } } });
    expect(stats.body.error.message).toContain("reveal");
    const side = await api.call(
      "POST",
      `${P}/agreement/disagreements`,
      { ...coders, sourceId, codeId },
      as("ann"),
    );
    expect(side).toMatchObject({ status: 409, body: { error: { id: "blind_coding" } } });
    const revealed = await api.call(
      "POST",
      `${P}/blind`,
      { mode: "reveal", rationale: "both done" },
      as("pi"),
    );
    expect(revealed.body).toMatchObject({ on: false, revealedBy: "pi" });
    const events = await api.call("GET", `${P}/history/events`);
    expect(events.body.events[0]).toMatchObject({
      action: "blind.reveal",
      actor: "pi",
      rationale: "both done",
    });
    const allSeen = await api.call("GET", `${P}/sources/${sourceId}`, undefined, as("ann"));
    expect(new Set(allSeen.body.codings.map((k: { coder: string }) => k.coder))).toEqual(
      new Set(["ann", "bob"]),
    );
  });

  it("compares coders per code, per source and overall, and lists where they differ", async () => {
    const P = `/api/projects/${key}`;
    const report = await api.call("POST", `${P}/agreement`, {
      coders: ["ann", "bob"],
      codeIds: [codeId],
      measures: ["percent", "cohen", "alpha", "u-alpha"],
    });
    expect(report.status).toBe(200);
    // "doctor" hits coded by ann only differ too; compare with the side-by-side count.
    const side = await api.call("POST", `${P}/agreement/disagreements`, {
      sourceId,
      codeId,
      coders: ["ann", "bob"],
    });
    const differing = side.body.disagreements.reduce(
      (sum: number, d: { start: number; end: number }) => sum + d.end - d.start,
      0,
    );
    const length = report.body.bySource[0].length;
    expect(report.body.overall.percent.value).toBeCloseTo(1 - differing / length, 12);
    // Each value carries its parts: α = 1 − D_o / D_e over the characters compared.
    const alpha = report.body.overall.alpha;
    expect(alpha.units).toBe(length);
    expect(alpha.observedDisagreement).toBeGreaterThan(0);
    expect(alpha.value).toBeCloseTo(1 - alpha.observedDisagreement / alpha.expectedDisagreement, 9);
    const cohen = report.body.overall.cohen;
    expect(cohen.observedDisagreement).toBeCloseTo(differing / length, 12);
    expect(cohen.value).toBeCloseTo(
      1 - cohen.observedDisagreement / cohen.expectedDisagreement,
      12,
    );
    expect(report.body.byCode[0].codeId).toBe(codeId);
    expect(side.body.ranges.map((r: { coder: string }) => r.coder)).toEqual(["ann", "bob"]);
    expect(side.body.disagreements.length).toBeGreaterThan(0);
    for (const d of side.body.disagreements) expect(d.codedBy.length).toBe(1);
    const one = await api.call("POST", `${P}/agreement`, { coders: ["ann"] });
    expect(one.status).toBe(400);
  });

  it("lists the sources where the coders differ on a code, in collection order", async () => {
    const P = `/api/projects/${key}`;
    const form = new FormData();
    for (const name of ["P02.txt", "P03.txt"])
      form.append("files", new Blob([TRANSCRIPT], { type: "text/plain" }), name);
    expect((await api.call("POST", `${P}/imports`, form)).status).toBe(200);
    const titled = (await api.call("GET", `${P}/sources`)).body.sources as {
      id: string;
      title: string;
    }[];
    const idOf = (title: string) => titled.find((s) => s.title === title)?.id ?? "";
    // P02: both code the same words; P03: only ann codes.
    for (const coder of ["ann", "bob"])
      await api.call(
        "POST",
        `${P}/codings`,
        { sourceId: idOf("P02"), codeId, start: 10, end: 40 },
        as(coder),
      );
    await api.call(
      "POST",
      `${P}/codings`,
      { sourceId: idOf("P03"), codeId, start: 5, end: 25 },
      as("ann"),
    );
    const coders = ["ann", "bob"];
    const listed = await api.call("POST", `${P}/agreement/disagreement-sources`, {
      codeId,
      coders,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.sources.map((s: { title: string }) => s.title)).toEqual(["P01", "P03"]);
    for (const source of listed.body.sources) {
      const side = await api.call("POST", `${P}/agreement/disagreements`, {
        sourceId: source.sourceId,
        codeId,
        coders,
      });
      expect(source.disagreements).toBe(side.body.disagreements.length);
    }
    const some = await api.call("POST", `${P}/agreement/disagreement-sources`, {
      codeId,
      coders,
      sourceIds: [idOf("P02"), idOf("P03")],
    });
    expect(some.body.sources.map((s: { title: string }) => s.title)).toEqual(["P03"]);
  });

  it("lists the coders who have coded, to choose whom to compare", async () => {
    const reply = await api.call("GET", `/api/projects/${key}/agreement/coders`);
    expect(reply.status).toBe(200);
    expect(reply.body.coders).toEqual(expect.arrayContaining(["ann", "bob"]));
    expect(reply.body.coders).toEqual([...reply.body.coders].sort());
    expect((await api.call("GET", "/api/projects/nope/agreement/coders")).status).toBe(404);
  });

  it("refuses agreement in reflexive TA with the reason", async () => {
    const created = await api.call("POST", "/api/projects", { name: "Reflexive study" });
    const reply = await api.call("POST", `/api/projects/${created.body.key}/agreement`, {
      coders: ["ann", "bob"],
    });
    expect(reply).toMatchObject({ status: 409, body: { error: { id: "not_for_method" } } });
    expect(reply.body.error.message).toContain("reflexive");
  });
});
