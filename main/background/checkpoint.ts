/**
 * Checkpoints on the background worker: after a long write (a roster, a batch of packets) the pages it
 * left in the WAL are copied into the database file by the worker's connection, so the person who
 * imported sees the result as soon as the WAL is written. In an encrypted database that copy decrypts
 * each page from the WAL and encrypts it again; for a county roster of 2,900 persons it is some
 * 30,000 pages and most of a second. The WAL is part of the database until then: a crash before the
 * copy loses nothing, and SQLite's own checkpoint at a later commit copies what the worker could not.
 */
import type { AppContext } from '../context';
import { backgroundWorker, workerUnavailable } from './client';

/** Lets the app's write gate hand its checkpoints to the background worker (desktop app and browser mode). */
export function checkpointInBackground(app: AppContext): void {
  app.writeGate.checkpointWith(() => {
    const worker = backgroundWorker(app);
    if (!worker) return null;
    return worker.run({ kind: 'checkpoint' }).then(
      () => undefined,
      (err: unknown) => {
        // Gone (the database was locked): its connection checkpointed as it closed.
        if (!workerUnavailable(err)) app.log.warn('The background checkpoint failed; the next commit copies the WAL instead.', err);
      },
    );
  });
}
