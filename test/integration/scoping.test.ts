import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase } from '../helpers/app';
import { CHANNELS, contract, type Channel } from '../../shared/contract';
import ExcelJS from 'exceljs';
import { careOffice, addPerson, type CareOffice } from './care.helpers';
import { rowCodeText } from '../../shared/listCodes';

/** Every text of the first sheet of an exported .xlsx. */
async function sheetText(base64: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
  const out: string[] = [];
  (wb.worksheets[0] as ExcelJS.Worksheet).eachRow((row) => row.eachCell((cell) => out.push(String(cell.value ?? ''))));
  return out.join('\n');
}

/** Channels a grid worker may call that return no person data. Anything else must have a probe below. */
const NO_PERSON_DATA: readonly Channel[] = [
  'app.info',
  'setup.create',
  'auth.session',
  'auth.login',
  'recovery.check',
  'recovery.login',
  'auth.logout',
  'auth.unlock',
  'auth.heartbeat',
  'auth.changePassword',
  'prefs.update',
  'settings.get',
  'persons.grids',
  'grids.list',
  'grids.get',
  'tasks.cancel',
  'reports.profile',
  'reports.countyOffices',
];

const gridworkerMay = (c: Channel) => {
  const access = contract[c].access;
  return access === 'public' || access === 'session' || access.includes('gridworker');
};

describe('grid worker scoping, enforced in main', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  it('a grid worker sees only the persons assigned to them, none before the office assigns anyone', async () => {
    const a = await addPerson(o, { name: '甲一' });
    await addPerson(o, { name: '乙二' });
    expect((await ok(call(o.t.app, o.gw1, 'persons.list', {}))).total).toBe(0);
    expect(await errorCode(call(o.t.app, o.gw1, 'persons.get', { id: a }))).toBe('NOT_FOUND');
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: a, userId: o.ids.gw2 }));
    expect((await ok(call(o.t.app, o.gw1, 'persons.list', {}))).total).toBe(0);
    expect((await ok(call(o.t.app, o.gw2, 'persons.list', {}))).rows.map((r) => r.id)).toEqual([a]);
  });

  it('walks every channel that returns person data as a grid worker: only their persons, others NOT_FOUND', async () => {
    const grid = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第一网格', workerIds: [o.ids.gw1, o.ids.gw2], places: ['幸福里小区'] }));
    const mine = await addPerson(o, { name: '甲一', address: '幸福里小区1号楼' });
    const mineAsBackup = await addPerson(o, { name: '乙二', address: '幸福里小区2号楼' });
    const theirs = await addPerson(o, { name: '丙三', address: '幸福里小区3号楼' });
    const nobodys = await addPerson(o, { name: '丁四', address: '幸福里小区4号楼' });
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: mine, userId: o.ids.gw1 }));
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: mineAsBackup, userId: o.ids.gw2 }));
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: mineAsBackup, userId: o.ids.gw1, role: 'backup' }));
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: theirs, userId: o.ids.gw2 }));
    const myRecord = await ok(call(o.t.app, o.staff, 'visits.record', { personId: mine, fields: { visitDate: '2026-11-20', method: 'home', summary: '身体尚好' } }));
    const theirRecord = await ok(call(o.t.app, o.staff, 'visits.record', { personId: theirs, fields: { visitDate: '2026-11-20', method: 'home', summary: '身体尚好' } }));
    const myRequest = await ok(call(o.t.app, o.staff, 'requests.create', { personId: mine, category: 'emotional', description: '想参加老年合唱团' }));
    const theirRequest = await ok(call(o.t.app, o.staff, 'requests.create', { personId: theirs, category: 'medical', description: '需要上门测血压' }));
    const theirList = await ok(call(o.t.app, o.staff, 'lists.create', { kind: 'visit_list', userId: o.ids.gw2, from: '2026-11-27', to: '2026-12-31' }));
    const myList = await ok(call(o.t.app, o.gw1, 'lists.create', { kind: 'visit_list', from: '2026-11-27', to: '2026-12-31' }));
    const NOT_THERE = '0190f0f0-0000-7000-8000-000000000000';
    const s = o.gw1;
    const app = o.t.app;

    const probes: Partial<Record<Channel, () => Promise<void>>> = {
      'persons.list': async () => {
        const all = await ok(call(app, s, 'persons.list', { status: 'all' }));
        expect(all.rows.map((r) => r.id).sort()).toEqual([mine, mineAsBackup].sort());
        expect((await ok(call(app, s, 'persons.list', { search: '丙三' }))).total).toBe(0);
      },
      'persons.get': async () => {
        await ok(call(app, s, 'persons.get', { id: mineAsBackup }));
        expect(await errorCode(call(app, s, 'persons.get', { id: theirs }))).toBe('NOT_FOUND');
        expect(await errorCode(call(app, s, 'persons.get', { id: nobodys }))).toBe('NOT_FOUND');
        expect(await errorCode(call(app, s, 'persons.get', { id: NOT_THERE }))).toBe('NOT_FOUND');
      },
      'persons.history': async () => {
        expect((await ok(call(app, s, 'persons.history', { id: mine }))).length).toBeGreaterThan(0);
        expect(await errorCode(call(app, s, 'persons.history', { id: theirs }))).toBe('NOT_FOUND');
      },
      'roster.export': async () => {
        expect((await ok(call(app, s, 'roster.export', { status: 'all' }))).count).toBe(2);
      },
      'assignments.forPerson': async () => {
        await ok(call(app, s, 'assignments.forPerson', { personId: mine }));
        expect(await errorCode(call(app, s, 'assignments.forPerson', { personId: theirs }))).toBe('NOT_FOUND');
      },
      'visits.worklist': async () => {
        const own = await ok(call(app, s, 'visits.worklist', { statuses: ['overdue', 'due', 'upcoming', 'missed'], upcomingDays: 400 }));
        expect(new Set(own.rows.map((r) => r.personId))).toEqual(new Set([mine]));
        expect(own.requests.map((r) => r.id)).toEqual([myRequest.id]);
        const withBackup = await ok(call(app, s, 'visits.worklist', { includeBackup: true }));
        expect(new Set(withBackup.rows.map((r) => r.personId))).toEqual(new Set([mine, mineAsBackup]));
        expect(await errorCode(call(app, s, 'visits.worklist', { userId: o.ids.gw2 }))).toBe('FORBIDDEN');
        expect(await errorCode(call(app, s, 'visits.worklist', { scope: 'all' }))).toBe('FORBIDDEN');
        expect(await errorCode(call(app, s, 'visits.worklist', { scope: 'unassigned' }))).toBe('FORBIDDEN');
      },
      'visits.forPerson': async () => {
        expect((await ok(call(app, s, 'visits.forPerson', { personId: mine }))).length).toBeGreaterThan(0);
        expect(await errorCode(call(app, s, 'visits.forPerson', { personId: theirs }))).toBe('NOT_FOUND');
      },
      'visits.getRecord': async () => {
        await ok(call(app, s, 'visits.getRecord', { id: myRecord.id }));
        expect(await errorCode(call(app, s, 'visits.getRecord', { id: theirRecord.id }))).toBe('NOT_FOUND');
      },
      'visits.records': async () => {
        expect((await ok(call(app, s, 'visits.records', {}))).rows.map((r) => r.id)).toEqual([myRecord.id]);
        expect((await ok(call(app, s, 'visits.records', { personId: theirs }))).total).toBe(0);
      },
      'visits.record': async () => {
        const before = dumpDatabase(app);
        expect(await errorCode(call(app, s, 'visits.record', { personId: theirs, fields: { visitDate: '2026-11-26', method: 'home', summary: '身体尚好' } }))).toBe('NOT_FOUND');
        expect(dumpDatabase(app)).toEqual(before);
        await ok(call(app, s, 'visits.record', { personId: mineAsBackup, fields: { visitDate: '2026-11-26', method: 'phone', summary: '身体尚好' } }));
      },
      'requests.list': async () => {
        expect((await ok(call(app, s, 'requests.list', {}))).rows.map((r) => r.id)).toEqual([myRequest.id]);
        expect((await ok(call(app, s, 'requests.list', { personId: theirs }))).total).toBe(0);
      },
      'requests.get': async () => {
        await ok(call(app, s, 'requests.get', { id: myRequest.id }));
        expect(await errorCode(call(app, s, 'requests.get', { id: theirRequest.id }))).toBe('NOT_FOUND');
      },
      'requests.create': async () => {
        expect(await errorCode(call(app, s, 'requests.create', { personId: theirs, category: 'other', description: 'x' }))).toBe('NOT_FOUND');
        await ok(call(app, s, 'requests.create', { personId: mine, category: 'hardship', description: '暖气费有困难' }));
      },
      'lists.list': async () => {
        expect((await ok(call(app, s, 'lists.list', {}))).rows.map((r) => r.listNo)).toEqual([myList.listNo]);
      },
      'lists.get': async () => {
        await ok(call(app, s, 'lists.get', { listNo: myList.listNo }));
        expect(await errorCode(call(app, s, 'lists.get', { listNo: theirList.listNo }))).toBe('NOT_FOUND');
      },
      'lists.create': async () => {
        expect(await errorCode(call(app, s, 'lists.create', { kind: 'visit_list', userId: o.ids.gw2, from: '2026-11-27', to: '2026-12-31' }))).toBe('FORBIDDEN');
        const byGrid = await ok(call(app, s, 'lists.create', { kind: 'visit_list', gridId: grid.id, from: '2026-11-27', to: '2026-12-31' }));
        expect(byGrid.rows.map((r) => r.personId)).toEqual([mine]);
        expect(await errorCode(call(app, s, 'lists.create', { kind: 'service_cards', personIds: [theirs] }))).toBe('NOT_FOUND');
      },
      'lists.enterResults': async () => {
        expect(
          await errorCode(call(app, s, 'lists.enterResults', { listNo: theirList.listNo, rows: [{ row: 1, outcome: 'visited', visitDate: '2026-11-27', method: 'home' }] })),
        ).toBe('NOT_FOUND');
      },
      'reports.workSummary': async () => {
        const summary = await ok(call(app, s, 'reports.workSummary', { period: '2026-11' }));
        expect(summary.rows.map((r) => r.userId)).toEqual([o.ids.gw1]);
        expect(summary.rows.flatMap((r) => r.behind.map((b) => b.personId)).every((id) => id === mine || id === mineAsBackup)).toBe(true);
        // Asking for a colleague's line still answers with one's own.
        expect((await ok(call(app, s, 'reports.workSummary', { period: '2026-11', userId: o.ids.gw2 }))).rows.map((r) => r.userId)).toEqual([o.ids.gw1]);
      },
      'reports.exportWorklist': async () => {
        const text = await sheetText((await ok(call(app, s, 'reports.exportWorklist', { statuses: ['overdue', 'due', 'upcoming', 'missed'], upcomingDays: 400, includeBackup: true }))).base64);
        expect(text).toContain('甲一');
        for (const other of ['丙三', '丁四']) expect(text).not.toContain(other);
        expect(await errorCode(call(app, s, 'reports.exportWorklist', { scope: 'all' }))).toBe('FORBIDDEN');
      },
      'reports.exportRequests': async () => {
        const text = await sheetText((await ok(call(app, s, 'reports.exportRequests', {}))).base64);
        expect(text).toContain('想参加老年合唱团');
        expect(text).not.toContain('需要上门测血压');
      },
      'lists.serviceCards': async () => {
        expect((await ok(call(app, s, 'lists.serviceCards', {}))).cards.map((c) => c.personId)).toEqual([mine]);
        expect((await ok(call(app, s, 'lists.serviceCards', { gridId: grid.id }))).cards.map((c) => c.personId)).toEqual([mine]);
        expect(await errorCode(call(app, s, 'lists.serviceCards', { personIds: [theirs] }))).toBe('NOT_FOUND');
      },
      'lists.resolveCode': async () => {
        const area = (app.db.prepare('SELECT area_code FROM office').get() as { area_code: string }).area_code;
        expect(await ok(call(app, s, 'lists.resolveCode', { code: rowCodeText(area, myList.listNo, 1) }))).toMatchObject({ listNo: myList.listNo, row: 1 });
        expect(await errorCode(call(app, s, 'lists.resolveCode', { code: rowCodeText(area, theirList.listNo, 1) }))).toBe('NOT_FOUND');
      },
      'lists.cancel': async () => {
        expect(await errorCode(call(app, s, 'lists.cancel', { listNo: theirList.listNo }))).toBe('NOT_FOUND');
      },
    };

    const unclassified = CHANNELS.filter((c) => gridworkerMay(c) && !NO_PERSON_DATA.includes(c) && probes[c] === undefined);
    expect(unclassified, 'every channel a grid worker may call is probed or listed as carrying no person data').toEqual([]);
    for (const [channel, probe] of Object.entries(probes)) {
      try {
        await probe();
      } catch (err) {
        throw new Error(`${channel}: ${(err as Error).message}`, { cause: err });
      }
    }

    // Staff and viewers see everyone.
    expect((await ok(call(app, o.viewer, 'persons.list', {}))).total).toBe(4);
    expect((await ok(call(app, o.staff, 'requests.list', {}))).total).toBe(3);
    expect((await ok(call(app, o.viewer, 'lists.get', { listNo: theirList.listNo }))).rows.length).toBeGreaterThan(0);
    expect((await ok(call(app, o.viewer, 'visits.worklist', { userId: o.ids.gw2 }))).rows.length).toBeGreaterThan(0);
  });
});
