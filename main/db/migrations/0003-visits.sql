-- Grids, contact assignments (分片包干), planned visits (走访慰问), visit records, service requests
-- and printed lists.
--
-- User ids (grid workers, contacts, who recorded or printed what) are not foreign keys: accounts are
-- local to an office and do not travel in packets, while these rows do.

CREATE TABLE grids (
  {{SYNC_COLUMNS}},
  name         TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX grids_name ON grids (name) WHERE deleted_at IS NULL;

CREATE TABLE grid_workers (
  {{SYNC_COLUMNS}},
  grid_id  TEXT NOT NULL REFERENCES grids (id),
  user_id  TEXT NOT NULL
);
CREATE UNIQUE INDEX grid_workers_member ON grid_workers (grid_id, user_id) WHERE deleted_at IS NULL;
CREATE INDEX grid_workers_user ON grid_workers (user_id) WHERE deleted_at IS NULL;

-- Address prefixes ('幸福里小区3号楼') that place persons in a grid; one grid per prefix.
CREATE TABLE grid_places (
  {{SYNC_COLUMNS}},
  grid_id  TEXT NOT NULL REFERENCES grids (id),
  prefix   TEXT NOT NULL
);
CREATE UNIQUE INDEX grid_places_prefix ON grid_places (prefix) WHERE deleted_at IS NULL;
CREATE INDEX grid_places_grid ON grid_places (grid_id) WHERE deleted_at IS NULL;

-- A person's grid (by address or by hand); the free-text grid column keeps the grid's name for
-- display, filters and the roster, or what was typed while the person is in no grid.
ALTER TABLE persons ADD COLUMN grid_id TEXT REFERENCES grids (id);
-- Flagged by staff: visited monthly and marked 高风险 on lists.
ALTER TABLE persons ADD COLUMN high_risk INTEGER NOT NULL DEFAULT 0 CHECK (high_risk IN (0, 1));
CREATE INDEX persons_grid_id ON persons (grid_id, address) WHERE deleted_at IS NULL;

-- Grids from the grid names already typed into the register, and their persons linked to them.
-- Ids are UUIDv7-shaped: the time now in the first 48 bits, random bits after.
INSERT INTO grids (id, created_at, updated_at, updated_by, origin_office, version, name)
  SELECT
    printf('%08x-%04x-7%03x-%04x-%012x',
      (CAST(unixepoch('subsec') * 1000 AS INTEGER) >> 16) & 4294967295,
      CAST(unixepoch('subsec') * 1000 AS INTEGER) & 65535,
      abs(random()) % 4096,
      32768 + abs(random()) % 16384,
      abs(random()) % 281474976710656),
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    'system',
    o.id,
    json_object(o.id, 1),
    g.grid
  FROM (SELECT DISTINCT grid FROM persons WHERE deleted_at IS NULL AND grid <> '') g, office o
  ORDER BY g.grid;

INSERT INTO audit_log (at, user_id, username, entity, entity_id, action, changes)
  SELECT created_at, NULL, 'system', 'grid', id, 'create', json_object('name', name) FROM grids;

UPDATE persons SET grid_id = (SELECT g.id FROM grids g WHERE g.name = persons.grid AND g.deleted_at IS NULL)
  WHERE deleted_at IS NULL AND grid <> '';

-- 分片包干: who is responsible for whom, as dated records; a change closes the old record.
CREATE TABLE contact_assignments (
  {{SYNC_COLUMNS}},
  person_id    TEXT NOT NULL REFERENCES persons (id),
  user_id      TEXT NOT NULL,
  user_name    TEXT NOT NULL DEFAULT '',   -- the display name when assigned, for other offices and history
  role         TEXT NOT NULL CHECK (role IN ('primary', 'backup')),
  from_date    TEXT NOT NULL,
  to_date      TEXT,                       -- NULL while current
  assigned_by  TEXT NOT NULL,
  reason       TEXT NOT NULL DEFAULT '',
  end_reason   TEXT NOT NULL DEFAULT '',
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE UNIQUE INDEX contact_assignments_current ON contact_assignments (person_id, role) WHERE to_date IS NULL AND deleted_at IS NULL;
CREATE INDEX contact_assignments_user ON contact_assignments (user_id, person_id) WHERE to_date IS NULL AND deleted_at IS NULL;
CREATE INDEX contact_assignments_person ON contact_assignments (person_id, from_date);

-- Visits planned from the rules, one per key and person (routine:2026-11, birthday:2026 …).
CREATE TABLE planned_visits (
  {{SYNC_COLUMNS}},
  person_id        TEXT NOT NULL REFERENCES persons (id),
  key              TEXT NOT NULL,
  reason           TEXT NOT NULL CHECK (reason IN ('routine', 'spring_festival', 'chongyang', 'party_day', 'birthday', 'hospitalisation', 'condolence')),
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
CREATE UNIQUE INDEX planned_visits_key ON planned_visits (person_id, key) WHERE deleted_at IS NULL;
-- Worklists: a worker's persons, then their open visits by due date.
CREATE INDEX planned_visits_open ON planned_visits (person_id, due_date)
  WHERE deleted_at IS NULL AND done_on IS NULL AND cancelled_on IS NULL;
-- The office-wide worklist and lists by grid: open visits by date.
CREATE INDEX planned_visits_open_due ON planned_visits (due_date)
  WHERE deleted_at IS NULL AND done_on IS NULL AND cancelled_on IS NULL;
CREATE INDEX planned_visits_done ON planned_visits (person_id, done_on)
  WHERE deleted_at IS NULL AND done_on IS NOT NULL;

-- Which month and which rules each person was last planned for, so rolling the horizon forward
-- touches only those not planned this month. Derived and local: it does not travel.
CREATE TABLE visit_plan_state (
  person_id      TEXT PRIMARY KEY NOT NULL,
  planned_month  TEXT NOT NULL,
  rules_hash     TEXT NOT NULL
) WITHOUT ROWID;

-- Printed lists (visit lists, service cards) with their numbers and a snapshot of what was printed.
CREATE TABLE printed_lists (
  {{SYNC_COLUMNS}},
  list_no       TEXT NOT NULL,             -- 2026-11-0007: the month's sequence
  kind          TEXT NOT NULL CHECK (kind IN ('visit_list', 'service_cards')),
  params_json   TEXT NOT NULL DEFAULT '{}',
  rows_json     TEXT NOT NULL DEFAULT '[]',
  results_json  TEXT NOT NULL DEFAULT '[]',
  printed_at    TEXT NOT NULL,
  printed_by    TEXT NOT NULL
);
CREATE UNIQUE INDEX printed_lists_no ON printed_lists (list_no) WHERE deleted_at IS NULL;
CREATE INDEX printed_lists_printed ON printed_lists (printed_at);

CREATE TABLE visit_records (
  {{SYNC_COLUMNS}},
  person_id         TEXT NOT NULL REFERENCES persons (id),
  planned_visit_id  TEXT REFERENCES planned_visits (id),
  visit_date        TEXT NOT NULL,
  visitors          TEXT NOT NULL DEFAULT '',
  method            TEXT NOT NULL CHECK (method IN ('home', 'phone', 'hospital', 'video')),
  reason            TEXT NOT NULL CHECK (reason IN ('routine', 'spring_festival', 'chongyang', 'party_day', 'birthday', 'hospitalisation', 'condolence', 'ad_hoc')),
  summary           TEXT NOT NULL DEFAULT '',
  findings_health   TEXT NOT NULL DEFAULT '',
  findings_living   TEXT NOT NULL DEFAULT '',
  findings_mood     TEXT NOT NULL DEFAULT '',
  needs             TEXT NOT NULL DEFAULT '',
  follow_up         TEXT NOT NULL DEFAULT '',
  recorded_by       TEXT NOT NULL,
  list_id           TEXT REFERENCES printed_lists (id)
);
CREATE INDEX visit_records_person ON visit_records (person_id, visit_date) WHERE deleted_at IS NULL;
CREATE INDEX visit_records_date ON visit_records (visit_date) WHERE deleted_at IS NULL;
CREATE INDEX visit_records_list ON visit_records (list_id) WHERE list_id IS NOT NULL;

-- 服务需求: 居家养老 home_care, 医疗保健 medical, 文体活动 recreation, 困难帮扶 hardship, 精神慰藉 emotional, 其他 other.
CREATE TABLE service_requests (
  {{SYNC_COLUMNS}},
  person_id        TEXT NOT NULL REFERENCES persons (id),
  category         TEXT NOT NULL CHECK (category IN ('home_care', 'medical', 'recreation', 'hardship', 'emotional', 'other')),
  description      TEXT NOT NULL,
  raised_by        TEXT NOT NULL,
  raised_on        TEXT NOT NULL,
  assigned_to      TEXT,
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'declined')),
  resolution       TEXT NOT NULL DEFAULT '',
  resolved_on      TEXT,
  visit_record_id  TEXT REFERENCES visit_records (id)
);
CREATE INDEX service_requests_person ON service_requests (person_id, status) WHERE deleted_at IS NULL;
CREATE INDEX service_requests_status ON service_requests (status, raised_on) WHERE deleted_at IS NULL;
CREATE INDEX service_requests_assignee ON service_requests (assigned_to, status) WHERE deleted_at IS NULL;
