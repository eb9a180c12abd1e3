/**
 * Party life of members for the periodic situation feedback to their original units (双重管理): the
 * units capability builds the feedback document; this module answers what the branch knows about
 * each member over a period.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { continuousSince } from './memberships';
import { dueMonths, monthOf } from './months';
import { addDays } from '../../../shared/calendar';

export interface PartyLife {
  branchName: string;
  relationHeld: 'original_unit' | 'community';
  managementMode: 'multi' | 'single' | 'combined';
  unitPartyContact: string;
  meetingsHeld: number;
  meetingsAttended: number;
  duesMonthsPaid: number;
  duesMonthsBehind: number;
}

interface MembershipRow {
  id: string;
  branch_name: string;
  relation_held: PartyLife['relationHeld'];
  management_mode: PartyLife['managementMode'];
  unit_party_contact: string;
  from_date: string;
  to_date: string | null;
}

/**
 * The person's latest membership overlapping [from, to] (periods are half-open: a row ended on D
 * covers up to D-1; an empty row, moved on the day it began, covers nothing). A member who left
 * during the period is reported with the branch they left.
 */
const LATEST = `SELECT m.id, b.name AS branch_name, m.relation_held, m.management_mode, m.unit_party_contact, m.from_date, m.to_date
  FROM party_memberships m JOIN party_branches b ON b.id = m.branch_id
  WHERE m.person_id = @personId AND m.deleted_at IS NULL AND m.from_date <= @to
    AND (m.to_date IS NULL OR (m.to_date > @from AND m.to_date > m.from_date))
  ORDER BY m.from_date DESC, m.id DESC LIMIT 1`;

/**
 * Meetings of every branch the person belonged to, held in [from, to] on a day they were a member of
 * it (a member who moved branch mid-period counts meetings of both; on the move day only the new
 * branch's), and how many of those they attended.
 */
const MEETINGS = `SELECT count(*) AS held, coalesce(sum(a.present), 0) AS attended
  FROM party_memberships m
  JOIN party_meetings g ON g.branch_id = m.branch_id AND g.deleted_at IS NULL
    AND g.date >= m.from_date AND (m.to_date IS NULL OR g.date < m.to_date)
  LEFT JOIN party_meeting_attendance a ON a.meeting_id = g.id AND a.person_id = m.person_id AND a.deleted_at IS NULL
  WHERE m.person_id = @personId AND m.deleted_at IS NULL AND g.date >= @from AND g.date <= @to`;

const DUES_IN_RANGE = `SELECT month FROM party_dues WHERE person_id = ? AND deleted_at IS NULL AND month >= ? AND month <= ?`;

/**
 * For each of `personIds` with a membership overlapping [from, to]: its branch and modes, the meetings
 * held and attended in [from, to], the dues months paid in that range, and the months behind (counted
 * as in the arrears list, across branch moves) up to the earliest of `to`, `today` and the last day
 * of the membership. Persons without such a membership are left out.
 */
export function partyLifeOf(
  db: Db,
  personIds: readonly string[],
  from: string,
  to: string,
  /** The office's today (the caller's clock): months after it are not owed yet. */
  today: string,
): Map<string, PartyLife> {
  const result = new Map<string, PartyLife>();
  for (const personId of personIds) {
    const membership = cachedStatement(db, LATEST).get({ personId, from, to }) as MembershipRow | undefined;
    if (!membership) continue;
    const meetings = cachedStatement(db, MEETINGS).get({ personId, from, to }) as { held: number; attended: number };
    const paidInRange = cachedStatement(db, DUES_IN_RANGE).all(personId, monthOf(from), monthOf(to)) as { month: string }[];
    // Nothing is owed for months still to come, nor after the member left.
    const lastDay = [to, today, membership.to_date === null ? to : addDays(membership.to_date, -1)].reduce((a, b) => (b < a ? b : a));
    const since = continuousSince(db, { id: membership.id, personId, fromDate: membership.from_date });
    const owed = dueMonths(since, monthOf(lastDay));
    const paidOwed = owed.length === 0
      ? new Set<string>()
      : new Set((cachedStatement(db, DUES_IN_RANGE).all(personId, owed[0], owed[owed.length - 1]) as { month: string }[]).map((r) => r.month));
    result.set(personId, {
      branchName: membership.branch_name,
      relationHeld: membership.relation_held,
      managementMode: membership.management_mode,
      unitPartyContact: membership.unit_party_contact,
      meetingsHeld: meetings.held,
      meetingsAttended: meetings.attended,
      duesMonthsPaid: paidInRange.length,
      duesMonthsBehind: owed.filter((m) => !paidOwed.has(m)).length,
    });
  }
  return result;
}
