/**
 * Conflicts kept by imports (merge.ts), shown side by side and resolved by a person: keep the local
 * version, take the packet's, or merge field by field. The result is written as a new version —
 * the two versions merged (mergeVersions) and bumped for this office — so it is newer than both and
 * wins in every office it travels to.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { selectPage, Where } from '../../db/paged';
import { writeAudit } from '../../db/audit';
import type { WriteContext } from '../../db/sync';
import { AppError, fieldError } from '../../../shared/errors';
import { bumpVersion, formatVersion, mergeVersions, parseVersion } from '../../../shared/versionVector';
import type { Conflict, ResolveConflictInput } from '../../../shared/schemas/packets';
import { decodeRow, SYNC_META_COLUMNS, type Row } from './format';
import { Merger, markResolved, supersede, TableWriter } from './merge';
import { tableMap } from './tables';

interface ConflictRow {
  id: string;
  table_name: string;
  row_id: string;
  kind: Conflict['kind'];
  local_row: string | null;
  remote_row: string;
  remote_version: string;
  packet_id: string | null;
  sender_office_id: string | null;
  sender_name: string | null;
  detail: string;
  detected_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: Conflict['resolution'];
}

const META = new Set<string>(SYNC_META_COLUMNS.filter((c) => c !== 'deleted_at'));

function parseRow(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  const v: unknown = JSON.parse(text);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Columns whose values differ between the two sides, sync metadata aside (a delete counts). */
export function differingColumns(local: Record<string, unknown> | null, remote: Record<string, unknown>): string[] {
  const cols = new Set([...Object.keys(remote), ...Object.keys(local ?? {})]);
  return [...cols].filter((c) => !META.has(c) && JSON.stringify(local?.[c] ?? null) !== JSON.stringify(remote[c] ?? null));
}

function labelOf(db: Db, table: string, local: Record<string, unknown> | null, remote: Record<string, unknown>): { label: string; personId: string | null } {
  if (table === 'persons') {
    const name = local?.['name'] ?? remote['name'];
    return { label: typeof name === 'string' ? name : '', personId: String(remote['id']) };
  }
  const personId = remote['person_id'] ?? local?.['person_id'];
  if (typeof personId !== 'string') return { label: '', personId: null };
  const row = cachedStatement(db, 'SELECT name FROM persons WHERE id = ?').get(personId) as { name: string } | undefined;
  return { label: row?.name ?? '', personId };
}

function toConflict(db: Db, r: ConflictRow): Conflict {
  const remote = parseRow(r.remote_row) ?? {};
  // An open conflict shows the local row as it is now; a resolved one as it was when kept.
  let local = parseRow(r.local_row);
  if (r.resolved_at === null && r.kind !== 'unique') {
    try {
      // eslint-disable-next-line no-restricted-syntax -- the table a stored conflict names; not a text to keep
      const now = db.prepare(`SELECT * FROM "${r.table_name}" WHERE id = ?`).get(r.row_id) as Record<string, unknown> | undefined;
      if (now) local = now;
    } catch {
      // The table is gone from this schema: show what was kept.
    }
  }
  const { label, personId } = labelOf(db, r.table_name, local, remote);
  return {
    id: r.id,
    table: r.table_name,
    rowId: r.row_id,
    kind: r.kind,
    label,
    personId,
    local,
    remote,
    differing: differingColumns(local, remote),
    packetId: r.packet_id,
    senderOfficeId: r.sender_office_id,
    senderName: r.sender_name ?? '',
    detail: r.detail,
    detectedAt: r.detected_at,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    resolution: r.resolution,
  };
}

const SELECT = `SELECT c.*, t.name AS sender_name FROM sync_conflicts c LEFT JOIN trusted_offices t ON t.office_id = c.sender_office_id`;

export function listConflicts(db: Db, query: { status: 'open' | 'resolved' | 'all'; limit: number; offset: number }): { total: number; capped: boolean; rows: Conflict[] } {
  const where = new Where();
  if (query.status === 'open') where.and('c.resolved_at IS NULL');
  if (query.status === 'resolved') where.and('c.resolved_at IS NOT NULL');
  const { total, capped, rows } = selectPage<ConflictRow>(db, { select: SELECT, countFrom: 'FROM sync_conflicts c', orderBy: 'c.detected_at DESC, c.id DESC' }, where, query);
  return { total, capped, rows: rows.map((r) => toConflict(db, r)) };
}

export function countOpenConflicts(db: Db): number {
  return (cachedStatement(db, 'SELECT count(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL').get() as { n: number }).n;
}

export function getConflict(db: Db, id: string): Conflict {
  const row = cachedStatement(db, `${SELECT} WHERE c.id = ?`).get(id) as ConflictRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Conflict ${id} not found.`, { entity: 'conflict', id });
  return toConflict(db, row);
}

/**
 * Resolves one conflict in the caller's transaction. The row written is a new version that
 * dominates both sides; a row that still cannot be written (the clash or the missing record is
 * still there) is CONFLICT_STILL_BLOCKED and nothing changes.
 */
export function resolveConflict(db: Db, ctx: WriteContext, input: ResolveConflictInput): { version: string | null; retried: number } {
  const c = cachedStatement(db, 'SELECT * FROM sync_conflicts WHERE id = ?').get(input.id) as ConflictRow | undefined;
  if (!c) throw new AppError('NOT_FOUND', `Conflict ${input.id} not found.`, { entity: 'conflict', id: input.id });
  if (c.resolved_at !== null) throw new AppError('CONFLICT_ALREADY_RESOLVED', 'This conflict has already been resolved.', { resolvedAt: c.resolved_at, resolvedBy: c.resolved_by });
  const metas = tableMap(db);
  const meta = metas.get(c.table_name);
  if (!meta) throw new AppError('NOT_FOUND', `The table ${c.table_name} is not synchronised any more.`, { entity: c.table_name, id: c.row_id });
  const writer = new TableWriter(db, meta);
  const remote = decodeRow(c.table_name, JSON.parse(c.remote_row));
  const current = writer.get(c.row_id);
  const by = ctx.actor.userId ?? ctx.actor.username;

  if (!current && input.choice === 'merge') {
    throw fieldError('choice', 'conflict.noLocal', 'There is no local record to merge with; keep the local side or take the packet’s.');
  }
  if (input.fields) {
    for (const col of Object.keys(input.fields)) {
      if (!meta.columnSet.has(col) || META.has(col)) {
        throw fieldError(`fields.${col}`, 'conflict.field', `${col} is not a field of ${c.table_name} that can be chosen.`);
      }
    }
  }

  let version: string | null = null;
  if (!current) {
    // The packet's row never got in (a clash, a missing reference): keep ours = drop theirs; take theirs = try again.
    if (input.choice === 'remote') {
      try {
        writer.insert(remote);
      } catch (err) {
        throw blocked(err);
      }
      version = String(remote['version']);
    }
  } else {
    const merged = formatVersion(bumpVersion(mergeVersions(parseVersion(String(current['version'])), parseVersion(String(remote['version']))), ctx.officeId));
    const next: Row = { ...current };
    for (const col of meta.columns) {
      if (META.has(col)) continue;
      const side = input.choice === 'merge' ? (input.fields?.[col] ?? 'local') : input.choice;
      if (side === 'remote' && col in remote) next[col] = remote[col] ?? null;
    }
    next['version'] = merged;
    next['updated_at'] = ctx.at;
    next['updated_by'] = by;
    try {
      writer.update(next, current);
    } catch (err) {
      throw blocked(err);
    }
    const changes: Record<string, [unknown, unknown]> = {};
    for (const col of meta.columns) {
      if (META.has(col)) continue;
      if (JSON.stringify(current[col] ?? null) !== JSON.stringify(next[col] ?? null)) changes[col] = [current[col] ?? null, next[col] ?? null];
    }
    const personId = c.table_name === 'persons' ? c.row_id : typeof current['person_id'] === 'string' ? current['person_id'] : null;
    writeAudit(db, ctx.actor, ctx.at, { entity: c.table_name, entityId: c.row_id, action: 'update', changes: { ...changes, conflict: input.choice }, subjectId: personId });
    version = merged;
    supersede(db, c.table_name, c.row_id, parseVersion(merged), ctx.at);
  }
  markResolved(db, c.id, ctx.at, ctx.actor.username, input.choice, version);
  // A row let in may be the missing parent of rows held for a reference.
  const merger = new Merger({ db, officeId: ctx.officeId, at: ctx.at, actor: ctx.actor, packetId: null, senderOfficeId: null, clearMissingReferences: false }, metas);
  const retried = merger.retryReferences();
  return { version, retried };
}

function blocked(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('CONFLICT_STILL_BLOCKED', 'The record still cannot be written here: what it clashes with or refers to has not changed.', {
    reason: (err as Error).message.slice(0, 200),
  });
}
