/**
 * A roster imported through the app: the file is uploaded once and parsed (kept in main by id, for
 * the client session that uploaded it), then previewed and committed by id with the columns the
 * person chose. The CLI imports a file in one call instead (importRosterFile in commit.ts).
 */
import type { Db } from '../../db/connection';
import type { WriteContext } from '../../db/sync';
import { fieldError } from '../../../shared/errors';
import type { RosterCommitResult, RosterParsed, RosterPreview } from '../../../shared/schemas/roster';
import { autoMapping, columnOf, ROSTER_FIELDS, type RosterMapping } from './headers';
import { cellText, fileTooLarge, MAX_FILE_BYTES, readRoster, type ParsedRoster } from './read';
import { getSettings } from '../settings/settings';
import type { RosterSessions } from './session';
import { completeMapping, prepareRows, resolveRowsInSlices, type FullMapping, type ResolvedRow } from './validate';
import { eventLoopTurns } from '../../tasks';
import { commitRoster, PROGRESS_EVERY, type RosterTask } from './commit';
import type { WriteGate } from '../../db/writeGate';

/** How many rows the parse answer shows, for choosing the columns. */
export const SAMPLE_ROWS = 5;
/** How many updates and errors the preview lists (the counts are always complete). */
export const PREVIEW_LIST_LIMIT = 1000;

/** Where uploads are kept and whose they are: the store, the uploading client session, the time now (ms). */
export interface UploadSlot {
  sessions: RosterSessions;
  owner: string;
  now: number;
}

/**
 * Reads an uploaded file, keeps it for the owner and answers what the person needs to map its
 * columns. A file over the size limit is refused before it is decoded, one over the office's row
 * limit as soon as it has read that far; either way nothing is kept.
 */
export async function parseUpload(
  db: Db,
  slot: UploadSlot,
  upload: { fileName: string; base64: string },
  task?: RosterTask,
): Promise<RosterParsed> {
  // Four base64 characters carry three bytes.
  if (Math.floor((upload.base64.length * 3) / 4) > MAX_FILE_BYTES + 2) throw fileTooLarge();
  const data = Buffer.from(upload.base64, 'base64');
  task?.progress(0, 1, 'progress.rosterRead');
  const roster = await readRoster(upload.fileName, data, { maxRows: getSettings(db).rosterMaxRows, task });
  task?.throwIfCancelled();
  const sessionId = slot.sessions.put(slot.owner, roster, slot.now);
  task?.progress(1, 1, 'progress.rosterRead');
  return {
    sessionId,
    fileName: roster.fileName,
    sheetName: roster.sheetName,
    headers: roster.headers,
    headerRow: roster.headerRow,
    mapping: autoMapping(roster.headers),
    sampleRows: roster.rows.slice(0, SAMPLE_ROWS).map((r) => ({ row: r.row, cells: r.cells.map(cellText) })),
    rowCount: roster.rows.length,
  };
}

/** The mapping the person chose, refused where it names a column the file does not have. */
function mappingFor(roster: ParsedRoster, mapping: RosterMapping): FullMapping {
  for (const [field, index] of Object.entries(mapping)) {
    if (index !== null && index !== undefined && index >= roster.headers.length) {
      throw fieldError(`mapping.${field}`, 'roster.noSuchColumn', `Column ${index} does not exist in the roster.`);
    }
  }
  return completeMapping(mapping, roster.headers.length);
}

/**
 * What committing the upload with this mapping would do: creates, updates with their changes,
 * errors. Writes nothing. Checked in slices with turns of the event loop between them, so a long
 * roster does not hold up other calls; the commit checks everything again in its transaction.
 */
export async function previewUpload(
  db: Db,
  slot: UploadSlot,
  input: { sessionId: string; mapping: RosterMapping; createGrids?: boolean | undefined },
  task?: RosterTask,
): Promise<RosterPreview> {
  const roster = slot.sessions.get(slot.owner, input.sessionId, slot.now);
  const mapping = mappingFor(roster, input.mapping);
  const total = roster.rows.length;
  const turn = eventLoopTurns();
  const between = async (done: number) => {
    if (done % PROGRESS_EVERY === 0) {
      task?.throwIfCancelled();
      task?.progress(done, total, 'progress.rosterCheck');
    }
    await turn();
  };
  const prepared = await prepareRows(roster, mapping, { every: PROGRESS_EVERY, onSlice: () => undefined });
  const resolved = await resolveRowsInSlices(db, prepared, mapping, roster.headers, { every: 1, between }, { createGrids: input.createGrids ?? false });
  const updates = resolved.filter((r) => r.kind === 'update');
  const bad = resolved.filter((r) => r.kind === 'error');
  const errors = bad.flatMap((r) => r.problems);
  return {
    rows: resolved.length,
    creates: resolved.filter((r) => r.kind === 'create').length,
    updateCount: updates.length,
    updates: updates.slice(0, PREVIEW_LIST_LIMIT).map((r) => ({ row: r.row, personId: r.personId ?? '', name: r.name, changes: r.changes })),
    unchanged: resolved.filter((r) => r.kind === 'unchanged').length,
    errorCount: errors.length,
    errorRowCount: bad.length,
    errors: errors.slice(0, PREVIEW_LIST_LIMIT).map((e) => ({
      row: e.row,
      column: e.column,
      field: e.field,
      code: e.code,
      value: e.value,
      otherRow: e.otherRow ?? null,
    })),
    validCount: resolved.length - bad.length,
    newGrids: newGridsOf(resolved),
    missingColumns: ROSTER_FIELDS.filter((f) => columnOf(f).required && mapping[f] === null),
  };
}

/** The grid names of the file that are not grids yet, each with how many rows give it, in the order they first appear. */
function newGridsOf(rows: readonly ResolvedRow[]): { name: string; rows: number }[] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.newGrid !== undefined) counts.set(r.newGrid, (counts.get(r.newGrid) ?? 0) + 1);
  return [...counts].map(([name, n]) => ({ name, rows: n }));
}

/** Imports the upload (all or nothing, or only the valid rows with skipInvalid); the upload is then forgotten. */
export async function commitUpload(
  db: Db,
  gate: WriteGate,
  ctx: WriteContext,
  slot: UploadSlot,
  input: { sessionId: string; mapping: RosterMapping; skipInvalid: boolean; createGrids?: boolean | undefined },
  task?: RosterTask,
): Promise<RosterCommitResult> {
  const roster = slot.sessions.get(slot.owner, input.sessionId, slot.now);
  const mapping = mappingFor(roster, input.mapping);
  const result = await commitRoster(db, ctx, roster, mapping, { skipInvalid: input.skipInvalid, createGrids: input.createGrids ?? false, task, gate });
  // Imported: the upload is done with (importing it again would only find it unchanged).
  slot.sessions.delete(input.sessionId);
  return {
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    skipped: result.skipped,
    skippedRows: [...new Set(result.errors.map((e) => e.row))],
  };
}
