import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase } from '../helpers/app';
import type { Result } from '../../shared/errors';
import { careOffice, addPerson, plannedOf, setDay, type CareOffice } from './care.helpers';

const LOW = { feeding: 5, bathing: 0, grooming: 0, dressing: 5, bowels: 10, bladder: 10, toilet: 5, transfer: 5, mobility: 5, stairs: 0 }; // 45

/**
 * Two persons of grid worker 1, registered on 2026-10-20 and looked at on 2026-11-27: October's
 * monthly visit is missed, November's is due, December's upcoming; one of them was admitted to
 * hospital on 2026-11-20, so that visit (due 11-23) is overdue.
 */
async function caseload(o: CareOffice) {
  const g1 = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第一网格', workerIds: [o.ids.gw1], places: ['幸福里小区'] }));
  const g2 = await ok(call(o.t.app, o.staff, 'grids.create', { name: '第二网格', workerIds: [o.ids.gw1], places: ['和平路'] }));
  setDay(o, '2026-10-20');
  const p = await addPerson(o, { name: '张桂兰', gender: 'female', birthDate: '1944-05-02', grid: '', address: '幸福里小区3号楼', livingSituation: 'alone' });
  const q = await addPerson(o, { name: '李建国', grid: '', address: '和平路10号', livingSituation: 'empty_nest' });
  // Both assessed on arrival, so these worklists hold routine and event visits only (the 能力评估
  // visits have their own tests in capability.test.ts).
  const full = { feeding: 10, bathing: 5, grooming: 5, dressing: 10, bowels: 10, bladder: 10, toilet: 10, transfer: 15, mobility: 15, stairs: 10 };
  for (const personId of [p, q]) await ok(call(o.t.app, o.staff, 'health.addAssessment', { personId, assessedOn: '2026-10-20', items: full }));
  setDay(o, '2026-11-27');
  await ok(call(o.t.app, o.staff, 'assignments.set', { personId: p, userId: o.ids.gw1 }));
  await ok(call(o.t.app, o.staff, 'assignments.set', { personId: q, userId: o.ids.gw1 }));
  const { id: eventId } = await ok(call(o.t.app, o.staff, 'health.addEvent', { personId: q, fields: { kind: 'hospitalisation', date: '2026-11-20', institution: '县人民医院' } }));
  return { g1, g2, p, q, eventId };
}

describe('worklist', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  it('puts overdue first, then due, then upcoming, with counts per status and the open requests', async () => {
    const { g2, p, q, eventId } = await caseload(o);
    const request = await ok(call(o.t.app, o.staff, 'requests.create', { personId: p, category: 'home_care', description: '需要助餐服务' }));
    const list = await ok(call(o.t.app, o.gw1, 'visits.worklist', {}));
    expect(list.today).toBe('2026-11-27');
    expect(list.userId).toBe(o.ids.gw1);
    // December's routine visits (due 12-31) wait while November's are open: one per person per period.
    expect(list.counts).toEqual({ overdue: 1, due: 2, upcoming: 0, missed: 2, done: 0 });
    expect(list.personCounts).toEqual({ overdue: 1, due: 1, upcoming: 0, missed: 0 });
    expect(list.total).toBe(3);
    expect(list.rows.map((r) => [r.status, r.personName, r.key])).toEqual([
      ['overdue', '李建国', `hospitalisation:${eventId}`],
      ['due', '张桂兰', 'routine:2026-11'],
      ['due', '李建国', 'routine:2026-11'],
    ]);
    expect(list.rows[1]).toMatchObject({ gridName: '第一网格', flags: ['alone'], age: 82, contactRole: 'primary', lastVisitDate: null, phones: ['13800138000'] });
    expect(list.rows[2]?.flags).toEqual(['empty_nest_old']);
    expect(list.requests.map((r) => r.id)).toEqual([request.id]);

    const rows = async (input: Parameters<typeof call<'visits.worklist'>>[3]) => (await ok(call(o.t.app, o.staff, 'visits.worklist', { userId: o.ids.gw1, ...input }))).rows;
    expect((await rows({ gridId: g2.id })).every((r) => r.personId === q)).toBe(true);
    expect((await rows({ reason: 'hospitalisation' })).map((r) => r.key)).toEqual([`hospitalisation:${eventId}`]);
    expect((await rows({ to: '2026-11-30' })).map((r) => r.status)).toEqual(['overdue', 'due', 'due']);
    expect((await rows({ from: '2026-12-01', to: '2026-12-31' })).map((r) => r.key)).toEqual(['routine:2026-12', 'routine:2026-12']);
    expect((await rows({ statuses: ['missed'] })).map((r) => [r.status, r.key])).toEqual([
      ['missed', 'routine:2026-10'],
      ['missed', 'routine:2026-10'],
    ]);
    expect((await rows({ upcomingDays: 400 })).length).toBeGreaterThan(20);
    expect((await rows({ limit: 2, offset: 1 })).map((r) => r.status)).toEqual(['due', 'due']);
  });

  it('recording a visit resolves it, lowers the overdue count and counts it done', async () => {
    const { p, q, eventId } = await caseload(o);
    const before = await ok(call(o.t.app, o.gw1, 'visits.worklist', {}));
    const recorded = await ok(call(o.t.app, o.gw1, 'visits.record', { personId: q, fields: { visitDate: '2026-11-27', method: 'hospital', summary: '身体尚好', visitors: '小李', findingsHealth: '术后恢复良好' } }));
    const resolved = plannedOf(o, q).filter((v) => v.visit_record_id === recorded.id).map((v) => v.key);
    expect(resolved.sort()).toEqual([`hospitalisation:${eventId}`, 'routine:2026-11'].sort());
    const after = await ok(call(o.t.app, o.gw1, 'visits.worklist', {}));
    // With November's done, December's routine visit is the one coming up.
    expect(after.counts).toEqual({ ...before.counts, overdue: before.counts.overdue - 1, due: before.counts.due - 1, upcoming: before.counts.upcoming + 1, done: 2 });
    expect(after.rows.find((r) => r.personId === q)?.lastVisitDate).toBe('2026-11-27');
    const record = await ok(call(o.t.app, o.gw1, 'visits.getRecord', { id: recorded.id }));
    expect(record).toMatchObject({ reason: 'hospitalisation', method: 'hospital', recordedBy: o.ids.gw1, recordedByName: '网格员小李', plannedVisitId: expect.any(String) });
    expect(record.resolvedVisits.map((v) => v.reason)).toEqual(['hospitalisation', 'routine']);
    // Staff see any worker's list; the whole office and the unassigned too.
    const r = await addPerson(o, { name: '周芳', gender: 'female', birthDate: '1949-01-01', livingSituation: 'alone' });
    const office = await ok(call(o.t.app, o.staff, 'visits.worklist', { scope: 'all' }));
    expect(new Set(office.rows.map((x) => x.personId))).toEqual(new Set([p, q, r]));
    const unassigned = await ok(call(o.t.app, o.staff, 'visits.worklist', { scope: 'unassigned' }));
    expect(new Set(unassigned.rows.map((x) => x.personId))).toEqual(new Set([r]));
    expect(unassigned.rows.every((x) => x.contactRole === null)).toBe(true);
  });
});

describe('visit records', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  it('records a visit with needs as requests, a hospitalisation and an assessment, all in the person\'s record', async () => {
    const { p } = await caseload(o);
    const result = await ok(
      call(o.t.app, o.gw1, 'visits.record', {
        personId: p,
        fields: { visitDate: '2026-11-26', method: 'home', visitors: '小李、王主任', summary: '情绪低落，想有人陪聊', findingsMood: '情绪低落', needs: '希望有人定期上门陪聊' },
        requests: [{ category: 'emotional', description: '希望有人定期上门陪聊', assignedTo: o.ids.gw1 }],
        healthEvent: { kind: 'hospitalisation', date: '2026-11-24', endDate: '2026-11-25', institution: '社区医院', summary: '跌倒' },
        assessment: { assessedOn: '2026-11-26', items: LOW, assessor: '小李' },
      }),
    );
    expect(result.requestIds).toHaveLength(1);
    expect(result.healthEventId).not.toBeNull();
    // The hospitalisation visit planned by the new event is resolved by this same visit.
    const hosp = plannedOf(o, p).find((v) => v.key === `hospitalisation:${result.healthEventId}`);
    expect(hosp).toMatchObject({ done_on: '2026-11-26', visit_record_id: result.id });
    expect(result.resolved).toContain(hosp?.id);
    const detail = await ok(call(o.t.app, o.gw1, 'persons.get', { id: p }));
    expect(detail.healthEvents[0]).toMatchObject({ kind: 'hospitalisation', institution: '社区医院' });
    expect(detail.person.latestAdlTotal).toBe(45);
    expect(detail.openRequests).toMatchObject([{ category: 'emotional', visitRecordId: result.id, assignedTo: o.ids.gw1, raisedOn: '2026-11-26', status: 'open' }]);
    expect(detail.recentVisits[0]).toMatchObject({ id: result.id, findingsMood: '情绪低落', visitors: '小李、王主任' });
    expect(detail.contacts.primary?.userId).toBe(o.ids.gw1);
    expect(detail.upcomingVisits.every((v) => v.status !== 'done' && v.status !== 'cancelled')).toBe(true);
    expect(detail.upcomingVisits[0]?.status).toBe('missed');
    const history = await ok(call(o.t.app, o.staff, 'persons.history', { id: p }));
    expect(new Set(history.map((h) => h.entity))).toEqual(new Set(['person', 'contact_assignment', 'visit_record', 'planned_visit', 'health_event', 'adl_assessment', 'service_request']));
  });

  it('refuses a visit in the future or a planned visit that is not open, and writes nothing', async () => {
    const { p } = await caseload(o);
    await ok(call(o.t.app, o.gw1, 'visits.record', { personId: p, fields: { visitDate: '2026-11-25', method: 'phone', summary: '身体尚好' } }));
    const done = plannedOf(o, p).find((v) => v.done_on !== null);
    const before = dumpDatabase(o.t.app);
    const future = (await call(o.t.app, o.gw1, 'visits.record', { personId: p, fields: { visitDate: '2026-11-28', method: 'home', summary: '身体尚好' } })) as Result<unknown>;
    expect(future).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'visitDate', message: 'date.inFuture' }] } } });
    const notOpen = (await call(o.t.app, o.gw1, 'visits.record', { personId: p, plannedVisitIds: [done?.id ?? ''], fields: { visitDate: '2026-11-26', method: 'home', summary: '身体尚好' } })) as Result<unknown>;
    expect(notOpen).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'plannedVisitIds.0', message: 'visit.planNotOpen' }] } } });
    // A bad request in the same call undoes the whole visit.
    expect(
      await errorCode(call(o.t.app, o.gw1, 'visits.record', { personId: p, fields: { visitDate: '2026-11-26', method: 'home', summary: '身体尚好' }, requests: [{ category: 'other', description: 'x', assignedTo: o.ids.viewer }] })),
    ).toBe('INVALID_INPUT');
    expect(await errorCode(call(o.t.app, o.viewer, 'visits.record', { personId: p, fields: { visitDate: '2026-11-26', method: 'home', summary: '身体尚好' } }))).toBe('FORBIDDEN');
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('refuses a visit that says nothing; one that did not see the person is kept and leaves the plan open', async () => {
    const { p } = await caseload(o);
    const before = dumpDatabase(o.t.app);
    // The form's prefilled date and visitor alone are not a visit.
    const empty = (await call(o.t.app, o.gw1, 'visits.record', { personId: p, fields: { visitDate: '2026-11-26', visitors: '小李', method: 'home' } })) as Result<unknown>;
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'fields.summary', message: 'visit.summaryRequired' }] } } });
    const blank = (await call(o.t.app, o.gw1, 'visits.record', { personId: p, fields: { visitDate: '2026-11-26', method: 'home', summary: '   ' } })) as Result<unknown>;
    expect(blank).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(dumpDatabase(o.t.app)).toEqual(before);
    const open = plannedOf(o, p).filter((v) => v.done_on === null && v.cancelled_on === null).length;
    const notSeen = await ok(call(o.t.app, o.gw1, 'visits.record', { personId: p, fields: { visitDate: '2026-11-26', visitors: '小李', method: 'home', notSeen: true } }));
    expect(notSeen.resolved).toEqual([]);
    expect(plannedOf(o, p).filter((v) => v.done_on === null && v.cancelled_on === null)).toHaveLength(open);
    expect(await ok(call(o.t.app, o.gw1, 'visits.getRecord', { id: notSeen.id }))).toMatchObject({ summary: '未见到本人', reason: 'ad_hoc' });
  });

  it('resolves exactly the planned visits chosen; corrections move them, deletion reopens them', async () => {
    const { p } = await caseload(o);
    const december = plannedOf(o, p).find((v) => v.key === 'routine:2026-12');
    const { id } = await ok(call(o.t.app, o.staff, 'visits.record', { personId: p, plannedVisitIds: [december?.id ?? ''], fields: { visitDate: '2026-11-27', method: 'video', summary: '身体尚好' } }));
    expect(plannedOf(o, p).filter((v) => v.visit_record_id === id).map((v) => v.key)).toEqual(['routine:2026-12']);
    expect(plannedOf(o, p).find((v) => v.key === 'routine:2026-11')?.done_on).toBeNull();
    expect(await ok(call(o.t.app, o.staff, 'visits.updateRecord', { id, fields: { visitDate: '2026-11-26', method: 'video', summary: '视频通话' } }))).toEqual({ changed: true });
    expect(plannedOf(o, p).find((v) => v.key === 'routine:2026-12')?.done_on).toBe('2026-11-26');
    expect(await errorCode(call(o.t.app, o.gw1, 'visits.updateRecord', { id, fields: { visitDate: '2026-11-26', method: 'home', summary: '身体尚好' } }))).toBe('FORBIDDEN');
    await ok(call(o.t.app, o.staff, 'visits.deleteRecord', { id }));
    expect(plannedOf(o, p).find((v) => v.key === 'routine:2026-12')).toMatchObject({ done_on: null, visit_record_id: null });
    expect(await errorCode(call(o.t.app, o.staff, 'visits.getRecord', { id }))).toBe('NOT_FOUND');
    const records = await ok(call(o.t.app, o.staff, 'visits.records', { personId: p }));
    expect(records.total).toBe(0);
  });
});
