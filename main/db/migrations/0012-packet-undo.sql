-- What each import of a packet did, so that it can be undone (main/services/packets/undo.ts).
-- Written in the import's own transaction: a killed import leaves none of it. None of these tables
-- travel in packets.

-- One row per imported packet (receipts aside): who sent it, and the change number every row it
-- wrote took in sync_row_seq, so a row changed since is one with a later number.
CREATE TABLE packet_imports (
  id                INTEGER PRIMARY KEY,
  packet_id         TEXT NOT NULL UNIQUE,
  kind              TEXT NOT NULL,
  sender_office_id  TEXT NOT NULL,
  sender_name       TEXT NOT NULL DEFAULT '',
  change_seq        INTEGER NOT NULL,
  imported_at       TEXT NOT NULL,
  user_id           TEXT,
  username          TEXT NOT NULL,
  undone_at         TEXT,                  -- set when the import was undone; its rows below are gone
  undone_by         TEXT
);

-- Each row an import inserted (before NULL) or changed (before: the row as it was, JSON; before_seq:
-- its change number then, given back on undo so an earlier import stays undoable), and each conflict
-- it closed (tbl 'sync_conflicts'). Removed when the import is undone.
CREATE TABLE packet_import_rows (
  import_id   INTEGER NOT NULL,
  tbl         TEXT NOT NULL,
  row_id      TEXT NOT NULL,
  before      TEXT,
  before_seq  INTEGER,
  PRIMARY KEY (import_id, tbl, row_id)
) WITHOUT ROWID;

-- Rows an import inserted with one statement into a table (stage.ts): those of rowid first..last,
-- one record however many they are. Removed when the import is undone.
CREATE TABLE packet_import_ranges (
  import_id    INTEGER NOT NULL,
  tbl          TEXT NOT NULL,
  first_rowid  INTEGER NOT NULL,
  last_rowid   INTEGER NOT NULL,
  PRIMARY KEY (import_id, tbl, first_rowid)
) WITHOUT ROWID;

-- An import writes its rows set-wise and numbers them all in one statement afterwards (an undo gives
-- them back their numbers); meanwhile the change-number triggers (main/services/packets/tables.ts)
-- stand aside. It is 1 only inside such a transaction, never after it.
ALTER TABLE sync_clock ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;

-- Undoing an import removes the rows it inserted; a removed assessment keeps the person's latest ADL right.
CREATE TRIGGER adl_latest_delete AFTER DELETE ON adl_assessments BEGIN
  UPDATE persons SET
    latest_adl_total = (SELECT total FROM adl_assessments WHERE person_id = old.person_id AND deleted_at IS NULL ORDER BY assessed_on DESC, id DESC LIMIT 1),
    latest_adl_date = (SELECT assessed_on FROM adl_assessments WHERE person_id = old.person_id AND deleted_at IS NULL ORDER BY assessed_on DESC, id DESC LIMIT 1)
  WHERE id = old.person_id;
END;

-- A person's grams are replaced whenever their name changes (0002-registry.sql), found by person:
-- without this every such change read all of person_grams, an import of 100 changed persons at
-- county size took seconds.
CREATE INDEX IF NOT EXISTS person_grams_person_rowid ON person_grams (person_rowid);
