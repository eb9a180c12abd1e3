/**
 * Branch life: 组织生活, 主题党日, 学习. A meeting is saved with its attendance in one go: every member
 * of the branch on the meeting's day is listed, present or absent with a reason.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { selectPage, Where } from '../../db/paged';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { AppError, fieldError, assertNotInFuture, NOT_VALID } from '../../../shared/errors';
import { formFitsKind, type MeetingDetail, type MeetingFields, type MeetingListQuery, type MeetingRow } from '../../../shared/schemas/party';
import { requireBranch } from './branches';
import { membersOn } from './memberships';

registerSyncedTable('party_meetings');
registerSyncedTable('party_meeting_attendance');

interface MeetingDbRow {
  id: string;
  branch_id: string;
  branch_name: string;
  kind: MeetingRow['kind'];
  form: MeetingRow['form'];
  date: string;
  topic: string;
  place: string;
  notes: string;
  expected: number;
  present: number;
}

const SELECT = `SELECT g.id, g.branch_id, b.name AS branch_name, g.kind, g.form, g.date, g.topic, g.place, g.notes,
    (SELECT count(*) FROM party_meeting_attendance a JOIN persons p ON p.id = a.person_id AND p.deleted_at IS NULL
      WHERE a.meeting_id = g.id AND a.deleted_at IS NULL) AS expected,
    (SELECT count(*) FROM party_meeting_attendance a JOIN persons p ON p.id = a.person_id AND p.deleted_at IS NULL
      WHERE a.meeting_id = g.id AND a.deleted_at IS NULL AND a.present = 1) AS present
  FROM party_meetings g JOIN party_branches b ON b.id = g.branch_id`;

function toRow(r: MeetingDbRow): MeetingRow {
  return { id: r.id, branchId: r.branch_id, branchName: r.branch_name, kind: r.kind, form: r.form, date: r.date, topic: r.topic, place: r.place, notes: r.notes, expected: r.expected, present: r.present };
}

export function listMeetings(db: Db, query: MeetingListQuery): { total: number; capped: boolean; rows: MeetingRow[] } {
  const where = new Where('g.deleted_at IS NULL')
    .andIf('g.branch_id = @branchId', { branchId: query.branchId })
    .andIf('g.date >= @from', { from: query.from })
    .andIf('g.date <= @to', { to: query.to });
  const { total, capped, rows } = selectPage<MeetingDbRow>(db, { select: SELECT, countFrom: 'FROM party_meetings g', orderBy: 'g.date DESC, g.id DESC' }, where, query);
  return { total, capped, rows: rows.map(toRow) };
}

export function getMeeting(db: Db, id: string): MeetingDetail {
  const row = cachedStatement(db, `${SELECT} WHERE g.id = ? AND g.deleted_at IS NULL`).get(id) as MeetingDbRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Meeting ${id} not found.`, { entity: 'party_meeting', id });
  const attendance = cachedStatement(
    db,
    `SELECT a.person_id AS personId, p.name AS personName, a.present, a.absence_reason AS absenceReason
     FROM party_meeting_attendance a JOIN persons p ON p.id = a.person_id AND p.deleted_at IS NULL
     WHERE a.meeting_id = ? AND a.deleted_at IS NULL ORDER BY a.present DESC, p.name_pinyin, p.id`,
  ).all(id) as { personId: string; personName: string; present: number; absenceReason: string }[];
  return { ...toRow(row), attendance: attendance.map((a) => ({ ...a, present: a.present === 1 })) };
}

/** The attendance must name exactly the members of the branch on the day: none missing, no stranger, none twice. */
function checkAttendance(db: Db, fields: MeetingFields, today: string): void {
  assertNotInFuture('date', fields.date, today);
  if (!formFitsKind(fields.kind, fields.form)) throw fieldError('form', 'party.formKindMismatch', 'This 三会一课 form belongs to another kind of meeting.');
  const expected = new Map(membersOn(db, fields.branchId, fields.date).map((m) => [m.personId, m.personName]));
  const seen = new Set<string>();
  fields.attendance.forEach((a, i) => {
    if (!expected.has(a.personId) || seen.has(a.personId)) throw fieldError(`attendance.${i}.personId`, 'party.attendanceNotMember');
    seen.add(a.personId);
  });
  const missing = [...expected.keys()].find((id) => !seen.has(id));
  if (missing !== undefined) throw fieldError('attendance', 'party.attendanceMissing', NOT_VALID, { name: expected.get(missing) ?? '' });
}

const meetingColumns = (f: MeetingFields) => ({ branch_id: f.branchId, kind: f.kind, form: f.form, date: f.date, topic: f.topic, place: f.place, notes: f.notes });

function writeAttendance(db: Db, ctx: WriteContext, meetingId: string, fields: MeetingFields): void {
  const existing = new Map(
    (
      cachedStatement(db, 'SELECT id, person_id FROM party_meeting_attendance WHERE meeting_id = ? AND deleted_at IS NULL').all(meetingId) as {
        id: string;
        person_id: string;
      }[]
    ).map((r) => [r.person_id, r.id]),
  );
  for (const a of fields.attendance) {
    // Each person's row carries their history: their change log shows the meetings they were at.
    const subject = { ...ctx, subjectId: a.personId };
    const values = { present: a.present ? 1 : 0, absence_reason: a.present ? '' : a.absenceReason };
    const id = existing.get(a.personId);
    if (id === undefined) insertSynced(db, subject, 'party_meeting_attendance', { meeting_id: meetingId, person_id: a.personId, ...values }, 'party_attendance');
    else {
      updateSynced(db, subject, 'party_meeting_attendance', id, values, 'party_attendance');
      existing.delete(a.personId);
    }
  }
  // Persons no longer expected (the date moved before they joined) leave the list.
  for (const [personId, id] of existing) tombstoneSynced(db, { ...ctx, subjectId: personId }, 'party_meeting_attendance', id, 'party_attendance');
}

export function createMeeting(db: Db, ctx: WriteContext, fields: MeetingFields, today: string): string {
  requireBranch(db, fields.branchId);
  checkAttendance(db, fields, today);
  const id = insertSynced(db, ctx, 'party_meetings', meetingColumns(fields), 'party_meeting');
  writeAttendance(db, ctx, id, fields);
  return id;
}

function requireMeeting(db: Db, id: string): { branch_id: string } {
  const row = cachedStatement(db, 'SELECT branch_id FROM party_meetings WHERE id = ? AND deleted_at IS NULL').get(id) as { branch_id: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Meeting ${id} not found.`, { entity: 'party_meeting', id });
  return row;
}

export function updateMeeting(db: Db, ctx: WriteContext, id: string, fields: MeetingFields, today: string): { changed: boolean } {
  const meeting = requireMeeting(db, id);
  if (meeting.branch_id !== fields.branchId) throw fieldError('branchId', 'party.meetingBranchFixed');
  checkAttendance(db, fields, today);
  const { changed } = updateSynced(db, ctx, 'party_meetings', id, meetingColumns(fields), 'party_meeting');
  writeAttendance(db, ctx, id, fields);
  return { changed };
}

export function deleteMeeting(db: Db, ctx: WriteContext, id: string): void {
  requireMeeting(db, id);
  const rows = cachedStatement(db, 'SELECT id, person_id FROM party_meeting_attendance WHERE meeting_id = ? AND deleted_at IS NULL').all(id) as {
    id: string;
    person_id: string;
  }[];
  for (const r of rows) tombstoneSynced(db, { ...ctx, subjectId: r.person_id }, 'party_meeting_attendance', r.id, 'party_attendance');
  tombstoneSynced(db, ctx, 'party_meetings', id, 'party_meeting');
}

export interface AttendedMeeting {
  meetingId: string;
  date: string;
  kind: MeetingRow['kind'];
  topic: string;
  branchName: string;
  present: boolean;
  absenceReason: string;
}

export function meetingsOfPerson(db: Db, personId: string, from: string): AttendedMeeting[] {
  const rows = cachedStatement(
    db,
    `SELECT g.id AS meetingId, g.date, g.kind, g.topic, b.name AS branchName, a.present, a.absence_reason AS absenceReason
     FROM party_meeting_attendance a JOIN party_meetings g ON g.id = a.meeting_id AND g.deleted_at IS NULL JOIN party_branches b ON b.id = g.branch_id
     WHERE a.person_id = ? AND a.deleted_at IS NULL AND g.date >= ? ORDER BY g.date DESC, g.id DESC LIMIT 50`,
  ).all(personId, from) as (Omit<AttendedMeeting, 'present'> & { present: number })[];
  return rows.map((r) => ({ ...r, present: r.present === 1 }));
}
