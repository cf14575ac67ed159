/** API tests of search (KWIC hits with offsets) and of coding all or chosen hits. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  seedProject,
  serverBackends,
  type TestServer,
  TRANSCRIPT,
} from "../../test-support/api.js";

describe.each(serverBackends())("search ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  let sourceId: string;
  beforeAll(async () => {
    api = await backend.start();
    ({ key, sourceId } = await seedProject(api));
    const form = new FormData();
    form.append("files", new Blob([TRANSCRIPT.replaceAll("doctor", "nurse")]), "P02.txt");
    await api.call("POST", `/api/projects/${key}/imports`, form);
  });
  afterAll(() => api.close());

  it("finds words with their offsets and context, a page at a time", async () => {
    const found = await api.call("GET", `/api/projects/${key}/search?q=doctor&context=12`);
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(1);
    const [result] = found.body.results;
    expect(result).toMatchObject({ sourceId, title: "P01", hitCount: 2 });
    const text: string = (await api.call("GET", `/api/projects/${key}/sources/${sourceId}`)).body
      .revision.text;
    const hit = result.hits[0];
    expect(text.slice(hit.start, hit.end)).toBe("doctor");
    expect(hit.match).toBe("doctor");
    const both = await api.call("GET", `/api/projects/${key}/search?q=trust&limit=1`);
    expect(both.body.total).toBe(2);
    expect(both.body.results).toHaveLength(1);
    const bad = await api.call(
      "GET",
      `/api/projects/${key}/search?q=${encodeURIComponent("NOT trust")}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.id).toBe("invalid_input");
  });

  it("codes every hit, or only the chosen ones", async () => {
    const code = await api.call("POST", `/api/projects/${key}/codes`, { name: "Trust talk" });
    const all = await api.call("POST", `/api/projects/${key}/search/code`, {
      q: "trust",
      codeId: code.body.id,
    });
    expect(all.body.count).toBe(2);
    const found = await api.call("GET", `/api/projects/${key}/search?q=travel`);
    const chosen = found.body.results
      .slice(0, 1)
      .map((r: { sourceId: string; hits: { start: number; end: number }[] }) => ({
        sourceId: r.sourceId,
        start: r.hits[0]?.start,
        end: r.hits[0]?.end,
      }));
    const other = await api.call("POST", `/api/projects/${key}/codes`, { name: "Travel" });
    const some = await api.call("POST", `/api/projects/${key}/search/code`, {
      q: "travel",
      codeId: other.body.id,
      hits: chosen,
    });
    expect(some.body.count).toBe(1);
    expect(some.body.codings[0].exact).toBe("travel");
    const missing = await api.call("POST", `/api/projects/${key}/search/code`, {
      q: "trust",
      codeId: "nope",
    });
    expect(missing.body.error.id).toBe("code_not_found");
  });
});
