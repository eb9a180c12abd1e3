/**
 * Row conventions of every synchronised table (ARCHITECTURE.md "Data"), defined once:
 *   id            UUIDv7, so ids made in different offices never collide and sort by creation time
 *   created_at    ISO timestamp of creation
 *   updated_at    ISO timestamp of the last change
 *   updated_by    user id (or 'system') of the last change
 *   origin_office id of the office that created the row
 *   version       version vector as canonical JSON: tells "newer" from "concurrent" across offices
 *   deleted_at    tombstone: deletes travel in packets, so rows are never removed
 *
 * Tables declare them with `{{SYNC_COLUMNS}}` in their migration and register here, and write rows
 * only through insertSynced / updateSynced / tombstoneSynced, which keep the metadata and the audit
 * log right in the caller's transaction.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Db } from './connection';
import { writeAudit, diffFields, withoutPrivateValues, auditShape, SHAPE_KEY, type Actor } from './audit';
import { cachedStatement } from './statements';
import { bumpVersion, formatVersion, parseVersion } from '../../shared/versionVector';
import { AppError } from '../../shared/errors';

export const SYNC_COLUMNS_SQL = [
  'id TEXT PRIMARY KEY NOT NULL',
  'created_at TEXT NOT NULL',
  'updated_at TEXT NOT NULL',
  'updated_by TEXT NOT NULL',
  'origin_office TEXT NOT NULL',
  "version TEXT NOT NULL DEFAULT '{}'",
  'deleted_at TEXT',
].join(',\n  ');

export const SYNC_COLUMN_NAMES = ['id', 'created_at', 'updated_at', 'updated_by', 'origin_office', 'version', 'deleted_at'] as const;

/**
 * The synchronised tables, listed by their modules as they load: packets export and merge whatever
 * is listed here. main/db/syncedTables.ts loads every such module and gives the complete list.
 */
const syncedTableNames = new Set<string>();
const officeBound = new Set<string>();

export interface SyncedTableOptions {
  /**
   * Rows with a person_id that still belong to the office, not to the person: they stay behind
   * when the person is transferred to another community (an assistance pair is an arrangement with
   * helpers of this community).
   */
  staysWithOffice?: boolean;
}

export function registerSyncedTable(table: string, options: SyncedTableOptions = {}): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`bad table name ${table}`);
  syncedTableNames.add(table);
  if (options.staysWithOffice) officeBound.add(table);
}

export function staysWithOffice(table: string): boolean {
  return officeBound.has(table);
}

/** The tables registered by the modules loaded so far; syncedTables() in syncedTables.ts has them all. */
export function registeredSyncedTables(): string[] {
  return [...syncedTableNames];
}

export type SqlValue = string | number | bigint | null | Buffer;

export interface WriteContext {
  actor: Actor;
  officeId: string;
  at: string;
  /** The person whose record this write belongs to, for their change history. */
  subjectId?: string | undefined;
  /**
   * Facts recorded with the change in the audit log only (never written to the row), so a history
   * can name what the row points to — e.g. the title of the activity a sign-up belongs to. Keys
   * must not be column names of the table.
   */
  auditNote?: Readonly<Record<string, string>> | undefined;
  /**
   * false: the rows are bookkeeping written in bulk (visit plans rolled forward), and the caller writes
   * one audit entry for the whole batch, with its counts, instead of one per row.
   */
  auditRows?: boolean | undefined;
}

/** The audit changes with the note (if any) in front; a column of the same name would win. */
function withNote(ctx: WriteContext, changes: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!ctx.auditNote) return changes;
  return { ...ctx.auditNote, ...(changes ?? {}) };
}

const columnCache = new WeakMap<Db, Map<string, Set<string>>>();

/** Column names come from the schema itself, so no caller-supplied identifier ever reaches SQL unchecked. */
function columnsOf(db: Db, table: string): Set<string> {
  let byTable = columnCache.get(db);
  if (!byTable) {
    byTable = new Map();
    columnCache.set(db, byTable);
  }
  let cols = byTable.get(table);
  if (!cols) {
    const rows = db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[];
    if (rows.length === 0) throw new Error(`unknown table ${table}`);
    cols = new Set(rows.map((r) => r.name));
    for (const required of SYNC_COLUMN_NAMES) {
      if (!cols.has(required)) throw new Error(`table ${table} lacks sync column ${required}`);
    }
    byTable.set(table, cols);
  }
  return cols;
}

const SYNC_COLUMN_SET: ReadonlySet<string> = new Set(SYNC_COLUMN_NAMES);

function checkDataColumns(db: Db, table: string, values: Record<string, SqlValue>): string[] {
  const cols = columnsOf(db, table);
  const keys = Object.keys(values);
  for (const key of keys) {
    if (!cols.has(key)) throw new Error(`unknown column ${table}.${key}`);
    if (SYNC_COLUMN_SET.has(key)) throw new Error(`${table}.${key} is managed by sync.ts`);
  }
  return keys;
}

/** The version of a row created by `officeId`: the same text for every row it creates. */
const firstVersions = new Map<string, string>();

function firstVersion(officeId: string): string {
  let text = firstVersions.get(officeId);
  if (text === undefined) {
    text = formatVersion(bumpVersion({}, officeId));
    if (firstVersions.size >= 100) firstVersions.clear();
    firstVersions.set(officeId, text);
  }
  return text;
}

const META_COLUMNS = ['id', 'created_at', 'updated_at', 'updated_by', 'origin_office', 'version'] as const;

/** INSERT text per table and column list (the names are checked against the schema before they get here). */
const insertTexts = new Map<string, string>();

function insertSql(table: string, keys: readonly string[]): string {
  const cacheKey = `${table}\u0000${keys.join(',')}`;
  let sql = insertTexts.get(cacheKey);
  if (sql === undefined) {
    const names = [...META_COLUMNS, ...keys];
    sql = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
    if (insertTexts.size >= 500) insertTexts.clear();
    insertTexts.set(cacheKey, sql);
  }
  return sql;
}

export function insertSynced(
  db: Db,
  ctx: WriteContext,
  table: string,
  values: Record<string, SqlValue>,
  entity = table,
  /** The new row is itself the subject of its history (a person). */
  options: { subjectIsRow?: boolean } = {},
): string {
  const keys = checkDataColumns(db, table, values);
  const id = uuidv7();
  const params: SqlValue[] = [id, ctx.at, ctx.at, ctx.actor.userId ?? ctx.actor.username, ctx.officeId, firstVersion(ctx.officeId)];
  for (const key of keys) params.push(values[key] ?? null);
  cachedStatement(db, insertSql(table, keys)).run(...params);
  const subjectId = options.subjectIsRow ? id : (ctx.subjectId ?? null);
  // The values entered are the row's own: the entry names only which columns were written.
  if (ctx.auditRows !== false) writeAudit(db, ctx.actor, ctx.at, { entity, entityId: id, action: 'create', changes: withNote(ctx, { [SHAPE_KEY]: auditShape(db, table, keys) }), subjectId });
  return id;
}

/** Updates the given fields; writes nothing (and no audit) when nothing actually changes. */
export function updateSynced(
  db: Db,
  ctx: WriteContext,
  table: string,
  id: string,
  values: Record<string, SqlValue>,
  entity = table,
): { changed: boolean } {
  const keys = checkDataColumns(db, table, values);
  const before = cachedStatement(db, `SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, SqlValue> | undefined;
  if (!before || before['deleted_at'] != null) throw new AppError('NOT_FOUND', `${entity} ${id} not found`, { entity, id });
  const changes = diffFields(before, values);
  const changedKeys = keys.filter((k) => k in changes);
  if (changedKeys.length === 0) return { changed: false };
  const version = formatVersion(bumpVersion(parseVersion(String(before['version'])), ctx.officeId));
  const sets = [...changedKeys.map((k) => `${k} = ?`), 'updated_at = ?', 'updated_by = ?', 'version = ?'];
  cachedStatement(db, `UPDATE ${table} SET ${sets.join(', ')} WHERE id = ?`).run(
    ...changedKeys.map((k) => values[k] ?? null),
    ctx.at,
    ctx.actor.userId ?? ctx.actor.username,
    version,
    id,
  );
  if (ctx.auditRows !== false) writeAudit(db, ctx.actor, ctx.at, { entity, entityId: id, action: 'update', changes: withNote(ctx, withoutPrivateValues(table, changes)), subjectId: ctx.subjectId ?? null });
  return { changed: true };
}

export function tombstoneSynced(db: Db, ctx: WriteContext, table: string, id: string, entity = table): void {
  columnsOf(db, table);
  const before = cachedStatement(db, `SELECT version, deleted_at FROM ${table} WHERE id = ?`).get(id) as
    | { version: string; deleted_at: string | null }
    | undefined;
  if (!before || before.deleted_at != null) throw new AppError('NOT_FOUND', `${entity} ${id} not found`, { entity, id });
  const version = formatVersion(bumpVersion(parseVersion(before.version), ctx.officeId));
  cachedStatement(db, `UPDATE ${table} SET deleted_at = ?, updated_at = ?, updated_by = ?, version = ? WHERE id = ?`).run(
    ctx.at,
    ctx.at,
    ctx.actor.userId ?? ctx.actor.username,
    version,
    id,
  );
  if (ctx.auditRows !== false) writeAudit(db, ctx.actor, ctx.at, { entity, entityId: id, action: 'delete', changes: withNote(ctx, null), subjectId: ctx.subjectId ?? null });
}
