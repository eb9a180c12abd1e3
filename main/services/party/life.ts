/**
 * 三会一课 of a branch: for each quarter of a year, which of 支部党员大会, 支部委员会, 党小组会 and 党课
 * were held against their rhythm (FORM_RHYTHM). Only what has ended can be missed: the running month
 * or quarter is "open", later ones (and those before the branch was founded) "future".
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { FORM_RHYTHM, MEETING_FORMS, type BranchLife, type MeetingForm } from '../../../shared/schemas/party';
import { requireBranch } from './branches';

type QuarterState = BranchLife['rows'][number]['quarters'][number];

export function branchLife(db: Db, branchId: string, year: number, today: string): BranchLife {
  requireBranch(db, branchId);
  const held = cachedStatement(
    db,
    `SELECT form, substr(date, 6, 2) AS month, count(*) AS n FROM party_meetings
      WHERE branch_id = ? AND deleted_at IS NULL AND form IS NOT NULL AND date BETWEEN ? AND ?
      GROUP BY form, month`,
  ).all(branchId, `${year}-01-01`, `${year}-12-31`) as { form: MeetingForm; month: string; n: number }[];
  const count = new Map(held.map((h) => [`${h.form}:${Number(h.month)}`, h.n]));
  const hasGroups =
    cachedStatement(db, "SELECT 1 FROM party_meetings WHERE branch_id = ? AND deleted_at IS NULL AND form = 'group_meeting' LIMIT 1").get(branchId) !== undefined;
  // The month now running (13: the year is over; 0: it has not begun): months before it are judged.
  const [thisYear, thisMonth] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const firstOpenMonth = year < thisYear ? 13 : year > thisYear ? 0 : thisMonth;
  // Nothing is due of a branch before the month it was founded.
  const founded = (cachedStatement(db, 'SELECT founded_on FROM party_branches WHERE id = ?').get(branchId) as { founded_on: string | null }).founded_on;
  const firstDueMonth = founded === null || Number(founded.slice(0, 4)) < year ? 1 : Number(founded.slice(0, 4)) > year ? 13 : Number(founded.slice(5, 7));
  const rows = MEETING_FORMS.map((form) => {
    const per = FORM_RHYTHM[form];
    const quarters = [1, 2, 3, 4].map((quarter): QuarterState => {
      const months = [1, 2, 3].map((i) => (quarter - 1) * 3 + i);
      const heldIn = (m: number) => count.get(`${form}:${m}`) ?? 0;
      const total = months.reduce((sum, m) => sum + heldIn(m), 0);
      if ((months[0] as number) > firstOpenMonth || (months[2] as number) < firstDueMonth) {
        return { quarter, held: total, due: 0, met: 0, state: 'future' };
      }
      const ended = months.filter((m) => m < firstOpenMonth && m >= firstDueMonth);
      const quarterEnded = ended.length === 3;
      if (per === 'quarter') {
        const due = quarterEnded ? 1 : 0;
        const met = total > 0 ? 1 : 0;
        const state = met === 1 ? 'ok' : quarterEnded ? 'missing' : 'open';
        return { quarter, held: total, due, met: Math.min(met, due), state };
      }
      const met = ended.filter((m) => heldIn(m) > 0).length;
      const state = met < ended.length ? 'missing' : quarterEnded ? 'ok' : 'open';
      return { quarter, held: total, due: ended.length, met, state };
    });
    return { form, per, applies: form !== 'group_meeting' || hasGroups, quarters };
  });
  return { year, rows };
}
