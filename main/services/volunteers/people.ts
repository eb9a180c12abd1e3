/**
 * 志愿者: a retired official of the registry (one volunteer row per person, name copied and then
 * followed) or someone from outside it — a younger resident, a unit's volunteer — typed by name.
 */
import type { Db } from '../../db/connection';
import { insertSynced, registerSyncedTable, tombstoneSynced, updateSynced, type WriteContext } from '../../db/sync';
import { cachedStatement } from '../../db/statements';
import { countWhere, likeContains, likePrefix, Where } from '../../db/paged';
import { AppError, fieldError } from '../../../shared/errors';
import type { VolunteerDetail, VolunteerKind, VolunteerListQuery, VolunteerRow } from '../../../shared/schemas/volunteers';
import { namePinyin } from '../persons/pinyin';
import { LIVING_VOLUNTEER, PERSON_JOIN, VOLUNTEER_NAME, VOLUNTEER_SORT, requireVolunteer, subjectOf, yearRange } from './common';
import { joinTeam, membershipsOf } from './teams';

registerSyncedTable('volunteers');

export interface NewVolunteer {
  kind: VolunteerKind;
  personId: string | null;
  name: string;
  phone: string;
  organisation: string;
  notes: string;
  teamId: string | null;
  joinedOn?: string | undefined;
}

export function createVolunteer(db: Db, ctx: WriteContext, input: NewVolunteer, today: string): string {
  let name = input.name;
  let phone = input.phone;
  if (input.kind === 'retiree' && input.personId !== null) {
    const person = cachedStatement(db, 'SELECT name, phones FROM persons WHERE id = ? AND deleted_at IS NULL').get(input.personId) as
      | { name: string; phones: string }
      | undefined;
    if (!person) throw new AppError('NOT_FOUND', `Person ${input.personId} not found.`, { entity: 'person', id: input.personId });
    const existing = cachedStatement(db, 'SELECT id FROM volunteers WHERE person_id = ? AND deleted_at IS NULL').get(input.personId);
    if (existing) throw new AppError('ALREADY_A_VOLUNTEER', `${person.name} is a volunteer already.`, { name: person.name });
    name = person.name;
    // The registry's first phone number, unless another one was typed for volunteering.
    if (phone === '') phone = (JSON.parse(person.phones) as string[])[0] ?? '';
  }
  const { full, initials } = namePinyin(name);
  const id = insertSynced(
    db,
    { ...ctx, subjectId: input.personId ?? undefined },
    'volunteers',
    {
      person_id: input.kind === 'retiree' ? input.personId : null,
      name,
      kind: input.kind,
      phone,
      organisation: input.organisation,
      notes: input.notes,
      name_pinyin: full,
      name_initials: initials,
    },
    'volunteer',
  );
  if (input.teamId !== null) joinTeam(db, ctx, input.teamId, [id], input.joinedOn ?? today, today);
  return id;
}

export function updateVolunteer(db: Db, ctx: WriteContext, input: { id: string; name: string; phone: string; organisation: string; notes: string }): { changed: boolean } {
  const volunteer = requireVolunteer(db, input.id);
  const fields: Record<string, string> = { phone: input.phone, organisation: input.organisation, notes: input.notes };
  if (volunteer.kind === 'retiree') {
    // The name is the registry's (it may have been corrected there since).
    fields['name'] = volunteer.name;
  } else {
    if (input.name === '') throw fieldError('name', 'volunteers.nameRequired', 'The name is missing.');
    fields['name'] = input.name;
  }
  const { full, initials } = namePinyin(fields['name']);
  fields['name_pinyin'] = full;
  fields['name_initials'] = initials;
  return updateSynced(db, { ...ctx, subjectId: subjectOf(volunteer) }, 'volunteers', input.id, fields, 'volunteer');
}

/** The volunteer, their memberships and their service records go together (all tombstones). */
export function deleteVolunteer(db: Db, ctx: WriteContext, id: string): void {
  const volunteer = requireVolunteer(db, id);
  const wctx = { ...ctx, subjectId: subjectOf(volunteer) };
  for (const { id: serviceId } of cachedStatement(db, 'SELECT id FROM volunteer_services WHERE volunteer_id = ? AND deleted_at IS NULL').all(id) as { id: string }[]) {
    tombstoneSynced(db, wctx, 'volunteer_services', serviceId, 'volunteer_service');
  }
  for (const { id: membershipId } of cachedStatement(db, 'SELECT id FROM volunteer_team_members WHERE volunteer_id = ? AND deleted_at IS NULL').all(id) as { id: string }[]) {
    tombstoneSynced(db, wctx, 'volunteer_team_members', membershipId, 'volunteer_membership');
  }
  tombstoneSynced(db, wctx, 'volunteers', id, 'volunteer');
}

interface VolunteerSqlRow {
  id: string;
  person_id: string | null;
  name: string;
  kind: VolunteerKind;
  phone: string;
  organisation: string;
  notes: string;
  teams: string;
  minutes_year: number;
  minutes_total: number;
  services_year: number;
  services_total: number;
  origin_office: string;
  created_at: string;
  updated_at: string;
}

/** Sums run on the (volunteer_id, date) index of living records, so a row costs only its own records. */
const COLUMNS = `v.id, v.person_id, ${VOLUNTEER_NAME} AS name, v.kind, v.phone, v.organisation, v.notes, v.origin_office, v.created_at, v.updated_at,
    (SELECT json_group_array(name) FROM (SELECT t.name FROM volunteer_team_members m JOIN volunteer_teams t ON t.id = m.team_id AND t.deleted_at IS NULL
      WHERE m.volunteer_id = v.id AND m.to_date IS NULL AND m.deleted_at IS NULL ORDER BY t.name)) AS teams,
    (SELECT coalesce(sum(s.minutes), 0) FROM volunteer_services s WHERE s.volunteer_id = v.id AND s.deleted_at IS NULL AND s.date BETWEEN @from AND @to) AS minutes_year,
    (SELECT count(*) FROM volunteer_services s WHERE s.volunteer_id = v.id AND s.deleted_at IS NULL AND s.date BETWEEN @from AND @to) AS services_year,
    (SELECT coalesce(sum(s.minutes), 0) FROM volunteer_services s WHERE s.volunteer_id = v.id AND s.deleted_at IS NULL) AS minutes_total,
    (SELECT count(*) FROM volunteer_services s WHERE s.volunteer_id = v.id AND s.deleted_at IS NULL) AS services_total`;

const SELECT = `SELECT ${COLUMNS} FROM volunteers v ${PERSON_JOIN}`;

function toRow(r: VolunteerSqlRow): VolunteerRow {
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    kind: r.kind,
    phone: r.phone,
    organisation: r.organisation,
    notes: r.notes,
    teams: JSON.parse(r.teams) as string[],
    minutesYear: r.minutes_year,
    minutesTotal: r.minutes_total,
    originOffice: r.origin_office,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listVolunteers(db: Db, query: VolunteerListQuery, year: number): { total: number; rows: VolunteerRow[] } {
  const where = new Where(LIVING_VOLUNTEER);
  const q = query.q?.trim() ?? '';
  if (q !== '') {
    // Chinese characters match anywhere in the name; letters match the start of the full pinyin or the initials.
    where.and(
      `(${VOLUNTEER_NAME} LIKE @like ESCAPE '\\' OR ${VOLUNTEER_SORT} LIKE @prefix ESCAPE '\\' OR COALESCE(p.name_initials, v.name_initials) LIKE @prefix ESCAPE '\\')`,
      { like: likeContains(q), prefix: likePrefix(q.toLowerCase().replace(/\s/g, '')) },
    );
  }
  where
    .andIf('EXISTS (SELECT 1 FROM volunteer_team_members m WHERE m.volunteer_id = v.id AND m.team_id = @teamId AND m.to_date IS NULL AND m.deleted_at IS NULL)', {
      teamId: query.teamId,
    })
    .andIf('v.kind = @kind', { kind: query.kind })
    .andIf('v.origin_office = @office', { office: query.office });
  // The filters make at most 16 different texts: few enough to keep compiled.
  const total = countWhere(db, `FROM volunteers v ${PERSON_JOIN}`, where);
  // The page's ids first, then the sums for those rows only: a county has thousands of volunteers.
  const rows = cachedStatement(
    db,
    `WITH page AS MATERIALIZED (SELECT v.id FROM volunteers v ${PERSON_JOIN} ${where.clause} ORDER BY ${VOLUNTEER_SORT}, v.id LIMIT @limit OFFSET @offset)
     SELECT ${COLUMNS} FROM page CROSS JOIN volunteers v ON v.id = page.id ${PERSON_JOIN} ORDER BY ${VOLUNTEER_SORT}, v.id`,
  ).all({ ...where.params, ...yearRange(year), limit: query.limit, offset: query.offset }) as VolunteerSqlRow[];
  return { total, rows: rows.map(toRow) };
}

function detailOf(db: Db, row: VolunteerSqlRow, year: number): VolunteerDetail {
  return { ...toRow(row), servicesYear: row.services_year, servicesTotal: row.services_total, memberships: membershipsOf(db, row.id, year) };
}

export function getVolunteer(db: Db, id: string, year: number): VolunteerDetail {
  const row = cachedStatement(db, `${SELECT} WHERE v.id = @id AND ${LIVING_VOLUNTEER}`).get({ ...yearRange(year), id }) as VolunteerSqlRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Volunteer ${id} not found.`, { entity: 'volunteer', id });
  return detailOf(db, row, year);
}

/** The registry person's volunteer record, or null. */
export function volunteerOfPerson(db: Db, personId: string, year: number): VolunteerDetail | null {
  if (!cachedStatement(db, 'SELECT 1 FROM persons WHERE id = ? AND deleted_at IS NULL').get(personId)) {
    throw new AppError('NOT_FOUND', `Person ${personId} not found.`, { entity: 'person', id: personId });
  }
  const row = cachedStatement(db, `${SELECT} WHERE v.person_id = @personId AND v.deleted_at IS NULL`).get({ ...yearRange(year), personId }) as VolunteerSqlRow | undefined;
  return row ? detailOf(db, row, year) : null;
}
