import { AppError } from '../shared/errors';

/** What a long-running handler gets: a way to report progress and to notice a cancel. */
export interface TaskHandle {
  readonly id: string;
  readonly signal: AbortSignal;
  progress(done: number, total: number, stage: string): void;
  /** Throws CANCELLED when the user pressed cancel; call it between steps. */
  throwIfCancelled(): void;
}

/** Tasks under way in this process, by id, so 'tasks.cancel' can reach them. */
export class TaskRegistry {
  private running = new Map<string, { controller: AbortController; sessionId: string }>();

  start(id: string, sessionId: string, onProgress: (done: number, total: number, stage: string) => void): TaskHandle & { finish(): void } {
    const controller = new AbortController();
    this.running.set(id, { controller, sessionId });
    return {
      id,
      signal: controller.signal,
      progress: onProgress,
      throwIfCancelled() {
        if (controller.signal.aborted) throw new AppError('CANCELLED', 'The task was cancelled.');
      },
      finish: () => {
        this.running.delete(id);
      },
    };
  }

  /** How many tasks are under way, leaving out those with these ids (the write gate waits for the others). */
  runningExcept(ids: ReadonlySet<string>): number {
    let n = 0;
    for (const id of this.running.keys()) if (!ids.has(id)) n++;
    return n;
  }

  /** Only the session that started a task may cancel it. */
  cancel(id: string, sessionId: string): boolean {
    const task = this.running.get(id);
    if (!task || task.sessionId !== sessionId) return false;
    task.controller.abort();
    return true;
  }
}

/**
 * For long work on the main thread: call the answer between steps; it lets the event loop take a
 * turn (other calls, progress events, a cancel) when the work has run for a few milliseconds
 * since the last one, and returns at once otherwise.
 */
export function eventLoopTurns(everyMs = 15): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < everyMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

/** How often scheduled work looks whether the database has just been opened (a login after a locked start). */
export const OPEN_CHECK_MS = 2_000;

/**
 * Runs `tick` now, every `everyMs`, and a moment after each time the database opens: the app starts
 * locked, so work that needs the database (the daily backup, the month's replanning) would otherwise
 * wait for the next hourly tick after the first login, or never run in a short session. Returns a
 * stop function.
 */
export function everyAndOnOpen(app: { readonly isOpen: boolean }, everyMs: number, tick: () => void): () => void {
  let wasOpen = app.isOpen;
  tick();
  const timer = setInterval(tick, everyMs);
  const opened = setInterval(() => {
    const open = app.isOpen;
    if (open && !wasOpen) tick();
    wasOpen = open;
  }, OPEN_CHECK_MS);
  timer.unref();
  opened.unref();
  return () => {
    clearInterval(timer);
    clearInterval(opened);
  };
}
