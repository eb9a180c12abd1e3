-- Encrypted, signed packets: the trust list, the log of packets sent and received,
-- conflicts kept for a person to resolve, and the change sequence incremental packets are cut by.
-- None of these tables travel in packets: they describe this office's exchanges, not the records.

-- Offices whose packets this office accepts, each added after a person compared its key card's
-- fingerprint. The current card is kept whole; every key it ever had is in trusted_keys.
CREATE TABLE trusted_offices (
  office_id      TEXT PRIMARY KEY NOT NULL,
  name           TEXT NOT NULL,
  area_code      TEXT NOT NULL,
  mode           TEXT NOT NULL CHECK (mode IN ('community', 'bureau')),
  card_json      TEXT NOT NULL,
  fingerprint    TEXT NOT NULL,            -- SHA-256 of the canonical card, hex
  trusted_by     TEXT NOT NULL,            -- username of who compared the fingerprint
  trusted_by_id  TEXT,
  trusted_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);

-- Every key of a trusted office. A replaced key keeps verifying packets made before it was replaced.
CREATE TABLE trusted_keys (
  office_id      TEXT NOT NULL REFERENCES trusted_offices (office_id),
  signing_key    TEXT NOT NULL,            -- Ed25519 public key, base64 of the 32 raw bytes
  age_recipient  TEXT NOT NULL,            -- age1…
  fingerprint    TEXT NOT NULL,            -- of the card that carried the key
  card_created   TEXT NOT NULL,
  added_at       TEXT NOT NULL,
  added_by       TEXT NOT NULL,
  replaced_at    TEXT,                     -- NULL for the current key
  PRIMARY KEY (office_id, signing_key)
) WITHOUT ROWID;

-- Every packet sent ('out') and received ('in'); an imported packet id is never imported again.
CREATE TABLE packet_log (
  packet_id       TEXT NOT NULL,
  direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  kind            TEXT NOT NULL CHECK (kind IN ('full', 'incremental', 'transfer', 'backup', 'receipt')),
  peer_office_id  TEXT,                    -- the recipient (out) or the sender (in); NULL for passphrase backups
  peer_name       TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,           -- the packet's own time (its manifest)
  logged_at       TEXT NOT NULL,           -- when this office wrote or imported it
  user_id         TEXT,
  username        TEXT NOT NULL,
  sha256          TEXT NOT NULL,           -- the hash its trailer signs
  size_bytes      INTEGER NOT NULL DEFAULT 0,
  file_name       TEXT NOT NULL DEFAULT '',
  counts          TEXT NOT NULL DEFAULT '{}',
  report          TEXT NOT NULL DEFAULT '{}',
  base_packet_id  TEXT,                    -- out, incremental: the packet it continues from
  change_seq      INTEGER,                 -- out: the change sequence the packet covers up to
  acked_at        TEXT,                    -- out: when the recipient's receipt was imported
  ack_packet_id   TEXT,
  PRIMARY KEY (packet_id, direction)
) WITHOUT ROWID;
CREATE INDEX packet_log_peer ON packet_log (peer_office_id, direction, logged_at);
CREATE INDEX packet_log_logged ON packet_log (logged_at);

-- Two versions of one record that neither office saw before editing (kind 'concurrent'), or a
-- record this database could not take as it came (a clash with a unique rule: 'unique'; a
-- reference to a record not here: 'reference'). Both sides are kept until a person decides.
CREATE TABLE sync_conflicts (
  id                TEXT PRIMARY KEY NOT NULL,
  table_name        TEXT NOT NULL,
  row_id            TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('concurrent', 'unique', 'reference')),
  local_row         TEXT,                  -- JSON of the local row (for 'unique': the row it clashes with)
  remote_row        TEXT NOT NULL,         -- JSON of the row as the packet carried it
  remote_version    TEXT NOT NULL,
  packet_id         TEXT,
  sender_office_id  TEXT,
  detail            TEXT NOT NULL DEFAULT '',
  detected_at       TEXT NOT NULL,
  resolved_at       TEXT,
  resolved_by       TEXT,
  resolution        TEXT CHECK (resolution IN ('local', 'remote', 'merge', 'superseded')),
  result_version    TEXT,
  CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE INDEX sync_conflicts_open ON sync_conflicts (detected_at, id) WHERE resolved_at IS NULL;
CREATE INDEX sync_conflicts_row ON sync_conflicts (table_name, row_id);

-- The local change sequence: every insert or update of a synchronised row takes the next number
-- (triggers made by main/bundle/tracking.ts for each table of the registry), so "changed since
-- the last acknowledged packet" is an index range, whatever the clocks of other offices said.
CREATE TABLE sync_clock (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  seq        INTEGER NOT NULL
);
INSERT INTO sync_clock (singleton, seq) VALUES (1, 0);

CREATE TABLE sync_row_seq (
  tbl     TEXT NOT NULL,
  row_id  TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;
CREATE INDEX sync_row_seq_order ON sync_row_seq (tbl, seq);

-- Which tables have their change triggers, and from which sequence number they count.
CREATE TABLE sync_tracked (
  tbl         TEXT PRIMARY KEY NOT NULL,
  since_seq   INTEGER NOT NULL,
  tracked_at  TEXT NOT NULL
) WITHOUT ROWID;
