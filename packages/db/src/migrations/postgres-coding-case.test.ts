/**
 * The coding case checked per statement (`postgres-coding-case.ts`) on PostgreSQL: applied to a
 * fresh store, every way a coding is written — the API, a bulk insert with the case right, missing,
 * wrong or set for a source without one, all in one statement, a move to another source — stores
 * exactly the case that migration 6's row trigger stores on a store without it.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCoding, addSource, createCode, createProject, ensureCase, mutate } from "../index.js";
import type { Store } from "../store.js";
import { availableBackends } from "../test-support/backends.js";
import { postgresCodingCaseMigration } from "./postgres-coding-case.js";

const TEXT = "It took years to get a diagnosis, and then it was the last thing they tried.";
const COLUMNS = (
  "id project_id source_id code_id revision_id source_position:i start_pos:i end_pos:i exact " +
  "prefix suffix status score:f coder created_at case_id"
)
  .split(" ")
  .map((item) => {
    const [name, type] = item.split(":") as [string, string | undefined];
    const pgType = type === "i" ? "integer" : type === "f" ? "double precision" : "text";
    return { name, pgType } as const;
  });

/** Writes codings every way there is and returns each one's stored case, by coding id. */
async function writeCodings(store: Store): Promise<[string, string | null][]> {
  const project = await createProject(store, { name: "cases", method: "framework", actor: "AS" });
  await mutate(store, { projectId: project.id, actor: "AS", action: "build" }, async (m) => {
    const first = await ensureCase(m, "P01");
    const second = await ensureCase(m, "P02");
    const code = await createCode(m, { name: "Any" });
    const withCase = await addSource(m, {
      kind: "interview",
      title: "A",
      text: TEXT,
      caseId: first.id,
    });
    const without = await addSource(m, { kind: "interview", title: "B", text: TEXT });
    await addCoding(m, { sourceId: withCase.id, codeId: code.id, start: 0, end: 7 });
    await addCoding(m, { sourceId: without.id, codeId: code.id, start: 0, end: 7 });
    const sources = await m.db
      .selectFrom("sources")
      .select(["id", "currentRevisionId", "position"])
      .where("projectId", "=", project.id)
      .orderBy("position")
      .execute();
    // One statement: right, missing and wrong cases on the source with one; a case on the source
    // without one.
    const cases: [number, string | null][] = [
      [0, first.id],
      [0, null],
      [0, second.id],
      [1, first.id],
      [1, null],
    ];
    await m.dialect.bulkInsert(
      m.db,
      "codings",
      COLUMNS,
      cases.map(([at, caseId], index) => {
        const source = sources[at] as (typeof sources)[number];
        return [
          `bulk-${index}`,
          project.id,
          source.id,
          code.id,
          source.currentRevisionId,
          source.position,
          0,
          2,
          "It",
          "",
          " took",
          "anchored",
          1,
          "AS",
          "2026-01-01",
          caseId,
        ];
      }),
    );
    await sql`UPDATE codings SET source_id = ${without.id} WHERE id = 'bulk-0'`.execute(m.db);
    await sql`UPDATE codings SET case_id = ${second.id} WHERE id = 'bulk-4'`.execute(m.db);
    m.summary = "built";
  });
  const { rows } = await sql<{ id: string; title: string; caseName: string | null }>`
    SELECT k.id, s.title, c.name AS "caseName" FROM codings k
    JOIN sources s ON s.id = k.source_id LEFT JOIN cases c ON c.id = k.case_id
    WHERE k.project_id = ${project.id}`.execute(store.db);
  // API-made codings have random ids: name them by source and order instead.
  return rows
    .map((row): [string, string | null] => [
      row.id.startsWith("bulk-") ? row.id : `api-${row.title}`,
      row.caseName,
    ])
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

const postgres = availableBackends().filter((backend) => backend.name === "postgres");

describe.each(postgres)("the coding case checked per statement on $name", (backend) => {
  let plain: Store;
  let checked: Store;
  beforeAll(async () => {
    plain = await backend.open();
    checked = await backend.open();
    await checked.dialect.runScript(checked.db, postgresCodingCaseMigration);
  });
  afterAll(() => backend.cleanup());

  it("stores the same case as the row trigger, however the coding is written", async () => {
    const expected = await writeCodings(plain);
    expect(expected).toEqual([
      ["api-A", "P01"],
      ["api-B", null],
      ["bulk-0", null],
      ["bulk-1", "P01"],
      ["bulk-2", "P01"],
      ["bulk-3", null],
      ["bulk-4", null],
    ]);
    expect(await writeCodings(checked)).toEqual(expected);
  });

  it("keeps the row trigger only for codings written without a case", async () => {
    const { rows } = await sql<{ tgname: string; perRow: boolean }>`
      SELECT tgname, (tgtype & 1) = 1 AS "perRow" FROM pg_trigger
      WHERE tgrelid = 'codings'::regclass AND tgname LIKE 'codings_case%' ORDER BY tgname`.execute(
      checked.db,
    );
    expect(rows).toEqual([
      { tgname: "codings_case", perRow: true },
      { tgname: "codings_case_checked", perRow: false },
      { tgname: "codings_case_on_insert", perRow: true },
    ]);
  });
});
