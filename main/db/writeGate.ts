/**
 * One write transaction that stays open across turns of the event loop, so long work (a roster
 * import of tens of thousands of rows) can yield between slices and the process keeps answering:
 * progress events go out, a cancel gets through, other windows' requests are taken in.
 *
 * All calls share one connection, so anything that ran in between would become part of the open
 * transaction and be undone with it. Hence the gate: while a transaction holds it, dispatch lets
 * calls wait (all but the few that only look at the session), the timers wait before their work,
 * and the transaction itself begins only once the tasks already under way have finished.
 */
import type { Db } from './connection';

export interface RunningTasks {
  /** How many tasks are under way, leaving out those with these ids. */
  runningExcept(ids: ReadonlySet<string>): number;
}

const POLL_MS = 20;

/**
 * Copies what the WAL holds into the database file somewhere other than this thread (the background
 * worker, main/background/checkpoint.ts): the promise settles when the copy is done; null when it
 * cannot be handed off, and SQLite's own checkpoint at a later commit copies it instead.
 */
export type CheckpointHandOff = (db: Db) => Promise<void> | null;

export class WriteGate {
  private held: Promise<void> | null = null;
  /** Tasks waiting to hold the gate: they write nothing until they do, so nobody waits for them. */
  private readonly waiting = new Set<string>();
  private handOff: CheckpointHandOff | null = null;
  private copying: Promise<void> = Promise.resolve();

  constructor(private readonly tasks?: RunningTasks) {}

  /**
   * From now on the pages a long transaction wrote are copied from the WAL into the database file by
   * `handOff`, not by its own commit (the desktop app and browser mode, where the background worker
   * runs): the commit returns as soon as the WAL is written. In an encrypted database that copy
   * decrypts and encrypts every page again, about as long as the commit itself.
   */
  checkpointWith(handOff: CheckpointHandOff | null): void {
    this.handOff = handOff;
  }

  /**
   * Hands the copy of the WAL into the database file off, if a hand-off is set; false when the
   * caller's own thread should copy it (or leave it to SQLite's next automatic checkpoint).
   */
  handOffCheckpoint(db: Db): boolean {
    const copy = this.handOff?.(db) ?? null;
    if (!copy) return false;
    this.copying = Promise.all([this.copying, copy.catch(() => undefined)]).then(() => undefined);
    return true;
  }

  /**
   * Runs `work` (an import: its transaction and the small writes after it, a receipt) with SQLite's
   * automatic checkpoint off, then hands the copy of the WAL off, if a hand-off is set; work that
   * throws hands nothing off (what it committed is copied by a later commit's checkpoint).
   */
  async handingOffCheckpoint<T>(db: Db, work: () => Promise<T>): Promise<T> {
    if (!this.handOff) return work();
    const restore = pauseAutoCheckpoint(db);
    let value: T;
    try {
      value = await work();
    } finally {
      restore();
    }
    this.handOffCheckpoint(db);
    return value;
  }

  /** Resolves once the copies handed off so far are done (benchmarks and tests wait for it). */
  checkpointed(): Promise<void> {
    return this.copying;
  }

  get isHeld(): boolean {
    return this.held !== null;
  }

  /** Resolves once no long transaction holds the gate. */
  async whenFree(): Promise<void> {
    while (this.held) await this.held;
  }

  /**
   * Holds the gate for `work` without opening a transaction (work that replaces the connection
   * itself, the upgrade of a plaintext database): other calls wait until it is done.
   */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    await this.whenFree();
    let release = () => undefined as void;
    this.held = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      while (this.tasks && this.tasks.runningExcept(new Set(this.waiting)) > 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      return await work();
    } finally {
      this.held = null;
      release();
    }
  }

  /**
   * Runs `work` in one write transaction: it commits when `work` resolves and rolls back when it
   * throws, so it is all or nothing like any other write. `self` is the task id of the caller.
   */
  async transaction<T>(db: Db, work: () => Promise<T>, self?: string): Promise<T> {
    if (self !== undefined) this.waiting.add(self);
    try {
      await this.whenFree();
    } finally {
      if (self !== undefined) this.waiting.delete(self);
    }
    let release = () => undefined as void;
    this.held = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      const exempt = () => new Set(self === undefined ? this.waiting : [self, ...this.waiting]);
      while (this.tasks && this.tasks.runningExcept(exempt()) > 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      // With a hand-off, the commit leaves its pages in the WAL and the worker copies them.
      return await this.handingOffCheckpoint(db, async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const value = await work();
          db.exec('COMMIT');
          return value;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      });
    } finally {
      this.held = null;
      release();
    }
  }
}

/** The pauses of each connection's automatic checkpoint under way, and its setting before the first. */
const pauses = new WeakMap<Db, { before: number; limits: number[] }>();

/**
 * Lowers SQLite's automatic checkpoint on `db` to `pages` (0: off) until the returned function is
 * called (once). Pauses may overlap (a roster committed while a packet is being verified): the
 * lowest limit holds while any is under way, and the setting is put back when the last one ends.
 */
export function pauseAutoCheckpoint(db: Db, pages = 0): () => void {
  let state = pauses.get(db);
  if (!state) pauses.set(db, (state = { before: Number(db.pragma('wal_autocheckpoint', { simple: true })), limits: [] }));
  const held = state;
  held.limits.push(pages);
  db.pragma(`wal_autocheckpoint = ${Math.min(...held.limits)}`);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    held.limits.splice(held.limits.indexOf(pages), 1);
    if (held.limits.length === 0) pauses.delete(db);
    // A database closed meanwhile (the last session ended) checkpointed as it closed.
    if (!db.open) return;
    db.pragma(`wal_autocheckpoint = ${held.limits.length === 0 ? held.before : Math.min(...held.limits)}`);
  };
}
