/**
 * The Electron transport without Electron: one Session per webContents, events forwarded to the
 * webContents that owns the session, and the call handler that checks the sender and the argument
 * shape before dispatch. ipc.ts wires this to ipcMain; the unit tests drive it with plain objects.
 */
import { IPC_EVENT } from '../../shared/bridge';
import type { CallOptions, EventName, EventPayload } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { AppContext } from '../context';
import type { Session } from '../auth/session';
import { dispatch as realDispatch } from '../dispatch';
import { FORBIDDEN_SENDER, isTrustedSender, parseCallArgs } from './hardening';

/** What the transport needs of a webContents. */
export interface SenderLike {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  /** Registers a callback for when the webContents is destroyed. */
  onDestroyed(listener: () => void): void;
}

/** What the transport needs of an IPC invoke event. */
export interface CallEventLike {
  sender: SenderLike;
  /** The frame that sent the call; null when it is gone. */
  frame: { url: string; isMainFrame: boolean } | null;
}

interface Entry {
  session: Session;
  unsubscribe: () => void;
}

/** One Session per webContents: made on its first call, forgotten when it is destroyed. */
export class WebContentsSessions {
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly app: AppContext) {}

  sessionFor(sender: SenderLike): Session {
    const existing = this.entries.get(sender.id);
    if (existing) return existing.session;
    const session = this.app.sessions.create(this.app.clock().getTime());
    const unsubscribe = session.subscribe(<E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (sender.isDestroyed()) return;
      try {
        sender.send(IPC_EVENT, event, payload);
      } catch {
        // The webContents went away between the check and the send; the destroyed hook cleans up.
      }
    });
    this.entries.set(sender.id, { session, unsubscribe });
    sender.onDestroyed(() => this.forget(sender.id));
    return session;
  }

  forget(senderId: number): void {
    const entry = this.entries.get(senderId);
    if (!entry) return;
    entry.unsubscribe();
    entry.session.logout();
    this.app.sessions.forget(entry.session.id);
    this.entries.delete(senderId);
  }

  forgetAll(): void {
    for (const id of [...this.entries.keys()]) this.forget(id);
  }

  get size(): number {
    return this.entries.size;
  }
}

export type DispatchFn = (
  app: AppContext,
  session: Session,
  channel: string,
  input: unknown,
  options?: CallOptions,
) => Promise<Result<unknown>>;

export interface CallHandlerOptions {
  app: AppContext;
  sessions: WebContentsSessions;
  /** The URL (or origin) of the app's own page; only its top-level frame may call. */
  appUrl: string;
  dispatch?: DispatchFn;
}

/**
 * Handles one IPC call: refuses senders other than the app's own top-level frame and malformed
 * arguments without dispatching, otherwise dispatches with the sender's session. Never throws.
 */
export function createCallHandler(options: CallHandlerOptions): (event: CallEventLike, args: readonly unknown[]) => Promise<Result<unknown>> {
  const dispatch = options.dispatch ?? realDispatch;
  return async (event, args) => {
    const frame = event.frame;
    if (!frame || !isTrustedSender(frame.url, frame.isMainFrame, options.appUrl)) {
      return { ok: false, error: FORBIDDEN_SENDER };
    }
    const parsed = parseCallArgs(args);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const { channel, input, options: callOptions } = parsed.args;
    try {
      const session = options.sessions.sessionFor(event.sender);
      return await dispatch(options.app, session, channel, input, callOptions);
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside the app.' } };
    }
  };
}
