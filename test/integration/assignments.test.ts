import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase } from '../helpers/app';
import { personInput } from '../helpers/persons';
import { careOffice, addPerson, setDay, type CareOffice } from './care.helpers';

describe('contact assignments (分片包干)', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  it('keeps every change as a dated record: the old one closed, never overwritten', async () => {
    const id = await addPerson(o);
    expect(await ok(call(o.t.app, o.staff, 'assignments.set', { personId: id, userId: o.ids.gw1, role: 'primary', reason: '分片包干' }))).toEqual({ changed: true });
    expect(await ok(call(o.t.app, o.staff, 'assignments.set', { personId: id, userId: o.ids.gw1 }))).toEqual({ changed: false });
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: id, userId: o.ids.staff, role: 'backup' }));
    setDay(o, '2026-12-10');
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: id, userId: o.ids.gw2, role: 'primary', reason: '调整片区' }));
    const { contacts } = await ok(call(o.t.app, o.staff, 'persons.get', { id }));
    expect(contacts.primary).toMatchObject({ userId: o.ids.gw2, userName: '网格员小王', userPhone: '13900000002', fromDate: '2026-12-10', toDate: null, reason: '调整片区' });
    expect(contacts.backup).toMatchObject({ userId: o.ids.staff, toDate: null });
    expect(contacts.history.map((a) => [a.role, a.userId, a.fromDate, a.toDate])).toEqual([
      ['primary', o.ids.gw2, '2026-12-10', null],
      ['backup', o.ids.staff, '2026-11-27', null],
      ['primary', o.ids.gw1, '2026-11-27', '2026-12-10'],
    ]);
    expect(contacts.history[2]).toMatchObject({ endReason: '调整片区', assignedByName: 'staff 用户' });
    // History is part of the person's history.
    const history = await ok(call(o.t.app, o.staff, 'persons.history', { id }));
    expect(history.filter((h) => h.entity === 'contact_assignment').map((h) => h.action)).toEqual(['create', 'update', 'create', 'create']);
    // The same user cannot be both; a viewer cannot be responsible; nothing is written.
    const before = dumpDatabase(o.t.app);
    expect(await errorCode(call(o.t.app, o.staff, 'assignments.set', { personId: id, userId: o.ids.staff, role: 'primary' }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.staff, 'assignments.set', { personId: id, userId: o.ids.viewer, role: 'backup' }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.gw1, 'assignments.set', { personId: id, userId: o.ids.gw1 }))).toBe('FORBIDDEN');
    expect(dumpDatabase(o.t.app)).toEqual(before);
    // Ending the backup closes it.
    await ok(call(o.t.app, o.staff, 'assignments.end', { personId: id, role: 'backup', reason: '退休' }));
    expect((await ok(call(o.t.app, o.staff, 'assignments.forPerson', { personId: id }))).backup).toBeNull();
    const users = await ok(call(o.t.app, o.viewer, 'assignments.users', {}));
    expect(users.find((u) => u.id === o.ids.gw2)).toMatchObject({ primaryCount: 1, backupCount: 0 });
    expect(users.some((u) => u.id === o.ids.viewer)).toBe(false);
  });

  it('lists persons with no responsible contact, and assigns a grid\'s unassigned persons to its worker in one step', async () => {
    const g = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第一网格', workerIds: [o.ids.gw1], places: ['幸福里小区'] }));
    const a = await addPerson(o, { name: '甲一', address: '幸福里小区1号楼' });
    const b = await addPerson(o, { name: '乙二', address: '幸福里小区2号楼' });
    const c = await addPerson(o, { name: '丙三', address: '幸福里小区3号楼' });
    const outside = await addPerson(o, { name: '丁四', grid: '', address: '和平路8号' });
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: a, userId: o.ids.gw2 }));
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: c, userId: o.ids.gw1, role: 'backup' }));
    const unassigned = await ok(call(o.t.app, o.viewer, 'assignments.unassigned', {}));
    expect(unassigned.total).toBe(3);
    expect(unassigned.rows.map((r) => [r.name, r.gridName, r.backupName])).toEqual([
      ['乙二', '第一网格', null],
      ['丙三', '第一网格', '网格员小李'],
      ['丁四', null, null],
    ]);
    expect((await ok(call(o.t.app, o.viewer, 'assignments.unassigned', { ungridded: true }))).rows.map((r) => r.personId)).toEqual([outside]);
    const done = await ok(call(o.t.app, o.staff, 'assignments.assignGrid', { gridId: g.id, reason: '网格包干' }));
    expect(done).toEqual({ assigned: 2, personIds: [b, c] });
    const contacts = await ok(call(o.t.app, o.staff, 'assignments.forPerson', { personId: c }));
    expect(contacts.primary?.userId).toBe(o.ids.gw1);
    expect(contacts.backup).toBeNull();
    expect((await ok(call(o.t.app, o.staff, 'assignments.forPerson', { personId: a }))).primary?.userId).toBe(o.ids.gw2);
    expect((await ok(call(o.t.app, o.viewer, 'assignments.unassigned', { gridId: g.id }))).total).toBe(0);
  });

  it('moves everything of a worker who leaves to another: the preview is exactly what moves', async () => {
    const g = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第一网格', workerIds: [o.ids.gw1], places: ['幸福里小区'] }));
    const a = await addPerson(o, { name: '甲一', address: '幸福里小区1号楼' });
    const b = await addPerson(o, { name: '乙二', address: '幸福里小区2号楼' });
    const c = await addPerson(o, { name: '丙三', address: '幸福里小区3号楼' });
    const other = await addPerson(o, { name: '丁四', address: '幸福里小区4号楼' });
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: a, userId: o.ids.gw1 }));
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: b, userId: o.ids.gw1 }));
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: b, userId: o.ids.gw2, role: 'backup' }));
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: c, userId: o.ids.gw2 }));
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: c, userId: o.ids.gw1, role: 'backup' }));
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: other, userId: o.ids.staff }));
    const req = await ok(call(o.t.app, o.staff, 'requests.create', { personId: a, category: 'home_care', description: '需要助浴服务', assignedTo: o.ids.gw1 }));
    const closedReq = await ok(call(o.t.app, o.staff, 'requests.create', { personId: b, category: 'medical', description: '代购药品', assignedTo: o.ids.gw1 }));
    await ok(call(o.t.app, o.staff, 'requests.setStatus', { id: closedReq.id, status: 'resolved', resolution: '已代购' }));

    expect(await errorCode(call(o.t.app, o.staff, 'assignments.transferPreview', { fromUserId: o.ids.gw1, toUserId: o.ids.gw1 }))).toBe('INVALID_INPUT');
    const preview = await ok(call(o.t.app, o.staff, 'assignments.transferPreview', { fromUserId: o.ids.gw1, toUserId: o.ids.gw2 }));
    expect(preview.persons.map((p) => [p.name, p.role, p.replacesOtherRole])).toEqual([
      ['甲一', 'primary', false],
      ['乙二', 'primary', true],
      ['丙三', 'backup', true],
    ]);
    expect(preview.openRequests.map((r) => r.id)).toEqual([req.id]);
    expect(preview.grids).toEqual([{ id: g.id, name: '第一网格' }]);
    const visitPersons = new Set(preview.openVisits.map((v) => v.personId));
    expect([...visitPersons].sort()).toEqual([a, b].sort());
    expect(preview.openVisits.every((v) => ['due', 'upcoming', 'overdue'].includes(v.status))).toBe(true);
    const before = dumpDatabase(o.t.app);
    // The preview wrote nothing.
    expect(dumpDatabase(o.t.app)).toEqual(before);

    const moved = await ok(call(o.t.app, o.staff, 'assignments.transferApply', { fromUserId: o.ids.gw1, toUserId: o.ids.gw2, reason: '网格员离职' }));
    expect(moved).toEqual(preview);
    // Nothing is left with the worker who left, and a preview now shows nothing.
    const after = await ok(call(o.t.app, o.staff, 'assignments.transferPreview', { fromUserId: o.ids.gw1, toUserId: o.ids.gw2 }));
    expect(after).toMatchObject({ persons: [], openVisits: [], openRequests: [], grids: [] });
    const contactsOf = async (id: string) => ok(call(o.t.app, o.staff, 'assignments.forPerson', { personId: id }));
    expect((await contactsOf(a)).primary?.userId).toBe(o.ids.gw2);
    expect(await contactsOf(b)).toMatchObject({ primary: { userId: o.ids.gw2 }, backup: null });
    expect(await contactsOf(c)).toMatchObject({ primary: { userId: o.ids.gw2 }, backup: null });
    expect((await contactsOf(other)).primary?.userId).toBe(o.ids.staff);
    expect((await contactsOf(a)).history.find((h) => h.userId === o.ids.gw1)).toMatchObject({ toDate: '2026-11-27', endReason: '网格员离职' });
    expect((await ok(call(o.t.app, o.staff, 'requests.get', { id: req.id }))).assignedTo).toBe(o.ids.gw2);
    expect((await ok(call(o.t.app, o.staff, 'requests.get', { id: closedReq.id }))).assignedTo).toBe(o.ids.gw1);
    expect((await ok(call(o.t.app, o.staff, 'grids.get', { id: g.id }))).workers.map((w) => w.userId)).toEqual([o.ids.gw2]);
    // The worklist followed: the receiving worker has the visits.
    const list = await ok(call(o.t.app, o.gw2, 'visits.worklist', {}));
    expect(new Set(list.rows.map((r) => r.personId))).toEqual(new Set([a, b, c]));
    expect((await ok(call(o.t.app, o.gw1, 'visits.worklist', {}))).rows).toEqual([]);
  });

  it('accepts persons created with the roster fields untouched by assignments', async () => {
    const id = await addPerson(o);
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: id, userId: o.ids.gw1 }));
    await ok(call(o.t.app, o.staff, 'persons.update', { id, fields: personInput({ seq: 999, address: '幸福里小区9号楼' }) }));
    expect((await ok(call(o.t.app, o.staff, 'assignments.forPerson', { personId: id }))).primary?.userId).toBe(o.ids.gw1);
  });
});
