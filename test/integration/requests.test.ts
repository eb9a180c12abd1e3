import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase } from '../helpers/app';
import type { Result } from '../../shared/errors';
import { careOffice, addPerson, setDay, type CareOffice } from './care.helpers';

const NOT_THERE = '0190f0f0-0000-7000-8000-000000000000';

/**
 * Two grids with a worker each, and a person in each grid assigned to that grid's worker; the
 * clock on 2026-11-27.
 */
async function office(o: CareOffice) {
  const g1 = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第一网格', workerIds: [o.ids.gw1], places: ['幸福里小区'] }));
  const g2 = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第二网格', workerIds: [o.ids.gw2], places: ['和平路'] }));
  setDay(o, '2026-11-27');
  const p = await addPerson(o, { name: '张桂兰', gender: 'female', birthDate: '1944-05-02', grid: '', address: '幸福里小区3号楼', livingSituation: 'alone' });
  const q = await addPerson(o, { name: '李建国', grid: '', address: '和平路10号' });
  await ok(call(o.t.app, o.staff, 'assignments.set', { personId: p, userId: o.ids.gw1 }));
  await ok(call(o.t.app, o.staff, 'assignments.set', { personId: q, userId: o.ids.gw2 }));
  return { g1, g2, p, q };
}

describe('service requests', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  it('raises a need dated today unless a date is given, and refuses what cannot be right without writing anything', async () => {
    const { p, q } = await office(o);
    const a = await ok(call(o.t.app, o.staff, 'requests.create', { personId: p, category: 'home_care', description: '需要助餐服务', assignedTo: o.ids.gw1 }));
    expect(await ok(call(o.t.app, o.viewer, 'requests.get', { id: a.id }))).toMatchObject({
      personId: p,
      personName: '张桂兰',
      category: 'home_care',
      description: '需要助餐服务',
      raisedBy: o.ids.staff,
      raisedByName: 'staff 用户',
      raisedOn: '2026-11-27',
      assignedTo: o.ids.gw1,
      assignedToName: '网格员小李',
      status: 'open',
      resolution: '',
      resolvedOn: null,
      visitRecordId: null,
    });
    const b = await ok(call(o.t.app, o.staff, 'requests.create', { personId: q, category: 'medical', description: '代购药品', raisedOn: '2026年11月20日' }));
    expect(await ok(call(o.t.app, o.staff, 'requests.get', { id: b.id }))).toMatchObject({ raisedOn: '2026-11-20', assignedTo: null, assignedToName: null });
    // The need is part of the person's history and shows on their page.
    const history = await ok(call(o.t.app, o.staff, 'persons.history', { id: p }));
    expect(history.some((h) => h.entity === 'service_request' && h.entityId === a.id && h.action === 'create')).toBe(true);
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id: p }))).openRequests.map((r) => r.id)).toEqual([a.id]);

    const before = dumpDatabase(o.t.app);
    const future = (await call(o.t.app, o.staff, 'requests.create', { personId: q, category: 'medical', description: '明天', raisedOn: '2026-11-28' })) as Result<unknown>;
    expect(future).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'raisedOn', message: 'date.inFuture' }] } } });
    expect(await errorCode(call(o.t.app, o.staff, 'requests.create', { personId: q, category: 'medical', description: '  ' }))).toBe('INVALID_INPUT');
    // Only a staff member, an admin or a grid worker who is not disabled can take care of a need.
    const viewerAssigned = (await call(o.t.app, o.staff, 'requests.create', { personId: q, category: 'other', description: '代办', assignedTo: o.ids.viewer })) as Result<unknown>;
    expect(viewerAssigned).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'assignedTo', message: 'assignment.userUnavailable' }] } } });
    expect(await errorCode(call(o.t.app, o.staff, 'requests.create', { personId: NOT_THERE, category: 'other', description: '代办' }))).toBe('NOT_FOUND');
    expect(await errorCode(call(o.t.app, o.viewer, 'requests.create', { personId: q, category: 'other', description: '代办' }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.staff, 'requests.get', { id: NOT_THERE }))).toBe('NOT_FOUND');
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('takes a need from open through in progress to resolved or declined and back, refusing closing without a word or a future date', async () => {
    const { p, q } = await office(o);
    const a = await ok(call(o.t.app, o.staff, 'requests.create', { personId: p, category: 'home_care', description: '助浴', assignedTo: o.ids.gw1 }));
    const b = await ok(call(o.t.app, o.staff, 'requests.create', { personId: q, category: 'medical', description: '代购药品', raisedOn: '2026-11-20' }));
    expect(await ok(call(o.t.app, o.staff, 'requests.setStatus', { id: a.id, status: 'in_progress', resolution: '已联系助浴点' }))).toEqual({ changed: true });
    expect(await ok(call(o.t.app, o.staff, 'requests.setStatus', { id: a.id, status: 'in_progress', resolution: '已联系助浴点' }))).toEqual({ changed: false });
    expect(await ok(call(o.t.app, o.staff, 'requests.get', { id: a.id }))).toMatchObject({ status: 'in_progress', resolution: '已联系助浴点', resolvedOn: null });

    const before = dumpDatabase(o.t.app);
    for (const status of ['resolved', 'declined'] as const) {
      const bare = (await call(o.t.app, o.staff, 'requests.setStatus', { id: b.id, status })) as Result<unknown>;
      expect(bare).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'resolution', message: 'request.resolutionRequired' }] } } });
    }
    const future = (await call(o.t.app, o.staff, 'requests.setStatus', { id: b.id, status: 'resolved', resolution: '已办', resolvedOn: '2026-11-28' })) as Result<unknown>;
    expect(future).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'resolvedOn', message: 'date.inFuture' }] } } });
    // Grid workers raise needs; only staff and admins change or close them.
    expect(await errorCode(call(o.t.app, o.gw1, 'requests.setStatus', { id: a.id, status: 'resolved', resolution: '已办' }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.gw1, 'requests.update', { id: a.id, category: 'home_care', description: '助浴两次', assignedTo: o.ids.gw1 }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.viewer, 'requests.setStatus', { id: a.id, status: 'resolved', resolution: '已办' }))).toBe('FORBIDDEN');
    expect(await errorCode(call(o.t.app, o.staff, 'requests.setStatus', { id: NOT_THERE, status: 'resolved', resolution: '已办' }))).toBe('NOT_FOUND');
    expect(dumpDatabase(o.t.app)).toEqual(before);

    await ok(call(o.t.app, o.staff, 'requests.setStatus', { id: b.id, status: 'resolved', resolution: '已代购并送达' }));
    expect(await ok(call(o.t.app, o.staff, 'requests.get', { id: b.id }))).toMatchObject({ status: 'resolved', resolution: '已代购并送达', resolvedOn: '2026-11-27' });
    await ok(call(o.t.app, o.admin, 'requests.setStatus', { id: a.id, status: 'declined', resolution: '家属自行安排', resolvedOn: '2026年11月25日' }));
    expect(await ok(call(o.t.app, o.staff, 'requests.get', { id: a.id }))).toMatchObject({ status: 'declined', resolvedOn: '2026-11-25' });
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id: q }))).openRequests).toEqual([]);

    // Reopened: the closing date goes and the need shows on the person again.
    await ok(call(o.t.app, o.staff, 'requests.setStatus', { id: b.id, status: 'open', resolution: '药品不对，重新办理' }));
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id: q }))).openRequests.map((r) => [r.id, r.status, r.resolvedOn])).toEqual([[b.id, 'open', null]]);

    // What the need is and who takes care of it can change; the same again changes nothing.
    const edit = { id: b.id, category: 'medical', description: '代购降压药', assignedTo: o.ids.gw2 } as const;
    expect(await ok(call(o.t.app, o.staff, 'requests.update', edit))).toEqual({ changed: true });
    expect(await ok(call(o.t.app, o.staff, 'requests.update', edit))).toEqual({ changed: false });
    expect(await ok(call(o.t.app, o.staff, 'requests.get', { id: b.id }))).toMatchObject({ description: '代购降压药', assignedToName: '网格员小王', status: 'open' });
    expect(await errorCode(call(o.t.app, o.staff, 'requests.update', { ...edit, assignedTo: o.ids.viewer }))).toBe('INVALID_INPUT');
    const history = await ok(call(o.t.app, o.staff, 'persons.history', { id: q }));
    expect(history.filter((h) => h.entity === 'service_request').map((h) => h.action)).toEqual(['update', 'update', 'update', 'create']);
  });

  it('lets a grid worker see and raise only the needs of the persons assigned to them', async () => {
    const { p, q } = await office(o);
    const theirs = await ok(call(o.t.app, o.staff, 'requests.create', { personId: q, category: 'medical', description: '需要上门测血压' }));
    const mine = await ok(call(o.t.app, o.gw1, 'requests.create', { personId: p, category: 'hardship', description: '暖气费有困难' }));
    expect(await ok(call(o.t.app, o.gw1, 'requests.get', { id: mine.id }))).toMatchObject({ raisedBy: o.ids.gw1, raisedByName: '网格员小李', status: 'open' });

    const before = dumpDatabase(o.t.app);
    // Someone else's person answers as if they did not exist.
    expect(await errorCode(call(o.t.app, o.gw1, 'requests.create', { personId: q, category: 'other', description: '代办' }))).toBe('NOT_FOUND');
    expect(dumpDatabase(o.t.app)).toEqual(before);
    expect(await errorCode(call(o.t.app, o.gw1, 'requests.get', { id: theirs.id }))).toBe('NOT_FOUND');
    expect((await ok(call(o.t.app, o.gw1, 'requests.list', {}))).rows.map((r) => r.id)).toEqual([mine.id]);
    expect((await ok(call(o.t.app, o.gw1, 'requests.list', { personId: q }))).total).toBe(0);
    expect((await ok(call(o.t.app, o.gw2, 'requests.list', {}))).rows.map((r) => r.id)).toEqual([theirs.id]);

    // Staff and viewers see every need.
    expect((await ok(call(o.t.app, o.viewer, 'requests.list', {}))).total).toBe(2);
    await ok(call(o.t.app, o.viewer, 'requests.get', { id: theirs.id }));
  });

  it('lists needs by status, category, person, grid and who takes care of them: open first, newest first, page by page', async () => {
    const { g1, g2, p, q } = await office(o);
    const raise = async (personId: string, category: 'home_care' | 'medical' | 'emotional', raisedOn: string, assignedTo: string | null = null) =>
      (await ok(call(o.t.app, o.staff, 'requests.create', { personId, category, description: `${category} ${raisedOn}`, raisedOn, assignedTo }))).id;
    const pOld = await raise(p, 'home_care', '2026-11-01', o.ids.gw1);
    const pNew = await raise(p, 'emotional', '2026-11-20', o.ids.gw1);
    const pDone = await raise(p, 'medical', '2026-11-25');
    const qWorking = await raise(q, 'medical', '2026-11-10', o.ids.gw2);
    const qDeclined = await raise(q, 'home_care', '2026-11-15');
    await ok(call(o.t.app, o.staff, 'requests.setStatus', { id: pDone, status: 'resolved', resolution: '已办' }));
    await ok(call(o.t.app, o.staff, 'requests.setStatus', { id: qWorking, status: 'in_progress' }));
    await ok(call(o.t.app, o.staff, 'requests.setStatus', { id: qDeclined, status: 'declined', resolution: '不符合条件' }));

    const list = async (query: Parameters<typeof call<'requests.list'>>[3]) => (await ok(call(o.t.app, o.viewer, 'requests.list', query))).rows.map((r) => r.id);
    expect(await list({})).toEqual([pNew, pOld, qWorking, pDone, qDeclined]);
    expect(await list({ status: 'active' })).toEqual([pNew, pOld, qWorking]);
    expect(await list({ status: 'open' })).toEqual([pNew, pOld]);
    expect(await list({ status: 'in_progress' })).toEqual([qWorking]);
    expect(await list({ status: 'resolved' })).toEqual([pDone]);
    expect(await list({ status: 'declined' })).toEqual([qDeclined]);
    expect(await list({ category: 'medical' })).toEqual([qWorking, pDone]);
    expect(await list({ personId: q })).toEqual([qWorking, qDeclined]);
    expect(await list({ gridId: g1.id })).toEqual([pNew, pOld, pDone]);
    expect(await list({ gridId: g2.id, status: 'active' })).toEqual([qWorking]);
    expect(await list({ assignedTo: o.ids.gw1 })).toEqual([pNew, pOld]);
    expect(await list({ personId: p, category: 'home_care', status: 'open' })).toEqual([pOld]);

    const page = await ok(call(o.t.app, o.viewer, 'requests.list', { limit: 2, offset: 2 }));
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => r.id)).toEqual([qWorking, pDone]);
    expect(await errorCode(call(o.t.app, o.viewer, 'requests.list', { status: 'closed' } as never))).toBe('INVALID_INPUT');
  });
});
