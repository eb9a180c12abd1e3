/**
 * "My visits": the open planned visits of the persons a user is responsible for, overdue first,
 * then due, then upcoming (missed last, when asked for), with counts per status and the open
 * service requests of those persons.
 *
 * A user's list starts from their current assignments (contact_assignments_user), then each
 * person's open visits by due date (planned_visits_open), so its cost follows the size of the
 * user's caseload, not the database; a grid's or one office's list likewise from its persons. The
 * whole office's list reads its weeks of open visits from their own index instead (0026). Each
 * reads its open visits twice at most: once for every count, once for the page. Status is worked
 * out in SQL with the same rule as visitStatus() in the engine.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { Where } from '../../db/paged';
import type { OpenVisitStatus, WorklistQuery, WorklistRow } from '../../../shared/schemas/visits';
import type { ServiceRequest } from '../../../shared/schemas/requests';
import type { ContactRole } from '../../../shared/schemas/assignments';
import type { PlannedVisitRow } from './planning';
import { addDays, ageOn } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import type { User } from '../../../shared/schemas/user';
import { getSettings } from '../settings/settings';
import { scheduleRulesSchema } from '../../../shared/schedule/rules';
import { lastVisitDates, riskFlags } from './flags';
import { activeRequestsWhere } from '../requests/requests';

/** Without a `from` date, missed visits are counted (and listed, when asked) for this many days back. */
export const MISSED_LOOKBACK_DAYS = 90;
/** The largest missedAfterDays the rules allow (scheduleRulesSchema). */
const MAX_MISSED_AFTER_DAYS = scheduleRulesSchema.shape.missedAfterDays.maxValue ?? 366;

/** Each status's place in the list (overdue first, missed last), by its number in STATUS_RANK_SQL. */
const OPEN_STATUSES_BY_RANK: readonly OpenVisitStatus[] = ['overdue', 'due', 'upcoming', 'missed'];
/** A visit's status as its place in OPEN_STATUSES_BY_RANK. */
const STATUS_RANK_SQL = `CASE WHEN @today < v.window_start THEN 2 WHEN @today <= v.due_date THEN 1 WHEN @today <= v.missed_after THEN 0 ELSE 3 END`;

/** A shown visit: the planned visit's own columns and what the list shows of its person. */
interface ShownRow extends Pick<PlannedVisitRow, 'id' | 'person_id' | 'key' | 'reason' | 'due_date' | 'window_start' | 'missed_after'> {
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  address: string;
  phones: string;
  grid_id: string | null;
  grid_name: string | null;
  origin_office: string;
  person_status: 'active' | 'moved_out' | 'deceased';
  living_situation: string;
  latest_adl_total: number | null;
  high_risk: number;
}

export interface WorklistTarget {
  scope: 'user' | 'all' | 'unassigned';
  /** For scope 'user'. */
  userId: string | null;
}

export interface Worklist {
  userId: string | null;
  today: string;
  counts: Record<OpenVisitStatus | 'done', number>;
  personCounts: Record<OpenVisitStatus, number>;
  total: number;
  rows: WorklistRow[];
  requests: ServiceRequest[];
}

interface Built {
  /** Tables of the persons in the list: alias p (and a, the assignment, for scope 'user'). */
  from: string;
  /** Conditions on them. */
  where: Where;
  roleColumn: string;
}

function personsOf(target: WorklistTarget, query: Pick<WorklistQuery, 'includeBackup' | 'gridId' | 'office'>): Built {
  const where = new Where('p.deleted_at IS NULL');
  let from = 'persons p';
  let roleColumn = 'NULL';
  if (target.scope === 'user') {
    from = 'contact_assignments a JOIN persons p ON p.id = a.person_id';
    where.and('a.user_id = @userId', { userId: target.userId }).and('a.to_date IS NULL').and('a.deleted_at IS NULL');
    if (!query.includeBackup) where.and("a.role = 'primary'");
    roleColumn = 'a.role';
  } else if (target.scope === 'unassigned') {
    where.and("NOT EXISTS (SELECT 1 FROM contact_assignments x WHERE x.person_id = p.id AND x.role = 'primary' AND x.to_date IS NULL AND x.deleted_at IS NULL)");
  }
  where.andIf('p.grid_id = @gridId', { gridId: query.gridId }).andIf('p.origin_office = @office', { office: query.office });
  return { from, where, roleColumn };
}

/**
 * The worklist a user asks for: a user's (the asker's own unless another is named), the whole
 * office's or that of the persons nobody is responsible for. A grid worker sees their own only.
 */
export function worklistFor(db: Db, user: User, query: WorklistQuery, today: string): Worklist {
  if (user.role === 'gridworker' && (query.scope !== 'user' || (query.userId !== undefined && query.userId !== user.id))) {
    throw new AppError('FORBIDDEN', 'A grid worker sees their own worklist only.', { role: user.role, channel: 'visits.worklist' });
  }
  const target: WorklistTarget = query.scope === 'user' ? { scope: 'user', userId: query.userId ?? user.id } : { scope: query.scope, userId: null };
  return worklist(db, target, query, today);
}

export function worklist(db: Db, target: WorklistTarget, query: WorklistQuery, today: string): Worklist {
  const built = personsOf(target, query);
  const missedSince = query.from ?? addDays(today, -MISSED_LOOKBACK_DAYS);
  const horizon = addDays(today, query.upcomingDays);
  // missed_after is at most MAX_MISSED_AFTER_DAYS after the due date, so this bound on due_date
  // (redundant with the one on missed_after) lets the index skip years of old visits.
  const dueFloor = addDays(missedSince, -MAX_MISSED_AFTER_DAYS);
  const open = new Where()
    .and(built.where.sql, built.where.params)
    .and('v.deleted_at IS NULL AND v.done_on IS NULL AND v.cancelled_on IS NULL')
    .and('v.missed_after >= @missedSince', { missedSince })
    .and('v.due_date >= @dueFloor', { dueFloor });
  // A window opens on or before its due date (a CHECK of the table), so a bound on the due date
  // bounds the window too, and the whole office's walk below stops there.
  if (query.to !== undefined) open.and('v.due_date <= @to AND v.window_start <= @to', { to: query.to });
  else open.and('v.window_start <= @horizon', { horizon });
  // One routine visit per person at a time: the next period's waits while this period's is open,
  // unless it falls due within the range asked for (a monthly person's next month, on a list of both)
  // or the days ahead asked for.
  open.and(
    `NOT (v.reason = 'routine' AND v.due_date > @lastDue AND EXISTS (SELECT 1 FROM planned_visits e WHERE e.person_id = v.person_id AND e.reason = 'routine'
      AND e.deleted_at IS NULL AND e.done_on IS NULL AND e.cancelled_on IS NULL AND e.due_date < v.due_date AND e.missed_after >= @today))`,
    { lastDue: query.to ?? horizon, today },
  );
  open.andIf('v.due_date >= @from', { from: query.from }).andIf('v.reason = @reason', { reason: query.reason });
  // The whole office (or its persons nobody is responsible for) holds most open visits: they are
  // read once from the index of open visits by the day their window opens, each person from the
  // index of what the list needs of them, never the wide rows. A worker's, a grid's or one office's
  // list starts from its few persons and reads their visits (the planner's choice, as before).
  const wholeOffice = target.scope !== 'user' && query.gridId === undefined && query.office === undefined;
  // A bound below that every date meets: with the bound above alone SQLite guesses the walk holds a
  // quarter of the index, more visits than there are persons, and would check each person through
  // a Bloom filter built from the wide persons rows (the whole register read, the index not used
  // alone); with both it guesses a sixteenth and reads the persons' index only.
  if (wholeOffice) open.and("v.window_start >= '0000-01-01'");
  const from = wholeOffice
    ? 'planned_visits v INDEXED BY planned_visits_window JOIN persons p INDEXED BY persons_worklist ON p.id = v.person_id'
    : `${built.from} JOIN planned_visits v ON v.person_id = p.id`;
  const base = `FROM ${from} ${open.clause}`;
  const pageFrom = `FROM ${from} LEFT JOIN grids g ON g.id = p.grid_id`;
  const params = { ...open.params, today };

  // The visits of each status and each person once, under their most pressing status, in one read.
  const counts: Worklist['counts'] = { overdue: 0, due: 0, upcoming: 0, missed: 0, done: 0 };
  const personCounts: Worklist['personCounts'] = { overdue: 0, due: 0, upcoming: 0, missed: 0 };
  const byPerson = `SELECT min(r) AS pr, sum(r = 0) AS o, sum(r = 1) AS d, sum(r = 2) AS u, sum(r = 3) AS m
    FROM (SELECT v.person_id, ${STATUS_RANK_SQL} AS r ${base}) GROUP BY person_id`;
  for (const c of cachedStatement(db, `SELECT pr, count(*) AS n, sum(o) AS o, sum(d) AS d, sum(u) AS u, sum(m) AS m FROM (${byPerson}) GROUP BY pr`).all(params) as {
    pr: number;
    n: number;
    o: number;
    d: number;
    u: number;
    m: number;
  }[]) {
    const status = OPEN_STATUSES_BY_RANK[c.pr];
    if (status) personCounts[status] = c.n;
    counts.overdue += c.o;
    counts.due += c.d;
    counts.upcoming += c.u;
    counts.missed += c.m;
  }
  const doneFrom = query.from ?? `${today.slice(0, 7)}-01`;
  const doneTo = query.to ?? today;
  const done = new Where()
    .and(built.where.sql, built.where.params)
    .and('v.done_on >= @doneFrom', { doneFrom })
    .and('v.done_on <= @doneTo', { doneTo })
    .andIf('v.reason = @reason', { reason: query.reason });
  counts.done = (
    cachedStatement(
      db,
        `SELECT count(*) AS n FROM ${built.from} JOIN planned_visits v ON v.person_id = p.id AND v.deleted_at IS NULL AND v.done_on IS NOT NULL
         ${done.clause}`,
      )
      .get(done.params) as { n: number }
  ).n;

  const statuses = query.statuses;
  const total = statuses.reduce((sum, s) => sum + counts[s], 0);
  // The page in the list's order, read from the indexes alone; then what it shows of its visits and persons.
  const page = cachedStatement(
    db,
    `SELECT v.id, ${built.roleColumn} AS contact_role, ${STATUS_RANK_SQL} AS r ${pageFrom} ${open.clause}
       AND ${STATUS_RANK_SQL} IN (SELECT value FROM json_each(@ranks))
     ORDER BY r, v.due_date, g.name IS NULL, g.name, p.address, p.name_pinyin, v.key, v.id
     LIMIT @limit OFFSET @offset`,
  ).all({ ...params, ranks: JSON.stringify(statuses.map((s) => OPEN_STATUSES_BY_RANK.indexOf(s))), limit: query.limit, offset: query.offset }) as {
    id: string;
    contact_role: ContactRole | null;
    r: number;
  }[];
  const shown = new Map(
    (
      cachedStatement(
        db,
        `SELECT v.id, v.person_id, v.key, v.reason, v.due_date, v.window_start, v.missed_after,
           p.name, p.gender, p.birth_date, p.address, p.phones, p.grid_id, g.name AS grid_name, p.origin_office, p.status AS person_status,
           p.living_situation, p.latest_adl_total, p.high_risk
         FROM json_each(@ids) j JOIN planned_visits v ON v.id = j.value JOIN persons p ON p.id = v.person_id LEFT JOIN grids g ON g.id = p.grid_id`,
      ).all({ ids: JSON.stringify(page.map((r) => r.id)) }) as ShownRow[]
    ).map((r) => [r.id, r]),
  );
  const rows = page.map((w) => {
    const r = shown.get(w.id);
    if (!r) throw new Error(`the worklist lost visit ${w.id} between two reads of one transaction`);
    return { ...r, contact_role: w.contact_role, status: OPEN_STATUSES_BY_RANK[w.r] as OpenVisitStatus };
  });
  const riskAge = getSettings(db).scheduleRules.emptyNestRiskAge;
  const last = lastVisitDates(db, rows.map((r) => r.person_id));
  // The requests read joins the person as p: a condition on p alone applies there directly, so the
  // whole office's open requests are walked in their own order instead of probed person by person.
  const requests =
    target.scope === 'user'
      ? activeRequestsWhere(db, `r.person_id IN (SELECT p.id FROM ${built.from} ${built.where.clause})`, built.where.params)
      : activeRequestsWhere(db, built.where.sql, built.where.params);
  return {
    userId: target.userId,
    today,
    counts,
    personCounts,
    total,
    rows: rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      personName: r.name,
      gender: r.gender,
      age: ageOn(r.birth_date, today),
      address: r.address,
      phones: JSON.parse(r.phones) as string[],
      gridId: r.grid_id,
      gridName: r.grid_name,
      originOffice: r.origin_office,
      personStatus: r.person_status,
      key: r.key,
      reason: r.reason,
      dueDate: r.due_date,
      windowStart: r.window_start,
      missedAfter: r.missed_after,
      status: r.status,
      flags: riskFlags(r, today, riskAge),
      lastVisitDate: last.get(r.person_id) ?? null,
      contactRole: r.contact_role,
    })),
    requests,
  };
}
