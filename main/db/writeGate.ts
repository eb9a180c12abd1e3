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

export class WriteGate {
  private held: Promise<void> | null = null;
  /** Tasks waiting to hold the gate: they write nothing until they do, so nobody waits for them. */
  private readonly waiting = new Set<string>();

  constructor(private readonly tasks?: RunningTasks) {}

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
      db.exec('BEGIN IMMEDIATE');
      try {
        const value = await work();
        db.exec('COMMIT');
        return value;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      }
    } finally {
      this.held = null;
      release();
    }
  }
}
