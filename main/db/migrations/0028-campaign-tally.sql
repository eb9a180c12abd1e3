-- The campaign visits counted ahead (统计): how many living planned visits of 春节, 重阳, 七一 and
-- 整寿 each office's living persons have under each campaign key (spring_festival:2025 …), in each
-- state the campaign figures tell apart, with the 慰问金 of the records of those visited. The
-- county bureau's roll-up with its campaigns (bureau.ts, CAMPAIGN_ROLLUP_FIGURES) adds up a few
-- hundred rows instead of reading every campaign visit of the county with its person and record
-- (about 1.5 s a campaign at 100,000 persons). The numbers are those of the visits.campaign.*
-- indicators' facts (indicators.ts, campaign()), which list the same visits one by one.
--
-- Kept by the triggers below on every write to planned_visits, to a person's office or deletion
-- and to a visit record's 慰问金, person, id or deletion, whatever writes it (services, packet
-- import in any row order, undo, transfer): nothing else writes this table, and it does not travel
-- in packets. As in 0023 and 0025, a row is made if missing and then added to, in two steps rather
-- than with an upsert, so that SQLite 3.15 (Debian's sqlcipher 3.4, the disaster-recovery tool)
-- can read the schema.
--
-- gift_fen is the sum, over the row's visits that are still due and done, of the 慰问金 of the
-- visit's record when that record is the person's own and not deleted (else 0): the facts' LEFT
-- JOIN. A record written before or after its visit (a packet's rows come in any order) is counted
-- once either way: the visit's triggers read the record as it stands, the record's triggers adjust
-- the visits that already link to it.
CREATE TABLE visit_campaign_tally (
  key           TEXT NOT NULL,     -- the campaign and year, as planned_visits.key
  reason        TEXT NOT NULL,
  office        TEXT NOT NULL,     -- the person's origin_office
  missed_after  TEXT NOT NULL,
  still_due     INTEGER NOT NULL,  -- STILL_DUE of sql.ts: not cancelled, or cancelled after it was missed
  done          INTEGER NOT NULL,  -- done_on IS NOT NULL
  manual        INTEGER NOT NULL,  -- cancelled by hand (cancel_reason 'manual')
  n             INTEGER NOT NULL,
  gift_fen      INTEGER NOT NULL,
  PRIMARY KEY (key, reason, office, missed_after, still_due, done, manual)
) WITHOUT ROWID;

INSERT INTO visit_campaign_tally (key, reason, office, missed_after, still_due, done, manual, n, gift_fen)
  SELECT v.key, v.reason, p.origin_office, v.missed_after, (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)), (v.done_on IS NOT NULL), coalesce(v.cancel_reason = 'manual', 0), count(*),
         sum(CASE WHEN (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) AND v.done_on IS NOT NULL THEN coalesce(r.gift_fen, 0) ELSE 0 END)
    FROM planned_visits v JOIN persons p ON p.id = v.person_id AND p.deleted_at IS NULL
      LEFT JOIN visit_records r ON r.id = v.visit_record_id AND r.person_id = v.person_id AND r.deleted_at IS NULL
   WHERE v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday')
   GROUP BY 1, 2, 3, 4, 5, 6, 7;

CREATE TRIGGER visit_campaign_tally_insert AFTER INSERT ON planned_visits WHEN new.deleted_at IS NULL AND (new.reason = 'spring_festival' OR new.reason = 'chongyang' OR new.reason = 'party_day' OR new.reason = 'birthday') BEGIN
  INSERT OR IGNORE INTO visit_campaign_tally (key, reason, office, missed_after, still_due, done, manual, n, gift_fen)
    SELECT new.key, new.reason, p.origin_office, new.missed_after, (new.cancelled_on IS NULL OR (new.cancel_reason IN ('moved_out', 'deceased') AND new.cancelled_on > new.missed_after)), (new.done_on IS NOT NULL), coalesce(new.cancel_reason = 'manual', 0), 0, 0
      FROM persons p WHERE p.id = new.person_id AND p.deleted_at IS NULL;
  UPDATE visit_campaign_tally SET n = n + 1, gift_fen = gift_fen + CASE WHEN (new.cancelled_on IS NULL OR (new.cancel_reason IN ('moved_out', 'deceased') AND new.cancelled_on > new.missed_after)) AND new.done_on IS NOT NULL THEN coalesce((SELECT r.gift_fen FROM visit_records r WHERE r.id = new.visit_record_id AND r.person_id = new.person_id AND r.deleted_at IS NULL), 0) ELSE 0 END
   WHERE key = new.key AND reason = new.reason AND missed_after = new.missed_after AND still_due = (new.cancelled_on IS NULL OR (new.cancel_reason IN ('moved_out', 'deceased') AND new.cancelled_on > new.missed_after)) AND done = (new.done_on IS NOT NULL) AND manual = coalesce(new.cancel_reason = 'manual', 0) AND office = (SELECT p.origin_office FROM persons p WHERE p.id = new.person_id AND p.deleted_at IS NULL);
END;

CREATE TRIGGER visit_campaign_tally_delete AFTER DELETE ON planned_visits WHEN old.deleted_at IS NULL AND (old.reason = 'spring_festival' OR old.reason = 'chongyang' OR old.reason = 'party_day' OR old.reason = 'birthday') BEGIN
  UPDATE visit_campaign_tally SET n = n - 1, gift_fen = gift_fen - CASE WHEN (old.cancelled_on IS NULL OR (old.cancel_reason IN ('moved_out', 'deceased') AND old.cancelled_on > old.missed_after)) AND old.done_on IS NOT NULL THEN coalesce((SELECT r.gift_fen FROM visit_records r WHERE r.id = old.visit_record_id AND r.person_id = old.person_id AND r.deleted_at IS NULL), 0) ELSE 0 END
   WHERE key = old.key AND reason = old.reason AND missed_after = old.missed_after AND still_due = (old.cancelled_on IS NULL OR (old.cancel_reason IN ('moved_out', 'deceased') AND old.cancelled_on > old.missed_after)) AND done = (old.done_on IS NOT NULL) AND manual = coalesce(old.cancel_reason = 'manual', 0) AND office = (SELECT p.origin_office FROM persons p WHERE p.id = old.person_id AND p.deleted_at IS NULL);
  DELETE FROM visit_campaign_tally WHERE n = 0 AND key = old.key AND reason = old.reason AND office = (SELECT p.origin_office FROM persons p WHERE p.id = old.person_id);
END;

-- A visit's record link moves its 慰问金; a note does not count.
CREATE TRIGGER visit_campaign_tally_update AFTER UPDATE ON planned_visits
  WHEN ((old.reason = 'spring_festival' OR old.reason = 'chongyang' OR old.reason = 'party_day' OR old.reason = 'birthday') OR (new.reason = 'spring_festival' OR new.reason = 'chongyang' OR new.reason = 'party_day' OR new.reason = 'birthday'))
   AND (old.person_id IS NOT new.person_id OR old.key IS NOT new.key OR old.reason IS NOT new.reason OR old.missed_after IS NOT new.missed_after OR old.done_on IS NOT new.done_on OR old.cancelled_on IS NOT new.cancelled_on OR old.cancel_reason IS NOT new.cancel_reason OR old.visit_record_id IS NOT new.visit_record_id OR old.deleted_at IS NOT new.deleted_at)
BEGIN
  UPDATE visit_campaign_tally SET n = n - 1, gift_fen = gift_fen - CASE WHEN (old.cancelled_on IS NULL OR (old.cancel_reason IN ('moved_out', 'deceased') AND old.cancelled_on > old.missed_after)) AND old.done_on IS NOT NULL THEN coalesce((SELECT r.gift_fen FROM visit_records r WHERE r.id = old.visit_record_id AND r.person_id = old.person_id AND r.deleted_at IS NULL), 0) ELSE 0 END
   WHERE key = old.key AND reason = old.reason AND missed_after = old.missed_after AND still_due = (old.cancelled_on IS NULL OR (old.cancel_reason IN ('moved_out', 'deceased') AND old.cancelled_on > old.missed_after)) AND done = (old.done_on IS NOT NULL) AND manual = coalesce(old.cancel_reason = 'manual', 0) AND office = (SELECT p.origin_office FROM persons p WHERE p.id = old.person_id AND p.deleted_at IS NULL AND old.deleted_at IS NULL AND (old.reason = 'spring_festival' OR old.reason = 'chongyang' OR old.reason = 'party_day' OR old.reason = 'birthday'));
  INSERT OR IGNORE INTO visit_campaign_tally (key, reason, office, missed_after, still_due, done, manual, n, gift_fen)
    SELECT new.key, new.reason, p.origin_office, new.missed_after, (new.cancelled_on IS NULL OR (new.cancel_reason IN ('moved_out', 'deceased') AND new.cancelled_on > new.missed_after)), (new.done_on IS NOT NULL), coalesce(new.cancel_reason = 'manual', 0), 0, 0
      FROM persons p WHERE p.id = new.person_id AND p.deleted_at IS NULL AND new.deleted_at IS NULL AND (new.reason = 'spring_festival' OR new.reason = 'chongyang' OR new.reason = 'party_day' OR new.reason = 'birthday');
  UPDATE visit_campaign_tally SET n = n + 1, gift_fen = gift_fen + CASE WHEN (new.cancelled_on IS NULL OR (new.cancel_reason IN ('moved_out', 'deceased') AND new.cancelled_on > new.missed_after)) AND new.done_on IS NOT NULL THEN coalesce((SELECT r.gift_fen FROM visit_records r WHERE r.id = new.visit_record_id AND r.person_id = new.person_id AND r.deleted_at IS NULL), 0) ELSE 0 END
   WHERE key = new.key AND reason = new.reason AND missed_after = new.missed_after AND still_due = (new.cancelled_on IS NULL OR (new.cancel_reason IN ('moved_out', 'deceased') AND new.cancelled_on > new.missed_after)) AND done = (new.done_on IS NOT NULL) AND manual = coalesce(new.cancel_reason = 'manual', 0) AND office = (SELECT p.origin_office FROM persons p WHERE p.id = new.person_id AND p.deleted_at IS NULL AND new.deleted_at IS NULL AND (new.reason = 'spring_festival' OR new.reason = 'chongyang' OR new.reason = 'party_day' OR new.reason = 'birthday'));
  DELETE FROM visit_campaign_tally WHERE n = 0 AND key = old.key AND reason = old.reason AND office = (SELECT p.origin_office FROM persons p WHERE p.id = old.person_id);
END;

-- A person who changes office, is deleted or comes back takes their campaign visits along; one
-- written after their visits (a packet's rows may come in any order) brings them in.
CREATE TRIGGER visit_campaign_tally_person_insert AFTER INSERT ON persons WHEN new.deleted_at IS NULL BEGIN
  INSERT OR IGNORE INTO visit_campaign_tally (key, reason, office, missed_after, still_due, done, manual, n, gift_fen)
    SELECT v.key, v.reason, new.origin_office, v.missed_after, (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)), (v.done_on IS NOT NULL), coalesce(v.cancel_reason = 'manual', 0), 0, 0
      FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday');
  UPDATE visit_campaign_tally SET n = n + (SELECT count(*) FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND v.key = visit_campaign_tally.key AND v.reason = visit_campaign_tally.reason AND v.missed_after = visit_campaign_tally.missed_after AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) = visit_campaign_tally.still_due AND (v.done_on IS NOT NULL) = visit_campaign_tally.done AND coalesce(v.cancel_reason = 'manual', 0) = visit_campaign_tally.manual),
      gift_fen = gift_fen + (SELECT coalesce(sum(CASE WHEN (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) AND v.done_on IS NOT NULL THEN coalesce((SELECT r.gift_fen FROM visit_records r WHERE r.id = v.visit_record_id AND r.person_id = v.person_id AND r.deleted_at IS NULL), 0) ELSE 0 END), 0) FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND v.key = visit_campaign_tally.key AND v.reason = visit_campaign_tally.reason AND v.missed_after = visit_campaign_tally.missed_after AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) = visit_campaign_tally.still_due AND (v.done_on IS NOT NULL) = visit_campaign_tally.done AND coalesce(v.cancel_reason = 'manual', 0) = visit_campaign_tally.manual)
   WHERE key IN (SELECT v.key FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday')) AND reason IN (SELECT v.reason FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday')) AND office = new.origin_office;
END;

CREATE TRIGGER visit_campaign_tally_person_delete AFTER DELETE ON persons WHEN old.deleted_at IS NULL BEGIN
  UPDATE visit_campaign_tally SET n = n - (SELECT count(*) FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND v.key = visit_campaign_tally.key AND v.reason = visit_campaign_tally.reason AND v.missed_after = visit_campaign_tally.missed_after AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) = visit_campaign_tally.still_due AND (v.done_on IS NOT NULL) = visit_campaign_tally.done AND coalesce(v.cancel_reason = 'manual', 0) = visit_campaign_tally.manual),
      gift_fen = gift_fen - (SELECT coalesce(sum(CASE WHEN (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) AND v.done_on IS NOT NULL THEN coalesce((SELECT r.gift_fen FROM visit_records r WHERE r.id = v.visit_record_id AND r.person_id = v.person_id AND r.deleted_at IS NULL), 0) ELSE 0 END), 0) FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND v.key = visit_campaign_tally.key AND v.reason = visit_campaign_tally.reason AND v.missed_after = visit_campaign_tally.missed_after AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) = visit_campaign_tally.still_due AND (v.done_on IS NOT NULL) = visit_campaign_tally.done AND coalesce(v.cancel_reason = 'manual', 0) = visit_campaign_tally.manual)
   WHERE key IN (SELECT v.key FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday')) AND reason IN (SELECT v.reason FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday')) AND office = old.origin_office;
  DELETE FROM visit_campaign_tally WHERE n = 0 AND key IN (SELECT v.key FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday')) AND reason IN (SELECT v.reason FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday')) AND office = old.origin_office;
END;

CREATE TRIGGER visit_campaign_tally_person_update AFTER UPDATE OF origin_office, deleted_at ON persons
  WHEN old.origin_office IS NOT new.origin_office OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
  UPDATE visit_campaign_tally SET n = n - (SELECT count(*) FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND old.deleted_at IS NULL AND v.key = visit_campaign_tally.key AND v.reason = visit_campaign_tally.reason AND v.missed_after = visit_campaign_tally.missed_after AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) = visit_campaign_tally.still_due AND (v.done_on IS NOT NULL) = visit_campaign_tally.done AND coalesce(v.cancel_reason = 'manual', 0) = visit_campaign_tally.manual),
      gift_fen = gift_fen - (SELECT coalesce(sum(CASE WHEN (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) AND v.done_on IS NOT NULL THEN coalesce((SELECT r.gift_fen FROM visit_records r WHERE r.id = v.visit_record_id AND r.person_id = v.person_id AND r.deleted_at IS NULL), 0) ELSE 0 END), 0) FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND old.deleted_at IS NULL AND v.key = visit_campaign_tally.key AND v.reason = visit_campaign_tally.reason AND v.missed_after = visit_campaign_tally.missed_after AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) = visit_campaign_tally.still_due AND (v.done_on IS NOT NULL) = visit_campaign_tally.done AND coalesce(v.cancel_reason = 'manual', 0) = visit_campaign_tally.manual)
   WHERE key IN (SELECT v.key FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND old.deleted_at IS NULL) AND reason IN (SELECT v.reason FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND old.deleted_at IS NULL) AND office = old.origin_office;
  DELETE FROM visit_campaign_tally WHERE n = 0 AND key IN (SELECT v.key FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday')) AND reason IN (SELECT v.reason FROM planned_visits v WHERE v.person_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday')) AND office = old.origin_office;
  INSERT OR IGNORE INTO visit_campaign_tally (key, reason, office, missed_after, still_due, done, manual, n, gift_fen)
    SELECT v.key, v.reason, new.origin_office, v.missed_after, (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)), (v.done_on IS NOT NULL), coalesce(v.cancel_reason = 'manual', 0), 0, 0
      FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND new.deleted_at IS NULL;
  UPDATE visit_campaign_tally SET n = n + (SELECT count(*) FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND new.deleted_at IS NULL AND v.key = visit_campaign_tally.key AND v.reason = visit_campaign_tally.reason AND v.missed_after = visit_campaign_tally.missed_after AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) = visit_campaign_tally.still_due AND (v.done_on IS NOT NULL) = visit_campaign_tally.done AND coalesce(v.cancel_reason = 'manual', 0) = visit_campaign_tally.manual),
      gift_fen = gift_fen + (SELECT coalesce(sum(CASE WHEN (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) AND v.done_on IS NOT NULL THEN coalesce((SELECT r.gift_fen FROM visit_records r WHERE r.id = v.visit_record_id AND r.person_id = v.person_id AND r.deleted_at IS NULL), 0) ELSE 0 END), 0) FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND new.deleted_at IS NULL AND v.key = visit_campaign_tally.key AND v.reason = visit_campaign_tally.reason AND v.missed_after = visit_campaign_tally.missed_after AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) = visit_campaign_tally.still_due AND (v.done_on IS NOT NULL) = visit_campaign_tally.done AND coalesce(v.cancel_reason = 'manual', 0) = visit_campaign_tally.manual)
   WHERE key IN (SELECT v.key FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND new.deleted_at IS NULL) AND reason IN (SELECT v.reason FROM planned_visits v WHERE v.person_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND new.deleted_at IS NULL) AND office = new.origin_office;
END;

-- A record's 慰问金 corrected, the record deleted or brought back (undo), or written after the visit
-- that links to it. Records without 慰问金 (most of them) do nothing. The visits linking to a record
-- are found among its person's campaign visits (planned_visits_campaigns, 0025, begins with the
-- person and holds visit_record_id), so a packet of many records reads no more than each person's few.
CREATE TRIGGER visit_campaign_tally_record_insert AFTER INSERT ON visit_records WHEN new.deleted_at IS NULL AND new.gift_fen <> 0 BEGIN
  UPDATE visit_campaign_tally SET gift_fen = gift_fen + new.gift_fen * (
      SELECT count(*) FROM planned_visits v WHERE v.person_id = new.person_id AND v.visit_record_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) AND v.done_on IS NOT NULL
         AND v.key = visit_campaign_tally.key AND v.reason = visit_campaign_tally.reason AND v.missed_after = visit_campaign_tally.missed_after AND coalesce(v.cancel_reason = 'manual', 0) = visit_campaign_tally.manual)
   WHERE new.deleted_at IS NULL AND new.gift_fen <> 0 AND still_due = 1 AND done = 1
     AND key IN (SELECT v.key FROM planned_visits v WHERE v.person_id = new.person_id AND v.visit_record_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday')) AND reason IN (SELECT v.reason FROM planned_visits v WHERE v.person_id = new.person_id AND v.visit_record_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday'))
     AND office = (SELECT p.origin_office FROM persons p WHERE p.id = new.person_id AND p.deleted_at IS NULL);
END;

CREATE TRIGGER visit_campaign_tally_record_delete AFTER DELETE ON visit_records WHEN old.deleted_at IS NULL AND old.gift_fen <> 0 BEGIN
  UPDATE visit_campaign_tally SET gift_fen = gift_fen - old.gift_fen * (
      SELECT count(*) FROM planned_visits v WHERE v.person_id = old.person_id AND v.visit_record_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) AND v.done_on IS NOT NULL
         AND v.key = visit_campaign_tally.key AND v.reason = visit_campaign_tally.reason AND v.missed_after = visit_campaign_tally.missed_after AND coalesce(v.cancel_reason = 'manual', 0) = visit_campaign_tally.manual)
   WHERE old.deleted_at IS NULL AND old.gift_fen <> 0 AND still_due = 1 AND done = 1
     AND key IN (SELECT v.key FROM planned_visits v WHERE v.person_id = old.person_id AND v.visit_record_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday')) AND reason IN (SELECT v.reason FROM planned_visits v WHERE v.person_id = old.person_id AND v.visit_record_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday'))
     AND office = (SELECT p.origin_office FROM persons p WHERE p.id = old.person_id AND p.deleted_at IS NULL);
END;

CREATE TRIGGER visit_campaign_tally_record_update AFTER UPDATE ON visit_records
  WHEN (old.gift_fen <> 0 OR new.gift_fen <> 0) AND (old.id IS NOT new.id OR old.person_id IS NOT new.person_id OR old.gift_fen IS NOT new.gift_fen OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL))
BEGIN
  UPDATE visit_campaign_tally SET gift_fen = gift_fen - old.gift_fen * (
      SELECT count(*) FROM planned_visits v WHERE v.person_id = old.person_id AND v.visit_record_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) AND v.done_on IS NOT NULL
         AND v.key = visit_campaign_tally.key AND v.reason = visit_campaign_tally.reason AND v.missed_after = visit_campaign_tally.missed_after AND coalesce(v.cancel_reason = 'manual', 0) = visit_campaign_tally.manual)
   WHERE old.deleted_at IS NULL AND old.gift_fen <> 0 AND still_due = 1 AND done = 1
     AND key IN (SELECT v.key FROM planned_visits v WHERE v.person_id = old.person_id AND v.visit_record_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday')) AND reason IN (SELECT v.reason FROM planned_visits v WHERE v.person_id = old.person_id AND v.visit_record_id = old.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday'))
     AND office = (SELECT p.origin_office FROM persons p WHERE p.id = old.person_id AND p.deleted_at IS NULL);
  UPDATE visit_campaign_tally SET gift_fen = gift_fen + new.gift_fen * (
      SELECT count(*) FROM planned_visits v WHERE v.person_id = new.person_id AND v.visit_record_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday') AND (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) AND v.done_on IS NOT NULL
         AND v.key = visit_campaign_tally.key AND v.reason = visit_campaign_tally.reason AND v.missed_after = visit_campaign_tally.missed_after AND coalesce(v.cancel_reason = 'manual', 0) = visit_campaign_tally.manual)
   WHERE new.deleted_at IS NULL AND new.gift_fen <> 0 AND still_due = 1 AND done = 1
     AND key IN (SELECT v.key FROM planned_visits v WHERE v.person_id = new.person_id AND v.visit_record_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday')) AND reason IN (SELECT v.reason FROM planned_visits v WHERE v.person_id = new.person_id AND v.visit_record_id = new.id AND v.deleted_at IS NULL AND (v.reason = 'spring_festival' OR v.reason = 'chongyang' OR v.reason = 'party_day' OR v.reason = 'birthday'))
     AND office = (SELECT p.origin_office FROM persons p WHERE p.id = new.person_id AND p.deleted_at IS NULL);
END;
