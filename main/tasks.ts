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

  /** Only the session that started a task may cancel it. */
  cancel(id: string, sessionId: string): boolean {
    const task = this.running.get(id);
    if (!task || task.sessionId !== sessionId) return false;
    task.controller.abort();
    return true;
  }
}
