/**
 * What a transport offers the renderer. In Electron the preload exposes exactly this as
 * `window.api`; in browser mode renderer/api.ts builds the same shape over HTTP and SSE.
 */
import type { CallOptions, EventName, EventPayload } from './contract';
import type { Result } from './errors';

export interface Bridge {
  call(channel: string, input: unknown, options?: CallOptions): Promise<Result<unknown>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Names shared by main/electron/ipc.ts and main/electron/preload.ts. */
export const IPC_CALL = 'cadrecare:call';
export const IPC_EVENT = 'cadrecare:event';

/** Browser-mode HTTP protocol (main/host). */
export const HTTP_SESSION_HEADER = 'x-cadrecare-session';
export const HTTP_RPC_PREFIX = '/rpc/';
export const HTTP_EVENTS_PATH = '/events';
