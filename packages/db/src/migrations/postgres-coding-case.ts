/**
 * PostgreSQL: a coding's copy of its source's case (migration 6) checked once per insert statement
 * instead of looked up for every row. Migration 6's BEFORE INSERT row trigger reads the source for
 * each coding, about a sixth of the server's work per row in a bulk load of 10⁶ codings, although
 * the bundle import writes every coding's case itself. Here the row trigger runs only for a coding
 * written without a case (the API, undo and redo, which never write one), and a statement trigger
 * compares the rest with their sources, once per distinct (source, case) the statement wrote, and
 * corrects any that differ: a value written by hand is still overwritten from the source. Updates
 * keep the row trigger as it was.
 *
 * Not yet in `postgresMigrations`: the migration lists of both dialects are numbered alike
 * (`migration.test.ts`), so it ships as version 8 together with SQLite's version 8.
 */
export const postgresCodingCaseMigration = `
CREATE FUNCTION quire_codings_case_checked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM (SELECT DISTINCT source_id, case_id FROM new_rows) n
      WHERE n.case_id IS DISTINCT FROM (SELECT case_id FROM sources WHERE id = n.source_id)) THEN
    RETURN NULL;
  END IF;
  UPDATE codings c SET case_id = (SELECT case_id FROM sources WHERE id = c.source_id)
  WHERE c.id IN (SELECT n.id FROM new_rows n
    WHERE n.case_id IS DISTINCT FROM (SELECT case_id FROM sources WHERE id = n.source_id));
  RETURN NULL;
END
$$;
DROP TRIGGER codings_case ON codings;
CREATE TRIGGER codings_case BEFORE UPDATE OF source_id, case_id ON codings
FOR EACH ROW EXECUTE FUNCTION quire_coding_case();
CREATE TRIGGER codings_case_on_insert BEFORE INSERT ON codings
FOR EACH ROW WHEN (NEW.case_id IS NULL) EXECUTE FUNCTION quire_coding_case();
CREATE TRIGGER codings_case_checked AFTER INSERT ON codings
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION quire_codings_case_checked();
`;
