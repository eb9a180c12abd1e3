-- Original units (原工作单位): a registry of the units retired officials came from, and the
-- person's link to it. The free-text persons.original_unit stays (roster, display, what was typed);
-- persons.unit_id is set only when staff confirm a match (exact or near matches are offered, never
-- merged silently).

CREATE TABLE units (
  {{SYNC_COLUMNS}},
  name                TEXT NOT NULL,
  level               TEXT NOT NULL DEFAULT 'other'
                        CHECK (level IN ('central', 'provincial', 'municipal', 'county', 'enterprise', 'other')),
  retiree_department  TEXT NOT NULL DEFAULT '',   -- 离退休工作部门 (e.g. 老干部处)
  contact_person      TEXT NOT NULL DEFAULT '',
  contact_phone       TEXT NOT NULL DEFAULT '',
  party_contact       TEXT NOT NULL DEFAULT '',   -- the unit's party contact, for members managed there (双重管理)
  party_phone         TEXT NOT NULL DEFAULT '',
  address             TEXT NOT NULL DEFAULT '',
  notes               TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX units_name ON units (origin_office, name) WHERE deleted_at IS NULL;

ALTER TABLE persons ADD COLUMN unit_id TEXT REFERENCES units (id);
CREATE INDEX persons_unit ON persons (unit_id, name_pinyin) WHERE deleted_at IS NULL;
