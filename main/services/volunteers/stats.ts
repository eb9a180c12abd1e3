/**
 * Totals of a year: all of it, per month, per team, and the 光荣榜 of the people who gave the most
 * hours. Summed in SQL over integer minutes of living records of volunteers who count (see
 * LIVING_VOLUNTEER), so nothing is lost to rounding until the screen shows hours.
 *
 * A county has tens of thousands of records a year, so the year is read once: one pass grouped by
 * volunteer, team and month, with the living volunteers worked out once beforehand (not per record),
 * folded here into the four views. Names, team lines and the final order come from SQL as before.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import type { TeamKind, VolunteerKind, VolunteerStats } from '../../../shared/schemas/volunteers';
import { LIVING_VOLUNTEER, PERSON_JOIN, VOLUNTEER_NAME, VOLUNTEER_SORT, yearRange } from './common';

/** The ids of the volunteers who count, computed once per statement instead of once per record. */
const LIVING_IDS = `lv AS MATERIALIZED (SELECT v.id FROM volunteers v WHERE ${LIVING_VOLUNTEER})`;

/** Ranked 1..10 with ties sharing a rank (1, 2, 2, 4): whoever gave as much as the tenth is on the list too. */
export const TOP_RANKS = 10;

interface Group {
  volunteer_id: string;
  team_id: string | null;
  month: number;
  minutes: number;
  services: number;
}

interface Sums {
  minutes: number;
  services: number;
}

interface TeamSums extends Sums {
  volunteers: Set<string>;
}

function add(sums: Sums, g: Group): void {
  sums.minutes += g.minutes;
  sums.services += g.services;
}

export function volunteerStats(db: Db, year: number, thisYear: number): VolunteerStats {
  const range = yearRange(year);
  const groups = cachedStatement(
    db,
    `WITH ${LIVING_IDS}
     SELECT s.volunteer_id, s.team_id, CAST(substr(s.date, 6, 2) AS INTEGER) AS month, sum(s.minutes) AS minutes, count(*) AS services
     FROM volunteer_services s
     WHERE s.deleted_at IS NULL AND s.date BETWEEN @from AND @to AND s.volunteer_id IN lv
     GROUP BY s.volunteer_id, s.team_id, month`,
  ).all(range) as Group[];

  const total: Sums = { minutes: 0, services: 0 };
  const byMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, minutes: 0, services: 0 }));
  const byTeam = new Map<string | null, TeamSums>();
  const byVolunteer = new Map<string, Sums>();
  for (const g of groups) {
    add(total, g);
    const month = byMonth[g.month - 1];
    if (month) add(month, g);
    let team = byTeam.get(g.team_id);
    if (!team) byTeam.set(g.team_id, (team = { minutes: 0, services: 0, volunteers: new Set() }));
    add(team, g);
    team.volunteers.add(g.volunteer_id);
    let person = byVolunteer.get(g.volunteer_id);
    if (!person) byVolunteer.set(g.volunteer_id, (person = { minutes: 0, services: 0 }));
    add(person, g);
  }

  const teams = cachedStatement(
    db,
    // A deleted team keeps its own line (its records keep its name), so its hours never join "no team".
    `SELECT g.value ->> 0 AS team_id, t.name AS team_name, t.kind, coalesce(t.deleted_at IS NOT NULL, 0) AS team_deleted,
       g.value ->> 1 AS minutes, g.value ->> 2 AS services, g.value ->> 3 AS volunteers
     FROM json_each(@teams) g LEFT JOIN volunteer_teams t ON t.id = g.value ->> 0
     ORDER BY g.value ->> 0 IS NULL, coalesce(t.deleted_at IS NOT NULL, 0), g.value ->> 1 DESC, t.name, g.value ->> 0`,
  ).all({ teams: JSON.stringify([...byTeam].map(([id, t]) => [id, t.minutes, t.services, t.volunteers.size])) }) as {
    team_id: string | null;
    team_name: string | null;
    kind: TeamKind | null;
    team_deleted: number;
    minutes: number;
    services: number;
    volunteers: number;
  }[];

  // RANK() OVER (ORDER BY minutes DESC): one more than the number of people who gave more.
  const ranked = [...byVolunteer].sort((a, b) => b[1].minutes - a[1].minutes);
  const top: [string, number, number, number][] = [];
  for (let i = 0; i < ranked.length; i++) {
    const [id, sums] = ranked[i] as [string, Sums];
    const rank = i > 0 && (ranked[i - 1] as [string, Sums])[1].minutes === sums.minutes ? (top[i - 1] as [string, number, number, number])[1] : i + 1;
    if (rank > TOP_RANKS) break;
    top.push([id, rank, sums.minutes, sums.services]);
  }
  const topRows = cachedStatement(
    db,
    `SELECT g.value ->> 1 AS rank, v.id AS volunteer_id, v.person_id, ${VOLUNTEER_NAME} AS name, v.kind, g.value ->> 2 AS minutes, g.value ->> 3 AS services
     FROM json_each(@top) g JOIN volunteers v ON v.id = g.value ->> 0 ${PERSON_JOIN}
     ORDER BY g.value ->> 1, ${VOLUNTEER_SORT}, v.id`,
  ).all({ top: JSON.stringify(top) }) as { rank: number; volunteer_id: string; person_id: string | null; name: string; kind: VolunteerKind; minutes: number; services: number }[];

  const years = (
    cachedStatement(
      db,
      // The years that have living records, hopping along the date index from one year to the next
      // (a handful of seeks) instead of reading every record ever kept. `+` keeps SQLite on that index.
      `WITH RECURSIVE ${LIVING_IDS},
       y(year) AS (
         SELECT (SELECT CAST(substr(s.date, 1, 4) AS INTEGER) FROM volunteer_services s
                 WHERE s.deleted_at IS NULL AND +s.volunteer_id IN lv ORDER BY s.date LIMIT 1)
         UNION ALL
         SELECT (SELECT CAST(substr(s.date, 1, 4) AS INTEGER) FROM volunteer_services s
                 WHERE s.deleted_at IS NULL AND s.date >= printf('%04d', y.year + 1) AND +s.volunteer_id IN lv ORDER BY s.date LIMIT 1)
         FROM y WHERE y.year IS NOT NULL AND y.year < 9999)
       SELECT year FROM y WHERE year IS NOT NULL`,
    ).all() as { year: number }[]
  ).map((r) => r.year);

  return {
    year,
    years: [...new Set([...years, thisYear, year])].sort((a, b) => b - a),
    totalMinutes: total.minutes,
    services: total.services,
    volunteers: byVolunteer.size,
    months: byMonth,
    teams: teams.map((t) => ({ teamId: t.team_id, teamName: t.team_name, kind: t.kind, teamDeleted: t.team_deleted === 1, minutes: t.minutes, services: t.services, volunteers: t.volunteers })),
    top: topRows.map((r) => ({ rank: r.rank, volunteerId: r.volunteer_id, personId: r.person_id, name: r.name, kind: r.kind, minutes: r.minutes, services: r.services })),
  };
}
