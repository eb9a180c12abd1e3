/**
 * Totals of a year: all of it, per month, per team, and the 光荣榜 of the people who gave the most
 * hours. Summed in SQL over integer minutes of living records of volunteers who count (see
 * LIVING_VOLUNTEER), so nothing is lost to rounding until the screen shows hours.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import type { TeamKind, VolunteerKind, VolunteerStats } from '../../../shared/schemas/volunteers';
import { LIVING_VOLUNTEER, PERSON_JOIN, VOLUNTEER_NAME, VOLUNTEER_SORT, yearRange } from './common';

const LIVING = `FROM volunteer_services s JOIN volunteers v ON v.id = s.volunteer_id AND ${LIVING_VOLUNTEER}
  WHERE s.deleted_at IS NULL AND s.date BETWEEN @from AND @to`;

/** Ranked 1..10 with ties sharing a rank (1, 2, 2, 4): whoever gave as much as the tenth is on the list too. */
export const TOP_RANKS = 10;

export function volunteerStats(db: Db, year: number, thisYear: number): VolunteerStats {
  const range = yearRange(year);
  const totals = cachedStatement(db, `SELECT coalesce(sum(s.minutes), 0) AS minutes, count(*) AS services, count(DISTINCT s.volunteer_id) AS volunteers ${LIVING}`).get(range) as {
    minutes: number;
    services: number;
    volunteers: number;
  };
  const byMonth = new Map(
    (
      cachedStatement(db, `SELECT CAST(substr(s.date, 6, 2) AS INTEGER) AS month, sum(s.minutes) AS minutes, count(*) AS services ${LIVING} GROUP BY month`).all(range) as {
        month: number;
        minutes: number;
        services: number;
      }[]
    ).map((m) => [m.month, m]),
  );
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, minutes: byMonth.get(i + 1)?.minutes ?? 0, services: byMonth.get(i + 1)?.services ?? 0 }));

  const teams = cachedStatement(
    db,
    // A deleted team keeps its own line (its records keep its name), so its hours never join "no team".
    `SELECT s.team_id, t.name AS team_name, t.kind, coalesce(t.deleted_at IS NOT NULL, 0) AS team_deleted,
       sum(s.minutes) AS minutes, count(*) AS services, count(DISTINCT s.volunteer_id) AS volunteers
     FROM volunteer_services s JOIN volunteers v ON v.id = s.volunteer_id AND ${LIVING_VOLUNTEER}
     LEFT JOIN volunteer_teams t ON t.id = s.team_id
     WHERE s.deleted_at IS NULL AND s.date BETWEEN @from AND @to
     GROUP BY s.team_id ORDER BY s.team_id IS NULL, team_deleted, minutes DESC, t.name`,
  ).all(range) as {
    team_id: string | null;
    team_name: string | null;
    kind: TeamKind | null;
    team_deleted: number;
    minutes: number;
    services: number;
    volunteers: number;
  }[];

  const top = cachedStatement(
    db,
    `WITH per AS (SELECT s.volunteer_id, sum(s.minutes) AS minutes, count(*) AS services ${LIVING} GROUP BY s.volunteer_id),
     ranked AS (SELECT per.*, RANK() OVER (ORDER BY minutes DESC) AS rank FROM per)
     SELECT r.rank, r.volunteer_id, v.person_id, ${VOLUNTEER_NAME} AS name, v.kind, r.minutes, r.services
     FROM ranked r JOIN volunteers v ON v.id = r.volunteer_id ${PERSON_JOIN}
     WHERE r.rank <= ${TOP_RANKS} ORDER BY r.rank, ${VOLUNTEER_SORT}, v.id`,
  ).all(range) as { rank: number; volunteer_id: string; person_id: string | null; name: string; kind: VolunteerKind; minutes: number; services: number }[];

  const years = (
    cachedStatement(db, `SELECT DISTINCT CAST(substr(s.date, 1, 4) AS INTEGER) AS year FROM volunteer_services s JOIN volunteers v ON v.id = s.volunteer_id AND ${LIVING_VOLUNTEER}
       WHERE s.deleted_at IS NULL`).all() as { year: number }[]
  ).map((r) => r.year);

  return {
    year,
    years: [...new Set([...years, thisYear, year])].sort((a, b) => b - a),
    totalMinutes: totals.minutes,
    services: totals.services,
    volunteers: totals.volunteers,
    months,
    teams: teams.map((t) => ({ teamId: t.team_id, teamName: t.team_name, kind: t.kind, teamDeleted: t.team_deleted === 1, minutes: t.minutes, services: t.services, volunteers: t.volunteers })),
    top: top.map((r) => ({ rank: r.rank, volunteerId: r.volunteer_id, personId: r.person_id, name: r.name, kind: r.kind, minutes: r.minutes, services: r.services })),
  };
}
