/**
 * 统计与报表 through dispatch on a real database: every indicator of the catalogue against counts
 * written out by hand from the story of reports.fixture.ts (deaths, a move, a historical entry, a
 * birth on 29 February, a lost birth date, visits on the first and last day of their windows and
 * periods), the dashboard, the morning view, the work summary, the two statutory forms with their
 * checks, hand-in and its refusals, the office profile, the list exports, and the edge cases of
 * periods. A property test checks that per-grid figures add up to the office's.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, dumpDatabase, errorCode, ok } from '../helpers/app';
import type { ChannelOutput } from '../../shared/contract';
import { INDICATORS } from '../../shared/reports/catalogue';
import { computeFor, drill, periodOf } from '../../main/services/reports/engine';
import { FACTS } from '../../main/services/reports/indicators';
import { reportContext } from '../../main/services/reports/scope';
import { buildReportsOffice, setDay, type ReportsOffice } from './reports.fixture';

let o: ReportsOffice;
beforeAll(async () => {
  o = await buildReportsOffice();
}, 240_000);
afterAll(() => o?.t.close());

type Result = ChannelOutput<'reports.indicator'>;
const show = (key: string, period: string, by?: Result['by']) => ok(call(o.t.app, o.viewer, 'reports.indicator', { key, period, ...(by ? { by } : {}) }));
const rowsOf = (r: Result) => Object.fromEntries(r.rows.map((x) => [x.name ?? x.key ?? '—', x.figures]));
const names = async (key: string, measure: string, period: string, extra: { by?: Result['by']; value?: string | null } = {}) =>
  (await ok(call(o.t.app, o.viewer, 'reports.drill', { key, measure, period, limit: 100, ...extra } as never))).rows.map((r) => String(r.cells['name'])).sort();

describe('persons', () => {
  it('headcount on 31 December: 离休/退休 by sex, by level and kind of unit', async () => {
    const r = await show('persons.headcount', '2025');
    expect(r.period).toMatchObject({ from: '2025-01-01', to: '2025-12-31', asOf: '2025-12-31', running: false, startsBeforeRecords: true, recordsFrom: '2025-01-10' });
    expect(r.figures).toMatchObject({ total: 6, lixiu: 3, tuixiu: 3 });
    expect(rowsOf(await show('persons.headcount', '2025', 'sex'))).toEqual({
      male: { total: 2, lixiu: 1, tuixiu: 1, kindUnrecorded: 1 },
      female: { total: 4, lixiu: 2, tuixiu: 2, kindUnrecorded: 2 },
    });
    const levels = rowsOf(await show('persons.headcount', '2025', 'unitLevel'));
    expect(Object.fromEntries(Object.entries(levels).map(([k, v]) => [k, v['total']]))).toEqual({ provincial: 1, municipal: 1, county: 2, enterprise: 1, other: 1 });
    const kinds = await show('persons.headcount', '2025', 'unitKind');
    // Recorded kinds; 张志强's is not recorded but his unit is enterprise-level; 赵淑珍's and 周丽华's are not recorded.
    expect(kinds.rows.map((x) => [x.key, x.figures['total']])).toEqual([
      ['government', 2],
      ['institution', 1],
      ['enterprise', 1],
      [null, 2],
    ]);
    expect(r.incomplete).toEqual([{ key: 'kindUnrecorded', count: 3 }]);
    expect(await names('persons.headcount', 'kindUnrecorded', '2025')).toEqual(['张志强', '赵淑珍', '周丽华'].sort());
    expect(await names('persons.headcount', 'total', '2025', { by: 'unitKind', value: 'government' })).toEqual(['王建国', '郑玉兰'].sort());
    expect(await names('persons.headcount', 'total', '2025')).toEqual(['张志强', '周丽华', '李秀英', '王建国', '赵淑珍', '郑玉兰'].sort());
    // A day in 2026: P8 has come, nobody has left since.
    expect((await show('persons.headcount', '2026-01-05')).figures['total']).toBe(7);
    expect((await show('persons.headcount', '2026-01-04')).figures['total']).toBe(6);
  });

  it('changes over the year: new (not the historical entry), moved out, died, the death rate, and the balance', async () => {
    const r = await show('persons.changes', '2025');
    expect(r.figures).toEqual({ start: 0, new: 8, movedOut: 1, died: 1, end: 6, exposed: 8, deathRate: 12.5 });
    expect(await names('persons.changes', 'died', '2025')).toEqual(['刘德明']);
    expect(await names('persons.changes', 'movedOut', '2025')).toEqual(['陈海涛']);
    expect(await names('persons.changes', 'new', '2025')).not.toContain('吴德明');
    expect(rowsOf(await show('persons.changes', '2025', 'rtype'))).toMatchObject({ lixiu: { new: 3, died: 0, end: 3 }, tuixiu: { new: 5, movedOut: 1, died: 1, end: 3, deathRate: 20 } });
    // The death falls in August: the third quarter has it, the second does not.
    expect((await show('persons.changes', '2025-Q3')).figures).toMatchObject({ start: 8, new: 0, died: 1, movedOut: 0, end: 7 });
    expect((await show('persons.changes', '2025-Q2')).figures).toMatchObject({ start: 7, new: 1, died: 0, end: 8 });
    // 2026 so far: P8 arrives.
    const now = await show('persons.changes', '2026');
    expect(now.period).toMatchObject({ running: true, asOf: '2026-03-10' });
    expect(now.figures).toMatchObject({ start: 6, new: 1, movedOut: 0, died: 0, end: 7 });
  });

  it('ages on the day: bands, 80+/90+/100+, average without the lost birth date, 29 February', async () => {
    const r = await show('persons.age', '2025');
    expect(r.figures).toMatchObject({
      total: 6,
      under60: 0,
      a60to69: 1,
      a70to79: 1,
      a80to89: 1,
      a90to99: 1,
      a100plus: 1,
      noBirthDate: 1,
      over80: 3,
      over90: 2,
      over100: 1,
      withAge: 5,
      sumAge: 412,
      minAge: 65,
      maxAge: 100,
      averageAge: 82.4,
    });
    expect(r.incomplete).toEqual([{ key: 'noBirthDate', count: 1 }]);
    expect(await names('persons.age', 'noBirthDate', '2025')).toEqual(['郑玉兰']);
    // Born 29 February 1948: 77 on 28 February 2026, 78 on 1 March.
    expect((await show('persons.age', '2026-02-28')).figures['sumAge']).toBe(80 + 77 + 90 + 100 + 66 + 81);
    expect((await show('persons.age', '2026-03-01')).figures['sumAge']).toBe(80 + 78 + 90 + 100 + 66 + 81);
    const before = await ok(call(o.t.app, o.viewer, 'reports.drill', { key: 'persons.age', measure: 'total', period: '2026-02-28', limit: 20 }));
    const after = await ok(call(o.t.app, o.viewer, 'reports.drill', { key: 'persons.age', measure: 'total', period: '2026-03-01', limit: 20 }));
    expect(before.rows.find((x) => x.cells['name'] === '李秀英')?.cells['age']).toBe(77);
    expect(after.rows.find((x) => x.cells['name'] === '李秀英')?.cells['age']).toBe(78);
    // The pyramid: ages by sex.
    const pyramid = rowsOf(await show('persons.age', '2025', 'sex'));
    expect(pyramid['male']).toMatchObject({ a80to89: 1, a90to99: 1, total: 2 });
    expect(pyramid['female']).toMatchObject({ a60to69: 1, a70to79: 1, a100plus: 1, noBirthDate: 1, total: 4 });
  });

  it('living situation, ADL bands as of the day with 未评估 said, contacts', async () => {
    expect((await show('persons.living', '2025')).figures).toMatchObject({ total: 6, alone: 1, emptyNest: 1, withChildren: 2, institution: 1, other: 1 });
    const adl = await show('persons.adl', '2025');
    expect(adl.figures).toMatchObject({ total: 6, intact: 1, mild: 0, moderate: 0, severe: 1, unassessed: 4, stale: 1 });
    expect(adl.incomplete).toEqual([{ key: 'unassessed', count: 4 }]);
    // P3 was assessed in January 2026: mild from then on.
    expect((await show('persons.adl', '2026-01-15')).figures).toMatchObject({ mild: 1, unassessed: 4 });
    const contacts = await show('persons.contacts', '2025');
    expect(contacts.figures).toMatchObject({ total: 6, noResponsible: 1, noEmergency: 2, noGrid: 0, responsibleRate: 83.3 });
    expect(await names('persons.contacts', 'noResponsible', '2025')).toEqual(['郑玉兰']);
    expect(await names('persons.contacts', 'noEmergency', '2025')).toEqual(['周丽华', '郑玉兰'].sort());
    // On 30 November P10 still had her contact.
    expect((await show('persons.contacts', '2025-11-30')).figures['noResponsible']).toBe(0);
  });

  it('in hospital on the day', async () => {
    expect((await show('persons.hospital', '2025')).figures).toEqual({ inHospital: 1, noDischarge90: 0 });
    expect(await names('persons.hospital', 'inHospital', '2025')).toEqual(['赵淑珍']);
    expect((await show('persons.hospital', '2025-09-05')).figures['inHospital']).toBe(1);
    expect(await names('persons.hospital', 'inHospital', '2025-09-05')).toEqual(['张志强']);
    expect((await show('persons.hospital', '2025-09-11')).figures['inHospital']).toBe(0);
  });
});

describe('visits', () => {
  it('planned against done per month, the contact on the due date, visits on window boundaries', async () => {
    const march = await show('visits.plan', '2025-03');
    // P4's quarterly visit gave way to monthly ones once her ADL put her at risk, and P9's ended with her record (her
    // planned 能力评估 visit with it): all three cancelled.
    expect(march.figures).toEqual({ planned: 8, done: 6, doneLate: 1, overdue: 0, missed: 2, pending: 0, cancelled: 3, completion: 75 });
    expect(rowsOf(await show('visits.plan', '2025-03', 'contact'))).toMatchObject({
      网格员小李: { planned: 5, done: 3, missed: 2 },
      网格员小王: { planned: 2, done: 2 },
    });
    const none = (await show('visits.plan', '2025-03', 'contact')).rows.find((x) => x.key === null);
    expect(none?.figures).toMatchObject({ planned: 1, done: 1 });
    expect(await names('visits.plan', 'missed', '2025-03')).toEqual(['郑玉兰', '陈海涛'].sort());
    expect((await show('visits.plan', '2025-04')).figures).toMatchObject({ planned: 3, done: 1, missed: 2 });
    const months = await show('visits.plan', '2025', 'month');
    expect(months.rows.find((x) => x.key === '2025-03')?.figures['planned']).toBe(8);
  });

  it('visit records by how, with 慰问金', async () => {
    const r = await show('visits.records', '2025');
    expect(r.figures).toEqual({ records: 16, home: 10, phone: 2, hospital: 3, video: 1, giftFen: 1300, gifts: 5 });
    // Boundaries: 2025-12-27 is in December, nothing in 2026 so far.
    expect((await show('visits.records', '2025-12')).figures['records']).toBe(1);
    expect((await show('visits.records', '2026')).figures['records']).toBe(0);
  });

  it('campaign coverage: 春节, 重阳 (by grid and contact, against the goal), 七一, 整寿', async () => {
    const sf = await show('visits.campaign.spring_festival', '2025');
    expect(sf.figures).toMatchObject({ due: 7, visited: 4, notVisited: 3, missed: 3, open: 0, home: 2, phone: 1, hospital: 1, video: 0, giftFen: 1000, giftPersons: 3, coverage: 57.1 });
    expect(sf.goal).toEqual({ target: 100, status: 'red' });
    // P6 moved away on 30 November, after his 重阳 visit was missed (12 November): he was due. P5 died before it: not due.
    const cy = await show('visits.campaign.chongyang', 'chongyang:2025');
    expect(cy.figures).toMatchObject({ due: 7, visited: 3, notVisited: 4, missed: 4, home: 2, video: 1, giftFen: 300, giftPersons: 2, coverage: 42.9 });
    expect(cy.goal).toEqual({ target: 60, status: 'red' });
    const grids = await show('visits.campaign.chongyang', '2025', 'grid');
    expect(grids.rows.map((x) => [x.name, x.figures['due'], x.figures['visited'], x.figures['coverage'], x.status])).toEqual([
      ['第一网格', 4, 2, 50, 'amber'],
      ['第二网格', 3, 1, 33.3, 'red'],
    ]);
    expect(rowsOf(await show('visits.campaign.chongyang', '2025', 'contact'))).toMatchObject({ 网格员小李: { due: 4, visited: 2 }, 网格员小王: { due: 3, visited: 1 } });
    // 重阳 未走访: visited on 13 November, a day after the window closed, 张志强 stays unvisited.
    expect(await names('visits.campaign.chongyang', 'notVisited', '2025')).toEqual(['张志强', '赵淑珍', '郑玉兰', '陈海涛'].sort());
    expect(await names('visits.campaign.chongyang', 'notVisited', '2025', { by: 'grid', value: o.grids.B })).toEqual(['张志强', '赵淑珍'].sort());
    const party = await show('visits.campaign.party_day', '2025');
    expect(party.figures).toMatchObject({ due: 3, visited: 3, coverage: 100 });
    expect(party.goal?.status).toBe('green');
    expect((await show('visits.campaign.birthday', '2025')).figures).toMatchObject({ due: 3, visited: 2, coverage: 66.7 });
    // A campaign of another kind or a month is not a campaign period.
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.indicator', { key: 'visits.campaign.chongyang', period: 'spring_festival:2025' }))).toBe('PERIOD_KIND_NOT_ALLOWED');
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.indicator', { key: 'visits.campaign.chongyang', period: '2025-10' }))).toBe('PERIOD_KIND_NOT_ALLOWED');
  });

  it('hospital and condolence visits within their window', async () => {
    expect((await show('visits.hospital', '2025')).figures).toEqual({ due: 2, onTime: 1, late: 1, notDone: 0, notYetDue: 0, counted: 2, timeliness: 50 });
    expect((await show('visits.condolence', '2025')).figures).toEqual({ due: 1, onTime: 0, late: 1, notDone: 0, notYetDue: 0, counted: 1, timeliness: 0 });
    expect(await names('visits.condolence', 'late', '2025')).toEqual(['刘德明']);
  });
});

describe('requests, party and organised life', () => {
  it('service requests by category: opened, resolved, open past due, median days', async () => {
    const r = await show('requests.summary', '2025');
    expect(r.figures).toEqual({ opened: 5, resolved: 2, declined: 0, openAtEnd: 3, openPastDue: 1, daysToResolve: 7 });
    expect(await names('requests.summary', 'openPastDue', '2025')).toEqual(['张志强']);
    const byCategory = await show('requests.summary', '2025', 'category');
    expect(byCategory.rows.map((x) => [x.key, x.figures['opened'], x.figures['resolved'], x.figures['openPastDue'], x.figures['daysToResolve']])).toEqual([
      ['home_care', 1, 1, 0, 10],
      ['medical', 1, 1, 0, 4],
      ['hardship', 1, 0, 1, null],
      ['emotional', 1, 0, 0, null],
      ['other', 1, 0, 0, null],
    ]);
    // In 2026 the declined one closes; R3 and R4 are still open, both now past due.
    expect((await show('requests.summary', '2026')).figures).toMatchObject({ opened: 0, declined: 1, openAtEnd: 2, openPastDue: 2 });
  });

  it('party: members on the day, branches, meetings with attendance, dues arrears', async () => {
    expect((await show('party.members', '2025')).figures).toEqual({ members: 2, atCommunity: 1, atUnit: 1 });
    // Before the death P5 was a member too.
    expect((await show('party.members', '2025-08-19')).figures['members']).toBe(3);
    expect((await show('party.branches', '2025')).figures).toEqual({ total: 2, branch: 1, temporary: 0, station: 1, group: 0 });
    expect((await show('party.branches', '2025-01-31')).figures['total']).toBe(1);
    expect((await show('party.meetings', '2025')).figures).toEqual({ meetings: 2, expected: 6, present: 4, attendanceRate: 66.7 });
    const dues = await show('party.dues', '2025');
    expect(dues.figures).toEqual({ persons: 2, months: 7, amountFen: 40, unknownAmount: 0 });
    // On 15 December, December's dues are not late yet.
    expect((await show('party.dues', '2025-12-15')).figures).toMatchObject({ persons: 1, months: 5 });
  });

  it('activities, volunteer hours, assistance pairs contacted in the period', async () => {
    const a = await show('activities.sessions', '2025');
    expect(a.figures).toEqual({ sessions: 2, attended: 2, unrecorded: 1 });
    expect(a.incomplete).toEqual([{ key: 'unrecorded', count: 1 }]);
    expect((await show('volunteers.hours', '2025')).figures).toEqual({ volunteers: 2, retirees: 1, services: 3, minutes: 4.5 });
    expect((await show('volunteers.hours', '2026')).figures).toMatchObject({ volunteers: 1, minutes: 0.5 });
    expect((await show('pairs.contact', '2025')).figures).toEqual({ active: 3, contacted: 2, notContacted: 1, contactRate: 66.7 });
    expect(await names('pairs.contact', 'notContacted', '2025')).toEqual(['王建国']);
  });
});

describe('periods', () => {
  it('refuses periods not begun, before the records, of the wrong kind, or malformed; counts a running one to today', async () => {
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.indicator', { key: 'persons.headcount', period: '2027' }))).toBe('PERIOD_IN_FUTURE');
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.indicator', { key: 'persons.headcount', period: '2024' }))).toBe('PERIOD_BEFORE_RECORDS');
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.indicator', { key: 'persons.headcount', period: '2025-01-09' }))).toBe('PERIOD_BEFORE_RECORDS');
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.indicator', { key: 'visits.plan', period: '2025-03-31' }))).toBe('PERIOD_KIND_NOT_ALLOWED');
    for (const bad of ['2025-13', '2025-02-30', '2025-Q5', '2025-12-31..2025-01-01', 'chongyang', 'abc:2025']) {
      expect(await errorCode(call(o.t.app, o.viewer, 'reports.indicator', { key: 'persons.headcount', period: bad }))).toBe('INVALID_INPUT');
    }
    const running = await show('persons.headcount', '2026');
    expect(running.period).toMatchObject({ asOf: '2026-03-10', running: true });
    // A range that ends today counts to today; a grid worker may not read the statistics.
    expect((await show('visits.records', '2025-10-22..2025-10-29')).figures['records']).toBe(2);
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.indicator', { key: 'persons.headcount', period: '2026-03-11' }))).toBe('PERIOD_IN_FUTURE');
    expect(await errorCode(call(o.t.app, o.gw1, 'reports.indicator', { key: 'persons.headcount', period: '2025' }))).toBe('FORBIDDEN');
  });

  it('every indicator runs for every breakdown it lists, and the grids add up to the office (property)', async () => {
    for (const def of INDICATORS) {
      const period = def.use === 'campaign' ? '2025' : '2025';
      for (const by of def.breakdowns) await show(def.key, period, by);
    }
    const gridded = INDICATORS.filter((d) => d.breakdowns.includes('grid'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...gridded),
        fc.constantFrom('2025', '2025-Q1', '2025-Q4', '2025-03', '2025-10', '2025-06-01..2025-11-30', '2026'),
        async (def, period) => {
          const text = def.use === 'campaign' ? period.slice(0, 4) : period;
          const whole = await show(def.key, text);
          const byGrid = await show(def.key, text, 'grid');
          for (const m of def.measures) {
            if (m.agg !== 'sum') continue;
            const sum = byGrid.rows.reduce((n, r) => n + (r.figures[m.key] ?? 0), 0);
            expect(Math.round(sum * 100) / 100, `${def.key}.${m.key} ${text}`).toBe(whole.figures[m.key]);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('figures asked for alone', () => {
  it('a figure counted alone, or a list read only for its measure, is the one counted with all the others', () => {
    const db = o.t.app.db;
    const rc = reportContext(db, '2026-03-10');
    for (const def of INDICATORS) {
      for (const text of def.use === 'campaign' ? ['2025', '2026'] : ['2025', '2025-08', '2025-08-01..2025-09-30', '2026-03-10', '2025-12-31']) {
        let period;
        try {
          period = periodOf(rc, def, text);
        } catch {
          continue; // a period this indicator refuses
        }
        const whole = computeFor(rc, def, period);
        for (const key of [...def.measures.map((m) => m.key), ...def.derived.map((d) => d.key)]) {
          const alone = computeFor(rc, def, period, undefined, [key]);
          expect(alone.figures[key], `${def.key}.${key} ${text}`).toEqual(whole.figures[key]);
          expect(alone.goal, `${def.key}.${key} ${text}`).toEqual(whole.goal);
        }
        // Every fact of the indicator, read without naming a measure, against each list.
        const source = (FACTS[def.key] as NonNullable<(typeof FACTS)[string]>)({ db, office: rc.office, period, today: rc.today, settings: rc.settings });
        if ('rows' in source) continue;
        for (const m of def.measures.filter((x) => x.drill)) {
          const all = (db.prepare(`SELECT f.id FROM (${source.sql}) f WHERE f.m_${m.key} > 0 ORDER BY f.o, f.id`).all(source.params) as { id: string }[]).map((r) => String(r.id));
          const listed = drill(rc, { key: def.key, measure: m.key, period: text, limit: null, offset: 0 });
          expect(listed.rows.map((r) => r.id), `${def.key}.${m.key} ${text}`).toEqual(all);
          expect(listed.total).toBe(all.length);
        }
      }
    }
  });
});

describe('views', () => {
  it('the dashboard has every indicator, coverage per grid, visits per month and the age pyramid', async () => {
    const d = await ok(call(o.t.app, o.viewer, 'reports.dashboard', { period: '2025' }));
    expect(d.refused).toEqual([]);
    expect(d.results.map((r) => r.key).sort()).toEqual(INDICATORS.map((i) => i.key).sort());
    expect(d.coverageByGrid.find((r) => r.key === 'visits.campaign.chongyang')?.rows.map((r) => r.name)).toEqual(['第一网格', '第二网格']);
    expect(d.visitsByMonth?.rows.length).toBe(12);
    expect(d.agePyramid?.rows.map((r) => r.key)).toEqual(['male', 'female']);
    expect(d.office).toEqual({ id: null, name: '幸福里社区', bureauOwn: false });
    // A month: the flows count the month, campaigns the month's year; a day refuses the flows by name.
    const day = await ok(call(o.t.app, o.viewer, 'reports.dashboard', { period: '2025-12-31' }));
    expect(day.refused.map((r) => r.code)).toContain('PERIOD_KIND_NOT_ALLOWED');
    expect(day.results.find((r) => r.key === 'persons.headcount')?.figures['total']).toBe(6);
  });

  it('the morning view: overdue by worker, the season, past due, no contact, hospital, deaths, birthdays, dues', async () => {
    setDay(o.t, '2026-03-10');
    const m = await ok(call(o.t.app, o.viewer, 'reports.morning', {}));
    expect(m.today).toBe('2026-03-10');
    expect(m.requestsPastDue).toBe(2);
    // P10's contact ended in December; P8, new this year, has none yet.
    expect(m.noContact).toBe(2);
    expect(m.inHospital.map((x) => x.name)).toEqual(['赵淑珍']);
    expect(m.inHospitalCount).toBe(1);
    expect(m.recentDeaths).toEqual([]);
    expect(m.dues).toEqual({ month: '2026-02', persons: 2, months: 2 + 2 });
    expect(m.campaigns.map((c) => c.campaign)).toContain('spring_festival');
    expect(m.overdueByWorker.reduce((n, w) => n + w.overdue, 0)).toBe(m.overdueTotal);
    // Back in September 2025 the death of August was recent.
    setDay(o.t, '2025-09-01');
    const sept = await ok(call(o.t.app, o.viewer, 'reports.morning', {}));
    expect(sept.recentDeaths.map((x) => [x.name, x.date])).toEqual([['刘德明', '2025-08-20']]);
    expect(sept.birthdays).toEqual([expect.objectContaining({ name: '赵淑珍', date: '2025-10-01', age: 100 })]);
    setDay(o.t, '2026-03-10');
  });

  it('the work summary: per worker, totals, and a grid worker sees only their own line', async () => {
    const w = await ok(call(o.t.app, o.staff, 'reports.workSummary', { period: '2025-03' }));
    const li = w.rows.find((r) => r.name === '网格员小李');
    expect(li).toMatchObject({ persons: 4, planned: 5, done: 3, missed: 2, records: 0, grids: ['第一网格'] });
    expect(li?.behind.map((b) => b.name).sort()).toEqual(['郑玉兰', '陈海涛'].sort());
    expect(w.totals).toMatchObject({ planned: 8, done: 6, missed: 2, completion: 75 });
    expect(w.totals.records).toBe(1);
    const own = await ok(call(o.t.app, o.gw2, 'reports.workSummary', { period: '2025-03', userId: o.users.gw1 }));
    expect(own.rows.map((r) => r.name)).toEqual(['网格员小王']);
  });
});

describe('statutory forms', () => {
  it('the annual form: figures, checks that pass, notes, and no hand-in before the year is over', async () => {
    const f = await ok(call(o.t.app, o.viewer, 'reports.form', { form: 'annual', period: '2025' }));
    expect(f.title).toBe('离退休干部基本情况统计表');
    expect(f.asOfLabel).toBe('2025年12月31日');
    const basic = f.tables[0];
    const row = (label: string) => basic?.rows.find((r) => r.labels.some((l) => l.text === label))?.cells;
    expect(row('年初在册')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row('本年新增')).toEqual([8, 3, 1, 2, 5, 3, 2]);
    expect(row('本年迁出')).toEqual([1, 0, 0, 0, 1, 1, 0]);
    expect(row('本年去世')).toEqual([1, 0, 0, 0, 1, 1, 0]);
    expect(row('年末在册')).toEqual([6, 3, 1, 2, 3, 1, 2]);
    expect(row('100岁及以上')).toEqual([1, 1, 0, 1, 0, 0, 0]);
    expect(row('出生日期未登记')).toEqual([1, 1, 0, 1, 0, 0, 0]);
    expect(row('90岁以上（高龄）')).toEqual([2, 1, 0, 1, 1, 1, 0]);
    const kindsAt = basic?.rows.findIndex((r) => r.labels.some((l) => l.text === '单位性质')) ?? -1;
    expect(basic?.rows.slice(kindsAt, kindsAt + 5).map((r) => [r.labels.at(-1)?.text, r.cells])).toEqual([
      ['行政机关', [2, 2, 1, 1, 0, 0, 0]],
      ['事业单位', [1, 0, 0, 0, 1, 0, 1]],
      ['企业', [1, 0, 0, 0, 1, 1, 0]],
      ['其他', [0, 0, 0, 0, 0, 0, 0]],
      ['未登记', [2, 1, 0, 1, 1, 0, 1]],
    ]);
    expect(row('企业')?.[0]).toBe(1);
    expect(row('党员人数')).toEqual([2, 1, 1, 0, 1, 1, 0]);
    expect(f.tables[1]?.rows.map((r) => r.cells)).toEqual([
      [82.4, 90, 77.3],
      [65, 80, 65],
      [100, 100, 90],
      [12.5, 0, 20],
    ]);
    expect(f.checks.every((c) => c.ok)).toBe(true);
    expect(f.notes.join('')).toContain('ADL 未评估 4 人');
    expect(f.notes.join('')).toContain('单位性质未登记 3 人');
    expect(f.checks.find((c) => c.key === 'unitKinds')?.ok).toBe(true);
    expect(f.notYet).toBeNull();
    expect(await errorCode(call(o.t.app, o.staff, 'reports.submit', { form: 'annual', period: '2026' }))).toBe('REPORT_NOT_DUE');
    expect(await errorCode(call(o.t.app, o.staff, 'reports.form', { form: 'annual', period: '2025-03' }))).toBe('INVALID_INPUT');
  });

  it('the annual form as .xlsx, read back cell by cell', async () => {
    const file = await ok(call(o.t.app, o.viewer, 'reports.formXlsx', { form: 'annual', period: '2025' }));
    expect(file.fileName).toBe('离退休干部基本情况统计表-幸福里社区-2025.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getCell('A1').value).toBe('离退休干部基本情况统计表');
    expect(sheet.getCell('A2').value).toBe('填报单位：幸福里社区（盖章）');
    expect(String(sheet.getCell(2, 6).value)).toBe('统计时点：2025年12月31日');
    // Header: 项目 over two columns and rows, 离休干部 over three columns.
    expect(sheet.getCell('A6').value).toBe('项目');
    expect(sheet.getCell('A6').isMerged && sheet.getCell('B7').master.address).toBe('A6');
    expect(sheet.getCell('C6').value).toBe('合计');
    expect(sheet.getCell('D6').value).toBe('离休干部');
    expect(sheet.getCell('F6').master.address).toBe('D6');
    expect(['D7', 'E7', 'F7', 'G7', 'H7', 'I7'].map((a) => sheet.getCell(a).value)).toEqual(['小计', '男', '女', '小计', '男', '女']);
    // The rows: group label merged down its rows, figures as numbers.
    const values = (r: number) => Array.from({ length: 9 }, (_, i) => sheet.getCell(r, i + 1).value);
    expect(values(8)).toEqual(['人数', '年初在册', 0, 0, 0, 0, 0, 0, 0]);
    expect(values(9)).toEqual(['人数', '本年新增', 8, 3, 1, 2, 5, 3, 2]);
    expect(sheet.getCell('A9').master.address).toBe('A8');
    expect(values(12)).toEqual(['人数', '年末在册', 6, 3, 1, 2, 3, 1, 2]);
    expect(sheet.getCell('C12').font?.bold).toBe(true);
    expect(sheet.getCell('C9').border?.left?.style).toBe('thin');
    expect(sheet.getCell('C9').numFmt).toBe('0');
    let rateRow = 0;
    sheet.eachRow((r, n) => {
      if (r.getCell(1).value === '去世率（%）') rateRow = n;
    });
    expect([2, 3, 4].map((c) => sheet.getCell(rateRow, c).value)).toEqual([12.5, 0, 20]);
    expect(sheet.getCell(rateRow, 2).numFmt).toBe('0.0"%"');
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.printArea).toMatch(/^A1:I\d+$/);
    let signature = '';
    sheet.eachRow((r) => {
      const text = String(r.getCell(1).value ?? '');
      if (text.startsWith('单位负责人')) signature = text;
    });
    expect(signature).toBe('单位负责人：');

    // Every table as the form's figures give it (checked against hand counts above): each row's own
    // label, each figure as a number in its unit's format, "—" where there is none.
    const f = await ok(call(o.t.app, o.viewer, 'reports.form', { form: 'annual', period: '2025' }));
    const formats = { count: '0', percent: '0.0"%"', yuan: '#,##0.00', years: '0.0', text: '@' } as const;
    let compared = 0;
    for (const t of f.tables) {
      let titleRow = 0;
      sheet.eachRow((r, n) => {
        if (titleRow === 0 && r.getCell(1).value === t.title) titleRow = n;
      });
      expect(titleRow, t.title).toBeGreaterThan(0);
      t.rows.forEach((row, i) => {
        const n = titleRow + 1 + t.header.length + i;
        expect(sheet.getCell(n, t.labelColumns).value, `${t.title} row ${i}`).toBe(row.labels.at(-1)?.text);
        row.cells.forEach((value, k) => {
          const cell = sheet.getCell(n, t.labelColumns + 1 + k);
          expect(cell.value, `${t.title} / ${String(row.labels.at(-1)?.text)} / column ${k}`).toBe(value ?? '—');
          if (typeof value === 'number') expect(cell.numFmt).toBe(formats[row.unit ?? t.columnUnits[k] ?? 'count']);
          compared += 1;
        });
      });
    }
    expect(compared).toBe(f.tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + r.cells.length, 0), 0));
    expect(compared).toBeGreaterThan(100);
    // The notes, in order, under 说明.
    const texts: string[] = [];
    sheet.eachRow((r) => texts.push(String(r.getCell(1).value ?? '')));
    const notesAt = texts.indexOf('说明：');
    expect(texts.slice(notesAt + 1, notesAt + 1 + f.notes.length)).toEqual(f.notes.map((note, i) => `${i + 1}. ${note}`));
  });

  it('hand-in: a failing check blocks it until a note explains it; the figures are frozen', async () => {
    // The historical entry turns out to be alive: the record was wrong. The balance no longer holds.
    setDay(o.t, '2026-03-10');
    await ok(call(o.t.app, o.staff, 'persons.changeStatus', { id: o.ids['P9'] as string, status: 'active', date: '2025-04-01', note: '记录有误，本人健在' }));
    const f = await ok(call(o.t.app, o.viewer, 'reports.form', { form: 'annual', period: '2025' }));
    const failed = f.checks.filter((c) => !c.ok);
    expect(failed.map((c) => c.key)).toEqual(['balance']);
    expect(failed[0]?.text).toContain('合计：年初 0 + 新增 8 − 迁出 1 − 去世 1 = 6，年末 7');
    const refused = await call(o.t.app, o.staff, 'reports.submit', { form: 'annual', period: '2025', headName: '王主任', fillerName: '孙干事', fillerPhone: '0354-1234567' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('REPORT_CHECKS_FAILED');
      expect(refused.error.details?.['count']).toBe(1);
    }
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.submit', { form: 'annual', period: '2025', note: 'x' }))).toBe('FORBIDDEN');
    const s = await ok(
      call(o.t.app, o.staff, 'reports.submit', { form: 'annual', period: '2025', note: '吴德明原登记为已去世，经核实健在，已更正。', headName: '王主任', fillerName: '孙干事', fillerPhone: '0354-1234567' }),
    );
    expect(s).toMatchObject({ form: 'annual', period: '2025', asOf: '2025-12-31', submittedOn: '2026-03-10', headName: '王主任', submittedByName: 'staff 用户' });
    expect(s.failedChecks.map((c) => c.key)).toEqual(['balance']);
    // Later changes do not move what was handed in.
    await ok(call(o.t.app, o.staff, 'persons.changeStatus', { id: o.ids['P9'] as string, status: 'moved_out', date: '2025-06-01', destination: '外地', note: '复核' }));
    const frozen = await ok(call(o.t.app, o.viewer, 'reports.form', { form: 'annual', period: '2025', submissionId: s.id }));
    expect(frozen.tables[0]?.rows.find((r) => r.labels.some((l) => l.text === '年末在册'))?.cells[0]).toBe(7);
    expect(frozen.submission?.note).toContain('经核实健在');
    const now = await ok(call(o.t.app, o.viewer, 'reports.form', { form: 'annual', period: '2025' }));
    expect(now.tables[0]?.rows.find((r) => r.labels.some((l) => l.text === '年末在册'))?.cells[0]).toBe(6);
    expect((await ok(call(o.t.app, o.viewer, 'reports.submissions', { form: 'annual' }))).map((x) => x.id)).toEqual([s.id]);
    const row = o.t.app.db.prepare('SELECT origin_office, version, form_version FROM report_submissions WHERE id = ?').get(s.id) as { origin_office: string; version: string; form_version: number };
    expect(row.form_version).toBe(1);
    expect(JSON.parse(row.version)).toEqual({ [row.origin_office]: 1 });
    const xlsx = await ok(call(o.t.app, o.viewer, 'reports.formXlsx', { form: 'annual', period: '2025', submissionId: s.id }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ExcelJS.Buffer);
    let signature = '';
    wb.worksheets[0]?.eachRow((r) => {
      if (String(r.getCell(1).value ?? '').startsWith('单位负责人')) signature = [1, 3, 5, 7].map((c) => String(r.getCell(c).value ?? '')).join('|');
    });
    expect(signature).toBe('单位负责人：王主任|填报人：孙干事|联系电话：0354-1234567|填报日期：2026年3月10日');
    // The bureau reads the sheet, not the app: the failed check and the office's explanation are in its 说明.
    const lines: string[] = [];
    wb.worksheets[0]?.eachRow((r) => lines.push(String(r.getCell(1).value ?? '')));
    const explained = lines.filter((l) => /^\d+\. (校核未通过|填报说明)/.test(l));
    expect(explained).toEqual([
      expect.stringMatching(/^\d+\. 校核未通过：年初在册 \+ 新增 − 迁出 − 去世 = 年末在册：合计：年初 0 \+ 新增 8 − 迁出 1 − 去世 1 = 6，年末 7/),
      expect.stringMatching(/^\d+\. 填报说明：吴德明原登记为已去世，经核实健在，已更正。$/),
    ]);
  });

  it('the campaign form of 重阳: categories, grids, contacts, methods and 慰问金, with its checks', async () => {
    const f = await ok(call(o.t.app, o.viewer, 'reports.form', { form: 'campaign', period: 'chongyang:2025' }));
    expect(f.title).toBe('走访慰问情况汇总表');
    expect(f.periodLabel).toBe('2025年重阳节');
    const [first, grids, contacts] = f.tables;
    const row = (label: string) => first?.rows.find((r) => r.labels.some((l) => l.text === label))?.cells;
    expect(row('合计')).toEqual([7, 3, 42.9, 2, 0, 0, 1, 300, 2]);
    expect(row('离休干部')).toEqual([3, 1, 33.3, 1, 0, 0, 0, 300, 1]);
    expect(row('退休干部')).toEqual([4, 2, 50, 1, 0, 0, 1, 0, 1]);
    expect(row('独居')).toEqual([2, 1, 50, 1, 0, 0, 0, 300, 1]);
    expect(row('男')).toEqual([3, 1, 33.3, 1, 0, 0, 0, 300, 1]);
    expect(grids?.rows.map((r) => [r.labels[0]?.text, ...r.cells])).toEqual([
      ['第一网格', 4, 2, 50, 300, '接近目标'],
      ['第二网格', 3, 1, 33.3, 0, '未达标'],
      ['合计', 7, 3, 42.9, 300, '未达标'],
    ]);
    expect(contacts?.rows.map((r) => r.labels[0]?.text)).toEqual(['网格员小李', '网格员小王', '合计']);
    expect(f.checks.filter((c) => !c.ok)).toEqual([]);
    expect(f.notYet).toBeNull();
    const s = await ok(call(o.t.app, o.staff, 'reports.submit', { form: 'campaign', period: 'chongyang:2025' }));
    expect(s.period).toBe('chongyang:2025');
    setDay(o.t, '2026-03-10');
    expect(await errorCode(call(o.t.app, o.staff, 'reports.submit', { form: 'campaign', period: 'chongyang:2026' }))).toBe('REPORT_NOT_DUE');
    expect(await errorCode(call(o.t.app, o.staff, 'reports.form', { form: 'campaign', period: '2025' }))).toBe('INVALID_INPUT');
  });
});

describe('office profile and exports', () => {
  it('the 四个到位 and 示范社区: admins save, everyone reads, it is a synchronised row', async () => {
    const empty = await ok(call(o.t.app, o.viewer, 'reports.profile', {}));
    expect(empty).toMatchObject({ updatedAt: null, inPlace: { venue: false, funds: false, staff: false, services: false } });
    const fields = { venueName: '社区老干部活动室', venueAreaM2: 120.5, fundsYear: 2026, annualFundsFen: 3_000_000, staffFullTime: 1, staffPartTime: 3, services: ['学习教育', '文体活动'], modelCommunity: true, modelLevel: 'county' as const, modelSince: 2023 };
    expect(await errorCode(call(o.t.app, o.staff, 'reports.saveProfile', fields))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.admin, 'reports.saveProfile', { ...fields, modelLevel: '' }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.admin, 'reports.saveProfile', { ...fields, fundsYear: null }))).toBe('INVALID_INPUT');
    const saved = await ok(call(o.t.app, o.admin, 'reports.saveProfile', fields));
    expect(saved).toMatchObject({ ...fields, inPlace: { venue: true, funds: true, staff: true, services: true } });
    await ok(call(o.t.app, o.admin, 'reports.saveProfile', { ...fields, staffPartTime: 4 }));
    const rows = o.t.app.db.prepare('SELECT staff_part_time, version, origin_office FROM office_profile WHERE deleted_at IS NULL').all() as { staff_part_time: number; version: string; origin_office: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.staff_part_time).toBe(4);
    expect(JSON.parse(rows[0]?.version ?? '{}')).toEqual({ [rows[0]?.origin_office ?? '']: 2 });
    expect((await ok(call(o.t.app, o.gw1, 'reports.profile', {}))).staffPartTime).toBe(4);
  });

  it('lists export with the filter in the title row: worklist, requests, pairs, arrears, drill-down', async () => {
    const load = async (base64: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
      return wb.worksheets[0] as ExcelJS.Worksheet;
    };
    const drill = await ok(call(o.t.app, o.viewer, 'reports.drillExport', { key: 'visits.campaign.chongyang', measure: 'notVisited', period: '2025', by: 'grid', value: o.grids.B }));
    const sheet = await load(drill.base64);
    expect(sheet.getCell('A1').value).toBe('重阳走访慰问：未走访（筛选：期间：2025年；网格：第二网格）');
    expect(sheet.getRow(3).values).toEqual(expect.arrayContaining(['姓名', '性别', '应走访日期']));
    expect([4, 5].map((r) => sheet.getCell(r, 1).value).sort()).toEqual(['张志强', '赵淑珍'].sort());
    expect(drill.count).toBe(2);
    const requests = await load((await ok(call(o.t.app, o.staff, 'reports.exportRequests', { status: 'active' }))).base64);
    expect(requests.getCell('A1').value).toBe('服务需求（筛选：状态：待办（待处理和处理中））');
    expect(requests.getCell('A4').value).not.toBeNull();
    const pairs = await ok(call(o.t.app, o.viewer, 'reports.exportPairs', { status: 'all', helperKind: 'volunteer' }));
    expect((await load(pairs.base64)).getCell('A1').value).toBe('结对帮扶（筛选：状态：全部；帮扶人类型：志愿者）');
    expect(pairs.count).toBe(1);
    const dues = await load((await ok(call(o.t.app, o.viewer, 'reports.exportArrears', { month: '2025-12' }))).base64);
    expect(dues.getCell('A1').value).toBe('党费欠缴名单（筛选：统计至 2025年12月）');
    const work = await ok(call(o.t.app, o.gw1, 'reports.exportWorklist', { statuses: ['overdue', 'due', 'upcoming', 'missed'] }));
    expect((await load(work.base64)).getCell('A1').value).toBe('走访工作清单（筛选：范围：我的走访；状态：逾期、待走访、即将到期、漏访）');
    expect(await errorCode(call(o.t.app, o.gw1, 'reports.exportWorklist', { scope: 'all' }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'reports.exportPairs', {}))).toBe('FORBIDDEN');
  });

  it('学习活动 and 志愿者 export as the lists show them, with the filter in the title row; a bad filter is refused', async () => {
    const load = async (base64: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
      return wb.worksheets[0] as ExcelJS.Worksheet;
    };
    const rowsOfSheet = (ws: ExcelJS.Worksheet) => Array.from({ length: ws.rowCount - 3 }, (_, i) => (ws.getRow(i + 4).values as unknown[]).slice(1));
    const all = await ok(call(o.t.app, o.viewer, 'reports.exportActivities', {}));
    const allSheet = await load(all.base64);
    expect(allSheet.getCell('A1').value).toBe('学习活动（全部）');
    expect((allSheet.getRow(3).values as unknown[]).slice(1)).toEqual(['日期', '时间', '类型', '活动名称', '地点', '组织者', '报名', '名额', '参加', '出勤率（%）']);
    // Neither has a time: the sheet says 全天 as the list does, not an empty cell.
    expect(rowsOfSheet(allSheet).map((r) => [r[0], r[1], r[3], r[6], r[8], r[9]])).toEqual([
      ['2025-12-31', '全天', '冬季养生讲座', 1, '', ''],
      ['2025-05-01', '全天', '太极拳交流', 3, 2, 66.7],
    ]);
    const some = await ok(call(o.t.app, o.viewer, 'reports.exportActivities', { from: '2025-01-01', to: '2025-06-30', kind: 'culture_sports', search: '太极' }));
    expect((await load(some.base64)).getCell('A1').value).toBe('学习活动（筛选：日期：2025-01-01 至 2025-06-30；类型：文体活动；搜索：太极）');
    expect(some.count).toBe(1);

    const people = await load((await ok(call(o.t.app, o.viewer, 'reports.exportVolunteers', { year: 2025 }))).base64);
    expect(people.getCell('A1').value).toBe('志愿者（全部）');
    expect(rowsOfSheet(people).map((r) => [r[0], r[1], r[5], r[6]])).toEqual([
      ['刘小红', '居民', 1.5, 1.5],
      ['李秀英', '离退休干部', 3, 3.5],
    ]);
    expect(people.getCell(3, 6).value).toBe('2025年服务时长（小时）');
    const residents = await ok(call(o.t.app, o.viewer, 'reports.exportVolunteers', { kind: 'resident', q: '刘' }));
    expect((await load(residents.base64)).getCell('A1').value).toBe('志愿者（筛选：搜索：刘；类别：居民）');
    expect(residents.count).toBe(1);

    const before = dumpDatabase(o.t.app);
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.exportActivities', { from: '2025-07-01', to: '2025-06-30' }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.viewer, 'reports.exportVolunteers', { kind: 'robot' } as never))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.gw1, 'reports.exportActivities', {}))).toBe('FORBIDDEN');
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('慰问金 and 慰问品 are kept on the visit record and can be corrected', async () => {
    const records = await ok(call(o.t.app, o.viewer, 'visits.records', { personId: o.ids['P1'] as string, limit: 20 }));
    const jan = records.rows.find((r) => r.visitDate === '2025-01-25');
    expect(jan).toMatchObject({ giftFen: 50000, giftItems: '米面油' });
    await ok(call(o.t.app, o.staff, 'visits.updateRecord', { id: jan?.id as string, fields: { visitDate: '2025-01-25', method: 'home', summary: '身体尚好', giftFen: 60000, giftItems: '米面油、慰问信' } }));
    expect((await ok(call(o.t.app, o.viewer, 'visits.getRecord', { id: jan?.id as string }))).giftFen).toBe(60000);
    expect((await show('visits.campaign.spring_festival', '2025')).figures['giftFen']).toBe(1100);
    expect(await errorCode(call(o.t.app, o.staff, 'visits.updateRecord', { id: jan?.id as string, fields: { visitDate: '2025-01-25', method: 'home', summary: '身体尚好', giftFen: -1 } }))).toBe('INVALID_INPUT');
  });
});
