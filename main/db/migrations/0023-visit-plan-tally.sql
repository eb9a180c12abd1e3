-- The planned visits counted ahead (统计): how many living planned visits of each office's living
-- persons fall on each due day, in each state the visit figures tell apart. The county bureau's
-- roll-up of all offices and an office's monthly visit chart add these few thousand rows up
-- instead of reading about a million visits (measured in bench/reports.bench.ts). The numbers are
-- those of the visits.plan indicator (indicators.ts), which lists the same visits one by one.
--
-- Kept by the triggers below on every write to planned_visits and to a person's office or
-- deletion, whatever writes it (services, packet import, undo): nothing else writes this table,
-- and it does not travel in packets (each database counts what it holds).
CREATE TABLE visit_plan_tally (
  office        TEXT NOT NULL,     -- the person's origin_office
  due_date      TEXT NOT NULL,
  missed_after  TEXT NOT NULL,
  still_due     INTEGER NOT NULL,  -- STILL_DUE of sql.ts: not cancelled, or cancelled after it was missed
  done          INTEGER NOT NULL,  -- done_on IS NOT NULL
  done_late     INTEGER NOT NULL,  -- done_on > due_date
  n             INTEGER NOT NULL,
  PRIMARY KEY (office, due_date, missed_after, still_due, done, done_late)
) WITHOUT ROWID;
-- The roll-up reads a period of every office.
CREATE INDEX visit_plan_tally_due ON visit_plan_tally (due_date, office, missed_after, still_due, done, done_late, n);

INSERT INTO visit_plan_tally (office, due_date, missed_after, still_due, done, done_late, n)
  SELECT p.origin_office, v.due_date, v.missed_after,
         (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)),
         (v.done_on IS NOT NULL), coalesce(v.done_on > v.due_date, 0), count(*)
    FROM planned_visits v JOIN persons p ON p.id = v.person_id AND p.deleted_at IS NULL
   WHERE v.deleted_at IS NULL
   GROUP BY 1, 2, 3, 4, 5, 6;

-- A trigger adds to its row in two steps (make the row if missing, then add), not with an upsert:
-- the disaster-recovery path opens the database in Debian's sqlcipher 3.4 (SQLite 3.15), which
-- cannot read a schema holding ON CONFLICT DO UPDATE (SQLite 3.24).
CREATE TRIGGER visit_plan_tally_insert AFTER INSERT ON planned_visits WHEN new.deleted_at IS NULL BEGIN
  INSERT OR IGNORE INTO visit_plan_tally (office, due_date, missed_after, still_due, done, done_late, n)
    SELECT p.origin_office, new.due_date, new.missed_after, (new.cancelled_on IS NULL OR (new.cancel_reason IN ('moved_out', 'deceased') AND new.cancelled_on > new.missed_after)), (new.done_on IS NOT NULL), coalesce(new.done_on > new.due_date, 0), 0
      FROM persons p WHERE p.id = new.person_id AND p.deleted_at IS NULL;
  UPDATE visit_plan_tally SET n = n + 1
   WHERE office = (SELECT p.origin_office FROM persons p WHERE p.id = new.person_id AND p.deleted_at IS NULL)
     AND due_date = new.due_date AND missed_after = new.missed_after
     AND still_due = (new.cancelled_on IS NULL OR (new.cancel_reason IN ('moved_out', 'deceased') AND new.cancelled_on > new.missed_after)) AND done = (new.done_on IS NOT NULL) AND done_late = coalesce(new.done_on > new.due_date, 0);
END;

CREATE TRIGGER visit_plan_tally_delete AFTER DELETE ON planned_visits WHEN old.deleted_at IS NULL BEGIN
  INSERT OR IGNORE INTO visit_plan_tally (office, due_date, missed_after, still_due, done, done_late, n)
    SELECT p.origin_office, old.due_date, old.missed_after, (old.cancelled_on IS NULL OR (old.cancel_reason IN ('moved_out', 'deceased') AND old.cancelled_on > old.missed_after)), (old.done_on IS NOT NULL), coalesce(old.done_on > old.due_date, 0), 0
      FROM persons p WHERE p.id = old.person_id AND p.deleted_at IS NULL;
  UPDATE visit_plan_tally SET n = n - 1
   WHERE office = (SELECT p.origin_office FROM persons p WHERE p.id = old.person_id AND p.deleted_at IS NULL)
     AND due_date = old.due_date AND missed_after = old.missed_after
     AND still_due = (old.cancelled_on IS NULL OR (old.cancel_reason IN ('moved_out', 'deceased') AND old.cancelled_on > old.missed_after)) AND done = (old.done_on IS NOT NULL) AND done_late = coalesce(old.done_on > old.due_date, 0);
  DELETE FROM visit_plan_tally WHERE n = 0 AND office = (SELECT p.origin_office FROM persons p WHERE p.id = old.person_id) AND due_date = old.due_date;
END;

-- Only a change of what is counted moves a visit between rows (a note or a record link does not).
CREATE TRIGGER visit_plan_tally_update AFTER UPDATE ON planned_visits
  WHEN old.person_id IS NOT new.person_id OR old.due_date IS NOT new.due_date OR old.missed_after IS NOT new.missed_after
    OR old.done_on IS NOT new.done_on OR old.cancelled_on IS NOT new.cancelled_on OR old.cancel_reason IS NOT new.cancel_reason
    OR old.deleted_at IS NOT new.deleted_at
BEGIN
  INSERT OR IGNORE INTO visit_plan_tally (office, due_date, missed_after, still_due, done, done_late, n)
    SELECT p.origin_office, old.due_date, old.missed_after, (old.cancelled_on IS NULL OR (old.cancel_reason IN ('moved_out', 'deceased') AND old.cancelled_on > old.missed_after)), (old.done_on IS NOT NULL), coalesce(old.done_on > old.due_date, 0), 0
      FROM persons p WHERE p.id = old.person_id AND p.deleted_at IS NULL AND old.deleted_at IS NULL;
  UPDATE visit_plan_tally SET n = n - 1
   WHERE office = (SELECT p.origin_office FROM persons p WHERE p.id = old.person_id AND p.deleted_at IS NULL AND old.deleted_at IS NULL)
     AND due_date = old.due_date AND missed_after = old.missed_after
     AND still_due = (old.cancelled_on IS NULL OR (old.cancel_reason IN ('moved_out', 'deceased') AND old.cancelled_on > old.missed_after)) AND done = (old.done_on IS NOT NULL) AND done_late = coalesce(old.done_on > old.due_date, 0);
  INSERT OR IGNORE INTO visit_plan_tally (office, due_date, missed_after, still_due, done, done_late, n)
    SELECT p.origin_office, new.due_date, new.missed_after, (new.cancelled_on IS NULL OR (new.cancel_reason IN ('moved_out', 'deceased') AND new.cancelled_on > new.missed_after)), (new.done_on IS NOT NULL), coalesce(new.done_on > new.due_date, 0), 0
      FROM persons p WHERE p.id = new.person_id AND p.deleted_at IS NULL AND new.deleted_at IS NULL;
  UPDATE visit_plan_tally SET n = n + 1
   WHERE office = (SELECT p.origin_office FROM persons p WHERE p.id = new.person_id AND p.deleted_at IS NULL AND new.deleted_at IS NULL)
     AND due_date = new.due_date AND missed_after = new.missed_after
     AND still_due = (new.cancelled_on IS NULL OR (new.cancel_reason IN ('moved_out', 'deceased') AND new.cancelled_on > new.missed_after)) AND done = (new.done_on IS NOT NULL) AND done_late = coalesce(new.done_on > new.due_date, 0);
  DELETE FROM visit_plan_tally WHERE n = 0 AND office = (SELECT p.origin_office FROM persons p WHERE p.id = old.person_id) AND due_date = old.due_date;
END;

-- A person who changes office, is deleted or comes back takes their visits along; one written
-- after their visits (a packet's rows may come in any order) brings them in.
CREATE TRIGGER visit_plan_tally_person_insert AFTER INSERT ON persons WHEN new.deleted_at IS NULL BEGIN
  INSERT OR IGNORE INTO visit_plan_tally (office, due_date, missed_after, still_due, done, done_late, n)
    SELECT new.origin_office, v.due_date, v.missed_after, (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)), (v.done_on IS NOT NULL), coalesce(v.done_on > v.due_date, 0), 0
      FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL;
  UPDATE visit_plan_tally SET n = n + (
      SELECT count(*) FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL
         AND v.due_date = visit_plan_tally.due_date AND v.missed_after = visit_plan_tally.missed_after
         AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) = visit_plan_tally.still_due AND (v.done_on IS NOT NULL) = visit_plan_tally.done AND coalesce(v.done_on > v.due_date, 0) = visit_plan_tally.done_late)
   WHERE office = new.origin_office AND due_date IN (SELECT v.due_date FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL);
END;

CREATE TRIGGER visit_plan_tally_person_delete AFTER DELETE ON persons WHEN old.deleted_at IS NULL BEGIN
  INSERT OR IGNORE INTO visit_plan_tally (office, due_date, missed_after, still_due, done, done_late, n)
    SELECT old.origin_office, v.due_date, v.missed_after, (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)), (v.done_on IS NOT NULL), coalesce(v.done_on > v.due_date, 0), 0
      FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL;
  UPDATE visit_plan_tally SET n = n - (
      SELECT count(*) FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL
         AND v.due_date = visit_plan_tally.due_date AND v.missed_after = visit_plan_tally.missed_after
         AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) = visit_plan_tally.still_due AND (v.done_on IS NOT NULL) = visit_plan_tally.done AND coalesce(v.done_on > v.due_date, 0) = visit_plan_tally.done_late)
   WHERE office = old.origin_office AND due_date IN (SELECT v.due_date FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL);
  DELETE FROM visit_plan_tally WHERE n = 0 AND office = old.origin_office;
END;

CREATE TRIGGER visit_plan_tally_person_update AFTER UPDATE OF origin_office, deleted_at ON persons
  WHEN old.origin_office IS NOT new.origin_office OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
  INSERT OR IGNORE INTO visit_plan_tally (office, due_date, missed_after, still_due, done, done_late, n)
    SELECT old.origin_office, v.due_date, v.missed_after, (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)), (v.done_on IS NOT NULL), coalesce(v.done_on > v.due_date, 0), 0
      FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND old.deleted_at IS NULL;
  UPDATE visit_plan_tally SET n = n - (
      SELECT count(*) FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND old.deleted_at IS NULL
         AND v.due_date = visit_plan_tally.due_date AND v.missed_after = visit_plan_tally.missed_after
         AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) = visit_plan_tally.still_due AND (v.done_on IS NOT NULL) = visit_plan_tally.done AND coalesce(v.done_on > v.due_date, 0) = visit_plan_tally.done_late)
   WHERE office = old.origin_office AND due_date IN (SELECT v.due_date FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND old.deleted_at IS NULL);
  INSERT OR IGNORE INTO visit_plan_tally (office, due_date, missed_after, still_due, done, done_late, n)
    SELECT new.origin_office, v.due_date, v.missed_after, (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)), (v.done_on IS NOT NULL), coalesce(v.done_on > v.due_date, 0), 0
      FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL AND new.deleted_at IS NULL;
  UPDATE visit_plan_tally SET n = n + (
      SELECT count(*) FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL AND new.deleted_at IS NULL
         AND v.due_date = visit_plan_tally.due_date AND v.missed_after = visit_plan_tally.missed_after
         AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) = visit_plan_tally.still_due AND (v.done_on IS NOT NULL) = visit_plan_tally.done AND coalesce(v.done_on > v.due_date, 0) = visit_plan_tally.done_late)
   WHERE office = new.origin_office AND due_date IN (SELECT v.due_date FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL AND new.deleted_at IS NULL);
  DELETE FROM visit_plan_tally WHERE n = 0 AND office = old.origin_office;
END;

-- The first person an office registered (the day its records begin, asked by every figure of one
-- office at the bureau and by the roll-up of all): persons_office (0016) leaves deleted persons out,
-- and these questions count them, so without this SQLite read the whole register for each.
CREATE INDEX persons_office_created ON persons (origin_office, created_at);
DELETE FROM sqlite_stat1 WHERE tbl = 'persons' AND idx = 'persons_office_created';
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('persons', 'persons_office_created', '100000 500 1');
ANALYZE sqlite_schema;
