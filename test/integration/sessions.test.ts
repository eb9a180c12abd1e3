import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../main/host/server';
import { DEFAULT_SESSION_LIMITS, SessionRegistry } from '../../main/auth/session';
import { makeApp, setupOffice, TestClock, ADMIN_PASSWORD, type TestApp } from '../helpers/app';
import { HTTP_SESSION_HEADER } from '../../shared/bridge';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('session registry', () => {
  it('drops a never-logged-in expiring session after a short while unused, a logged-in one after a long while', () => {
    const clock = new TestClock();
    const sessions = new SessionRegistry();
    const anonymous = sessions.create(clock.time, { expires: true });
    const loggedIn = sessions.create(clock.time, { expires: true });
    loggedIn.login('u1', 'admin', clock.time);

    clock.advance(DEFAULT_SESSION_LIMITS.loggedOutIdleMs - MINUTE);
    expect(sessions.get(anonymous.id, clock.time)).toBe(anonymous);
    // Being used keeps it: the short bound counts from the last use.
    clock.advance(DEFAULT_SESSION_LIMITS.loggedOutIdleMs - MINUTE);
    expect(sessions.get(anonymous.id, clock.time)).toBe(anonymous);
    clock.advance(DEFAULT_SESSION_LIMITS.loggedOutIdleMs + 1);
    expect(sessions.get(anonymous.id, clock.time)).toBeUndefined();
    expect(sessions.get(loggedIn.id, clock.time)).toBe(loggedIn);

    clock.advance(DEFAULT_SESSION_LIMITS.loggedInIdleMs + 1);
    expect(sessions.get(loggedIn.id, clock.time)).toBeUndefined();
    expect(sessions.size).toBe(0);
  });

  it('drops a logged-out session as soon as an anonymous one', () => {
    const clock = new TestClock();
    const sessions = new SessionRegistry();
    const s = sessions.create(clock.time, { expires: true });
    s.login('u1', 'admin', clock.time);
    s.logout();
    clock.advance(DEFAULT_SESSION_LIMITS.loggedOutIdleMs + 1);
    expect(sessions.sweep(clock.time)).toEqual([s.id]);
  });

  it('keeps a session whose events someone listens to (an open tab), and window sessions that do not expire', () => {
    const clock = new TestClock();
    const sessions = new SessionRegistry();
    const tab = sessions.create(clock.time, { expires: true });
    const stop = tab.subscribe(() => undefined);
    const windowSession = sessions.create(clock.time);
    clock.advance(DEFAULT_SESSION_LIMITS.loggedInIdleMs * 3);
    expect(sessions.get(tab.id, clock.time)).toBe(tab);
    expect(sessions.get(windowSession.id, clock.time)).toBe(windowSession);
    stop();
    clock.advance(DEFAULT_SESSION_LIMITS.loggedOutIdleMs + 1);
    expect(sessions.get(tab.id, clock.time)).toBeUndefined();
    expect(sessions.get(windowSession.id, clock.time)).toBe(windowSession);
  });

  it('caps the number of expiring sessions, dropping the longest unused (and unwatched) first', () => {
    const clock = new TestClock();
    const sessions = new SessionRegistry({ ...DEFAULT_SESSION_LIMITS, max: 5 });
    const windowSession = sessions.create(clock.time);
    const made = Array.from({ length: 5 }, () => {
      clock.advance(1000);
      return sessions.create(clock.time, { expires: true });
    });
    const [oldest, second] = made as [(typeof made)[0], (typeof made)[0]];
    oldest.login('u1', 'admin', clock.time);
    // The oldest was used last: now the second is the longest unused.
    clock.advance(1000);
    expect(sessions.get(oldest.id, clock.time)).toBe(oldest);
    second.subscribe(() => undefined);
    second.logout();
    // Watched sessions go last, so the third (unwatched, longest unused) goes first.
    const third = made[2];
    clock.advance(1000);
    sessions.create(clock.time, { expires: true });
    expect(sessions.get(third?.id ?? '')).toBeUndefined();
    expect(sessions.get(oldest.id)).toBe(oldest);
    expect(sessions.get(second.id)).toBe(second);
    expect(sessions.size).toBe(6);
    // Many more: never more than the cap, the window session and the watched ones kept.
    for (let i = 0; i < 20; i++) {
      clock.advance(1000);
      sessions.create(clock.time, { expires: true });
    }
    expect(sessions.size).toBe(6);
    expect(sessions.get(windowSession.id)).toBe(windowSession);
    expect(sessions.get(second.id)).toBe(second);
  });

  it('when every session is watched, the longest unused goes and is told it was logged out', () => {
    const clock = new TestClock();
    const sessions = new SessionRegistry({ ...DEFAULT_SESSION_LIMITS, max: 2 });
    const events: unknown[] = [];
    const first = sessions.create(clock.time, { expires: true });
    first.login('u1', 'admin', clock.time);
    first.subscribe((name, payload) => events.push({ name, payload }));
    clock.advance(1000);
    sessions.create(clock.time, { expires: true }).subscribe(() => undefined);
    clock.advance(1000);
    sessions.create(clock.time, { expires: true });
    expect(sessions.size).toBe(2);
    expect(sessions.get(first.id)).toBeUndefined();
    expect(first.userId).toBeNull();
    expect(events).toEqual([{ name: 'session', payload: { locked: false, loggedOut: true } }]);
  });
});

describe('browser-mode sessions expire', () => {
  let t: TestApp;
  let host: RunningHost;
  beforeEach(async () => {
    t = makeApp();
    await setupOffice(t);
    host = await startHost({ app: t.app, rendererDir: t.dir });
  });
  afterEach(async () => {
    await host.close();
    t.close();
  });

  const rpc = (channel: string, input: unknown, session?: string) =>
    new Promise<{ session: string | undefined; body: { ok: boolean; error?: { code: string } } }>((resolve, reject) => {
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
          resolve({
            session: res.headers[HTTP_SESSION_HEADER] as string | undefined,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean; error?: { code: string } },
          }),
        );
      });
      req.on('error', reject);
      req.end(JSON.stringify({ input }));
    });

  it('a client that never sends its session back does not pile sessions up', async () => {
    const before = t.app.sessions.size;
    for (let i = 0; i < DEFAULT_SESSION_LIMITS.max + 50; i++) {
      const r = await rpc('app.info', {});
      expect(r.session).toBeTruthy();
    }
    expect(t.app.sessions.size).toBeLessThanOrEqual(before + DEFAULT_SESSION_LIMITS.max);
    // And after a short while unused they are all gone.
    t.clock.advance(DEFAULT_SESSION_LIMITS.loggedOutIdleMs + 1);
    await rpc('app.info', {});
    expect(t.app.sessions.size).toBe(before + 1);
  });

  it('drops an idle anonymous session soon and a logged-in one after a long while; the client then gets a new one', async () => {
    const first = await rpc('app.info', {});
    const anonymous = first.session as string;
    t.clock.advance(DEFAULT_SESSION_LIMITS.loggedOutIdleMs - MINUTE);
    expect((await rpc('app.info', {}, anonymous)).session).toBeUndefined();
    t.clock.advance(DEFAULT_SESSION_LIMITS.loggedOutIdleMs + MINUTE);
    const renewed = await rpc('app.info', {}, anonymous);
    expect(renewed.session).toBeTruthy();
    expect(renewed.session).not.toBe(anonymous);

    const login = await rpc('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, renewed.session);
    expect(login.body.ok).toBe(true);
    // A login takes a new id, which the answer carries.
    expect(login.session).toBeTruthy();
    expect(login.session).not.toBe(renewed.session);
    const loggedIn = login.session as string;
    t.clock.advance(2 * HOUR);
    expect(t.app.sessions.get(loggedIn)).toBeDefined();
    t.clock.advance(DEFAULT_SESSION_LIMITS.loggedInIdleMs);
    const late = await rpc('auth.heartbeat', {}, loggedIn);
    expect(late.session).not.toBe(loggedIn);
    expect(late.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(t.app.sessions.get(loggedIn)).toBeUndefined();
  });
});
