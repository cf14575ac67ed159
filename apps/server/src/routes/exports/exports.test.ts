/** API tests of exports: the formats on offer, and downloads read back in their own formats. */
import { checkZip } from "@quire/formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedProject, serverBackends, type TestServer } from "../../test-support/api.js";

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe.each(serverBackends())("exports ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  let sourceId: string;
  let trust: string;
  beforeAll(async () => {
    api = await backend.start();
    ({ key, sourceId } = await seedProject(api, "Export study"));
    const text: string = (await api.call("GET", `/api/projects/${key}/sources/${sourceId}`)).body
      .revision.text;
    trust = (await api.call("POST", `/api/projects/${key}/codes`, { name: "Trust" })).body.id;
    const worry = (await api.call("POST", `/api/projects/${key}/codes`, { name: "Worry" })).body.id;
    const code = (codeId: string, phrase: string) =>
      api.call("POST", `/api/projects/${key}/codings`, {
        sourceId,
        codeId,
        start: text.indexOf(phrase),
        end: text.indexOf(phrase) + phrase.length,
      });
    await code(trust, "I trust my doctor");
    await code(worry, "The side effects worried me");
  });
  afterAll(() => api.close());

  const download = (path: string) => fetch(`${api.server.url}/api/projects/${key}/exports${path}`);

  it("lists the formats of the registry, saying which need a source", async () => {
    const reply = await api.call("GET", `/api/projects/${key}/exports`);
    expect(reply.status).toBe(200);
    const formats: { format: string; extension: string; needsSource: boolean }[] =
      reply.body.formats;
    const byName = new Map(formats.map((format) => [format.format, format]));
    for (const name of ["csv", "json", "xlsx", "codebook-docx", "qdpx", "qdc", "backup"])
      expect(byName.get(name)?.needsSource).toBe(false);
    expect(byName.get("source-html")).toMatchObject({ extension: ".html", needsSource: true });
    expect(byName.get("source-docx")?.needsSource).toBe(true);
    expect(JSON.stringify(formats)).not.toContain("--source");
    const missing = await api.call("GET", "/api/projects/nowhere/exports");
    expect(missing.body.error.id).toBe("project_not_found");
  });

  it("downloads coded segments as CSV, one row per coding", async () => {
    const response = await download("/csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${key}.csv"`);
    const [header = [], ...rows] = parseCsv(await response.text());
    expect(header).toEqual(expect.arrayContaining(["source", "code", "text", "start", "end"]));
    const column = (name: string) => header.indexOf(name);
    const segments = (
      await api.call("POST", `/api/projects/${key}/segments`, {
        codeIds: (
          await api.call("GET", `/api/projects/${key}/codes`)
        ).body.codes.map((code: { id: string }) => code.id),
      })
    ).body.segments as { text: string; codePath: string; start: number }[];
    expect(rows).toHaveLength(segments.length);
    const pick = (row: string[]) => ({
      text: row[column("text")],
      code: row[column("code")],
      start: Number(row[column("start")]),
    });
    const expected = segments.map((s) => ({ text: s.text, code: s.codePath, start: s.start }));
    const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;
    expect(rows.map(pick).sort(byStart)).toEqual(expected.sort(byStart));

    const onlyTrust = parseCsv(await (await download(`/csv?code=${trust}`)).text());
    expect(onlyTrust.slice(1).map((row) => row[column("text")])).toEqual(["I trust my doctor"]);
  });

  it("downloads the project as REFI-QDA and the codebook as Word, both ZIP containers", async () => {
    const qdpx = await download("/qdpx");
    expect(qdpx.status).toBe(200);
    expect(qdpx.headers.get("content-disposition")).toBe(`attachment; filename="${key}.qdpx"`);
    const bytes = new Uint8Array(await qdpx.arrayBuffer());
    expect(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0)).toBe("PK");
    expect(Number(qdpx.headers.get("content-length"))).toBe(bytes.length);
    const entries = (await checkZip(bytes, "qdpx", `${key}.qdpx`)).entries.map(
      (entry) => entry.name,
    );
    expect(entries).toContain("project.qde");

    const docx = await download("/codebook-docx");
    expect(docx.headers.get("content-type")).toContain("wordprocessingml");
    const word = new Uint8Array(await docx.arrayBuffer());
    const parts = (await checkZip(word, "docx", `${key}.docx`)).entries.map((entry) => entry.name);
    expect(parts).toContain("word/document.xml");
  });

  it("downloads one source as HTML with its coded passage", async () => {
    const response = await download(`/source-html?source=${sourceId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toContain("I trust my doctor");
    expect(html).toContain("Trust");
  });

  it("answers 400 for an unknown format or a missing source, 404 for an unknown one", async () => {
    const unknown = await api.call("GET", `/api/projects/${key}/exports/pdf`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.id).toBe("invalid_input");
    expect(unknown.body.error.message).toContain("csv");
    const unnamed = await api.call("GET", `/api/projects/${key}/exports/source-html`);
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.id).toBe("invalid_input");
    const nowhere = await api.call("GET", `/api/projects/${key}/exports/source-docx?source=ghost`);
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error.id).toBe("source_not_found");
    const noCode = await api.call("GET", `/api/projects/${key}/exports/csv?code=ghost`);
    expect(noCode.status).toBe(404);
    expect(noCode.body.error.id).toBe("code_not_found");
  });

  it("appears in the OpenAPI document", async () => {
    const doc = await api.call("GET", "/api/openapi.json");
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/projects/{key}/exports",
        "/api/projects/{key}/exports/{format}",
      ]),
    );
  });
});
