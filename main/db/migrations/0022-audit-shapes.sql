-- A new record's audit entry no longer copies the values entered: the record itself holds them, and
-- the history reads them back from it, undoing the changes logged since (main/services/audit/created.ts).
-- The entry names the set of columns the creation wrote by a key into this table (a handful of sets in
-- all), so columns filled later by the app itself (a person's latest ADL score) are not shown as entered.
CREATE TABLE audit_shapes (
  key   TEXT PRIMARY KEY NOT NULL,   -- a hash of tbl and cols
  tbl   TEXT NOT NULL,
  cols  TEXT NOT NULL                -- the column names, comma-separated, in the order written
) WITHOUT ROWID;
