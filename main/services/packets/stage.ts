/**
 * The records of a packet on their way in.
 *
 * While the packet is read (decrypted, unzipped, hashed for its signature), each record is parsed
 * once and checked: its table is synchronised here, its columns exist (checked once per table and
 * column set), the sync metadata is there, its version vector reads, and the sender may write the
 * row here (ownership.ts). A record that fails keeps the first problem; nothing more is staged.
 * Checked rows go, as column values, into a staging database in packets/tmp (private, removed when
 * the import ends): one table per synchronised table and column set, in the order they came.
 *
 * The import's transaction (import.ts) attaches that database and merges from it (mergeStaged):
 * the rows that are here already one by one through the merge (merge.ts: versions compared,
 * conflicts kept, the row before recorded for undo); the others with one INSERT … SELECT per table,
 * recorded for undo as one range of rowids. If that statement breaks a rule of this database
 * (a unique rule, a missing reference, a CHECK), it is rolled back on its own and the same rows go
 * one by one through the merge, which keeps each problem as a conflict or refuses the packet,
 * exactly as it would have row by row.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { openKeyed, type Db } from '../../db/connection';
import { keyringOf } from '../../db/keySlots';
import { cachedStatement } from '../../db/statements';
import { AppError } from '../../../shared/errors';
import { formatVersion } from '../../../shared/versionVector';
import { invalidRecord, type Row, type RowValue } from './format';
import { parseVersionOf, type Merger } from './merge';
import type { OwnershipRules } from './ownership';
import type { TableMeta } from './tables';

/** One staging table: the rows of one synchronised table with one set of columns, in packet order. */
export interface StagedTable {
  table: string;
  stage: string;
  columns: string[];
  rows: number;
}

const REQUIRED = ['created_at', 'updated_at', 'updated_by', 'origin_office', 'version'] as const;

interface Shape {
  table: string;
  meta: TableMeta;
  keys: string[];
  values: RowValue[];
  idAt: number;
  versionAt: number;
  requiredAt: number[];
  staged: StagedTable | null;
  insert: Database.Statement | null;
  /** Rows whose id came before in this packet: the next staging table of the same shape, merged after. */
  next: Shape | null;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function idOf(row: Record<string, unknown>): string | null {
  return typeof row['id'] === 'string' ? row['id'] : null;
}

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function isConstraint(err: unknown): boolean {
  return sqliteCode(err).startsWith('SQLITE_CONSTRAINT');
}

/**
 * Checks each record as it streams past and, given a staging file, writes it there. Without a file
 * it only checks (packets.inspect). `problem` is reported by the caller only after the signature
 * and the sender: an unsigned or foreign packet is refused as such first.
 */
export class Stager {
  problem: AppError | null = null;
  /** A failure of the staging file itself (a full disk): the import stops with it, whatever the packet holds. */
  failure: unknown = null;
  rules: OwnershipRules | null = null;
  readonly staged: StagedTable[] = [];
  private readonly stage: Database.Database | null;
  private readonly shapes = new Map<string, Shape[]>();
  private last: Shape | null = null;
  private readonly versions = new Map<string, string>();
  private readonly ownerOf = new Map<string, Database.Statement | null>();

  constructor(
    private readonly db: Db,
    private readonly metas: Map<string, TableMeta>,
    file: string | null,
    nativeBinding?: string,
  ) {
    // Keyed as the office database is: the scratch copy holds the packet's records in the clear
    // otherwise, and ATTACH (without a KEY clause) takes the main database's key.
    this.stage = file ? openKeyed(file, keyringOf(db)?.key, { nativeBinding }) : null;
    if (this.stage) {
      // Scratch: a crash leaves a file the next import removes, never a database to recover.
      this.stage.pragma('journal_mode = OFF');
      this.stage.pragma('synchronous = OFF');
      this.stage.pragma('locking_mode = EXCLUSIVE');
      this.stage.pragma('cache_size = -16384');
      this.stage.exec('BEGIN');
    }
  }

  /** The rules of the packet, known once its manifest has been read. */
  useRules(rules: OwnershipRules): void {
    this.rules = rules;
  }

  readonly record = (line: Buffer, table: string): void => {
    if (this.problem !== null || this.failure !== null) return;
    try {
      this.add(line, table);
    } catch (err) {
      if (err instanceof AppError) this.problem = err;
      else this.failure = err;
      this.last = null;
    }
  };

  /** Commits and closes the staging file, so the import's connection can attach it. */
  finish(): void {
    if (!this.stage) return;
    if (this.stage.inTransaction) this.stage.exec('COMMIT');
    this.stage.close();
  }

  /** Closes without keeping anything (the file is removed by the caller). */
  abandon(): void {
    if (this.stage?.open) this.stage.close();
  }

  private add(line: Buffer, table: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.toString('utf8'));
    } catch {
      throw invalidRecord(table, null, 'record line is not JSON');
    }
    const rec = parsed as { table?: unknown; row?: unknown } | null;
    if (rec === null || typeof rec !== 'object' || rec.table !== table) throw invalidRecord(table, null, 'record is not a {table, row} object');
    const raw = rec.row;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidRecord(table, null, 'row is not an object');
    const row = raw as Record<string, unknown>;
    const keys = Object.keys(row);
    let shape = this.last;
    if (shape === null || shape.table !== table || !sameKeys(shape.keys, keys)) shape = this.shapeOf(table, keys, row);
    this.last = shape;
    const values = shape.values;
    for (let i = 0; i < keys.length; i++) {
      const value = row[keys[i] as string];
      if (value === null || typeof value === 'string') values[i] = value;
      else if (typeof value === 'number' && Number.isFinite(value)) values[i] = value;
      else if (typeof value === 'object' && !Array.isArray(value) && typeof (value as { $blob?: unknown }).$blob === 'string') {
        const bytes = Buffer.from((value as { $blob: string }).$blob, 'base64');
        values[i] = bytes;
        row[keys[i] as string] = bytes;
      } else throw invalidRecord(table, idOf(row), `bad value in ${keys[i] as string}`);
    }
    const id = values[shape.idAt];
    if (typeof id !== 'string' || id.length === 0 || id.length > 64) throw invalidRecord(table, null, 'row has no id');
    for (const at of shape.requiredAt) if (typeof values[at] !== 'string') throw invalidRecord(table, id, `row has no ${keys[at] as string}`);
    const version = this.canonicalVersion(table, id, values[shape.versionAt] as string);
    values[shape.versionAt] = version;
    row['version'] = version;
    if (this.rules) {
      const problem = this.rules.check(table, row as Row, this.ownerHere(table, id));
      if (problem) throw problem;
    }
    if (this.stage) this.write(shape, values);
  }

  /** The shape of a row with these columns (checked against the schema once), made on first sight. */
  private shapeOf(table: string, keys: string[], row: Record<string, unknown>): Shape {
    const meta = this.metas.get(table);
    if (!meta) throw invalidRecord(table, null, 'not a table this office synchronises');
    const known = this.shapes.get(table) ?? [];
    const found = known.find((s) => sameKeys(s.keys, keys));
    if (found) return found;
    for (const key of keys) if (!meta.columnSet.has(key)) throw invalidRecord(table, idOf(row), `unknown column ${key}`);
    const idAt = keys.indexOf('id');
    if (idAt === -1) throw invalidRecord(table, null, 'row has no id');
    const requiredAt = REQUIRED.map((col) => {
      const at = keys.indexOf(col);
      if (at === -1) throw invalidRecord(table, idOf(row), `row has no ${col}`);
      return at;
    });
    const shape: Shape = { table, meta, keys, values: new Array<RowValue>(keys.length).fill(null), idAt, versionAt: keys.indexOf('version'), requiredAt, staged: null, insert: null, next: null };
    known.push(shape);
    this.shapes.set(table, known);
    return shape;
  }

  private canonicalVersion(table: string, id: string, text: string): string {
    let canonical = this.versions.get(text);
    if (canonical === undefined) {
      canonical = formatVersion(parseVersionOf(table, id, text));
      if (this.versions.size >= 10_000) this.versions.clear();
      this.versions.set(text, canonical);
    }
    return canonical;
  }

  /**
   * The office a row here belongs to, or null when it is not here. A table that was empty when the
   * packet arrived is not asked row by row: the import's transaction checks every row that is here
   * by then against the rules again.
   */
  private ownerHere(table: string, id: string): string | null {
    let stmt = this.ownerOf.get(table);
    if (stmt === undefined) {
      const empty = cachedStatement(this.db, `SELECT 1 FROM "${table}" LIMIT 1`).get() === undefined;
      stmt = empty ? null : cachedStatement(this.db, `SELECT origin_office FROM "${table}" WHERE id = ?`);
      this.ownerOf.set(table, stmt);
    }
    if (stmt === null) return null;
    const r = stmt.get(id) as { origin_office: string } | undefined;
    return r ? r.origin_office : null;
  }

  private write(shape: Shape, values: RowValue[]): void {
    let target: Shape = shape;
    for (;;) {
      if (!target.insert) this.open(target);
      try {
        (target.insert as Database.Statement).run(values);
        (target.staged as StagedTable).rows++;
        return;
      } catch (err) {
        // The same id again in this packet: merged after the first, as the row by row merge would.
        if (sqliteCode(err) !== 'SQLITE_CONSTRAINT_UNIQUE' && sqliteCode(err) !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw err;
        target.next ??= { ...target, values: target.values, staged: null, insert: null, next: null };
        target = target.next;
      }
    }
  }

  private open(shape: Shape): void {
    const stage = this.stage as Database.Database;
    const name = `s${this.staged.length + 1}`;
    // No declared types: values are kept exactly as the packet gave them, converted only when they
    // reach the table they are for.
    stage.exec(`CREATE TABLE "${name}" (${shape.keys.map((k) => `"${k}"`).join(', ')}); CREATE UNIQUE INDEX "${name}_id" ON "${name}" ("id");`);
    // eslint-disable-next-line no-restricted-syntax -- the private staging connection of this import, closed after it
    shape.insert = stage.prepare(`INSERT INTO "${name}" (${shape.keys.map((k) => `"${k}"`).join(', ')}) VALUES (${shape.keys.map(() => '?').join(', ')})`);
    shape.staged = { table: shape.table, stage: name, columns: shape.keys, rows: 0 };
    this.staged.push(shape.staged);
  }
}

const PAGE = 500;

/**
 * Merges the staged rows into the database, inside the import's transaction, with the staging
 * database attached as `stage`. Tables in the order they came (parents first).
 */
export function mergeStaged(db: Db, merger: Merger, staged: readonly StagedTable[], onRows: (n: number) => void): void {
  for (const s of staged) {
    const table = `main."${s.table}"`;
    const from = `stage."${s.stage}"`;
    const cols = s.columns.map((c) => `"${c}"`).join(', ');
    const here = cachedStatement(db, `SELECT 1 FROM ${table} LIMIT 1`).get() !== undefined;
    if (here) {
      // Rows here already: versions compared one by one.
      eachStaged(db, `SELECT s.rowid AS "__rowid", ${s.columns.map((c) => `s."${c}"`).join(', ')} FROM ${from} s WHERE s.rowid > ? AND EXISTS (SELECT 1 FROM ${table} m WHERE m.id = s.id) ORDER BY s.rowid LIMIT ${PAGE}`, (row) => {
        merger.applyStaged(s.table, row);
        onRows(1);
      });
    }
    const notHere = here ? ` WHERE NOT EXISTS (SELECT 1 FROM ${table} m WHERE m.id = s.id)` : '';
    const before = (cachedStatement(db, `SELECT max(rowid) AS n FROM ${table}`).get() as { n: number | null }).n ?? 0;
    let inserted: number;
    try {
      // eslint-disable-next-line no-restricted-syntax -- over this import's staging tables, attached only for it
      inserted = db.prepare(`INSERT INTO ${table} (${cols}) SELECT ${s.columns.map((c) => `s."${c}"`).join(', ')} FROM ${from} s${notHere} ORDER BY s.rowid`).run().changes;
    } catch (err) {
      if (!isConstraint(err)) throw err;
      // One of them breaks a rule here: the statement left nothing; each row on its own.
      eachStaged(db, `SELECT s.rowid AS "__rowid", ${s.columns.map((c) => `s."${c}"`).join(', ')} FROM ${from} s WHERE s.rowid > ? AND NOT EXISTS (SELECT 1 FROM ${table} m WHERE m.id = s.id) ORDER BY s.rowid LIMIT ${PAGE}`, (row) => {
        merger.applyStaged(s.table, row);
        onRows(1);
      });
      continue;
    }
    merger.insertedSetwise(s.table, inserted, before);
    onRows(inserted);
  }
}

/** Each staged row of a paged query (better-sqlite3 runs nothing else while a statement iterates). */
function eachStaged(db: Db, sql: string, fn: (row: Row) => void): void {
  // eslint-disable-next-line no-restricted-syntax -- over this import's staging tables, attached only for it
  const page = db.prepare(sql);
  let after = 0;
  for (;;) {
    const rows = page.all(after) as (Row & { __rowid: number })[];
    if (rows.length === 0) return;
    for (const r of rows) {
      after = r.__rowid;
      const row: Row = { ...r };
      delete row['__rowid'];
      fn(row);
    }
  }
}
