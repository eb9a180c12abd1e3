/**
 * 学习和活动: events (political study, culture and sports, health talks, ...), the persons who signed
 * up, and afterwards who came — including walk-ins who came without signing up (signed_up = 0).
 * Activities belong to no one person; sign-ups and attendance belong to the person, so they show in
 * that person's change history.
 */
import type { Db } from '../../db/connection';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { cachedStatement } from '../../db/statements';
import { selectPage, Where } from '../../db/paged';
import { AppError, fieldError } from '../../../shared/errors';
import { firstOfMonth, lastOfMonth, monthIndex } from '../../../shared/calendar';
import type {
  Activity,
  ActivityCalendar,
  ActivityDetail,
  ActivityFields,
  ActivityKind,
  ActivityListQuery,
  Participant,
  PersonActivities,
  PersonActivity,
  PlaceKind,
} from '../../../shared/schemas/activities';

registerSyncedTable('activities');
registerSyncedTable('activity_participants');

interface ActivityRow {
  id: string;
  kind: ActivityKind;
  title: string;
  date: string;
  start_time: string | null;
  end_time: string | null;
  place_kind: PlaceKind;
  place: string;
  organiser: string;
  capacity: number | null;
  description: string;
  signed: number | null;
  came: number | null;
  signed_came: number | null;
  walk_ins: number | null;
  recorded: number | null;
  origin_office: string;
  created_at: string;
  updated_at: string;
}

/**
 * One count over the live participant rows (of live persons) of the activity in hand. Correlated
 * on a.id, so each reads only that activity's rows through activity_participants_one, however
 * many activities and sign-ups the office has.
 */
function count(expression: string, name: string): string {
  return `(SELECT sum(${expression}) FROM activity_participants ap JOIN persons p ON p.id = ap.person_id AND p.deleted_at IS NULL
    WHERE ap.activity_id = a.id AND ap.deleted_at IS NULL) AS ${name}`;
}

const SELECT = `SELECT a.id, a.kind, a.title, a.date, a.start_time, a.end_time, a.place_kind, a.place, a.organiser, a.capacity,
    a.description, ${count('ap.signed_up', 'signed')}, ${count('ap.attended = 1', 'came')},
    ${count('ap.signed_up = 1 AND ap.attended = 1', 'signed_came')}, ${count('ap.signed_up = 0', 'walk_ins')},
    ${count('ap.attended IS NOT NULL', 'recorded')}, a.origin_office, a.created_at, a.updated_at
  FROM activities a`;

function toActivity(r: ActivityRow): Activity {
  const signed = r.signed ?? 0;
  const recorded = (r.recorded ?? 0) > 0;
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    date: r.date,
    startTime: r.start_time,
    endTime: r.end_time,
    placeKind: r.place_kind,
    place: r.place,
    organiser: r.organiser,
    capacity: r.capacity,
    description: r.description,
    signedUpCount: signed,
    attendedCount: r.came ?? 0,
    walkInCount: r.walk_ins ?? 0,
    attendanceRecorded: recorded,
    attendanceRate: recorded && signed > 0 ? (r.signed_came ?? 0) / signed : null,
    originOffice: r.origin_office,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function columnsOf(f: ActivityFields) {
  return {
    kind: f.kind,
    title: f.title,
    date: f.date,
    start_time: f.startTime,
    end_time: f.endTime,
    place_kind: f.placeKind,
    place: f.place,
    organiser: f.organiser,
    capacity: f.capacity,
    description: f.description,
  };
}

/**
 * What a sign-up's audit entry says about its activity, so the person's change history names it
 * (the row itself holds only the activity's id). Not a column of activity_participants.
 */
function noteOf(activity: { title: string }): Record<string, string> {
  return { activity_title: activity.title };
}

function requireActivity(db: Db, id: string): ActivityRow {
  const row = cachedStatement(db, `${SELECT} WHERE a.id = ? AND a.deleted_at IS NULL`).get(id) as ActivityRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Activity ${id} not found.`, { entity: 'activity', id });
  return row;
}

export function createActivity(db: Db, ctx: WriteContext, fields: ActivityFields): string {
  return insertSynced(db, ctx, 'activities', columnsOf(fields), 'activity');
}

export function updateActivity(db: Db, ctx: WriteContext, id: string, fields: ActivityFields, today: string): { changed: boolean } {
  const row = requireActivity(db, id);
  // Who came is known only once it took place: recorded attendance keeps the date from moving ahead.
  if ((row.recorded ?? 0) > 0 && fields.date > today) {
    throw fieldError('date', 'activities.dateAfterAttendance', 'Attendance is recorded; the date cannot move past today.');
  }
  // Fewer places than persons already signed up would leave the activity over-full.
  if (fields.capacity !== null && fields.capacity < (row.signed ?? 0)) {
    throw fieldError('capacity', 'activities.capacityBelowSignUps', `${row.signed} persons are already signed up.`);
  }
  return updateSynced(db, ctx, 'activities', id, columnsOf(fields), 'activity');
}

export function deleteActivity(db: Db, ctx: WriteContext, id: string): void {
  requireActivity(db, id);
  tombstoneSynced(db, ctx, 'activities', id, 'activity');
}

interface ParticipantRow {
  id: string;
  person_id: string;
  person_name: string;
  gender: string;
  phones: string;
  address: string;
  signed_up: number;
  attended: number | null;
  created_at: string;
}

function firstPhone(json: string): string {
  try {
    const phones: unknown = JSON.parse(json);
    return Array.isArray(phones) && typeof phones[0] === 'string' ? phones[0] : '';
  } catch {
    return '';
  }
}

export function getActivity(db: Db, id: string): ActivityDetail {
  const activity = toActivity(requireActivity(db, id));
  const rows = cachedStatement(
    db,
    `SELECT ap.id, ap.person_id, p.name AS person_name, p.gender, p.phones, p.address, ap.signed_up, ap.attended, ap.created_at
     FROM activity_participants ap JOIN persons p ON p.id = ap.person_id AND p.deleted_at IS NULL
     WHERE ap.activity_id = ? AND ap.deleted_at IS NULL
     ORDER BY ap.signed_up DESC, ap.created_at, ap.id`,
  ).all(id) as ParticipantRow[];
  const participants: Participant[] = rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    gender: r.gender,
    phone: firstPhone(r.phones),
    address: r.address,
    signedUp: r.signed_up === 1,
    attended: r.attended === null ? null : r.attended === 1,
    createdAt: r.created_at,
  }));
  return { activity, participants };
}

function filterOf(query: { from?: string | undefined; to?: string | undefined; kind?: ActivityKind | undefined; search?: string | undefined; office?: string | undefined }): Where {
  const where = new Where('a.deleted_at IS NULL')
    .andIf('a.date >= @from', { from: query.from })
    .andIf('a.date <= @to', { to: query.to })
    .andIf('a.kind = @kind', { kind: query.kind })
    .andIf('a.origin_office = @office', { office: query.office });
  if (query.search !== undefined && query.search !== '') {
    // instr() rather than LIKE: what users type (% or _ included) is matched literally.
    where.and('(instr(a.title, @search) > 0 OR instr(a.place, @search) > 0 OR instr(a.organiser, @search) > 0)', { search: query.search });
  }
  return where;
}

export function listActivities(db: Db, query: ActivityListQuery): { total: number; capped: boolean; rows: Activity[] } {
  const dir = query.order === 'asc' ? 'ASC' : 'DESC';
  const { total, capped, rows } = selectPage<ActivityRow>(
    db,
    { select: SELECT, countFrom: 'FROM activities a', orderBy: `a.date ${dir}, coalesce(a.start_time, '') ${dir}, a.id ${dir}` },
    filterOf(query),
    query,
  );
  return { total, capped, rows: rows.map(toActivity) };
}

/** Every activity from the first to the last day of the month (28, 29, 30 or 31 days). */
export function monthCalendar(db: Db, year: number, month: number, kind?: ActivityKind): ActivityCalendar {
  const from = firstOfMonth(monthIndex(year, month));
  const to = lastOfMonth(monthIndex(year, month));
  const where = filterOf({ from, to, kind });
  const rows = cachedStatement(db, `${SELECT} ${where.clause} ORDER BY a.date, coalesce(a.start_time, ''), a.id`).all(where.params) as ActivityRow[];
  return { from, to, rows: rows.map(toActivity) };
}

function requirePersonName(db: Db, personId: string): string {
  const row = cachedStatement(db, 'SELECT name FROM persons WHERE id = ? AND deleted_at IS NULL').get(personId) as { name: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Person ${personId} not found.`, { entity: 'person', id: personId });
  return row.name;
}

function existingParticipant(db: Db, activityId: string, personId: string): { id: string; signed_up: number } | undefined {
  return cachedStatement(db, 'SELECT id, signed_up FROM activity_participants WHERE activity_id = ? AND person_id = ? AND deleted_at IS NULL').get(
    activityId,
    personId,
  ) as { id: string; signed_up: number } | undefined;
}

/**
 * Signs up the persons in the order given. Runs inside the caller's transaction, so one refusal
 * (full, already signed up, unknown person) leaves no sign-up of the call behind.
 */
export function signUp(db: Db, ctx: WriteContext, activityId: string, personIds: readonly string[], today: string): string[] {
  const activity = requireActivity(db, activityId);
  // Nobody signs up for what is over; who came to it is recorded on the attendance sheet (walk-ins).
  if (activity.date < today) {
    throw new AppError('ACTIVITY_PAST', `The activity took place on ${activity.date}.`, { date: activity.date, title: activity.title });
  }
  const note = noteOf(activity);
  let signed = activity.signed ?? 0;
  const ids: string[] = [];
  for (const personId of new Set(personIds)) {
    const name = requirePersonName(db, personId);
    if (existingParticipant(db, activityId, personId)) {
      throw new AppError('ALREADY_SIGNED_UP', `${name} is already signed up.`, { name, personId });
    }
    if (activity.capacity !== null && signed >= activity.capacity) {
      throw new AppError('ACTIVITY_FULL', `The activity is full (${activity.capacity}).`, { capacity: activity.capacity, name });
    }
    ids.push(
      insertSynced(
        db,
        { ...ctx, subjectId: personId, auditNote: note },
        'activity_participants',
        { activity_id: activityId, person_id: personId, signed_up: 1, attended: null },
        'activity_participant',
      ),
    );
    signed += 1;
  }
  return ids;
}

interface ParticipantRef {
  activity_id: string;
  person_id: string;
  signed_up: number;
  title: string;
}

function requireParticipant(db: Db, id: string): ParticipantRef {
  const row = cachedStatement(
    db,
    `SELECT ap.activity_id, ap.person_id, ap.signed_up, a.title FROM activity_participants ap JOIN activities a ON a.id = ap.activity_id AND a.deleted_at IS NULL
     WHERE ap.id = ? AND ap.deleted_at IS NULL`,
  ).get(id) as ParticipantRef | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Participant ${id} not found.`, { entity: 'activity_participant', id });
  return row;
}

export function removeParticipant(db: Db, ctx: WriteContext, id: string): void {
  const row = requireParticipant(db, id);
  tombstoneSynced(db, { ...ctx, subjectId: row.person_id, auditNote: noteOf(row) }, 'activity_participants', id, 'activity_participant');
}

/**
 * Records who came (and who did not) among the listed participants and adds the walk-ins, all in
 * the caller's transaction: one bad entry refuses the whole sheet. Only once the day has come.
 */
export function recordAttendance(
  db: Db,
  ctx: WriteContext,
  input: { activityId: string; attendance: { participantId: string; attended: boolean }[]; walkIns: string[] },
  today: string,
): { changed: number; walkInIds: string[] } {
  const activity = requireActivity(db, input.activityId);
  if (activity.date > today) throw fieldError('activityId', 'activities.attendanceBeforeEvent', 'The activity has not taken place yet.');
  const note = noteOf(activity);
  const seen = new Set<string>();
  let changed = 0;
  input.attendance.forEach((entry, i) => {
    if (seen.has(entry.participantId)) throw fieldError(`attendance.${i}.participantId`, 'activities.repeated', 'A person is listed twice.');
    seen.add(entry.participantId);
    const row = requireParticipant(db, entry.participantId);
    if (row.activity_id !== input.activityId) {
      throw new AppError('NOT_FOUND', `Participant ${entry.participantId} not found.`, { entity: 'activity_participant', id: entry.participantId });
    }
    const personCtx = { ...ctx, subjectId: row.person_id, auditNote: note };
    // A walk-in is someone who came: one marked as not come was put on the list by mistake.
    if (row.signed_up === 0 && !entry.attended) {
      tombstoneSynced(db, personCtx, 'activity_participants', entry.participantId, 'activity_participant');
      changed += 1;
      return;
    }
    const result = updateSynced(db, personCtx, 'activity_participants', entry.participantId, { attended: entry.attended ? 1 : 0 }, 'activity_participant');
    if (result.changed) changed += 1;
  });
  const walkInIds: string[] = [];
  input.walkIns.forEach((personId, i) => {
    if (seen.has(personId)) throw fieldError(`walkIns.${i}`, 'activities.repeated', 'A person is listed twice.');
    seen.add(personId);
    const name = requirePersonName(db, personId);
    if (existingParticipant(db, input.activityId, personId)) {
      throw new AppError('ALREADY_SIGNED_UP', `${name} is already on the list.`, { name, personId });
    }
    walkInIds.push(
      insertSynced(
        db,
        { ...ctx, subjectId: personId, auditNote: note },
        'activity_participants',
        { activity_id: input.activityId, person_id: personId, signed_up: 0, attended: 1 },
        'activity_participant',
      ),
    );
    changed += 1;
  });
  return { changed, walkInIds };
}

interface PersonActivityRow {
  participant_id: string;
  activity_id: string;
  kind: ActivityKind;
  title: string;
  date: string;
  start_time: string | null;
  place_kind: PlaceKind;
  place: string;
  signed_up: number;
  attended: number | null;
}

export function activitiesOfPerson(db: Db, personId: string, today: string): PersonActivities {
  requirePersonName(db, personId);
  const rows = cachedStatement(
    db,
    `SELECT ap.id AS participant_id, a.id AS activity_id, a.kind, a.title, a.date, a.start_time, a.place_kind, a.place, ap.signed_up, ap.attended
     FROM activity_participants ap JOIN activities a ON a.id = ap.activity_id AND a.deleted_at IS NULL
     WHERE ap.person_id = ? AND ap.deleted_at IS NULL
     ORDER BY a.date DESC, coalesce(a.start_time, '') DESC, a.id DESC`,
  ).all(personId) as PersonActivityRow[];
  const list: PersonActivity[] = rows.map((r) => ({
    participantId: r.participant_id,
    activityId: r.activity_id,
    kind: r.kind,
    title: r.title,
    date: r.date,
    startTime: r.start_time,
    placeKind: r.place_kind,
    place: r.place,
    signedUp: r.signed_up === 1,
    attended: r.attended === null ? null : r.attended === 1,
  }));
  const year = Number(today.slice(0, 4));
  const thisYear = list.filter((r) => r.date.startsWith(`${year}-`));
  return {
    year,
    signedUpThisYear: thisYear.filter((r) => r.signedUp).length,
    attendedThisYear: thisYear.filter((r) => r.attended === true).length,
    rows: list,
  };
}
