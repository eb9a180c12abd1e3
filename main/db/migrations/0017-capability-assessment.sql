-- 老年人能力评估 by GB/T 42195-2022, beside the Barthel index (adl_assessments), and the planned
-- 能力评估 visit (reason 'assessment').

-- Each assessment is kept. A draft (an item unanswered) has no total and no grade and may be
-- continued; a complete assessment is final and never changes (a correction is a new assessment).
CREATE TABLE capability_assessments (
  {{SYNC_COLUMNS}},
  person_id    TEXT NOT NULL REFERENCES persons (id),
  assessed_on  TEXT NOT NULL,
  assessor     TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('draft', 'final')),
  answers      TEXT NOT NULL DEFAULT '{}',   -- JSON: item key → score
  conditions   TEXT NOT NULL DEFAULT '{}',   -- JSON: coma, dementia, mentalDisorder, riskEvents
  total        INTEGER CHECK (total BETWEEN 0 AND 90),
  base_grade   TEXT CHECK (base_grade IN ('intact', 'mild', 'moderate', 'severe', 'complete')),
  grade        TEXT CHECK (grade IN ('intact', 'mild', 'moderate', 'severe', 'complete')),
  note         TEXT NOT NULL DEFAULT '',
  CHECK ((status = 'final') = (grade IS NOT NULL)),
  CHECK ((status = 'final') = (total IS NOT NULL))
);
CREATE INDEX capability_assessments_person ON capability_assessments (person_id, assessed_on);

-- The latest final grade and its date, kept by triggers, so the registry filters and shows it.
ALTER TABLE persons ADD COLUMN latest_capability_grade TEXT;
ALTER TABLE persons ADD COLUMN latest_capability_date TEXT;
CREATE INDEX persons_capability_grade ON persons (latest_capability_grade) WHERE deleted_at IS NULL;

CREATE TRIGGER capability_latest_insert AFTER INSERT ON capability_assessments BEGIN
  UPDATE persons SET
    latest_capability_grade = (SELECT grade FROM capability_assessments WHERE person_id = new.person_id AND deleted_at IS NULL AND status = 'final' ORDER BY assessed_on DESC, id DESC LIMIT 1),
    latest_capability_date = (SELECT assessed_on FROM capability_assessments WHERE person_id = new.person_id AND deleted_at IS NULL AND status = 'final' ORDER BY assessed_on DESC, id DESC LIMIT 1)
  WHERE id = new.person_id;
END;

CREATE TRIGGER capability_latest_update AFTER UPDATE ON capability_assessments BEGIN
  UPDATE persons SET
    latest_capability_grade = (SELECT grade FROM capability_assessments WHERE person_id = new.person_id AND deleted_at IS NULL AND status = 'final' ORDER BY assessed_on DESC, id DESC LIMIT 1),
    latest_capability_date = (SELECT assessed_on FROM capability_assessments WHERE person_id = new.person_id AND deleted_at IS NULL AND status = 'final' ORDER BY assessed_on DESC, id DESC LIMIT 1)
  WHERE id = new.person_id;
END;

-- 'assessment' joins the reasons of planned visits and visit records. SQLite cannot change a CHECK
-- in place, so both tables are rebuilt with the same columns and indexes. Other tables point at
-- them; deferring foreign keys lets the rows come back before the transaction ends, and every
-- reference is checked again then.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE planned_visits_copy AS SELECT * FROM planned_visits;
DROP TABLE planned_visits;
CREATE TABLE planned_visits (
  {{SYNC_COLUMNS}},
  person_id        TEXT NOT NULL REFERENCES persons (id),
  key              TEXT NOT NULL,
  reason           TEXT NOT NULL CHECK (reason IN ('routine', 'spring_festival', 'chongyang', 'party_day', 'birthday', 'hospitalisation', 'condolence', 'assessment')),
  due_date         TEXT NOT NULL,
  window_start     TEXT NOT NULL,
  missed_after     TEXT NOT NULL,
  done_on          TEXT,
  visit_record_id  TEXT,                   -- the record that resolved it (no foreign key: the two point at each other)
  cancelled_on     TEXT,
  cancel_reason    TEXT CHECK (cancel_reason IN ('rules', 'deceased', 'moved_out', 'deleted', 'manual')),
  cancel_note      TEXT NOT NULL DEFAULT '',
  CHECK (window_start <= due_date AND due_date <= missed_after),
  CHECK ((cancelled_on IS NULL) = (cancel_reason IS NULL))
);
INSERT INTO planned_visits (id, created_at, updated_at, updated_by, origin_office, version, deleted_at, person_id, key, reason, due_date, window_start, missed_after, done_on, visit_record_id, cancelled_on, cancel_reason, cancel_note)
  SELECT id, created_at, updated_at, updated_by, origin_office, version, deleted_at, person_id, key, reason, due_date, window_start, missed_after, done_on, visit_record_id, cancelled_on, cancel_reason, cancel_note FROM planned_visits_copy;
DROP TABLE planned_visits_copy;
CREATE UNIQUE INDEX planned_visits_key ON planned_visits (person_id, key) WHERE deleted_at IS NULL;
CREATE INDEX planned_visits_open ON planned_visits (person_id, due_date)
  WHERE deleted_at IS NULL AND done_on IS NULL AND cancelled_on IS NULL;
CREATE INDEX planned_visits_open_due ON planned_visits (due_date)
  WHERE deleted_at IS NULL AND done_on IS NULL AND cancelled_on IS NULL;
CREATE INDEX planned_visits_done ON planned_visits (person_id, done_on)
  WHERE deleted_at IS NULL AND done_on IS NOT NULL;
-- 0016's index of a person's visits in a period, which the rebuild above dropped with the table.
CREATE INDEX planned_visits_person_due ON planned_visits (person_id, due_date, done_on, missed_after, cancelled_on, cancel_reason, deleted_at) WHERE deleted_at IS NULL;

CREATE TABLE visit_records_copy AS SELECT * FROM visit_records;
DROP TABLE visit_records;
CREATE TABLE visit_records (
  {{SYNC_COLUMNS}},
  person_id         TEXT NOT NULL REFERENCES persons (id),
  planned_visit_id  TEXT REFERENCES planned_visits (id),
  visit_date        TEXT NOT NULL,
  visitors          TEXT NOT NULL DEFAULT '',
  method            TEXT NOT NULL CHECK (method IN ('home', 'phone', 'hospital', 'video')),
  reason            TEXT NOT NULL CHECK (reason IN ('routine', 'spring_festival', 'chongyang', 'party_day', 'birthday', 'hospitalisation', 'condolence', 'assessment', 'ad_hoc')),
  summary           TEXT NOT NULL DEFAULT '',
  findings_health   TEXT NOT NULL DEFAULT '',
  findings_living   TEXT NOT NULL DEFAULT '',
  findings_mood     TEXT NOT NULL DEFAULT '',
  needs             TEXT NOT NULL DEFAULT '',
  follow_up         TEXT NOT NULL DEFAULT '',
  recorded_by       TEXT NOT NULL,
  list_id           TEXT REFERENCES printed_lists (id),
  gift_fen          INTEGER NOT NULL DEFAULT 0 CHECK (gift_fen >= 0),
  gift_items        TEXT NOT NULL DEFAULT ''
);
INSERT INTO visit_records (id, created_at, updated_at, updated_by, origin_office, version, deleted_at, person_id, planned_visit_id, visit_date, visitors, method, reason, summary, findings_health, findings_living, findings_mood, needs, follow_up, recorded_by, list_id, gift_fen, gift_items)
  SELECT id, created_at, updated_at, updated_by, origin_office, version, deleted_at, person_id, planned_visit_id, visit_date, visitors, method, reason, summary, findings_health, findings_living, findings_mood, needs, follow_up, recorded_by, list_id, gift_fen, gift_items FROM visit_records_copy;
DROP TABLE visit_records_copy;
CREATE INDEX visit_records_person ON visit_records (person_id, visit_date) WHERE deleted_at IS NULL;
CREATE INDEX visit_records_date ON visit_records (visit_date) WHERE deleted_at IS NULL;
CREATE INDEX visit_records_list ON visit_records (list_id) WHERE list_id IS NOT NULL;
