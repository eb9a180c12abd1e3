import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, setupOffice, sessionAs, call, ok, errorCode, dumpDatabase, type TestApp, USER_PASSWORD } from '../helpers/app';
import type { Session } from '../../main/auth/session';

describe('user accounts', () => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = makeApp();
    admin = await setupOffice(t);
  });
  afterEach(() => t.close());

  const login = (session: Session, username: string, password: string) => call(t.app, session, 'auth.login', { username, password });

  it('creates an account with the role and phone given and lists it, without password fields', async () => {
    const user = await ok(
      call(t.app, admin, 'users.create', { username: 'liqiang', displayName: '李强', role: 'gridworker', password: USER_PASSWORD, phone: '13900000001' }),
    );
    expect(user).toMatchObject({ username: 'liqiang', displayName: '李强', role: 'gridworker', phone: '13900000001', disabled: false, lastLoginAt: null });
    expect(user.prefs).toEqual({ language: 'zh-CN', largeFont: false });
    const list = await ok(call(t.app, admin, 'users.list', {}));
    expect(list.map((u) => u.username)).toEqual(['admin', 'liqiang']);
    // No secret: mustChangePassword is a flag, not a password.
    expect(JSON.stringify(list)).not.toMatch(/"password|hash|salt|scrypt/i);
    await ok(login(t.app.sessions.create(), 'liqiang', USER_PASSWORD));
    expect((await ok(call(t.app, admin, 'users.list', {}))).find((u) => u.username === 'liqiang')?.lastLoginAt).toBe(t.clock.now().toISOString());
  });

  it('refuses a user name already taken, whatever its case, and writes nothing', async () => {
    await sessionAs(t, admin, 'staff', 'zhang');
    const before = dumpDatabase(t.app);
    const taken = await call(t.app, admin, 'users.create', { username: 'ZHANG', displayName: '张', role: 'viewer', password: USER_PASSWORD, phone: null });
    expect(taken).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN', details: { username: 'ZHANG' } } });
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('refuses weak passwords and bad user names at the contract', async () => {
    expect(await errorCode(call(t.app, admin, 'users.create', { username: 'sun', displayName: '孙', role: 'staff', password: 'abcdefgh', phone: null }))).toBe(
      'INVALID_INPUT',
    );
    expect(await errorCode(call(t.app, admin, 'users.create', { username: 'a b', displayName: '孙', role: 'staff', password: USER_PASSWORD, phone: null }))).toBe(
      'INVALID_INPUT',
    );
    expect(await errorCode(call(t.app, admin, 'users.resetPassword', { id: admin.userId as string, newPassword: '12345678' }))).toBe('INVALID_INPUT');
  });

  it('only administrators manage accounts', async () => {
    const staff = await sessionAs(t, admin, 'staff', 'zhou');
    expect(await errorCode(call(t.app, staff, 'users.list', {}))).toBe('FORBIDDEN');
    expect(await errorCode(call(t.app, staff, 'users.update', { id: staff.userId as string, role: 'admin' }))).toBe('FORBIDDEN');
    expect(await errorCode(call(t.app, staff, 'users.resetPassword', { id: admin.userId as string, newPassword: 'Taken2026x' }))).toBe('FORBIDDEN');
  });

  it('a disabled user is logged out at once and cannot log in; re-enabled, they can', async () => {
    const staff = await sessionAs(t, admin, 'staff', 'zhang');
    const id = staff.userId as string;
    const events: unknown[] = [];
    staff.subscribe((name, payload) => events.push({ name, payload }));
    const disabled = await ok(call(t.app, admin, 'users.update', { id, disabled: true }));
    expect(disabled.disabled).toBe(true);
    // The session ends with the change, not at its next call, and the client is told.
    expect(staff.userId).toBeNull();
    expect(events).toContainEqual({ name: 'session', payload: { locked: false, loggedOut: true, reason: 'accountDisabled' } });
    expect(await errorCode(call(t.app, staff, 'settings.get', {}))).toBe('UNAUTHENTICATED');
    const s = t.app.sessions.create();
    expect(await errorCode(login(s, 'zhang', USER_PASSWORD))).toBe('ACCOUNT_DISABLED');
    await ok(call(t.app, admin, 'users.update', { id, disabled: false }));
    await ok(login(s, 'zhang', USER_PASSWORD));
  });

  it('a role change ends the user’s sessions; the new role applies from the next login', async () => {
    const staff = await sessionAs(t, admin, 'staff', 'zhao');
    await ok(call(t.app, staff, 'audit.list', { limit: 5 }));
    await ok(call(t.app, admin, 'users.update', { id: staff.userId as string, role: 'gridworker' }));
    expect(staff.userId).toBeNull();
    expect(await errorCode(call(t.app, staff, 'audit.list', { limit: 5 }))).toBe('UNAUTHENTICATED');
    await ok(login(staff, 'zhao', USER_PASSWORD));
    expect(await errorCode(call(t.app, staff, 'audit.list', { limit: 5 }))).toBe('FORBIDDEN');
  });

  it('never leaves the office without an enabled admin', async () => {
    const adminId = admin.userId as string;
    const before = dumpDatabase(t.app);
    expect(await errorCode(call(t.app, admin, 'users.update', { id: adminId, role: 'staff' }))).toBe('LAST_ADMIN');
    expect(await errorCode(call(t.app, admin, 'users.update', { id: adminId, disabled: true }))).toBe('LAST_ADMIN');
    expect(dumpDatabase(t.app)).toEqual(before);
    await sessionAs(t, admin, 'admin', 'admin2');
    await ok(call(t.app, admin, 'users.update', { id: adminId, role: 'staff' }));
  });

  it('an update that changes nothing writes nothing', async () => {
    const staff = await sessionAs(t, admin, 'staff', 'feng');
    const id = staff.userId as string;
    await ok(call(t.app, admin, 'users.update', { id, displayName: '冯', phone: '13900000009' }));
    const before = dumpDatabase(t.app);
    expect(await ok(call(t.app, admin, 'users.update', { id, displayName: '冯', phone: '13900000009' }))).toMatchObject({ displayName: '冯', phone: '13900000009' });
    expect(dumpDatabase(t.app)).toEqual(before);
    expect(await errorCode(call(t.app, admin, 'users.update', { id: '01890a5d-ac96-774b-bcce-b302099a8057', displayName: '无' }))).toBe('NOT_FOUND');
  });

  it('an administrator resets a password, which also lifts a lockout', async () => {
    const staff = await sessionAs(t, admin, 'staff', 'qian');
    const staffId = staff.userId as string;
    const s = t.app.sessions.create();
    for (let i = 0; i < 5; i++) await login(s, 'qian', 'wrong-pass');
    expect(await errorCode(login(s, 'qian', USER_PASSWORD))).toBe('ACCOUNT_LOCKED');
    await ok(call(t.app, admin, 'users.resetPassword', { id: staffId, newPassword: 'Reset2026x' }));
    expect(await errorCode(login(s, 'qian', USER_PASSWORD))).toBe('LOGIN_FAILED');
    await ok(login(t.app.sessions.create(), 'qian', 'Reset2026x'));
    const { entries } = await ok(call(t.app, admin, 'audit.list', { entity: 'user', entityId: staffId, limit: 50 }));
    expect(entries.find((e) => e.changes?.['password'] === 'reset')).toMatchObject({ username: 'admin', action: 'update' });
  });

  it('writes every change to the audit log in the same transaction, without passwords', async () => {
    const viewer = await sessionAs(t, admin, 'viewer', 'wu');
    const viewerId = viewer.userId as string;
    await ok(call(t.app, admin, 'users.update', { id: viewerId, role: 'staff' }));
    const { entries } = await ok(call(t.app, admin, 'audit.list', { entity: 'user', limit: 50 }));
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'login', 'update']));
    const created = entries.find((e) => e.action === 'create' && e.changes?.['username'] === 'wu');
    expect(created).toMatchObject({ username: 'admin', changes: { role: 'viewer' } });
    expect(entries.find((e) => e.action === 'update' && e.entityId === viewerId)).toMatchObject({ changes: { role: ['viewer', 'staff'] } });
    expect(JSON.stringify(entries)).not.toContain(USER_PASSWORD);
  });
});
