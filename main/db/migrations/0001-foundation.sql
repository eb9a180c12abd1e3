-- The office this database belongs to: exactly one row, written by first-run setup.
CREATE TABLE office (
  id          TEXT PRIMARY KEY,
  singleton   INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
  name        TEXT NOT NULL,
  area_code   TEXT NOT NULL CHECK (length(area_code) = 12 AND area_code NOT GLOB '*[^0-9]*'),
  mode        TEXT NOT NULL CHECK (mode IN ('community', 'bureau')),
  created_at  TEXT NOT NULL
);

-- Accounts of this office. Local to the office: they do not travel in packets.
CREATE TABLE users (
  id               TEXT PRIMARY KEY,
  username         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name     TEXT NOT NULL,
  role             TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'gridworker', 'viewer')),
  phone            TEXT,
  password_hash    TEXT NOT NULL,
  password_salt    TEXT NOT NULL,
  disabled         INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_attempts  INTEGER NOT NULL DEFAULT 0,
  locked_until     TEXT,
  prefs            TEXT NOT NULL DEFAULT '{}',
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  last_login_at    TEXT
);

-- Every change, written in the same transaction as the change itself.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL,
  user_id    TEXT,
  username   TEXT,
  entity     TEXT NOT NULL,
  entity_id  TEXT,
  action     TEXT NOT NULL,
  changes    TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_user ON audit_log (user_id, id);

-- Office-wide settings as key → JSON value; absent keys take their defaults.
CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT
);
