/**
 * A whole project as an exchange bundle (the shape of a REFI-QDA project), read page by page so a
 * large project streams: one source with its codings at a time. Everything is ordered so that the
 * same project gives the same parts — codes by name within their parent, sources by position,
 * codings by position — and GUIDs a file gave are given back (see `bundle-import.ts`).
 */

import type { BundleCoding, BundlePart, BundleSelection, BundleValue } from "@quire/core";
import { type AttributeValue, QuireError } from "@quire/core";
import { sql } from "kysely";
import type { Store } from "../store.js";
import { derivedGuid } from "./bundle-import.js";
import { readSourcePages } from "./bundle-pages.js";
import { parseJson } from "./rows.js";

export * from "./bundle-import.js";

export interface BundleExportOptions {
  /** The software named as the file's origin. */
  origin?: string;
  /** Most sources per page read (default 125 on SQLite, 500 on PostgreSQL). */
  pageSize?: number;
  /** About the most codings per page read (default 5,000 on SQLite, 20,000 on PostgreSQL; a source with more makes a page of its own). */
  pageCodings?: number;
  /** Told what could not be exported (an orphaned coding has no words to select). */
  onSkip?: (message: string) => void;
}

type Data = Record<string, unknown>;
/** The exchange data of a coding that has none (most of them); never written to. */
const NO_DATA: Data = Object.freeze({});
/** The note references of the many selections and codings that have none; never written to. */
const NO_REFS = Object.freeze([]) as unknown as string[];

/**
 * Reads the project's users, codes, attributes, cases, sources with codings, memos and sets as
 * exchange parts, in REFI-QDA document order.
 * @throws QuireError `not_found` for an unknown project.
 */
export async function* readBundle(
  store: Store,
  projectId: string,
  options: BundleExportOptions = {},
): AsyncGenerator<BundlePart> {
  const db = store.db;
  // Every read is started here and awaited where needed: on PostgreSQL they run at once on the
  // pool's connections (two of them scan every coding), overlapping each other and the parts
  // written meanwhile; SQLite runs them in turn either way.
  const projectRow = started(
    db.selectFrom("projects").selectAll().where("id", "=", projectId).executeTakeFirst(),
  );
  const exchangeRows = started(
    db
      .selectFrom("exchangeData")
      .select(["id", "data"])
      .where("projectId", "=", projectId)
      .where("kind", "!=", "coding")
      .execute(),
  );
  const userRows = started(
    db.selectFrom("users").select(["id", "name"]).where("projectId", "=", projectId).execute(),
  );
  const coderRows = started(
    db
      .selectFrom("codings")
      .select("coder")
      .distinct()
      .where("projectId", "=", projectId)
      .execute(),
  );
  const authorRows = started(
    db.selectFrom("memos").select("author").distinct().where("projectId", "=", projectId).execute(),
  );
  const memoRows = started(
    db
      .selectFrom("memos")
      .selectAll()
      .where("projectId", "=", projectId)
      .orderBy("createdAt")
      .orderBy("id")
      .execute(),
  );
  const codeRows = started(
    db.selectFrom("codes").selectAll().where("projectId", "=", projectId).execute(),
  );
  const attributeRows = started(
    db
      .selectFrom("attributes")
      .selectAll()
      .where("projectId", "=", projectId)
      .orderBy("position")
      .execute(),
  );
  // A case and a source-of-case row per source at M: read as arrays, no object per row.
  const sourceCaseRows = started(
    store.dialect.selectRows(
      db,
      sql`SELECT id, case_id FROM sources WHERE project_id = ${projectId} AND case_id IS NOT NULL
        ORDER BY position`.compile(db),
    ) as Promise<[string, string][]>,
  );
  const caseRows = started(
    store.dialect.selectRows(
      db,
      sql`SELECT id, name, attributes FROM cases WHERE project_id = ${projectId}
        ORDER BY name, id`.compile(db),
    ) as Promise<[string, string, string][]>,
  );
  // SQLite answers on this thread, so a smaller page keeps less alive while it is written (about
  // 50 MiB less peak RSS at 10⁶ codings, no slower); PostgreSQL's round trips want larger ones.
  const sqlite = store.kind === "sqlite";
  const sourcePages = readSourcePages(store, projectId, {
    pageSize: options.pageSize ?? (sqlite ? 125 : 500),
    pageCodings: options.pageCodings ?? (sqlite ? 5_000 : 20_000),
  });

  const project = await projectRow;
  if (!project) throw new QuireError("not_found", `no project with id ${projectId}`);
  const settings = parseJson<Data>(project.settings, {});
  const refi = (settings.refi ?? {}) as Data;

  const exchange = new Map<string, Data>();
  for (const row of await exchangeRows) exchange.set(row.id, parseJson<Data>(row.data, {}));
  const guidOf = (id: string) => (exchange.get(id)?.guid as string | undefined) ?? id;

  // Users: the table, plus every coder and author who is not in it (a GUID derived from the name).
  const users = new Map<string, string>((await userRows).map((row) => [row.name, guidOf(row.id)]));
  const coders = await coderRows;
  const authors = await authorRows;
  for (const name of [...coders.map((r) => r.coder), ...authors.map((r) => r.author)])
    if (!users.has(name)) users.set(name, derivedGuid(`user:${name}`));
  const userGuid = (name: string) => users.get(name);

  yield {
    type: "project",
    project: {
      name: project.name,
      origin: options.origin ?? "Quire",
      ...(typeof refi.creatingUserGuid === "string"
        ? { creatingUserGuid: refi.creatingUserGuid }
        : {}),
      creationDateTime: (refi.creationDateTime as string | undefined) ?? project.createdAt,
    },
  };
  for (const [name, guid] of [...users].sort(([a], [b]) => compare(a, b)))
    yield { type: "user", user: { guid, name } };

  // Memos first, as NoteRefs point at them from codes, sources and codings.
  const memos = await memoRows;
  const notesOn = new Map<string, string[]>();
  const projectNoteRefs: string[] = [];
  for (const memo of memos) {
    const guid = guidOf(memo.id);
    if (exchange.get(memo.id)?.projectRef === true) projectNoteRefs.push(guid);
    if (memo.targetId) {
      const list = notesOn.get(memo.targetId) ?? [];
      list.push(guid);
      notesOn.set(memo.targetId, list);
    }
  }

  // Codes: depth first, siblings by name.
  const codes = await codeRows;
  const children = new Map<string | null, typeof codes>();
  const codeIds = new Set(codes.map((code) => code.id));
  for (const code of codes) {
    const parent = code.parentId && codeIds.has(code.parentId) ? code.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(code);
    children.set(parent, list);
  }
  const codeGuid = new Map<string, string>();
  const ordered: { code: (typeof codes)[number]; parentGuid: string | null }[] = [];
  const visit = (parent: string | null, parentGuid: string | null) => {
    const list = (children.get(parent) ?? []).sort(
      (a, b) => compare(a.name, b.name) || compare(a.id, b.id),
    );
    for (const code of list) {
      const guid = guidOf(code.id);
      codeGuid.set(code.id, guid);
      ordered.push({ code, parentGuid });
      visit(code.id, guid);
    }
  };
  visit(null, null);
  for (const { code, parentGuid } of ordered)
    yield {
      type: "code",
      code: {
        guid: codeGuid.get(code.id) as string,
        name: code.name,
        parentGuid,
        isCodable: exchange.get(code.id)?.isCodable !== false,
        color: code.color,
        description: describe(parseJson<Data>(code.description, {})),
        noteRefs: notesOn.get(code.id) ?? [],
      },
    };

  // Attributes become variables.
  const attributes = await attributeRows;
  const variables = attributes.map((attribute) => {
    const data = exchange.get(attribute.id) ?? {};
    const type = (data.type as BundleValue["type"] | undefined) ?? variableType(attribute.type);
    return {
      guid: (data.guid as string | undefined) ?? attribute.id,
      name: attribute.name,
      type,
      description: (data.description as string | undefined) ?? null,
    };
  });
  for (const variable of variables) yield { type: "variable", variable };
  const valuesOf = (values: Record<string, AttributeValue>): BundleValue[] => {
    const result: BundleValue[] = [];
    for (const variable of variables) {
      const value = values[variable.name];
      if (value === undefined) continue;
      result.push({
        variableGuid: variable.guid,
        type: variable.type,
        value: typed(variable.type, value),
      });
    }
    return result;
  };

  // Cases, with the sources that belong to them.
  const sourcesOfCase = new Map<string, string[]>();
  for (const [sourceId, caseId] of await sourceCaseRows) {
    const list = sourcesOfCase.get(caseId) ?? [];
    list.push(guidOf(sourceId));
    sourcesOfCase.set(caseId, list);
  }
  for (const [id, name, attributes] of await caseRows) {
    const data = exchange.get(id) ?? {};
    yield {
      type: "case",
      case: {
        guid: guidOf(id),
        name,
        description: (data.description as string | undefined) ?? null,
        codeRefs: (data.codeRefs as string[] | undefined) ?? [],
        values: valuesOf(parseJson(attributes, {})),
        sourceRefs: sourcesOfCase.get(id) ?? [],
        selectionRefs: (data.selectionRefs as string[] | undefined) ?? [],
      },
    };
  }

  // Sources, a page at a time, each with its codings grouped into selections.
  const codingNotes: Extract<BundlePart, { type: "note" }>["note"][] = [];
  for await (const page of sourcePages.pages) {
    for (const source of page) {
      const meta = (parseJson<Data>(source.metadata, {}).refi ?? {}) as Data;
      const selections: BundleSelection[] = [];
      const bySelection = new Map<string, BundleSelection>();
      for (const row of source.codings) {
        const id = row[0];
        const codeId = row[1];
        const start = row[2];
        const end = row[3];
        const coder = row[4];
        const memo = row[5];
        const createdAt = row[6];
        const data = row[7] === null ? NO_DATA : parseJson<Data>(row[7], NO_DATA);
        const guid = (data.guid as string | undefined) ?? id;
        let selectionGuid =
          (data.selection as string | undefined) ?? derivedGuid(`selection:${guid}`);
        const existing = bySelection.get(selectionGuid);
        // A selection holds one range; a coding resized since the import gets its own.
        if (existing && (existing.start !== start || existing.end !== end))
          selectionGuid = derivedGuid(`selection:${guid}`);
        let selection = bySelection.get(selectionGuid);
        if (!selection) {
          const creator = (data.selection_creatingUser as string | undefined) ?? userGuid(coder);
          const creationDateTime =
            (data.selection_creationDateTime as string | undefined) ?? createdAt;
          // Built field by field, without spreads: this runs once per coded passage.
          const fresh: BundleSelection =
            data === NO_DATA
              ? creator
                ? {
                    guid: selectionGuid,
                    start,
                    end,
                    creatingUser: creator,
                    creationDateTime,
                    codings: [],
                    noteRefs: NO_REFS,
                  }
                : {
                    guid: selectionGuid,
                    start,
                    end,
                    creationDateTime,
                    codings: [],
                    noteRefs: NO_REFS,
                  }
              : {
                  guid: selectionGuid,
                  start,
                  end,
                  ...optionalString("name", data.selection_name),
                  ...(creator ? { creatingUser: creator } : {}),
                  creationDateTime,
                  ...optionalString("modifyingUser", data.selection_modifyingUser),
                  ...optionalString("modifiedDateTime", data.selection_modifiedDateTime),
                  ...optionalString("description", data.selection_description),
                  codings: [],
                  noteRefs: NO_REFS,
                };
          selection = fresh;
          bySelection.set(selectionGuid, fresh);
          selections.push(fresh);
        }
        const memos = notesOn.get(id);
        let noteRefs = memos ? [...memos] : NO_REFS;
        if (memo) {
          const noteGuid = derivedGuid(`coding-memo:${guid}`);
          noteRefs = [...noteRefs, noteGuid];
          const author = userGuid(coder);
          codingNotes.push({
            guid: noteGuid,
            name: "Coding memo",
            text: memo,
            ...(author ? { creatingUser: author } : {}),
            creationDateTime: createdAt,
          });
        }
        const creator = userGuid(coder);
        const code = codeGuid.get(codeId) ?? codeId;
        const item: BundleCoding = creator
          ? { guid, codeGuid: code, creatingUser: creator, creationDateTime: createdAt, noteRefs }
          : { guid, codeGuid: code, creationDateTime: createdAt, noteRefs };
        selection.codings.push(item);
      }
      const values = Array.isArray(meta.values) ? (meta.values as BundleValue[]) : [];
      yield {
        type: "source",
        source: {
          guid: (meta.guid as string | undefined) ?? source.id,
          name: source.title,
          text: source.text,
          ...optionalString("description", meta.description),
          ...optionalString("creatingUser", meta.creatingUser),
          creationDateTime: (meta.creationDateTime as string | undefined) ?? source.createdAt,
          ...optionalString("modifyingUser", meta.modifyingUser),
          ...optionalString("modifiedDateTime", meta.modifiedDateTime),
          selections,
          codings: [],
          noteRefs: notesOn.get(source.id) ?? [],
          values,
        },
      };
    }
  }
  const orphans = sourcePages.skipped();
  if (orphans > 0)
    options.onSkip?.(`${orphans} orphaned codings (their words are gone; resolve them first)`);

  // Notes: memos and coding memos, by date.
  const notes: Extract<BundlePart, { type: "note" }>["note"][] = memos.map((memo) => {
    const author = userGuid(memo.author);
    return {
      guid: guidOf(memo.id),
      name: memo.title,
      text: memo.body,
      ...(author ? { creatingUser: author } : {}),
      creationDateTime: memo.createdAt,
      ...(memo.updatedAt !== memo.createdAt ? { modifiedDateTime: memo.updatedAt } : {}),
    };
  });
  notes.push(...codingNotes);
  notes.sort(
    (a, b) =>
      compare(a.creationDateTime ?? "", b.creationDateTime ?? "") || compare(a.guid, b.guid),
  );
  for (const note of notes) yield { type: "note", note };

  // Sets.
  const sets = await db
    .selectFrom("sets")
    .selectAll()
    .where("projectId", "=", projectId)
    .orderBy("name")
    .orderBy("id")
    .execute();
  for (const set of sets) {
    const members = await db
      .selectFrom("setMembers")
      .select(["memberType", "memberId"])
      .where("setId", "=", set.id)
      .orderBy("position")
      .execute();
    const of = (type: string) =>
      members
        .filter((member) => member.memberType === type)
        .map((member) => guidOf(member.memberId));
    const memberCodes = members
      .filter((member) => member.memberType === "code")
      .map((member) => codeGuid.get(member.memberId) ?? member.memberId);
    if (members.some((member) => member.memberType === "case"))
      options.onSkip?.(`cases in set "${set.name}" (REFI-QDA sets hold codes, sources and notes)`);
    yield {
      type: "set",
      set: {
        guid: guidOf(set.id),
        name: set.name,
        description: set.description === "" ? null : set.description,
        memberCodes,
        memberSources: of("source"),
        memberNotes: of("note"),
      },
    };
  }
  yield {
    type: "end",
    end: {
      description: (refi.description as string | undefined) ?? null,
      noteRefs: projectNoteRefs,
    },
  };
}

/** A read started now and awaited later: a failure is seen there, not reported as unhandled before. */
function started<T>(read: Promise<T>): Promise<T> {
  read.catch(() => {});
  return read;
}

function optionalString<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === "string" ? ({ [key]: value } as Record<K, string>) : {};
}

/** Code-point order, the same on every machine and in every locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A code's structured description as one text: the definition alone, or labelled parts. */
function describe(description: Data): string | null {
  const parts: string[] = [];
  const definition = typeof description.definition === "string" ? description.definition : "";
  const labelled: [string, string][] = [
    ["Include", "inclusion"],
    ["Exclude", "exclusion"],
    ["Example", "example"],
  ];
  const extra = labelled.filter(
    ([, key]) => typeof description[key] === "string" && description[key] !== "",
  );
  if (extra.length === 0) return definition === "" ? null : definition;
  if (definition !== "") parts.push(definition);
  for (const [label, key] of extra) parts.push(`${label}: ${description[key] as string}`);
  return parts.join("\n\n");
}

function variableType(type: string): BundleValue["type"] {
  switch (type) {
    case "number":
      return "Float";
    case "boolean":
      return "Boolean";
    case "date":
      return "Date";
    default:
      return "Text";
  }
}

function typed(type: BundleValue["type"], value: AttributeValue): BundleValue["value"] {
  switch (type) {
    case "Integer":
    case "Float": {
      const number = typeof value === "number" ? value : Number(value);
      return Number.isFinite(number) ? number : null;
    }
    case "Boolean":
      return typeof value === "boolean" ? value : String(value) === "true";
    default:
      return String(value);
  }
}
