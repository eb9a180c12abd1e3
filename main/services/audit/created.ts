/**
 * What a new record's audit entry shows as entered. The entry names only the columns its creation
 * wrote (SHAPE_KEY → audit_shapes); the values are read back from the record itself, with every change
 * logged since undone (each update entry keeps {field: [before, after]}), so the history shows what was
 * entered then, not what the record holds now.
 *
 * A record an imported packet changed afterwards: its state before the first such import is the
 * before-image the import kept (packet_import_rows), and only the changes logged before that import
 * are undone from it. A private column changed since shows as hidden: its earlier value is not logged.
 * A bulky column (a photo) shows only that it was set, as its changes are logged.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { isBulkyColumn, SET_VALUE, SHAPE_KEY } from '../../db/audit';
import { parseVersion } from '../../../shared/versionVector';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

interface Shape {
  tbl: string;
  cols: string[];
}

const shapeCache = new WeakMap<Db, Map<string, Shape | null>>();

function shapeOf(db: Db, key: string): Shape | null {
  let byKey = shapeCache.get(db);
  if (!byKey) {
    byKey = new Map();
    shapeCache.set(db, byKey);
  }
  let shape = byKey.get(key);
  if (shape === undefined) {
    const row = cachedStatement(db, 'SELECT tbl, cols FROM audit_shapes WHERE key = ?').get(key) as { tbl: string; cols: string } | undefined;
    const cols = row ? row.cols.split(',').filter((c) => c !== '') : [];
    // Names are interpolated into SQL below: only plain identifiers, as sync.ts checked them against the schema.
    shape = row && IDENTIFIER.test(row.tbl) && cols.every((c) => IDENTIFIER.test(c)) ? { tbl: row.tbl, cols } : null;
    // Only a found shape is kept: one missing now may be written by a transaction still open.
    if (shape) byKey.set(key, shape);
  }
  return shape;
}

/** Whether the entry is a new record's that keeps no values of its own. */
export function isCompactCreate(action: string, changes: Record<string, unknown> | null): changes is Record<string, unknown> {
  return action === 'create' && changes !== null && typeof changes[SHAPE_KEY] === 'string';
}

const UPDATES_SINCE = `SELECT at, changes FROM audit_log
  WHERE entity = ? AND entity_id = ? AND id > ? AND action = 'update' AND changes IS NOT NULL ORDER BY id DESC`;

const FIRST_IMPORT_BEFORE = `SELECT r.before, i.imported_at FROM packet_import_rows r JOIN packet_imports i ON i.id = r.import_id
  WHERE r.tbl = ? AND r.row_id = ? AND r.before IS NOT NULL AND i.undone_at IS NULL ORDER BY i.id LIMIT 1`;

/**
 * The entry's changes as they read when entries copied the values: the note (if any), then every
 * non-empty value the creation wrote. The note alone when the record is gone.
 */
export function createdValues(db: Db, entry: { id: number; entity: string; entityId: string | null }, changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) if (key !== SHAPE_KEY) out[key] = value;
  const shape = shapeOf(db, String(changes[SHAPE_KEY]));
  if (!shape || entry.entityId === null) return out;
  const row = cachedStatement(db, `SELECT ${shape.cols.map((c) => `"${c}"`).join(', ')}, origin_office AS "@origin", version AS "@version" FROM "${shape.tbl}" WHERE id = ?`).get(
    entry.entityId,
  ) as Record<string, unknown> | undefined;
  if (!row) return out;
  let state: Record<string, unknown> = row;
  let until: string | null = null;
  // A version with another office's count: an imported packet (or a resolved conflict) wrote the row.
  const foreign = Object.keys(parseVersion(String(row['@version']))).some((office) => office !== row['@origin']);
  if (foreign) {
    const image = cachedStatement(db, FIRST_IMPORT_BEFORE).get(shape.tbl, entry.entityId) as { before: string; imported_at: string } | undefined;
    if (image) {
      state = JSON.parse(image.before) as Record<string, unknown>;
      until = image.imported_at;
    }
  }
  const values: Record<string, unknown> = {};
  for (const col of shape.cols) values[col] = state[col] ?? null;
  const updates = cachedStatement(db, UPDATES_SINCE).all(entry.entity, entry.entityId, entry.id) as { at: string; changes: string }[];
  for (const u of updates) {
    if (until !== null && u.at > until) continue;
    const diff = JSON.parse(u.changes) as Record<string, unknown>;
    for (const [field, pair] of Object.entries(diff)) {
      if (field in values && Array.isArray(pair) && pair.length === 2) values[field] = (pair as unknown[])[0] ?? null;
    }
  }
  for (const col of shape.cols) {
    const value = values[col];
    if (value !== null && value !== undefined && value !== '') out[col] = isBulkyColumn(shape.tbl, col) ? SET_VALUE : value;
  }
  return out;
}
