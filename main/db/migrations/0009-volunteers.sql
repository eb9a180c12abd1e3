-- Volunteering (发挥作用): service teams, members (from the registry or from outside it) and
-- service records with hours.

CREATE TABLE volunteer_teams (
  {{SYNC_COLUMNS}},
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL DEFAULT 'other'
                CHECK (kind IN ('patrol', 'traffic', 'sanitation', 'mediation', 'policy', 'next_generation', 'other')),
                -- 治安巡逻 / 交通疏导 / 卫生监督 / 矛盾调解 / 政策宣讲 / 关心下一代 / 其他
  leader      TEXT NOT NULL DEFAULT '',
  founded_on  TEXT,
  description TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX volunteer_teams_name ON volunteer_teams (origin_office, name) WHERE deleted_at IS NULL;

-- A volunteer: a person of the registry (person_id), or someone from outside it (younger residents,
-- a unit's volunteers): name and kind typed.
CREATE TABLE volunteers (
  {{SYNC_COLUMNS}},
  person_id     TEXT REFERENCES persons (id),
  name          TEXT NOT NULL,            -- copied from the person for registry volunteers
  kind          TEXT NOT NULL CHECK (kind IN ('retiree', 'resident', 'unit', 'other')),
  phone         TEXT NOT NULL DEFAULT '',
  organisation  TEXT NOT NULL DEFAULT '', -- for unit volunteers
  notes         TEXT NOT NULL DEFAULT '',
  name_pinyin   TEXT NOT NULL DEFAULT '', -- full pinyin and initials of the name, for search and sorting
  name_initials TEXT NOT NULL DEFAULT '',
  CHECK ((kind = 'retiree') = (person_id IS NOT NULL))
);
CREATE UNIQUE INDEX volunteers_person ON volunteers (person_id) WHERE person_id IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE volunteer_team_members (
  {{SYNC_COLUMNS}},
  team_id       TEXT NOT NULL REFERENCES volunteer_teams (id),
  volunteer_id  TEXT NOT NULL REFERENCES volunteers (id),
  from_date     TEXT NOT NULL,
  to_date       TEXT,
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE UNIQUE INDEX volunteer_team_members_current ON volunteer_team_members (team_id, volunteer_id) WHERE to_date IS NULL AND deleted_at IS NULL;
CREATE INDEX volunteer_team_members_volunteer ON volunteer_team_members (volunteer_id) WHERE deleted_at IS NULL;

-- Hours in minutes (integer) so totals are exact.
CREATE TABLE volunteer_services (
  {{SYNC_COLUMNS}},
  volunteer_id  TEXT NOT NULL REFERENCES volunteers (id),
  team_id       TEXT REFERENCES volunteer_teams (id),
  date          TEXT NOT NULL,
  minutes       INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
  description   TEXT NOT NULL
);
CREATE INDEX volunteer_services_date ON volunteer_services (date) WHERE deleted_at IS NULL;
CREATE INDEX volunteer_services_volunteer ON volunteer_services (volunteer_id, date) WHERE deleted_at IS NULL;
CREATE INDEX volunteer_services_team ON volunteer_services (team_id, date) WHERE deleted_at IS NULL;
