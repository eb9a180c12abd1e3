-- The office head's home page (reports.morning) lists the 整寿 birthdays of the next 30 days and
-- counts this year's birthday campaign. Birthday visits are few (about 3,400 a year at county size),
-- but the only indexes holding them begin with the person, so both walked every person on the
-- register: the list read each active person's wide row (about 100 ms warm at county size, and it
-- pushed the other figures' pages out of the cache), the campaign looked under 100,000 persons for
-- 3,370 visits (about 60 ms). Measured with the county bench office (100,000 persons) through
-- reports.morning; other campaigns cover nearly every person, so walking the persons stays right
-- for them and these indexes hold birthday visits only.
--
-- The birthday visits by due date, with what the list filters on: the next 30 days are read and the
-- walk stops.
CREATE INDEX planned_visits_birthday_due ON planned_visits (due_date, person_id, key, cancelled_on, deleted_at)
  WHERE deleted_at IS NULL AND reason = 'birthday';

-- The birthday visits of one year (key birthday:2026), with every column the campaign's figures
-- read (visits.campaign.birthday in main/services/reports/indicators.ts).
CREATE INDEX planned_visits_birthday_key ON planned_visits (key, person_id, due_date, done_on, missed_after, cancelled_on, cancel_reason, visit_record_id, id, deleted_at)
  WHERE deleted_at IS NULL AND reason = 'birthday';

-- Persons in hospital on a day (persons.hospital) are found from the stays (health_events_stays,
-- 0025: every hospital stay, about 16,000 at county size) rather than by a look under each of the
-- 100,000 persons. That index had no statistics, so the planner took it for a million rows and
-- looked under every person (about 100 ms warm for the morning view's list, 3 ms from the stays).
--
-- The planner's statistics for these indexes, fixed beside the others (0013, 0016, 0025, 0026): a
-- county's birthday visits of about a year and a half, about eleven due on any day, the rest one
-- visit per person and key; its hospital stays, about two for a person who has any.
DELETE FROM sqlite_stat1 WHERE (tbl = 'planned_visits' AND idx IN ('planned_visits_birthday_due', 'planned_visits_birthday_key'))
  OR (tbl = 'health_events' AND idx = 'health_events_stays');
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('planned_visits', 'planned_visits_birthday_due', '5000 11 1 1 1 1'),
  ('planned_visits', 'planned_visits_birthday_key', '5000 2500 1 1 1 1 1 1 1 1 1'),
  ('health_events', 'health_events_stays', '16000 2 1 1 1 1 1');
ANALYZE sqlite_schema;
