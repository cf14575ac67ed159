/**
 * SQLite migrations, numbered; each runs once, in order, inside a transaction. Never edit a
 * migration that has shipped: add the next number.
 */
import type { Migration } from "./migration.js";

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
];
