/**
 * A new record's audit entry keeps no copy of what was entered (the record holds it): the history
 * still shows the values entered then, however the record changed since — by local edits, or by a
 * packet from the bureau.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { call, ok } from '../helpers/app';
import { personInput } from '../helpers/persons';
import { addPerson, closeAll, makeOffice, send, trustBoth, type Office } from './packets.helpers';

let offices: Office[] = [];
afterEach(() => {
  closeAll(...offices);
  offices = [];
});

async function office(name: string, mode: 'community' | 'bureau' = 'community'): Promise<Office> {
  const o = await makeOffice(name, mode);
  offices.push(o);
  return o;
}

async function update(o: Office, id: string, changes: Partial<ReturnType<typeof personInput>>): Promise<void> {
  const p = (await ok(call(o.t.app, o.admin, 'persons.get', { id }))).person as unknown as Record<string, unknown>;
  const keys = ['name', 'gender', 'idNumber', 'birthDate', 'phones', 'retirementType', 'retirementDate', 'originalUnit', 'unitLevel', 'formerPosition', 'rank', 'politicalStatus', 'community', 'grid', 'address', 'livingSituation'];
  const fields = Object.fromEntries(keys.map((k) => [k, p[k]]));
  await ok(call(o.t.app, o.admin, 'persons.update', { id, fields: { ...fields, ...changes } as never }));
}

async function history(o: Office, id: string) {
  return ok(call(o.t.app, o.admin, 'persons.history', { id }));
}

function rawCreate(o: Office, id: string): string {
  return (o.t.app.db.prepare("SELECT changes FROM audit_log WHERE entity_id = ? AND action = 'create'").get(id) as { changes: string }).changes;
}

describe('a new record in the history', () => {
  it('shows the values entered then, after local changes, and stores none of them in the audit log', async () => {
    const a = await office('幸福里社区');
    const id = await addPerson(a, { name: '钱一', address: '幸福里小区1号楼101', phones: ['13800000001'] });
    const family = (await ok(call(a.t.app, a.admin, 'family.add', { personId: id, fields: { name: '钱小一', relation: '女儿', phones: ['13900000001'], livesNearby: true, isEmergency: true, note: '' } }))).id;
    const entered = (await history(a, id)).find((e) => e.entity === 'person' && e.action === 'create')?.changes;
    expect(entered).toMatchObject({ name: '钱一', address: '幸福里小区1号楼101', phones: '["13800000001"]', living_situation: 'empty_nest', unit_level: 'county' });
    // Empty fields say nothing, as before.
    expect(Object.values(entered ?? {})).not.toContain('');
    expect(Object.values(entered ?? {})).not.toContain(null);

    await update(a, id, { address: '幸福里小区2号楼202', phones: ['13800000002'] });
    await update(a, id, { name: '钱壹', address: '幸福里小区3号楼303' });
    await ok(call(a.t.app, a.admin, 'family.update', { id: family, fields: { name: '钱小一', relation: '女儿', phones: ['13900000009'], livesNearby: false, isEmergency: true, note: '' } }));
    const after = await history(a, id);
    expect(after.find((e) => e.entity === 'person' && e.action === 'create')?.changes).toEqual(entered);
    expect(after.find((e) => e.entity === 'family_contact' && e.action === 'create')?.changes).toMatchObject({ name: '钱小一', phones: '["13900000001"]', lives_nearby: 1 });
    expect(after.filter((e) => e.entity === 'person' && e.action === 'update').map((e) => e.changes)).toEqual([
      { name: ['钱一', '钱壹'], address: ['幸福里小区2号楼202', '幸福里小区3号楼303'] },
      { phones: ['["13800000001"]', '["13800000002"]'], address: ['幸福里小区1号楼101', '幸福里小区2号楼202'] },
    ]);
    // The stored entry names the columns written, not their values.
    expect(rawCreate(a, id)).not.toContain('钱一');
    expect(rawCreate(a, id).length).toBeLessThan(40);
  });

  it('shows a deleted record as it was entered', async () => {
    const a = await office('幸福里社区');
    const id = await addPerson(a, { name: '孙二' });
    const contact = (await ok(call(a.t.app, a.admin, 'family.add', { personId: id, fields: { name: '孙小二', relation: '儿子', phones: [], livesNearby: true, isEmergency: false, note: '' } }))).id;
    await ok(call(a.t.app, a.admin, 'family.delete', { id: contact }));
    const entries = await history(a, id);
    expect(entries.filter((e) => e.entity === 'family_contact').map((e) => e.action)).toEqual(['delete', 'create']);
    expect(entries.find((e) => e.entity === 'family_contact' && e.action === 'create')?.changes).toMatchObject({ name: '孙小二', relation: '儿子' });
  });

  it('logs that a photo was set, replaced or cleared, never the picture itself', async () => {
    const a = await office('幸福里社区');
    const photo = (fill: string) => `data:image/png;base64,${fill.repeat(4000)}`;
    const id = await addPerson(a, { name: '吴四', photo: photo('AAAA') });
    await update(a, id, { photo: photo('BBBB') });
    await update(a, id, { photo: null });
    const raw = a.t.app.db.prepare('SELECT changes FROM audit_log WHERE entity_id = ?').all(id) as { changes: string | null }[];
    expect(raw.every((r) => (r.changes ?? '').length < 200)).toBe(true);
    const entries = await history(a, id);
    expect(entries.filter((e) => e.action === 'update').map((e) => e.changes)).toEqual([{ photo: ['(set)', null] }, { photo: ['(set)', '(set)'] }]);
    expect(entries.find((e) => e.action === 'create')?.changes).toMatchObject({ name: '吴四', photo: '(set)' });
  });

  it('shows the values entered here after the bureau changed the record and its packet came back', async () => {
    const a = await office('幸福里社区');
    const bureau = await office('榆次区委老干部局', 'bureau');
    await trustBoth(a, bureau);
    const id = await addPerson(a, { name: '周三', address: '幸福里小区5号楼501' });
    await update(a, id, { address: '幸福里小区6号楼601' });
    await send(a, bureau, 'full');
    await update(bureau, id, { name: '周叁', address: '幸福里小区7号楼701' });
    await send(bureau, a, 'incremental');
    expect((await ok(call(a.t.app, a.admin, 'persons.get', { id }))).person).toMatchObject({ name: '周叁', address: '幸福里小区7号楼701' });
    await update(a, id, { address: '幸福里小区8号楼801' });

    const entries = await history(a, id);
    expect(entries.find((e) => e.action === 'create')?.changes).toMatchObject({ name: '周三', address: '幸福里小区5号楼501' });
    expect(entries.filter((e) => e.action === 'update').map((e) => e.changes)).toEqual([
      { address: ['幸福里小区7号楼701', '幸福里小区8号楼801'] },
      { address: ['幸福里小区5号楼501', '幸福里小区6号楼601'] },
    ]);
  });
});
