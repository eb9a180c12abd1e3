-- Party organisation (社区离退休干部党组织): branches, their committees, members with dated history,
-- branch life (meetings and study, attendance) and party dues.
-- User ids are not foreign keys (accounts do not travel in packets); person ids are.

CREATE TABLE party_branches (
  {{SYNC_COLUMNS}},
  name            TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('branch', 'temporary', 'station', 'group')),
                  -- 社区离退休干部党支部 / 临时党支部 / 老党员活动站 / 活动小组
  founded_on      TEXT,
  meeting_place   TEXT NOT NULL DEFAULT '',
  notes           TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX party_branches_name ON party_branches (origin_office, name) WHERE deleted_at IS NULL;

-- Secretary and committee members: a retired member (person_id) or community staff holding both
-- posts (一肩挑: name typed, person_id NULL). Dated: a change closes the old post.
CREATE TABLE party_committee (
  {{SYNC_COLUMNS}},
  branch_id   TEXT NOT NULL REFERENCES party_branches (id),
  post        TEXT NOT NULL CHECK (post IN ('secretary', 'deputy', 'member')),
  person_id   TEXT REFERENCES persons (id),
  staff_name  TEXT NOT NULL DEFAULT '',
  from_date   TEXT NOT NULL,
  to_date     TEXT,
  CHECK (person_id IS NOT NULL OR staff_name <> ''),
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX party_committee_branch ON party_committee (branch_id, from_date) WHERE deleted_at IS NULL;

-- A member's membership of a branch. Moving branch closes the current row (to_date) and opens a new
-- one, so the history stays.
CREATE TABLE party_memberships (
  {{SYNC_COLUMNS}},
  person_id           TEXT NOT NULL REFERENCES persons (id),
  branch_id           TEXT NOT NULL REFERENCES party_branches (id),
  party_joined_on     TEXT,            -- 入党日期: 党龄 counts from here
  relation_held       TEXT NOT NULL CHECK (relation_held IN ('original_unit', 'community')),
                      -- 组织关系在原单位 / 已转入社区
  management_mode     TEXT NOT NULL CHECK (management_mode IN ('multi', 'single', 'combined')),
                      -- 一方隶属、多方管理 / 单建支部 / 单建与双重管理相结合
  unit_party_contact  TEXT NOT NULL DEFAULT '',   -- when the relation stays with the original unit
  unit_party_phone    TEXT NOT NULL DEFAULT '',
  from_date           TEXT NOT NULL,   -- joined the branch on
  to_date             TEXT,            -- NULL while current
  end_reason          TEXT NOT NULL DEFAULT '',   -- deceased / moved_out / transferred_out / other / moved_branch
  end_note            TEXT NOT NULL DEFAULT '',
  notes               TEXT NOT NULL DEFAULT '',
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE UNIQUE INDEX party_memberships_current ON party_memberships (person_id) WHERE to_date IS NULL AND deleted_at IS NULL;
CREATE INDEX party_memberships_branch ON party_memberships (branch_id, to_date) WHERE deleted_at IS NULL;
CREATE INDEX party_memberships_person ON party_memberships (person_id, from_date);

-- 组织生活 / 主题党日 / 学习 / 其他
CREATE TABLE party_meetings (
  {{SYNC_COLUMNS}},
  branch_id   TEXT NOT NULL REFERENCES party_branches (id),
  kind        TEXT NOT NULL CHECK (kind IN ('organisational', 'theme_day', 'study', 'other')),
  date        TEXT NOT NULL,
  topic       TEXT NOT NULL,
  place       TEXT NOT NULL DEFAULT '',
  notes       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX party_meetings_branch ON party_meetings (branch_id, date) WHERE deleted_at IS NULL;

-- One row per member expected at a meeting: present, or absent with a reason.
CREATE TABLE party_meeting_attendance (
  {{SYNC_COLUMNS}},
  meeting_id  TEXT NOT NULL REFERENCES party_meetings (id),
  person_id   TEXT NOT NULL REFERENCES persons (id),
  present     INTEGER NOT NULL CHECK (present IN (0, 1)),
  absence_reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX party_meeting_attendance_one ON party_meeting_attendance (meeting_id, person_id) WHERE deleted_at IS NULL;
CREATE INDEX party_meeting_attendance_person ON party_meeting_attendance (person_id) WHERE deleted_at IS NULL;

-- 党费: per member per month (YYYY-MM); amount in fen (integer, no float money).
CREATE TABLE party_dues (
  {{SYNC_COLUMNS}},
  person_id     TEXT NOT NULL REFERENCES persons (id),
  month         TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  amount_fen    INTEGER NOT NULL CHECK (amount_fen >= 0),
  paid_on       TEXT NOT NULL,
  notes         TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX party_dues_month ON party_dues (person_id, month) WHERE deleted_at IS NULL;
CREATE INDEX party_dues_by_month ON party_dues (month) WHERE deleted_at IS NULL;
