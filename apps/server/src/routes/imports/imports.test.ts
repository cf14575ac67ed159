/** API tests of imports: a real transcript, several files at once, and files that cannot be read. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasShared, sharedPath } from "../../../../../test-support/shared-data.js";
import { serverBackends, type TestServer, TRANSCRIPT } from "../../test-support/api.js";

const CORPUS = "data/corpora/trial_transparency_interviews";
const FILE = "nt001_transcribed_anonymised_final.txt";

describe.each(serverBackends())("imports ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  beforeAll(async () => {
    api = await backend.start();
    key = (await api.call("POST", "/api/projects", { name: "Imports" })).body.key;
  });
  afterAll(() => api.close());

  const upload = (
    files: [string, string | Uint8Array<ArrayBuffer> | Buffer][],
    fields: Record<string, string> = {},
  ) => {
    const form = new FormData();
    for (const [name, content] of files) form.append("files", new Blob([content]), name);
    for (const [field, value] of Object.entries(fields)) form.append(field, value);
    return api.call("POST", `/api/projects/${key}/imports`, form);
  };

  it.skipIf(!hasShared(`${CORPUS}/${FILE}`))(
    "imports a real interview transcript under its uploaded name",
    async () => {
      const report = await upload([[FILE, readFileSync(sharedPath(`${CORPUS}/${FILE}`))]]);
      expect(report.status).toBe(200);
      expect(report.body.sources).toBe(1);
      expect(report.body.turns).toBeGreaterThan(10);
      expect(report.body.files[0].file).toBe(FILE);
      const sources = await api.call("GET", `/api/projects/${key}/sources?title=nt001`);
      expect(sources.body.total).toBe(1);
    },
  );

  it("imports several files in one undoable step, with CSV options", async () => {
    const csv = "id,answer,group\nr1,The wait was long,A\nr2,Staff were kind,B\n";
    const report = await upload(
      [
        ["A1.txt", TRANSCRIPT],
        ["survey.csv", csv],
      ],
      { textColumn: "answer", idColumn: "id", attributes: "group" },
    );
    expect(report.status).toBe(200);
    expect(report.body.sources).toBe(3);
    const responses = await api.call("GET", `/api/projects/${key}/sources?kind=response`);
    expect(responses.body.total).toBe(2);
    expect(responses.body.sources[0].caseAttributes).toHaveProperty("group");
    const before = (await api.call("GET", `/api/projects/${key}/sources`)).body.total;
    await api.call("POST", `/api/projects/${key}/history/undo`);
    expect((await api.call("GET", `/api/projects/${key}/sources`)).body.total).toBe(before - 3);
  });

  it("answers 422 naming the file for an unreadable file, and leaves the project unchanged", async () => {
    const before = await api.call("GET", `/api/projects/${key}`);
    const binary = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0,
    ]);
    const report = await upload([
      ["good.txt", TRANSCRIPT],
      ["broken.txt", binary],
    ]);
    expect(report.status).toBe(422);
    expect(report.body.error.id).toBe("unreadable_file");
    expect(report.body.error.message).toContain("broken.txt");
    const after = await api.call("GET", `/api/projects/${key}`);
    expect(after.body.counts).toEqual(before.body.counts);

    const unknown = await upload([["notes.exe", "MZ"]]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("notes.exe");
    const none = await api.call("POST", `/api/projects/${key}/imports`, new FormData());
    expect(none.body.error.id).toBe("invalid_input");
  });
});
