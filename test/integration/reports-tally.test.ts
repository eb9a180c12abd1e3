/**
 * The planned visits counted ahead (visit_plan_tally) against the visits themselves. The figures of
 * visits.plan read the tally; its lists read the visits one by one. So every figure, for every
 * period, breakdown and "today", must equal the length of its list; and after every way a visit or
 * a person changes (planning, a visit recorded or cancelled, a death, a move, a deletion, a packet
 * imported and undone, a transfer), the tally must equal a recount of the visits.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/connection';
import { computeIndicator, drill } from '../../main/services/reports/engine';
import { reportContext, type ReportContext } from '../../main/services/reports/scope';
import { officeContext } from '../../main/services/reports/county';
import { countyRollup } from '../../main/services/reports/bureau';
import { dashboard, periodFor } from '../../main/services/reports/dashboard';
import { INDICATORS, type IndicatorDef } from '../../shared/reports/catalogue';
import { parsePeriod, type Period } from '../../shared/reports/period';
import { call, ok } from '../helpers/app';
import { buildReportsOffice, setDay, type ReportsOffice } from './reports.fixture';
import { addPerson, closeAll, makeOffice, send, trustBoth, type Office } from './packets.helpers';

/** The tally as the visits say it should be: the migration's own count, run again. */
function recount(db: Db): unknown[] {
  return db
    .prepare(
      `SELECT p.origin_office AS office, v.due_date, v.missed_after,
         (v.cancelled_on IS NULL OR (v.cancel_reason IN ('moved_out', 'deceased') AND v.cancelled_on > v.missed_after)) AS still_due,
         (v.done_on IS NOT NULL) AS done, coalesce(v.done_on > v.due_date, 0) AS done_late, count(*) AS n
       FROM planned_visits v JOIN persons p ON p.id = v.person_id AND p.deleted_at IS NULL
       WHERE v.deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all();
}

function tally(db: Db): unknown[] {
  return db.prepare('SELECT office, due_date, missed_after, still_due, done, done_late, n FROM visit_plan_tally WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6').all();
}

function expectTallyExact(db: Db): void {
  expect(tally(db)).toEqual(recount(db));
  // No row is left counting below zero (a write counted off twice).
  expect(db.prepare('SELECT count(*) AS n FROM visit_plan_tally WHERE n < 0').get()).toEqual({ n: 0 });
}

const MEASURES = ['planned', 'done', 'doneLate', 'overdue', 'missed', 'pending', 'cancelled'] as const;

/** Each figure of visits.plan (overall and per breakdown value) against the number of visits its list holds. */
function expectFiguresMatchLists(rc: ReportContext, period: string, by?: 'month' | 'office'): number {
  const r = computeIndicator(rc, 'visits.plan', period, by);
  const listed = (measure: string, value?: string | null) =>
    drill(rc, { key: 'visits.plan', measure, period, ...(value !== undefined ? { by, value } : {}), limit: 1, offset: 0 }).total;
  let checked = 0;
  for (const m of MEASURES) {
    expect({ period, by, measure: m, figure: r.figures[m] }).toEqual({ period, by, measure: m, figure: listed(m) });
    checked++;
    for (const row of r.rows) {
      expect({ period, by, value: row.key, measure: m, figure: row.figures[m] }).toEqual({ period, by, value: row.key, measure: m, figure: listed(m, row.key) });
      checked++;
    }
  }
  return checked;
}

describe('one office', () => {
  let o: ReportsOffice;
  beforeAll(async () => {
    o = await buildReportsOffice();
  }, 240_000);
  afterAll(() => o?.t.close());

  const PERIODS = [
    ...Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
    '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2025', '2026-01', '2026-02', '2025-02-15..2025-03-10', '2025-12-31..2026-01-31',
  ];

  it('the story of the statistics fixture is counted ahead exactly', () => {
    expect(tally(o.t.app.db).length).toBeGreaterThan(10);
    expectTallyExact(o.t.app.db);
  });

  it('every figure of the planned visits equals its list, for every period, breakdown and day it is asked on', () => {
    let checked = 0;
    // Overdue and missed depend on the day asked: before, inside and after the windows of the year.
    for (const today of ['2025-06-30', '2025-12-31', '2026-03-10']) {
      const rc = reportContext(o.t.app.db, today);
      for (const period of PERIODS) {
        if (period >= today.slice(0, 7) && !period.includes('..') && period.slice(0, 4) >= today.slice(0, 4)) continue;
        for (const by of [undefined, 'month', 'office'] as const) {
          try {
            checked += expectFiguresMatchLists(rc, period, by);
          } catch (err) {
            // A period after the day asked is refused for figures and lists alike.
            if (err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('PERIOD')) continue;
            throw err;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('the dashboard shows each indicator as it is counted alone, its charts as the breakdown is, and refusals in the catalogue’s order', () => {
    for (const [today, period] of [['2026-03-10', '2025'], ['2026-03-10', '2026-Q1'], ['2025-06-30', '2025-03'], ['2026-03-10', '2024']] as const) {
      const rc = reportContext(o.t.app.db, today);
      let board: ReturnType<typeof dashboard>;
      try {
        board = dashboard(rc, period);
      } catch {
        expect(() => computeIndicator(rc, 'persons.headcount', period)).toThrow();
        continue;
      }
      type Alone = { ok: ReturnType<typeof computeIndicator> } | { refused: { key: string; code: string } };
      const alone = INDICATORS.flatMap((def): Alone[] => {
        try {
          return [{ ok: computeIndicator(rc, def.key, periodFor(def, parsePeriod(period) as Period, period)) }];
        } catch (err) {
          return [{ refused: { key: def.key, code: (err as { code: string }).code } }];
        }
      });
      expect(board.results).toEqual(alone.flatMap((a) => ('ok' in a ? [a.ok] : [])));
      expect(board.refused).toEqual(alone.flatMap((a) => ('refused' in a ? [a.refused] : [])));
      expect(board.visitsByMonth).toEqual(computeIndicator(rc, 'visits.plan', period, 'month'));
      expect(board.agePyramid).toEqual(computeIndicator(rc, 'persons.age', period, 'sex'));
      expect(board.coverageByGrid.length).toBeGreaterThan(0);
      for (const r of board.coverageByGrid) expect(r).toEqual(computeIndicator(rc, r.key, periodFor(INDICATORS.find((d) => d.key === r.key) as IndicatorDef, parsePeriod(period) as Period, period), 'grid'));
    }
  });

  it('stays exact through visits recorded, changed and deleted, a cancellation, a death, a move and a deletion', async () => {
    const { t, staff, admin, ids } = o;
    const db = t.app.db;
    setDay(t, '2026-03-12');
    const forP1 = await ok(call(t.app, staff, 'visits.forPerson', { personId: ids['P1'] as string }));
    const open = forP1.filter((v) => v.doneOn === null && v.cancelledOn === null);
    expect(open.length).toBeGreaterThan(0);
    const rec = await ok(call(t.app, staff, 'visits.record', { personId: ids['P1'] as string, fields: { visitDate: '2026-03-12', method: 'home', visitors: '社区', summary: '走访', giftFen: 0, giftItems: '' } }));
    expectTallyExact(db);
    await ok(call(t.app, staff, 'visits.deleteRecord', { id: rec.id }));
    expectTallyExact(db);
    const another = (await ok(call(t.app, staff, 'visits.forPerson', { personId: ids['P2'] as string }))).find((v) => v.doneOn === null && v.cancelledOn === null);
    if (another) {
      await ok(call(t.app, staff, 'visits.cancel', { id: another.id, note: '家属接回外地' }));
      expectTallyExact(db);
    }
    await ok(call(t.app, staff, 'persons.changeStatus', { id: ids['P3'] as string, status: 'deceased', date: '2026-03-11' }));
    expectTallyExact(db);
    await ok(call(t.app, staff, 'persons.changeStatus', { id: ids['P8'] as string, status: 'moved_out', date: '2026-03-12', destination: '太原市' } as never));
    expectTallyExact(db);
    await ok(call(t.app, admin, 'persons.delete', { id: ids['P2'] as string }));
    expectTallyExact(db);
    const rc = reportContext(db, '2026-03-12');
    for (const period of ['2026', '2026-03', '2025']) for (const by of [undefined, 'month'] as const) expectFiguresMatchLists(rc, period, by);
  });
});

describe('the county bureau', () => {
  let offices: Office[] = [];
  afterEach(() => {
    closeAll(...offices);
    offices = [];
  });

  it('stays exact through packets imported, sent again, undone and a transfer; the roll-up equals each office’s own figures', async () => {
    const bureau = await makeOffice('榆次区委老干部局', 'bureau');
    const a = await makeOffice('幸福里社区');
    const b = await makeOffice('锦绣苑社区');
    offices.push(bureau, a, b);
    for (const x of [a, b]) await trustBoth(x, bureau);
    const inA = [await addPerson(a, { name: '郭建国', retirementType: 'lixiu' }), await addPerson(a, { name: '赵秀兰' }), await addPerson(a, { name: '李志刚' })];
    await addPerson(b, { name: '王淑芬' });
    for (const x of [a, b]) await ok(call(x.t.app, x.admin, 'visits.replanAll', {}));
    expect((a.t.app.db.prepare('SELECT count(*) AS n FROM planned_visits').get() as { n: number }).n).toBeGreaterThan(0);
    expectTallyExact(a.t.app.db);

    await send(a, bureau, 'full');
    await send(b, bureau, 'full');
    expectTallyExact(bureau.t.app.db);
    expect(tally(bureau.t.app.db).length).toBeGreaterThan(0);

    // A visit done at 幸福里, sent again: the bureau's count moves with it.
    const planned = (await ok(call(a.t.app, a.admin, 'visits.forPerson', { personId: inA[0] as string })))[0];
    if (planned) await ok(call(a.t.app, a.admin, 'visits.record', { personId: inA[0] as string, fields: { visitDate: planned.dueDate <= todayOf(a) ? planned.dueDate : todayOf(a), method: 'home', visitors: '社区', summary: '走访', giftFen: 0, giftItems: '' } }));
    await ok(call(a.t.app, a.admin, 'persons.delete', { id: inA[2] as string }));
    const incremental = await send(a, bureau, 'incremental');
    expectTallyExact(bureau.t.app.db);

    const today = todayOf(bureau);
    const year = today.slice(0, 4);
    const rollup = countyRollup(bureau.t.app.db, today, year);
    for (const x of [a, b]) {
      const own = computeIndicator(officeContext(bureau.t.app.db, today, x.id), 'visits.plan', year);
      const row = rollup.rows.find((r) => r.office.id === x.id);
      expect(row?.figures['visits.plan:planned']).toBe(own.figures['planned']);
      expect(row?.figures['visits.plan:done']).toBe(own.figures['done']);
      expect(row?.figures['visits.plan:missed']).toBe(own.figures['missed']);
      expectFiguresMatchLists(officeContext(bureau.t.app.db, today, x.id), year, 'month');
    }
    expectFiguresMatchLists(reportContext(bureau.t.app.db, today), year, 'office');

    // The incremental packet undone: its changes go back, and the count with them.
    await ok(call(bureau.t.app, bureau.admin, 'packets.undoImport', { packetId: packetIdOf(incremental) }));
    expectTallyExact(bureau.t.app.db);

    // A person moves from 锦绣苑 to 幸福里 with a transfer packet.
    const moving = await addPerson(b, { name: '张德明' });
    await ok(call(b.t.app, b.admin, 'visits.replanAll', {}));
    await send(b, bureau, 'incremental');
    expectTallyExact(bureau.t.app.db);
    await trustBoth(a, b);
    await send(b, a, 'transfer', [moving]);
    expectTallyExact(a.t.app.db);
    expectTallyExact(b.t.app.db);
  }, 120_000);
});

function todayOf(o: Office): string {
  return new Date(o.t.clock.time).toISOString().slice(0, 10);
}

function packetIdOf(sent: unknown): string {
  const found = JSON.stringify(sent).match(/"packetId":"([^"]+)"/);
  if (!found?.[1]) throw new Error('no packet id in what send returned');
  return found[1];
}
