// A login takes a new session id, and a change to an account (its password, its role, its status)
// ends that account's other logins at once, saying why on their next call and in their event.
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../main/host/server';
import type { Session } from '../../main/auth/session';
import { ADMIN_PASSWORD, USER_PASSWORD, call, dumpDatabase, errorCode, makeApp, ok, setupOffice, type TestApp } from '../helpers/app';
import { SETUP } from '../helpers/closed';
import { HTTP_EVENTS_PATH, HTTP_SESSION_HEADER } from '../../shared/bridge';
import type { Result } from '../../shared/errors';

const NEW_PASSWORD = 'Changed2026pass';

describe('session ids and account changes, through dispatch', () => {
  let t: TestApp;
  let admin: Session;
  let staffId: string;
  beforeEach(async () => {
    t = makeApp();
    admin = await setupOffice(t);
    staffId = (await ok(call(t.app, admin, 'users.create', { username: 'zhang', displayName: '张三', role: 'staff', password: USER_PASSWORD, phone: null }))).id;
    // Long at work: the password the admin gave was replaced already (the first login is tested in auth.test.ts).
    t.app.db.prepare('UPDATE users SET must_change_password = 0').run();
  });
  afterEach(() => t.close());

  /** A session of its own, logged in as the user (a second window, a second computer). */
  const loginAs = async (username: string, password: string): Promise<Session> => {
    const session = t.app.sessions.create(t.clock.time);
    await ok(call(t.app, session, 'auth.login', { username, password }));
    return session;
  };
  const eventsOf = (session: Session) => {
    const events: unknown[] = [];
    session.subscribe((name, payload) => events.push({ name, payload }));
    return events;
  };
  const unauthenticated = async (session: Session) => (await call(t.app, session, 'persons.list', {})) as Result<unknown>;

  it('a login gives the session a new id: the id it had before no longer finds it', async () => {
    const session = t.app.sessions.create(t.clock.time);
    await ok(call(t.app, session, 'app.info', {}));
    const before = session.id;
    await ok(call(t.app, session, 'auth.login', { username: 'zhang', password: USER_PASSWORD }));
    expect(session.id).not.toBe(before);
    expect(t.app.sessions.get(before)).toBeUndefined();
    expect(t.app.sessions.get(session.id)).toBe(session);
    // A failed login keeps the id: nothing was granted.
    const other = t.app.sessions.create(t.clock.time);
    const otherId = other.id;
    expect(await errorCode(call(t.app, other, 'auth.login', { username: 'zhang', password: 'wrong-pass1' }))).toBe('LOGIN_FAILED');
    expect(other.id).toBe(otherId);
  });

  it('setup logs the first administrator in under a new session id', async () => {
    const fresh = makeApp();
    try {
      const session = fresh.app.sessions.create(fresh.clock.time);
      const before = session.id;
      await ok(call(fresh.app, session, 'setup.create', SETUP));
      expect(session.id).not.toBe(before);
      expect(fresh.app.sessions.get(before)).toBeUndefined();
      expect(fresh.app.sessions.get(session.id)).toBe(session);
    } finally {
      fresh.close();
    }
  });

  it('changing one’s own password ends the user’s other sessions, keeps this one, and leaves others’ alone', async () => {
    const here = await loginAs('zhang', USER_PASSWORD);
    const there = await loginAs('zhang', USER_PASSWORD);
    const thereEvents = eventsOf(there);
    await ok(call(t.app, here, 'auth.changePassword', { currentPassword: USER_PASSWORD, newPassword: NEW_PASSWORD }));

    expect(there.userId).toBeNull();
    expect(thereEvents).toEqual([{ name: 'session', payload: { locked: false, loggedOut: true, reason: 'passwordChanged' } }]);
    expect(await unauthenticated(there)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', details: { reason: 'passwordChanged' } },
    });
    await ok(call(t.app, here, 'persons.list', {}));
    await ok(call(t.app, admin, 'users.list', {}));
    // The old password opens nothing; the new one does, and the reason is gone with the new login.
    expect(await errorCode(call(t.app, there, 'auth.login', { username: 'zhang', password: USER_PASSWORD }))).toBe('LOGIN_FAILED');
    await ok(call(t.app, there, 'auth.login', { username: 'zhang', password: NEW_PASSWORD }));
    await ok(call(t.app, there, 'persons.list', {}));
  });

  it('a wrong current password changes nothing and ends nothing', async () => {
    const here = await loginAs('zhang', USER_PASSWORD);
    const there = await loginAs('zhang', USER_PASSWORD);
    const users = () => t.app.db.prepare('SELECT id, password_hash, password_salt FROM users ORDER BY id').all();
    const before = users();
    const r = (await call(t.app, here, 'auth.changePassword', { currentPassword: 'wrong-pass1', newPassword: NEW_PASSWORD })) as Result<unknown>;
    expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    expect(users()).toEqual(before);
    expect(there.userId).toBe(staffId);
    await ok(call(t.app, there, 'persons.list', {}));
  });

  it('an administrator’s reset ends every session of that user; resetting one’s own keeps the session it came from', async () => {
    const one = await loginAs('zhang', USER_PASSWORD);
    const two = await loginAs('zhang', USER_PASSWORD);
    const events = eventsOf(one);
    await ok(call(t.app, admin, 'users.resetPassword', { id: staffId, newPassword: NEW_PASSWORD }));
    for (const s of [one, two]) {
      expect(await unauthenticated(s)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'passwordReset' } } });
    }
    expect(events).toEqual([{ name: 'session', payload: { locked: false, loggedOut: true, reason: 'passwordReset' } }]);
    await ok(call(t.app, admin, 'users.list', {}));

    const adminId = admin.userId as string;
    const otherAdminWindow = await loginAs('admin', ADMIN_PASSWORD);
    await ok(call(t.app, admin, 'users.resetPassword', { id: adminId, newPassword: NEW_PASSWORD }));
    await ok(call(t.app, admin, 'users.list', {}));
    expect(await unauthenticated(otherAdminWindow)).toMatchObject({ ok: false, error: { details: { reason: 'passwordReset' } } });
  });

  it('a new role ends every session of that user (the one that made the change too); an unchanged role ends none', async () => {
    const one = await loginAs('zhang', USER_PASSWORD);
    await ok(call(t.app, admin, 'users.update', { id: staffId, role: 'staff', displayName: '张三丰' }));
    await ok(call(t.app, one, 'persons.list', {}));

    await ok(call(t.app, admin, 'users.update', { id: staffId, role: 'viewer' }));
    expect(await unauthenticated(one)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'roleChanged' } } });

    // An administrator who gives up the role (another one exists) is logged out where they did it too.
    await ok(call(t.app, admin, 'users.create', { username: 'li', displayName: '李四', role: 'admin', password: USER_PASSWORD, phone: null }));
    t.app.db.prepare('UPDATE users SET must_change_password = 0').run();
    await ok(call(t.app, admin, 'users.update', { id: admin.userId as string, role: 'staff' }));
    expect(admin.userId).toBeNull();
    expect(admin.endedBecause).toBe('roleChanged');
  });

  it('disabling ends every session of the user and says so', async () => {
    const one = await loginAs('zhang', USER_PASSWORD);
    const events = eventsOf(one);
    await ok(call(t.app, admin, 'users.update', { id: staffId, disabled: true }));
    expect(events).toEqual([{ name: 'session', payload: { locked: false, loggedOut: true, reason: 'accountDisabled' } }]);
    expect(await unauthenticated(one)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'accountDisabled' } } });
  });

  it('a refused change (the last administrator) ends nothing and writes nothing', async () => {
    const adminId = admin.userId as string;
    const other = await loginAs('admin', ADMIN_PASSWORD);
    const before = dumpDatabase(t.app);
    expect(await errorCode(call(t.app, admin, 'users.update', { id: adminId, role: 'staff' }))).toBe('LAST_ADMIN');
    expect(await errorCode(call(t.app, admin, 'users.update', { id: adminId, disabled: true }))).toBe('LAST_ADMIN');
    expect(dumpDatabase(t.app)).toEqual(before);
    expect(other.userId).toBe(adminId);
    expect(admin.userId).toBe(adminId);
  });
});

describe('session ids and account changes, through the browser-mode host', () => {
  let t: TestApp;
  let host: RunningHost;
  beforeEach(async () => {
    t = makeApp();
    const admin = await setupOffice(t);
    await ok(call(t.app, admin, 'users.create', { username: 'zhang', displayName: '张三', role: 'staff', password: USER_PASSWORD, phone: null }));
    t.app.db.prepare('UPDATE users SET must_change_password = 0').run();
    host = await startHost({ app: t.app, rendererDir: t.dir });
  });
  afterEach(async () => {
    await host.close();
    t.close();
  });

  type Answer = { session: string | undefined; body: Result<unknown> };
  const rpc = (channel: string, input: unknown, session?: string) =>
    new Promise<Answer>((resolve, reject) => {
      const headers: Record<string, string> = {
        host: `127.0.0.1:${host.port}`,
        'content-type': 'application/json',
        authorization: `Bearer ${host.token}`,
      };
      if (session) headers[HTTP_SESSION_HEADER] = session;
      const req = http.request({ host: '127.0.0.1', port: host.port, method: 'POST', path: `/rpc/${channel}`, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ session: res.headers[HTTP_SESSION_HEADER] as string | undefined, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<unknown> }),
        );
      });
      req.on('error', reject);
      req.end(JSON.stringify({ input }));
    });

  /** A client as the renderer is one: it keeps whichever session id the host last gave it. */
  const client = () => {
    let session: string | undefined;
    return {
      get session() {
        return session;
      },
      async call(channel: string, input: unknown = {}): Promise<Answer> {
        const answer = await rpc(channel, input, session);
        if (answer.session) session = answer.session;
        return answer;
      },
    };
  };

  /** The first `session` event on the client's event stream. */
  const nextSessionEvent = (session: string) =>
    new Promise<{ stop: () => void; event: Promise<unknown> }>((resolve, reject) => {
      const params = new URLSearchParams({ token: host.token, session });
      const req = http.get({ host: '127.0.0.1', port: host.port, path: `${HTTP_EVENTS_PATH}?${params}`, headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
        let text = '';
        const event = new Promise<unknown>((got) => {
          res.on('data', (c: Buffer) => {
            text += c.toString('utf8');
            const m = /event: session\ndata: (.*)\n\n/.exec(text);
            if (m?.[1]) got(JSON.parse(m[1]));
          });
        });
        resolve({ stop: () => req.destroy(), event });
      });
      req.on('error', reject);
    });

  it('a login answers with a new session id; the id sent before it then finds no login', async () => {
    const tab = client();
    await tab.call('app.info');
    const anonymous = tab.session as string;
    const login = await tab.call('auth.login', { username: 'zhang', password: USER_PASSWORD });
    expect(login.body.ok).toBe(true);
    expect(login.session).toBeTruthy();
    expect(login.session).not.toBe(anonymous);
    expect((await tab.call('persons.list')).body.ok).toBe(true);
    // Whoever kept the id from before the login has no session: the host gives them a new, empty one.
    const stale = await rpc('persons.list', {}, anonymous);
    expect(stale.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(stale.session).not.toBe(login.session);
  });

  it('two tabs of one user: a password changed in one logs the other out, which is told why', async () => {
    const here = client();
    const there = client();
    await here.call('auth.login', { username: 'zhang', password: USER_PASSWORD });
    await there.call('auth.login', { username: 'zhang', password: USER_PASSWORD });
    expect((await there.call('persons.list')).body.ok).toBe(true);
    const stream = await nextSessionEvent(there.session as string);
    try {
      const changed = await here.call('auth.changePassword', { currentPassword: USER_PASSWORD, newPassword: NEW_PASSWORD });
      expect(changed.body.ok).toBe(true);
      expect(await stream.event).toEqual({ locked: false, loggedOut: true, reason: 'passwordChanged' });
    } finally {
      stream.stop();
    }
    const next = await there.call('persons.list');
    expect(next.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'passwordChanged' } } });
    expect((await here.call('persons.list')).body.ok).toBe(true);
  });
});
