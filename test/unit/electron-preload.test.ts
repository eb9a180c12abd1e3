// The preload with a stand-in for 'electron' (the real module is never loaded: in plain Node it is
// only a path, and loading it would try to download the binary). Proves that window.api is exactly
// the Bridge: call and subscribe, nothing of ipcRenderer, and that unsubscribing removes the listener.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_EVENT, type Bridge } from '../../shared/bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<Listener>>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'pong' })),
      on: vi.fn((channel: string, listener: Listener) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)?.add(listener);
      }),
      removeListener: vi.fn((channel: string, listener: Listener) => {
        listeners.get(channel)?.delete(listener);
      }),
    },
    emit(channel: string, ...args: unknown[]) {
      for (const l of [...(listeners.get(channel) ?? [])]) l({ sender: 'ipc-event-object' }, ...args);
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value),
  },
  ipcRenderer: electron.ipcRenderer,
}));

let api: Bridge;

beforeAll(async () => {
  await import('../../main/electron/preload');
  api = electron.exposed.get('api') as Bridge;
});

describe('preload', () => {
  it('exposes only window.api, with exactly call and subscribe', () => {
    expect([...electron.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['call', 'subscribe']);
    expect(typeof api.call).toBe('function');
    expect(typeof api.subscribe).toBe('function');
    expect(JSON.stringify(Object.values(api))).not.toContain('ipcRenderer');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it('calls through IPC_CALL with the channel, the input and only the task id of the options', async () => {
    electron.ipcRenderer.invoke.mockClear();
    await expect(api.call('app.info', {})).resolves.toEqual({ ok: true, value: 'pong' });
    await api.call('backup.create', {}, { taskId: 't-9', extra: 'dropped' } as never);
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [IPC_CALL, 'app.info', {}, undefined],
      [IPC_CALL, 'backup.create', {}, { taskId: 't-9' }],
    ]);
  });

  it('answers TRANSPORT_FAILED instead of throwing when IPC fails', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('no handler'));
    await expect(api.call('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'TRANSPORT_FAILED' } });
  });

  it('delivers only the subscribed event’s payload, never the IPC event object', () => {
    const progress = vi.fn();
    const session = vi.fn();
    const offProgress = api.subscribe('progress', progress);
    const offSession = api.subscribe('session', session);
    const payload = { taskId: 't', channel: 'backup.create', done: 1, total: 2, stage: 'progress.backup' };
    electron.emit(IPC_EVENT, 'progress', payload);
    expect(progress).toHaveBeenCalledTimes(1);
    expect(progress).toHaveBeenCalledWith(payload);
    expect(session).not.toHaveBeenCalled();
    offProgress();
    offSession();
  });

  it('unsubscribe removes the listener it added, once', () => {
    const before = electron.listeners.get(IPC_EVENT)?.size ?? 0;
    const removals = electron.ipcRenderer.removeListener.mock.calls.length;
    const listener = vi.fn();
    const off = api.subscribe('session', listener);
    expect(electron.listeners.get(IPC_EVENT)?.size).toBe(before + 1);
    off();
    off();
    expect(electron.listeners.get(IPC_EVENT)?.size ?? 0).toBe(before);
    expect(electron.ipcRenderer.removeListener.mock.calls.length - removals).toBe(1);
    // It removed the very function that subscribe added.
    const added = electron.ipcRenderer.on.mock.calls.at(-1)?.[1];
    expect(electron.ipcRenderer.removeListener.mock.calls.at(-1)).toEqual([IPC_EVENT, added]);
    electron.emit(IPC_EVENT, 'session', { locked: true, loggedOut: false });
    expect(listener).not.toHaveBeenCalled();
  });
});
