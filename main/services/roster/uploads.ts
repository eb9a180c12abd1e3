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
import { cellText, readRoster, type ParsedRoster } from './read';
import type { RosterSessions } from './session';
import { completeMapping, validateRoster, type FullMapping } from './validate';
import { commitRoster, type RosterTask } from './commit';

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

/** Reads an uploaded file, keeps it for the owner and answers what the person needs to map its columns. */
export async function parseUpload(
  slot: UploadSlot,
  upload: { fileName: string; base64: string },
  task?: RosterTask,
): Promise<RosterParsed> {
  const data = Buffer.from(upload.base64, 'base64');
  task?.progress(0, 1, 'progress.rosterRead');
  const roster = await readRoster(upload.fileName, data);
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

/** What committing the upload with this mapping would do: creates, updates with their changes, errors. Writes nothing. */
export function previewUpload(db: Db, slot: UploadSlot, input: { sessionId: string; mapping: RosterMapping }): RosterPreview {
  const roster = slot.sessions.get(slot.owner, input.sessionId, slot.now);
  const mapping = mappingFor(roster, input.mapping);
  const resolved = validateRoster(db, roster, mapping);
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
    missingColumns: ROSTER_FIELDS.filter((f) => columnOf(f).required && mapping[f] === null),
  };
}

/** Imports the upload (all or nothing, or only the valid rows with skipInvalid); the upload is then forgotten. */
export async function commitUpload(
  db: Db,
  ctx: WriteContext,
  slot: UploadSlot,
  input: { sessionId: string; mapping: RosterMapping; skipInvalid: boolean },
  task?: RosterTask,
): Promise<RosterCommitResult> {
  const roster = slot.sessions.get(slot.owner, input.sessionId, slot.now);
  const mapping = mappingFor(roster, input.mapping);
  const result = await commitRoster(db, ctx, roster, mapping, { skipInvalid: input.skipInvalid, task });
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
