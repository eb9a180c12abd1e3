-- 来电来访登记: the 24-hour hotline's calls and the visits to the office. The person the call is about is
-- optional (a stranger's enquiry), so the rows are the office's and travel in its packets as its other rows.
CREATE TABLE hotline_calls (
  {{SYNC_COLUMNS}},
  call_date         TEXT NOT NULL,
  call_time         TEXT NOT NULL,
  channel           TEXT NOT NULL CHECK (channel IN ('phone', 'walk_in', 'wechat')),
  caller_kind       TEXT NOT NULL CHECK (caller_kind IN ('person', 'family', 'other')),
  person_id         TEXT REFERENCES persons (id),
  family_contact_id TEXT REFERENCES family_contacts (id),
  caller_name       TEXT NOT NULL DEFAULT '',
  caller_phone      TEXT NOT NULL DEFAULT '',
  category          TEXT NOT NULL CHECK (category IN ('home_care', 'medical', 'recreation', 'hardship', 'emotional', 'other',
                                                      'enquiry', 'complaint', 'hospitalised', 'deceased')),
  urgency           TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent', 'emergency')),
  content           TEXT NOT NULL,
  outcome           TEXT NOT NULL DEFAULT '',
  taken_by          TEXT NOT NULL,                                   -- the user who took it (id, or name for the system)
  request_id        TEXT REFERENCES service_requests (id),           -- the service request it became
  health_event_id   TEXT REFERENCES health_events (id),              -- 报告住院: the hospital stay it recorded
  status_event_id   TEXT REFERENCES person_status_events (id),       -- 报告去世: the death it recorded
  CHECK (caller_kind = 'other' OR person_id IS NOT NULL),
  CHECK (caller_kind <> 'family' OR family_contact_id IS NOT NULL)
);
CREATE INDEX hotline_calls_day ON hotline_calls (call_date, call_time) WHERE deleted_at IS NULL;
CREATE INDEX hotline_calls_person ON hotline_calls (person_id, call_date) WHERE deleted_at IS NULL AND person_id IS NOT NULL;
