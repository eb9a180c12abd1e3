import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, setupOffice, sessionAs, call, ok, errorCode, type TestApp } from '../helpers/app';
import { personInput } from '../helpers/persons';
import type { Session } from '../../main/auth/session';

describe('the audit log', () => {
  let t: TestApp;
  let admin: Session;
  let staff: Session;
  beforeEach(async () => {
    t = makeApp();
    admin = await setupOffice(t);
    await ok(call(t.app, admin, 'settings.update', { idleLockMinutes: 0 }));
    staff = await sessionAs(t, admin, 'staff', 'zhang');
  });
  afterEach(() => t.close());

  const list = (input: Parameters<typeof call<'audit.list'>>[3], as: Session = admin) => ok(call(t.app, as, 'audit.list', input));

  it('lists every change newest first, and counts them all before the page', async () => {
    const all = await list({});
    expect(all.total).toBe(all.entries.length);
    // Setup, the admin's account and login, the settings change, the staff account and its login.
    expect(all.entries.map((e) => `${e.entity}:${e.action}`)).toEqual(['user:login', 'user:create', 'settings:update', 'user:login', 'user:create', 'office:setup']);
    const ids = all.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page = await list({ limit: 2, offset: 1 });
    expect(page.total).toBe(all.total);
    expect(page.entries.map((e) => e.id)).toEqual(ids.slice(1, 3));
  });

  it('narrows by entity, entity id, user and subject, each filter on top of the others', async () => {
    const a = await ok(call(t.app, staff, 'persons.create', personInput({ seq: 1, name: '李文' })));
    const b = await ok(call(t.app, staff, 'persons.create', personInput({ seq: 2, name: '王武' })));
    await ok(call(t.app, admin, 'family.add', { personId: a.id, fields: { name: '李小文', relation: '儿子', phones: ['13900000001'] } }));

    const persons = await list({ entity: 'person' });
    expect(persons.total).toBe(2);
    expect(persons.entries.every((e) => e.entity === 'person' && e.action === 'create')).toBe(true);

    expect((await list({ entity: 'person', entityId: b.id })).entries.map((e) => e.entityId)).toEqual([b.id]);

    const byStaff = await list({ userId: staff.userId as string });
    expect(byStaff.entries.length).toBeGreaterThanOrEqual(3);
    expect(byStaff.entries.every((e) => e.userId === staff.userId && e.username === 'zhang')).toBe(true);

    // A person's history: their own record and the records hanging off it, whoever wrote them.
    const ofA = await list({ subjectId: a.id });
    expect(ofA.entries.map((e) => e.entity)).toEqual(['family_contact', 'person']);
    expect(ofA.entries.map((e) => e.username)).toEqual(['admin', 'zhang']);
    // Each entry about a person names them: the log is read by people, not by ids.
    expect(ofA.entries.map((e) => e.subjectName)).toEqual(['李文', '李文']);
    expect((await list({ entity: 'person', entityId: b.id })).entries[0]?.subjectName).toBe('王武');
    expect((await list({ userId: admin.userId as string })).entries.filter((e) => e.subjectId === null).every((e) => e.subjectName === null)).toBe(true);
    expect((await list({ subjectId: a.id, userId: staff.userId as string })).entries.map((e) => e.entity)).toEqual(['person']);

    expect(await list({ entity: 'nothing-like-this' })).toEqual({ total: 0, capped: false, entries: [] });
  });

  it('names the person of a visit planning schedules by itself, without putting it in their history', async () => {
    const a = await ok(call(t.app, staff, 'persons.create', personInput({ seq: 1, name: '李文', birthDate: '1940-03-02' })));
    // One entry for the person's plan with its counts, not one per visit.
    const planned = await list({ entity: 'visit_plan' });
    expect(planned.total).toBe(1);
    const made = t.app.db.prepare('SELECT count(*) AS n FROM planned_visits WHERE person_id = ?').get(a.id) as { n: number };
    expect(planned.entries[0]).toMatchObject({ entityId: a.id, action: 'update', username: 'zhang', subjectName: '李文', changes: { created: made.n } });
    expect(made.n).toBeGreaterThan(0);
    expect((await list({ entity: 'planned_visit' })).total).toBe(0);
    // Bookkeeping stays out of the person's own history.
    expect(planned.entries.every((e) => e.subjectId === null)).toBe(true);
    expect((await list({ subjectId: a.id })).entries.map((e) => e.entity)).toEqual(['person']);
  });

  it('shows what changed, as before and after for updates and the values for creates', async () => {
    const { id } = await ok(call(t.app, staff, 'persons.create', personInput({ seq: 3, name: '赵六' })));
    await ok(call(t.app, staff, 'persons.update', { id, fields: personInput({ seq: 3, name: '赵六', address: '幸福里小区5号楼101' }) }));
    const [update, create] = (await list({ entity: 'person', entityId: id })).entries;
    expect(update).toMatchObject({ action: 'update', changes: { address: ['幸福里小区3号楼2单元501', '幸福里小区5号楼101'] } });
    expect(create).toMatchObject({ action: 'create', changes: { name: '赵六' } });
  });

  it('is read by administrators, staff and viewers, never by grid workers', async () => {
    const viewer = await sessionAs(t, admin, 'viewer', 'chakan');
    const gridworker = await sessionAs(t, admin, 'gridworker', 'wangge');
    expect((await list({ limit: 1 }, staff)).entries).toHaveLength(1);
    expect((await list({ limit: 1 }, viewer)).entries).toHaveLength(1);
    expect(await errorCode(call(t.app, gridworker, 'audit.list', {}))).toBe('FORBIDDEN');
  });

  it('refuses filters it does not know and pages out of range', async () => {
    expect(await errorCode(call(t.app, admin, 'audit.list', { action: 'login' } as never))).toBe('INVALID_INPUT');
    expect(await errorCode(call(t.app, admin, 'audit.list', { limit: 501 }))).toBe('INVALID_INPUT');
    expect(await errorCode(call(t.app, admin, 'audit.list', { offset: -1 }))).toBe('INVALID_INPUT');
  });
});
