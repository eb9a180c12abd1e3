import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type Channel } from '../../shared/contract';
import { ROLES, type Role } from '../../shared/roles';
import { dispatch } from '../../main/dispatch';
import { makeApp, setupOffice, sessionAs, call, ok, errorCode, dumpDatabase, quietLog, type TestApp, ADMIN_PASSWORD } from '../helpers/app';
import type { Session } from '../../main/auth/session';

describe('dispatch', () => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = makeApp();
    admin = await setupOffice(t);
  });
  afterEach(() => t.close());

  it('refuses an unknown channel with its own code and writes nothing', async () => {
    const before = dumpDatabase(t.app);
    const r = await dispatch(t.app, admin, 'persons.dropAll', {}, {}, quietLog);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('refuses malformed input, says which field, and writes nothing', async () => {
    const before = dumpDatabase(t.app);
    const r = await dispatch(t.app, admin, 'users.create', { username: 'x', displayName: '', role: 'root', password: 'short' }, {}, quietLog);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    const paths = (r.error.details?.['issues'] as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'displayName', 'role', 'password']));
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('refuses input that is not an object (null, a list, a number) as invalid input, and writes nothing', async () => {
    const before = dumpDatabase(t.app);
    for (const input of [null, [], 42, 'x', true]) {
      expect(await dispatch(t.app, admin, 'users.list', input, {}, quietLog)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await dispatch(t.app, admin, 'settings.update', input, {}, quietLog)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(dumpDatabase(t.app)).toEqual(before);
    // No input at all still means an empty one.
    expect(await dispatch(t.app, admin, 'users.list', undefined, {}, quietLog)).toMatchObject({ ok: true });
  });

  it('refuses extra fields rather than ignoring them', async () => {
    const r = await dispatch(t.app, admin, 'settings.update', { idleLockMinutes: 5, isAdmin: true }, {}, quietLog);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('rolls back every write of a handler that fails halfway', async () => {
    await ok(call(t.app, admin, 'users.create', { username: 'li', displayName: '李', role: 'staff', password: 'Passw0rd!', phone: null }));
    const before = dumpDatabase(t.app);
    // The second create fails on the taken name after validation passed: nothing of it may remain.
    expect(await errorCode(call(t.app, admin, 'users.create', { username: 'LI', displayName: '李二', role: 'staff', password: 'Passw0rd!', phone: null }))).toBe(
      'USERNAME_TAKEN',
    );
    expect(dumpDatabase(t.app)).toEqual(before);
  });

  it('asks for login before anything but the public channels', async () => {
    const anonymous = t.app.sessions.create();
    expect(await errorCode(call(t.app, anonymous, 'users.list', {}))).toBe('UNAUTHENTICATED');
    expect((await ok(call(t.app, anonymous, 'app.info', {}))).setupNeeded).toBe(false);
  });

  it('before setup, only setup and app info work', async () => {
    const fresh = makeApp();
    try {
      const s = fresh.app.sessions.create();
      expect((await ok(call(fresh.app, s, 'app.info', {}))).setupNeeded).toBe(true);
      expect(await errorCode(call(fresh.app, s, 'auth.login', { username: 'admin', password: 'x' }))).toBe('SETUP_REQUIRED');
    } finally {
      fresh.close();
    }
  });

  it('setup happens once', async () => {
    const s = t.app.sessions.create();
    const r = call(t.app, s, 'setup.create', {
      officeName: '另一个社区',
      areaCode: '140702001002',
      mode: 'community',
      adminUsername: 'boss',
      adminDisplayName: '老板',
      adminPassword: ADMIN_PASSWORD,
    });
    expect(await errorCode(r)).toBe('SETUP_ALREADY_DONE');
  });

  it('returns the output the contract promises', async () => {
    const info = await ok(call(t.app, admin, 'app.info', {}));
    expect(contract['app.info'].output.safeParse(info).success).toBe(true);
    expect(info.office?.name).toBe('幸福里社区');
  });
});

/**
 * The whole channel × role matrix: for each role, every channel is either allowed (anything but
 * FORBIDDEN comes back) or refused with FORBIDDEN and no write.
 */
describe('channel × role matrix', () => {
  const allowed = (channel: Channel, role: Role): boolean => {
    const access = contract[channel].access;
    return access === 'public' || access === 'session' || access.includes(role);
  };

  it.each(ROLES)('role %s gets exactly the channels the contract grants', async (role) => {
    const t = makeApp();
    try {
      const admin = await setupOffice(t);
      const session = role === 'admin' ? admin : await sessionAs(t, admin, role);
      const outcomes: Record<string, string> = {};
      for (const channel of CHANNELS) {
        // Logging out or restoring would end the session that the rest of the walk needs.
        if (channel === 'auth.logout' || channel === 'backup.restore') continue;
        // Only a refusal is checked for writes: the dump is taken for those alone.
        const before = allowed(channel, role) ? null : dumpDatabase(t.app);
        const r = await dispatch(t.app, session, channel, {}, {}, quietLog);
        const code = r.ok ? 'ok' : r.error.code;
        outcomes[channel] = code;
        if (allowed(channel, role)) {
          expect(code, `${role} → ${channel}`).not.toBe('FORBIDDEN');
        } else {
          expect(code, `${role} → ${channel}`).toBe('FORBIDDEN');
          expect(dumpDatabase(t.app), `${role} → ${channel} wrote something`).toEqual(before);
        }
      }
      // The refusal holds even with perfectly valid input.
      if (!allowed('users.create', role)) {
        expect(await errorCode(call(t.app, session, 'users.create', { username: 'sneaky', displayName: 'x', role: 'admin', password: 'Passw0rd1', phone: null }))).toBe(
          'FORBIDDEN',
        );
      }
      for (const channel of ['auth.logout', 'backup.restore'] as const) {
        if (!allowed(channel, role)) expect(await errorCode(call(t.app, session, channel, { name: 'cadrecare-20260101-000000-000-manual.sqlite' } as never))).toBe('FORBIDDEN');
      }
      expect(Object.keys(outcomes).length).toBe(CHANNELS.length - 2);
    } finally {
      t.close();
    }
  });

  it('every channel has an allowed role list or is public/session', () => {
    for (const channel of CHANNELS) {
      const access = contract[channel].access;
      expect(access === 'public' || access === 'session' || (Array.isArray(access) && access.length > 0)).toBe(true);
    }
  });
});
