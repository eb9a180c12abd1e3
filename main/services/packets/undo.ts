/**
 * 撤销这次导入: undoing an imported packet from what its import recorded in its own transaction
 * (0012-packet-undo.sql): the rows it inserted (ids, or ranges of rowids where it inserted set-wise),
 * the rows it changed as they were before, the conflicts it closed. The cost follows the packet, never the size of the database.
 *
 * An import can be undone while nothing has changed its rows since: each row it wrote still has
 * the change number the import gave it (sync_row_seq), no conflict it brought has been resolved,
 * and no record made since refers to a row it brought. Otherwise the undo is refused with the rows
 * named, and nothing changes: later edits are never thrown away silently (undo the later import
 * first, or keep this one). After an undo the same packet file can be imported again.
 *
 * Undone: inserted rows are removed (children before parents), changed rows get back their values
 * and their change numbers (the version vectors they get back are older than what the sender
 * holds, so sending them again would change nothing anywhere), conflicts the import kept are
 * removed, conflicts it closed are open again. The packet log keeps the packet, marked undone; the receipt
 * already sent stays sent.
 */
import type { Db } from '../../db/connection';
import { writeAudit, type Actor } from '../../db/audit';
import { cachedStatement } from '../../db/statements';
import { AppError } from '../../../shared/errors';
import type { UndoImportResult } from '../../../shared/schemas/packets';
import { decodeRow, type Row } from './format';
import { CLOSED_CONFLICTS } from './merge';
import { PERSON_TABLE, syncedTableMetas, tableMap, type TableMeta } from './tables';

/** The conflicts an import closed (import id, CLOSED_CONFLICTS). */
const CLOSED_HERE = 'SELECT row_id FROM packet_import_rows WHERE import_id = ? AND tbl = ?';

/** Rows named in a refusal, at most. */
const NAMED = 20;

export interface ImportRecord {
  id: number;
  packet_id: string;
  kind: string;
  sender_office_id: string;
  sender_name: string;
  change_seq: number;
  imported_at: string;
  user_id: string | null;
  username: string;
  undone_at: string | null;
  undone_by: string | null;
}

export interface ImportRange {
  tbl: string;
  first_rowid: number;
  last_rowid: number;
}

/** The rows an import inserted set-wise, as ranges of rowids per table. */
export function importRanges(db: Db, importId: number): ImportRange[] {
  return cachedStatement(db, 'SELECT tbl, first_rowid, last_rowid FROM packet_import_ranges WHERE import_id = ? ORDER BY tbl, first_rowid').all(importId) as ImportRange[];
}

/** Which rows of a table an import inserted: one by one (packet_import_rows) or set-wise (ranges). */
function insertedWhere(importId: number, table: string, ranges: readonly ImportRange[]): { sql: string; params: (string | number)[] } {
  const parts = ['id IN (SELECT row_id FROM packet_import_rows WHERE import_id = ? AND tbl = ? AND before IS NULL)'];
  const params: (string | number)[] = [importId, table];
  for (const r of ranges) {
    if (r.tbl !== table) continue;
    parts.push('rowid BETWEEN ? AND ?');
    params.push(r.first_rowid, r.last_rowid);
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}

export function importRecordOf(db: Db, packetId: string): ImportRecord | null {
  return (cachedStatement(db, 'SELECT * FROM packet_imports WHERE packet_id = ?').get(packetId) as ImportRecord | undefined) ?? null;
}

interface BlockingRow {
  table: string;
  id: string;
  personId: string | null;
  person: string;
  why: 'changed' | 'referenced' | 'conflict-resolved';
}

function personOf(db: Db, metas: Map<string, TableMeta>, table: string, id: string): { personId: string | null; person: string } {
  let personId: string | null = null;
  if (table === PERSON_TABLE) personId = id;
  else if (metas.get(table)?.columnSet.has('person_id')) {
    const r = cachedStatement(db, `SELECT person_id FROM "${table}" WHERE id = ?`).get(id) as { person_id: string | null } | undefined;
    personId = r?.person_id ?? null;
  }
  if (personId === null) return { personId: null, person: '' };
  const p = cachedStatement(db, `SELECT name FROM "${PERSON_TABLE}" WHERE id = ?`).get(personId) as { name: string } | undefined;
  return { personId, person: p?.name ?? '' };
}

function blocked(db: Db, metas: Map<string, TableMeta>, imp: ImportRecord, rows: Omit<BlockingRow, 'personId' | 'person'>[], total: number): AppError {
  const named = rows.slice(0, NAMED).map((r) => ({ ...r, ...(metas.has(r.table) ? personOf(db, metas, r.table, r.id) : { personId: null, person: '' }) }));
  const list = named.map((r) => `${r.table} ${r.id}${r.person ? `（${r.person}）` : ''}`).join('; ');
  return new AppError(
    'IMPORT_UNDO_BLOCKED',
    `The import of this packet cannot be undone: ${total} record(s) it brought were changed or used since (${list}${total > named.length ? '; …' : ''}). Nothing was changed.`,
    { packetId: imp.packet_id, sender: imp.sender_name, rows: named, total },
  );
}

/** Tables that refer to `table` (every table of the database, synchronised or not), by column. */
function referencesTo(db: Db, table: string): { child: string; column: string }[] {
  const tables = cachedStatement(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  const out: { child: string; column: string }[] = [];
  for (const t of tables) {
    for (const fk of cachedStatement(db, 'SELECT "table" AS parent, "from" AS col FROM pragma_foreign_key_list(?)').all(t.name) as { parent: string; col: string }[]) {
      if (fk.parent === table) out.push({ child: t.name, column: fk.col });
    }
  }
  return out;
}

function checkUndoable(db: Db, imp: ImportRecord | null, packetId: string): ImportRecord {
  if (!imp) {
    const logged = cachedStatement(db, "SELECT kind FROM packet_log WHERE packet_id = ? AND direction = 'in'").get(packetId) as { kind: string } | undefined;
    throw new AppError('IMPORT_UNDO_UNAVAILABLE', logged ? 'This import cannot be undone (a receipt, or an import made before undo was recorded).' : 'No such imported packet.', {
      packetId,
      reason: logged ? (logged.kind === 'receipt' ? 'receipt' : 'not-recorded') : 'not-imported',
    });
  }
  if (imp.kind === 'receipt') throw new AppError('IMPORT_UNDO_UNAVAILABLE', 'A receipt cannot be undone.', { packetId, reason: 'receipt' });
  if (imp.undone_at !== null) throw new AppError('IMPORT_UNDO_UNAVAILABLE', 'This import has already been undone.', { packetId, reason: 'undone', undoneAt: imp.undone_at });
  return imp;
}

/** Undoes an import; call it inside a write transaction (dispatch's, or the CLI's). */
export function undoImport(db: Db, actor: Actor, at: string, packetId: string): UndoImportResult {
  const imp = checkUndoable(db, importRecordOf(db, packetId), packetId);
  const metas = tableMap(db);

  // Rows changed since the import took a later change number; conflicts it brought may have been decided.
  const changed = cachedStatement(
    db,
    `SELECT u.tbl AS "table", u.row_id AS id FROM packet_import_rows u JOIN sync_row_seq s ON s.tbl = u.tbl AND s.row_id = u.row_id
     WHERE u.import_id = ? AND s.seq > ? ORDER BY u.tbl, u.row_id`,
  ).all(imp.id, imp.change_seq) as { table: string; id: string }[];
  const ranges = importRanges(db, imp.id).filter((r) => metas.has(r.tbl));
  for (const r of ranges) {
    changed.push(
      ...(cachedStatement(
        db,
        `SELECT ? AS "table", t.id AS id FROM "${r.tbl}" t JOIN sync_row_seq s ON s.tbl = ? AND s.row_id = t.id WHERE t.rowid BETWEEN ? AND ? AND s.seq > ? ORDER BY t.id LIMIT 1000`,
      ).all(r.tbl, r.tbl, r.first_rowid, r.last_rowid, imp.change_seq) as { table: string; id: string }[]),
    );
  }
  // (A conflict the import kept and closed itself, retrying held rows at its end, is its own doing.)
  const decided = cachedStatement(
    db,
    `SELECT table_name AS "table", row_id AS id FROM sync_conflicts WHERE packet_id = ? AND resolved_at IS NOT NULL AND id NOT IN (${CLOSED_HERE})`,
  ).all(packetId, imp.id, CLOSED_CONFLICTS) as { table: string; id: string }[];
  if (changed.length + decided.length > 0) {
    const rows = [...changed.map((r) => ({ ...r, why: 'changed' as const })), ...decided.map((r) => ({ ...r, why: 'conflict-resolved' as const }))];
    throw blocked(db, metas, imp, rows, rows.length);
  }

  let deleted = 0;
  let restored = 0;
  // As in an import, the change-number triggers stand aside: each row gets back the number it had
  // before the import (below), so an earlier import of it stays undoable; a row recomputed from
  // another (a person's latest ADL) is not a change of its own.
  cachedStatement(db, 'UPDATE sync_clock SET paused = 1 WHERE singleton = 1').run();
  // Children before parents: the reverse of the order packets carry tables in.
  for (const meta of [...syncedTableMetas(db)].reverse()) {
    const inserted = insertedWhere(imp.id, meta.name, ranges);
    // Their change numbers first, while their ids can still be read.
    cachedStatement(db, `DELETE FROM sync_row_seq WHERE tbl = ? AND row_id IN (SELECT id FROM "${meta.name}" WHERE ${inserted.sql})`).run(meta.name, ...inserted.params);
    try {
      deleted += cachedStatement(db, `DELETE FROM "${meta.name}" WHERE ${inserted.sql}`).run(...inserted.params).changes;
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw err;
      // A record made since refers to a row the import brought (the caller's transaction takes back what went before).
      const users: Omit<BlockingRow, 'personId' | 'person'>[] = [];
      for (const ref of referencesTo(db, meta.name)) {
        const idColumn = ref.child === meta.name || metas.has(ref.child) ? 'id' : 'rowid';
        const found = cachedStatement(db, `SELECT CAST("${idColumn}" AS TEXT) AS id FROM "${ref.child}" WHERE "${ref.column}" IN (SELECT id FROM "${meta.name}" WHERE ${inserted.sql}) LIMIT ${NAMED}`)
          .all(...inserted.params) as { id: string }[];
        for (const f of found) users.push({ table: ref.child, id: f.id, why: 'referenced' });
      }
      throw blocked(db, metas, imp, users, users.length);
    }
    const befores = cachedStatement(db, 'SELECT row_id, before FROM packet_import_rows WHERE import_id = ? AND tbl = ? AND before IS NOT NULL').all(imp.id, meta.name) as { row_id: string; before: string }[];
    for (const b of befores) {
      const row = decodeRow(meta.name, JSON.parse(b.before));
      const cols = meta.columns.filter((c) => c !== 'id' && c in row);
      cachedStatement(db, `UPDATE "${meta.name}" SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => (row as Row)[c] ?? null), b.row_id);
      restored++;
    }
  }
  cachedStatement(
    db,
    `INSERT OR REPLACE INTO sync_row_seq (tbl, row_id, seq)
     SELECT tbl, row_id, before_seq FROM packet_import_rows WHERE import_id = ? AND tbl <> ? AND before IS NOT NULL AND before_seq IS NOT NULL`,
  ).run(imp.id, CLOSED_CONFLICTS);
  cachedStatement(db, 'UPDATE sync_clock SET paused = 0 WHERE singleton = 1').run();
  // The conflicts it brought go (open, or closed by itself); those of earlier packets it closed are open again.
  const conflictsRemoved = cachedStatement(db, `DELETE FROM sync_conflicts WHERE packet_id = ? AND (resolved_at IS NULL OR id IN (${CLOSED_HERE}))`).run(packetId, imp.id, CLOSED_CONFLICTS).changes;
  const conflictsReopened = cachedStatement(
    db,
    `UPDATE sync_conflicts SET resolved_at = NULL, resolved_by = NULL, resolution = NULL, result_version = NULL WHERE id IN (${CLOSED_HERE})`,
  ).run(imp.id, CLOSED_CONFLICTS).changes;
  cachedStatement(db, 'DELETE FROM packet_import_rows WHERE import_id = ?').run(imp.id);
  cachedStatement(db, 'DELETE FROM packet_import_ranges WHERE import_id = ?').run(imp.id);
  cachedStatement(db, 'UPDATE packet_imports SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, actor.username, imp.id);
  const result: UndoImportResult = { packetId, sender: imp.sender_name, deleted, restored, conflictsRemoved, conflictsReopened };
  writeAudit(db, actor, at, { entity: 'packet', entityId: packetId, action: 'undo_import', changes: { from: imp.sender_name, deleted, restored, conflictsRemoved, conflictsReopened } });
  return result;
}
