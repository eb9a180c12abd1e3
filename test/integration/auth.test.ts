import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, setupOffice, sessionAs, call, ok, errorCode, type TestApp, ADMIN_PASSWORD, USER_PASSWORD } from '../helpers/app';
import type { Session } from '../../main/auth/session';
import type { Result } from '../../shared/errors';

describe('login, lockout, idle lock, own password and preferences', () => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = makeApp();
    admin = await setupOffice(t);
  });
  afterEach(() => t.close());

  const login = (session: Session, username: string, password: string) => call(t.app, session, 'auth.login', { username, password });

  it('stores passwords only as salted scrypt hashes', () => {
    const rows = t.app.db.prepare('SELECT password_hash, password_salt FROM users').all() as { password_hash: string; password_salt: string }[];
    expect(rows[0]?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[0-9a-f]{128}$/);
    expect(JSON.stringify(rows)).not.toContain(ADMIN_PASSWORD);
  });

  it('wrong password and unknown user answer the same, and count down', async () => {
    const s = t.app.sessions.create();
    const wrong = (await login(s, 'admin', 'nope')) as Result<unknown>;
    expect(wrong).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED', details: { remaining: 4 } } });
    expect(await errorCode(login(s, 'nobody', 'nope'))).toBe('LOGIN_FAILED');
    expect(s.userId).toBeNull();
  });

  it('locks the account for 5 minutes after 5 wrong passwords, even for the right one', async () => {
    const s = t.app.sessions.create();
    for (let i = 0; i < 4; i++) expect(await errorCode(login(s, 'admin', 'wrong-pass'))).toBe('LOGIN_FAILED');
    const fifth = await login(s, 'admin', 'wrong-pass');
    expect(fifth).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED', details: { minutes: 5 } } });
    expect(await errorCode(login(s, 'admin', ADMIN_PASSWORD))).toBe('ACCOUNT_LOCKED');
    t.clock.advance(4 * 60_000);
    expect(await errorCode(login(s, 'admin', ADMIN_PASSWORD))).toBe('ACCOUNT_LOCKED');
    t.clock.advance(61_000);
    expect((await ok(login(s, 'admin', ADMIN_PASSWORD))).user?.username).toBe('admin');
    // The failures are in the audit log although each call failed.
    const failures = t.app.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'login_failed'").get() as { n: number };
    expect(failures.n).toBe(5);
  });

  it('a successful login resets the count of wrong passwords', async () => {
    const s = t.app.sessions.create();
    for (let i = 0; i < 4; i++) await login(s, 'admin', 'wrong-pass');
    await ok(login(s, 'admin', ADMIN_PASSWORD));
    expect(await errorCode(login(s, 'admin', 'wrong-pass'))).toBe('LOGIN_FAILED');
  });

  it('locks an idle session, keeps it logged in, and unlocks with the password', async () => {
    await ok(call(t.app, admin, 'settings.update', { idleLockMinutes: 10 }));
    t.clock.advance(9 * 60_000);
    await ok(call(t.app, admin, 'users.list', {}));
    t.clock.advance(11 * 60_000);
    expect(await errorCode(call(t.app, admin, 'users.list', {}))).toBe('SESSION_LOCKED');
    const info = await ok(call(t.app, admin, 'auth.session', {}));
    expect(info).toMatchObject({ locked: true, user: { username: 'admin' } });
    expect(await errorCode(call(t.app, admin, 'auth.unlock', { password: 'wrong' }))).toBe('LOGIN_FAILED');
    expect((await ok(call(t.app, admin, 'auth.unlock', { password: ADMIN_PASSWORD }))).locked).toBe(false);
    expect((await ok(call(t.app, admin, 'users.list', {}))).length).toBe(1);
  });

  it('heartbeats keep a working session from locking; 0 turns the lock off', async () => {
    await ok(call(t.app, admin, 'settings.update', { idleLockMinutes: 5 }));
    for (let i = 0; i < 5; i++) {
      t.clock.advance(4 * 60_000);
      await ok(call(t.app, admin, 'auth.heartbeat', {}));
    }
    await ok(call(t.app, admin, 'settings.update', { idleLockMinutes: 0 }));
    t.clock.advance(600 * 60_000);
    await ok(call(t.app, admin, 'users.list', {}));
  });

  it('sends a session event when the lock falls', async () => {
    const events: unknown[] = [];
    admin.subscribe((name, payload) => events.push({ name, payload }));
    t.clock.advance(16 * 60_000);
    await call(t.app, admin, 'users.list', {});
    expect(events).toContainEqual({ name: 'session', payload: { locked: true, loggedOut: false } });
  });

  it('users change their own password with the current one; a wrong one counts towards the lockout', async () => {
    const staff = await sessionAs(t, admin, 'staff', 'qian');
    const wrong = await call(t.app, staff, 'auth.changePassword', { currentPassword: 'bad', newPassword: 'NewPass2026' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD', details: { remaining: 4 } } });
    await ok(call(t.app, staff, 'auth.changePassword', { currentPassword: USER_PASSWORD, newPassword: 'NewPass2026' }));
    const s = t.app.sessions.create();
    expect(await errorCode(login(s, 'qian', USER_PASSWORD))).toBe('LOGIN_FAILED');
    await ok(login(s, 'qian', 'NewPass2026'));
    // The change is in the audit log as the person's own, without the password.
    const { entries } = await ok(call(t.app, admin, 'audit.list', { entity: 'user', entityId: staff.userId as string, limit: 50 }));
    expect(entries.find((e) => e.action === 'update')).toMatchObject({ username: 'qian', changes: { password: 'changed' } });
    expect(JSON.stringify(entries)).not.toContain('NewPass2026');
  });

  it('logging out ends the session and is in the audit log', async () => {
    const staff = await sessionAs(t, admin, 'staff', 'zheng');
    const id = staff.userId as string;
    await ok(call(t.app, staff, 'auth.logout', {}));
    expect(staff.userId).toBeNull();
    expect(await errorCode(call(t.app, staff, 'settings.get', {}))).toBe('UNAUTHENTICATED');
    expect((await ok(call(t.app, staff, 'auth.session', {}))).user).toBeNull();
    const { entries } = await ok(call(t.app, admin, 'audit.list', { entity: 'user', entityId: id, limit: 5 }));
    expect(entries[0]).toMatchObject({ action: 'logout', username: 'zheng' });
  });

  it('too many wrong passwords while unlocking end the session', async () => {
    t.clock.advance(16 * 60_000);
    expect(await errorCode(call(t.app, admin, 'users.list', {}))).toBe('SESSION_LOCKED');
    for (let i = 0; i < 4; i++) expect(await errorCode(call(t.app, admin, 'auth.unlock', { password: 'wrong-pass' }))).toBe('LOGIN_FAILED');
    expect(await errorCode(call(t.app, admin, 'auth.unlock', { password: 'wrong-pass' }))).toBe('ACCOUNT_LOCKED');
    expect(admin.userId).toBeNull();
    expect((await ok(call(t.app, admin, 'auth.session', {}))).user).toBeNull();
  });

  it('keeps preferences per user', async () => {
    const user = await ok(call(t.app, admin, 'prefs.update', { language: 'en', largeFont: true }));
    expect(user.prefs).toEqual({ language: 'en', largeFont: true });
    const staff = await sessionAs(t, admin, 'staff', 'zhou');
    expect((await ok(call(t.app, staff, 'auth.session', {}))).user?.prefs).toEqual({ language: 'zh-CN', largeFont: false });
  });
});
