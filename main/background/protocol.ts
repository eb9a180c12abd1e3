/**
 * What the app's main thread and its background worker (main/background/worker.ts) say to each other.
 * The worker has a connection of its own to the office database and does the long scheduled work
 * there (the month's replanning, the daily backup's copy), so a request on the main thread never
 * waits behind it.
 */
import type { Actor } from '../db/audit';

/** Given to the worker at its start; the key's bytes are moved, not copied (the sender keeps none). */
export interface WorkerStart {
  dbPath: string;
  nativeBinding: string | undefined;
  /** The database key (null: a database not encrypted yet). */
  key: Uint8Array | null;
}

export type Job =
  | { kind: 'replan'; actor: Actor; officeId: string; at: string; today: string }
  | { kind: 'backupCopy'; partial: string }
  /** Copies what the WAL holds into the database file (a passive checkpoint: it never waits for the app's connection). */
  | { kind: 'checkpoint' };

export type JobResult =
  | { kind: 'replan'; persons: number }
  | { kind: 'backupCopy' }
  /** Pages the WAL held, and how many of them are now in the database file. */
  | { kind: 'checkpoint'; walPages: number; copied: number };

export type ToWorker = { type: 'job'; id: number; job: Job } | { type: 'stop' };

export type FromWorker =
  | { type: 'done'; id: number; result: JobResult }
  | { type: 'failed'; id: number; code: string; message: string }
  | { type: 'closed' };
