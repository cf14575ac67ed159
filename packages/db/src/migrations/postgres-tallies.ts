/**
 * PostgreSQL migration 7: the kept matrix tallies, the same tables and rules as SQLite's (see
 * `sqlite-tallies.ts` and `repositories/matrix-tallies.ts`). The triggers are per statement, with
 * transition tables, so a bulk load of a million codings runs them a few hundred times, not a
 * million. Running AFTER the statement, they must count a changed source's pairs as they were
 * before it. With C the source's live codings now, N the statement's new rows and O its old ones,
 * the state before is (C − N) ∪ O, and its pairs are
 *   pairs(C) − cross(C, N) + pairs(N) + cross(C, O) − cross(N, O) + pairs(O),
 * where cross(A, B) counts each b's overlapping partners in A of another code (a pair inside N is
 * seen from both its ends, hence + pairs(N)). pairs(C) and the cross terms with C are index range
 * scans of the table, as in the full count; only the terms within N and O, which are the
 * statement's own few rows, join the transition tables. Signed counts are summed per source and
 * pair, and a pair's source count falls by the sources where its sum is positive.
 *
 * Concurrency: every statement that changes codings or cases takes a shared advisory lock on each
 * project it touches, held to the end of its transaction; bringing a project's tallies up to date
 * takes the exclusive one (and gives up at once if a writer holds it, falling back to counting
 * live). So no update of the tallies can miss a change that commits around it.
 */

/** The advisory lock class of the matrix tallies ("QUIR"); the second key is the project's hash. */
export const TALLIES_LOCK_CLASS = 1_364_543_826;

const PARTNER = `y.source_id = x.source_id
      AND y.start_pos >= x.start_pos AND y.start_pos < x.end_pos
      AND (y.start_pos > x.start_pos OR y.code_id > x.code_id)
      AND y.code_id <> x.code_id`;

interface StatementRows {
  /** The project ids the statement touched. */
  projects: string;
  /** (project_id, code_id) whose crosstab cells and spread the statement may change. */
  codes: string;
  /** (project_id, source_id) whose overlapping pairs the statement may change. */
  sources: string;
  /** The transition tables the statement has. */
  tables: ("new_rows" | "old_rows")[];
}

const lo = (x: string, y: string) =>
  `CASE WHEN ${x}.code_id < ${y}.code_id THEN ${x}.code_id ELSE ${y}.code_id END`;
const hi = (x: string, y: string) =>
  `CASE WHEN ${x}.code_id < ${y}.code_id THEN ${y}.code_id ELSE ${x}.code_id END`;

/** The live rows of a transition table in the newly listed sources. */
const liveIn = (table: string) =>
  `(SELECT * FROM ${table} WHERE status <> 'orphaned' AND source_id = ANY(dirty))`;

/** (project_id, source_id, code_a, code_b, n): each b's partners now in the table, signed. */
const crossNow = (table: string, sign: string) => `
    SELECT b.project_id, b.source_id, ${lo("b", "c")}, ${hi("b", "c")}, ${sign}
    FROM ${liveIn(table)} b CROSS JOIN LATERAL (SELECT c.code_id FROM codings c
      WHERE c.source_id = b.source_id AND c.status <> 'orphaned'
        AND c.start_pos < b.end_pos AND c.end_pos > b.start_pos AND c.code_id <> b.code_id
      OFFSET 0) c`;

/** Pairs within a transition table's rows, signed; or across two of them (overlap, any order). */
const pairsWithin = (table: string, sign: string) => `
    SELECT x.project_id, x.source_id, ${lo("x", "y")}, ${hi("x", "y")}, ${sign}
    FROM ${liveIn(table)} x JOIN ${liveIn(table)} y ON ${PARTNER}`;
const crossBetween = (a: string, b: string, sign: string) => `
    SELECT x.project_id, x.source_id, ${lo("x", "y")}, ${hi("x", "y")}, ${sign}
    FROM ${liveIn(a)} x JOIN ${liveIn(b)} y ON y.source_id = x.source_id
      AND y.start_pos < x.end_pos AND x.start_pos < y.end_pos AND y.code_id <> x.code_id`;

/** The signed terms of the pairs before the statement (see the header). */
function pairsBefore(tables: StatementRows["tables"]): string {
  const terms = [
    `
    SELECT x.project_id, x.source_id, ${lo("x", "y")}, ${hi("x", "y")}, 1
    FROM codings x CROSS JOIN LATERAL (SELECT y.code_id FROM codings y
      WHERE ${PARTNER} AND y.status <> 'orphaned' OFFSET 0) y
    WHERE x.source_id = ANY(dirty) AND x.status <> 'orphaned'`,
  ];
  const hasNew = tables.includes("new_rows");
  const hasOld = tables.includes("old_rows");
  if (hasNew) terms.push(crossNow("new_rows", "-1"), pairsWithin("new_rows", "1"));
  if (hasOld) terms.push(crossNow("old_rows", "1"), pairsWithin("old_rows", "1"));
  if (hasNew && hasOld) terms.push(crossBetween("new_rows", "old_rows", "-1"));
  return terms.join("\n    UNION ALL");
}

/** A statement trigger function on codings, from the queries that say what the statement changed. */
function codingsFunction(name: string, rows: StatementRows): string {
  return `
CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  dirty text[];
BEGIN
  PERFORM pg_advisory_xact_lock_shared(${TALLIES_LOCK_CLASS}, hashtext(p.project_id))
    FROM (SELECT DISTINCT project_id FROM (${rows.projects}) touched ORDER BY 1) p;
  IF NOT EXISTS (SELECT 1 FROM matrix_tallies
      WHERE project_id IN (SELECT project_id FROM (${rows.projects}) touched)) THEN
    RETURN NULL;
  END IF;
  DELETE FROM crosstab_codes m USING (${rows.codes}) c
    WHERE m.project_id = c.project_id AND m.code_id = c.code_id;
  DELETE FROM code_spread m USING (${rows.codes}) c
    WHERE m.project_id = c.project_id AND m.code_id = c.code_id;
  -- Sources listed now for the first time since the last read: their pairs leave the totals.
  WITH listed AS (
    INSERT INTO cooccurrence_dirty (project_id, source_id)
    SELECT DISTINCT c.project_id, c.source_id FROM (${rows.sources}) c
    JOIN matrix_tallies t ON t.project_id = c.project_id AND t.cooccurrence_built
    ON CONFLICT DO NOTHING
    RETURNING source_id)
  SELECT array_agg(source_id) INTO dirty FROM listed;
  IF dirty IS NULL THEN
    RETURN NULL;
  END IF;
  WITH signed (project_id, source_id, code_a, code_b, n) AS (${pairsBefore(rows.tables)}),
  per_source AS (
    SELECT project_id, source_id, code_a, code_b, sum(n) AS n FROM signed GROUP BY 1, 2, 3, 4),
  per_pair AS (
    SELECT project_id, code_a, code_b, sum(n) AS n, count(*) AS s FROM per_source WHERE n > 0
    GROUP BY 1, 2, 3)
  -- The source was in the totals, so each of its pairs has a row: a plain update (HOT, with the
  -- table's free space) costs less than an upsert's speculative insert.
  UPDATE cooccurrence_pairs t SET pairs = t.pairs - p.n, sources = t.sources - p.s
  FROM per_pair p
  WHERE t.project_id = p.project_id AND t.code_a = p.code_a AND t.code_b = p.code_b;
  RETURN NULL;
END
$$;`;
}

const insertRows: StatementRows = {
  projects: "SELECT project_id FROM new_rows",
  codes: "SELECT DISTINCT project_id, code_id FROM new_rows WHERE status <> 'orphaned'",
  sources: "SELECT project_id, source_id FROM new_rows WHERE status <> 'orphaned'",
  tables: ["new_rows"],
};

const deleteRows: StatementRows = {
  projects: "SELECT project_id FROM old_rows",
  codes: "SELECT DISTINCT project_id, code_id FROM old_rows WHERE status <> 'orphaned'",
  sources: "SELECT project_id, source_id FROM old_rows WHERE status <> 'orphaned'",
  tables: ["old_rows"],
};

/** Old and new versions of each updated coding that was or is live. */
const CHANGED = `old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status <> 'orphaned' OR n.status <> 'orphaned')`;
const COUNTS_CHANGE = `(o.code_id IS DISTINCT FROM n.code_id OR o.case_id IS DISTINCT FROM n.case_id
      OR o.source_id IS DISTINCT FROM n.source_id
      OR (o.status <> 'orphaned') IS DISTINCT FROM (n.status <> 'orphaned'))`;
const OVERLAP_CHANGE = `(o.code_id IS DISTINCT FROM n.code_id
      OR o.source_id IS DISTINCT FROM n.source_id
      OR o.start_pos IS DISTINCT FROM n.start_pos OR o.end_pos IS DISTINCT FROM n.end_pos
      OR (o.status <> 'orphaned') IS DISTINCT FROM (n.status <> 'orphaned'))`;

const updateRows: StatementRows = {
  projects: "SELECT project_id FROM new_rows",
  codes: `SELECT o.project_id, o.code_id FROM ${CHANGED} AND ${COUNTS_CHANGE}
      UNION SELECT n.project_id, n.code_id FROM ${CHANGED} AND ${COUNTS_CHANGE}`,
  sources: `SELECT o.project_id, o.source_id FROM ${CHANGED} AND ${OVERLAP_CHANGE}
      UNION SELECT n.project_id, n.source_id FROM ${CHANGED} AND ${OVERLAP_CHANGE}`,
  tables: ["new_rows", "old_rows"],
};

/**
 * A statement trigger function on cases. Any change to cases changes how many cases each group
 * has, so group sizes are counted again; a case whose value of a kept attribute changed moves its
 * passages to another group, so that attribute's cells are counted again too (`cellsInvalid`).
 */
function casesFunction(name: string, touched: string, cellsInvalid?: string): string {
  return `
CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(${TALLIES_LOCK_CLASS}, hashtext(p.project_id))
    FROM (SELECT DISTINCT project_id FROM (${touched}) touched ORDER BY 1) p;
  UPDATE crosstab_attributes SET groups_current = false
    WHERE groups_current AND project_id IN (SELECT project_id FROM (${touched}) touched);
  ${cellsInvalid ?? ""}
  RETURN NULL;
END
$$;`;
}

/** Kept attributes whose value changed for some updated case. */
const CHANGED_VALUES = `DELETE FROM crosstab_attributes a
    USING old_rows o JOIN new_rows n ON n.id = o.id
    WHERE a.project_id = n.project_id AND o.attributes IS DISTINCT FROM n.attributes
      AND (o.attributes::jsonb -> a.attribute) IS DISTINCT FROM (n.attributes::jsonb -> a.attribute);`;

export const postgresTalliesMigration = `
CREATE TABLE matrix_tallies (
  project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  cooccurrence_built BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE crosstab_attributes (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  attribute TEXT NOT NULL,
  groups_current BOOLEAN NOT NULL DEFAULT true,
  PRIMARY KEY (project_id, attribute)
);
CREATE TABLE crosstab_groups (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  attribute TEXT NOT NULL,
  slot TEXT NOT NULL,
  cases INTEGER NOT NULL,
  PRIMARY KEY (project_id, attribute, slot)
);
CREATE TABLE crosstab_codes (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  attribute TEXT NOT NULL,
  PRIMARY KEY (project_id, code_id, attribute)
);
CREATE INDEX crosstab_codes_by_code ON crosstab_codes (code_id);
CREATE TABLE crosstab_cells (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  attribute TEXT NOT NULL,
  code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  slot TEXT NOT NULL,
  cases INTEGER NOT NULL,
  segments INTEGER NOT NULL,
  PRIMARY KEY (project_id, attribute, code_id, slot)
);
CREATE INDEX crosstab_cells_by_code ON crosstab_cells (code_id);
CREATE TABLE code_spread (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  sources INTEGER NOT NULL,
  segments INTEGER NOT NULL,
  PRIMARY KEY (project_id, code_id)
);
CREATE INDEX code_spread_by_code ON code_spread (code_id);
CREATE TABLE cooccurrence_pairs (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  code_a TEXT NOT NULL,
  code_b TEXT NOT NULL,
  pairs INTEGER NOT NULL,
  sources INTEGER NOT NULL,
  PRIMARY KEY (project_id, code_a, code_b)
) WITH (fillfactor = 70);
CREATE TABLE cooccurrence_dirty (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  PRIMARY KEY (project_id, source_id)
);
${codingsFunction("quire_tallies_codings_insert", insertRows)}
${codingsFunction("quire_tallies_codings_delete", deleteRows)}
${codingsFunction("quire_tallies_codings_update", updateRows)}
CREATE TRIGGER codings_tallies_insert AFTER INSERT ON codings
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION quire_tallies_codings_insert();
CREATE TRIGGER codings_tallies_delete AFTER DELETE ON codings
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION quire_tallies_codings_delete();
CREATE TRIGGER codings_tallies_update AFTER UPDATE ON codings
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION quire_tallies_codings_update();
${casesFunction("quire_tallies_cases_insert", "SELECT project_id FROM new_rows")}
${casesFunction("quire_tallies_cases_delete", "SELECT project_id FROM old_rows")}
${casesFunction(
  "quire_tallies_cases_update",
  `SELECT n.project_id FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE o.attributes IS DISTINCT FROM n.attributes`,
  CHANGED_VALUES,
)}
CREATE TRIGGER cases_tallies_insert AFTER INSERT ON cases
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION quire_tallies_cases_insert();
CREATE TRIGGER cases_tallies_delete AFTER DELETE ON cases
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION quire_tallies_cases_delete();
CREATE TRIGGER cases_tallies_update AFTER UPDATE ON cases
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION quire_tallies_cases_update();
`;
