/**
 * SQLite migrations, numbered; each runs once, in order, inside a transaction. Never edit a
 * migration that has shipped: add the next number.
 */
import type { Migration } from "./migration.js";
import { sqliteTalliesMigration } from "./sqlite-tallies.js";

export const sqliteMigrations: Migration[] = [
  {
    version: 1,
    name: "create-schema",
    sql: `
CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  method TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}',
  canonical_text_version INTEGER NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE attributes (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('text','number','date','boolean','category')),
  allowed_values TEXT NOT NULL DEFAULT '[]',
  position INTEGER NOT NULL,
  UNIQUE (project_id, name)
);

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  attributes TEXT NOT NULL DEFAULT '{}',
  import_id TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (project_id, name)
);

-- seq is the integer key the full-text index refers to; id is the stable GUID.
CREATE TABLE sources (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  case_id TEXT REFERENCES cases(id) ON DELETE SET NULL,
  current_revision_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  import_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX sources_by_title ON sources (project_id, title);
CREATE INDEX sources_by_case ON sources (case_id);
CREATE INDEX sources_by_import ON sources (import_id) WHERE import_id IS NOT NULL;

CREATE TABLE source_revisions (
  id TEXT PRIMARY KEY,
  source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  project_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  text TEXT NOT NULL,
  changes TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (source_id, number)
);

CREATE TABLE turns (
  id TEXT PRIMARY KEY,
  revision_id TEXT NOT NULL REFERENCES source_revisions(id) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  start_pos INTEGER NOT NULL,
  end_pos INTEGER NOT NULL,
  speaker TEXT NOT NULL,
  role TEXT NOT NULL,
  case_id TEXT REFERENCES cases(id) ON DELETE SET NULL,
  time_start REAL,
  time_end REAL,
  reply_to TEXT,
  quotes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX turns_by_revision ON turns (revision_id, idx);

CREATE TABLE codes (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  parent_id TEXT REFERENCES codes(id),
  name TEXT NOT NULL,
  color TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '{}',
  origin TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
-- A name is unique among its siblings; roots are siblings too.
CREATE UNIQUE INDEX codes_sibling_names ON codes (project_id, coalesce(parent_id, ''), name);

CREATE TABLE codings (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  revision_id TEXT NOT NULL,
  start_pos INTEGER NOT NULL,
  end_pos INTEGER NOT NULL,
  exact TEXT NOT NULL,
  prefix TEXT NOT NULL,
  suffix TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('anchored','remapped','fuzzy','orphaned')),
  score REAL NOT NULL,
  coder TEXT NOT NULL,
  memo TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX codings_by_code ON codings (code_id, source_id, start_pos);
CREATE INDEX codings_by_source ON codings (source_id, start_pos);
CREATE INDEX codings_orphaned ON codings (project_id) WHERE status = 'orphaned';

CREATE TABLE memos (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT,
  author TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX memos_by_target ON memos (project_id, target_type, target_id);

CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  summary TEXT NOT NULL,
  rationale TEXT,
  target_seq INTEGER,
  reverted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX audit_by_project ON audit_events (project_id, seq);

-- The row changes of each event, in order, that undo and redo replay. A child table rather than a
-- JSON column so that an event touching a million rows is written and read in chunks.
CREATE TABLE audit_changes (
  event_seq INTEGER NOT NULL REFERENCES audit_events(seq) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  op TEXT NOT NULL,
  row_id TEXT,
  data TEXT NOT NULL,
  PRIMARY KEY (event_seq, ord)
);

-- Full text of each source's current revision. Contentless (the text lives in source_revisions)
-- with deletes allowed; the rowid is sources.seq. Triggers keep it in step with the tables, so
-- imports, edits, undo and redo all index alike.
CREATE VIRTUAL TABLE source_fts USING fts5(
  text,
  content = '',
  contentless_delete = 1,
  tokenize = "unicode61 remove_diacritics 2"
);

CREATE TRIGGER source_revisions_index AFTER INSERT ON source_revisions
WHEN new.id = (SELECT current_revision_id FROM sources WHERE id = new.source_id)
BEGIN
  INSERT INTO source_fts (rowid, text)
  VALUES ((SELECT seq FROM sources WHERE id = new.source_id), new.text);
END;

CREATE TRIGGER sources_reindex AFTER UPDATE OF current_revision_id ON sources
BEGIN
  DELETE FROM source_fts WHERE rowid = old.seq;
  INSERT INTO source_fts (rowid, text)
  SELECT new.seq, text FROM source_revisions WHERE id = new.current_revision_id;
END;

CREATE TRIGGER sources_unindex AFTER DELETE ON sources
BEGIN
  DELETE FROM source_fts WHERE rowid = old.seq;
END;
`,
  },
  {
    version: 2,
    name: "order-codings-by-source",
    // Retrieval lists a code's passages in source order, a page at a time. Keeping the source's
    // position on the coding lets one index serve the page without sorting every coding of the code.
    sql: `
ALTER TABLE codings ADD COLUMN source_position INTEGER NOT NULL DEFAULT 0;
UPDATE codings SET source_position = (SELECT position FROM sources WHERE sources.id = codings.source_id);
CREATE INDEX codings_by_code_in_order ON codings (code_id, source_position, start_pos, id);
`,
  },
  {
    version: 3,
    name: "exchange-users-sets",
    // REFI-QDA exchange: the people who coded (users), sets of sources, codes, cases or notes, and
    // what an exchange file said that Quire's own rows cannot hold (a selection's GUID, a code that
    // cannot be coded, an id that was not a GUID), so a re-export gives the same file.
    sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  import_id TEXT,
  UNIQUE (project_id, name)
);

CREATE TABLE sets (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('source','code','case','note','mixed')),
  import_id TEXT
);
CREATE INDEX sets_by_project ON sets (project_id, name);

CREATE TABLE set_members (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  set_id TEXT NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
  member_type TEXT NOT NULL CHECK (member_type IN ('source','code','case','note')),
  member_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  import_id TEXT
);
CREATE INDEX set_members_by_set ON set_members (set_id, position);

-- One row per Quire row that came from (or must go back to) an exchange file with more to say.
CREATE TABLE exchange_data (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  import_id TEXT
);
CREATE INDEX exchange_data_by_kind ON exchange_data (project_id, kind);
CREATE INDEX exchange_data_by_import ON exchange_data (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX users_by_import ON users (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX sets_by_import ON sets (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX set_members_by_import ON set_members (import_id) WHERE import_id IS NOT NULL;
`,
  },
  {
    version: 4,
    name: "methods",
    // Reflexive TA (themes, thematic map and snapshots, phases), the Framework Method (a versioned
    // framework and its charting matrix) and systematic text condensation. Every row carries its
    // project. Codes, codings, cases and sources are referenced without foreign keys, so deleting or merging
    // them elsewhere is never blocked; reads skip links whose target is gone. References among these
    // tables do not cascade, so the recorder deletes children before parents.
    sql: `
-- Themes and subthemes (parent_id set) over codes, with the central organising concept and the
-- definition a theme needs before it can be final; is_misc marks the "miscellaneous" bin.
CREATE TABLE themes (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  parent_id TEXT REFERENCES themes(id),
  name TEXT NOT NULL,
  concept TEXT NOT NULL DEFAULT '',
  definition TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('candidate','reviewed','final','discarded')),
  is_misc INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX themes_by_project ON themes (project_id, position);

CREATE TABLE theme_codes (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  theme_id TEXT NOT NULL REFERENCES themes(id),
  code_id TEXT NOT NULL,
  UNIQUE (theme_id, code_id)
);
CREATE INDEX theme_codes_by_code ON theme_codes (project_id, code_id);

-- The thematic map: node positions (kind theme|code, ref_id) and labelled edges between nodes.
CREATE TABLE map_nodes (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('theme','code')),
  ref_id TEXT NOT NULL,
  x REAL NOT NULL,
  y REAL NOT NULL,
  UNIQUE (project_id, kind, ref_id)
);
CREATE TABLE map_edges (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  from_kind TEXT NOT NULL CHECK (from_kind IN ('theme','code')),
  from_id TEXT NOT NULL,
  to_kind TEXT NOT NULL CHECK (to_kind IN ('theme','code')),
  to_id TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT ''
);
CREATE INDEX map_edges_by_project ON map_edges (project_id);
-- Immutable named copies of the whole map (JSON), e.g. at the end of phases 3, 4 and 5.
CREATE TABLE map_snapshots (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  phase INTEGER,
  map TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX map_snapshots_by_project ON map_snapshots (project_id, created_at);
-- Reflexive TA phases (1–6): every move, forward or back, with its rationale (RTA-1).
CREATE TABLE phase_log (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  phase INTEGER NOT NULL CHECK (phase BETWEEN 1 AND 6),
  previous_phase INTEGER,
  rationale TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX phase_log_by_project ON phase_log (project_id, at);

-- Framework Method: a versioned framework of categories holding codes (each a Quire code).
CREATE TABLE frameworks (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (project_id, name)
);
CREATE TABLE framework_versions (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  framework_id TEXT NOT NULL REFERENCES frameworks(id),
  number INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (framework_id, number)
);
CREATE TABLE framework_categories (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  framework_id TEXT NOT NULL REFERENCES frameworks(id),
  name TEXT NOT NULL,
  code_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  UNIQUE (framework_id, name)
);
CREATE TABLE framework_codes (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  category_id TEXT NOT NULL REFERENCES framework_categories(id),
  code_id TEXT NOT NULL,
  abbreviation TEXT NOT NULL,
  definition TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL CHECK (origin IN ('a_priori','inductive')),
  is_other INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL,
  added_in_version INTEGER NOT NULL,
  UNIQUE (category_id, code_id)
);
CREATE INDEX framework_codes_by_project ON framework_codes (project_id);
-- One charted cell of the matrix (case × framework code); quotes JSON [{codingId, text}].
CREATE TABLE chart_cells (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  case_id TEXT NOT NULL,
  code_id TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  quotes TEXT NOT NULL DEFAULT '[]',
  state TEXT NOT NULL CHECK (state IN ('charted','unsummarised','not_discussed')),
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (case_id, code_id)
);
CREATE INDEX chart_cells_by_project ON chart_cells (project_id);

-- Systematic text condensation (Malterud 2012): preliminary themes → code groups → subgroups →
-- meaning units (a coding placed in a code group, and optionally one of its subgroups).
CREATE TABLE stc_themes (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL
);
CREATE TABLE stc_code_groups (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  theme_id TEXT REFERENCES stc_themes(id),
  name TEXT NOT NULL,
  position INTEGER NOT NULL
);
CREATE TABLE stc_subgroups (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  code_group_id TEXT NOT NULL REFERENCES stc_code_groups(id),
  name TEXT NOT NULL,
  position INTEGER NOT NULL
);
CREATE TABLE stc_meaning_units (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  coding_id TEXT NOT NULL,
  code_group_id TEXT NOT NULL REFERENCES stc_code_groups(id),
  subgroup_id TEXT REFERENCES stc_subgroups(id),
  UNIQUE (coding_id, code_group_id)
);
CREATE INDEX stc_meaning_units_by_group ON stc_meaning_units (code_group_id);
-- A condensate is an artificial quotation written by the analyst: never a participant's words.
CREATE TABLE stc_condensates (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  subgroup_id TEXT NOT NULL REFERENCES stc_subgroups(id),
  text TEXT NOT NULL,
  unit_ids TEXT NOT NULL DEFAULT '[]',
  author TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE stc_quotes (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  subgroup_id TEXT NOT NULL REFERENCES stc_subgroups(id),
  coding_id TEXT NOT NULL,
  UNIQUE (subgroup_id, coding_id)
);
CREATE TABLE stc_analytic_texts (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  code_group_id TEXT NOT NULL UNIQUE REFERENCES stc_code_groups(id),
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE stc_reading_checks (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  reread INTEGER NOT NULL DEFAULT 0,
  validated INTEGER NOT NULL DEFAULT 0,
  contradicting TEXT NOT NULL DEFAULT '',
  checked_by TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  UNIQUE (project_id, source_id)
);
`,
  },
  {
    version: 5,
    name: "list-sources-in-order",
    // The source list pages through a project in collection order (or by kind); these indexes let
    // a page of 100,000 sources be read without sorting them all.
    sql: `
CREATE INDEX sources_in_order ON sources (project_id, position, seq);
CREATE INDEX sources_by_kind ON sources (project_id, kind, position, seq);
`,
  },
  {
    version: 6,
    name: "matrices-over-live-codings",
    // The crosstab and co-occurrence read every live coding (PERFORMANCE W5). Each coding carries its
    // source's case, so grouping by case needs no join through sources; triggers keep the copy
    // right whichever path writes codings or changes a source's case (imports, bundle import, undo
    // and redo replay, case removal). Partial covering indexes over live codings serve the counts
    // without reading a table row; status is a column of each so SQLite sees them as covering.
    sql: `
ALTER TABLE codings ADD COLUMN case_id TEXT;
UPDATE codings SET case_id = (SELECT case_id FROM sources WHERE sources.id = codings.source_id)
WHERE source_id IN (SELECT id FROM sources WHERE case_id IS NOT NULL);

CREATE TRIGGER codings_case_on_insert AFTER INSERT ON codings
WHEN new.case_id IS NOT (SELECT case_id FROM sources WHERE id = new.source_id)
BEGIN
  UPDATE codings SET case_id = (SELECT case_id FROM sources WHERE id = new.source_id)
  WHERE rowid = new.rowid;
END;

CREATE TRIGGER codings_case_on_update AFTER UPDATE OF source_id, case_id ON codings
WHEN new.case_id IS NOT (SELECT case_id FROM sources WHERE id = new.source_id)
BEGIN
  UPDATE codings SET case_id = (SELECT case_id FROM sources WHERE id = new.source_id)
  WHERE rowid = new.rowid;
END;

CREATE TRIGGER sources_case_to_codings AFTER UPDATE OF case_id ON sources
WHEN old.case_id IS NOT new.case_id
BEGIN
  UPDATE codings SET case_id = new.case_id WHERE source_id = new.id;
END;

CREATE INDEX codings_live_by_code_case ON codings (project_id, code_id, case_id, source_id, status)
WHERE status <> 'orphaned';
CREATE INDEX codings_live_by_source ON codings (source_id, start_pos, end_pos, code_id, status)
WHERE status <> 'orphaned';
`,
  },
  {
    version: 7,
    name: "kept-matrix-tallies",
    // The crosstab, co-occurrence and per-code spread kept between reads and marked stale by
    // triggers (PERFORMANCE W5); the SQL and its rules are in the module it comes from.
    sql: sqliteTalliesMigration,
  },
  {
    version: 8,
    name: "one-source-index-for-codings",
    // codings_by_source (source_id, start_pos) was a prefix of the partial covering index over
    // live codings: one full index with both's columns serves every query either served (compared
    // plan by plan over every statement the tests run, on a store of 10⁶ codings), and a store
    // writes, and a bulk load sorts, one index fewer.
    sql: `
DROP INDEX codings_live_by_source;
DROP INDEX codings_by_source;
CREATE INDEX codings_by_source ON codings (source_id, start_pos, end_pos, code_id, status);
`,
  },
];
