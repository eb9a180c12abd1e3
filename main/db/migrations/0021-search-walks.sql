-- One character typed into the search box (王, 华) is found in two parts that each walk an index in
-- the list's order and stop at the page, instead of reading every person with the character:
--   the character first in the name: persons_first_char, in name order;
--   the character later in the name: person_grams, whose one-character grams now hold only the
--   characters after the first that differ from it, so the two parts never overlap and each part's
--   size is read from its index alone (王 is first in 10,000 names and later in almost none).
-- Two-character grams are unchanged.
CREATE INDEX persons_first_char ON persons (substr(name, 1, 1), status, name_pinyin, id) WHERE deleted_at IS NULL;

DELETE FROM person_grams WHERE length(gram) = 1 AND (gram, person_rowid) IN (SELECT substr(name, 1, 1), rowid FROM persons);

-- The triggers' deletes already remove every gram of the old name; only what is inserted changes.
DROP TRIGGER persons_index_insert;
CREATE TRIGGER persons_index_insert AFTER INSERT ON persons BEGIN
  INSERT INTO persons_fts (rowid, name, name_pinyin, id_number, phones, address, original_unit)
    VALUES (new.rowid, new.name, new.name_pinyin, new.id_number, new.phones, new.address, new.original_unit);
  INSERT OR IGNORE INTO person_grams (gram, person_rowid)
    SELECT substr(new.name, i, 1), new.rowid FROM gram_positions
    WHERE i BETWEEN 2 AND length(new.name) AND substr(new.name, i, 1) <> substr(new.name, 1, 1);
  INSERT OR IGNORE INTO person_grams (gram, person_rowid)
    SELECT substr(new.name, i, 2), new.rowid FROM gram_positions WHERE i < length(new.name);
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
    SELECT substr(new.name, i, 1), new.rowid FROM gram_positions
    WHERE i BETWEEN 2 AND length(new.name) AND substr(new.name, i, 1) <> substr(new.name, 1, 1);
  INSERT OR IGNORE INTO person_grams (gram, person_rowid)
    SELECT substr(new.name, i, 2), new.rowid FROM gram_positions WHERE i < length(new.name);
END;

-- Pinyin initials (lj, wjh) walk the name index too: a name's initials start with the letter its
-- reading starts with, so the names with initials lj lie among the names read from l on, in order.
-- The list indexes also carry the latest capability grade (GB/T 42195), a registry filter since
-- 0017: without it a list of the unassessed read and sorted every person (60 ms at county size).
DROP INDEX persons_list_name;
CREATE INDEX persons_list_name ON persons (status, name_pinyin, id, grid, birth_date, living_situation, unit_level, political_status, latest_adl_total, latest_capability_grade, name_initials, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX persons_list_birth;
CREATE INDEX persons_list_birth ON persons (status, birth_date, name_pinyin, id, grid, living_situation, unit_level, political_status, latest_adl_total, high_risk, latest_capability_grade, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX persons_list_grid;
CREATE INDEX persons_list_grid ON persons (status, grid, name_pinyin, id, birth_date, living_situation, unit_level, political_status, latest_adl_total, high_risk, latest_capability_grade, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX persons_list_address;
CREATE INDEX persons_list_address ON persons (status, grid, address, id, name_pinyin, birth_date, living_situation, unit_level, political_status, latest_adl_total, high_risk, latest_capability_grade, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX persons_list_adl;
CREATE INDEX persons_list_adl ON persons (status, latest_adl_total, name_pinyin, id, grid, living_situation, birth_date, unit_level, political_status, high_risk, latest_capability_grade, deleted_at)
  WHERE deleted_at IS NULL AND latest_adl_total IS NOT NULL;
-- One grade (or the unassessed) in name order, every other filter beside it: the unassessed are most
-- of a register, so a grade with living alone must not read each unassessed person's row.
DROP INDEX persons_capability_grade;
CREATE INDEX persons_capability_grade ON persons (latest_capability_grade, status, name_pinyin, id, grid, birth_date, living_situation, unit_level, political_status, latest_adl_total, deleted_at) WHERE deleted_at IS NULL;

-- Initials counted from their index alone (the list's status and the own reading beside them).
DROP INDEX persons_initials;
CREATE INDEX persons_initials ON persons (name_initials, status, name_pinyin, deleted_at) WHERE deleted_at IS NULL;

-- Whether a person is listed (living, and of a status), by row id: a search counting its matches
-- looks each one up here instead of reading the person's row (main/services/persons/persons.ts).
CREATE INDEX persons_live ON persons (status, deleted_at) WHERE deleted_at IS NULL;

-- Statistics as 0013 wrote them, for the indexes above (measured on the county register; the
-- grade's as an office that has assessed some of its persons: five grades and the unassessed).
DELETE FROM sqlite_stat1 WHERE tbl = 'persons' AND idx IN ('persons_list_name', 'persons_list_birth', 'persons_list_grid', 'persons_list_address', 'persons_list_adl', 'persons_capability_grade', 'persons_first_char', 'persons_initials', 'persons_live');
DELETE FROM sqlite_stat1 WHERE tbl = 'person_grams';
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('persons', 'persons_list_name', '100000 33334 3 1 1 1 1 1 1 1 1 1 1'),
  ('persons', 'persons_list_birth', '100000 33334 7 1 1 1 1 1 1 1 1 1 1'),
  ('persons', 'persons_list_grid', '100000 33334 4167 2 1 1 1 1 1 1 1 1 1'),
  ('persons', 'persons_list_address', '100000 33334 4167 2 1 1 1 1 1 1 1 1 1 1'),
  ('persons', 'persons_list_adl', '32878 10960 531 2 1 1 1 1 1 1 1 1 1'),
  ('persons', 'persons_capability_grade', '100000 16667 5556 2 1 1 1 1 1 1 1 1'),
  ('persons', 'persons_first_char', '100000 1150 402 3 1'),
  ('persons', 'persons_initials', '100000 17 17 2 1'),
  ('persons', 'persons_live', '100000 33334 33334'),
  ('person_grams', 'person_grams', '366775 37 1');
ANALYZE sqlite_schema;
