/**
 * Pieces every volunteers module shares: the year's date range and the SQL that names a volunteer
 * (a registry volunteer's name follows the registry).
 */
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import type { VolunteerKind } from '../../../shared/schemas/volunteers';

export interface YearRange {
  from: string;
  to: string;
}

/** Dates are YYYY-MM-DD text, so a year is a text range: Dec 31 belongs to its year, Jan 1 to the next. */
export function yearRange(year: number): YearRange {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** `v` is volunteers, `p` the LEFT JOINed living person. */
export const VOLUNTEER_NAME = 'COALESCE(p.name, v.name)';
export const VOLUNTEER_SORT = 'COALESCE(p.name_pinyin, v.name_pinyin)';
export const PERSON_JOIN = 'LEFT JOIN persons p ON p.id = v.person_id AND p.deleted_at IS NULL';
/**
 * `v` is a volunteer who counts: their row lives and, for a registry volunteer, so does the person.
 * A person deleted from the registry takes their volunteering out of every list and total (as a
 * deleted person's service requests go); their rows stay as they were. Usable in a JOIN's ON.
 */
export const LIVING_VOLUNTEER =
  'v.deleted_at IS NULL AND (v.person_id IS NULL OR EXISTS (SELECT 1 FROM persons lp WHERE lp.id = v.person_id AND lp.deleted_at IS NULL))';

export interface VolunteerBasics {
  id: string;
  person_id: string | null;
  name: string;
  kind: VolunteerKind;
}

export function requireVolunteer(db: Db, id: string): VolunteerBasics {
  const row = cachedStatement(db, `SELECT v.id, v.person_id, ${VOLUNTEER_NAME} AS name, v.kind FROM volunteers v ${PERSON_JOIN} WHERE v.id = ? AND ${LIVING_VOLUNTEER}`).get(id) as
    | VolunteerBasics
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Volunteer ${id} not found.`, { entity: 'volunteer', id });
  return row;
}

export interface TeamBasics {
  id: string;
  name: string;
}

export function requireTeam(db: Db, id: string): TeamBasics {
  const row = cachedStatement(db, 'SELECT id, name FROM volunteer_teams WHERE id = ? AND deleted_at IS NULL').get(id) as TeamBasics | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Volunteer team ${id} not found.`, { entity: 'volunteer_team', id });
  return row;
}

/** The subject of a write in the change history: the registry person behind a volunteer, if any. */
export function subjectOf(volunteer: Pick<VolunteerBasics, 'person_id'>): string | undefined {
  return volunteer.person_id ?? undefined;
}
