/**
 * Grids (网格): creating, changing and deleting them, placing persons by address and by hand, and
 * handing a grid to another worker, all through the contract as the renderer calls it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase } from '../helpers/app';
import type { Result } from '../../shared/errors';
import { insertSynced } from '../../main/db/sync';
import { careOffice, addPerson, type CareOffice } from './care.helpers';
import { personInput } from '../helpers/persons';

describe('grids and places', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  it('a grid typed on a person is one that exists: refused unless the form asked to create it', async () => {
    const before = dumpDatabase(o.t.app);
    const typed = personInput({ name: '甲一', grid: '第二网格', address: '和平路8号', seq: 41 });
    expect(await errorCode(call(o.t.app, o.staff, 'persons.create', { ...typed, createGrid: false }))).toBe('GRID_NOT_FOUND');
    expect(dumpDatabase(o.t.app)).toEqual(before);

    // Asked and confirmed: the grid is created and the person is in it, as the grids and the registry both say.
    const { id } = await ok(call(o.t.app, o.staff, 'persons.create', { ...typed, createGrid: true }));
    const grid = (await ok(call(o.t.app, o.staff, 'grids.list', {}))).find((g) => g.name === '第二网格');
    expect(grid?.personCount).toBe(1);
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id }))).person).toMatchObject({ gridId: grid?.id, grid: '第二网格' });
    expect(await ok(call(o.t.app, o.staff, 'persons.grids', {}))).toContain('第二网格');

    // Changing to a grid that does not exist is refused too; an existing one needs no asking.
    const fields = personInput({ name: '甲一', grid: '第三网格', address: '和平路8号', seq: 41 });
    expect(await errorCode(call(o.t.app, o.staff, 'persons.update', { id, fields: { ...fields, createGrid: false } }))).toBe('GRID_NOT_FOUND');
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id }))).person.grid).toBe('第二网格');

    // The registry's grid filter offers only grids that exist, not a name kept from a roster file.
    await addPerson(o, { name: '乙二', grid: '花名册里的网格', address: '和平路9号', seq: 42 });
    expect(await ok(call(o.t.app, o.staff, 'persons.grids', {}))).not.toContain('花名册里的网格');
  });

  it('places persons by address prefix (longest wins), by the grid name typed, and by hand', async () => {
    const a = await addPerson(o, { name: '甲一', grid: '', address: '幸福里小区3号楼2单元501' });
    const b = await addPerson(o, { name: '乙二', grid: '', address: '幸福里小区12号楼1单元101' });
    const c = await addPerson(o, { name: '丙三', grid: '东区', address: '和平路8号' });
    const g1 = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第一网格', description: '幸福里小区', workerIds: [o.ids.gw1], places: ['幸福里小区'] }));
    const g2 = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第二网格', workerIds: [o.ids.gw2], places: ['幸福里小区12号楼'] }));
    expect(g1).toMatchObject({ name: '第一网格', description: '幸福里小区', places: ['幸福里小区'], workers: [{ userId: o.ids.gw1, name: '网格员小李', phone: '13900000001' }] });
    const person = async (id: string) => (await ok(call(o.t.app, o.staff, 'persons.get', { id }))).person;
    expect(await person(a)).toMatchObject({ gridId: g1.id, grid: '第一网格' });
    // Created before the more specific grid: it stays until placed again.
    expect((await person(b)).gridId).toBe(g1.id);
    expect(await ok(call(o.t.app, o.staff, 'grids.placeByAddress', { overwrite: true }))).toEqual({ placed: 1 });
    expect((await person(b)).gridId).toBe(g2.id);
    // A new person at a known address goes straight to its grid.
    const d = await addPerson(o, { name: '丁四', grid: '', address: '幸福里小区12号楼3单元302' });
    expect(await person(d)).toMatchObject({ gridId: g2.id, grid: '第二网格' });
    // An unknown grid name and an address of no grid: in no grid, the text kept.
    expect(await person(c)).toMatchObject({ gridId: null, grid: '东区' });
    // The grid created by that name takes its person.
    const east = await ok(call(o.t.app, o.staff, 'grids.create', { name: '东区' }));
    expect(east.personCount).toBe(1);
    expect((await person(c)).gridId).toBe(east.id);
    await ok(call(o.t.app, o.staff, 'grids.placePerson', { personId: c, gridId: g1.id }));
    expect(await person(c)).toMatchObject({ gridId: g1.id, grid: '第一网格' });
    // Renaming a grid renames it on its persons.
    await ok(call(o.t.app, o.staff, 'grids.update', { id: g1.id, fields: { name: '一网格', workerIds: [o.ids.gw1], places: ['幸福里小区'] } }));
    expect((await person(a)).grid).toBe('一网格');
    expect(await ok(call(o.t.app, o.gw1, 'persons.grids', {}))).toEqual(['一网格', '第二网格']);
    const grids = await ok(call(o.t.app, o.viewer, 'grids.list', {}));
    expect(grids.map((g) => [g.name, g.personCount, g.unassignedCount])).toEqual([
      ['一网格', 2, 2],
      ['东区', 0, 0],
      ['第二网格', 2, 2],
    ]);
    // Deleting a grid leaves its persons in no grid.
    await ok(call(o.t.app, o.staff, 'grids.delete', { id: east.id }));
    await ok(call(o.t.app, o.staff, 'grids.delete', { id: g2.id }));
    expect(await person(d)).toMatchObject({ gridId: null, grid: '' });
  });

  it('refuses a taken name, a place of another grid, a viewer as worker, and writes nothing', async () => {
    await ok(call(o.t.app, o.staff, 'grids.create', { name: '第一网格', places: ['幸福里小区'] }));
    const before = dumpDatabase(o.t.app);
    const issue = async (input: Parameters<typeof call<'grids.create'>>[3]) => {
      const r = (await call(o.t.app, o.staff, 'grids.create', input)) as Result<unknown>;
      return r.ok ? null : (r.error.details?.['issues'] as { path: string; message: string }[])[0];
    };
    expect(await issue({ name: '第一网格' })).toEqual({ path: 'name', message: 'grid.nameTaken', code: 'custom' });
    expect(await issue({ name: '第二网格', places: ['和平路', '幸福里小区'] })).toEqual({ path: 'places.1', message: 'grid.placeTaken', code: 'custom' });
    expect(await issue({ name: '第二网格', workerIds: [o.ids.viewer] })).toEqual({ path: 'workerIds.0', message: 'assignment.userUnavailable', code: 'custom' });
    expect(await errorCode(call(o.t.app, o.gw1, 'grids.create', { name: '第三网格' }))).toBe('FORBIDDEN');
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('reassigns a grid\'s worker in one action, leaving the worker\'s other grids alone', async () => {
    const g1 = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第一网格', workerIds: [o.ids.gw1], places: ['幸福里小区'] }));
    await ok(call(o.t.app, o.staff, 'grids.create', { name: '第二网格', workerIds: [o.ids.gw1], places: ['和平路'] }));
    const a = await addPerson(o, { name: '甲一', address: '幸福里小区1号楼' });
    const b = await addPerson(o, { name: '乙二', grid: '', address: '和平路3号' });
    await ok(call(o.t.app, o.staff, 'assignments.assignGrid', { gridId: g1.id }));
    await ok(call(o.t.app, o.staff, 'assignments.set', { personId: b, userId: o.ids.gw1 }));
    const plan = await ok(call(o.t.app, o.staff, 'grids.reassignWorker', { gridId: g1.id, toUserId: o.ids.gw2, reason: '片区调整' }));
    expect(plan.persons.map((p) => p.personId)).toEqual([a]);
    const grids = await ok(call(o.t.app, o.staff, 'grids.list', {}));
    expect(grids.map((g) => [g.name, g.workers.map((w) => w.userId)])).toEqual([
      ['第一网格', [o.ids.gw2]],
      ['第二网格', [o.ids.gw1]],
    ]);
    expect((await ok(call(o.t.app, o.staff, 'assignments.forPerson', { personId: a }))).primary?.userId).toBe(o.ids.gw2);
    expect((await ok(call(o.t.app, o.staff, 'assignments.forPerson', { personId: b }))).primary?.userId).toBe(o.ids.gw1);
    // A grid with two workers needs to be told which one leaves.
    await ok(call(o.t.app, o.staff, 'grids.update', { id: g1.id, fields: { name: '第一网格', workerIds: [o.ids.gw2, o.ids.staff], places: ['幸福里小区'] } }));
    expect(await errorCode(call(o.t.app, o.staff, 'grids.reassignWorker', { gridId: g1.id, toUserId: o.ids.gw1 }))).toBe('INVALID_INPUT');
  });

  it('creates a grid with its workers and places, answered as grids.get reads it, with an audit entry', async () => {
    const g = await ok(
      call(o.t.app, o.staff, 'grids.create', { name: '第一网格', description: '幸福里小区东片', workerIds: [o.ids.gw1, o.ids.gw2, o.ids.gw1], places: ['幸福里小区3号楼', '幸福里小区1号楼'] }),
    );
    expect(g).toMatchObject({ name: '第一网格', description: '幸福里小区东片', places: ['幸福里小区1号楼', '幸福里小区3号楼'], personCount: 0, unassignedCount: 0 });
    // A worker named twice works the grid once.
    expect(g.workers.map((w) => w.userId)).toEqual([o.ids.gw1, o.ids.gw2]);
    expect(await ok(call(o.t.app, o.gw1, 'grids.get', { id: g.id }))).toEqual(g);
    const audit = await ok(call(o.t.app, o.admin, 'audit.list', { entity: 'grid' }));
    expect(audit.entries.map((e) => [e.entityId, e.action])).toEqual([[g.id, 'create']]);
    expect(await errorCode(call(o.t.app, o.staff, 'grids.get', { id: '018f0000-0000-7000-8000-000000000000' }))).toBe('NOT_FOUND');
  });

  it('changes a grid: its workers and places become exactly those given, and persons at a new place join it', async () => {
    const g = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第一网格', workerIds: [o.ids.gw1], places: ['幸福里小区'] }));
    const inside = await addPerson(o, { name: '甲一', grid: '', address: '幸福里小区1号楼' });
    const later = await addPerson(o, { name: '乙二', grid: '', address: '和平路8号' });
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id: later }))).person.gridId).toBeNull();
    const changed = await ok(
      call(o.t.app, o.staff, 'grids.update', { id: g.id, fields: { name: '第一网格', description: '扩大到和平路', workerIds: [o.ids.gw2], places: ['和平路'] } }),
    );
    expect(changed).toMatchObject({ description: '扩大到和平路', places: ['和平路'], workers: [{ userId: o.ids.gw2 }], personCount: 2 });
    // A place taken off does not move the persons already in the grid.
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id: inside }))).person.gridId).toBe(g.id);
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id: later }))).person).toMatchObject({ gridId: g.id, grid: '第一网格' });
    // The place given up is free for another grid; a taken name is refused, the grid's own is kept.
    const other = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第二网格', places: ['幸福里小区'] }));
    const before = dumpDatabase(o.t.app);
    const renamed = (await call(o.t.app, o.staff, 'grids.update', { id: other.id, fields: { name: '第一网格' } })) as Result<unknown>;
    expect(renamed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'name', message: 'grid.nameTaken' }] } } });
    expect(await errorCode(call(o.t.app, o.staff, 'grids.update', { id: '018f0000-0000-7000-8000-000000000000', fields: { name: '第三网格' } }))).toBe('NOT_FOUND');
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('deletes a grid in use: its persons are in no grid, their contacts stay, its name and places are free again', async () => {
    const g = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第一网格', workerIds: [o.ids.gw1], places: ['幸福里小区'] }));
    const a = await addPerson(o, { name: '甲一', grid: '', address: '幸福里小区1号楼' });
    await ok(call(o.t.app, o.staff, 'assignments.assignGrid', { gridId: g.id }));
    expect(await errorCode(call(o.t.app, o.gw1, 'grids.delete', { id: g.id }))).toBe('FORBIDDEN');
    await ok(call(o.t.app, o.staff, 'grids.delete', { id: g.id }));
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id: a }))).person).toMatchObject({ gridId: null, grid: '' });
    expect((await ok(call(o.t.app, o.staff, 'assignments.forPerson', { personId: a }))).primary?.userId).toBe(o.ids.gw1);
    expect(await errorCode(call(o.t.app, o.staff, 'grids.get', { id: g.id }))).toBe('NOT_FOUND');
    expect(await errorCode(call(o.t.app, o.staff, 'grids.delete', { id: g.id }))).toBe('NOT_FOUND');
    expect(await ok(call(o.t.app, o.staff, 'grids.list', {}))).toEqual([]);
    // Workers and places went with it (as tombstones, so the deletion travels in packets).
    const live = (table: string) => (o.t.app.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE grid_id = ? AND deleted_at IS NULL`).get(g.id) as { n: number }).n;
    expect([live('grid_workers'), live('grid_places')]).toEqual([0, 0]);
    const again = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第一网格', places: ['幸福里小区'] }));
    expect(again.personCount).toBe(1);
  });

  it('keeps names and places unique within the office only: another office\'s grids neither block nor place', async () => {
    // At the bureau, grids of the offices it imported sit beside its own.
    const elsewhere = { actor: { userId: null, username: 'packet' }, officeId: '018f0000-0000-7000-8000-0000000000aa', at: '2026-11-01T00:00:00.000Z' };
    const foreign = insertSynced(o.t.app.db, elsewhere, 'grids', { name: '第一网格', description: '' }, 'grid');
    insertSynced(o.t.app.db, elsewhere, 'grid_places', { grid_id: foreign, prefix: '和平路' }, 'grid_place');
    const person = await addPerson(o, { name: '甲一', grid: '', address: '和平路8号' });
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id: person }))).person.gridId).toBeNull();
    expect(await ok(call(o.t.app, o.staff, 'grids.placeByAddress', { overwrite: true }))).toEqual({ placed: 0 });
    const own = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第一网格', places: ['和平路'] }));
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id: person }))).person.gridId).toBe(own.id);
  });

  it('places by address only persons in no grid unless told to overwrite, under one grid\'s places when named', async () => {
    const broad = await ok(call(o.t.app, o.staff, 'grids.create', { name: '幸福里', places: ['幸福里小区'] }));
    const narrow = await ok(call(o.t.app, o.staff, 'grids.create', { name: '十二号楼', places: ['幸福里小区12号楼'] }));
    const road = await ok(call(o.t.app, o.staff, 'grids.create', { name: '和平路', places: ['和平路'] }));
    const typed = await ok(call(o.t.app, o.staff, 'grids.create', { name: '东区' }));
    const byHand = await addPerson(o, { name: '甲一', grid: '东区', address: '幸福里小区12号楼1单元' });
    const onRoad = await addPerson(o, { name: '乙二', grid: '东区', address: '和平路3号' });
    const nowhere = await addPerson(o, { name: '丙三', grid: '', address: '建设街1号' });
    const gridOf = async (id: string) => (await ok(call(o.t.app, o.staff, 'persons.get', { id }))).person.gridId;
    expect([await gridOf(byHand), await gridOf(onRoad), await gridOf(nowhere)]).toEqual([typed.id, typed.id, null]);
    // Without overwrite, persons already in a grid stay where they are.
    expect(await ok(call(o.t.app, o.staff, 'grids.placeByAddress', {}))).toEqual({ placed: 0 });
    // Named, only the persons under that grid's places move, each to the grid of its longest prefix.
    expect(await ok(call(o.t.app, o.staff, 'grids.placeByAddress', { gridId: broad.id, overwrite: true }))).toEqual({ placed: 1 });
    expect([await gridOf(byHand), await gridOf(onRoad)]).toEqual([narrow.id, typed.id]);
    expect(await ok(call(o.t.app, o.staff, 'grids.placeByAddress', { overwrite: true }))).toEqual({ placed: 1 });
    expect([await gridOf(onRoad), await gridOf(nowhere)]).toEqual([road.id, null]);
    expect(await errorCode(call(o.t.app, o.staff, 'grids.placeByAddress', { gridId: '018f0000-0000-7000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(await errorCode(call(o.t.app, o.viewer, 'grids.placeByAddress', {}))).toBe('FORBIDDEN');
  });

  it('places a person by hand, or out of every grid with null; an unknown person or grid is NOT_FOUND', async () => {
    const g = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第一网格' }));
    const id = await addPerson(o, { name: '甲一', grid: '', address: '和平路3号' });
    expect(await ok(call(o.t.app, o.staff, 'grids.placePerson', { personId: id, gridId: g.id }))).toEqual({ changed: true });
    expect(await ok(call(o.t.app, o.staff, 'grids.placePerson', { personId: id, gridId: g.id }))).toEqual({ changed: false });
    expect((await ok(call(o.t.app, o.staff, 'grids.get', { id: g.id }))).personCount).toBe(1);
    expect(await ok(call(o.t.app, o.staff, 'grids.placePerson', { personId: id, gridId: null }))).toEqual({ changed: true });
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id }))).person).toMatchObject({ gridId: null, grid: '' });
    const unknown = '018f0000-0000-7000-8000-000000000000';
    expect(await errorCode(call(o.t.app, o.staff, 'grids.placePerson', { personId: unknown, gridId: g.id }))).toBe('NOT_FOUND');
    expect(await errorCode(call(o.t.app, o.staff, 'grids.placePerson', { personId: id, gridId: unknown }))).toBe('NOT_FOUND');
    expect(await errorCode(call(o.t.app, o.gw1, 'grids.placePerson', { personId: id, gridId: g.id }))).toBe('FORBIDDEN');
  });
});
