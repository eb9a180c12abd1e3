-- Statistics and statutory reports (统计与报表): what a visit brought (慰问金 and 慰问品), the office
-- profile the bureau's yearly 考核 reads (四个到位, 示范社区), and the forms an office hands in.

-- 慰问金 in fen (integer, no float money), as party dues are kept; 慰问品 as typed.
ALTER TABLE visit_records ADD COLUMN gift_fen INTEGER NOT NULL DEFAULT 0 CHECK (gift_fen >= 0);
ALTER TABLE visit_records ADD COLUMN gift_items TEXT NOT NULL DEFAULT '';

-- The "四个到位" (场所, 经费, 人员, 服务) and whether the office is a 示范社区: one living row per
-- office, travelling in packets so the bureau sees what each community reported about itself.
CREATE TABLE office_profile (
  {{SYNC_COLUMNS}},
  venue_name        TEXT NOT NULL DEFAULT '',            -- 活动场所
  venue_area_m2     REAL CHECK (venue_area_m2 IS NULL OR venue_area_m2 >= 0),
  funds_year        INTEGER CHECK (funds_year IS NULL OR funds_year BETWEEN 2000 AND 2200),
  annual_funds_fen  INTEGER CHECK (annual_funds_fen IS NULL OR annual_funds_fen >= 0),   -- 年度经费
  staff_full_time   INTEGER CHECK (staff_full_time IS NULL OR staff_full_time >= 0),     -- 专职人员
  staff_part_time   INTEGER CHECK (staff_part_time IS NULL OR staff_part_time >= 0),     -- 兼职人员
  services          TEXT NOT NULL DEFAULT '[]',          -- 服务项目: JSON array of text
  model_community   INTEGER NOT NULL DEFAULT 0 CHECK (model_community IN (0, 1)),        -- 示范社区
  model_level       TEXT NOT NULL DEFAULT '' CHECK (model_level IN ('', 'county', 'city', 'province', 'national')),
  model_since       INTEGER CHECK (model_since IS NULL OR model_since BETWEEN 1990 AND 2200),
  notes             TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX office_profile_office ON office_profile (origin_office) WHERE deleted_at IS NULL;

-- A statutory form as handed in (上报): the figures frozen at that moment, the checks that failed
-- then and the note that explains them, who signed and who handed it in. A later hand-in of the
-- same form and period is a new row; the newest one counts.
CREATE TABLE report_submissions (
  {{SYNC_COLUMNS}},
  form               TEXT NOT NULL CHECK (form IN ('annual', 'campaign')),
  period             TEXT NOT NULL,          -- '2026', or 'chongyang:2026' for a campaign
  as_of              TEXT NOT NULL,          -- the day the figures are counted to (YYYY-MM-DD)
  form_version       INTEGER NOT NULL,
  figures            TEXT NOT NULL,          -- JSON: the form's tables as printed
  failed_checks      TEXT NOT NULL DEFAULT '[]',
  note               TEXT NOT NULL DEFAULT '',
  head_name          TEXT NOT NULL DEFAULT '',   -- 单位负责人
  filler_name        TEXT NOT NULL DEFAULT '',   -- 填报人
  filler_phone       TEXT NOT NULL DEFAULT '',   -- 联系电话
  submitted_on       TEXT NOT NULL,              -- 填报日期
  submitted_by       TEXT NOT NULL,              -- user id (not a foreign key: accounts do not travel)
  submitted_by_name  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_submissions_form ON report_submissions (origin_office, form, period, created_at) WHERE deleted_at IS NULL;
