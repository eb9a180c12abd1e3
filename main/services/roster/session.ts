/**
 * Parsed roster files kept in memory in the main process, so the renderer uploads a file once and
 * then previews and commits it by id. An upload belongs to the client session that made it and
 * expires after a while unused; a few per session are kept, the oldest dropped first.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { ParsedRoster } from './read';

export const ROSTER_SESSION_TTL_MS = 30 * 60_000;
const MAX_PER_OWNER = 3;
const MAX_TOTAL = 12;

interface Entry {
  id: string;
  owner: string;
  roster: ParsedRoster;
  expiresAt: number;
}

export class RosterSessions {
  private entries = new Map<string, Entry>();

  constructor(private readonly ttlMs = ROSTER_SESSION_TTL_MS) {}

  /** Keeps a parsed file for `owner` (a client session id) and answers its id. */
  put(owner: string, roster: ParsedRoster, now: number): string {
    this.sweep(now);
    const mine = [...this.entries.values()].filter((e) => e.owner === owner);
    while (mine.length >= MAX_PER_OWNER) this.entries.delete((mine.shift() as Entry).id);
    while (this.entries.size >= MAX_TOTAL) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    const id = randomBytes(16).toString('hex');
    this.entries.set(id, { id, owner, roster, expiresAt: now + this.ttlMs });
    return id;
  }

  /** The parsed file, if it is the owner's and has not expired; using it extends its life. */
  get(owner: string, id: string, now: number): ParsedRoster {
    this.sweep(now);
    const entry = this.entries.get(id);
    if (!entry || entry.owner !== owner) {
      throw new AppError('ROSTER_SESSION_EXPIRED', 'The uploaded roster is no longer available; please choose the file again.');
    }
    entry.expiresAt = now + this.ttlMs;
    return entry.roster;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(now: number): void {
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}

/** One store per running instance (keyed by its context object, so tests with many apps stay apart). */
const stores = new WeakMap<object, RosterSessions>();

export function rosterSessionsOf(app: object): RosterSessions {
  let store = stores.get(app);
  if (!store) {
    store = new RosterSessions();
    stores.set(app, store);
  }
  return store;
}
