/**
 * The roster channels of the contract (roster.template, .parse, .preview, .commit, .export), as
 * handlers over the roster services; main/handlers.ts lists them.
 */
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { toDateString } from '../../../shared/dates';
import type { HandlerCtx } from '../../handlerContext';
import { writeContextOf } from '../../handlerContext';
import { autoMapping, columnOf, ROSTER_FIELDS, type RosterMapping } from './headers';
import { cellText, readRoster, type ParsedRoster } from './read';
import { rosterSessionsOf } from './session';
import { completeMapping, validateRoster, type FullMapping } from './validate';
import { commitRoster } from './commit';
import { exportRoster } from './export';
import { TEMPLATE_FILE_NAME, templateBuffer } from './template';
import { ALL_PERSONS, type PersonScope } from '../scope';

/** How many rows the parse answer shows, for choosing the columns. */
export const SAMPLE_ROWS = 5;
/** How many updates and errors the preview lists (the counts are always complete). */
export const PREVIEW_LIST_LIMIT = 1000;

export async function rosterTemplate(): Promise<ChannelOutput<'roster.template'>> {
  return { fileName: TEMPLATE_FILE_NAME, base64: (await templateBuffer()).toString('base64') };
}

export async function rosterParse(ctx: HandlerCtx, input: ChannelParsedInput<'roster.parse'>): Promise<ChannelOutput<'roster.parse'>> {
  const data = Buffer.from(input.base64, 'base64');
  ctx.task?.progress(0, 1, 'progress.rosterRead');
  const roster = await readRoster(input.fileName, data);
  ctx.task?.throwIfCancelled();
  const sessionId = rosterSessionsOf(ctx.app).put(ctx.session.id, roster, ctx.now.getTime());
  ctx.task?.progress(1, 1, 'progress.rosterRead');
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

function mappingFor(roster: ParsedRoster, mapping: RosterMapping): FullMapping {
  for (const [field, index] of Object.entries(mapping)) {
    if (index !== null && index !== undefined && index >= roster.headers.length) {
      throw new AppError('INVALID_INPUT', `Column ${index} does not exist in the roster.`, {
        issues: [{ path: `mapping.${field}`, message: 'roster.noSuchColumn', code: 'custom' }],
      });
    }
  }
  return completeMapping(mapping, roster.headers.length);
}

export function rosterPreview(ctx: HandlerCtx, input: ChannelParsedInput<'roster.preview'>): ChannelOutput<'roster.preview'> {
  const roster = rosterSessionsOf(ctx.app).get(ctx.session.id, input.sessionId, ctx.now.getTime());
  const mapping = mappingFor(roster, input.mapping);
  const resolved = validateRoster(ctx.db, roster, mapping);
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

export async function rosterCommit(ctx: HandlerCtx, input: ChannelParsedInput<'roster.commit'>): Promise<ChannelOutput<'roster.commit'>> {
  const sessions = rosterSessionsOf(ctx.app);
  const roster = sessions.get(ctx.session.id, input.sessionId, ctx.now.getTime());
  const mapping = mappingFor(roster, input.mapping);
  const result = await commitRoster(ctx.db, writeContextOf(ctx), roster, mapping, { skipInvalid: input.skipInvalid, task: ctx.task });
  // Imported: the upload is done with (importing it again would only find it unchanged).
  sessions.delete(input.sessionId);
  return {
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    skipped: result.skipped,
    skippedRows: [...new Set(result.errors.map((e) => e.row))],
  };
}

/** The list as the user sees it: a grid worker exports their own persons only. */
export async function rosterExport(
  ctx: HandlerCtx,
  input: ChannelParsedInput<'roster.export'>,
  scope: PersonScope = ALL_PERSONS,
): Promise<ChannelOutput<'roster.export'>> {
  ctx.task?.progress(0, 1, 'progress.rosterExport');
  const { fileName, data, count } = await exportRoster(ctx.db, input, toDateString(ctx.now), scope);
  ctx.task?.progress(1, 1, 'progress.rosterExport');
  return { fileName, base64: data.toString('base64'), count };
}
