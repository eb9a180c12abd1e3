/**
 * The renderer's only door to main: `window.api` with exactly `call` and `subscribe` (the Bridge
 * of shared/bridge.ts). No ipcRenderer, no event objects and no Node objects cross into the page.
 * Bundled to dist/main/preload.cjs (sandboxed preloads must be CommonJS).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_EVENT, type Bridge } from '../../shared/bridge';
import type { CallOptions, EventName, EventPayload } from '../../shared/contract';
import type { Result } from '../../shared/errors';

function plainOptions(options: CallOptions | undefined): CallOptions | undefined {
  if (options === undefined || options === null || typeof options !== 'object') return undefined;
  return typeof options.taskId === 'string' ? { taskId: options.taskId } : {};
}

export const api: Bridge = {
  async call(channel: string, input: unknown, options?: CallOptions): Promise<Result<unknown>> {
    try {
      return (await ipcRenderer.invoke(IPC_CALL, channel, input, plainOptions(options))) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'TRANSPORT_FAILED', message: 'The app service cannot be reached.' } };
    }
  },
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const onEvent = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as EventPayload<E>);
    };
    ipcRenderer.on(IPC_EVENT, onEvent);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      ipcRenderer.removeListener(IPC_EVENT, onEvent);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
