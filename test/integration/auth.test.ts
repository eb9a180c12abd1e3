import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, setupOffice, sessionAs, call, ok, errorCode, tempDir, type TestApp, ADMIN_PASSWORD, USER_PASSWORD, TEST_PASSWORD_COST } from '../helpers/app';
import { closeApp, openApp } from '../../main/context';
import { hashPassword, verifyPassword, PASSWORD_COST } from '../../main/auth/password';
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

  const login = (session: Session, username: string, password: string, on: TestApp = t) => call(on.app, session, 'auth.login', { username, password });

  const hashes = (app: TestApp) =>
    app.app.db.prepare('SELECT username, password_hash, password_salt FROM users ORDER BY username').all() as { username: string; password_hash: string; password_salt: string }[];

  it('stores passwords only as salted scrypt hashes at the real cost, which an app opened without a cost uses', async () => {
    // The app's own cost, as every entry point opens it: not the tests' low one.
    const real = makeApp(undefined, { passwordCost: PASSWORD_COST });
    try {
      expect(PASSWORD_COST).toEqual({ N: 32768, r: 8, p: 1 });
      const plain = openApp({ dataDir: tempDir() });
      expect(plain.passwordCost).toBe(PASSWORD_COST);
      closeApp(plain);
      fs.rmSync(plain.dataDir, { recursive: true, force: true });

      const session = await setupOffice(real);
      const rows = hashes(real);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[0-9a-f]{128}$/);
      expect(rows[0]?.password_salt).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.stringify(rows)).not.toContain(ADMIN_PASSWORD);
      await ok(call(real.app, session, 'auth.logout', {}));
      expect((await ok(login(session, 'admin', ADMIN_PASSWORD, real))).user?.username).toBe('admin');
    } finally {
      real.close();
    }
  });

  it('hashes at the app context\'s cost on every path that sets a password, and checks each hash at its own cost', async () => {
    // The tests' cost is low; a stored hash names its own parameters, so a higher one verifies too.
    const staff = await sessionAs(t, admin, 'staff', 'qian');
    await ok(call(t.app, admin, 'users.resetPassword', { id: staff.userId as string, newPassword: 'Reset2026x' }));
    // The reset ended their login: they log in with the new password, then change it.
    const again = t.app.sessions.create(t.clock.time);
    await ok(login(again, 'qian', 'Reset2026x'));
    await ok(call(t.app, again, 'auth.changePassword', { currentPassword: 'Reset2026x', newPassword: 'Changed2026x' }));
    const low = `scrypt$${TEST_PASSWORD_COST.N}$${TEST_PASSWORD_COST.r}$${TEST_PASSWORD_COST.p}$`;
    expect(hashes(t).map((r) => [r.username, r.password_hash.slice(0, low.length)])).toEqual([
      ['admin', low],
      ['qian', low],
    ]);
    const other = hashPassword('Other2026pass', { N: 32, r: 2, p: 1 });
    expect(other.hash).toMatch(/^scrypt\$32\$2\$1\$[0-9a-f]{128}$/);
    expect(verifyPassword('Other2026pass', other)).toBe(true);
    expect(verifyPassword('Other2026pasS', other)).toBe(false);
    expect((await ok(login(t.app.sessions.create(), 'qian', 'Changed2026x'))).user?.username).toBe('qian');
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

  it('a password an administrator chose must be changed before anything else; the setup admin chose theirs', async () => {
    const me = await ok(call(t.app, admin, 'auth.session', {}));
    expect(me.user?.mustChangePassword).toBe(false);
    expect(await ok(call(t.app, admin, 'users.list', {}))).toHaveLength(1);

    const created = await ok(call(t.app, admin, 'users.create', { username: 'sun', displayName: '孙干事', role: 'staff', password: USER_PASSWORD, phone: null }));
    expect(created.mustChangePassword).toBe(true);
    const sun = t.app.sessions.create();
    expect((await ok(login(sun, 'sun', USER_PASSWORD))).user?.mustChangePassword).toBe(true);
    // Main refuses every other call, whatever the screen shows: reads and writes alike.
    expect(await errorCode(call(t.app, sun, 'persons.grids', {}))).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(await errorCode(call(t.app, sun, 'settings.get', {}))).toBe('PASSWORD_CHANGE_REQUIRED');
    // What the change screen needs still works: the session, the language, the heartbeat, logging out.
    await ok(call(t.app, sun, 'auth.heartbeat', {}));
    await ok(call(t.app, sun, 'prefs.update', { largeFont: true }));
    await ok(call(t.app, sun, 'auth.changePassword', { currentPassword: USER_PASSWORD, newPassword: 'SunOwn2026' }));
    expect((await ok(call(t.app, sun, 'auth.session', {}))).user?.mustChangePassword).toBe(false);
    await ok(call(t.app, sun, 'settings.get', {}));

    // A reset by the admin asks for a change again; the user's own change does not.
    const sunId = created.id;
    await ok(call(t.app, admin, 'users.resetPassword', { id: sunId, newPassword: 'Reset2026pw' }));
    const again = t.app.sessions.create();
    expect((await ok(login(again, 'sun', 'Reset2026pw'))).user?.mustChangePassword).toBe(true);
    expect(await errorCode(call(t.app, again, 'settings.get', {}))).toBe('PASSWORD_CHANGE_REQUIRED');
    await ok(call(t.app, again, 'auth.logout', {}));
    // An administrator resetting their own password chose it themselves.
    const adminId = me.user?.id as string;
    await ok(call(t.app, admin, 'users.resetPassword', { id: adminId, newPassword: 'Admin2026own' }));
    expect((await ok(call(t.app, admin, 'auth.session', {}))).user?.mustChangePassword).toBe(false);
    await ok(call(t.app, admin, 'settings.get', {}));
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
