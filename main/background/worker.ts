/**
 * The background worker's thread: a connection of its own to the office database, on which the long
 * scheduled work runs (main/background/client.ts starts it and hands it the jobs). Replanning here
 * runs in short transactions with a pause between them, so a write of the app's connection finds the
 * database free between two slices; a slice's commit, its WAL checkpoint and the look for stale plans
 * cost this thread, not the requests'. On 'stop' (the database is being locked) the work ends between
 * two steps, the connection closes and the key's bytes are zeroed.
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { applyPragmas, openKeyed, type Db } from '../db/connection';
import { dropKey } from '../db/cipher';
import { replanAll } from '../services/visits/planning';
import { AppError } from '../../shared/errors';
import { copyDatabaseFile } from './backupCopy';
import type { FromWorker, Job, JobResult, ToWorker, WorkerStart } from './protocol';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * How long one replanning transaction may run here, and the pause after it, ms. A write of the app's
 * connection that finds the database taken sleeps in SQLite's busy handler (1, 2, 5, 10, 15 ms …, on
 * the main thread): with pauses as long as the slices one of its first tries falls in a pause, so it
 * waits some 20 ms at most, where 10 ms slices with 5 ms pauses could keep missing them for 100 ms.
 * The pause varies a little so the two never fall into step.
 */
export const WORKER_SLICE_MS = 10;
export const WORKER_PAUSE_MS = 10;
const pauseAfterSlice = () => sleep(WORKER_PAUSE_MS - 2 + Math.random() * 4);
/** The worker thread's niceness on Linux (0 is the main thread's; 19 the lowest). */
const WORKER_NICENESS = 10;
/** The worker's page cache: it reads what replanning needs, not what search does (the app's connection has 128 MiB). */
const WORKER_CACHE_KIB = 32 * 1024;

function errorCode(err: unknown): string {
  if (err instanceof AppError) return err.code;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'INTERNAL';
}

function start(port: NonNullable<typeof parentPort>, data: WorkerStart): void {
  // A view on the moved bytes, not a copy: zeroing it at the end leaves none behind in this thread.
  const key = data.key ? Buffer.from(data.key.buffer, data.key.byteOffset, data.key.byteLength) : null;
  let db: Db | null = null;
  let stopping = false;
  let running = 0;
  const send = (message: FromWorker) => port.postMessage(message);
  const close = () => {
    if (db?.open) db.close();
    db = null;
    dropKey(key);
    send({ type: 'closed' });
    port.close();
  };
  const isStopping = () => stopping;
  const throwIfStopping = () => {
    if (stopping) throw new AppError('CANCELLED', 'The work was stopped: the database was locked.');
  };

  async function run(conn: Db, job: Job): Promise<JobResult> {
    if (job.kind === 'checkpoint') {
      const [state] = conn.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      return { kind: 'checkpoint', walPages: Math.max(0, state?.log ?? 0), copied: Math.max(0, state?.checkpointed ?? 0) };
    }
    if (job.kind === 'backupCopy') {
      await copyDatabaseFile(conn, job.partial, { dbPath: data.dbPath, key, nativeBinding: data.nativeBinding, stopping: isStopping });
      return { kind: 'backupCopy' };
    }
    for (;;) {
      try {
        const result = await replanAll(conn, { actor: job.actor, officeId: job.officeId, at: job.at }, job.today, {
          sliceMs: WORKER_SLICE_MS,
          pause: pauseAfterSlice,
          throwIfCancelled: throwIfStopping,
        });
        return { kind: 'replan', persons: result.persons };
      } catch (err) {
        // A long import holds the write lock past the busy timeout: what is planned stays planned, and
        // the look for stale plans starts over once it is done.
        if (errorCode(err) !== 'SQLITE_BUSY' || stopping) throw err;
        await sleep(1000);
      }
    }
  }

  port.on('message', (message: ToWorker) => {
    if (message.type === 'stop') {
      stopping = true;
      if (running === 0) close();
      return;
    }
    if (stopping || !db) {
      send({ type: 'failed', id: message.id, code: 'CANCELLED', message: 'The background worker is stopping.' });
      return;
    }
    running++;
    run(db, message.job)
      .then((result) => send({ type: 'done', id: message.id, result }))
      .catch((err: unknown) => send({ type: 'failed', id: message.id, code: errorCode(err), message: (err as Error).message }))
      .finally(() => {
        running--;
        if (stopping && running === 0) close();
      });
  });

  try {
    db = openKeyed(data.dbPath, key ?? undefined, { fileMustExist: true, nativeBinding: data.nativeBinding });
    applyPragmas(db, false);
    db.pragma(`cache_size = -${WORKER_CACHE_KIB}`);
  } catch (err) {
    // Every job is answered with the failure; the client falls back to its own thread.
    stopping = true;
    send({ type: 'failed', id: -1, code: errorCode(err), message: (err as Error).message });
    close();
  }
}

/**
 * On Linux a thread has a niceness of its own (setpriority of "this process" sets the calling thread):
 * this one gives way to the main thread whenever both want a core. Elsewhere the same call would lower
 * the whole process, so it is not made.
 */
function giveWayToTheMainThread(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(WORKER_NICENESS);
  } catch {
    // Not allowed here: the work runs at the process's priority.
  }
}

if (parentPort) {
  giveWayToTheMainThread();
  start(parentPort, workerData as WorkerStart);
}
