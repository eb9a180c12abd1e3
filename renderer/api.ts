/**
 * The one typed client of the contract: `api.call('auth.login', {...})`. It uses Electron's
 * `window.api` when the preload provided it, and the browser-mode HTTP host otherwise.
 */
import type { CallOptions, Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from '../shared/contract';
import type { Result } from '../shared/errors';
import { HTTP_EVENTS_PATH, HTTP_RPC_PREFIX, HTTP_SESSION_HEADER, type Bridge } from '../shared/bridge';

declare global {
  interface Window {
    api?: Bridge;
  }
}

const TOKEN_KEY = 'cadrecare.token';
/** Calls that log in, so the session they answer with replaces whatever the tab held. */
const LOGIN_CHANNELS = new Set(['auth.login', 'setup.create']);
const SESSION_KEY = 'cadrecare.session';

/** The host puts its per-start token in the first URL; keep it for this tab and take it out of the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpBridge(): Bridge {
  const token = takeToken();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const openEvents = () => {
    const session = sessionStorage.getItem(SESSION_KEY);
    if (!session || source) return;
    const params = new URLSearchParams({ token, session });
    source = new EventSource(`${HTTP_EVENTS_PATH}?${params.toString()}`);
    for (const name of listeners.keys()) attach(name);
  };
  const attached = new Set<string>();
  const attach = (name: string) => {
    if (!source || attached.has(name)) return;
    attached.add(name);
    source.addEventListener(name, (ev) => {
      const payload: unknown = JSON.parse((ev as MessageEvent<string>).data);
      for (const listener of listeners.get(name) ?? []) listener(payload);
    });
  };

  return {
    async call(channel, input, options) {
      const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const session = sessionStorage.getItem(SESSION_KEY);
      if (session) headers[HTTP_SESSION_HEADER] = session;
      let response: Response;
      try {
        response = await fetch(`${HTTP_RPC_PREFIX}${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ input, taskId: options?.taskId }),
        });
      } catch {
        return { ok: false, error: { code: 'TRANSPORT_FAILED', message: 'The app service cannot be reached.' } };
      }
      const newSession = response.headers.get(HTTP_SESSION_HEADER);
      // A login answers with the session's new id; any other call only with a session made for a client
      // that came without one (or with an expired one). That answer is not kept when another call changed
      // the session meanwhile: a call sent before a login must not bring back an anonymous session after it.
      const adopt = LOGIN_CHANNELS.has(channel) || sessionStorage.getItem(SESSION_KEY) === session;
      if (newSession && newSession !== session && adopt) {
        sessionStorage.setItem(SESSION_KEY, newSession);
        source?.close();
        source = null;
        attached.clear();
      }
      openEvents();
      // 401: this tab has no token (or one from an earlier start); only the printed link brings it.
      if (response.status === 401) {
        return { ok: false, error: { code: 'HOST_LINK_NEEDED', message: 'Open browser mode with the link printed at start.', details: { status: 401 } } };
      }
      if (!response.ok) {
        return { ok: false, error: { code: 'TRANSPORT_FAILED', message: `HTTP ${response.status}`, details: { status: response.status } } };
      }
      return (await response.json()) as Result<unknown>;
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      attach(event);
      openEvents();
      return () => set.delete(untyped);
    },
  };
}

const bridge: Bridge = window.api ?? httpBridge();

let beforeRefusal: () => Promise<void> = () => Promise.resolve();

/**
 * Work to finish before any refusal is answered to its caller: the i18n module loads the texts that
 * translate it (renderer/i18n/index.ts), so api.ts needs no import of i18n.
 */
export function whenRefused(prepare: () => Promise<void>): void {
  beforeRefusal = prepare;
}

export const transport: 'electron' | 'browser' = window.api ? 'electron' : 'browser';

export const api = {
  async call<C extends Channel>(channel: C, input: ChannelInput<C>, options?: CallOptions): Promise<Result<ChannelOutput<C>>> {
    const result = (await bridge.call(channel, input, options)) as Result<ChannelOutput<C>>;
    if (!result.ok) await beforeRefusal();
    return result;
  },
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return bridge.subscribe(event, listener);
  },
};

/** For TanStack Query: resolves with the value or rejects with the error envelope's error. */
export async function callOrThrow<C extends Channel>(channel: C, input: ChannelInput<C>, options?: CallOptions): Promise<ChannelOutput<C>> {
  const result = await api.call(channel, input, options);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
  return result.value;
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
