-- Study and activities (学习和活动): events close to home, sign-ups and attendance.

CREATE TABLE activities (
  {{SYNC_COLUMNS}},
  kind        TEXT NOT NULL CHECK (kind IN ('political_study', 'culture_sports', 'health_talk', 'interest_group', 'visit', 'other')),
              -- 政治学习 / 文体活动 / 健康讲座 / 兴趣小组 / 参观 / 其他
  title       TEXT NOT NULL,
  date        TEXT NOT NULL,            -- YYYY-MM-DD
  start_time  TEXT,                     -- HH:MM
  end_time    TEXT,
  place_kind  TEXT NOT NULL DEFAULT 'other' CHECK (place_kind IN ('community_centre', 'day_care', 'senior_university', 'other')),
              -- 社区活动中心 / 日间照料中心 / 老年大学分校 / 其他
  place       TEXT NOT NULL DEFAULT '',
  organiser   TEXT NOT NULL DEFAULT '',
  capacity    INTEGER CHECK (capacity IS NULL OR capacity > 0),
  description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activities_date ON activities (date, start_time) WHERE deleted_at IS NULL;

-- A sign-up, and afterwards whether the person came. Attendance without a sign-up is a row with
-- signed_up = 0 (walk-ins).
CREATE TABLE activity_participants (
  {{SYNC_COLUMNS}},
  activity_id  TEXT NOT NULL REFERENCES activities (id),
  person_id    TEXT NOT NULL REFERENCES persons (id),
  signed_up    INTEGER NOT NULL DEFAULT 1 CHECK (signed_up IN (0, 1)),
  attended     INTEGER CHECK (attended IS NULL OR attended IN (0, 1)),   -- NULL until recorded
  notes        TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX activity_participants_one ON activity_participants (activity_id, person_id) WHERE deleted_at IS NULL;
CREATE INDEX activity_participants_person ON activity_participants (person_id) WHERE deleted_at IS NULL;
