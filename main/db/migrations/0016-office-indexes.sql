-- The statistics at the county bureau, one office at a time (measured in bench/reports.bench.ts at
-- 200 offices, 100,000 persons and a year of about a million planned visits).

-- One office's persons registered by a day, with what the headcount and the roll-up read of them
-- (status, its date, 离休/退休, the id the visits join on; deleted_at too, or SQLite would read the row for it): one office's figures seek here instead
-- of reading the register, and the roll-up of all offices reads this index rather than the rows.
CREATE INDEX persons_office ON persons (origin_office, created_at, status, status_date, retirement_type, id, deleted_at) WHERE deleted_at IS NULL;

-- A person's visits due in a period, with where each stands (done, missed, cancelled): the visit
-- figures of one office's persons, and of all of them in the roll-up, without reading the rows.
CREATE INDEX planned_visits_person_due ON planned_visits (person_id, due_date, done_on, missed_after, cancelled_on, cancel_reason, deleted_at) WHERE deleted_at IS NULL;

-- The planner's statistics for the new index, fixed beside the register's (0013): a county bureau's
-- register of 100,000 persons from 200 offices, about 500 each, registered on different days. In a
-- community office nothing filters persons by office, so its one office does not mislead it.
DELETE FROM sqlite_stat1 WHERE tbl = 'persons' AND idx = 'persons_office';
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('persons', 'persons_office', '100000 500 2 1 1 1 1 1');
-- Read them now, for the connection that migrated.
ANALYZE sqlite_schema;
