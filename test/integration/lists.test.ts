import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase } from '../helpers/app';
import type { Result } from '../../shared/errors';
import { careOffice, addPerson, plannedOf, setDay, type CareOffice } from './care.helpers';

const SEVERE = { feeding: 5, bathing: 0, grooming: 0, dressing: 5, bowels: 5, bladder: 5, toilet: 5, transfer: 5, mobility: 5, stairs: 0 }; // 35

describe('printed lists', () => {
  let o: CareOffice;
  let persons: Record<string, string>;
  let grids: { g2: string; g10: string };
  beforeEach(async () => {
    o = await careOffice();
    const g10 = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第十网格', workerIds: [o.ids.gw1], places: ['和平路'] }));
    const g2 = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第二网格', workerIds: [o.ids.gw1], places: ['幸福里小区'] }));
    grids = { g2: g2.id, g10: g10.id };
    persons = {
      far: await addPerson(o, { name: '赵一', grid: '', address: '幸福里小区10号楼1单元', livingSituation: 'alone' }),
      near: await addPerson(o, { name: '钱二', grid: '', address: '幸福里小区3号楼2单元', livingSituation: 'empty_nest' }),
      other: await addPerson(o, { name: '孙三', grid: '', address: '和平路2号', livingSituation: 'with_children', birthDate: '1950-06-10' }),
      frail: await addPerson(o, { name: '李四', grid: '', address: '幸福里小区3号楼1单元', livingSituation: 'with_children', birthDate: '1950-06-10' }),
    };
    await ok(call(o.t.app, o.staff, 'health.addAssessment', { personId: persons['frail'] as string, assessedOn: '2026-11-01', items: SEVERE }));
    await ok(call(o.t.app, o.staff, 'persons.setHighRisk', { id: persons['other'] as string, highRisk: true }));
    for (const id of Object.values(persons)) await ok(call(o.t.app, o.staff, 'assignments.set', { personId: id, userId: o.ids.gw1 }));
    await ok(call(o.t.app, o.staff, 'visits.record', { personId: persons['far'] as string, plannedVisitIds: [], fields: { visitDate: '2026-11-01', method: 'phone', summary: '身体尚好' } }));
  });
  afterEach(() => o.t.close());

  it('numbers lists per month and keeps a snapshot of the rows, sorted by grid and address', async () => {
    const first = await ok(call(o.t.app, o.gw1, 'lists.create', { kind: 'visit_list', from: '2026-11-27', to: '2026-12-31' }));
    expect(first.listNo).toBe('2026-11-0001');
    expect(first).toMatchObject({ kind: 'visit_list', officeName: '幸福里社区', printedBy: o.ids.gw1, printedByName: '网格员小李', results: [] });
    expect(first.params).toMatchObject({ userId: o.ids.gw1, userName: '网格员小李', from: '2026-11-27', to: '2026-12-31', gridId: null });
    // 第二网格 before 第十网格; in a grid, 3号楼 before 10号楼 and 1单元 before 2单元.
    expect(first.rows.map((r) => [r.row, r.name, r.grid])).toEqual([
      [1, '李四', '第二网格'],
      [2, '钱二', '第二网格'],
      [3, '赵一', '第二网格'],
      [4, '孙三', '第十网格'],
    ]);
    const byName = Object.fromEntries(first.rows.map((r) => [r.name, r]));
    expect(byName['李四']?.flags).toEqual(['disabled']);
    expect(byName['钱二']?.flags).toEqual(['empty_nest_old']);
    expect(byName['赵一']).toMatchObject({ flags: ['alone'], lastVisitDate: '2026-11-01', phone: '13800138000', gender: 'male', age: 81 });
    expect(byName['孙三']?.flags).toEqual(['high_risk']);
    // Monthly persons have November's and December's visits on the row, the earliest due first; 钱二, 80 and
    // never assessed, her first 能力评估 too.
    expect(byName['钱二']?.visits.map((v) => [v.reason, v.dueDate])).toEqual([
      ['assessment', '2026-11-30'],
      ['routine', '2026-11-30'],
      ['routine', '2026-12-31'],
    ]);
    expect(byName['钱二']?.dueDate).toBe('2026-11-30');

    const second = await ok(call(o.t.app, o.staff, 'lists.create', { kind: 'visit_list', gridId: grids.g10, from: '2026-12-01', to: '2026-12-31' }));
    expect(second.listNo).toBe('2026-11-0002');
    expect(second.rows.map((r) => r.name)).toEqual(['孙三']);
    const cards = await ok(call(o.t.app, o.staff, 'lists.create', { kind: 'service_cards', gridId: grids.g2 }));
    expect(cards.listNo).toBe('2026-11-0003');
    expect(cards.cards).toHaveLength(3);
    setDay(o, '2026-12-02');
    expect((await ok(call(o.t.app, o.gw1, 'lists.create', { kind: 'visit_list', from: '2026-12-02', to: '2026-12-31' }))).listNo).toBe('2026-12-0001');
    // Got back by number, unchanged by later changes to the register.
    await ok(call(o.t.app, o.staff, 'persons.setHighRisk', { id: persons['near'] as string, highRisk: true }));
    const again = await ok(call(o.t.app, o.viewer, 'lists.get', { listNo: '2026-11-0001' }));
    expect(again.rows).toEqual(first.rows);
    const listed = await ok(call(o.t.app, o.viewer, 'lists.list', { month: '2026-11' }));
    expect(listed.rows.map((l) => [l.listNo, l.kind, l.rowCount])).toEqual([
      ['2026-11-0003', 'service_cards', 3],
      ['2026-11-0002', 'visit_list', 1],
      ['2026-11-0001', 'visit_list', 4],
    ]);
    // Refusals: a staff list needs a worker or a grid; dates in order; viewers do not print.
    expect(await errorCode(call(o.t.app, o.staff, 'lists.create', { kind: 'visit_list', from: '2026-12-01', to: '2026-12-31' }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.staff, 'lists.create', { kind: 'visit_list', userId: o.ids.gw1, from: '2026-12-31', to: '2026-12-01' }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.viewer, 'lists.create', { kind: 'visit_list', gridId: grids.g2, from: '2026-12-01', to: '2026-12-31' }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.viewer, 'lists.get', { listNo: '2026-11-0099' }))).toBe('NOT_FOUND');
  });

  it('enters the results of a whole list at once: any problem refuses every row, with each problem by row', async () => {
    const list = await ok(call(o.t.app, o.gw1, 'lists.create', { kind: 'visit_list', from: '2026-11-27', to: '2026-12-31' }));
    const countsBefore = (await ok(call(o.t.app, o.gw1, 'visits.worklist', {}))).counts;
    const before = dumpDatabase(o.t.app);
    const bad = (await call(o.t.app, o.staff, 'lists.enterResults', {
      listNo: list.listNo,
      rows: [
        { row: 1, outcome: 'visited', visitDate: '2026-11-28', method: 'home' },
        { row: 2, outcome: 'visited', visitDate: '2026-11-27' },
        { row: 3, outcome: 'visited', visitDate: '11月27日', method: 'home' },
        { row: 4, outcome: 'not_visited', note: '不在家' },
        { row: 4, outcome: 'not_visited' },
        { row: 9, outcome: 'visited', visitDate: '2026-11-27', method: 'home' },
      ],
    })) as Result<unknown>;
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'LIST_RESULTS_INVALID',
        details: {
          rows: 5,
          problems: [
            { row: 1, field: 'visitDate', code: 'date.inFuture' },
            { row: 2, field: 'method', code: 'list.methodRequired' },
            { row: 3, field: 'visitDate', code: 'date.format' },
            { row: 4, field: 'row', code: 'list.duplicateRow' },
            { row: 9, field: 'row', code: 'list.noSuchRow' },
          ],
        },
      },
    });
    expect(dumpDatabase(o.t.app)).toEqual(before);

    const entered = await ok(
      call(o.t.app, o.staff, 'lists.enterResults', {
        listNo: list.listNo,
        rows: [
          { row: 1, outcome: 'visited', visitDate: '2026-11-27', method: 'home', findings: '身体尚可，卧床为主' },
          { row: 2, outcome: 'not_visited', note: '不在家' },
          { row: 3, outcome: 'visited', visitDate: '2026/11/26', method: 'phone', findings: '电话问候', needs: '想订牛奶；\n卫生间水管漏水' },
        ],
      }),
    );
    expect(entered).toMatchObject({ listNo: list.listNo, recorded: 2, notVisited: 1, requests: 2 });
    // Each need written on the paper is a service request of the person, as the visit form makes them.
    const raised = await ok(call(o.t.app, o.staff, 'requests.list', { personId: list.rows[2]?.personId ?? '' }));
    expect(raised.rows.map((r) => [r.description, r.category, r.status, r.raisedOn, r.assignedTo]).sort()).toEqual([
      ['卫生间水管漏水', 'other', 'open', '2026-11-26', null],
      ['想订牛奶', 'other', 'open', '2026-11-26', null],
    ]);
    expect(new Set(entered.requestIds)).toEqual(new Set(raised.rows.map((r) => r.id)));
    // Row 1 carries November's and December's visits: a visit in November resolves November's.
    const row1 = list.rows[0];
    expect(row1?.visits).toHaveLength(2);
    expect(plannedOf(o, row1?.personId ?? '').filter((v) => v.done_on === '2026-11-27').map((v) => v.key)).toEqual(['routine:2026-11']);
    const record = await ok(call(o.t.app, o.staff, 'visits.getRecord', { id: entered.visitRecordIds[0] ?? '' }));
    expect(record).toMatchObject({ listNo: list.listNo, summary: '身体尚可，卧床为主', visitors: '网格员小李', method: 'home' });
    const countsAfter = (await ok(call(o.t.app, o.gw1, 'visits.worklist', {}))).counts;
    expect(countsAfter.done).toBe(countsBefore.done + entered.resolvedVisits.length);
    expect(countsAfter.due).toBeLessThan(countsBefore.due);
    const stored = await ok(call(o.t.app, o.gw1, 'lists.get', { listNo: list.listNo }));
    expect(stored.results.map((r) => [r.row, r.outcome, r.visitDate, r.note])).toEqual([
      [1, 'visited', '2026-11-27', ''],
      [2, 'not_visited', null, '不在家'],
      [3, 'visited', '2026-11-26', ''],
    ]);
    // A row already recorded cannot be recorded twice; a row not visited can be, later.
    expect(await errorCode(call(o.t.app, o.staff, 'lists.enterResults', { listNo: list.listNo, rows: [{ row: 1, outcome: 'visited', visitDate: '2026-11-27', method: 'home' }] }))).toBe(
      'LIST_RESULTS_INVALID',
    );
    await ok(call(o.t.app, o.gw1, 'lists.enterResults', { listNo: list.listNo, rows: [{ row: 2, outcome: 'visited', visitDate: '2026-11-27', method: 'home' }] }));
    expect((await ok(call(o.t.app, o.gw1, 'lists.list', {}))).rows[0]).toMatchObject({ listNo: list.listNo, enteredCount: 3 });
    // Deleting a record entered from the list takes it off the list's results.
    await ok(call(o.t.app, o.staff, 'visits.deleteRecord', { id: entered.visitRecordIds[1] ?? '' }));
    expect((await ok(call(o.t.app, o.gw1, 'lists.get', { listNo: list.listNo }))).results.map((r) => r.row)).toEqual([1, 2]);
    const cards = await ok(call(o.t.app, o.staff, 'lists.create', { kind: 'service_cards', gridId: grids.g2 }));
    expect(await errorCode(call(o.t.app, o.staff, 'lists.enterResults', { listNo: cards.listNo, rows: [{ row: 1, outcome: 'not_visited' }] }))).toBe('INVALID_INPUT');
  });

  it('gives service card data: the office hotlines and each person\'s responsible contact', async () => {
    await ok(call(o.t.app, o.admin, 'settings.update', { hotline: '0351-1234567', hotline24h: '13912345678' }));
    expect(await errorCode(call(o.t.app, o.admin, 'settings.update', { hotline: '电话' }))).toBe('INVALID_INPUT');
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: persons['near'] as string, userId: o.ids.staff, role: 'backup' }));
    const data = await ok(call(o.t.app, o.viewer, 'lists.serviceCards', { personIds: [persons['near'] as string] }));
    expect(data).toEqual({
      officeName: '幸福里社区',
      hotline: '0351-1234567',
      hotline24h: '13912345678',
      cards: [{ personId: persons['near'], name: '钱二', grid: '第二网格', contactName: '网格员小李', contactPhone: '13900000001', backupName: 'staff 用户', backupPhone: null }],
    });
    const grid = await ok(call(o.t.app, o.staff, 'lists.serviceCards', { gridId: grids.g2 }));
    expect(grid.cards.map((c) => c.name)).toEqual(['李四', '钱二', '赵一']);
    expect(await errorCode(call(o.t.app, o.staff, 'lists.serviceCards', {}))).toBe('INVALID_INPUT');
  });
});
