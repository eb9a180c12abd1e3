import { randomBytes } from 'node:crypto';
import type { EventName, EventPayload } from '../../shared/contract';

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * One client's login state, owned by its transport: an Electron window, a browser tab of browser
 * mode, or a test. Dispatch reads and changes it; the transport only keeps it and delivers events.
 */
export class Session {
  readonly id: string = randomBytes(18).toString('base64url');
  userId: string | null = null;
  locked = false;
  lastActivity: number;
  private sinks = new Set<EventSink>();

  constructor(now: number = Date.now()) {
    this.lastActivity = now;
  }

  login(userId: string, now: number): void {
    this.userId = userId;
    this.locked = false;
    this.lastActivity = now;
  }

  logout(): void {
    this.userId = null;
    this.locked = false;
  }

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const sink of this.sinks) sink(event, payload);
  }
}

/** All sessions of this process, so a restore or a disabled account can end them. */
export class SessionRegistry {
  private sessions = new Map<string, Session>();

  create(now?: number): Session {
    const session = new Session(now);
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  forget(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every login (after a restore the accounts may differ), telling each client. */
  logoutAll(): void {
    for (const session of this.sessions.values()) {
      if (session.userId === null) continue;
      session.logout();
      session.emit('session', { locked: false, loggedOut: true });
    }
  }

  logoutUser(userId: string): void {
    for (const session of this.sessions.values()) {
      if (session.userId !== userId) continue;
      session.logout();
      session.emit('session', { locked: false, loggedOut: true });
    }
  }
}
