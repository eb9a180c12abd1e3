-- The register's list indexes for its filters (measured at 100,000 persons in bench/list.bench.ts).
-- A list counts its matches up to a cap and reads one page in display order, so what it needs is an
-- index where the filter is a range and every other filter column is in the index: the count then
-- reads index entries only, and the page walks them in name order and stops at the page.

-- Age bands are birth-date ranges; with the name and id beside them, a band sorted by name is
-- chosen from the index without reading each person's row.
DROP INDEX persons_list_birth;
CREATE INDEX persons_list_birth ON persons (status, birth_date, name_pinyin, id, grid, living_situation, unit_level, political_status, latest_adl_total, high_risk, deleted_at) WHERE deleted_at IS NULL;

-- One grid in name order (the grid worker's everyday list), with the other filters beside it.
CREATE INDEX persons_list_grid ON persons (status, grid, name_pinyin, id, birth_date, living_situation, unit_level, political_status, latest_adl_total, high_risk, deleted_at) WHERE deleted_at IS NULL;

-- One grid sorted by address; carries the filters too, so a grid filter reads no rows whichever
-- of the two grid indexes the planner takes.
DROP INDEX persons_list_address;
CREATE INDEX persons_list_address ON persons (status, grid, address, id, name_pinyin, birth_date, living_situation, unit_level, political_status, latest_adl_total, high_risk, deleted_at) WHERE deleted_at IS NULL;

-- ADL bands are ranges of the latest Barthel total (most persons have none), often with a grid or
-- living alone beside them.
CREATE INDEX persons_list_adl ON persons (status, latest_adl_total, name_pinyin, id, grid, living_situation, birth_date, unit_level, political_status, high_risk, deleted_at)
  WHERE deleted_at IS NULL AND latest_adl_total IS NOT NULL;

-- Pinyin initials typed into the search box: the matching row ids from the index alone.
DROP INDEX persons_initials;
CREATE INDEX persons_initials ON persons (name_initials, deleted_at) WHERE deleted_at IS NULL;

-- The planner's statistics for the register, fixed: what ANALYZE measured on a county register of
-- 100,000 persons (bench/lib/county.ts), with the update times and unit and grid links of a real
-- one. Without them the planner cannot tell a grid (a tenth of the register) from a status (all of
-- it) and may read every person of a grid to test two more filters; measured statistics of a new,
-- empty office would say nothing, and an office's register keeps this shape as it grows. Nothing
-- runs ANALYZE, so they stay as written. (ANALYZE sqlite_schema creates the table, reading no rows.)
ANALYZE sqlite_schema;
DELETE FROM sqlite_stat1 WHERE tbl IN ('persons', 'person_grams');
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('persons', 'sqlite_autoindex_persons_1', '100000 1'),
  ('persons', 'persons_id_number', '100000 1'),
  ('persons', 'persons_list_name', '100000 33334 3 1 1 1 1 1 1 1 1'),
  ('persons', 'persons_list_birth', '100000 33334 7 1 1 1 1 1 1 1 1 1'),
  ('persons', 'persons_list_grid', '100000 33334 4167 2 1 1 1 1 1 1 1 1'),
  ('persons', 'persons_list_address', '100000 33334 4167 2 1 1 1 1 1 1 1 1 1'),
  ('persons', 'persons_list_adl', '32878 10960 531 2 1 1 1 1 1 1 1 1'),
  ('persons', 'persons_list_updated', '100000 33334 2 1'),
  ('persons', 'persons_list_all', '100000 4 1'),
  ('persons', 'persons_grid', '100000 12500 2'),
  ('persons', 'persons_grid_id', '100000 10000 2'),
  ('persons', 'persons_unit', '100000 100 4'),
  ('persons', 'persons_initials', '100000 17 17'),
  ('persons', 'persons_updated', '100000 2'),
  ('person_grams', 'person_grams', '466775 47 1');
-- Read them now, for the connection that migrated.
ANALYZE sqlite_schema;

-- A person's grams are replaced by the grams of their old name, found through the primary key
-- (gram, person_rowid), so the separate index by person that 0012 added is not needed: 6.5 MB at
-- county size.
DROP TRIGGER persons_index_delete;
CREATE TRIGGER persons_index_delete AFTER DELETE ON persons BEGIN
  INSERT INTO persons_fts (persons_fts, rowid, name, name_pinyin, id_number, phones, address, original_unit)
    VALUES ('delete', old.rowid, old.name, old.name_pinyin, old.id_number, old.phones, old.address, old.original_unit);
  DELETE FROM person_grams WHERE person_rowid = old.rowid AND gram IN (
    SELECT substr(old.name, i, 1) FROM gram_positions WHERE i <= length(old.name)
    UNION SELECT substr(old.name, i, 2) FROM gram_positions WHERE i < length(old.name));
END;

DROP TRIGGER persons_index_update;
CREATE TRIGGER persons_index_update AFTER UPDATE OF name, name_pinyin, id_number, phones, address, original_unit ON persons BEGIN
  INSERT INTO persons_fts (persons_fts, rowid, name, name_pinyin, id_number, phones, address, original_unit)
    VALUES ('delete', old.rowid, old.name, old.name_pinyin, old.id_number, old.phones, old.address, old.original_unit);
  INSERT INTO persons_fts (rowid, name, name_pinyin, id_number, phones, address, original_unit)
    VALUES (new.rowid, new.name, new.name_pinyin, new.id_number, new.phones, new.address, new.original_unit);
  DELETE FROM person_grams WHERE person_rowid = old.rowid AND gram IN (
    SELECT substr(old.name, i, 1) FROM gram_positions WHERE i <= length(old.name)
    UNION SELECT substr(old.name, i, 2) FROM gram_positions WHERE i < length(old.name));
  INSERT OR IGNORE INTO person_grams (gram, person_rowid)
    SELECT substr(new.name, i, 1), new.rowid FROM gram_positions WHERE i <= length(new.name);
  INSERT OR IGNORE INTO person_grams (gram, person_rowid)
    SELECT substr(new.name, i, 2), new.rowid FROM gram_positions WHERE i < length(new.name);
END;

DROP INDEX person_grams_person_rowid;
