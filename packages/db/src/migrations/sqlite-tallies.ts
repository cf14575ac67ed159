/**
 * SQLite migration 7: the kept matrix tallies (see `repositories/matrix-tallies.ts`). The tables
 * are a cache of the crosstab, co-occurrence and per-code spread of projects whose matrices have
 * been read; the triggers below mark what a change to codings or cases makes stale, before the
 * change happens, so that the next read recomputes only that. They do nothing for a project whose
 * matrices were never read (no `matrix_tallies` row), so imports into a new study pay one probe.
 *
 * Co-occurrence totals hold the sum over every source not listed in `cooccurrence_dirty`. The first
 * change to a source after a read takes the source's pairs out of the totals (the table still holds
 * the state before the change, since the triggers run BEFORE it) and lists the source; the next
 * read adds the listed sources' pairs back as they are then. A source changed again before that
 * read is already listed and costs nothing more.
 */

/** Whether a coding row counts anywhere: orphans have lost their words. */
const live = (row: string) => `${row}.status <> 'orphaned'`;

/**
 * Takes the pairs of `row`'s source out of the totals and lists the source, when the project's
 * co-occurrence is built and the source is not listed yet. The join is the one the full count uses.
 */
const forgetSourcePairs = (row: string, when = "1") => `
  INSERT INTO cooccurrence_pairs (project_id, code_a, code_b, pairs, sources)
  SELECT ${row}.project_id, code_a, code_b, -count(*), -1 FROM (
    SELECT CASE WHEN x.code_id < y.code_id THEN x.code_id ELSE y.code_id END AS code_a,
      CASE WHEN x.code_id < y.code_id THEN y.code_id ELSE x.code_id END AS code_b
    FROM codings x CROSS JOIN codings y ON y.source_id = x.source_id
      AND y.start_pos >= x.start_pos AND y.start_pos < x.end_pos
      AND (y.start_pos > x.start_pos OR y.code_id > x.code_id)
      AND y.status <> 'orphaned' AND y.code_id <> x.code_id
    WHERE x.source_id = ${row}.source_id AND x.status <> 'orphaned' AND ${when}
      AND (SELECT cooccurrence_built FROM matrix_tallies WHERE project_id = ${row}.project_id)
      AND NOT EXISTS (SELECT 1 FROM cooccurrence_dirty
        WHERE project_id = ${row}.project_id AND source_id = ${row}.source_id))
  GROUP BY code_a, code_b
  ON CONFLICT (project_id, code_a, code_b) DO UPDATE
    SET pairs = pairs + excluded.pairs, sources = sources + excluded.sources;
  INSERT OR IGNORE INTO cooccurrence_dirty (project_id, source_id)
  SELECT ${row}.project_id, ${row}.source_id
  WHERE ${when} AND (SELECT cooccurrence_built FROM matrix_tallies WHERE project_id = ${row}.project_id);`;

/** Marks `row`'s code stale in the crosstab and the per-code spread. */
const forgetCode = (row: string) => `
  DELETE FROM crosstab_codes WHERE project_id = ${row}.project_id AND code_id = ${row}.code_id;
  DELETE FROM code_spread WHERE project_id = ${row}.project_id AND code_id = ${row}.code_id;`;

/**
 * Any change to cases changes how many each group has: group sizes are counted again. (A case
 * whose value of a kept attribute changed also drops that attribute's cells: see the update.)
 */
const regroup = (row: string) => `UPDATE crosstab_attributes SET groups_current = 0
  WHERE project_id = ${row}.project_id AND groups_current;`;

/** The JSON path of a kept attribute's value, as `attributeTextSql` spells it. */
const attributePath = `'$."' || replace(attribute, '"', '\\"') || '"'`;

const armed = (row: string) =>
  `EXISTS (SELECT 1 FROM matrix_tallies WHERE project_id = ${row}.project_id)`;

/** A change to a coding that moves it in or out of a code, a case or a source's counts. */
const countsChange = `(old.code_id IS NOT new.code_id OR old.case_id IS NOT new.case_id
  OR old.source_id IS NOT new.source_id OR (${live("old")}) IS NOT (${live("new")}))`;
/** A change that can alter which passages overlap. */
const overlapChange = `(old.code_id IS NOT new.code_id OR old.source_id IS NOT new.source_id
  OR old.start_pos IS NOT new.start_pos OR old.end_pos IS NOT new.end_pos
  OR (${live("old")}) IS NOT (${live("new")}))`;

export const sqliteTalliesMigration = `
CREATE TABLE matrix_tallies (
  project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  cooccurrence_built INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE crosstab_attributes (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  attribute TEXT NOT NULL,
  groups_current INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (project_id, attribute)
) WITHOUT ROWID;
CREATE TABLE crosstab_groups (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  attribute TEXT NOT NULL,
  slot TEXT NOT NULL,
  cases INTEGER NOT NULL,
  PRIMARY KEY (project_id, attribute, slot)
) WITHOUT ROWID;
CREATE TABLE crosstab_codes (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  attribute TEXT NOT NULL,
  PRIMARY KEY (project_id, code_id, attribute)
) WITHOUT ROWID;
CREATE TABLE crosstab_cells (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  attribute TEXT NOT NULL,
  code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  slot TEXT NOT NULL,
  cases INTEGER NOT NULL,
  segments INTEGER NOT NULL,
  PRIMARY KEY (project_id, attribute, code_id, slot)
) WITHOUT ROWID;
CREATE INDEX crosstab_cells_by_code ON crosstab_cells (code_id);
CREATE TABLE code_spread (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  sources INTEGER NOT NULL,
  segments INTEGER NOT NULL,
  PRIMARY KEY (project_id, code_id)
) WITHOUT ROWID;
CREATE INDEX code_spread_by_code ON code_spread (code_id);
CREATE INDEX crosstab_codes_by_code ON crosstab_codes (code_id);
CREATE TABLE cooccurrence_pairs (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  code_a TEXT NOT NULL,
  code_b TEXT NOT NULL,
  pairs INTEGER NOT NULL,
  sources INTEGER NOT NULL,
  PRIMARY KEY (project_id, code_a, code_b)
) WITHOUT ROWID;
CREATE TABLE cooccurrence_dirty (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  PRIMARY KEY (project_id, source_id)
) WITHOUT ROWID;

CREATE TRIGGER codings_tallies_insert BEFORE INSERT ON codings
WHEN ${live("new")} AND ${armed("new")}
BEGIN ${forgetCode("new")} ${forgetSourcePairs("new")}
END;

CREATE TRIGGER codings_tallies_delete BEFORE DELETE ON codings
WHEN ${live("old")} AND ${armed("old")}
BEGIN ${forgetCode("old")} ${forgetSourcePairs("old")}
END;

CREATE TRIGGER codings_tallies_update
BEFORE UPDATE OF code_id, case_id, source_id, start_pos, end_pos, status ON codings
WHEN (${live("old")} OR ${live("new")}) AND (${countsChange} OR ${overlapChange}) AND ${armed("old")}
BEGIN
  DELETE FROM crosstab_codes WHERE project_id = old.project_id
    AND code_id IN (old.code_id, new.code_id) AND ${countsChange};
  DELETE FROM code_spread WHERE project_id = old.project_id
    AND code_id IN (old.code_id, new.code_id) AND ${countsChange};
  ${forgetSourcePairs("old", overlapChange)}
  ${forgetSourcePairs("new", overlapChange)}
END;

CREATE TRIGGER cases_tallies_insert AFTER INSERT ON cases WHEN ${armed("new")}
BEGIN ${regroup("new")} END;
CREATE TRIGGER cases_tallies_delete AFTER DELETE ON cases WHEN ${armed("old")}
BEGIN ${regroup("old")} END;
CREATE TRIGGER cases_tallies_update AFTER UPDATE OF attributes ON cases
WHEN old.attributes IS NOT new.attributes AND ${armed("new")}
BEGIN
  ${regroup("new")}
  DELETE FROM crosstab_attributes WHERE project_id = new.project_id
    AND json_extract(old.attributes, ${attributePath}) IS NOT json_extract(new.attributes, ${attributePath});
END;
`;
