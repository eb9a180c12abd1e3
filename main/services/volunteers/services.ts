/**
 * 服务记录: what a volunteer did on a day and for how long (whole minutes, at most a day per record),
 * optionally for a team they are or were in. A team's quick entry writes several records at once,
 * in the caller's one transaction: one refused entry refuses them all.
 */
import type { Db } from '../../db/connection';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { cachedStatement } from '../../db/statements';
import { pageRows, Where } from '../../db/paged';
import { AppError, assertNotInFuture } from '../../../shared/errors';
import type { ServiceListQuery, ServiceRow, VolunteerKind } from '../../../shared/schemas/volunteers';
import { LIVING_VOLUNTEER, PERSON_JOIN, VOLUNTEER_NAME, requireTeam, requireVolunteer, subjectOf, type TeamBasics, type VolunteerBasics } from './common';
import { periodsInTeam } from './teams';

registerSyncedTable('volunteer_services');

export interface ServiceFields {
  teamId: string | null;
  date: string;
  minutes: number;
  description: string;
}

/**
 * A record may name a team only for a day the volunteer was in it (the joining and the leaving day
 * count), so that a team's hours are the hours of its members. Outside every period the refusal
 * names the nearest date that explains it: the next joining day, or else the last leaving day.
 */
function checkTeamOnDate(db: Db, volunteer: VolunteerBasics, team: TeamBasics, date: string, path: string): void {
  const periods = periodsInTeam(db, volunteer.id, team.id);
  if (periods.length === 0) {
    throw new AppError('NOT_IN_TEAM', `${volunteer.name} was never in ${team.name}.`, { name: volunteer.name, team: team.name, path });
  }
  if (periods.some((p) => p.from_date <= date && (p.to_date === null || date <= p.to_date))) return;
  const next = periods.find((p) => p.from_date > date);
  if (next) {
    throw new AppError('SERVICE_BEFORE_JOINING', `${volunteer.name} joined ${team.name} on ${next.from_date}, after ${date}.`, {
      name: volunteer.name,
      team: team.name,
      joined: next.from_date,
      date,
      path,
    });
  }
  // Not inside a period and none starts later: the last one ended before the date.
  const left = periods[periods.length - 1]?.to_date ?? date;
  throw new AppError('SERVICE_AFTER_LEAVING', `${volunteer.name} left ${team.name} on ${left}, before ${date}.`, { name: volunteer.name, team: team.name, left, date, path });
}

/** The name of a team, also of one deleted since (its old records keep it). */
function teamOf(db: Db, id: string): TeamBasics {
  return cachedStatement(db, 'SELECT id, name FROM volunteer_teams WHERE id = ?').get(id) as TeamBasics;
}

function columns(volunteerId: string, f: ServiceFields) {
  return { volunteer_id: volunteerId, team_id: f.teamId, date: f.date, minutes: f.minutes, description: f.description };
}

export function logService(db: Db, ctx: WriteContext, volunteerId: string, fields: ServiceFields, today: string): string {
  const volunteer = requireVolunteer(db, volunteerId);
  assertNotInFuture('date', fields.date, today);
  if (fields.teamId !== null) checkTeamOnDate(db, volunteer, requireTeam(db, fields.teamId), fields.date, 'teamId');
  return insertSynced(db, { ...ctx, subjectId: subjectOf(volunteer) }, 'volunteer_services', columns(volunteerId, fields), 'volunteer_service');
}

export function logBatch(
  db: Db,
  ctx: WriteContext,
  input: { teamId: string; date: string; description: string; entries: readonly { volunteerId: string; minutes: number }[] },
  today: string,
): string[] {
  const team = requireTeam(db, input.teamId);
  assertNotInFuture('date', input.date, today);
  return input.entries.map((entry, i) => {
    const volunteer = requireVolunteer(db, entry.volunteerId);
    checkTeamOnDate(db, volunteer, team, input.date, `entries.${i}.volunteerId`);
    return insertSynced(
      db,
      { ...ctx, subjectId: subjectOf(volunteer) },
      'volunteer_services',
      columns(entry.volunteerId, { teamId: input.teamId, date: input.date, minutes: entry.minutes, description: input.description }),
      'volunteer_service',
    );
  });
}

function requireService(db: Db, id: string): { volunteer_id: string; team_id: string | null; date: string } {
  const row = cachedStatement(db, 'SELECT volunteer_id, team_id, date FROM volunteer_services WHERE id = ? AND deleted_at IS NULL').get(id) as
    | { volunteer_id: string; team_id: string | null; date: string }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Service record ${id} not found.`, { entity: 'volunteer_service', id });
  return row;
}

export function updateService(db: Db, ctx: WriteContext, id: string, fields: ServiceFields, today: string): { changed: boolean } {
  const row = requireService(db, id);
  const volunteer = requireVolunteer(db, row.volunteer_id);
  assertNotInFuture('date', fields.date, today);
  // A record keeps the team it had even when that team was deleted since; a new choice must be a living team.
  // Moving a record to another day checks the day against the team's periods again (they outlive the team).
  if (fields.teamId !== null && fields.teamId !== row.team_id) checkTeamOnDate(db, volunteer, requireTeam(db, fields.teamId), fields.date, 'teamId');
  else if (fields.teamId !== null && fields.date !== row.date) checkTeamOnDate(db, volunteer, teamOf(db, fields.teamId), fields.date, 'date');
  const { volunteer_id: _unchanged, ...changes } = columns(row.volunteer_id, fields);
  return updateSynced(db, { ...ctx, subjectId: subjectOf(volunteer) }, 'volunteer_services', id, changes, 'volunteer_service');
}

export function deleteService(db: Db, ctx: WriteContext, id: string): void {
  const row = requireService(db, id);
  const volunteer = requireVolunteer(db, row.volunteer_id);
  tombstoneSynced(db, { ...ctx, subjectId: subjectOf(volunteer) }, 'volunteer_services', id, 'volunteer_service');
}

interface ServiceSqlRow {
  id: string;
  volunteer_id: string;
  volunteer_name: string;
  volunteer_kind: VolunteerKind;
  person_id: string | null;
  team_id: string | null;
  team_name: string | null;
  team_deleted: number;
  origin_office: string;
  date: string;
  minutes: number;
  description: string;
  created_at: string;
  updated_at: string;
}

const FROM = `FROM volunteer_services s
  JOIN volunteers v ON v.id = s.volunteer_id AND ${LIVING_VOLUNTEER}
  ${PERSON_JOIN}
  LEFT JOIN volunteer_teams t ON t.id = s.team_id`;

const SELECT = `SELECT s.id, s.volunteer_id, ${VOLUNTEER_NAME} AS volunteer_name, v.kind AS volunteer_kind, v.person_id, s.team_id, t.name AS team_name,
    coalesce(t.deleted_at IS NOT NULL, 0) AS team_deleted, s.origin_office, s.date, s.minutes, s.description, s.created_at, s.updated_at ${FROM}`;

function toService(r: ServiceSqlRow): ServiceRow {
  return {
    id: r.id,
    volunteerId: r.volunteer_id,
    volunteerName: r.volunteer_name,
    volunteerKind: r.volunteer_kind,
    personId: r.person_id,
    teamId: r.team_id,
    teamName: r.team_name,
    teamDeleted: r.team_deleted === 1,
    originOffice: r.origin_office,
    date: r.date,
    minutes: r.minutes,
    description: r.description,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listServices(db: Db, query: ServiceListQuery): { total: number; totalMinutes: number; rows: ServiceRow[] } {
  const where = new Where('s.deleted_at IS NULL')
    .andIf('s.date >= @from', { from: query.from })
    .andIf('s.date <= @to', { to: query.to })
    .andIf('s.team_id = @teamId', { teamId: query.teamId })
    .andIf('s.volunteer_id = @volunteerId', { volunteerId: query.volunteerId })
    .andIf('s.origin_office = @office', { office: query.office });
  // The filters make at most 32 different texts: few enough to keep compiled.
  const totals = cachedStatement(db, `SELECT count(*) AS n, coalesce(sum(s.minutes), 0) AS minutes ${FROM} ${where.clause}`).get(where.params) as { n: number; minutes: number };
  const rows = pageRows<ServiceSqlRow>(db, { select: SELECT, orderBy: 's.date DESC, s.id DESC' }, where, query);
  return { total: totals.n, totalMinutes: totals.minutes, rows: rows.map(toService) };
}

export function recentServices(db: Db, volunteerId: string, limit: number): ServiceRow[] {
  return listServices(db, { volunteerId, limit, offset: 0 }).rows;
}
