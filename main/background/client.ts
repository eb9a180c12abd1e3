/**
 * The main thread's side of the background worker (main/background/worker.ts): started when scheduled
 * work first needs it while the database is open, with the database key moved to it (the bytes are
 * transferred, so this thread keeps no extra copy); stopped, its connection closed and its key
 * zeroed, when the database closes (the last session logs out or is idle-locked, a restore). Built,
 * it is dist/main/background.js beside the bundles; from the sources (tests) it runs through tsx.
 */
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { onDatabaseClose, type AppContext } from '../context';
import { AppError } from '../../shared/errors';
import type { FromWorker, Job, JobResult, ToWorker, WorkerStart } from './protocol';

/** How long a stopping worker may take to end its step and close before it is terminated, ms. */
const STOP_GRACE_MS = 10_000;

function workerEntry(): { script: string | URL; options: WorkerOptions } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const file = fileURLToPath(new URL('./worker.ts', here));
    return { script: `require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, options: { eval: true } };
  }
  return { script: new URL('./background.js', here), options: {} };
}

/** The worker was not there to do a job (never started, or ended): the caller does the job on its own thread. Never shown to a person. */
export class WorkerGone extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerGone';
  }
}

export class BackgroundWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: JobResult) => void; reject: (e: unknown) => void }>();
  private nextId = 1;
  private ended = false;
  /** Resolves when the thread has ended (after its connection closed). */
  readonly exited: Promise<void>;

  constructor(app: AppContext) {
    const key = app.key ? new Uint8Array(app.key) : null;
    const start: WorkerStart = { dbPath: app.dbPath, nativeBinding: app.nativeBinding, key };
    const entry = workerEntry();
    this.worker = new Worker(entry.script, { ...entry.options, workerData: start, transferList: key ? [key.buffer] : [] });
    // Scheduled work must not keep a process alive that is otherwise done (the CLI, tests).
    this.worker.unref();
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    this.worker.on('error', (err) => this.end(err));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    void this.exited.then(() => this.end(new WorkerGone('The background worker ended.')));
  }

  get alive(): boolean {
    return !this.ended;
  }

  private receive(message: FromWorker): void {
    if (message.type === 'closed') {
      this.end(new WorkerGone('The background worker has closed.'));
      return;
    }
    if (message.id === -1) {
      // The worker could not open the database: every job waiting is refused, and the caller does the work itself.
      this.end(new WorkerGone(`The background worker could not start: ${message.type === 'failed' ? message.message : ''}`));
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.type === 'done') waiting.resolve(message.result);
    else waiting.reject(new AppError(message.code === 'CANCELLED' ? 'CANCELLED' : 'INTERNAL', message.message, { code: message.code }));
  }

  private end(reason: unknown): void {
    this.ended = true;
    for (const waiting of this.pending.values()) waiting.reject(reason);
    this.pending.clear();
  }

  run(job: Job): Promise<JobResult> {
    if (this.ended) return Promise.reject(new WorkerGone('The background worker has ended.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'job', id, job } satisfies ToWorker);
    });
  }

  /** Ends the work between two steps, closes the worker's connection and zeroes its key; resolves once the thread is gone. */
  async stop(): Promise<void> {
    if (!this.ended) this.worker.postMessage({ type: 'stop' } satisfies ToWorker);
    this.ended = true;
    const timer = setTimeout(() => void this.worker.terminate(), STOP_GRACE_MS);
    timer.unref();
    await this.exited;
    clearTimeout(timer);
  }
}

const workers = new WeakMap<AppContext, BackgroundWorker>();

/**
 * The app's background worker, started now if none is running; null while the database is closed.
 * It stops by itself when the database closes.
 */
export function backgroundWorker(app: AppContext): BackgroundWorker | null {
  if (!app.isOpen) return null;
  const running = workers.get(app);
  if (running?.alive) return running;
  const worker = new BackgroundWorker(app);
  workers.set(app, worker);
  onDatabaseClose(app, () => {
    if (workers.get(app) === worker) workers.delete(app);
    void worker.stop();
  });
  return worker;
}

/** Stops the app's background worker, if one runs, and waits until its connection is closed. */
export async function stopBackgroundWorker(app: AppContext): Promise<void> {
  const worker = workers.get(app);
  workers.delete(app);
  await worker?.stop();
}

/** Whether a background worker is running for the app (started and not ended). */
export function hasBackgroundWorker(app: AppContext): boolean {
  return workers.get(app)?.alive === true;
}

/** Whether a failure means the worker was not there to do the job (the caller then does it on its own thread). */
export function workerUnavailable(err: unknown): boolean {
  return err instanceof WorkerGone;
}
