-- Assistance pairs (结对帮扶): a helper paired with a person in need, dated; ending one keeps it.

CREATE TABLE assistance_pairs (
  {{SYNC_COLUMNS}},
  person_id          TEXT NOT NULL REFERENCES persons (id),     -- the person helped
  helper_kind        TEXT NOT NULL CHECK (helper_kind IN ('staff', 'volunteer', 'unit', 'retiree')),
  helper_person_id   TEXT REFERENCES persons (id),              -- when the helper is another retired official
  helper_name        TEXT NOT NULL,                             -- display name (copied for persons)
  helper_phone       TEXT NOT NULL DEFAULT '',
  help_kinds         TEXT NOT NULL DEFAULT '[]',                -- JSON array of codes (生活照料, 精神慰藉, ...)
  frequency          TEXT NOT NULL CHECK (frequency IN ('weekly', 'biweekly', 'monthly', 'quarterly')),
  from_date          TEXT NOT NULL,
  to_date            TEXT,
  end_reason         TEXT NOT NULL DEFAULT '',
  notes              TEXT NOT NULL DEFAULT '',
  CHECK ((helper_kind = 'retiree') = (helper_person_id IS NOT NULL)),
  CHECK (helper_person_id IS NULL OR helper_person_id <> person_id),
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX assistance_pairs_person ON assistance_pairs (person_id, from_date) WHERE deleted_at IS NULL;
CREATE INDEX assistance_pairs_current ON assistance_pairs (to_date, from_date) WHERE deleted_at IS NULL;

CREATE TABLE assistance_contacts (
  {{SYNC_COLUMNS}},
  pair_id   TEXT NOT NULL REFERENCES assistance_pairs (id),
  date      TEXT NOT NULL,
  method    TEXT NOT NULL CHECK (method IN ('visit', 'phone', 'video', 'other')),
  content   TEXT NOT NULL,
  follow_up TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assistance_contacts_pair ON assistance_contacts (pair_id, date) WHERE deleted_at IS NULL;
