/**
 * The register counted ahead (person_register_tally) against the persons themselves. The headcount
 * figures (the county roll-up's and an office's) read the tally; its lists read the persons one by
 * one. After a random run of registrations over months, status changes (died, moved out, back
 * again), changes of 离休/退休, deletions, packets sent and undone and transfers between offices, the
 * tally must equal a recount of the persons, and every headcount figure (of each office, on days
 * before, at and after month ends, through the roll-up too) must equal the persons on the register
 * counted the slow way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/connection';
import { computeIndicator, drill } from '../../main/services/reports/engine';
import { reportContext, type ReportContext } from '../../main/services/reports/scope';
import { countyRollup } from '../../main/services/reports/bureau';
import { localDayStartUtc, registerOnAsOf } from '../../main/services/reports/sql';
import { addDays } from '../../shared/reports/period';
import { call, ok } from '../helpers/app';
import { personInput } from '../helpers/persons';
import { closeAll, makeOffice, send, trustBoth, type Office } from './packets.helpers';

const DAY = 86_400_000;

function recount(db: Db): unknown[] {
  return db
    .prepare(
      `SELECT origin_office AS office, substr(created_at, 1, 7) AS month, retirement_type, count(*) AS n, sum(unit_kind IS NULL) AS n_kind_unrecorded FROM persons
       WHERE deleted_at IS NULL AND status = 'active' AND status_date IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all();
}

function expectTallyExact(db: Db, step: string): void {
  const tally = db.prepare('SELECT office, month, retirement_type, n, n_kind_unrecorded FROM person_register_tally WHERE n <> 0 ORDER BY 1, 2, 3').all();
  expect({ step, tally }).toEqual({ step, tally: recount(db) });
  expect({ step, negative: db.prepare('SELECT count(*) AS n FROM person_register_tally WHERE n <= 0').get() }).toEqual({ step, negative: { n: 0 } });
}

/** The persons on the register on a day, counted from the persons with the facts' own definition. */
function slowHeadcount(db: Db, office: string | null, asOf: string): { total: number; lixiu: number; tuixiu: number; kindUnrecorded: number } {
  return db
    .prepare(`SELECT count(*) AS total, coalesce(sum(b.retirement_type = 'lixiu'), 0) AS lixiu, coalesce(sum(b.retirement_type = 'tuixiu'), 0) AS tuixiu,
      coalesce(sum(b.unit_kind IS NULL), 0) AS kindUnrecorded FROM (${registerOnAsOf(office)}) b`)
    .get({ office, asOf, asOfEnd: localDayStartUtc(addDays(asOf, 1)) }) as { total: number; lixiu: number; tuixiu: number; kindUnrecorded: number };
}

/** Days worth asking about: each month's last and first day since the first registration, and today. */
function daysToAsk(first: string, today: string): string[] {
  const days = new Set<string>([today, addDays(today, -1)]);
  for (let d = `${first.slice(0, 7)}-01`; d <= today; d = addDays(`${d.slice(0, 7)}-28`, 4).slice(0, 7) + '-01') {
    days.add(d);
    if (addDays(d, -1) >= first) days.add(addDays(d, -1));
  }
  return [...days].filter((d) => d >= first && d <= today).sort();
}

function figuresOf(rc: ReportContext, day: string, by?: 'office' | 'rtype'): ReturnType<typeof computeIndicator> | null {
  try {
    return computeIndicator(rc, 'persons.headcount', day, by);
  } catch (err) {
    if (err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('PERIOD')) return null;
    throw err;
  }
}

/** Every headcount figure this database gives for `office` (null: all it holds) against the slow count; the number compared. */
function expectFiguresExact(db: Db, today: string, office: string | null, step: string): number {
  const rc = office === null ? reportContext(db, today) : reportContext(db, today, office);
  let compared = 0;
  for (const day of daysToAsk(rc.recordsFrom, today)) {
    const r = figuresOf(rc, day);
    if (!r) continue;
    const slow = slowHeadcount(db, rc.office, day);
    expect({ step, office, day, figures: r.figures }).toEqual({ step, office, day, figures: slow });
    // The list behind the number is read from the persons one by one: the same count.
    expect({ step, day, listed: drill(rc, { key: 'persons.headcount', measure: 'total', period: day, limit: 1, offset: 0 }).total }).toEqual({ step, day, listed: slow.total });
    const byType = figuresOf(rc, day, 'rtype');
    for (const row of byType?.rows ?? []) expect({ step, day, row: row.key, total: row.figures['total'] }).toEqual({ step, day, row: row.key, total: row.key === 'lixiu' ? slow.lixiu : slow.tuixiu });
    compared++;
  }
  return compared;
}

/** A small deterministic generator (mulberry32): the same run for a seed every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCHEDULE = ['register', 'register', 'status', 'send', 'register', 'rtype', 'status', 'back', 'send', 'delete', 'register', 'undo', 'transfer', 'send', 'status', 'back', 'register', 'send', 'transfer', 'undo'] as const;

describe('the register counted ahead', () => {
  let bureau: Office;
  let a: Office;
  let b: Office;
  beforeAll(async () => {
    bureau = await makeOffice('榆次区委老干部局', 'bureau');
    a = await makeOffice('幸福里社区');
    b = await makeOffice('锦绣苑社区');
    await trustBoth(a, bureau);
    await trustBoth(b, bureau);
    await trustBoth(a, b);
  }, 60_000);
  afterAll(() => closeAll(bureau, a, b));

  it('equals a recount, and every headcount figure the slow count, through a random run of registrations, status changes, deletions, packets, undos and transfers', async () => {
    const next = random(20261205);
    const pickOf = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const communities = [a, b];
    /** The persons each community holds now, with what they were registered with. */
    const held = new Map<Office, Map<string, ReturnType<typeof personInput>>>(communities.map((o) => [o, new Map()]));
    const imports: string[] = [];
    let seq = 9000;
    let compared = 0;
    const kinds = new Set<string>();
    const left = new Set<string>();
    const dayOf = (o: Office) => new Date(o.t.clock.time).toISOString().slice(0, 10);
    const checkAll = (step: string) => {
      for (const o of [bureau, a, b]) expectTallyExact(o.t.app.db, step);
      for (const o of communities) compared += expectFiguresExact(o.t.app.db, dayOf(o), null, step);
      const today = dayOf(bureau);
      const received = communities.filter((o) => bureau.t.app.db.prepare('SELECT 1 FROM persons WHERE origin_office = ? LIMIT 1').get(o.id) !== undefined);
      for (const o of received) compared += expectFiguresExact(bureau.t.app.db, today, o.id, step);
      // The roll-up counts every office in one pass through the tally: each row as the slow count of its office.
      for (const day of [today, addDays(`${today.slice(0, 7)}-01`, -1)]) {
        let rollup: ReturnType<typeof countyRollup>;
        try {
          rollup = countyRollup(bureau.t.app.db, today, day);
        } catch {
          continue;
        }
        for (const row of rollup.rows) {
          if (!row.received || row.refused !== null) continue;
          const slow = slowHeadcount(bureau.t.app.db, row.office.id, day);
          expect({ step, day, office: row.office.name, total: row.figures['persons.headcount:total'], lixiu: row.figures['persons.headcount:lixiu'] }).toEqual({ step, day, office: row.office.name, total: slow.total, lixiu: slow.lixiu });
        }
      }
    };

    for (let step = 0; step < 40; step++) {
      // Time moves on for every office alike, sometimes across a month's end.
      const days = Math.floor(next() * 12);
      for (const o of [bureau, a, b]) o.t.clock.advance(days * DAY + Math.floor(next() * 8) * 3_600_000);
      const o = pickOf(communities);
      const mine = held.get(o) as Map<string, ReturnType<typeof personInput>>;
      const ids = [...mine.keys()];
      // The kind of change follows a schedule (so every kind comes), what it touches is drawn.
      const kind = ids.length < 3 ? 'register' : (SCHEDULE[step % SCHEDULE.length] as (typeof SCHEDULE)[number]);
      let what: string;
      if (kind === 'register') {
        seq += 1;
        const input = personInput({ seq, grid: '', name: `${pickOf(['王', '李', '张', '刘', '陈'])}${pickOf(['建国', '秀英', '志强', '淑珍', '德明', '海涛'])}`, retirementType: next() < 0.3 ? 'lixiu' : 'tuixiu' });
        const { id } = await ok(call(o.t.app, o.admin, 'persons.create', input));
        mine.set(id, input);
        what = 'registered';
      } else if (kind === 'status' || kind === 'back') {
        // Someone who left or died comes back on the register (a mistake put right).
        const away = ids.filter((x) => left.has(x));
        const back = away.length > 0 && kind === 'back';
        const id = back ? pickOf(away) : pickOf(ids);
        const status = back ? 'active' : pickOf(['deceased', 'moved_out'] as const);
        const date = addDays(dayOf(o), -Math.floor(next() * 20));
        const res = await call(o.t.app, o.admin, 'persons.changeStatus', { id, status, date, destination: status === 'moved_out' ? '太原市' : '', note: '' });
        if (res.ok && status === 'active') left.delete(id);
        else if (res.ok) left.add(id);
        what = res.ok ? `status ${status} on ${date}` : `refused: ${res.error.code} ${res.error.message}`;
      } else if (kind === 'rtype') {
        const id = pickOf(ids);
        const input = mine.get(id) as ReturnType<typeof personInput>;
        // The same edit records or clears the 单位性质, which moves the tally's unrecorded count.
        const changed = { ...input, retirementType: input.retirementType === 'lixiu' ? ('tuixiu' as const) : ('lixiu' as const), unitKind: 'unitKind' in input && input.unitKind ? null : ('government' as const) };
        await ok(call(o.t.app, o.admin, 'persons.update', { id, fields: changed }));
        mine.set(id, changed);
        what = 'retirement type changed';
      } else if (kind === 'delete') {
        const id = pickOf(ids);
        await ok(call(o.t.app, o.admin, 'persons.delete', { id }));
        mine.delete(id);
        what = 'deleted';
      } else if (kind === 'send' || imports.length === 0) {
        const sent = await send(o, bureau, next() < 0.3 ? 'full' : 'incremental');
        imports.push(sent.imported.summary.packetId);
        what = 'sent to the bureau';
      } else if (kind === 'undo') {
        const packetId = imports.pop() as string;
        await ok(call(bureau.t.app, bureau.admin, 'packets.undoImport', { packetId }));
        what = 'import undone at the bureau';
      } else {
        const other = o === a ? b : a;
        const id = pickOf(ids);
        await send(o, other, 'transfer', [id]);
        (held.get(other) as Map<string, ReturnType<typeof personInput>>).set(id, mine.get(id) as ReturnType<typeof personInput>);
        mine.delete(id);
        what = 'transferred';
      }
      checkAll(`step ${step}: ${what} at ${o.name}`);
      kinds.add(what.replace(/ on .*/, ''));
    }
    expect(compared).toBeGreaterThan(200);
    // A drill-down page is chosen by its order, then its rows read: the pages laid end to end are the whole list.
    for (const o of [a, b]) {
      const rc = reportContext(o.t.app.db, dayOf(o));
      for (const q of [{ key: 'persons.headcount', measure: 'total' }, { key: 'persons.headcount', measure: 'lixiu' }, { key: 'persons.changes', measure: 'new', by: 'rtype' as const, value: 'tuixiu' }]) {
        const period = q.key === 'persons.changes' ? `${rc.recordsFrom}..${dayOf(o)}` : dayOf(o);
        const whole = drill(rc, { ...q, period, limit: null, offset: 0 });
        if (q.measure === 'total') expect(whole.rows.length).toBeGreaterThan(3);
        const pages = [];
        for (let offset = 0; offset < whole.total; offset += 3) pages.push(...drill(rc, { ...q, period, limit: 3, offset }).rows);
        expect(pages).toEqual(whole.rows);
      }
    }
    // The run went through every kind of change.
    expect([...kinds].sort()).toEqual(
      ['deleted', 'import undone at the bureau', 'registered', 'retirement type changed', 'sent to the bureau', 'status active', 'status deceased', 'status moved_out', 'transferred'].sort(),
    );
  }, 300_000);
});
