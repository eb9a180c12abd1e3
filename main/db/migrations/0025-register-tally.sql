-- The register counted ahead (统计): how many living persons whose status never changed (status
-- 'active', no status date) each office registered in each month (the UTC month of created_at,
-- its first seven characters), by 离休/退休, and how many of them have no 单位性质 recorded. Such a person is on the register on any day from their
-- registration on, so the headcount of a day is these rows of the months before the day's month,
-- the persons registered in its month up to the day counted one by one, and the few persons whose
-- status ever changed counted with their dated events, as persons.headcount lists them
-- (indicators.ts). The county bureau's roll-up of 200 offices adds a few thousand rows up instead
-- of reading 100,000 persons (measured in bench/reports.bench.ts).
--
-- Kept by the triggers below on every write to persons, whatever writes it (services, packet
-- import, undo, transfer): nothing else writes this table, and it does not travel in packets.
-- The triggers read nothing but the row written, and add in two steps (make the row if missing,
-- then add) rather than with an upsert, so that SQLite 3.15 (Debian's sqlcipher 3.4, the
-- disaster-recovery tool) can read the schema.
CREATE TABLE person_register_tally (
  office           TEXT NOT NULL,    -- the person's origin_office
  month            TEXT NOT NULL,    -- substr(created_at, 1, 7)
  retirement_type  TEXT NOT NULL,
  n                INTEGER NOT NULL,
  n_kind_unrecorded INTEGER NOT NULL, -- of n, those with no unit_kind (the 单位性质未登记 figure)
  PRIMARY KEY (office, month, retirement_type)
) WITHOUT ROWID;
-- The roll-up reads the months before a day of every office.
CREATE INDEX person_register_tally_month ON person_register_tally (month, office, retirement_type, n, n_kind_unrecorded);

INSERT INTO person_register_tally (office, month, retirement_type, n, n_kind_unrecorded)
  SELECT origin_office, substr(created_at, 1, 7), retirement_type, count(*), sum(unit_kind IS NULL)
    FROM persons WHERE deleted_at IS NULL AND status = 'active' AND status_date IS NULL
   GROUP BY 1, 2, 3;

CREATE TRIGGER person_register_tally_insert AFTER INSERT ON persons
  WHEN new.deleted_at IS NULL AND new.status = 'active' AND new.status_date IS NULL
BEGIN
  INSERT OR IGNORE INTO person_register_tally (office, month, retirement_type, n, n_kind_unrecorded) VALUES (new.origin_office, substr(new.created_at, 1, 7), new.retirement_type, 0, 0);
  UPDATE person_register_tally SET n = n + 1, n_kind_unrecorded = n_kind_unrecorded + (new.unit_kind IS NULL) WHERE office = new.origin_office AND month = substr(new.created_at, 1, 7) AND retirement_type = new.retirement_type;
END;

CREATE TRIGGER person_register_tally_delete AFTER DELETE ON persons
  WHEN old.deleted_at IS NULL AND old.status = 'active' AND old.status_date IS NULL
BEGIN
  UPDATE person_register_tally SET n = n - 1, n_kind_unrecorded = n_kind_unrecorded - (old.unit_kind IS NULL) WHERE office = old.origin_office AND month = substr(old.created_at, 1, 7) AND retirement_type = old.retirement_type;
  DELETE FROM person_register_tally WHERE n = 0 AND office = old.origin_office AND month = substr(old.created_at, 1, 7) AND retirement_type = old.retirement_type;
END;

-- Only a change of what is counted moves a person between rows (a new address does not). Each
-- step is guarded by whether the old and the new row are counted at all.
CREATE TRIGGER person_register_tally_update AFTER UPDATE OF origin_office, created_at, retirement_type, unit_kind, status, status_date, deleted_at ON persons
  WHEN old.origin_office IS NOT new.origin_office OR (old.unit_kind IS NULL) <> (new.unit_kind IS NULL) OR old.created_at IS NOT new.created_at OR old.retirement_type IS NOT new.retirement_type
    OR old.status IS NOT new.status OR old.status_date IS NOT new.status_date OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
  UPDATE person_register_tally SET n = n - 1, n_kind_unrecorded = n_kind_unrecorded - (old.unit_kind IS NULL)
   WHERE old.deleted_at IS NULL AND old.status = 'active' AND old.status_date IS NULL
     AND office = old.origin_office AND month = substr(old.created_at, 1, 7) AND retirement_type = old.retirement_type;
  DELETE FROM person_register_tally WHERE n = 0 AND office = old.origin_office AND month = substr(old.created_at, 1, 7) AND retirement_type = old.retirement_type;
  INSERT OR IGNORE INTO person_register_tally (office, month, retirement_type, n, n_kind_unrecorded)
    SELECT new.origin_office, substr(new.created_at, 1, 7), new.retirement_type, 0, 0
     WHERE new.deleted_at IS NULL AND new.status = 'active' AND new.status_date IS NULL;
  UPDATE person_register_tally SET n = n + 1, n_kind_unrecorded = n_kind_unrecorded + (new.unit_kind IS NULL)
   WHERE new.deleted_at IS NULL AND new.status = 'active' AND new.status_date IS NULL
     AND office = new.origin_office AND month = substr(new.created_at, 1, 7) AND retirement_type = new.retirement_type;
END;

-- The persons registered in the day's own month, of every office, read in registration order
-- without their rows (persons_office, 0016, has the same for one office).
CREATE INDEX persons_created ON persons (created_at, origin_office, retirement_type, status, status_date) WHERE deleted_at IS NULL;
-- The persons whose status ever changed (moved out, died, or back again): counted one by one with
-- their dated events, found without reading the others.
CREATE INDEX persons_status_changed ON persons (origin_office, created_at) WHERE deleted_at IS NULL AND (status <> 'active' OR status_date IS NOT NULL);

-- One office's persons registered by a day with every column its person figures break down by
-- (sex, birth date, living situation, level and kind of former unit, grid, name for the list's order, latest ADL): an
-- office's dashboard and a page of its drill-down read this index, about 20 pages for an office of
-- 500, instead of 500 rows scattered over the register (the bureau's rows of one office lie
-- wherever its packets and the others' put them). Wider than the one of 0016 it replaces, same lead.
DROP INDEX persons_office;
CREATE INDEX persons_office ON persons (origin_office, created_at, status, status_date, retirement_type, id, gender, birth_date, living_situation, unit_level, unit_kind,
  grid_id, name_pinyin, latest_adl_date, latest_adl_total, deleted_at) WHERE deleted_at IS NULL;

-- What one office's person figures look up per person, each in a small index of its own that stays
-- in the page cache from one office to the next, rather than in rows scattered over big tables:
-- whether a person has an emergency contact (persons.contacts), their responsible contact on a day
-- (the contact breakdown), their hospital stays (persons.hospital) and their latest ADL assessment
-- by a day (persons.adl). Each index holds the columns its partial condition tests too, or SQLite
-- reads the row for them.
CREATE INDEX family_contacts_emergency ON family_contacts (person_id, is_emergency, deleted_at) WHERE deleted_at IS NULL AND is_emergency = 1;
CREATE INDEX health_events_stays ON health_events (person_id, date, id, end_date, kind, deleted_at) WHERE deleted_at IS NULL AND kind = 'hospitalisation';
CREATE INDEX contact_assignments_primary ON contact_assignments (person_id, from_date, to_date, user_id, id, role, deleted_at) WHERE deleted_at IS NULL AND role = 'primary';
CREATE INDEX adl_assessments_latest ON adl_assessments (person_id, assessed_on, id, total, deleted_at) WHERE deleted_at IS NULL;
-- A person's visit records of a period with what the figures count of them (method, 慰问金, gifts),
-- without reading each record; a campaign visit finds its record here among its person's few.
CREATE INDEX visit_records_person_figures ON visit_records (person_id, visit_date, method, gift_fen, gift_items, id, deleted_at) WHERE deleted_at IS NULL;

-- The hospital and condolence visits of one office's persons (visits.hospital, visits.condolence):
-- a few among the million planned visits, found without reading the others.
CREATE INDEX planned_visits_events ON planned_visits (person_id, reason, window_start, due_date, done_on, missed_after, cancelled_on, cancel_reason, id, deleted_at)
  WHERE deleted_at IS NULL AND (reason = 'hospitalisation' OR reason = 'condolence');

-- The campaign visits of one office's persons (春节, 重阳, 七一, 整寿) with where each stands and its
-- record, read from the index alone.
CREATE INDEX planned_visits_campaigns ON planned_visits (person_id, key, reason, due_date, done_on, missed_after, cancelled_on, cancel_reason, visit_record_id, id, deleted_at)
  WHERE deleted_at IS NULL AND (reason = 'spring_festival' OR reason = 'chongyang' OR reason = 'party_day' OR reason = 'birthday');

-- The planner's statistics for the new indexes, fixed beside the register's (0013, 0016): a county
-- bureau's register of 100,000 persons from 200 offices, a few thousand of whom ever changed status.
DELETE FROM sqlite_stat1 WHERE tbl = 'persons' AND idx IN ('persons_office', 'persons_created', 'persons_status_changed');
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('persons', 'persons_office', '100000 500 2 1 1 1 1 1 1 1 1 1 1 1 1 1 1'),
  ('persons', 'persons_created', '100000 2 1 1 1 1'),
  ('persons', 'persons_status_changed', '5000 25 1');
ANALYZE sqlite_schema;
