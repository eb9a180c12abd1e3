/**
 * Party life of members for the periodic situation feedback to their original units (双重管理): the
 * units capability builds the feedback document; this module answers what the branch knows about
 * each member over a period.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { dueMonths, monthOf } from './months';

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

interface CurrentRow {
  branch_name: string;
  relation_held: PartyLife['relationHeld'];
  management_mode: PartyLife['managementMode'];
  unit_party_contact: string;
  from_date: string;
}

const CURRENT = `SELECT b.name AS branch_name, m.relation_held, m.management_mode, m.unit_party_contact, m.from_date
  FROM party_memberships m JOIN party_branches b ON b.id = m.branch_id
  WHERE m.person_id = ? AND m.to_date IS NULL AND m.deleted_at IS NULL`;

/**
 * Meetings of every branch the person belonged to, held in [from, to] on a day they were a member of
 * it (a member who moved branch mid-period counts meetings of both), and how many of those they attended.
 */
const MEETINGS = `SELECT count(*) AS held, coalesce(sum(a.present), 0) AS attended
  FROM party_memberships m
  JOIN party_meetings g ON g.branch_id = m.branch_id AND g.deleted_at IS NULL
    AND g.date >= m.from_date AND (m.to_date IS NULL OR g.date <= m.to_date)
  LEFT JOIN party_meeting_attendance a ON a.meeting_id = g.id AND a.person_id = m.person_id AND a.deleted_at IS NULL
  WHERE m.person_id = @personId AND m.deleted_at IS NULL AND g.date >= @from AND g.date <= @to`;

const DUES_IN_RANGE = `SELECT month FROM party_dues WHERE person_id = ? AND deleted_at IS NULL AND month >= ? AND month <= ?`;

/**
 * For each of `personIds` with a current membership: its branch and modes, the meetings held and
 * attended in [from, to], the dues months paid in that range, and the months behind as of `to`
 * (counted as in the arrears list). Persons without a current membership are left out.
 */
export function partyLifeOf(db: Db, personIds: readonly string[], from: string, to: string): Map<string, PartyLife> {
  const result = new Map<string, PartyLife>();
  const toMonth = monthOf(to);
  for (const personId of personIds) {
    const current = cachedStatement(db, CURRENT).get(personId) as CurrentRow | undefined;
    if (!current) continue;
    const meetings = cachedStatement(db, MEETINGS).get({ personId, from, to }) as { held: number; attended: number };
    const paidInRange = cachedStatement(db, DUES_IN_RANGE).all(personId, monthOf(from), toMonth) as { month: string }[];
    const owed = dueMonths(current.from_date, toMonth);
    const paidOwed = owed.length === 0
      ? new Set<string>()
      : new Set((cachedStatement(db, DUES_IN_RANGE).all(personId, owed[0], toMonth) as { month: string }[]).map((r) => r.month));
    result.set(personId, {
      branchName: current.branch_name,
      relationHeld: current.relation_held,
      managementMode: current.management_mode,
      unitPartyContact: current.unit_party_contact,
      meetingsHeld: meetings.held,
      meetingsAttended: meetings.attended,
      duesMonthsPaid: paidInRange.length,
      duesMonthsBehind: owed.filter((m) => !paidOwed.has(m)).length,
    });
  }
  return result;
}
