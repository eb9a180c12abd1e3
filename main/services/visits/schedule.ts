/**
 * Rolling the visit plans forward while the app runs: at start and after each login that opens the
 * database, then every hour. Only persons not yet planned this month (or with older rules) are
 * replanned, so a tick with nothing to do costs one query. Runs as the system, in batches, each its own transaction.
 */
import { cachedStatement } from '../../db/statements';
import type { AppContext } from '../../context';
import { SYSTEM_ACTOR } from '../../db/audit';
import { toDateString } from '../../../shared/dates';
import { replanAll } from './planning';
import { everyAndOnOpen } from '../../tasks';
import { backgroundWorker, workerUnavailable } from '../../background/client';
import type { BackgroundOption } from '../../db/backup';
import { AppError } from '../../../shared/errors';

export async function replanIfDue(app: AppContext, options: BackgroundOption = {}): Promise<number> {
  // Not in the middle of a long import: its writes would join the import's transaction.
  await app.writeGate.whenFree();
  // Nobody is logged in: the database is closed; the tick after the next login plans.
  if (!app.isOpen) return 0;
  const office = cachedStatement(app.db, 'SELECT id FROM office').get() as { id: string } | undefined;
  if (!office) return 0;
  const now = app.clock();
  const worker = options.inWorker ? backgroundWorker(app) : null;
  if (worker) {
    try {
      const done = await worker.run({ kind: 'replan', actor: SYSTEM_ACTOR, officeId: office.id, at: now.toISOString(), today: toDateString(now) });
      return done.kind === 'replan' ? done.persons : 0;
    } catch (err) {
      // Locked meanwhile: the tick after the next login goes on where this one stopped.
      if (!app.isOpen && (workerUnavailable(err) || (err instanceof AppError && err.code === 'CANCELLED'))) return 0;
      if (!workerUnavailable(err)) throw err;
    }
  }
  // Short slices: this runs beside the people using the app, and a call waits behind a slice
  // (a county's first login of a month on a loaded machine: the longest wait 0.6 s with 20 ms slices, 0.23 s with 5 ms).
  const result = await replanAll(app.db, { actor: SYSTEM_ACTOR, officeId: office.id, at: now.toISOString() }, toDateString(now), { sliceMs: 5 });
  return result.persons;
}

/** Starts the hourly check; returns a stop function. */
export function scheduleVisitPlanning(app: AppContext, onError: (err: unknown) => void = () => undefined, options: BackgroundOption = {}): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    replanIfDue(app, options)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  return everyAndOnOpen(app, 60 * 60 * 1000, tick);
}
