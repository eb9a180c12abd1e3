/**
 * The campaign visits counted ahead (visit_campaign_tally, migration 0028) against the visits
 * themselves. The campaign figures overall and by office (the 汇总's due, visited, coverage and
 * 慰问金) read the tally; asked for the ways of visiting they read the visits one by one. So the
 * two must give the same numbers on every day asked; and after every way a visit, a record or a
 * person changes (planning, a visit recorded with 慰问金, its 慰问金 corrected, the record deleted
 * and brought back by undoing a packet, a cancellation, a death, a move, a deletion, a packet
 * imported and undone, a transfer, and random writes of any column the tally depends on, in any
 * order), the tally must equal a recount by the migration's own SELECT.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/connection';
import { computeFor, periodOf } from '../../main/services/reports/engine';
import { reportContext, type ReportContext } from '../../main/services/reports/scope';
import { officeContext } from '../../main/services/reports/county';
import { CAMPAIGN_ROLLUP_FIGURES, countyRollup } from '../../main/services/reports/bureau';
import { periodFor } from '../../main/services/reports/dashboard';
import { INDICATORS } from '../../shared/reports/catalogue';
import { parsePeriod, type Period } from '../../shared/reports/period';
import { call, ok } from '../helpers/app';
import { buildReportsOffice, setDay, type ReportsOffice } from './reports.fixture';
import { addPerson, closeAll, makeOffice, send, trustBoth, type Office } from './packets.helpers';

const MIGRATION = fs.readFileSync(path.join(__dirname, '../../main/db/migrations/0028-campaign-tally.sql'), 'utf8');
/** The migration's initial fill, run again: what the visits say the tally should hold. */
const RECOUNT = (() => {
  const found = MIGRATION.match(/INSERT INTO visit_campaign_tally \([^)]*\)\s*(SELECT[\s\S]*?);/);
  if (!found?.[1]) throw new Error('the initial fill of visit_campaign_tally is not in migration 0028');
  return `SELECT * FROM (${found[1]}) ORDER BY 1, 2, 3, 4, 5, 6, 7`;
})();

function expectTallyExact(db: Db, where = ''): void {
  const tally = db.prepare('SELECT key, reason, office, missed_after, still_due, done, manual, n, gift_fen FROM visit_campaign_tally WHERE n <> 0 OR gift_fen <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7').raw().all();
  expect(tally, where).toEqual(db.prepare(RECOUNT).raw().all());
  // No row left counting below zero, nor an empty row kept.
  expect(db.prepare('SELECT count(*) AS n FROM visit_campaign_tally WHERE n <= 0 OR gift_fen < 0').get(), where).toEqual({ n: 0 });
}

const CAMPAIGN_DEFS = INDICATORS.filter((d) => d.key.startsWith('visits.campaign.'));
const ROLLUP_MEASURES = [...new Set(CAMPAIGN_ROLLUP_FIGURES.map((f) => f.measure))];
const TALLY_MEASURES = ['due', 'visited', 'notVisited', 'missed', 'open', 'cancelled', 'giftFen', 'coverage'];

/**
 * Each campaign's figures as the tally gives them (the roll-up's figures, and every figure it
 * holds) against the facts' (the same figures with a way of visiting, which the tally does not
 * hold, so the engine reads the visits one by one), overall and by office.
 */
function expectFiguresMatchFacts(rc: ReportContext, year: string): number {
  let checked = 0;
  for (const def of CAMPAIGN_DEFS) {
    let period;
    try {
      period = periodOf(rc, def, periodFor(def, parsePeriod(year) as Period, year));
    } catch (err) {
      if (err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('PERIOD')) continue;
      throw err;
    }
    for (const figures of [ROLLUP_MEASURES, TALLY_MEASURES]) {
      for (const by of [undefined, 'office'] as const) {
        const fast = computeFor(rc, def, period, by, figures);
        const slow = computeFor(rc, def, period, by, [...figures, 'home']);
        const pick = (f: Record<string, number | null>) => Object.fromEntries(figures.map((k) => [k, f[k] ?? null]));
        const what = { key: def.key, year, by, today: rc.today };
        expect({ ...what, figures: pick(fast.figures) }).toEqual({ ...what, figures: pick(slow.figures) });
        expect({ ...what, rows: fast.rows.map((r) => [r.key, pick(r.figures)]) }).toEqual({ ...what, rows: slow.rows.map((r) => [r.key, pick(r.figures)]) });
        checked++;
      }
    }
  }
  return checked;
}

/** A small seeded generator, so a failing run can be repeated. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('one office', () => {
  let o: ReportsOffice;
  beforeAll(async () => {
    o = await buildReportsOffice();
  }, 240_000);
  afterAll(() => o?.t.close());

  it('the story of the statistics fixture is counted ahead exactly, and the figures are the facts’ on every day asked', () => {
    const db = o.t.app.db;
    expect((db.prepare('SELECT count(*) AS n FROM visit_campaign_tally').get() as { n: number }).n).toBeGreaterThan(3);
    expect((db.prepare('SELECT sum(gift_fen) AS g FROM visit_campaign_tally').get() as { g: number }).g).toBeGreaterThan(0);
    expectTallyExact(db);
    let checked = 0;
    for (const today of ['2025-01-20', '2025-02-15', '2025-10-30', '2025-12-31', '2026-03-10']) for (const year of ['2025', '2026']) checked += expectFiguresMatchFacts(reportContext(db, today), year);
    expect(checked).toBeGreaterThan(50);
  });

  it('stays exact through campaign visits recorded with 慰问金, corrected, deleted, cancelled, a death, a move and a deletion', async () => {
    const { t, staff, admin, ids } = o;
    const db = t.app.db;
    setDay(t, '2026-03-12');
    await ok(call(t.app, admin, 'visits.replanAll', { force: true }));
    expectTallyExact(db, 'replanned');
    // The open campaign visits of the year, each recorded with 慰问金 (the record written after the visit it resolves).
    const open = db
      .prepare(`SELECT id, person_id AS personId, window_start AS day FROM planned_visits WHERE deleted_at IS NULL AND done_on IS NULL AND cancelled_on IS NULL AND reason IN ('spring_festival', 'chongyang', 'party_day', 'birthday') AND window_start <= '2026-03-12' ORDER BY id`)
      .all() as { id: string; personId: string; day: string }[];
    expect(open.length).toBeGreaterThan(0);
    const records: string[] = [];
    for (const [i, v] of open.entries()) {
      const rec = await ok(call(t.app, staff, 'visits.record', { personId: v.personId, plannedVisitIds: [v.id], fields: { visitDate: '2026-03-12', method: 'home', visitors: '社区', summary: '慰问', giftFen: 10_000 * (i + 1), giftItems: '' } }));
      records.push(rec.id);
      expectTallyExact(db, `recorded ${v.id}`);
    }
    const first = records[0] as string;
    const got = await ok(call(t.app, staff, 'visits.getRecord', { id: first }));
    await ok(call(t.app, staff, 'visits.updateRecord', { id: first, fields: { visitDate: got.visitDate, method: got.method, visitors: got.visitors, summary: got.summary, giftFen: 88_800, giftItems: got.giftItems } }));
    expectTallyExact(db, '慰问金 corrected');
    await ok(call(t.app, staff, 'visits.deleteRecord', { id: first }));
    expectTallyExact(db, 'record deleted');
    const another = db.prepare(`SELECT id FROM planned_visits WHERE deleted_at IS NULL AND done_on IS NULL AND cancelled_on IS NULL AND reason IN ('spring_festival', 'chongyang', 'party_day', 'birthday') ORDER BY id LIMIT 1`).get() as { id: string } | undefined;
    if (another) {
      await ok(call(t.app, staff, 'visits.cancel', { id: another.id, note: '家属接回外地' }));
      expectTallyExact(db, 'cancelled');
    }
    await ok(call(t.app, staff, 'persons.changeStatus', { id: ids['P3'] as string, status: 'deceased', date: '2026-03-11' }));
    expectTallyExact(db, 'died');
    await ok(call(t.app, staff, 'persons.changeStatus', { id: ids['P8'] as string, status: 'moved_out', date: '2026-03-12', destination: '太原市' } as never));
    expectTallyExact(db, 'moved');
    await ok(call(t.app, admin, 'persons.delete', { id: ids['P2'] as string }));
    expectTallyExact(db, 'deleted');
    for (const today of ['2026-03-12', '2026-12-31']) for (const year of ['2025', '2026']) expectFiguresMatchFacts(reportContext(db, today), year);
  });

  it('stays exact through random writes of every column it counts by, to visits, records and persons', () => {
    const db = o.t.app.db;
    const next = random(20261206);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const ids = (sql: string) => (db.prepare(sql).all() as { id: string }[]).map((r) => r.id);
    const visits = ids(`SELECT id FROM planned_visits WHERE reason IN ('spring_festival', 'chongyang', 'party_day', 'birthday', 'routine')`);
    const records = ids('SELECT id FROM visit_records');
    const persons = ids('SELECT id FROM persons');
    const offices = ['OFFICE-A', 'OFFICE-B', (db.prepare('SELECT origin_office AS o FROM persons LIMIT 1').get() as { o: string }).o];
    const days = ['2025-01-20', '2025-02-28', '2025-10-29', '2025-12-31', '2026-02-01', null];
    // A row deleted is kept aside and may come back later, after the rows pointing at it (a packet's order).
    for (const table of ['planned_visits', 'visit_records', 'persons']) db.exec(`CREATE TEMP TABLE gone_${table} AS SELECT * FROM ${table} WHERE 0`);
    const gone = (table: string, id: string) =>
      db.transaction(() => {
        db.prepare(`INSERT INTO temp.gone_${table} SELECT * FROM main.${table} WHERE id = ?`).run(id);
        db.prepare(`DELETE FROM main.${table} WHERE id = ?`).run(id);
      })();
    const back = (table: string, id: string) =>
      db.transaction(() => {
        db.prepare(`INSERT INTO main.${table} SELECT * FROM temp.gone_${table} WHERE id = ?`).run(id);
        db.prepare(`DELETE FROM temp.gone_${table} WHERE id = ?`).run(id);
      })();
    const writes: (() => void)[] = [
      () => db.prepare('UPDATE planned_visits SET done_on = ?, visit_record_id = ? WHERE id = ?').run(pick(days), next() < 0.8 ? pick(records) : null, pick(visits)),
      () => db.prepare('UPDATE planned_visits SET visit_record_id = ? WHERE id = ?').run(pick(records), pick(visits)),
      () => {
        const day = pick(days);
        db.prepare('UPDATE planned_visits SET cancelled_on = ?, cancel_reason = ? WHERE id = ?').run(day, day === null ? null : pick(['rules', 'deceased', 'moved_out', 'deleted', 'manual']), pick(visits));
      },
      () => db.prepare('UPDATE planned_visits SET missed_after = max(due_date, ?) WHERE id = ?').run(pick(days) ?? '2026-12-31', pick(visits)),
      () => db.prepare('UPDATE planned_visits SET deleted_at = CASE WHEN deleted_at IS NULL THEN ? END WHERE id = ?').run('2026-03-12T02:00:00.000Z', pick(visits)),
      () => db.prepare('UPDATE planned_visits SET person_id = ? WHERE id = ?').run(pick(persons), pick(visits)),
      () => db.prepare(`UPDATE planned_visits SET reason = ?, key = ? || substr(key, instr(key, ':')) WHERE id = ? AND key LIKE '%:%'`).run(...((r) => [r, r])(pick(['spring_festival', 'chongyang', 'routine'])), pick(visits)),
      () => {
        const id = pick(visits);
        db.prepare(`INSERT INTO planned_visits SELECT * FROM planned_visits WHERE id = ?`).run(id); // refused: the same id
      },
      () => gone('planned_visits', pick(visits)),
      () => back('planned_visits', pick(visits)),
      () => db.prepare('UPDATE visit_records SET gift_fen = ? WHERE id = ?').run(pick([0, 100, 50_000]), pick(records)),
      () => db.prepare('UPDATE visit_records SET deleted_at = CASE WHEN deleted_at IS NULL THEN ? END WHERE id = ?').run('2026-03-12T02:00:00.000Z', pick(records)),
      () => db.prepare('UPDATE visit_records SET person_id = ? WHERE id = ?').run(pick(persons), pick(records)),
      () => gone('visit_records', pick(records)),
      () => back('visit_records', pick(records)),
      () => db.prepare('UPDATE persons SET origin_office = ? WHERE id = ?').run(pick(offices), pick(persons)),
      () => db.prepare('UPDATE persons SET deleted_at = CASE WHEN deleted_at IS NULL THEN ? END WHERE id = ?').run('2026-03-12T02:00:00.000Z', pick(persons)),
      () => gone('persons', pick(persons)),
      () => back('persons', pick(persons)),
    ];
    /** Whether the write was made: one a constraint refuses changes nothing, the triggers' counts with it. */
    const refusedOrDone = (write: () => void): boolean => {
      try {
        write();
        return true;
      } catch (err) {
        if (err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT')) return false;
        throw err;
      }
    };
    db.pragma('foreign_keys = OFF');
    try {
      let written = 0;
      for (let step = 0; step < 400; step++) {
        const w = Math.floor(next() * writes.length);
        if (refusedOrDone(writes[w] as () => void)) written++;
        expectTallyExact(db, `step ${step}, write ${w}`);
      }
      expect(written).toBeGreaterThan(200);
      for (const table of ['planned_visits', 'visit_records', 'persons']) {
        for (const { id } of db.prepare(`SELECT id FROM temp.gone_${table}`).all() as { id: string }[]) refusedOrDone(() => back(table, id));
        expectTallyExact(db, `${table} brought back`);
      }
      // Records brought back after their visits pointed at them, in any order: a packet's rows.
      const deletedRecords = ids('SELECT id FROM visit_records WHERE deleted_at IS NOT NULL');
      for (const id of deletedRecords) db.prepare('UPDATE visit_records SET deleted_at = NULL WHERE id = ?').run(id);
      expectTallyExact(db, 'records brought back');
      for (const today of ['2025-02-15', '2026-03-12']) for (const year of ['2025', '2026']) expectFiguresMatchFacts(reportContext(db, today), year);
    } finally {
      db.pragma('foreign_keys = ON');
    }
  });
});

describe('the county bureau', () => {
  let offices: Office[] = [];
  afterEach(() => {
    closeAll(...offices);
    offices = [];
  });

  it('stays exact through packets imported, sent again, undone and a transfer; the 汇总’s campaigns equal each office’s own figures', async () => {
    const bureau = await makeOffice('榆次区委老干部局', 'bureau');
    const a = await makeOffice('幸福里社区');
    const b = await makeOffice('锦绣苑社区');
    offices.push(bureau, a, b);
    for (const x of [a, b]) await trustBoth(x, bureau);
    for (const x of [bureau, a, b]) setDay(x.t, '2026-01-05');
    const inA = [await addPerson(a, { name: '郭建国', retirementType: 'lixiu' }), await addPerson(a, { name: '赵秀兰' }), await addPerson(a, { name: '李志刚' })];
    await addPerson(b, { name: '王淑芬' });
    for (const x of [a, b]) await ok(call(x.t.app, x.admin, 'visits.replanAll', {}));
    expect((a.t.app.db.prepare(`SELECT count(*) AS n FROM planned_visits WHERE reason = 'spring_festival'`).get() as { n: number }).n).toBeGreaterThan(0);
    // 春节 visits with 慰问金 at 幸福里.
    for (const x of [a, b]) setDay(x.t, '2026-02-10');
    const recorded: string[] = [];
    for (const [personId, giftFen] of [[inA[0], 50_000], [inA[1], 20_000]] as const) {
      recorded.push((await ok(call(a.t.app, a.admin, 'visits.record', { personId: personId as string, fields: { visitDate: '2026-02-10', method: 'home', visitors: '社区', summary: '春节慰问', giftFen, giftItems: '' } }))).id);
    }
    expectTallyExact(a.t.app.db, 'recorded at 幸福里');
    for (const x of [bureau, a, b]) setDay(x.t, '2026-03-05');
    await send(a, bureau, 'full');
    await send(b, bureau, 'full');
    expectTallyExact(bureau.t.app.db, 'full packets');
    expect((bureau.t.app.db.prepare('SELECT sum(gift_fen) AS g FROM visit_campaign_tally').get() as { g: number }).g).toBe(70_000);

    // At 幸福里 a 慰问金 corrected, another record deleted (its visit open again), a person deleted; sent again.
    const got = await ok(call(a.t.app, a.admin, 'visits.getRecord', { id: recorded[0] as string }));
    await ok(call(a.t.app, a.admin, 'visits.updateRecord', { id: recorded[0] as string, fields: { visitDate: got.visitDate, method: got.method, visitors: got.visitors, summary: got.summary, giftFen: 60_000, giftItems: got.giftItems } }));
    await ok(call(a.t.app, a.admin, 'visits.deleteRecord', { id: recorded[1] as string }));
    await ok(call(a.t.app, a.admin, 'persons.delete', { id: inA[2] as string }));
    expectTallyExact(a.t.app.db, 'changed at 幸福里');
    const incremental = await send(a, bureau, 'incremental');
    expectTallyExact(bureau.t.app.db, 'incremental packet');
    expect((bureau.t.app.db.prepare('SELECT sum(gift_fen) AS g FROM visit_campaign_tally').get() as { g: number }).g).toBe(60_000);

    const today = todayOf(bureau);
    const rollup = countyRollup(bureau.t.app.db, today, '2026', true);
    for (const x of [a, b]) {
      const row = rollup.rows.find((r) => r.office.id === x.id);
      for (const def of CAMPAIGN_DEFS.filter((d) => CAMPAIGN_ROLLUP_FIGURES.some((f) => f.key === d.key))) {
        const rc = officeContext(bureau.t.app.db, today, x.id);
        const own = computeFor(rc, def, periodOf(rc, def, '2026'), undefined, [...ROLLUP_MEASURES, 'home']);
        for (const m of ROLLUP_MEASURES) expect({ office: x.id, key: def.key, m, v: row?.figures[`${def.key}:${m}`] }).toEqual({ office: x.id, key: def.key, m, v: own.figures[m] ?? null });
      }
    }
    expect(rollup.total['visits.campaign.spring_festival:giftFen']).toBe(600);
    expectFiguresMatchFacts(reportContext(bureau.t.app.db, today), '2026');

    // The incremental packet undone: the record comes back, the 慰问金 as it was, the person too.
    await ok(call(bureau.t.app, bureau.admin, 'packets.undoImport', { packetId: packetIdOf(incremental) }));
    expectTallyExact(bureau.t.app.db, 'undone');
    expect((bureau.t.app.db.prepare('SELECT sum(gift_fen) AS g FROM visit_campaign_tally').get() as { g: number }).g).toBe(70_000);
    expectFiguresMatchFacts(reportContext(bureau.t.app.db, today), '2026');

    // A person moves from 锦绣苑 to 幸福里 with a transfer packet.
    const moving = await addPerson(b, { name: '张德明' });
    await ok(call(b.t.app, b.admin, 'visits.replanAll', {}));
    await send(b, bureau, 'incremental');
    expectTallyExact(bureau.t.app.db, 'new person sent');
    await trustBoth(a, b);
    await send(b, a, 'transfer', [moving]);
    expectTallyExact(a.t.app.db, 'transfer in');
    expectTallyExact(b.t.app.db, 'transfer out');
  }, 180_000);
});

function todayOf(o: Office): string {
  return new Date(o.t.clock.time).toISOString().slice(0, 10);
}

function packetIdOf(sent: unknown): string {
  const found = JSON.stringify(sent).match(/"packetId":"([^"]+)"/);
  if (!found?.[1]) throw new Error('no packet id in what send returned');
  return found[1];
}
