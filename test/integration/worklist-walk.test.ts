/**
 * The worklist reads the whole office's open visits once from their index (and every other list from
 * its persons): every variant a user can ask for answers exactly what a plain reference query over
 * the same rows answers — the counts, the persons under their most pressing status, the page in the
 * list's order and the open requests — over an office with overdue, missed, done, cancelled and
 * next-period visits, deleted persons, persons of other offices and persons moved to another office.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import type { Db } from '../../main/db/connection';
import { fillDatabase } from '../../bench/generator/index';
import { assign } from '../../main/services/assignments/assignments';
import { getOffice } from '../../main/services/app/office';
import { createGrid, placePerson } from '../../main/services/grids/grids';
import { replanAll } from '../../main/services/visits/planning';
import { worklist, type Worklist, type WorklistTarget } from '../../main/services/visits/worklist';
import { addDays } from '../../shared/calendar';
import { gridFieldsSchema } from '../../shared/schemas/grids';
import { worklistQuerySchema, type OpenVisitStatus, type WorklistQuery } from '../../shared/schemas/visits';
import { call, ok } from '../helpers/app';
import { Rng } from '../../bench/generator/prng';
import { careOffice, type CareOffice } from './care.helpers';

const PERSONS = 260;
const OTHER_OFFICE = 'office-b-140702001002';

let o: CareOffice;
let db: Db;
const grids: string[] = [];

beforeAll(async () => {
  o = await careOffice();
  db = o.t.app.db;
  const officeId = getOffice(db)?.id as string;
  const ctx = { actor: SYSTEM_ACTOR, officeId, at: '2025-09-01T08:00:00.000Z' };
  fillDatabase(db, ctx, { seed: 16, count: PERSONS, referenceDate: '2025-09-01', transactionSize: 1000, path: 'fast' });
  const ids = (db.prepare('SELECT id FROM persons WHERE deleted_at IS NULL ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
  const rng = new Rng(1616);
  db.transaction(() => {
    for (const name of ['第一网格', '第二网格']) grids.push(createGrid(db, ctx, gridFieldsSchema.parse({ name })).id);
    ids.forEach((id, i) => {
      // Most persons in a grid, some in none; the grid order is not the insertion order.
      if (i % 7 !== 0) placePerson(db, ctx, id, grids[i % 3 === 0 ? 1 : 0] as string);
      if (i < 90) assign(db, ctx, { personId: id, userId: o.ids.gw1, role: 'primary', reason: '分片包干' }, '2025-09-01');
      else if (i < 170) assign(db, ctx, { personId: id, userId: o.ids.gw2, role: 'primary', reason: '分片包干' }, '2025-09-01');
      if (i >= 150 && i < 180) assign(db, ctx, { personId: id, userId: o.ids.gw1, role: 'backup', reason: '代班' }, '2025-09-01');
    });
  }).immediate();
  await replanAll(db, ctx, '2025-09-01', { sliceMs: Number.POSITIVE_INFINITY });
  // A few months of work: visits done (some late), cancelled by hand, never done (missed).
  const visits = db.prepare('SELECT id, due_date FROM planned_visits WHERE deleted_at IS NULL ORDER BY id').all() as { id: string; due_date: string }[];
  const doneOn = db.prepare('UPDATE planned_visits SET done_on = ? WHERE id = ?');
  const cancel = db.prepare("UPDATE planned_visits SET cancelled_on = ?, cancel_reason = 'manual' WHERE id = ?");
  db.transaction(() => {
    for (const v of visits) {
      if (v.due_date > '2026-01-20') continue;
      const roll = rng.int(0, 99);
      if (roll < 55) doneOn.run(addDays(v.due_date, rng.int(-20, 10)), v.id);
      else if (roll < 60) cancel.run(addDays(v.due_date, -3), v.id);
    }
  }).immediate();
  db.transaction(() => {
    ids.forEach((id, i) => {
      // Deleted persons, persons of another office (as at a bureau) and persons moved to it.
      if (i % 23 === 5) db.prepare('UPDATE persons SET deleted_at = ? WHERE id = ?').run('2025-12-01T00:00:00.000Z', id);
      else if (i % 17 === 3) db.prepare('UPDATE persons SET origin_office = ? WHERE id = ?').run(OTHER_OFFICE, id);
      else if (i % 29 === 7) db.prepare("UPDATE persons SET status = 'moved_out', status_date = '2025-11-15' WHERE id = ?").run(id);
    });
  }).immediate();
  // Same addresses and names in one grid, so the later keys of the order decide.
  db.prepare('UPDATE persons SET address = (SELECT address FROM persons q WHERE q.id = ?) WHERE id IN (?, ?, ?)').run(ids[10], ids[11], ids[12], ids[13]);
  for (const [i, description] of [[1, '助浴'], [40, '陪诊'], [100, '代购'], [160, '维修'], [200, '谈心']] as const) {
    await ok(call(o.t.app, o.staff, 'requests.create', { personId: ids[i] as string, category: 'home_care', description, raisedOn: '2025-12-01' }));
  }
}, 60_000);

afterAll(() => o.t.close());

const RANK: Record<OpenVisitStatus, number> = { overdue: 0, due: 1, upcoming: 2, missed: 3 };

/** The worklist from one plain query of every matching visit in the list's order, counted and paged in JS. */
function reference(target: WorklistTarget, query: WorklistQuery, today: string): Omit<Worklist, 'rows' | 'requests' | 'userId' | 'today'> & { rows: string[]; requests: string[] } {
  const params: Record<string, string | null> = {
    userId: target.userId,
    gridId: query.gridId ?? null,
    office: query.office ?? null,
    reason: query.reason ?? null,
    from: query.from ?? null,
    to: query.to ?? null,
    today,
    missedSince: query.from ?? addDays(today, -90),
    horizon: addDays(today, query.upcomingDays),
    lastDue: query.to ?? addDays(today, query.upcomingDays),
  };
  const persons = `p.deleted_at IS NULL
    AND (@gridId IS NULL OR p.grid_id = @gridId) AND (@office IS NULL OR p.origin_office = @office)
    AND CASE '${target.scope}'
      WHEN 'user' THEN EXISTS (SELECT 1 FROM contact_assignments a WHERE a.person_id = p.id AND a.user_id = @userId AND a.to_date IS NULL AND a.deleted_at IS NULL
        AND (a.role = 'primary' OR ${query.includeBackup ? 1 : 0}))
      WHEN 'unassigned' THEN NOT EXISTS (SELECT 1 FROM contact_assignments x WHERE x.person_id = p.id AND x.role = 'primary' AND x.to_date IS NULL AND x.deleted_at IS NULL)
      ELSE 1 END`;
  const all = db
    .prepare(
      `SELECT v.id, v.person_id, CASE WHEN @today < v.window_start THEN 'upcoming' WHEN @today <= v.due_date THEN 'due' WHEN @today <= v.missed_after THEN 'overdue' ELSE 'missed' END AS status
       FROM planned_visits v JOIN persons p ON p.id = v.person_id LEFT JOIN grids g ON g.id = p.grid_id
       WHERE ${persons} AND v.deleted_at IS NULL AND v.done_on IS NULL AND v.cancelled_on IS NULL
         AND v.missed_after >= @missedSince
         AND (CASE WHEN @to IS NULL THEN v.window_start <= @horizon ELSE v.due_date <= @to END)
         AND (@from IS NULL OR v.due_date >= @from) AND (@reason IS NULL OR v.reason = @reason)
         AND NOT (v.reason = 'routine' AND v.due_date > @lastDue AND EXISTS (SELECT 1 FROM planned_visits e WHERE e.person_id = v.person_id AND e.reason = 'routine'
           AND e.deleted_at IS NULL AND e.done_on IS NULL AND e.cancelled_on IS NULL AND e.due_date < v.due_date AND e.missed_after >= @today))
       ORDER BY CASE WHEN @today < v.window_start THEN 2 WHEN @today <= v.due_date THEN 1 WHEN @today <= v.missed_after THEN 0 ELSE 3 END,
         v.due_date, g.name IS NULL, g.name, p.address, p.name_pinyin, v.key, v.id`,
    )
    .all(params) as { id: string; person_id: string; status: OpenVisitStatus }[];
  const counts = { overdue: 0, due: 0, upcoming: 0, missed: 0, done: 0 };
  const pressing = new Map<string, OpenVisitStatus>();
  for (const v of all) {
    counts[v.status] += 1;
    const before = pressing.get(v.person_id);
    if (before === undefined || RANK[v.status] < RANK[before]) pressing.set(v.person_id, v.status);
  }
  const personCounts = { overdue: 0, due: 0, upcoming: 0, missed: 0 };
  for (const s of pressing.values()) personCounts[s] += 1;
  counts.done = (
    db
      .prepare(
        `SELECT count(*) AS n FROM planned_visits v JOIN persons p ON p.id = v.person_id
         WHERE ${persons} AND v.deleted_at IS NULL AND v.done_on >= @doneFrom AND v.done_on <= @doneTo AND (@reason IS NULL OR v.reason = @reason)`,
      )
      .get({ ...params, doneFrom: query.from ?? `${today.slice(0, 7)}-01`, doneTo: query.to ?? today }) as { n: number }
  ).n;
  const listed = all.filter((v) => query.statuses.includes(v.status));
  const requests = (
    db
      .prepare(
        `SELECT r.id FROM service_requests r JOIN persons p ON p.id = r.person_id
         WHERE ${persons} AND r.deleted_at IS NULL AND r.status IN ('open', 'in_progress') ORDER BY r.raised_on, r.id LIMIT 200`,
      )
      .all(params) as { id: string }[]
  ).map((r) => r.id);
  return {
    counts,
    personCounts,
    total: listed.length,
    rows: listed.slice(query.offset, query.offset + query.limit).map((v) => `${v.id} ${v.status}`),
    requests,
  };
}

function compare(target: WorklistTarget, input: Record<string, unknown>, today: string): Worklist {
  const query = worklistQuerySchema.parse(input);
  const got = worklist(db, target, query, today);
  const want = reference(target, query, today);
  const label = `${today} ${JSON.stringify({ ...target, ...input })}`;
  expect({ counts: got.counts, personCounts: got.personCounts, total: got.total }, label).toEqual({ counts: want.counts, personCounts: want.personCounts, total: want.total });
  expect(got.rows.map((r) => `${r.id} ${r.status}`), label).toEqual(want.rows);
  expect(got.requests.map((r) => r.id), label).toEqual(want.requests);
  return got;
}

describe('the worklist read once against a plain reference query', () => {
  const days = ['2025-09-20', '2025-12-20', '2026-01-10', '2026-02-15'];
  const whole: WorklistTarget = { scope: 'all', userId: null };

  it('answers the same for the whole office, its unassigned persons, a grid and an office, on days with overdue, missed and done visits', () => {
    let seen = { overdue: 0, missed: 0, done: 0, upcoming: 0 };
    for (const today of days) {
      for (const target of [whole, { scope: 'unassigned', userId: null } as WorklistTarget]) {
        const first = compare(target, {}, today);
        seen = { overdue: seen.overdue + first.counts.overdue, missed: seen.missed + first.counts.missed, done: seen.done + first.counts.done, upcoming: seen.upcoming + first.counts.upcoming };
        compare(target, { statuses: ['overdue', 'due', 'upcoming', 'missed'], limit: 25, offset: 10 }, today);
        compare(target, { statuses: ['missed'] }, today);
        compare(target, { gridId: grids[0] }, today);
        compare(target, { gridId: grids[1], statuses: ['due', 'upcoming'], upcomingDays: 60 }, today);
        compare(target, { office: OTHER_OFFICE, statuses: ['overdue', 'due', 'upcoming', 'missed'] }, today);
        compare(target, { reason: 'routine', upcomingDays: 0 }, today);
        compare(target, { from: addDays(today, -40), to: addDays(today, 40), statuses: ['overdue', 'due', 'upcoming', 'missed'] }, today);
        compare(target, { to: addDays(today, 100), statuses: ['upcoming'], limit: 7, offset: 3 }, today);
      }
    }
    // The fixture holds each kind of visit the list tells apart.
    expect(seen.overdue).toBeGreaterThan(0);
    expect(seen.missed).toBeGreaterThan(0);
    expect(seen.done).toBeGreaterThan(0);
    expect(seen.upcoming).toBeGreaterThan(0);
  });

  it('answers the same for a grid worker, with and without the persons they stand in for', () => {
    for (const today of days) {
      for (const userId of [o.ids.gw1, o.ids.gw2, o.ids.staff]) {
        const target: WorklistTarget = { scope: 'user', userId };
        compare(target, {}, today);
        compare(target, { includeBackup: true, statuses: ['overdue', 'due', 'upcoming', 'missed'] }, today);
        compare(target, { gridId: grids[0], includeBackup: true }, today);
        compare(target, { from: addDays(today, -30), to: addDays(today, 30), limit: 5, offset: 5 }, today);
      }
    }
  });

  it('pages through the whole office without losing or repeating a visit, each row with its person', () => {
    const today = '2026-01-10';
    const everything = compare(whole, { statuses: ['overdue', 'due', 'upcoming', 'missed'], limit: 2000 }, today);
    const paged: string[] = [];
    for (let offset = 0; offset < everything.total; offset += 50) {
      paged.push(...compare(whole, { statuses: ['overdue', 'due', 'upcoming', 'missed'], limit: 50, offset }, today).rows.map((r) => r.id));
    }
    expect(paged).toEqual(everything.rows.map((r) => r.id));
    const row = everything.rows[0];
    const person = db.prepare('SELECT name, address FROM persons WHERE id = ?').get(row?.personId) as { name: string; address: string };
    expect(row).toMatchObject({ personName: person.name, address: person.address });
  });
});
