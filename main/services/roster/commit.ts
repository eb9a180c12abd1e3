/**
 * Commits a roster: all or nothing, in one transaction. New ID numbers create persons, registered
 * ones update them, both through createPerson/updatePerson so the audit log and the sync metadata
 * are written exactly as for a form. By default a roster with any error writes nothing
 * (ROSTER_HAS_ERRORS); with skipInvalid only the rows without errors are written.
 *
 * The rows are converted first in slices that yield to the event loop (progress is sent and a
 * cancel can arrive); then one transaction checks them against the database and writes, also in
 * slices, held open across them behind the app's write gate (main/db/writeGate.ts), so a long
 * roster does not stop the process answering. A cancel noticed at any point rolls back: nothing is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/connection';
import type { WriteContext } from '../../db/sync';
import { SYSTEM_ACTOR, type Actor } from '../../db/audit';
import { officeIdOf } from '../../handlerContext';
import { AppError } from '../../../shared/errors';
import { createPerson, updatePerson } from '../persons/persons';
import { autoMapping, type RosterMapping } from './headers';
import { fileTooLarge, MAX_FILE_BYTES, readRoster, type ParsedRoster } from './read';
import { getSettings } from '../settings/settings';
import type { RosterProblem } from './problems';
import { completeMapping, prepareRows, resolveRowsInSlices, type FullMapping } from './validate';
import { WriteGate } from '../../db/writeGate';
import { eventLoopTurns } from '../../tasks';

/** What a commit needs of a task: progress and cancel (the TaskHandle of dispatch fits). */
export interface RosterTask {
  /** The task's id, so the write gate does not wait for the task that holds it. */
  readonly id?: string;
  progress(done: number, total: number, stage: string): void;
  throwIfCancelled(): void;
}

export const PROGRESS_EVERY = 200;

export interface CommitResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows left out because they have errors (only with skipInvalid). */
  skipped: number;
  /** The problems of the skipped rows. */
  errors: RosterProblem[];
}

/** How many problems travel in the details of ROSTER_HAS_ERRORS. */
export const MAX_REPORTED_ERRORS = 200;

export function rosterHasErrors(errors: readonly RosterProblem[], errorRows: number): AppError {
  return new AppError('ROSTER_HAS_ERRORS', `${errorRows} row(s) of the roster have errors; nothing was imported.`, {
    errorCount: errors.length,
    errorRowCount: errorRows,
    errors: errors.slice(0, MAX_REPORTED_ERRORS),
  });
}

export interface CommitOptions {
  skipInvalid: boolean;
  /** Grid names of the file that are not grids yet are created (the person confirmed them); else their rows are refused. */
  createGrids?: boolean | undefined;
  task?: RosterTask | undefined;
  /** The app's write gate (the import holds it while its transaction is open); a private one for the CLI. */
  gate?: WriteGate | undefined;
}

export async function commitRoster(db: Db, ctx: WriteContext, roster: ParsedRoster, mapping: FullMapping, options: CommitOptions): Promise<CommitResult> {
  const task = options.task;
  const total = roster.rows.length;
  task?.progress(0, total, 'progress.rosterCheck');
  const prepared = await prepareRows(roster, mapping, {
    every: PROGRESS_EVERY,
    onSlice: (done) => {
      task?.throwIfCancelled();
      task?.progress(done, total, 'progress.rosterCheck');
    },
  });
  task?.throwIfCancelled();

  const gate = options.gate ?? new WriteGate();
  const turn = eventLoopTurns();
  // One transaction from the first check against the database to the last write, held open
  // across slices: nothing else writes meanwhile (the gate), and a cancel or a failure at any
  // point rolls everything back.
  return gate.transaction(
    db,
    async (): Promise<CommitResult> => {
      const resolved = await resolveRowsInSlices(db, prepared, mapping, roster.headers, {
        every: 1,
        between: async (done, all) => {
          if (done % PROGRESS_EVERY === 0) {
            task?.throwIfCancelled();
            task?.progress(done, all, 'progress.rosterCheck');
          }
          await turn();
        },
      }, { createGrids: options.createGrids ?? false });
      const bad = resolved.filter((r) => r.kind === 'error');
      const errors = bad.flatMap((r) => r.problems);
      if (bad.length > 0 && !options.skipInvalid) throw rosterHasErrors(errors, bad.length);
      const result: CommitResult = { rows: resolved.length, created: 0, updated: 0, unchanged: 0, skipped: bad.length, errors };
      const writes = resolved.filter((r) => r.kind === 'create' || r.kind === 'update');
      result.unchanged = resolved.filter((r) => r.kind === 'unchanged').length;
      for (let i = 0; i < writes.length; i++) {
        if (i % PROGRESS_EVERY === 0) {
          task?.throwIfCancelled();
          task?.progress(i, writes.length, 'progress.rosterWrite');
        }
        await turn();
        const r = writes[i] as (typeof writes)[number];
        if (!r.fields) continue;
        if (r.kind === 'create') {
          createPerson(db, ctx, r.fields);
          result.created++;
        } else if (r.personId) {
          if (updatePerson(db, ctx, r.personId, r.fields).changed) result.updated++;
          else result.unchanged++;
        }
      }
      task?.progress(writes.length, writes.length, 'progress.rosterWrite');
      // The last moment a cancel can still undo everything.
      task?.throwIfCancelled();
      return result;
    },
    task?.id,
  );
}

export interface ImportOptions {
  skipInvalid?: boolean;
  /** Create the grids the file names that do not exist yet; by default their rows are refused. */
  createGrids?: boolean;
  /** Field → column index; by default the columns are matched by their headers. */
  mapping?: RosterMapping;
  /** Who is recorded in the audit log; the system by default (the CLI, the bench). */
  actor?: Actor;
  task?: RosterTask;
  now?: Date;
  /** Rows allowed below the header; the office setting by default. */
  maxRows?: number;
  /** The app's write gate, as the roster.commit channel passes it; a private one by default (the CLI). */
  gate?: WriteGate;
}

export interface ImportResult extends CommitResult {
  headerRow: number;
  headers: string[];
}

/**
 * Reads and imports a roster file in one call: for the CLI, the bench and scripts.
 * `source` is a file path, or a file name with its bytes.
 */
export async function importRosterFile(
  db: Db,
  source: string | { fileName: string; data: Buffer },
  options: ImportOptions = {},
): Promise<ImportResult> {
  let fileName: string;
  let data: Buffer;
  if (typeof source === 'string') {
    fileName = path.basename(source);
    try {
      // A file over the limit is refused from its size, without reading it.
      if (fs.statSync(source).size > MAX_FILE_BYTES) throw fileTooLarge();
      data = fs.readFileSync(source);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('ROSTER_FILE_UNREADABLE', `Cannot read ${source}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, {
        reason: 'notFound',
      });
    }
  } else {
    ({ fileName, data } = source);
  }
  const roster = await readRoster(fileName, data, { maxRows: options.maxRows ?? getSettings(db).rosterMaxRows, task: options.task });
  const mapping = completeMapping(options.mapping ?? autoMapping(roster.headers), roster.headers.length);
  const ctx: WriteContext = {
    actor: options.actor ?? SYSTEM_ACTOR,
    officeId: officeIdOf(db),
    at: (options.now ?? new Date()).toISOString(),
  };
  const result = await commitRoster(db, ctx, roster, mapping, {
    skipInvalid: options.skipInvalid === true,
    createGrids: options.createGrids === true,
    task: options.task,
    gate: options.gate,
  });
  return { ...result, headerRow: roster.headerRow, headers: roster.headers };
}
