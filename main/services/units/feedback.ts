/**
 * 离退休干部在社区情况反馈: for one unit and a date range, the situation of each of its retirees in
 * the community — status and its changes, health (latest Barthel total and its change, checkups,
 * hospitalisations), visits, needs raised and resolved, and party life (from the party capability) —
 * for the A4 print and the .xlsx sent back to the unit.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { addDays, ageOn } from '../../../shared/calendar';
import type { FeedbackQuery, FeedbackRow, UnitFeedback } from '../../../shared/schemas/units';
import { partyLifeOf } from '../party/feedback';
import { requireUnitRow, toUnit } from './units';

interface PersonRow {
  id: string;
  name: string;
  gender: FeedbackRow['gender'];
  birth_date: string;
  address: string;
  status: FeedbackRow['status'];
  status_date: string | null;
}

/** In the feedback: every linked person who is 在册, or whose status changed on or after the range's first day. */
const PERSONS = `SELECT p.id, p.name, p.gender, p.birth_date, p.address, p.status, p.status_date FROM persons p
  WHERE p.unit_id = @unitId AND p.deleted_at IS NULL AND (p.status = 'active' OR p.status_date >= @from)
  ORDER BY CASE p.status WHEN 'active' THEN 0 ELSE 1 END, p.name_pinyin, p.id`;

const STATUS_UP_TO = `SELECT status, date FROM person_status_events WHERE person_id = ? AND deleted_at IS NULL AND date <= ?
  ORDER BY date DESC, id DESC LIMIT 1`;

const STATUS_EVENTS = `SELECT status, date, destination FROM person_status_events
  WHERE person_id = ? AND deleted_at IS NULL AND date BETWEEN ? AND ? ORDER BY date, id`;

/** The latest assessment up to a day. */
const ADL_UP_TO = `SELECT total, assessed_on FROM adl_assessments WHERE person_id = ? AND deleted_at IS NULL AND assessed_on <= ?
  ORDER BY assessed_on DESC, id DESC LIMIT 1`;
const ADL_FIRST_IN = `SELECT total, assessed_on FROM adl_assessments WHERE person_id = ? AND deleted_at IS NULL AND assessed_on BETWEEN ? AND ?
  ORDER BY assessed_on, id LIMIT 1`;

/**
 * Health events in the range. A hospitalisation still going on when the range begins counts too —
 * also one with no end date yet (the person is still in hospital), however long ago it began.
 */
const HEALTH_EVENTS = `SELECT kind, date, end_date, institution, summary FROM health_events
  WHERE person_id = @personId AND deleted_at IS NULL AND kind IN ('checkup', 'hospitalisation')
    AND date <= @to AND (end_date >= @from OR (end_date IS NULL AND (kind = 'hospitalisation' OR date >= @from)))
  ORDER BY date, id`;

const VISITS = `SELECT count(*) AS n, max(visit_date) AS last FROM visit_records WHERE person_id = ? AND deleted_at IS NULL AND visit_date BETWEEN ? AND ?`;
const LAST_VISIT = `SELECT max(visit_date) AS last FROM visit_records WHERE person_id = ? AND deleted_at IS NULL AND visit_date <= ?`;

const NEEDS_RAISED = `SELECT category, description, status FROM service_requests
  WHERE person_id = ? AND deleted_at IS NULL AND raised_on BETWEEN ? AND ? ORDER BY raised_on, id`;
const NEEDS_RESOLVED = `SELECT count(*) AS n FROM service_requests
  WHERE person_id = ? AND deleted_at IS NULL AND status = 'resolved' AND resolved_on BETWEEN ? AND ?`;

/** Latest total up to `to`, and its change against the last one before the range (or else the first in it). */
function adlOf(db: Db, personId: string, from: string, to: string): Pick<FeedbackRow, 'adlTotal' | 'adlDate' | 'adlChange'> {
  type Adl = { total: number; assessed_on: string } | undefined;
  const latest = cachedStatement(db, ADL_UP_TO).get(personId, to) as Adl;
  if (!latest) return { adlTotal: null, adlDate: null, adlChange: null };
  let change: number | null = null;
  if (latest.assessed_on >= from) {
    const base = (cachedStatement(db, ADL_UP_TO).get(personId, addDays(from, -1)) as Adl) ?? (cachedStatement(db, ADL_FIRST_IN).get(personId, from, to) as Adl);
    if (base && base.assessed_on !== latest.assessed_on) change = latest.total - base.total;
  }
  return { adlTotal: latest.total, adlDate: latest.assessed_on, adlChange: change };
}

/** The status a person had at the end of a day (the last dated change up to it; 在册 before any). */
function statusOn(db: Db, p: PersonRow, day: string): { status: FeedbackRow['status']; since: string | null } {
  if (p.status_date === null || p.status_date <= day) return { status: p.status, since: p.status_date };
  const row = cachedStatement(db, STATUS_UP_TO).get(p.id, day) as { status: FeedbackRow['status']; date: string } | undefined;
  return row ? { status: row.status, since: row.date } : { status: 'active', since: null };
}

export function unitFeedback(db: Db, query: FeedbackQuery, today: string): UnitFeedback {
  const { from, to } = query;
  const unit = toUnit(requireUnitRow(db, query.unitId));
  const office = cachedStatement(db, 'SELECT name FROM office').get() as { name: string } | undefined;
  const persons = cachedStatement(db, PERSONS).all({ unitId: unit.id, from, to }) as PersonRow[];
  // The range's end as far as it has happened: months still to come are not dues owed, nor meetings missed.
  const endDay = to < today ? to : today;
  const party = partyLifeOf(
    db,
    persons.map((p) => p.id),
    from,
    endDay < from ? from : endDay,
    today,
  );
  const rows = persons.map((p): FeedbackRow => {
    const events = cachedStatement(db, HEALTH_EVENTS).all({ personId: p.id, from, to }) as {
      kind: 'checkup' | 'hospitalisation';
      date: string;
      end_date: string | null;
      institution: string;
      summary: string;
    }[];
    const visits = cachedStatement(db, VISITS).get(p.id, from, to) as { n: number; last: string | null };
    const lastVisit = cachedStatement(db, LAST_VISIT).get(p.id, to) as { last: string | null };
    // The status and the age as they were at the end of the range: a later change is not this feedback's.
    const { status, since } = statusOn(db, p, endDay);
    return {
      personId: p.id,
      name: p.name,
      gender: p.gender,
      age: ageOn(p.birth_date, status === 'deceased' && since !== null ? since : endDay),
      address: p.address,
      status,
      statusChanges: cachedStatement(db, STATUS_EVENTS).all(p.id, from, to) as FeedbackRow['statusChanges'],
      ...adlOf(db, p.id, from, to),
      checkups: events.filter((e) => e.kind === 'checkup' && e.date >= from).map((e) => ({ date: e.date, institution: e.institution, summary: e.summary })),
      hospitalisations: events
        .filter((e) => e.kind === 'hospitalisation')
        .map((e) => ({ date: e.date, endDate: e.end_date, institution: e.institution, summary: e.summary })),
      visits: visits.n,
      lastVisitDate: lastVisit.last,
      needsRaised: cachedStatement(db, NEEDS_RAISED).all(p.id, from, to) as FeedbackRow['needsRaised'],
      needsResolved: (cachedStatement(db, NEEDS_RESOLVED).get(p.id, from, to) as { n: number }).n,
      party: party.get(p.id) ?? null,
    };
  });
  return {
    unit,
    officeName: office?.name ?? '',
    from,
    to,
    generatedOn: today,
    rows,
    totals: {
      persons: rows.length,
      visits: rows.reduce((n, r) => n + r.visits, 0),
      hospitalisations: rows.reduce((n, r) => n + r.hospitalisations.length, 0),
      needsRaised: rows.reduce((n, r) => n + r.needsRaised.length, 0),
      needsResolved: rows.reduce((n, r) => n + r.needsResolved, 0),
      partyAtUnit: rows.filter((r) => r.party?.relationHeld === 'original_unit').length,
    },
  };
}
