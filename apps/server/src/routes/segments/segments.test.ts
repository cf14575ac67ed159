/** API tests of retrieval: segments of any or all codes, filtered by attribute and coder, paged. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedProject, serverBackends, type TestServer } from "../../test-support/api.js";

describe.each(serverBackends())("segments ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  let trust: string;
  let doctor: string;
  beforeAll(async () => {
    api = await backend.start();
    const seeded = await seedProject(api);
    key = seeded.key;
    const text: string = (await api.call("GET", `/api/projects/${key}/sources/${seeded.sourceId}`))
      .body.revision.text;
    trust = (await api.call("POST", `/api/projects/${key}/codes`, { name: "Trust" })).body.id;
    doctor = (await api.call("POST", `/api/projects/${key}/codes`, { name: "Doctor" })).body.id;
    const at = (phrase: string) => ({
      start: text.indexOf(phrase),
      end: text.indexOf(phrase) + phrase.length,
    });
    const code = (codeId: string, phrase: string, coder: string) =>
      api.call(
        "POST",
        `/api/projects/${key}/codings`,
        { sourceId: seeded.sourceId, codeId, ...at(phrase) },
        {
          "X-Quire-Coder": coder,
        },
      );
    await code(trust, "I trust my doctor", "ann");
    await code(doctor, "my doctor", "ann");
    await code(trust, "side effects worried me", "bob");
    await api.call("POST", `/api/projects/${key}/attributes`, { name: "Site", type: "text" });
    const cases = await api.call("GET", `/api/projects/${key}/cases`);
    await api.call("PATCH", `/api/projects/${key}/cases/${cases.body.cases[0].id}/attributes`, {
      values: { Site: "North" },
    });
  });
  afterAll(() => api.close());

  const retrieve = (query: object) => api.call("POST", `/api/projects/${key}/segments`, query);

  it("retrieves the segments of any or all codes with context", async () => {
    const any = await retrieve({ codeIds: [trust, doctor], context: 10 });
    expect(any.body.total).toBe(3);
    expect(any.body.segments[0]).toMatchObject({ text: "I trust my doctor", codePath: "Trust" });
    expect(any.body.segments[0].before.length).toBeLessThanOrEqual(10);
    const all = await retrieve({ codeIds: [trust, doctor], match: "all" });
    expect(all.body.segments.map((s: { text: string }) => s.text)).toEqual(["I trust my doctor"]);
  });

  it("filters by coder and case attribute, and pages", async () => {
    expect((await retrieve({ codeIds: [trust], coder: "bob" })).body.total).toBe(1);
    const north = await retrieve({ codeIds: [trust], where: { Site: "North" } });
    expect(north.body.total).toBe(2);
    expect(north.body.segments[0].attributes).toEqual({ Site: "North" });
    expect((await retrieve({ codeIds: [trust], where: { Site: "South" } })).body.total).toBe(0);
    const page = await retrieve({ codeIds: [trust, doctor], limit: 1, offset: 2 });
    expect(page.body).toMatchObject({ total: 3 });
    expect(page.body.segments).toHaveLength(1);
    const bad = await retrieve({ codeIds: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.id).toBe("invalid_input");
  });
});
