/**
 * The daily backup's copy, made on the background worker's thread: the database file copied while a
 * connection holds a read snapshot of the file alone (no checkpoint may write into the file while
 * such a reader is there), then made to stand alone (no WAL beside it) and synced to disk. The app's
 * connection goes on reading and writing meanwhile; it waits only while the last few WAL frames are
 * checkpointed, under a write lock held for that moment.
 */
import fs from 'node:fs';
import type { Db } from '../db/connection';
import { openKeyed } from '../db/connection';
import type { DatabaseKey } from '../db/cipher';
import { privateFile } from '../db/privacy';
import { AppError } from '../../shared/errors';

export interface CopyOptions {
  dbPath: string;
  key: DatabaseKey | null;
  nativeBinding: string | undefined;
  /** Asked between steps: the worker is stopping (the database is being locked). */
  stopping: () => boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How often the snapshot is tried again while a reader of an older moment keeps the WAL from being checkpointed whole. */
const SNAPSHOT_TRIES = 250;

function cancelledIf(stopping: () => boolean): void {
  if (stopping()) throw new AppError('CANCELLED', 'The backup was stopped: the database was locked.');
}

/**
 * Leaves `snap` in a read transaction that reads the database file only. The WAL is checkpointed
 * whole while a second connection holds the write lock (so no frame is added meanwhile), and a
 * reader that begins on a fully checkpointed WAL ignores it (SQLite's read mark 0), which also keeps
 * every later checkpoint from writing into the file until the reader ends.
 */
export async function holdFileSnapshot(db: Db, snap: Db, options: CopyOptions): Promise<void> {
  const writer = openKeyed(options.dbPath, options.key ?? undefined, { fileMustExist: true, nativeBinding: options.nativeBinding });
  try {
    writer.pragma('busy_timeout = 5000');
    for (let attempt = 0; attempt < SNAPSHOT_TRIES; attempt++) {
      cancelledIf(options.stopping);
      // What has piled up goes into the file first, holding nobody up.
      db.pragma('wal_checkpoint(PASSIVE)');
      writer.exec('BEGIN IMMEDIATE');
      try {
        const [state] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
        // busy: another connection holds the checkpoint (log and checkpointed are then both -1).
        if (state && state.busy === 0 && state.log === state.checkpointed) {
          snap.exec('BEGIN');
          snap.prepare('SELECT count(*) FROM sqlite_master').get();
          return;
        }
      } finally {
        writer.exec('ROLLBACK');
      }
      // A reader of an older moment is still there: it ends within a request.
      await sleep(20);
    }
    throw new AppError('INTERNAL', 'The backup could not take a snapshot of the database: it was never free of older readers.');
  } finally {
    writer.close();
  }
}

/** Copies the database behind `db` (the worker's connection) into `partial`, a standalone file under the same key. */
export async function copyDatabaseFile(db: Db, partial: string, options: CopyOptions): Promise<void> {
  const snap = openKeyed(options.dbPath, options.key ?? undefined, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
  try {
    snap.pragma('busy_timeout = 5000');
    await holdFileSnapshot(db, snap, options);
    await fs.promises.copyFile(options.dbPath, partial);
    snap.exec('COMMIT');
  } finally {
    snap.close();
  }
  // No checkpoint could run during the copy: what piled up in the WAL goes into the file here, before
  // a commit of the app's connection would find it and checkpoint it on the main thread.
  db.pragma('wal_checkpoint(PASSIVE)');
  privateFile(partial);
  cancelledIf(options.stopping);
  // Changing the journal mode syncs the whole copy to disk (half a second at a county), which is why
  // it happens on this thread and not on the main one.
  await makeStandalone(partial, options.key, options.nativeBinding);
}

/** A backup file stands alone: no WAL beside it, readable from a read-only medium, and on disk. */
export async function makeStandalone(file: string, key: DatabaseKey | null, nativeBinding: string | undefined): Promise<void> {
  const copy = openKeyed(file, key ?? undefined, { nativeBinding });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const fd = await fs.promises.open(file, 'r+');
  try {
    await fd.datasync();
  } finally {
    await fd.close();
  }
}
