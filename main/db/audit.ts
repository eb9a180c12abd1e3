import { createHash } from 'node:crypto';
import type { Db } from './connection';
import { cachedStatement } from './statements';
import type { AuditAction } from '../../shared/schemas/audit';

/** Who did something: a logged-in user, or the system itself (setup, scheduled backups, the CLI). */
export interface Actor {
  userId: string | null;
  username: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system' };

export interface AuditRecord {
  entity: string;
  entityId: string | null;
  action: AuditAction;
  changes?: Record<string, unknown> | null;
  /** The person the change concerns, when it is part of a person's record. */
  subjectId?: string | null;
}

const INSERT_AUDIT = `INSERT INTO audit_log (at, user_id, username, entity, entity_id, action, changes, subject_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

/** Call it inside the transaction of the change it records, so the two commit or fail together. */
export function writeAudit(db: Db, actor: Actor, at: string, record: AuditRecord): void {
  cachedStatement(db, INSERT_AUDIT).run(
    at,
    actor.userId,
    actor.username,
    record.entity,
    record.entityId,
    record.action,
    record.changes == null ? null : JSON.stringify(record.changes),
    record.subjectId ?? null,
  );
}

/**
 * The key, in a new record's audit entry, of the columns its creation wrote (audit_shapes). The entry
 * keeps no copy of the values: the record holds them, and the history reads them back from it with
 * the changes logged since undone (main/services/audit/created.ts). Copies of every new record's
 * values were more than half of the audit log, and the audit log half of the database.
 */
export const SHAPE_KEY = '@s';

/** Hashes of the column sets seen, by table and columns (the key is the same in every database). */
const shapeKeys = new Map<string, string>();

const INSERT_SHAPE = 'INSERT OR IGNORE INTO audit_shapes (key, tbl, cols) VALUES (?, ?, ?)';

/**
 * The key of the column set `cols` of `table`, recorded in audit_shapes in the caller's transaction.
 * The key is a hash of the set, so the same set always has the same key in every database and a
 * rolled-back transaction leaves no key pointing nowhere.
 */
export function auditShape(db: Db, table: string, cols: readonly string[]): string {
  const text = cols.join(',');
  const cacheKey = `${table}\0${text}`;
  let key = shapeKeys.get(cacheKey);
  if (key === undefined) {
    key = createHash('sha256').update(table).update('\0').update(text).digest('hex').slice(0, 12);
    if (shapeKeys.size >= 500) shapeKeys.clear();
    shapeKeys.set(cacheKey, key);
  }
  cachedStatement(db, INSERT_SHAPE).run(key, table, text);
  return key;
}

/** 'table.column' of values the audit log must not show. */
const privateColumns = new Set<string>();

/** Every reader role reads the audit log, so a private column (a pension) is logged as changed, without its values. */
export function registerPrivateColumn(table: string, column: string): void {
  privateColumns.add(`${table}.${column}`);
}

export const HIDDEN_VALUE = '***';

/** 'table.column' of values too large to copy into the audit log. */
const bulkyColumns = new Set<string>();

/**
 * A column of large values (a photo's data URL, tens of kilobytes): the audit log records that it was
 * set, replaced or cleared — all a history says of it — not the values.
 */
export function registerBulkyColumn(table: string, column: string): void {
  bulkyColumns.add(`${table}.${column}`);
}

export function isBulkyColumn(table: string, column: string): boolean {
  return bulkyColumns.has(`${table}.${column}`);
}

/** What the audit log keeps of a bulky column's value that is there. */
export const SET_VALUE = '(set)';

/**
 * The changes as the audit log keeps them: private columns say only that they changed, bulky ones
 * only whether each side had a value.
 */
export function withoutPrivateValues(table: string, changes: Record<string, [unknown, unknown]>): Record<string, [unknown, unknown]> {
  let out = changes;
  for (const key of Object.keys(changes)) {
    const name = `${table}.${key}`;
    const hidden = privateColumns.has(name);
    if (!hidden && !bulkyColumns.has(name)) continue;
    if (out === changes) out = { ...changes };
    const [before, after] = changes[key] as [unknown, unknown];
    out[key] = hidden ? [HIDDEN_VALUE, HIDDEN_VALUE] : [before == null ? null : SET_VALUE, after == null ? null : SET_VALUE];
  }
  return out;
}

/** {field: [before, after]} for the fields that differ; undefined in `after` means "not changed". */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) out[key] = [before[key] ?? null, value];
  }
  return out;
}
