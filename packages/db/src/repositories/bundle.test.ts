/**
 * The exchange bundle in the store, on SQLite and PostgreSQL: a bundle written in one mutation and
 * read back gives the same parts; GUIDs are kept; codes merge by path and cases by name; undo
 * removes everything the import added and redo restores it; a failure half-way leaves nothing.
 */
import type { BundlePart } from "@quire/core";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addCoding,
  addSource,
  codeSpreadLive,
  countCooccurrences,
  createCode,
  createProject,
  listCodes,
  listCodings,
  listMemos,
  listSources,
  mutate,
  readBundle,
  redo,
  type Store,
  searchProject,
  undo,
  writeBundle,
} from "../index.js";
import { availableBackends } from "../test-support/backends.js";

const g = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const TEXT = "Első sor: oltás 😀 kell?\nMásodik sor.\n";
const START = TEXT.indexOf("oltás");
const END = TEXT.indexOf("😀") + 2;

function parts(): BundlePart[] {
  return [
    {
      type: "project",
      project: { name: "x", origin: "NVivo", creationDateTime: "2025-01-01T00:00:00Z" },
    },
    { type: "user", user: { guid: g(1), name: "Anna" } },
    {
      type: "code",
      code: {
        guid: g(10),
        name: "Attitűd",
        parentGuid: null,
        isCodable: false,
        color: "#ff0000",
        description: "Leírás",
        noteRefs: [],
      },
    },
    {
      type: "code",
      code: {
        guid: g(11),
        name: "piros",
        parentGuid: g(10),
        isCodable: true,
        color: "#00ff00",
        description: null,
        noteRefs: [g(60)],
      },
    },
    {
      type: "variable",
      variable: { guid: g(20), name: "kor", type: "Integer", description: null },
    },
    {
      type: "case",
      case: {
        guid: g(30),
        name: "P01",
        description: "Első résztvevő",
        codeRefs: [],
        values: [{ variableGuid: g(20), type: "Integer", value: 42 }],
        sourceRefs: [g(40)],
        selectionRefs: [],
      },
    },
    {
      type: "source",
      source: {
        guid: g(40),
        name: "Interjú",
        text: TEXT,
        creationDateTime: "2025-01-01T00:00:00Z",
        selections: [
          {
            guid: g(50),
            start: START,
            end: END,
            creatingUser: g(1),
            creationDateTime: "2025-01-01T00:00:00Z",
            codings: [
              {
                guid: g(51),
                codeGuid: g(11),
                creatingUser: g(1),
                creationDateTime: "2025-01-01T00:00:00Z",
                noteRefs: [],
              },
            ],
            noteRefs: [],
          },
        ],
        codings: [],
        noteRefs: [],
        values: [],
      },
    },
    {
      type: "note",
      note: {
        guid: g(60),
        name: "Jegyzet",
        text: "A piros kódról.",
        creatingUser: g(1),
        creationDateTime: "2025-01-01T00:00:00Z",
      },
    },
    {
      type: "set",
      set: {
        guid: g(70),
        name: "Színes",
        description: null,
        memberCodes: [g(10), g(11)],
        memberSources: [g(40)],
        memberNotes: [],
      },
    },
    { type: "end", end: { description: "Projekt", noteRefs: [] } },
  ];
}

async function collect(store: Store, projectId: string): Promise<BundlePart[]> {
  const result: BundlePart[] = [];
  for await (const part of readBundle(store, projectId)) result.push(part);
  return result;
}

async function count(
  store: Store,
  table: "sources" | "codings" | "codes" | "sets" | "users" | "memos" | "exchangeData" | "cases",
  projectId: string,
) {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("projectId", "=", projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The test bundle's codebook, users and cases followed by `count` one-coding sources under the
 * GUIDs `guids` gives each: enough sources to span more than one batch of the import.
 */
function sourcesAfterCodebook(
  count: number,
  guids: (index: number) => { source: string; selection: string; coding: string },
): BundlePart[] {
  const base = parts().filter((p) => !["source", "note", "set", "end"].includes(p.type));
  const sources: BundlePart[] = Array.from({ length: count }, (_, index) => {
    const guid = guids(index);
    return {
      type: "source",
      source: {
        guid: guid.source,
        name: `S${index}`,
        text: TEXT,
        selections: [
          {
            guid: guid.selection,
            start: START,
            end: END,
            codings: [{ guid: guid.coding, codeGuid: g(11), noteRefs: [] }],
            noteRefs: [],
          },
        ],
        codings: [],
        noteRefs: [],
        values: [],
      },
    };
  });
  return [...base, ...sources];
}

describe.each(availableBackends())("exchange bundles on $name", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(() => backend.cleanup());

  it("writes a bundle in one mutation and reads the same parts back, GUIDs kept", async () => {
    const project = await createProject(store, {
      name: "Round trip",
      method: "reflexive_ta",
      actor: "AS",
    });
    const result = await mutate(
      store,
      { projectId: project.id, actor: "AS", action: "import" },
      async (m) => {
        const r = await writeBundle(m, parts());
        m.summary = "imported";
        return r;
      },
    );
    expect(result).toMatchObject({
      users: 1,
      codes: 2,
      attributes: 1,
      cases: 1,
      sources: 1,
      codings: 1,
      memos: 1,
      sets: 1,
    });
    const codings = await listCodings(store, project.id);
    expect(codings.map((c) => [c.id, c.anchor.exact, c.coder])).toEqual([
      [g(51), TEXT.slice(START, END), "Anna"],
    ]);
    const back = await collect(store, project.id);
    const byType = (type: string) => back.filter((p) => p.type === type);
    expect(byType("code")).toEqual(parts().filter((p) => p.type === "code"));
    expect(byType("case")).toEqual(parts().filter((p) => p.type === "case"));
    expect(byType("set")).toEqual(parts().filter((p) => p.type === "set"));
    expect(byType("note")).toEqual(parts().filter((p) => p.type === "note"));
    expect(byType("user")).toEqual(parts().filter((p) => p.type === "user"));
    const source = back.find((p) => p.type === "source");
    expect(source).toEqual(parts().find((p) => p.type === "source"));
    expect(back.at(-1)).toEqual({ type: "end", end: { description: "Projekt", noteRefs: [] } });
    expect(back[0]).toMatchObject({
      type: "project",
      project: { name: "Round trip", creationDateTime: "2025-01-01T00:00:00Z" },
    });

    // Undo removes everything the import added; redo brings it back.
    await undo(store, project.id, "AS");
    for (const table of [
      "sources",
      "codings",
      "codes",
      "sets",
      "users",
      "memos",
      "exchangeData",
      "cases",
    ] as const)
      expect(await count(store, table, project.id)).toBe(0);
    await redo(store, project.id, "AS");
    expect(await count(store, "codings", project.id)).toBe(1);
    expect(await count(store, "sets", project.id)).toBe(1);
    expect(await collect(store, project.id)).toEqual(back);
  });

  it("merges codes by path and cases by name, reporting conflicts; new ids where GUIDs are taken", async () => {
    const project = await createProject(store, {
      name: "Merge",
      method: "reflexive_ta",
      actor: "AS",
    });
    await mutate(
      store,
      { projectId: project.id, actor: "AS", action: "code.create" },
      async (m) => {
        const parent = await createCode(m, { name: "Attitűd", color: "#123456" });
        await createCode(m, { name: "piros", parentId: parent.id });
        m.summary = "codes";
      },
    );
    const result = await mutate(
      store,
      { projectId: project.id, actor: "AS", action: "import" },
      async (m) => {
        const r = await writeBundle(m, parts());
        m.summary = "imported";
        return r;
      },
    );
    expect(result.codesMerged).toBe(2);
    expect(result.codes).toBe(0);
    expect(result.conflicts.join("\n")).toMatch(/Attitűd.*colour/);
    expect(await listCodes(store, project.id)).toHaveLength(2);
    // The source and coding GUIDs are taken by the first project: stored under new ids, exported as the file's.
    const codings = await listCodings(store, project.id);
    expect(codings).toHaveLength(1);
    expect(codings[0]?.id).not.toBe(g(51));
    const back = await collect(store, project.id);
    const source = back.find((p) => p.type === "source");
    expect(source?.type === "source" && source.source.guid).toBe(g(40));
    expect(source?.type === "source" && source.source.selections[0]?.codings[0]?.guid).toBe(g(51));
  });

  it("keeps both codings of a file that gives two of them one GUID, the second under a new id", async () => {
    const fresh = await backend.open();
    const project = await createProject(fresh, { name: "Twice", method: "framework", actor: "AS" });
    const bundle = parts().map((part) => {
      if (part.type !== "source") return part;
      const selection = part.source.selections[0];
      if (!selection) throw new Error("the test source has a selection");
      // Same coding GUID on a second selection of the same source, so in the same batch.
      const again = { ...selection, guid: g(52), start: 0, end: 4 };
      return { ...part, source: { ...part.source, selections: [selection, again] } };
    });
    await mutate(fresh, { projectId: project.id, actor: "AS", action: "import" }, async (m) => {
      await writeBundle(m, bundle);
      m.summary = "imported";
    });
    const ids = (await listCodings(fresh, project.id)).map((coding) => coding.id);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(g(51));
    expect(new Set(ids).size).toBe(2);
    const source = (await collect(fresh, project.id)).find((p) => p.type === "source");
    const guids =
      source?.type === "source" ? source.source.selections.flatMap((s) => s.codings) : [];
    expect(guids.map((coding) => coding.guid)).toEqual([g(51), g(51)]);
  });

  it("keeps both codings when a file repeats a coding GUID a batch later, in an empty store or not", async () => {
    // 501 sources, the last coded under the first's coding GUID: the two land in different
    // batches, whether or not the store held codings before.
    const repeated = () =>
      sourcesAfterCodebook(501, (index) => ({
        source: g(400_000 + index),
        selection: g(500_000 + index),
        coding: g(index === 500 ? 600_000 : 600_000 + index),
      }));
    const empty = await backend.open();
    for (const [name, target] of [
      ["empty", empty],
      ["shared", store],
    ] as const) {
      const project = await createProject(target, {
        name: `Repeated ${name}`,
        method: "framework",
        actor: "AS",
      });
      await mutate(target, { projectId: project.id, actor: "AS", action: "import" }, async (m) => {
        await writeBundle(m, repeated());
        m.summary = "imported";
      });
      const ids = (await listCodings(target, project.id)).map((coding) => coding.id);
      expect(ids).toHaveLength(501);
      expect(new Set(ids).size).toBe(501);
      expect(ids).toContain(g(600_000));
    }
  });

  it("leaves the project exactly as before when the bundle fails half-way", async () => {
    const project = await createProject(store, {
      name: "Atomic",
      method: "reflexive_ta",
      actor: "AS",
    });
    async function* failing(): AsyncGenerator<BundlePart> {
      for (const part of parts()) {
        if (part.type === "note") throw new Error("the file broke here");
        yield part;
      }
    }
    await expect(
      mutate(store, { projectId: project.id, actor: "AS", action: "import" }, async (m) => {
        await writeBundle(m, failing());
      }),
    ).rejects.toThrow(/broke here/);
    for (const table of [
      "sources",
      "codings",
      "codes",
      "sets",
      "users",
      "memos",
      "exchangeData",
      "cases",
    ] as const)
      expect(await count(store, table, project.id)).toBe(0);
  });

  it("leaves nothing when a batch of sources fails, or the file breaks, while a batch is written", async () => {
    // 501 sources: the first 500 are written as one batch (on PostgreSQL while the rest is read).
    const many = (duplicate: boolean) =>
      sourcesAfterCodebook(501, (index) => ({
        // Two sources under one GUID: the second's insert fails its batch.
        source: g(duplicate && index === 1 ? 100_000 : 100_000 + index),
        selection: g(200_000 + index),
        coding: g(300_000 + index),
      }));
    for (const scenario of ["batch fails", "file breaks"] as const) {
      const project = await createProject(store, {
        name: `Pipelined ${scenario}`,
        method: "reflexive_ta",
        actor: "AS",
      });
      async function* bundle(): AsyncGenerator<BundlePart> {
        let sources = 0;
        for (const part of many(scenario === "batch fails")) {
          if (part.type === "source" && ++sources === 501 && scenario === "file breaks")
            throw new Error("the file broke here");
          yield part;
        }
      }
      await expect(
        mutate(store, { projectId: project.id, actor: "AS", action: "import" }, async (m) => {
          await writeBundle(m, bundle());
        }),
      ).rejects.toThrow(scenario === "file breaks" ? /broke here/ : /./);
      for (const table of ["sources", "codings", "codes", "cases"] as const)
        expect(await count(store, table, project.id)).toBe(0);
    }
  });

  it("rebuilds the codings indexes and the triggers it set aside for a load into an empty store, or rolls back", async () => {
    const fresh = await backend.open();
    const indexes = async (through: Store = fresh) => {
      const { rows } =
        through.kind === "sqlite"
          ? await sql<{ definition: string }>`SELECT sql AS definition FROM sqlite_master
              WHERE (type IN ('index', 'trigger') AND tbl_name = 'codings')
                OR (type = 'trigger' AND tbl_name = 'source_revisions')
              ORDER BY name`.execute(through.db)
          : await sql<{ definition: string }>`SELECT indexdef AS definition FROM pg_indexes
              WHERE tablename = 'codings' AND schemaname = current_schema() ORDER BY indexname`.execute(
              through.db,
            );
      return rows.map((row) => row.definition);
    };
    const before = await indexes();
    expect(before.length).toBeGreaterThan(2);
    const project = await createProject(fresh, {
      name: "Bulk",
      method: "reflexive_ta",
      actor: "AS",
    });
    let seen: string[] = [];
    let tallies = -1;
    let inside: Store = fresh;
    // The matrices were read while the study was empty: their kept tallies (and the triggers they
    // arm) are set aside with the indexes, and counted afresh after the load.
    await countCooccurrences(fresh, project.id);
    async function* failing(): AsyncGenerator<BundlePart> {
      for (const part of parts()) {
        if (part.type === "note") {
          seen = await indexes(inside);
          const { rows } = await sql<{
            n: number;
          }>`SELECT count(*) AS n FROM matrix_tallies`.execute(inside.db);
          tallies = Number(rows[0]?.n);
          throw new Error("the file broke here");
        }
        yield part;
      }
    }
    // Large, as an import of a big file is: the journal it runs under changes nothing here.
    const options = { projectId: project.id, actor: "AS", action: "import", large: true };
    await expect(
      mutate(fresh, options, async (m) => {
        inside = m.store;
        await writeBundle(m, failing());
      }),
    ).rejects.toThrow(/broke here/);
    // SQLite's single connection saw the indexes gone during the load.
    if (fresh.kind === "sqlite") {
      expect(seen.length).toBeLessThan(before.length);
      expect(seen.filter((definition) => /\bINSERT ON codings\b/.test(definition))).toEqual([]);
      // The search indexing of new revisions too: the load indexes its texts itself.
      expect(
        seen.filter((definition) => /\bINSERT ON source_revisions\b/.test(definition)),
      ).toEqual([]);
      expect(
        before.filter((definition) => /\bINSERT ON source_revisions\b/.test(definition)),
      ).toHaveLength(1);
      expect(before.filter((definition) => /\bINSERT ON codings\b/.test(definition))).toHaveLength(
        2,
      );
      expect(tallies).toBe(0);
    }
    expect(await indexes()).toEqual(before);
    await mutate(fresh, options, async (m) => {
      await writeBundle(m, parts());
      m.summary = "imported";
    });
    expect(await indexes()).toEqual(before);
    // The rebuild's smaller page cache and its sorter threads were the rebuild's alone.
    if (fresh.kind === "sqlite") {
      const { rows } = await sql<{ pages: number }>`
        SELECT cache_size AS pages FROM pragma_cache_size()`.execute(fresh.db);
      expect(Number(rows[0]?.pages)).toBe(-65536);
      const { rows: threads } = await sql<{ threads: number }>`
        SELECT threads FROM pragma_threads()`.execute(fresh.db);
      expect(Number(threads[0]?.threads)).toBe(0);
    }
    expect(await count(fresh, "codings", project.id)).toBe(1);
    // The texts the load indexed are found, under their sources; so is a source added after it,
    // which the restored trigger indexed.
    const found = await searchProject(fresh, project.id, "Második");
    expect(found.results.map((result) => result.sourceId)).toEqual(
      (await listSources(fresh, project.id)).map((source) => source.id),
    );
    const later = await mutate(fresh, { ...options, large: false }, async (m) => {
      m.summary = "added";
      return addSource(m, { title: "Later", kind: "interview", text: "Harmadik sor." });
    });
    expect(
      (await searchProject(fresh, project.id, "Harmadik")).results.map((result) => result.sourceId),
    ).toEqual([later.id]);
    const kept = await countCooccurrences(fresh, project.id);
    expect(kept.spread).toEqual(await codeSpreadLive(fresh, project.id));
    expect(kept.spread.reduce((sum, code) => sum + code.segments, 0)).toBe(1);
  });

  it("exports a Quire-made project: coders become users, coding memos become notes", async () => {
    const project = await createProject(store, {
      name: "Native",
      method: "reflexive_ta",
      actor: "AS",
    });
    await mutate(store, { projectId: project.id, actor: "AS", action: "import" }, async (m) => {
      await writeBundle(
        m,
        parts().filter((p) => p.type !== "note" && p.type !== "user" && p.type !== "source"),
      );
      m.summary = "codes";
    });
    const { importSources } = await import("./imports.js");
    await mutate(store, { projectId: project.id, actor: "AS", action: "import" }, async (m) => {
      await importSources(m, [{ kind: "interview", title: "Saját", text: TEXT }]);
      m.summary = "source";
    });
    const exported = await collect(store, project.id);
    const codes = exported.filter((p) => p.type === "code");
    const sourceId = (
      await store.db
        .selectFrom("sources")
        .select("id")
        .where("projectId", "=", project.id)
        .executeTakeFirstOrThrow()
    ).id;
    const codeId = (await listCodes(store, project.id)).find((c) => c.name === "piros")
      ?.id as string;
    await mutate(store, { projectId: project.id, actor: "BK", action: "coding.add" }, async (m) => {
      const coding = await addCoding(m, {
        sourceId,
        codeId,
        start: START,
        end: END,
        memo: "miért",
      });
      expect(coding.anchor.exact).toBe(TEXT.slice(START, END));
      m.summary = "coded";
    });
    const after = await collect(store, project.id);
    expect(after.filter((p) => p.type === "code")).toEqual(codes);
    expect(
      after.filter((p) => p.type === "user").map((p) => p.type === "user" && p.user.name),
    ).toEqual(["BK"]);
    const notes = after.filter((p) => p.type === "note");
    expect(notes).toHaveLength(1);
    expect(await listMemos(store, project.id)).toHaveLength(0);
  });
});
