// main/electron/ipc.ts wired to a stand-in ipcMain (the real 'electron' module is never loaded):
// the handler is registered on IPC_CALL, reads the sender frame the way Electron gives it, refuses
// subframes and foreign pages, and is removed again by the function registerIpc returns.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_EVENT } from '../../shared/bridge';
import { makeApp, type TestApp } from '../helpers/app';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

const electron = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (electron.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      electron.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
}));

const { registerIpc } = await import('../../main/electron/ipc');

const APP_URL = pathToFileURL(path.resolve('/opt/CadreCare/dist/renderer/index.html')).href;

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  isDestroyed(): boolean;
}

function frame(url: string, parent: FakeFrame | null = null): FakeFrame {
  return { url, parent, isDestroyed: () => false };
}

function webContents(id: number, mainFrame: FakeFrame) {
  const destroyed: (() => void)[] = [];
  return {
    id,
    mainFrame,
    sent: [] as unknown[][],
    dead: false,
    isDestroyed() {
      return this.dead;
    },
    send(...args: unknown[]) {
      this.sent.push(args);
    },
    once(name: string, listener: () => void) {
      if (name === 'destroyed') destroyed.push(listener);
    },
    destroy() {
      this.dead = true;
      for (const l of destroyed) l();
    },
  };
}

describe('registerIpc', () => {
  let t: TestApp;
  let stop: () => void;

  beforeEach(() => {
    t = makeApp();
    stop = registerIpc(t.app, APP_URL);
  });
  afterEach(() => {
    stop();
    t.close();
  });

  const invoke = (event: unknown, ...args: unknown[]) => {
    const handler = electron.handlers.get(IPC_CALL);
    if (!handler) throw new Error('no handler registered');
    return handler(event, ...args);
  };

  it('answers calls of the main frame of the app’s page', async () => {
    const main = frame(APP_URL);
    const wc = webContents(1, main);
    await expect(invoke({ sender: wc, senderFrame: main }, 'app.info', {})).resolves.toMatchObject({ ok: true, value: { setupNeeded: true } });
  });

  it('refuses a subframe, a foreign page and a missing frame', async () => {
    const main = frame(APP_URL);
    const wc = webContents(2, main);
    const sub = frame(APP_URL, main);
    await expect(invoke({ sender: wc, senderFrame: sub }, 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const foreign = frame('https://example.com/');
    await expect(invoke({ sender: webContents(3, foreign), senderFrame: foreign }, 'app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(invoke({ sender: wc, senderFrame: null }, 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const throwing = {
      sender: wc,
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
    };
    await expect(invoke(throwing, 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('sends events to the calling webContents and forgets its session when it is destroyed', async () => {
    const main = frame(APP_URL);
    const wc = webContents(4, main);
    await invoke({ sender: wc, senderFrame: main }, 'setup.create', {
      officeName: '幸福里社区',
      areaCode: '140702001001',
      mode: 'community',
      adminUsername: 'admin',
      adminDisplayName: '王主任',
      adminPassword: 'Admin2026pass',
    });
    t.app.sessions.logoutAll();
    expect(wc.sent).toContainEqual([IPC_EVENT, 'session', { locked: false, loggedOut: true }]);
    wc.destroy();
    wc.sent.length = 0;
    t.app.sessions.logoutAll();
    expect(wc.sent).toEqual([]);
  });

  it('stops answering when stopped', () => {
    stop();
    expect(electron.handlers.has(IPC_CALL)).toBe(false);
    stop = registerIpc(t.app, APP_URL);
    expect(electron.handlers.has(IPC_CALL)).toBe(true);
  });
});
