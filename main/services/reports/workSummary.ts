/**
 * 月度工作小结: per grid worker and contact person for a period, the persons they are responsible
 * for, the visits due in it (by who was responsible on the due date) and where they stand, the
 * visits they recorded, the 慰问金 they brought and the requests they resolved; and the office's
 * totals. The visit figures are those of the catalogue's visits.plan, broken down by contact.
 */
import { cachedStatement } from '../../db/statements';
import { indicator, type IndicatorDef } from '../../../shared/reports/catalogue';
import type { User } from '../../../shared/schemas/user';
import type { WorkSummary, WorkSummaryRow } from '../../../shared/schemas/reports';
import { computeFor, periodOf } from './engine';
import type { ReportContext } from './scope';
import { officeIs, STILL_DUE, contactOn, onRegister } from './sql';
import { addDays } from '../../../shared/reports/period';
import { localDayStartUtc } from './sql';

type Counts = Omit<WorkSummaryRow, 'behind' | 'userId' | 'name' | 'role' | 'grids'>;

const zero = (): Counts => ({ persons: 0, planned: 0, done: 0, overdue: 0, missed: 0, pending: 0, completion: null, records: 0, giftFen: 0, requestsResolved: 0 });

export function workSummary(rc: ReportContext, query: { period: string; userId?: string | undefined }, asker: User | null): WorkSummary {
  // A grid worker reads their own summary only.
  const only = asker?.role === 'gridworker' ? asker.id : query.userId;
  const plan = indicator('visits.plan') as IndicatorDef;
  const recordsDef = indicator('visits.records') as IndicatorDef;
  const period = periodOf(rc, plan, query.period);
  const visits = computeFor(rc, plan, period, 'contact');
  const records = computeFor(rc, recordsDef, periodOf(rc, recordsDef, query.period), 'recorder');
  const params = { office: rc.office, asOf: period.asOf, asOfEnd: localDayStartUtc(addDays(period.asOf, 1)), from: period.from, today: rc.today };

  const persons = cachedStatement(
    rc.db,
    `SELECT c AS user_id, count(*) AS n FROM (SELECT ${contactOn('@asOf')} AS c FROM persons p WHERE p.deleted_at IS NULL AND ${officeIs(rc.office)} AND ${onRegister('@asOf', '@asOfEnd')})
     WHERE c IS NOT NULL GROUP BY c`,
  ).all(params) as { user_id: string; n: number }[];
  const resolved = cachedStatement(
    rc.db,
    `SELECT r.assigned_to AS user_id, count(*) AS n FROM service_requests r JOIN persons p ON p.id = r.person_id AND p.deleted_at IS NULL
     WHERE r.deleted_at IS NULL AND r.status = 'resolved' AND r.resolved_on BETWEEN @from AND @asOf AND r.assigned_to IS NOT NULL AND ${officeIs(rc.office)}
     GROUP BY r.assigned_to`,
  ).all(params) as { user_id: string; n: number }[];
  const behind = cachedStatement(
    rc.db,
    `SELECT ${contactOn('v.due_date')} AS user_id, p.id AS person_id, p.name, v.reason, v.due_date, CASE WHEN @today > v.missed_after THEN 'missed' ELSE 'overdue' END AS status
     FROM planned_visits v JOIN persons p ON p.id = v.person_id AND p.deleted_at IS NULL
     WHERE v.deleted_at IS NULL AND ${STILL_DUE} AND v.done_on IS NULL AND v.due_date BETWEEN @from AND @to AND v.due_date < @today AND ${officeIs(rc.office)}
     ORDER BY v.due_date, p.name_pinyin`,
  ).all({ ...params, to: period.to }) as { user_id: string | null; person_id: string; name: string; reason: string; due_date: string; status: 'overdue' | 'missed' }[];
  const users = cachedStatement(
    rc.db,
    `SELECT u.id, u.display_name, u.role, (SELECT group_concat(g.name, '、') FROM grid_workers gw JOIN grids g ON g.id = gw.grid_id AND g.deleted_at IS NULL
       WHERE gw.user_id = u.id AND gw.deleted_at IS NULL) AS grids FROM users u WHERE u.disabled = 0 OR u.id IN (SELECT value FROM json_each(@ids))`,
  ).all({ ids: JSON.stringify([...visits.rows.map((r) => r.key), ...records.rows.map((r) => r.key)].filter((k) => k !== null)) }) as {
    id: string;
    display_name: string;
    role: string;
    grids: string | null;
  }[];

  const rows = new Map<string | null, WorkSummaryRow>();
  const rowOf = (userId: string | null, name: string | null): WorkSummaryRow => {
    let row = rows.get(userId);
    if (!row) {
      const u = userId === null ? undefined : users.find((x) => x.id === userId);
      row = {
        userId,
        name: u?.display_name ?? name ?? (userId === null ? '（无责任联系人）' : userId),
        role: u?.role ?? null,
        grids: u?.grids ? u.grids.split('、') : [],
        ...zero(),
        behind: [],
      };
      rows.set(userId, row);
    }
    return row;
  };
  // Everyone who works with persons appears, even with nothing this period: a blank line is news too.
  for (const u of users) if (u.role === 'gridworker' || persons.some((p) => p.user_id === u.id)) rowOf(u.id, u.display_name);
  for (const r of visits.rows) {
    const row = rowOf(r.key, r.name);
    row.planned = r.figures['planned'] ?? 0;
    row.done = r.figures['done'] ?? 0;
    row.overdue = r.figures['overdue'] ?? 0;
    row.missed = r.figures['missed'] ?? 0;
    row.pending = r.figures['pending'] ?? 0;
    row.completion = r.figures['completion'] ?? null;
  }
  for (const r of records.rows) {
    if (r.key === null) continue;
    const row = rowOf(r.key, r.name);
    row.records = r.figures['records'] ?? 0;
    row.giftFen = Math.round((r.figures['giftFen'] ?? 0) * 100);
  }
  for (const p of persons) rowOf(p.user_id, null).persons = p.n;
  for (const r of resolved) rowOf(r.user_id, null).requestsResolved = r.n;
  for (const b of behind) rowOf(b.user_id, null).behind.push({ personId: b.person_id, name: b.name, reason: b.reason, due: b.due_date, status: b.status });

  const all = [...rows.values()].sort((a, b) => (a.userId === null ? 1 : 0) - (b.userId === null ? 1 : 0) || a.name.localeCompare(b.name, 'zh-CN'));
  const shown = only === undefined ? all : all.filter((r) => r.userId === only);
  const totals = zero();
  for (const r of only === undefined ? all : shown) {
    totals.persons += r.persons;
    totals.planned += r.planned;
    totals.done += r.done;
    totals.overdue += r.overdue;
    totals.missed += r.missed;
    totals.pending += r.pending;
    totals.records += r.records;
    totals.giftFen += r.giftFen;
    totals.requestsResolved += r.requestsResolved;
  }
  totals.completion = totals.planned > 0 ? Math.round((totals.done / totals.planned) * 1000) / 10 : null;
  return { period, office: { id: rc.office, name: rc.officeName, bureauOwn: rc.bureauOwn }, rows: shown, totals };
}
