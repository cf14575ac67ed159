/** API tests of sources: the paged list, one source, and editing its text with a change set. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  seedProject,
  serverBackends,
  type TestServer,
  TRANSCRIPT,
} from "../../test-support/api.js";

describe.each(serverBackends())("sources ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  let sourceId: string;
  beforeAll(async () => {
    api = await backend.start();
    ({ key, sourceId } = await seedProject(api));
    const form = new FormData();
    for (const name of ["P02.txt", "Notes about P03.txt"])
      form.append("files", new Blob([TRANSCRIPT]), name);
    form.append("kind", "field_note");
    expect((await api.call("POST", `/api/projects/${key}/imports`, form)).status).toBe(200);
  });
  afterAll(() => api.close());

  it("lists, filters, sorts and pages sources with the total", async () => {
    const all = await api.call("GET", `/api/projects/${key}/sources`);
    expect(all.body.total).toBe(3);
    expect(all.body.sources[0]).toMatchObject({ title: "P01", kind: "interview", codingCount: 0 });
    expect(all.body.sources[0].length).toBe(TRANSCRIPT.length);

    const notes = await api.call(
      "GET",
      `/api/projects/${key}/sources?kind=field_note&sort=title&direction=desc`,
    );
    expect(notes.body.sources.map((s: { title: string }) => s.title)).toEqual([
      "P02",
      "Notes about P03",
    ]);
    const byTitle = await api.call("GET", `/api/projects/${key}/sources?title=notes`);
    expect(byTitle.body.total).toBe(1);
    const page = await api.call(
      "GET",
      `/api/projects/${key}/sources?limit=1&offset=1&sort=position`,
    );
    expect(page.body.total).toBe(3);
    expect(page.body.sources).toHaveLength(1);
    const bad = await api.call("GET", `/api/projects/${key}/sources?sort=colour`);
    expect(bad.body.error.id).toBe("invalid_input");
  });

  it("opens a source with its revision, turns and codings", async () => {
    const detail = await api.call("GET", `/api/projects/${key}/sources/${sourceId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.revision.number).toBe(1);
    expect(detail.body.turns.length).toBeGreaterThan(0);
    expect(detail.body.turns[0]).toMatchObject({ role: "interviewer" });
    const missing = await api.call("GET", `/api/projects/${key}/sources/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.id).toBe("source_not_found");
  });

  it("edits the text through a change set, moving codings, and refuses a stale revision", async () => {
    const before = await api.call("GET", `/api/projects/${key}/sources/${sourceId}`);
    const text: string = before.body.revision.text;
    const code = await api.call("POST", `/api/projects/${key}/codes`, { name: "Trust" });
    const start = text.indexOf("I trust my doctor");
    const coding = await api.call("POST", `/api/projects/${key}/codings`, {
      sourceId,
      codeId: code.body.id,
      start,
      end: start + "I trust my doctor".length,
    });
    expect(coding.status).toBe(201);

    // ChangeSet.toJSON() of inserting "Well, " at 0 into a text of this length.
    const changes = [[0, "Well, "], text.length];
    const edited = await api.call("PATCH", `/api/projects/${key}/sources/${sourceId}/text`, {
      baseRevisionId: before.body.revision.id,
      changes,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.revision.number).toBe(2);
    const after = await api.call("GET", `/api/projects/${key}/sources/${sourceId}`);
    expect(after.body.revision.text.startsWith("Well, I: How")).toBe(true);
    expect(after.body.codings[0]).toMatchObject({ start: start + 6, exact: "I trust my doctor" });
    expect(after.body.codings[0].color).toMatch(/^#/);

    const stale = await api.call("PATCH", `/api/projects/${key}/sources/${sourceId}/text`, {
      baseRevisionId: before.body.revision.id,
      changes,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.id).toBe("revision_conflict");
    const wrongLength = await api.call("PATCH", `/api/projects/${key}/sources/${sourceId}/text`, {
      baseRevisionId: after.body.revision.id,
      changes: [[0, "x"], 3],
    });
    expect(wrongLength.body.error.id).toBe("invalid_input");
    const unchanged = await api.call("GET", `/api/projects/${key}/sources/${sourceId}`);
    expect(unchanged.body.revision.number).toBe(2);
  });
});
