import { randomBytes } from 'node:crypto';
import type { EventName, EventPayload } from '../../shared/contract';
import type { SessionEndReason } from '../../shared/schemas/user';

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * One client's login state, owned by its transport: an Electron window, a browser tab of browser
 * mode, or a test. Dispatch reads and changes it; the transport only keeps it and delivers events.
 */
export class Session {
  private currentId: string = newSessionId();
  userId: string | null = null;
  /**
   * The logged-in user's name: unlocking an idle lock finds that user's key slot by it, as the
   * database (where the name is) is closed while every session is locked.
   */
  username: string | null = null;
  /** Why the last login was ended from elsewhere (a password change, a reset …); cleared by the next login. */
  endedBecause: SessionEndReason | null = null;
  locked = false;
  /** The last call that did the user's work (the idle lock counts from it). */
  lastActivity: number;
  /** The last time the transport used this session at all. */
  lastSeen: number;
  /** Dropped when unused for long (browser-mode clients); a window's session lives as long as its window. */
  readonly expires: boolean;
  private sinks = new Set<EventSink>();

  constructor(now: number = Date.now(), options: { expires?: boolean } = {}) {
    this.lastActivity = now;
    this.lastSeen = now;
    this.expires = options.expires === true;
  }

  /** What the transport knows the session by; it changes at every login (SessionRegistry.renewId). */
  get id(): string {
    return this.currentId;
  }

  /** Only for SessionRegistry.renewId, which keeps its map in step. */
  takeNewId(): void {
    this.currentId = newSessionId();
  }

  /** Someone listens for its events: a browser tab is open on it. */
  get watched(): boolean {
    return this.sinks.size > 0;
  }

  login(userId: string, username: string, now: number): void {
    this.userId = userId;
    this.username = username;
    this.locked = false;
    this.endedBecause = null;
    this.lastActivity = now;
  }

  logout(): void {
    this.userId = null;
    this.username = null;
    this.locked = false;
  }

  /** Ends the login because of a change made elsewhere, and tells the client why. */
  end(reason?: SessionEndReason): void {
    this.logout();
    this.endedBecause = reason ?? null;
    this.emit('session', reason ? { locked: false, loggedOut: true, reason } : { locked: false, loggedOut: true });
  }

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const sink of this.sinks) sink(event, payload);
  }
}

function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

export interface SessionLimits {
  /** A logged-in session nobody used for this long is dropped. */
  loggedInIdleMs: number;
  /** A session nobody logged in on (or that logged out) is dropped sooner. */
  loggedOutIdleMs: number;
  /** At most this many expiring sessions; the longest unused go first. */
  max: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  loggedInIdleMs: 12 * 60 * 60 * 1000,
  loggedOutIdleMs: 10 * 60 * 1000,
  max: 200,
};

/**
 * All sessions of this process, so a restore or a disabled account can end them. Browser mode
 * makes a session for every client that comes without one; those expire, so a client that never
 * keeps its session cannot fill the memory. A session whose events someone listens to (an open
 * tab) is in use, however quiet.
 */
export class SessionRegistry {
  private sessions = new Map<string, Session>();

  constructor(private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS) {}

  create(now: number = Date.now(), options: { expires?: boolean } = {}): Session {
    const session = new Session(now, options);
    if (session.expires) {
      this.sweep(now);
      this.makeRoomForOne();
    }
    this.sessions.set(session.id, session);
    return session;
  }

  /** The session with this id; given the time, expired sessions are dropped first and this one counts as used. */
  get(id: string, now?: number): Session | undefined {
    if (now !== undefined) this.sweep(now);
    const session = this.sessions.get(id);
    if (session && now !== undefined) session.lastSeen = Math.max(session.lastSeen, now);
    return session;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Drops the expiring sessions unused for longer than their bound; returns their ids. */
  sweep(now: number): string[] {
    const dropped: string[] = [];
    for (const session of this.sessions.values()) {
      if (!session.expires || session.watched) continue;
      const bound = session.userId === null ? this.limits.loggedOutIdleMs : this.limits.loggedInIdleMs;
      if (now - session.lastSeen > bound) {
        this.sessions.delete(session.id);
        dropped.push(session.id);
      }
    }
    return dropped;
  }

  private makeRoomForOne(): void {
    const expiring = [...this.sessions.values()].filter((s) => s.expires);
    const excess = expiring.length - (this.limits.max - 1);
    if (excess <= 0) return;
    // Unwatched before watched, then the longest unused first.
    expiring.sort((a, b) => Number(a.watched) - Number(b.watched) || a.lastSeen - b.lastSeen);
    for (const session of expiring.slice(0, excess)) {
      this.sessions.delete(session.id);
      if (session.userId !== null) session.end();
    }
  }

  /**
   * Gives the session a new id at a login, so an id that was known before the login (handed out to
   * an anonymous client, seen in a log) never names a logged-in session. The session object, its
   * listeners and its window stay the same; the old id no longer finds it.
   */
  renewId(session: Session): void {
    if (this.sessions.get(session.id) === session) this.sessions.delete(session.id);
    session.takeNewId();
    this.sessions.set(session.id, session);
  }

  /** Someone is logged in on some session. */
  anyLoggedIn(): boolean {
    for (const session of this.sessions.values()) if (session.userId !== null) return true;
    return false;
  }

  /**
   * Someone is logged in and not behind the idle lock: while nobody is, the database is closed and
   * its key dropped (a locked screen reopens it with the password, as a login does).
   */
  anyAtWork(): boolean {
    for (const session of this.sessions.values()) if (session.userId !== null && !session.locked) return true;
    return false;
  }

  /** The logged-in sessions, to lock those idle for too long. */
  loggedIn(): Session[] {
    return [...this.sessions.values()].filter((s) => s.userId !== null);
  }

  forget(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every login (after a restore the accounts may differ), telling each client. */
  logoutAll(): void {
    for (const session of this.sessions.values()) {
      if (session.userId !== null) session.end();
    }
  }

  /**
   * Ends every login of one user (its password, role or status changed), telling each client why;
   * `except` keeps the session the change was made from. Sessions are few (windows and open tabs,
   * at most `max` of the expiring ones), so a walk over all is cheaper than an index to keep in step.
   */
  logoutUser(userId: string, reason?: SessionEndReason, options: { except?: Session } = {}): number {
    let ended = 0;
    for (const session of this.sessions.values()) {
      if (session.userId !== userId || session === options.except) continue;
      session.end(reason);
      ended++;
    }
    return ended;
  }
}
