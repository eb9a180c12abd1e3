-- The registry of retired officials and their health archives (离退休干部个人信息和健康档案).

-- The person a change concerns, so a person's history includes their health and family records.
ALTER TABLE audit_log ADD COLUMN subject_id TEXT;
CREATE INDEX audit_log_subject ON audit_log (subject_id, id);

CREATE TABLE persons (
  {{SYNC_COLUMNS}},
  name                    TEXT NOT NULL,
  name_pinyin             TEXT NOT NULL,     -- 'zhangsan': full pinyin without tones or spaces
  name_initials           TEXT NOT NULL,     -- 'zs'
  gender                  TEXT NOT NULL CHECK (gender IN ('male', 'female')),
  ethnicity               TEXT NOT NULL DEFAULT '汉族',
  id_number               TEXT NOT NULL,
  birth_date              TEXT NOT NULL,     -- YYYY-MM-DD
  phones                  TEXT NOT NULL DEFAULT '[]',
  photo                   TEXT,              -- data: URL of a small JPEG/PNG
  retirement_type         TEXT NOT NULL CHECK (retirement_type IN ('lixiu', 'tuixiu')),
  retirement_date         TEXT,
  original_unit           TEXT NOT NULL DEFAULT '',
  unit_level              TEXT NOT NULL DEFAULT 'other'
                            CHECK (unit_level IN ('central', 'provincial', 'municipal', 'county', 'enterprise', 'other')),
  former_position         TEXT NOT NULL DEFAULT '',
  rank                    TEXT NOT NULL DEFAULT '',
  political_status        TEXT NOT NULL DEFAULT 'masses'
                            CHECK (political_status IN ('cpc', 'democratic', 'masses', 'other')),
  community               TEXT NOT NULL DEFAULT '',
  grid                    TEXT NOT NULL DEFAULT '',
  address                 TEXT NOT NULL DEFAULT '',
  living_situation        TEXT NOT NULL DEFAULT 'other'
                            CHECK (living_situation IN ('alone', 'empty_nest', 'with_children', 'institution', 'other')),
  household_registration  TEXT NOT NULL DEFAULT '',
  notes                   TEXT NOT NULL DEFAULT '',
  -- Current status; its history is in person_status_events.
  status                  TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'moved_out', 'deceased')),
  status_date             TEXT,
  -- Latest Barthel total, kept by the triggers on adl_assessments, so lists can filter by band.
  latest_adl_total        INTEGER,
  latest_adl_date         TEXT
);
-- One living record per ID number; tombstoned rows do not block a new one.
CREATE UNIQUE INDEX persons_id_number ON persons (id_number) WHERE deleted_at IS NULL;
-- List indexes: each sort order has one, carrying the filter columns so that a filtered page is
-- read from the index without visiting every row (measured at 100k persons in bench/list.bench.ts).
CREATE INDEX persons_list_name ON persons (status, name_pinyin, id, grid, birth_date, living_situation, unit_level, political_status, latest_adl_total, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX persons_list_birth ON persons (status, birth_date, grid, living_situation, unit_level, political_status, latest_adl_total, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX persons_list_address ON persons (status, grid, address, id) WHERE deleted_at IS NULL;
CREATE INDEX persons_list_updated ON persons (status, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX persons_list_all ON persons (name_pinyin, id) WHERE deleted_at IS NULL;
CREATE INDEX persons_grid ON persons (grid, address) WHERE deleted_at IS NULL;
CREATE INDEX persons_initials ON persons (name_initials) WHERE deleted_at IS NULL;
CREATE INDEX persons_updated ON persons (updated_at);

-- Search. Substrings of three or more characters go through FTS5's trigram index; names and
-- queries of one or two characters (most Chinese names are two or three) through person_grams.
CREATE VIRTUAL TABLE persons_fts USING fts5 (
  name, name_pinyin, id_number, phones, address, original_unit,
  content = 'persons', content_rowid = 'rowid', tokenize = 'trigram'
);

CREATE TABLE person_grams (
  gram          TEXT NOT NULL,
  person_rowid  INTEGER NOT NULL,
  PRIMARY KEY (gram, person_rowid)
) WITHOUT ROWID;

-- Positions 1..64 for cutting names into grams inside triggers (which cannot use WITH).
CREATE TABLE gram_positions (i INTEGER PRIMARY KEY);
INSERT INTO gram_positions (i)
  SELECT a.i + 8 * b.i + 1 FROM
    (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7) a,
    (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7) b;

CREATE TRIGGER persons_index_insert AFTER INSERT ON persons BEGIN
  INSERT INTO persons_fts (rowid, name, name_pinyin, id_number, phones, address, original_unit)
    VALUES (new.rowid, new.name, new.name_pinyin, new.id_number, new.phones, new.address, new.original_unit);
  INSERT OR IGNORE INTO person_grams (gram, person_rowid)
    SELECT substr(new.name, i, 1), new.rowid FROM gram_positions WHERE i <= length(new.name);
  INSERT OR IGNORE INTO person_grams (gram, person_rowid)
    SELECT substr(new.name, i, 2), new.rowid FROM gram_positions WHERE i < length(new.name);
END;

CREATE TRIGGER persons_index_delete AFTER DELETE ON persons BEGIN
  INSERT INTO persons_fts (persons_fts, rowid, name, name_pinyin, id_number, phones, address, original_unit)
    VALUES ('delete', old.rowid, old.name, old.name_pinyin, old.id_number, old.phones, old.address, old.original_unit);
  DELETE FROM person_grams WHERE person_rowid = old.rowid;
END;

CREATE TRIGGER persons_index_update AFTER UPDATE OF name, name_pinyin, id_number, phones, address, original_unit ON persons BEGIN
  INSERT INTO persons_fts (persons_fts, rowid, name, name_pinyin, id_number, phones, address, original_unit)
    VALUES ('delete', old.rowid, old.name, old.name_pinyin, old.id_number, old.phones, old.address, old.original_unit);
  INSERT INTO persons_fts (rowid, name, name_pinyin, id_number, phones, address, original_unit)
    VALUES (new.rowid, new.name, new.name_pinyin, new.id_number, new.phones, new.address, new.original_unit);
  DELETE FROM person_grams WHERE person_rowid = old.rowid;
  INSERT OR IGNORE INTO person_grams (gram, person_rowid)
    SELECT substr(new.name, i, 1), new.rowid FROM gram_positions WHERE i <= length(new.name);
  INSERT OR IGNORE INTO person_grams (gram, person_rowid)
    SELECT substr(new.name, i, 2), new.rowid FROM gram_positions WHERE i < length(new.name);
END;

-- Status changes as dated events (在册 → 迁出 / 去世), never overwrites.
CREATE TABLE person_status_events (
  {{SYNC_COLUMNS}},
  person_id    TEXT NOT NULL REFERENCES persons (id),
  status       TEXT NOT NULL CHECK (status IN ('active', 'moved_out', 'deceased')),
  date         TEXT NOT NULL,
  destination  TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX person_status_events_person ON person_status_events (person_id, date);

-- One health profile per person: what is true now (blood type, conditions, medication …).
CREATE TABLE health_profiles (
  {{SYNC_COLUMNS}},
  person_id              TEXT NOT NULL REFERENCES persons (id),
  blood_type             TEXT NOT NULL DEFAULT '',
  chronic_conditions     TEXT NOT NULL DEFAULT '[]',
  allergies              TEXT NOT NULL DEFAULT '',
  medications            TEXT NOT NULL DEFAULT '',
  disability_certificate TEXT NOT NULL DEFAULT '',
  insurance_type         TEXT NOT NULL DEFAULT '',
  family_doctor          TEXT NOT NULL DEFAULT '',
  family_doctor_clinic   TEXT NOT NULL DEFAULT '',
  family_doctor_date     TEXT
);
CREATE UNIQUE INDEX health_profiles_person ON health_profiles (person_id) WHERE deleted_at IS NULL;

-- Barthel index assessments (ADL), each dated and kept.
CREATE TABLE adl_assessments (
  {{SYNC_COLUMNS}},
  person_id    TEXT NOT NULL REFERENCES persons (id),
  assessed_on  TEXT NOT NULL,
  items        TEXT NOT NULL,          -- JSON: the ten item scores
  total        INTEGER NOT NULL CHECK (total BETWEEN 0 AND 100),
  assessor     TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX adl_assessments_person ON adl_assessments (person_id, assessed_on);

CREATE TRIGGER adl_latest_insert AFTER INSERT ON adl_assessments BEGIN
  UPDATE persons SET
    latest_adl_total = (SELECT total FROM adl_assessments WHERE person_id = new.person_id AND deleted_at IS NULL ORDER BY assessed_on DESC, id DESC LIMIT 1),
    latest_adl_date = (SELECT assessed_on FROM adl_assessments WHERE person_id = new.person_id AND deleted_at IS NULL ORDER BY assessed_on DESC, id DESC LIMIT 1)
  WHERE id = new.person_id;
END;

CREATE TRIGGER adl_latest_update AFTER UPDATE ON adl_assessments BEGIN
  UPDATE persons SET
    latest_adl_total = (SELECT total FROM adl_assessments WHERE person_id = new.person_id AND deleted_at IS NULL ORDER BY assessed_on DESC, id DESC LIMIT 1),
    latest_adl_date = (SELECT assessed_on FROM adl_assessments WHERE person_id = new.person_id AND deleted_at IS NULL ORDER BY assessed_on DESC, id DESC LIMIT 1)
  WHERE id = new.person_id;
END;

-- Checkups, hospitalisations and notes: dated, kept, never overwritten.
CREATE TABLE health_events (
  {{SYNC_COLUMNS}},
  person_id    TEXT NOT NULL REFERENCES persons (id),
  kind         TEXT NOT NULL CHECK (kind IN ('checkup', 'hospitalisation', 'note')),
  date         TEXT NOT NULL,
  end_date     TEXT,
  institution  TEXT NOT NULL DEFAULT '',
  summary      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX health_events_person ON health_events (person_id, date);

CREATE TABLE family_contacts (
  {{SYNC_COLUMNS}},
  person_id     TEXT NOT NULL REFERENCES persons (id),
  name          TEXT NOT NULL,
  relation      TEXT NOT NULL DEFAULT '',
  phones        TEXT NOT NULL DEFAULT '[]',
  lives_nearby  INTEGER NOT NULL DEFAULT 0 CHECK (lives_nearby IN (0, 1)),
  is_emergency  INTEGER NOT NULL DEFAULT 0 CHECK (is_emergency IN (0, 1)),
  note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX family_contacts_person ON family_contacts (person_id);
