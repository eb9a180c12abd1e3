/**
 * The synchronised tables as packets see them, read from their list (main/db/syncedTables.ts) and
 * the schema itself: columns, references, whether rows belong to a person. Only the person table is
 * named here: a table registered tomorrow travels in packets without a line changed here.
 *
 * Also the change sequence (see 0004-packets.sql): triggers made here for every registered table
 * give each inserted or updated row the next number, so an incremental packet is an index range.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { syncedTables } from '../../db/syncedTables';
import { staysWithOffice } from '../../db/sync';
import { SYNC_META_COLUMNS } from './format';

export interface ForeignKey {
  column: string;
  parent: string;
  parentColumn: string;
  nullable: boolean;
}

export interface TableMeta {
  name: string;
  columns: string[];
  columnSet: Set<string>;
  /** References to other synchronised tables. */
  foreignKeys: ForeignKey[];
  /**
   * Rows of this table belong to a person (a person_id column) and need nothing else that stays
   * behind, so they travel with a transfer. A row that also needs a parent of the sending office
   * (a branch membership needs its branch, an attendance its meeting) stays with that office: at
   * the receiver it could only become a reference conflict.
   */
  personColumn: boolean;
}

/** The table transfers select by id; every other table follows it through person_id. */
export const PERSON_TABLE = 'persons';

const metaCache = new WeakMap<Db, { key: string; metas: TableMeta[] }>();

/** Every registered table, parents before the tables that refer to them. */
export function syncedTableMetas(db: Db): TableMeta[] {
  const registered = syncedTables();
  const key = `${registered.join(',')}|${String(db.pragma('schema_version', { simple: true }))}`;
  const cached = metaCache.get(db);
  if (cached && cached.key === key) return cached.metas;
  const names = new Set(registered);
  const metas = registered.map((name): TableMeta => {
    const info = cachedStatement(db, 'SELECT name, "notnull" AS nn FROM pragma_table_info(?)').all(name) as { name: string; nn: number }[];
    if (info.length === 0) throw new Error(`synchronised table ${name} does not exist`);
    const notNull = new Map(info.map((c) => [c.name, c.nn === 1]));
    for (const col of SYNC_META_COLUMNS) if (!notNull.has(col)) throw new Error(`table ${name} lacks sync column ${col}`);
    const fks = cachedStatement(db, 'SELECT "from" AS col, "table" AS parent, "to" AS pcol FROM pragma_foreign_key_list(?)').all(name) as {
      col: string;
      parent: string;
      pcol: string | null;
    }[];
    return {
      name,
      columns: info.map((c) => c.name),
      columnSet: new Set(info.map((c) => c.name)),
      foreignKeys: fks
        .filter((fk) => names.has(fk.parent) && fk.parent !== name)
        .map((fk) => ({ column: fk.col, parent: fk.parent, parentColumn: fk.pcol ?? 'id', nullable: notNull.get(fk.col) === false })),
      personColumn:
        notNull.get('person_id') === true &&
        !staysWithOffice(name) &&
        fks.every((fk) => fk.parent === PERSON_TABLE || fk.parent === name || !names.has(fk.parent) || notNull.get(fk.col) === false),
    };
  });
  const ordered = topological(metas);
  metaCache.set(db, { key, metas: ordered });
  return ordered;
}

/** Parents first; registration order otherwise. A cycle (none today) keeps that order for its members. */
function topological(metas: TableMeta[]): TableMeta[] {
  const byName = new Map(metas.map((m) => [m.name, m]));
  const out: TableMeta[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (m: TableMeta) => {
    if (state.get(m.name)) return;
    state.set(m.name, 'visiting');
    for (const fk of m.foreignKeys) {
      const parent = byName.get(fk.parent);
      if (parent && !state.get(parent.name)) visit(parent);
    }
    state.set(m.name, 'done');
    out.push(m);
  };
  for (const m of metas) visit(m);
  return out;
}

export function tableMap(db: Db): Map<string, TableMeta> {
  return new Map(syncedTableMetas(db).map((m) => [m.name, m]));
}

// ---- change sequence --------------------------------------------------------------------------

function triggerNames(table: string): [string, string] {
  return [`sync_seq_${table}_insert`, `sync_seq_${table}_update`];
}

function triggerSql(table: string): string {
  const [ins, upd] = triggerNames(table);
  const body = `BEGIN
  UPDATE sync_clock SET seq = seq + 1 WHERE singleton = 1;
  INSERT OR REPLACE INTO sync_row_seq (tbl, row_id, seq) VALUES ('${table}', new.id, (SELECT seq FROM sync_clock WHERE singleton = 1));
END;`;
  return `CREATE TRIGGER IF NOT EXISTS "${ins}" AFTER INSERT ON "${table}" ${body}
CREATE TRIGGER IF NOT EXISTS "${upd}" AFTER UPDATE ON "${table}" ${body}`;
}

/**
 * Makes sure every registered table counts its changes. A table seen for the first time (or whose
 * triggers a migration dropped) has all its rows numbered now, so none is missed by the next
 * incremental packet. Call it inside a write transaction.
 */
export function ensureChangeTracking(db: Db, at: string): string[] {
  const added: string[] = [];
  const existing = new Set(
    (cachedStatement(db, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_seq_%'").all() as { name: string }[]).map((r) => r.name),
  );
  for (const meta of syncedTableMetas(db)) {
    const [ins, upd] = triggerNames(meta.name);
    if (existing.has(ins) && existing.has(upd)) continue;
    db.exec(triggerSql(meta.name));
    cachedStatement(db, 'UPDATE sync_clock SET seq = seq + 1 WHERE singleton = 1').run();
    const seq = (cachedStatement(db, 'SELECT seq FROM sync_clock WHERE singleton = 1').get() as { seq: number }).seq;
    cachedStatement(db, `INSERT OR REPLACE INTO sync_row_seq (tbl, row_id, seq) SELECT ?, id, ? FROM "${meta.name}"`).run(meta.name, seq);
    cachedStatement(db, 'INSERT OR REPLACE INTO sync_tracked (tbl, since_seq, tracked_at) VALUES (?, ?, ?)').run(meta.name, seq, at);
    added.push(meta.name);
  }
  return added;
}

export function currentChangeSeq(db: Db): number {
  return (cachedStatement(db, 'SELECT seq FROM sync_clock WHERE singleton = 1').get() as { seq: number }).seq;
}
