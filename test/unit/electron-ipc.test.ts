// The Electron transport's core (main/electron/ipcCore.ts) against real services and a real
// database: sender checks, argument checks, one session per webContents, events to the right
// webContents, cleanup when a webContents is destroyed. No Electron is loaded.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT } from '../../shared/bridge';
import { createCallHandler, WebContentsSessions, type CallEventLike, type DispatchFn, type SenderLike } from '../../main/electron/ipcCore';
import { dispatch } from '../../main/dispatch';
import { ADMIN_PASSWORD, makeApp, quietLog, type TestApp } from '../helpers/app';

const APP_URL = pathToFileURL(path.resolve('/opt/CadreCare/dist/renderer/index.html')).href;

class FakeSender implements SenderLike {
  static next = 1;
  readonly id = FakeSender.next++;
  destroyed = false;
  sent: unknown[][] = [];
  private destroyedListeners: (() => void)[] = [];
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, ...args]);
  }
  onDestroyed(listener: () => void): void {
    this.destroyedListeners.push(listener);
  }
  destroy(): void {
    this.destroyed = true;
    for (const l of this.destroyedListeners) l();
  }
}

function event(sender: SenderLike, url: string | null = APP_URL, isMainFrame = true): CallEventLike {
  return { sender, frame: url === null ? null : { url, isMainFrame } };
}

const quietDispatch: DispatchFn = (app, session, channel, input, options) => dispatch(app, session, channel, input, options, quietLog);

const SETUP = {
  officeName: '幸福里社区',
  areaCode: '140702001001',
  mode: 'community',
  adminUsername: 'admin',
  adminDisplayName: '王主任',
  adminPassword: ADMIN_PASSWORD,
};

describe('Electron IPC core', () => {
  let t: TestApp;
  let sessions: WebContentsSessions;
  let handle: ReturnType<typeof createCallHandler>;

  beforeEach(() => {
    t = makeApp();
    sessions = new WebContentsSessions(t.app);
    handle = createCallHandler({ app: t.app, sessions, appUrl: APP_URL, dispatch: quietDispatch });
  });
  afterEach(() => t.close());

  it('dispatches a call from the app’s own window to the real services', async () => {
    const r = await handle(event(new FakeSender()), ['app.info', {}]);
    expect(r).toMatchObject({ ok: true, value: { setupNeeded: true, dataDir: t.dir } });
  });

  it.each([
    ['a subframe of the app’s page', APP_URL, false],
    ['a remote page', 'https://example.com/', true],
    ['another local file', pathToFileURL('/tmp/evil.html').href, true],
    ['a frame that is gone', null, true],
  ] as const)('refuses %s with FORBIDDEN, without dispatching or making a session', async (_label, url, isMainFrame) => {
    const spy = vi.fn(quietDispatch);
    const guarded = createCallHandler({ app: t.app, sessions, appUrl: APP_URL, dispatch: spy });
    const r = await guarded(event(new FakeSender(), url, isMainFrame), ['app.info', {}]);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(spy).not.toHaveBeenCalled();
    expect(sessions.size).toBe(0);
  });

  it('refuses malformed arguments with INVALID_INPUT before dispatch', async () => {
    const spy = vi.fn(quietDispatch);
    const guarded = createCallHandler({ app: t.app, sessions, appUrl: APP_URL, dispatch: spy });
    const sender = new FakeSender();
    for (const args of [[], [7, {}], ['app.info', {}, 'x'], ['app.info', {}, { taskId: 't', role: 'admin' }]]) {
      expect(await guarded(event(sender), args)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('passes only the task id of the options on to dispatch', async () => {
    const spy = vi.fn<DispatchFn>(async () => ({ ok: true, value: null }));
    const guarded = createCallHandler({ app: t.app, sessions, appUrl: APP_URL, dispatch: spy });
    await guarded(event(new FakeSender()), ['backup.create', {}, { taskId: 'task-1' }]);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]?.[2]).toBe('backup.create');
    expect(spy.mock.calls[0]?.[4]).toEqual({ taskId: 'task-1' });
  });

  it('keeps one session per webContents: a login in one window is not a login in another', async () => {
    const a = new FakeSender();
    const b = new FakeSender();
    const setup = await handle(event(a), ['setup.create', SETUP]);
    expect(setup).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    expect(await handle(event(a), ['auth.session', {}])).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    expect(await handle(event(b), ['auth.session', {}])).toMatchObject({ ok: true, value: { user: null } });
    expect(await handle(event(b), ['users.list', {}])).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(sessions.size).toBe(2);

    expect(await handle(event(b), ['auth.login', { username: 'admin', password: ADMIN_PASSWORD }])).toMatchObject({ ok: true });
    expect(await handle(event(b), ['users.list', {}])).toMatchObject({ ok: true });
  });

  it('sends a session’s events to its own webContents only', async () => {
    const a = new FakeSender();
    const b = new FakeSender();
    const sa = sessions.sessionFor(a);
    sessions.sessionFor(b);
    sa.emit('session', { locked: true, loggedOut: false });
    expect(a.sent).toEqual([[IPC_EVENT, 'session', { locked: true, loggedOut: false }]]);
    expect(b.sent).toEqual([]);
  });

  it('delivers progress of a task to the caller’s window', async () => {
    const a = new FakeSender();
    await handle(event(a), ['setup.create', SETUP]);
    const r = await handle(event(a), ['backup.create', {}, { taskId: 'b-1' }]);
    expect(r).toMatchObject({ ok: true });
    const progress = a.sent.filter((m) => m[0] === IPC_EVENT && m[1] === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((m) => (m[2] as { taskId: string }).taskId === 'b-1')).toBe(true);
  });

  it('forgets the session when its webContents is destroyed, and sends nothing after', async () => {
    const a = new FakeSender();
    await handle(event(a), ['setup.create', SETUP]);
    const session = sessions.sessionFor(a);
    expect(t.app.sessions.get(session.id)).toBe(session);
    a.destroy();
    expect(sessions.size).toBe(0);
    expect(t.app.sessions.get(session.id)).toBeUndefined();
    expect(session.userId).toBeNull();
    session.emit('session', { locked: false, loggedOut: true });
    expect(a.sent.filter((m) => m[1] === 'session')).toEqual([]);
    // A new webContents that reuses nothing starts logged out.
    expect(await handle(event(new FakeSender()), ['auth.session', {}])).toMatchObject({ ok: true, value: { user: null } });
  });

  it('tells a window whose account was ended by a restore elsewhere (events reach every window)', async () => {
    const a = new FakeSender();
    await handle(event(a), ['setup.create', SETUP]);
    t.app.sessions.logoutAll();
    expect(a.sent).toContainEqual([IPC_EVENT, 'session', { locked: false, loggedOut: true }]);
  });

  it('a login gives the window’s session a new id, and the window still gets its events', async () => {
    const a = new FakeSender();
    await handle(event(a), ['app.info', {}]);
    const before = sessions.sessionFor(a).id;
    await handle(event(a), ['setup.create', SETUP]);
    const afterSetup = sessions.sessionFor(a).id;
    expect(afterSetup).not.toBe(before);
    await handle(event(a), ['auth.logout', {}]);
    expect(await handle(event(a), ['auth.login', { username: 'admin', password: ADMIN_PASSWORD }])).toMatchObject({ ok: true });
    const session = sessions.sessionFor(a);
    expect(session.id).not.toBe(afterSetup);
    expect(t.app.sessions.get(before)).toBeUndefined();
    expect(t.app.sessions.get(afterSetup)).toBeUndefined();
    expect(t.app.sessions.get(session.id)).toBe(session);
    t.app.sessions.logoutAll();
    expect(a.sent).toContainEqual([IPC_EVENT, 'session', { locked: false, loggedOut: true }]);
  });

  it('answers INTERNAL if dispatch itself throws, never rejecting', async () => {
    const guarded = createCallHandler({
      app: t.app,
      sessions,
      appUrl: APP_URL,
      dispatch: () => {
        throw new Error('boom');
      },
    });
    await expect(guarded(event(new FakeSender()), ['app.info', {}])).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
