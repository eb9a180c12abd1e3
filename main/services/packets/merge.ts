/**
 * Merging a packet's records into this database, inside the import's one transaction.
 *
 * Per record, by version vector (shared/versionVector.ts):
 *   no row with that id here     → inserted
 *   the packet's version newer   → updated (open conflicts it supersedes are closed)
 *   older or equal               → unchanged
 *   concurrent                   → kept as a conflict: the local row stays, the packet's row is kept
 *                                  in sync_conflicts for a person to decide; nothing is dropped
 * Deletes are tombstones (deleted_at) and merge like any other change.
 *
 * A record this database cannot take as it comes is kept as a conflict too, never dropped:
 *   'unique'     it clashes with a unique rule here (another living person with the same ID number …)
 *   'reference'  it refers to a record that is not here (tables arrive parents first, so this means
 *                the parent was itself held back, or was never sent); retried after every import
 * On a transfer, a reference to a record of the sending office that does not exist here (the
 * person's grid there) is cleared instead, as an edit of this office, and counted in the report.
 * Anything else a record breaks (a CHECK, NOT NULL, a column this schema lacks) makes the whole
 * packet invalid: the import rolls back.
 *
 * Inside an import (importId set) every row written is recorded for undo (undo.ts), in the same
 * transaction: its id, and the row as it was when it was here before; so is every conflict the
 * import closes. Rows not here yet mostly arrive set-wise (stage.ts); those come here one by one.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import type { Actor } from '../../db/audit';
import type { AppError } from '../../../shared/errors';
import { bumpVersion, compareVersions, formatVersion, parseVersion, type VersionVector } from '../../../shared/versionVector';
import type { ImportReport, TableReport } from '../../../shared/schemas/packets';
import { decodeRow, encodeRow, invalidRecord, type Row, type RowValue } from './format';
import type { ForeignKey, TableMeta } from './tables';

export type ConflictKind = 'concurrent' | 'unique' | 'reference';

export type Outcome =
  | { status: 'inserted' | 'updated' | 'unchanged' }
  | { status: 'conflict'; kind: ConflictKind; local: Row | null; detail: string };

export interface MergeSettings {
  db: Db;
  /** This office: the one whose edits clearing a reference counts as. */
  officeId: string;
  at: string;
  actor: Actor;
  packetId: string | null;
  senderOfficeId: string | null;
  /** Transfers: clear nullable references to records not here instead of holding the row. */
  clearMissingReferences: boolean;
  /** The packet's ownership rules (ownership.ts): the problem with a record given the local row, or null. */
  guard?: ((table: string, row: Row, local: Row | null) => AppError | null) | undefined;
  /** The import being applied (packet_imports.id): what it writes is recorded for undo. */
  importId?: number | null | undefined;
}

/** The table name under which an import records the conflicts it closed (undo opens them again). */
export const CLOSED_CONFLICTS = 'sync_conflicts';

export function parseVersionOf(table: string, id: string, text: RowValue | undefined): VersionVector {
  try {
    return parseVersion(String(text));
  } catch {
    throw invalidRecord(table, id, 'version is not a version vector');
  }
}

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Prepared statements of one table, for each set of columns rows arrive with. */
export class TableWriter {
  private readonly selectStmt: Statement;
  private readonly inserts = new Map<string, Statement>();
  private readonly updates = new Map<string, Statement>();

  constructor(
    private readonly db: Db,
    readonly meta: TableMeta,
  ) {
    // eslint-disable-next-line no-restricted-syntax -- this writer is the prepared set of one import
    this.selectStmt = db.prepare(`SELECT * FROM "${meta.name}" WHERE id = ?`);
  }

  get(id: string): Row | null {
    return (this.selectStmt.get(id) as Row | undefined) ?? null;
  }

  /** The row's columns in schema order; a column this schema does not have makes the record invalid. */
  columnsOf(row: Row): string[] {
    const cols: string[] = [];
    for (const key in row) if (!this.meta.columnSet.has(key)) throw invalidRecord(this.meta.name, String(row['id']), `unknown column ${key}`);
    for (const col of this.meta.columns) if (col in row) cols.push(col);
    return cols;
  }

  insert(row: Row): void {
    const cols = this.columnsOf(row);
    const key = cols.join(',');
    let stmt = this.inserts.get(key);
    if (!stmt) {
      // eslint-disable-next-line no-restricted-syntax -- this writer is the prepared set of one import
      stmt = this.db.prepare(`INSERT INTO "${this.meta.name}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      this.inserts.set(key, stmt);
    }
    stmt.run(...cols.map((c) => row[c] ?? null));
  }

  /**
   * Sets the columns the row carries (an older sender's row leaves newer columns as they are) whose
   * values differ from the local row: an unchanged name re-indexes nothing (search, grams).
   */
  update(row: Row, local: Row): void {
    const cols = this.columnsOf(row).filter((c) => c !== 'id' && !sameValue(row[c], local[c]));
    if (cols.length === 0) return;
    const key = cols.join(',');
    let stmt = this.updates.get(key);
    if (!stmt) {
      // eslint-disable-next-line no-restricted-syntax -- this writer is the prepared set of one import
      stmt = this.db.prepare(`UPDATE "${this.meta.name}" SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`);
      this.updates.set(key, stmt);
    }
    stmt.run(...cols.map((c) => row[c] ?? null), row['id'] ?? null);
  }

  /** References of the row whose parent record is not in this database. */
  missingParents(row: Row): ForeignKey[] {
    return this.meta.foreignKeys.filter((fk) => {
      const value = row[fk.column];
      if (value === null || value === undefined) return false;
      // Table and column names come from the schema's foreign keys, so the texts are few: compiled once.
      return cachedStatement(this.db, `SELECT 1 FROM "${fk.parent}" WHERE "${fk.parentColumn}" = ?`).get(value) === undefined;
    });
  }

  /** The living local row a unique rule says the row clashes with (best effort, from the error text). */
  clashOf(row: Row, message: string): Row | null {
    const m = /UNIQUE constraint failed: (.+)$/.exec(message);
    if (!m) return null;
    const cols = (m[1] as string).split(',').map((s) => s.trim().replace(/^[^.]+\./, ''));
    if (cols.length === 0 || !cols.every((c) => this.meta.columnSet.has(c))) return null;
    const where = cols.map((c) => `"${c}" IS ?`).join(' AND ');
    const args = [...cols.map((c) => row[c] ?? null), row['id'] ?? null];
    // A living row first, asked as such: the unique rules hold for living rows only (partial indexes
    // WHERE deleted_at IS NULL), and only a query that says so walks that index. Ordering living rows
    // first instead read the whole table, at county size a tenth of a second for each clash.
    // eslint-disable-next-line no-restricted-syntax -- only after a unique clash, by the columns its error names
    const living = this.db.prepare(`SELECT * FROM "${this.meta.name}" WHERE ${where} AND id <> ? AND deleted_at IS NULL LIMIT 1`).get(...args) as Row | undefined;
    if (living) return living;
    // eslint-disable-next-line no-restricted-syntax -- only after a unique clash, by the columns its error names
    return (this.db.prepare(`SELECT * FROM "${this.meta.name}" WHERE ${where} AND id <> ? LIMIT 1`).get(...args) as Row | undefined) ?? null;
  }
}

function sameValue(a: RowValue | undefined, b: RowValue | undefined): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return (a ?? null) === (b ?? null);
}

function emptyTableReport(): TableReport {
  return { inserted: 0, updated: 0, unchanged: 0, conflicts: 0 };
}

export function emptyReport(): ImportReport {
  return { tables: {}, totals: emptyTableReport(), clearedReferences: {}, retried: 0, acknowledged: null, movedOut: [], backup: null };
}

export class Merger {
  private readonly writers = new Map<string, TableWriter>();
  private readonly hasOpenConflicts: boolean;
  private readonly conflictSeen: Statement;
  private readonly conflictInsert: Statement;
  private readonly undoRow: Statement | null;
  readonly report: ImportReport = emptyReport();

  constructor(
    private readonly s: MergeSettings,
    private readonly metas: Map<string, TableMeta>,
  ) {
    this.hasOpenConflicts = cachedStatement(s.db, 'SELECT 1 FROM sync_conflicts WHERE resolved_at IS NULL LIMIT 1').get() !== undefined;
    this.conflictSeen = cachedStatement(s.db, 'SELECT resolved_at FROM sync_conflicts WHERE table_name = ? AND row_id = ? AND remote_version = ? ORDER BY resolved_at IS NULL DESC LIMIT 1');
    this.conflictInsert = cachedStatement(
      s.db,
      `INSERT INTO sync_conflicts (id, table_name, row_id, kind, local_row, remote_row, remote_version, packet_id, sender_office_id, detail, detected_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // The first record of a row wins: it holds the row as it was before the import.
    // (The triggers stand aside during an import: sync_row_seq still holds the row's number from before.)
    this.undoRow =
      s.importId != null
        ? cachedStatement(
            s.db,
            `INSERT OR IGNORE INTO packet_import_rows (import_id, tbl, row_id, before, before_seq)
             VALUES (@importId, @tbl, @rowId, @before, CASE WHEN @before IS NULL THEN NULL ELSE (SELECT seq FROM sync_row_seq WHERE tbl = @tbl AND row_id = @rowId) END)`,
          )
        : null;
  }

  /** Records for undo that the import wrote this row (`before`: the row as it was, and its change number; null when new). */
  private recordRow(table: string, id: string, before: Row | null): void {
    this.undoRow?.run({ importId: this.s.importId, tbl: table, rowId: id, before: before === null ? null : JSON.stringify(encodeRow(before)) });
  }

  /** Records for undo that the import closed this conflict. */
  private recordClosed(conflictId: string): void {
    this.undoRow?.run({ importId: this.s.importId, tbl: CLOSED_CONFLICTS, rowId: conflictId, before: '{}' });
  }

  /** One staged row (stage.ts): decoded and checked already, merged like a record line. */
  applyStaged(table: string, row: Row): void {
    const outcome = this.applyRow(table, row, this.s.clearMissingReferences, true);
    this.count(table, outcome);
    if (outcome.status === 'conflict') this.keepConflict(table, row, outcome);
  }

  /**
   * `n` rows of a table inserted by one statement (stage.ts): counted, and recorded for undo as one
   * range of rowids (a rowid table gives new rows the numbers after its largest; nothing else
   * inserts into it in the transaction, and its rows are never deleted but by undoing this import).
   */
  insertedSetwise(table: string, n: number, rowidBefore: number): void {
    if (n === 0) return;
    const t = (this.report.tables[table] ??= emptyTableReport());
    t.inserted += n;
    this.report.totals.inserted += n;
    if (this.s.importId != null) {
      cachedStatement(this.s.db, `INSERT INTO packet_import_ranges (import_id, tbl, first_rowid, last_rowid) SELECT ?, ?, min(rowid), max(rowid) FROM "${table}" WHERE rowid > ?`).run(
        this.s.importId,
        table,
        rowidBefore,
      );
    }
  }

  writer(table: string): TableWriter {
    let w = this.writers.get(table);
    if (!w) {
      const meta = this.metas.get(table);
      if (!meta) throw new Error(`not a synchronised table: ${table}`);
      w = new TableWriter(this.s.db, meta);
      this.writers.set(table, w);
    }
    return w;
  }

  private count(table: string, outcome: Outcome): void {
    const t = (this.report.tables[table] ??= emptyTableReport());
    const key = outcome.status === 'conflict' ? 'conflicts' : outcome.status;
    t[key]++;
    this.report.totals[key]++;
  }

  applyRow(table: string, row: Row, allowClear = this.s.clearMissingReferences, guarded = false): Outcome {
    const w = this.writer(table);
    const id = row['id'] as string;
    w.columnsOf(row);
    const remote = parseVersionOf(table, id, row['version']);
    row['version'] = formatVersion(remote);
    const local = w.get(id);
    if (guarded && this.s.guard) {
      const problem = this.s.guard(table, row, local);
      if (problem) throw problem;
    }
    if (!local) return this.write(w, row, null, remote, allowClear);
    const order = compareVersions(remote, parseVersionOf(table, id, local['version']));
    if (order === 'newer') return this.write(w, row, local, remote, allowClear);
    if (order === 'concurrent') return { status: 'conflict', kind: 'concurrent', local, detail: '' };
    return { status: 'unchanged' };
  }

  private write(w: TableWriter, row: Row, local: Row | null, remote: VersionVector, allowClear: boolean): Outcome {
    try {
      if (local) w.update(row, local);
      else w.insert(row);
    } catch (err) {
      const code = sqliteCode(err);
      const message = (err as Error).message;
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        return { status: 'conflict', kind: 'unique', local: local ?? w.clashOf(row, message), detail: message };
      }
      if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        const missing = w.missingParents(row);
        if (allowClear && missing.length > 0 && missing.every((fk) => fk.nullable)) {
          const fixed: Row = { ...row };
          for (const fk of missing) {
            fixed[fk.column] = null;
            const key = `${w.meta.name}.${fk.column}`;
            this.report.clearedReferences[key] = (this.report.clearedReferences[key] ?? 0) + 1;
          }
          fixed['version'] = formatVersion(bumpVersion(remote, this.s.officeId));
          fixed['updated_at'] = this.s.at;
          fixed['updated_by'] = this.s.actor.userId ?? this.s.actor.username;
          return this.write(w, fixed, local, parseVersion(String(fixed['version'])), false);
        }
        const detail = missing.length > 0 ? missing.map((fk) => `${w.meta.name}.${fk.column} → ${fk.parent} ${String(row[fk.column])}`).join('; ') : message;
        return { status: 'conflict', kind: 'reference', local, detail };
      }
      throw invalidRecord(w.meta.name, String(row['id']), message);
    }
    this.recordRow(w.meta.name, String(row['id']), local);
    if (local && this.hasOpenConflicts) supersede(this.s.db, w.meta.name, String(row['id']), remote, this.s.at, (id) => this.recordClosed(id));
    return { status: local ? 'updated' : 'inserted' };
  }

  private keepConflict(table: string, row: Row, outcome: Extract<Outcome, { status: 'conflict' }>): void {
    const id = String(row['id']);
    const version = String(row['version']);
    const seen = this.conflictSeen.get(table, id, version) as { resolved_at: string | null } | undefined;
    if (seen) {
      // Already kept (open: still a conflict) or already decided (a person chose): not again.
      if (seen.resolved_at !== null) {
        const t = this.report.tables[table] as TableReport;
        t.conflicts--;
        t.unchanged++;
        this.report.totals.conflicts--;
        this.report.totals.unchanged++;
      }
      return;
    }
    this.conflictInsert.run(
      uuidv7(),
      table,
      id,
      outcome.kind,
      outcome.local ? JSON.stringify(encodeRow(outcome.local)) : null,
      JSON.stringify(encodeRow(row)),
      version,
      this.s.packetId,
      this.s.senderOfficeId,
      outcome.detail.slice(0, 500),
      this.s.at,
    );
  }

  /**
   * Rows held for a missing reference whose parents are all here now (asked of SQLite for every held
   * row at once, so a bureau holding many costs little per import): let in those that fit now.
   */
  retryReferences(): number {
    let done = 0;
    // Parents before children: a retried parent can let its held children in on a later pass.
    for (let pass = 0; pass < 5; pass++) {
      let progress = false;
      for (const c of this.heldWithParentsHere()) {
        if (!this.metas.has(c.table_name)) continue;
        const still = cachedStatement(this.s.db, 'SELECT resolved_at FROM sync_conflicts WHERE id = ?').get(c.id) as { resolved_at: string | null };
        if (still.resolved_at !== null) continue;
        const row = decodeRow(c.table_name, JSON.parse(c.remote_row));
        // A held row never takes over a row of another office that has arrived since.
        const here = this.writer(c.table_name).get(String(row['id']));
        if (here && here['origin_office'] !== row['origin_office']) continue;
        const outcome = this.applyRow(c.table_name, row, false);
        if (outcome.status === 'conflict') continue;
        markResolved(this.s.db, c.id, this.s.at, 'system', 'remote', String(row['version']));
        this.recordClosed(c.id);
        done++;
        progress = true;
      }
      if (!progress) break;
    }
    this.report.retried += done;
    return done;
  }

  /** Open reference conflicts each of whose references (to any table) finds its row here now. */
  private heldWithParentsHere(): { id: string; table_name: string; remote_row: string }[] {
    const db = this.s.db;
    const tables = (cachedStatement(db, "SELECT DISTINCT table_name AS t FROM sync_conflicts WHERE kind = 'reference' AND resolved_at IS NULL").all() as { t: string }[]).map((r) => r.t);
    const out: { id: string; table_name: string; remote_row: string; detected_at: string }[] = [];
    for (const table of tables) {
      if (!this.metas.has(table)) continue;
      const fks = cachedStatement(db, 'SELECT "from" AS col, "table" AS parent, "to" AS pcol FROM pragma_foreign_key_list(?)').all(table) as { col: string; parent: string; pcol: string | null }[];
      const missing = fks.map((fk) => {
        const value = `json_extract(c.remote_row, '$."${fk.col.replaceAll('"', '""')}"')`;
        return `(${value} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "${fk.parent}" p WHERE p."${fk.pcol ?? 'id'}" = ${value}))`;
      });
      const where = missing.length > 0 ? ` AND NOT (${missing.join(' OR ')})` : '';
      out.push(
        ...(cachedStatement(db, `SELECT c.id, c.table_name, c.remote_row, c.detected_at FROM sync_conflicts c WHERE c.kind = 'reference' AND c.resolved_at IS NULL AND c.table_name = ?${where}`).all(table) as { id: string; table_name: string; remote_row: string; detected_at: string }[]),
      );
    }
    return out.sort((a, b) => a.detected_at.localeCompare(b.detected_at) || a.id.localeCompare(b.id));
  }
}

export function markResolved(db: Db, id: string, at: string, by: string, resolution: 'local' | 'remote' | 'merge' | 'superseded', version: string | null): void {
  cachedStatement(db, 'UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ?, result_version = ? WHERE id = ? AND resolved_at IS NULL').run(
    at,
    by,
    resolution,
    version,
    id,
  );
}

/** Closes the open conflicts of a row whose remote side the row's new version already covers. */
export function supersede(db: Db, table: string, rowId: string, version: VersionVector, at: string, onClosed?: (conflictId: string) => void): number {
  const open = cachedStatement(db, 'SELECT id, remote_version FROM sync_conflicts WHERE table_name = ? AND row_id = ? AND resolved_at IS NULL').all(table, rowId) as {
    id: string;
    remote_version: string;
  }[];
  let closed = 0;
  for (const c of open) {
    let theirs: VersionVector;
    try {
      theirs = parseVersion(c.remote_version);
    } catch {
      continue;
    }
    const order = compareVersions(version, theirs);
    if (order === 'newer' || order === 'equal') {
      markResolved(db, c.id, at, 'system', 'superseded', formatVersion(version));
      onClosed?.(c.id);
      closed++;
    }
  }
  return closed;
}
