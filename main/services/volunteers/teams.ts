/**
 * 服务队 (治安巡逻, 交通疏导, …) and who belongs to them over time. Joining and leaving are dated rows,
 * never overwritten, so a team's history stays readable; a deleted team is a tombstone whose members
 * leave on that day and whose service records keep its name.
 */
import type { Db } from '../../db/connection';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { cachedStatement } from '../../db/statements';
import { AppError, fieldError, assertNotInFuture } from '../../../shared/errors';
import type { Membership, TeamDetail, TeamKind, TeamRow, VolunteerKind } from '../../../shared/schemas/volunteers';
import { LIVING_VOLUNTEER, PERSON_JOIN, VOLUNTEER_NAME, VOLUNTEER_SORT, requireTeam, requireVolunteer, subjectOf, yearRange } from './common';

registerSyncedTable('volunteer_teams');
registerSyncedTable('volunteer_team_members');

export interface TeamFields {
  name: string;
  kind: TeamKind;
  leader: string;
  foundedOn: string | null;
  description: string;
}

function teamColumns(f: TeamFields) {
  return { name: f.name, kind: f.kind, leader: f.leader, founded_on: f.foundedOn, description: f.description };
}

/** Names are unique among the living teams of the office that made them (a bureau holds many offices). */
function refuseTakenName(db: Db, officeId: string, name: string, exceptId: string | null): void {
  const taken = cachedStatement(db, 'SELECT id FROM volunteer_teams WHERE origin_office = ? AND name = ? AND deleted_at IS NULL AND id IS NOT ?').get(officeId, name, exceptId);
  if (taken) throw new AppError('TEAM_NAME_TAKEN', `A team named ${name} exists already.`, { name });
}

export function createTeam(db: Db, ctx: WriteContext, fields: TeamFields, today: string): string {
  if (fields.foundedOn !== null) assertNotInFuture('foundedOn', fields.foundedOn, today);
  refuseTakenName(db, ctx.officeId, fields.name, null);
  return insertSynced(db, ctx, 'volunteer_teams', teamColumns(fields), 'volunteer_team');
}

export function updateTeam(db: Db, ctx: WriteContext, id: string, fields: TeamFields, today: string): { changed: boolean } {
  requireTeam(db, id);
  if (fields.foundedOn !== null) assertNotInFuture('foundedOn', fields.foundedOn, today);
  const origin = (cachedStatement(db, 'SELECT origin_office FROM volunteer_teams WHERE id = ?').get(id) as { origin_office: string }).origin_office;
  refuseTakenName(db, origin, fields.name, id);
  return updateSynced(db, ctx, 'volunteer_teams', id, teamColumns(fields), 'volunteer_team');
}

export function deleteTeam(db: Db, ctx: WriteContext, id: string, today: string): void {
  requireTeam(db, id);
  const open = cachedStatement(
    db,
    `SELECT m.id, m.from_date, v.person_id FROM volunteer_team_members m JOIN volunteers v ON v.id = m.volunteer_id
     WHERE m.team_id = ? AND m.to_date IS NULL AND m.deleted_at IS NULL`,
  ).all(id) as { id: string; from_date: string; person_id: string | null }[];
  for (const m of open) {
    // Someone who joins "from" a later date than today leaves on that date: to_date may not precede from_date.
    updateSynced(db, { ...ctx, subjectId: subjectOf(m) }, 'volunteer_team_members', m.id, { to_date: m.from_date > today ? m.from_date : today }, 'volunteer_membership');
  }
  tombstoneSynced(db, ctx, 'volunteer_teams', id, 'volunteer_team');
}

interface TeamSqlRow {
  id: string;
  name: string;
  kind: TeamKind;
  leader: string;
  founded_on: string | null;
  description: string;
  member_count: number;
  minutes_year: number;
  services_year: number;
  minutes_total: number;
  created_at: string;
  updated_at: string;
}

/** Totals count only living records of volunteers who count (LIVING_VOLUNTEER). */
const TEAM_SELECT = `SELECT t.id, t.name, t.kind, t.leader, t.founded_on, t.description, t.created_at, t.updated_at,
    (SELECT count(*) FROM volunteer_team_members m JOIN volunteers v ON v.id = m.volunteer_id AND ${LIVING_VOLUNTEER}
      WHERE m.team_id = t.id AND m.to_date IS NULL AND m.deleted_at IS NULL) AS member_count,
    coalesce(agg.minutes_year, 0) AS minutes_year, coalesce(agg.services_year, 0) AS services_year, coalesce(agg.minutes_total, 0) AS minutes_total
  FROM volunteer_teams t
  LEFT JOIN (SELECT s.team_id,
      sum(CASE WHEN s.date BETWEEN @from AND @to THEN s.minutes ELSE 0 END) AS minutes_year,
      sum(CASE WHEN s.date BETWEEN @from AND @to THEN 1 ELSE 0 END) AS services_year,
      sum(s.minutes) AS minutes_total
    FROM volunteer_services s JOIN volunteers v ON v.id = s.volunteer_id AND ${LIVING_VOLUNTEER}
    WHERE s.deleted_at IS NULL AND s.team_id IS NOT NULL GROUP BY s.team_id) agg ON agg.team_id = t.id`;

function toTeam(r: TeamSqlRow): TeamRow {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    leader: r.leader,
    foundedOn: r.founded_on,
    description: r.description,
    memberCount: r.member_count,
    minutesYear: r.minutes_year,
    servicesYear: r.services_year,
    minutesTotal: r.minutes_total,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listTeams(db: Db, year: number): TeamRow[] {
  const rows = cachedStatement(db, `${TEAM_SELECT} WHERE t.deleted_at IS NULL ORDER BY t.name`).all(yearRange(year)) as TeamSqlRow[];
  return rows.map(toTeam);
}

interface MembershipSqlRow {
  id: string;
  team_id: string;
  team_name: string;
  team_deleted: number;
  volunteer_id: string;
  volunteer_name: string;
  volunteer_kind: VolunteerKind;
  person_id: string | null;
  from_date: string;
  to_date: string | null;
  minutes_year: number;
}

const MEMBERSHIP_SELECT = `SELECT m.id, m.team_id, t.name AS team_name, t.deleted_at IS NOT NULL AS team_deleted, m.volunteer_id,
    ${VOLUNTEER_NAME} AS volunteer_name, v.kind AS volunteer_kind, v.person_id, m.from_date, m.to_date,
    (SELECT coalesce(sum(s.minutes), 0) FROM volunteer_services s
      WHERE s.volunteer_id = m.volunteer_id AND s.team_id = m.team_id AND s.deleted_at IS NULL AND s.date BETWEEN @from AND @to) AS minutes_year
  FROM volunteer_team_members m
  JOIN volunteer_teams t ON t.id = m.team_id
  JOIN volunteers v ON v.id = m.volunteer_id AND ${LIVING_VOLUNTEER}
  ${PERSON_JOIN}`;

function toMembership(r: MembershipSqlRow): Membership {
  return {
    id: r.id,
    teamId: r.team_id,
    teamName: r.team_name,
    teamDeleted: r.team_deleted === 1,
    volunteerId: r.volunteer_id,
    volunteerName: r.volunteer_name,
    volunteerKind: r.volunteer_kind,
    personId: r.person_id,
    fromDate: r.from_date,
    toDate: r.to_date,
    minutesYear: r.minutes_year,
  };
}

export function getTeam(db: Db, id: string, year: number): TeamDetail {
  const range = yearRange(year);
  const row = cachedStatement(db, `${TEAM_SELECT} WHERE t.id = @id AND t.deleted_at IS NULL`).get({ ...range, id }) as TeamSqlRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Volunteer team ${id} not found.`, { entity: 'volunteer_team', id });
  const members = cachedStatement(
    db,
    `${MEMBERSHIP_SELECT} WHERE m.team_id = @id AND m.deleted_at IS NULL
     ORDER BY m.to_date IS NOT NULL, m.to_date DESC, ${VOLUNTEER_SORT}, m.id`,
  ).all({ ...range, id }) as MembershipSqlRow[];
  return { ...toTeam(row), members: members.map(toMembership) };
}

/** Every team a volunteer was ever in, current first (also teams deleted since, marked). */
export function membershipsOf(db: Db, volunteerId: string, year: number): Membership[] {
  const rows = cachedStatement(
    db,
    `${MEMBERSHIP_SELECT} WHERE m.volunteer_id = @volunteerId AND m.deleted_at IS NULL
     ORDER BY m.to_date IS NOT NULL, m.to_date DESC, m.from_date DESC, m.id`,
  ).all({ ...yearRange(year), volunteerId }) as MembershipSqlRow[];
  return rows.map(toMembership);
}

/** Several volunteers join a team on one date; one who is in it already refuses the whole call. */
export function joinTeam(db: Db, ctx: WriteContext, teamId: string, volunteerIds: readonly string[], fromDate: string, today: string): string[] {
  requireTeam(db, teamId);
  assertNotInFuture('fromDate', fromDate, today);
  const ids: string[] = [];
  for (const volunteerId of new Set(volunteerIds)) {
    const volunteer = requireVolunteer(db, volunteerId);
    const current = cachedStatement(db, 'SELECT 1 FROM volunteer_team_members WHERE team_id = ? AND volunteer_id = ? AND to_date IS NULL AND deleted_at IS NULL').get(
      teamId,
      volunteerId,
    );
    if (current) throw new AppError('ALREADY_IN_TEAM', `${volunteer.name} is a member already.`, { name: volunteer.name });
    // Periods in one team never overlap: a new one starts after the last one ended (both dates count as days in the team).
    const lastLeft = cachedStatement(db, 'SELECT max(to_date) AS to_date FROM volunteer_team_members WHERE team_id = ? AND volunteer_id = ? AND deleted_at IS NULL').get(
      teamId,
      volunteerId,
    ) as { to_date: string | null };
    if (lastLeft.to_date !== null && fromDate <= lastLeft.to_date) {
      throw new AppError('REJOIN_BEFORE_LEFT', `${volunteer.name} was in the team until ${lastLeft.to_date}.`, { name: volunteer.name, date: lastLeft.to_date, path: 'fromDate' });
    }
    ids.push(
      insertSynced(
        db,
        { ...ctx, subjectId: subjectOf(volunteer) },
        'volunteer_team_members',
        { team_id: teamId, volunteer_id: volunteerId, from_date: fromDate, to_date: null },
        'volunteer_membership',
      ),
    );
  }
  return ids;
}

export function leaveTeam(db: Db, ctx: WriteContext, membershipId: string, toDate: string, today: string): { changed: boolean } {
  const row = cachedStatement(
    db,
    `SELECT m.id, m.volunteer_id, m.team_id, t.name AS team_name, m.from_date, m.to_date
     FROM volunteer_team_members m JOIN volunteer_teams t ON t.id = m.team_id AND t.deleted_at IS NULL
     WHERE m.id = ? AND m.deleted_at IS NULL`,
  ).get(membershipId) as { id: string; volunteer_id: string; team_id: string; team_name: string; from_date: string; to_date: string | null } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Membership ${membershipId} not found.`, { entity: 'volunteer_membership', id: membershipId });
  const volunteer = requireVolunteer(db, row.volunteer_id);
  if (row.to_date !== null) throw new AppError('ALREADY_LEFT_TEAM', `${volunteer.name} left on ${row.to_date}.`, { name: volunteer.name, date: row.to_date });
  assertNotInFuture('toDate', toDate, today);
  if (toDate < row.from_date) throw fieldError('toDate', 'volunteers.leaveBeforeJoin', 'The leaving date is before the joining date.');
  // Service records may name a team only for days in it (services.ts), so leaving may not strand any.
  // This is the open, hence latest, period: every record for the team after toDate lies in it.
  const latest = cachedStatement(db, 'SELECT max(date) AS date FROM volunteer_services WHERE volunteer_id = ? AND team_id = ? AND deleted_at IS NULL').get(
    row.volunteer_id,
    row.team_id,
  ) as { date: string | null };
  if (latest.date !== null && latest.date > toDate) {
    throw new AppError('LEAVE_BEFORE_SERVICE', `${volunteer.name} has a service record for ${row.team_name} on ${latest.date}, after ${toDate}.`, {
      name: volunteer.name,
      team: row.team_name,
      date: latest.date,
      path: 'toDate',
    });
  }
  return updateSynced(db, { ...ctx, subjectId: subjectOf(volunteer) }, 'volunteer_team_members', row.id, { to_date: toDate }, 'volunteer_membership');
}

export interface TeamPeriod {
  from_date: string;
  /** null while they are still in the team. */
  to_date: string | null;
}

/** The volunteer's periods in the team, earliest first (none: never in it). They never overlap. */
export function periodsInTeam(db: Db, volunteerId: string, teamId: string): TeamPeriod[] {
  return cachedStatement(
    db,
    'SELECT from_date, to_date FROM volunteer_team_members WHERE team_id = ? AND volunteer_id = ? AND deleted_at IS NULL ORDER BY from_date, id',
  ).all(teamId, volunteerId) as TeamPeriod[];
}
