/** API tests of reflexive TA: themes, name warnings, final-status rule, map, snapshots, review, phases. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedProject, serverBackends, type TestServer } from "../../test-support/api.js";

describe.each(serverBackends())("themes ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  let sourceId: string;
  beforeAll(async () => {
    api = await backend.start();
    ({ key, sourceId } = await seedProject(api, "Themes study"));
    await api.call("PATCH", `/api/projects/${key}`, { method: "reflexive_ta" });
  });
  afterAll(() => api.close());

  it("keeps themes over codes, warns on topic names, and refuses final without definition and concept", async () => {
    const P = `/api/projects/${key}`;
    const trust = (await api.call("POST", `${P}/codes`, { name: "Trust" })).body;
    const worry = (await api.call("POST", `${P}/codes`, { name: "Worry" })).body;
    await api.call("POST", `${P}/codings`, { sourceId, codeId: trust.id, start: 64, end: 84 });
    const theme = await api.call("POST", `${P}/themes`, { name: "Barriers to joining" });
    expect(theme.status).toBe(201);
    expect(theme.body.warnings[0].kind).toBe("domain-summary");
    expect(
      (await api.call("POST", `${P}/themes/${theme.body.id}/codes`, { codeId: trust.id })).status,
    ).toBe(200);
    const refused = await api.call("PATCH", `${P}/themes/${theme.body.id}`, { status: "final" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/central organising concept/);
    const final = await api.call("PATCH", `${P}/themes/${theme.body.id}`, {
      name: "Trust carries the decision",
      concept: "Delegated judgement",
      definition: "Joining rests on trust in the doctor.",
      status: "final",
      rationale: "checked against the extracts",
    });
    expect(final.body).toMatchObject({ status: "final", warnings: [] });
    const review = await api.call("GET", `${P}/themes/review`);
    expect(review.body.rows[0]).toMatchObject({ contributes: true });
    expect(review.body.unassignedCodes.map((c: { id: string }) => c.id)).toEqual([worry.id]);

    const edge = await api.call("POST", `${P}/thematic-map/edges`, {
      from: `theme:${theme.body.id}`,
      to: `code:${trust.id}`,
      label: "rests on",
    });
    expect(edge.body.edges.map((e: { kind: string }) => e.kind).sort()).toEqual(["code", "link"]);
    const drawn = edge.body.edges.find((e: { kind: string }) => e.kind === "link");
    const removed = await api.call("DELETE", `${P}/thematic-map/edges/${drawn.id}`);
    expect(removed.body.edges.map((e: { kind: string }) => e.kind)).toEqual(["code"]);
    await api.call("POST", `${P}/thematic-map/edges`, {
      from: `theme:${theme.body.id}`,
      to: `code:${trust.id}`,
      label: "rests on",
    });
    await api.call("PUT", `${P}/thematic-map/nodes`, {
      kind: "theme",
      refId: theme.body.id,
      x: 5,
      y: 6,
    });
    const snapshot = await api.call("POST", `${P}/thematic-map/snapshots`, {
      name: "end of phase 5",
    });
    expect(snapshot.status).toBe(201);
    await api.call("DELETE", `${P}/themes/${theme.body.id}/codes/${trust.id}`);
    const restored = await api.call(
      "POST",
      `${P}/thematic-map/snapshots/${snapshot.body.id}/restore`,
    );
    expect(restored.body.nodes.find((n: { kind: string }) => n.kind === "theme")).toMatchObject({
      x: 5,
      y: 6,
    });
    expect(restored.body.nodes.some((n: { refId: string }) => n.refId === trust.id)).toBe(true);
    const shown = await api.call("GET", `${P}/thematic-map/snapshots/${snapshot.body.id}`);
    expect(shown.body.graph.edges).toHaveLength(2);
    expect((await api.call("GET", `${P}/thematic-map/snapshots`)).body).toHaveLength(1);

    const memo = await api.call("POST", `${P}/memos`, {
      kind: "reflexive_journal",
      body: "I trust doctors too.",
      targetType: "theme",
      targetId: theme.body.id,
    });
    expect(memo.status).toBe(201);
  });

  it("moves between phases with rationales, logged in the audit log", async () => {
    const P = `/api/projects/${key}`;
    expect(
      (await api.call("POST", `${P}/phase`, { phase: 4, rationale: "reviewing" })).body.phase,
    ).toBe(4);
    const back = await api.call("POST", `${P}/phase`, { phase: 2, rationale: "recode worry" });
    expect(back.body).toMatchObject({ phase: 2, name: "Coding" });
    expect(back.body.log.map((e: { previousPhase: number | null }) => e.previousPhase)).toEqual([
      null,
      4,
    ]);
    expect((await api.call("POST", `${P}/phase`, { phase: 3, rationale: " " })).status).toBe(400);
    const events = await api.call("GET", `${P}/history/events`);
    expect(events.body.events[0]).toMatchObject({ action: "phase.set", rationale: "recode worry" });
  });

  it("refuses agreement statistics in reflexive TA", async () => {
    const refused = await api.call("POST", `/api/projects/${key}/agreement`, {
      coders: ["a", "b"],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ id: "not_for_method" });
    expect(refused.body.error.message).toMatch(/not computed in reflexive thematic analysis/);
  });
});
