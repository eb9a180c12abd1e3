import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ok, errorCode, dumpDatabase } from '../helpers/app';
import { personInput } from '../helpers/persons';
import { DEFAULT_SCHEDULE_RULES } from '../../shared/schedule/rules';
import { replanAll, replanPerson } from '../../main/services/visits/planning';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import { careOffice, addPerson, plannedOf, openKeys, setDay, type CareOffice } from './care.helpers';

const FULL = { feeding: 10, bathing: 5, grooming: 5, dressing: 10, bowels: 10, bladder: 10, toilet: 10, transfer: 15, mobility: 15, stairs: 10 };
const LOW = { feeding: 5, bathing: 0, grooming: 0, dressing: 5, bowels: 10, bladder: 10, toilet: 5, transfer: 5, mobility: 5, stairs: 0 }; // 45: 中度

/** Live visit rows per key: never more than one. */
function duplicates(o: CareOffice): number {
  return (o.t.app.db.prepare('SELECT count(*) - count(DISTINCT person_id || key) AS d FROM planned_visits WHERE deleted_at IS NULL').get() as { d: number }).d;
}

describe('visit planning on every change that plans depend on', () => {
  let o: CareOffice;
  beforeEach(async () => {
    o = await careOffice();
  });
  afterEach(() => o.t.close());

  it('plans a new person from the rules: monthly when at risk, holidays, party day; nothing already past', async () => {
    // 空巢, 81, party member: at risk, so monthly.
    const id = await addPerson(o);
    const keys = openKeys(o, id);
    expect(keys.filter((k) => k.startsWith('routine:'))).toHaveLength(14);
    expect(keys).toContain('routine:2026-11');
    expect(keys).toContain('routine:2027-12');
    expect(keys).toEqual(expect.arrayContaining(['spring_festival:2027', 'party_day:2027', 'chongyang:2027']));
    // 重阳节 2026 (10-18) and everything due before today are not planned.
    expect(keys).not.toContain('chongyang:2026');
    expect(plannedOf(o, id).every((v) => v.due_date >= '2026-11-27')).toBe(true);
    // Not at risk, not a party member: quarterly, no 七一.
    const calm = await addPerson(o, { birthDate: '1950-06-10', livingSituation: 'with_children', politicalStatus: 'masses', name: '王平' });
    expect(openKeys(o, calm)).toEqual([
      'routine:2026-10/3m',
      'spring_festival:2027',
      'routine:2027-01/3m',
      'routine:2027-04/3m',
      'routine:2027-07/3m',
      'chongyang:2027',
      'routine:2027-10/3m',
    ]);
  });

  it('planning again changes nothing: no duplicates, no writes', async () => {
    const id = await addPerson(o);
    const before = dumpDatabase(o.t.app);
    const officeId = (o.t.app.db.prepare('SELECT id FROM office').get() as { id: string }).id;
    const changes = o.t.app.db.transaction(() => replanPerson(o.t.app.db, { actor: SYSTEM_ACTOR, officeId, at: o.t.clock.now().toISOString() }, id, '2026-11-27'))();
    expect(changes).toEqual({ created: 0, rescheduled: 0, cancelled: 0, reopened: 0 });
    expect(dumpDatabase(o.t.app).planned_visits).toEqual(before.planned_visits);
    // An update that changes nothing writes nothing either.
    await ok(call(o.t.app, o.admin, 'persons.update', { id, fields: personInput({ seq: 101 }) }));
    expect(duplicates(o)).toBe(0);
  });

  it('a new hospitalisation plans a visit within 3 days; moving or removing it follows', async () => {
    const id = await addPerson(o);
    const { id: eventId } = await ok(call(o.t.app, o.admin, 'health.addEvent', { personId: id, fields: { kind: 'hospitalisation', date: '2026-11-25', institution: '县人民医院' } }));
    const visit = plannedOf(o, id).find((v) => v.key === `hospitalisation:${eventId}`);
    expect(visit).toMatchObject({ reason: 'hospitalisation', window_start: '2026-11-25', due_date: '2026-11-28', missed_after: '2026-12-12', done_on: null });
    // A checkup plans nothing.
    await ok(call(o.t.app, o.admin, 'health.addEvent', { personId: id, fields: { kind: 'checkup', date: '2026-11-26' } }));
    expect(plannedOf(o, id).filter((v) => v.reason === 'hospitalisation')).toHaveLength(1);
    // The admission date corrected: the same visit moves.
    await ok(call(o.t.app, o.admin, 'health.updateEvent', { id: eventId, fields: { kind: 'hospitalisation', date: '2026-11-26', institution: '县人民医院' } }));
    expect(plannedOf(o, id).filter((v) => v.reason === 'hospitalisation')).toMatchObject([{ id: visit?.id, due_date: '2026-11-29' }]);
    // Recorded by mistake: the visit is cancelled, not deleted.
    await ok(call(o.t.app, o.admin, 'health.deleteEvent', { id: eventId }));
    expect(plannedOf(o, id).find((v) => v.id === visit?.id)).toMatchObject({ cancel_reason: 'rules', cancelled_on: '2026-11-27' });
    // A hospitalisation long past is not planned: it could no longer be made.
    await ok(call(o.t.app, o.admin, 'health.addEvent', { personId: id, fields: { kind: 'hospitalisation', date: '2025-03-01' } }));
    expect(plannedOf(o, id).filter((v) => v.reason === 'hospitalisation')).toHaveLength(1);
    expect(duplicates(o)).toBe(0);
  });

  it('a death plans the condolence visit and cancels every other open visit; done visits stay done', async () => {
    const id = await addPerson(o);
    await ok(call(o.t.app, o.admin, 'visits.record', { personId: id, fields: { visitDate: '2026-11-20', method: 'home', summary: '身体尚好' } }));
    const done = plannedOf(o, id).filter((v) => v.done_on !== null);
    expect(done.map((v) => v.key)).toEqual(['routine:2026-11']);
    await ok(call(o.t.app, o.admin, 'persons.changeStatus', { id, status: 'deceased', date: '2026-11-26' }));
    const after = plannedOf(o, id);
    expect(after.filter((v) => v.done_on === null && v.cancelled_on === null).map((v) => [v.key, v.window_start, v.due_date])).toEqual([
      ['condolence', '2026-11-26', '2026-12-03'],
    ]);
    expect(after.filter((v) => v.cancelled_on !== null).every((v) => v.cancel_reason === 'deceased')).toBe(true);
    expect(after.filter((v) => v.done_on !== null)).toEqual(done);
    // The death was entered for the wrong person: back to active, the visits come back, the condolence visit goes.
    await ok(call(o.t.app, o.admin, 'persons.changeStatus', { id, status: 'active', date: '2026-11-27', note: '误录' }));
    const restored = plannedOf(o, id);
    expect(restored.find((v) => v.key === 'condolence')).toMatchObject({ cancel_reason: 'rules' });
    expect(restored.find((v) => v.key === 'routine:2026-12')).toMatchObject({ cancelled_on: null, done_on: null });
    expect(restored.filter((v) => v.done_on !== null)).toEqual(done);
    expect(duplicates(o)).toBe(0);
  });

  it('moving out cancels every open visit', async () => {
    const id = await addPerson(o);
    await ok(call(o.t.app, o.admin, 'persons.changeStatus', { id, status: 'moved_out', date: '2026-11-27', destination: '太原市小店区' }));
    expect(openKeys(o, id)).toEqual([]);
    expect(plannedOf(o, id).every((v) => v.cancel_reason === 'moved_out')).toBe(true);
  });

  it('an ADL drop to 中度 makes routine visits monthly, and its removal makes them quarterly again', async () => {
    const id = await addPerson(o, { birthDate: '1950-06-10', livingSituation: 'with_children', politicalStatus: 'masses', name: '赵强' });
    await ok(call(o.t.app, o.admin, 'health.addAssessment', { personId: id, assessedOn: '2026-05-01', items: FULL }));
    expect(openKeys(o, id).filter((k) => k.startsWith('routine:'))[0]).toBe('routine:2026-10/3m');
    const low = await ok(call(o.t.app, o.admin, 'health.addAssessment', { personId: id, assessedOn: '2026-11-26', items: LOW }));
    const monthly = openKeys(o, id).filter((k) => k.startsWith('routine:'));
    expect(monthly.slice(0, 3)).toEqual(['routine:2026-11', 'routine:2026-12', 'routine:2027-01']);
    expect(monthly).toHaveLength(14);
    expect(plannedOf(o, id).find((v) => v.key === 'routine:2026-10/3m')).toMatchObject({ cancel_reason: 'rules' });
    await ok(call(o.t.app, o.admin, 'health.deleteAssessment', { id: low.id }));
    expect(openKeys(o, id).filter((k) => k.startsWith('routine:'))).toEqual([
      'routine:2026-10/3m',
      'routine:2027-01/3m',
      'routine:2027-04/3m',
      'routine:2027-07/3m',
      'routine:2027-10/3m',
    ]);
    expect(duplicates(o)).toBe(0);
  });

  it('the high-risk flag makes visits monthly; only staff may set it', async () => {
    const id = await addPerson(o, { birthDate: '1950-06-10', livingSituation: 'with_children', name: '钱明' });
    expect(openKeys(o, id)).not.toContain('routine:2026-11');
    expect(await errorCode(call(o.t.app, o.gw1, 'persons.setHighRisk', { id, highRisk: true }))).toBe('FORBIDDEN');
    expect(await ok(call(o.t.app, o.staff, 'persons.setHighRisk', { id, highRisk: true }))).toEqual({ changed: true });
    expect(openKeys(o, id)).toContain('routine:2026-11');
    expect((await ok(call(o.t.app, o.staff, 'persons.get', { id }))).person.highRisk).toBe(true);
    expect(await ok(call(o.t.app, o.staff, 'persons.setHighRisk', { id, highRisk: true }))).toEqual({ changed: false });
  });

  it('a rule change replans open visits in the same call, without duplicates and without touching done ones', async () => {
    const id = await addPerson(o);
    await ok(call(o.t.app, o.admin, 'visits.record', { personId: id, fields: { visitDate: '2026-11-20', method: 'phone', summary: '身体尚好' } }));
    const doneBefore = plannedOf(o, id).filter((v) => v.done_on !== null);
    expect(await errorCode(call(o.t.app, o.staff, 'settings.update', { scheduleRules: { ...DEFAULT_SCHEDULE_RULES, atRiskEveryMonths: 2 } }))).toBe('FORBIDDEN');
    await ok(call(o.t.app, o.admin, 'settings.update', { scheduleRules: { ...DEFAULT_SCHEDULE_RULES, atRiskEveryMonths: 2, showDaysBefore: 14 } }));
    expect((await ok(call(o.t.app, o.viewer, 'settings.get', {}))).scheduleRules.atRiskEveryMonths).toBe(2);
    const keys = openKeys(o, id).filter((k) => k.startsWith('routine:'));
    expect(keys.slice(0, 2)).toEqual(['routine:2026-11/2m', 'routine:2027-01/2m']);
    expect(plannedOf(o, id).find((v) => v.key === 'routine:2026-12')).toMatchObject({ cancel_reason: 'rules' });
    expect(plannedOf(o, id).find((v) => v.key === 'spring_festival:2027')).toMatchObject({ window_start: '2027-01-23', due_date: '2027-02-06' });
    expect(plannedOf(o, id).filter((v) => v.done_on !== null)).toEqual(doneBefore);
    expect(duplicates(o)).toBe(0);
    // Settings saved without a change to the rules replan nothing.
    const before = dumpDatabase(o.t.app);
    await ok(call(o.t.app, o.admin, 'settings.update', { scheduleRules: { ...DEFAULT_SCHEDULE_RULES, atRiskEveryMonths: 2, showDaysBefore: 14 } }));
    expect(dumpDatabase(o.t.app)).toEqual(before);
  });

  it('a visit cancelled by hand stays cancelled when the person is replanned', async () => {
    const id = await addPerson(o);
    const visit = plannedOf(o, id).find((v) => v.key === 'routine:2026-12');
    expect(await errorCode(call(o.t.app, o.staff, 'visits.cancel', { id: visit?.id ?? '', note: '' }))).toBe('INVALID_INPUT');
    await ok(call(o.t.app, o.staff, 'visits.cancel', { id: visit?.id ?? '', note: '家属接去外地过冬' }));
    await ok(call(o.t.app, o.staff, 'persons.setHighRisk', { id, highRisk: true }));
    await ok(call(o.t.app, o.staff, 'persons.setHighRisk', { id, highRisk: false }));
    expect(plannedOf(o, id).find((v) => v.key === 'routine:2026-12')).toMatchObject({ cancel_reason: 'manual' });
    expect(await errorCode(call(o.t.app, o.staff, 'visits.cancel', { id: visit?.id ?? '', note: '再次' }))).toBe('INVALID_INPUT');
  });

  it('deleting a person cancels their open visits', async () => {
    const id = await addPerson(o);
    await ok(call(o.t.app, o.admin, 'persons.delete', { id }));
    expect(openKeys(o, id)).toEqual([]);
    expect(plannedOf(o, id).every((v) => v.cancel_reason === 'deleted')).toBe(true);
  });

  it('replanAll rolls the horizon forward month by month, touching only persons not yet planned this month', async () => {
    const a = await addPerson(o);
    const b = await addPerson(o, { name: '孙丽', gender: 'female', birthDate: '1948-02-29', livingSituation: 'alone' });
    expect(openKeys(o, a)).not.toContain('routine:2028-01');
    const same = await ok(call(o.t.app, o.staff, 'visits.replanAll', {}));
    expect(same).toEqual({ persons: 0, created: 0, rescheduled: 0, cancelled: 0, reopened: 0 });
    setDay(o, '2027-01-05');
    const progress: number[] = [];
    o.staff.subscribe((event, payload) => {
      if (event === 'progress') progress.push((payload as { done: number }).done);
    });
    const lastAudit = (o.t.app.db.prepare('SELECT max(id) AS n FROM audit_log').get() as { n: number }).n;
    const rolled = await ok(call(o.t.app, o.staff, 'visits.replanAll', {}, { taskId: 'replan-1' }));
    expect(rolled.persons).toBe(2);
    expect(rolled.created).toBeGreaterThanOrEqual(2);
    // The log says who rolled the plans forward and how many visits it made, in one entry, not one a visit.
    const logged = await ok(call(o.t.app, o.admin, 'audit.list', {}));
    const since = logged.entries.filter((e) => e.id > lastAudit);
    expect(since.map((e) => [e.entity, e.action, e.username])).toEqual([['visit_plan', 'update', 'staff1']]);
    const counts = { created: rolled.created, rescheduled: rolled.rescheduled, cancelled: rolled.cancelled, reopened: rolled.reopened };
    expect(since[0]?.changes).toEqual({ checked: 2, ...Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0)) });
    expect(progress.at(-1)).toBe(2);
    expect(openKeys(o, a)).toContain('routine:2028-01');
    expect(openKeys(o, b)).toContain('routine:2028-01');
    expect((await ok(call(o.t.app, o.staff, 'visits.replanAll', {}))).persons).toBe(0);
    expect((await ok(call(o.t.app, o.staff, 'visits.replanAll', { force: true }))).persons).toBe(2);
    expect(await errorCode(call(o.t.app, o.gw1, 'visits.replanAll', {}))).toBe('FORBIDDEN');
    expect(duplicates(o)).toBe(0);
  });

  it('replanning the whole office gives way between short transactions: other work runs before it ends, and a slow slice still moves on', async () => {
    for (let i = 0; i < 6; i++) await addPerson(o, { name: `老人${"甲乙丙丁戊己"[i]}` });
    setDay(o, '2027-01-05');
    const events: string[] = [];
    const ctx = { actor: SYSTEM_ACTOR, officeId: o.t.app.db.prepare('SELECT id FROM office').pluck().get() as string, at: new Date(o.t.clock.time).toISOString() };
    // A zero-length slice: one person per transaction, and a turn for everything else after each.
    const run = replanAll(o.t.app.db, ctx, '2027-01-05', {
      sliceMs: 0,
      progress: (done) => events.push(`replanned ${done}`),
    });
    setImmediate(() => events.push('another call'));
    expect((await run).persons).toBe(6);
    expect(events.indexOf('another call')).toBeGreaterThan(-1);
    expect(events.indexOf('another call')).toBeLessThan(events.indexOf('replanned 6'));
    expect(events.filter((e) => e.startsWith('replanned'))).toEqual(['replanned 0', 'replanned 1', 'replanned 2', 'replanned 3', 'replanned 4', 'replanned 5', 'replanned 6']);
    expect(duplicates(o)).toBe(0);
  });
});
