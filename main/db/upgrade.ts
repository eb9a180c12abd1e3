/**
 * Upgrade in place: a data folder from before encryption (plain SQLite, plain key files, plain
 * backups) becomes an encrypted one at its first login. A power cut at any moment leaves either the
 * old plaintext database or the new encrypted one openable, never neither:
 *
 *  1. The encrypted copy is written beside the database (`<db>.encrypting`), table by table with the
 *     rowids kept (the full-text index and the name grams point at persons by rowid), flushed, then
 *     checked, table by table so the login screen can show how far it is (`verifyEncryptedCopy`):
 *     what `integrity_check` checks and the row count of every table against the plaintext one. The
 *     new key slots are written beside it (`<slots>.encrypting`).
 *  2. The plaintext connection is closed (its WAL is checkpointed into the file and removed).
 *  3. The marker `cadrecare.upgrade.json` is written and flushed: this is the moment of commit.
 *     Without it, whatever step 1 left is removed at the next start and the plaintext database is
 *     the office's (the next login upgrades again). With it, the next start finishes the swap.
 *  4. Renames: the plaintext database aside, the encrypted copy into its place, the slots into
 *     theirs; the folder is flushed.
 *  5. Only now the plaintext leftovers go: the old database, its WAL and shared-memory files, the
 *     plaintext backups; then the marker. (Plain key files are sealed by the caller, who has the key.)
 *
 * Everything here works on files and a key; who may do it and when is decided by
 * main/services/auth/upgrade.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import { backupDir } from '../paths';
import { isPlaintextDatabase, type DatabaseKey } from './cipher';
import { slotsPath, writeSlotFile, type SlotFile } from './keySlots';
import { openKeyed } from './connection';
import { privateFile } from './privacy';

export const UPGRADE_MARKER = 'cadrecare.upgrade.json';

/** How long one slice of copying may hold the main thread before it yields (progress, other windows), ms. */
const SLICE_MS = 40;

export interface UpgradeFiles {
  database: string;
  encrypting: string;
  oldPlaintext: string;
  slots: string;
  stagedSlots: string;
  marker: string;
}

export function upgradeFiles(dataDir: string, database: string): UpgradeFiles {
  return {
    database,
    encrypting: `${database}.encrypting`,
    oldPlaintext: `${database}.plaintext`,
    slots: slotsPath(dataDir),
    stagedSlots: `${slotsPath(dataDir)}.encrypting`,
    marker: path.join(dataDir, UPGRADE_MARKER),
  };
}

/**
 * What the copy and its check report while they run. Copying: `done`/`total` are rows (an index
 * counts as its table's rows); checking: pages of the copy (a table's with its indexes').
 */
export interface UpgradeProgress {
  (p: { done: number; total: number; stage: 'copy' | 'index' | 'verify' | 'finish'; table: number; tables: number }): void;
}

interface MasterRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

function rmWithSides(file: string): void {
  for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(`${file}${suffix}`, { force: true });
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder to flush it; its renames are durable enough.
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Regular tables hold data; virtual tables, views and triggers are only schema rows (their shadow tables are regular). */
function isDataTable(row: MasterRow): boolean {
  return row.type === 'table' && row.sql !== null && !/^\s*CREATE\s+VIRTUAL\s/i.test(row.sql);
}

/** Row counts of every data table of a schema, sqlite_sequence and the statistics tables included. */
function countRows(db: Database.Database, schema: string): Map<string, number> {
  const rows = db.prepare(`SELECT type, name, tbl_name, sql FROM ${schema}.sqlite_master WHERE type = 'table'`).all() as MasterRow[];
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.sql !== null && /^\s*CREATE\s+VIRTUAL\s/i.test(row.sql)) continue;
    counts.set(row.name, (db.prepare(`SELECT count(*) AS n FROM ${schema}.${quote(row.name)}`).get() as { n: number }).n);
  }
  return counts;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What the copy hands to its check: the source's row count of every table, and the pages each table and its indexes took in the copy. */
export interface EncryptedCopy {
  counts: Map<string, number>;
  pages: Map<string, number>;
}

/**
 * Writes an encrypted copy of a plaintext database to `target` (made anew) and returns the row count
 * of every table of the source. The copy keeps every rowid; its schema rows for virtual tables,
 * views and triggers are written as they are, so nothing fires or re-indexes while copying.
 */
export async function writeEncryptedCopy(
  source: string,
  target: string,
  key: DatabaseKey,
  options: { nativeBinding?: string | undefined; progress?: UpgradeProgress | undefined } = {},
): Promise<EncryptedCopy> {
  rmWithSides(target);
  fs.closeSync(fs.openSync(target, 'w', 0o600));
  const db = openKeyed(target, key, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // Shadow tables of the full-text index and sqlite_master itself are written as data here.
    db.unsafeMode(true);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -65536');
    db.prepare("ATTACH DATABASE ? AS plain KEY ''").run(source);
    db.exec('BEGIN');
    const master = db.prepare('SELECT type, name, tbl_name, sql FROM plain.sqlite_master ORDER BY rowid').all() as MasterRow[];
    const sourceCounts = countRows(db, 'plain');
    const tables = master.filter(isDataTable);
    const indexes = master.filter((m) => m.type === 'index' && m.sql !== null);
    const total =
      [...sourceCounts.values()].reduce((a, b) => a + b, 0) + indexes.reduce((a, m) => a + (sourceCounts.get(m.tbl_name) ?? 0), 0) + 1;
    let done = 0;
    const report = (stage: 'copy' | 'index', table: number) =>
      options.progress?.({ done, total, stage, table, tables: tables.length + indexes.length });
    db.pragma('writable_schema = ON');
    for (const t of tables) {
      // sqlite_sequence comes with the first AUTOINCREMENT table; the others as written.
      if (t.name === 'sqlite_sequence') continue;
      db.exec(t.sql as string);
    }
    // The pages each table and its indexes take, read off the growing file: the check's weights.
    const pages = new Map<string, number>();
    const pageCount = () => Number(db.pragma('main.page_count', { simple: true }));
    const grew = (table: string, before: number) => pages.set(table, (pages.get(table) ?? 0) + Math.max(0, pageCount() - before));
    let n = 0;
    for (const t of tables) {
      n += 1;
      report('copy', n);
      const before = pageCount();
      await copyTable(db, t.name, (rows) => {
        done += rows;
        report('copy', n);
      });
      grew(t.name, before);
    }
    for (const ix of indexes) {
      n += 1;
      report('index', n);
      await tick();
      const before = pageCount();
      db.exec(ix.sql as string);
      grew(ix.tbl_name, before);
      done += sourceCounts.get(ix.tbl_name) ?? 0;
    }
    const insertSchema = db.prepare('INSERT INTO main.sqlite_master (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, 0, ?)');
    for (const m of master) {
      if (m.sql === null || isDataTable(m) || m.type === 'index') continue;
      insertSchema.run(m.type, m.name, m.tbl_name, m.sql);
    }
    db.pragma('writable_schema = OFF');
    for (const pragma of ['user_version', 'application_id']) {
      const value = Number(db.pragma(`plain.${pragma}`, { simple: true }));
      db.pragma(`main.${pragma} = ${value}`);
    }
    db.exec('COMMIT');
    db.exec('DETACH DATABASE plain');
    return { counts: sourceCounts, pages };
  } finally {
    db.close();
  }
}

/** Copies one table in slices that each hold the main thread about SLICE_MS, saying after each how many rows it copied. */
async function copyTable(db: Database.Database, name: string, counted: (rows: number) => void): Promise<void> {
  const t = quote(name);
  const info = (db.prepare('SELECT wr FROM pragma_table_list WHERE schema = ? AND name = ?').get('plain', name) as { wr: number } | undefined) ?? { wr: 0 };
  const cols = (db.prepare('SELECT name, type, pk, hidden FROM pragma_table_xinfo(?, ?)').all(name, 'plain') as {
    name: string;
    type: string;
    pk: number;
    hidden: number;
  }[]).filter((c) => c.hidden === 0);
  const list = cols.map((c) => quote(c.name)).join(', ');
  if (name === 'sqlite_sequence') db.exec('DELETE FROM main.sqlite_sequence');
  const pks = cols.filter((c) => c.pk > 0);
  const rowidAlias = pks.length === 1 && pks[0]?.type.toUpperCase() === 'INTEGER';
  if (info.wr === 1 || name.startsWith('sqlite_')) {
    // WITHOUT ROWID tables (and SQLite's own) have no rowid to slice by: one statement.
    counted(db.prepare(`INSERT INTO main.${t} (${list}) SELECT ${list} FROM plain.${t}`).run().changes);
    await tick();
    return;
  }
  const into = rowidAlias ? `(${list})` : `(_rowid_, ${list})`;
  const from = rowidAlias ? list : `_rowid_, ${list}`;
  const slice = db.prepare(`INSERT INTO main.${t} ${into} SELECT ${from} FROM plain.${t} WHERE _rowid_ > ? ORDER BY _rowid_ LIMIT ?`);
  const last = db.prepare(`SELECT max(_rowid_) AS r FROM main.${t}`);
  let after = -(2n ** 63n);
  let rows = 2000;
  db.defaultSafeIntegers(true);
  try {
    for (;;) {
      const started = performance.now();
      const changes = slice.run(after, rows).changes;
      counted(changes);
      if (changes < rows) break;
      after = (last.get() as { r: bigint }).r;
      const took = performance.now() - started;
      rows = took > SLICE_MS * 2 ? Math.max(200, rows >> 1) : took < SLICE_MS / 2 ? Math.min(200_000, rows * 2) : rows;
      await tick();
    }
  } finally {
    db.defaultSafeIntegers(false);
  }
  await tick();
}

/**
 * How long the whole-file `quick_check` takes against the table-by-table checks, per page: it reads
 * every page once but looks nothing up in the indexes (measured on the county database: 17 s
 * against 47 s for the tables' checks, whose pages are about all of the file's).
 */
const WHOLE_FILE_SHARE = 0.35;

/**
 * Checks an encrypted copy: it opens with the key, `integrity_check` finds nothing wrong, and every
 * table holds as many rows as the plaintext one did. DB_UPGRADE_FAILED otherwise, naming what differs.
 *
 * One `PRAGMA integrity_check` over the whole file says nothing until it is done (about half a
 * minute of a county upgrade), so the check runs table by table, reporting after each, weighted by
 * the pages the table and its indexes took in the copy: `integrity_check(<table>)` checks the
 * table, its indexes and that they agree, its NOT NULL and CHECK constraints (and, for the full-text
 * index, the index against its content), then its rows are counted. A check by table skips what
 * only the whole file shows: the list of free pages, pages that no table uses and pages used by two.
 * Those are what `quick_check` of the whole file checks (everything but the indexes' content, which
 * the tables' checks did), so it runs last: together they check what one `integrity_check` does,
 * and a free-page list broken in the copy is found now, not at a write after the plaintext is gone.
 * The price is one more read of the file, about a third of the tables' checks.
 */
export async function verifyEncryptedCopy(
  file: string,
  key: DatabaseKey,
  copy: EncryptedCopy,
  options: { nativeBinding?: string | undefined; progress?: UpgradeProgress | undefined } = {},
): Promise<void> {
  let db: Database.Database;
  try {
    db = openKeyed(file, key, { readonly: true, fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch (err) {
    throw unreadableCopy(err);
  }
  try {
    db.pragma('cache_size = -65536');
    const objects = db.prepare("SELECT type, name, tbl_name, sql FROM main.sqlite_master WHERE type = 'table' ORDER BY rowid").all() as MasterRow[];
    const weight = (name: string) => Math.max(1, copy.pages.get(name) ?? 0);
    const wholeFile = Math.max(1, Math.round(Number(db.pragma('page_count', { simple: true })) * WHOLE_FILE_SHARE));
    const total = objects.reduce((a, o) => a + weight(o.name), 0) + wholeFile;
    let done = 0;
    const report = (table: number) => options.progress?.({ done, total, stage: 'verify', table, tables: objects.length + 1 });
    const problems = (rows: unknown[]) => {
      const found = (rows as Record<string, string>[]).map((r) => Object.values(r)[0] ?? '');
      if (found.length !== 1 || found[0] !== 'ok') {
        throw new AppError('DB_UPGRADE_FAILED', 'The encrypted copy did not pass the integrity check; the plaintext database was kept.', {
          problem: found.slice(0, 3).join('; '),
        });
      }
    };
    const checkTable = db.prepare('SELECT * FROM pragma_integrity_check(?)');
    const seen = new Set<string>();
    let n = 0;
    for (const o of objects) {
      n += 1;
      report(n);
      await tick();
      problems(checkTable.all(o.name));
      if (copy.counts.has(o.name)) {
        const expected = copy.counts.get(o.name);
        const found = (db.prepare(`SELECT count(*) AS n FROM main.${quote(o.name)}`).get() as { n: number }).n;
        if (found !== expected) {
          throw new AppError('DB_UPGRADE_FAILED', 'The encrypted copy does not hold every row; the plaintext database was kept.', { table: o.name, expected, found });
        }
        seen.add(o.name);
      }
      done += weight(o.name);
    }
    for (const [table, expected] of copy.counts) {
      if (!seen.has(table)) {
        throw new AppError('DB_UPGRADE_FAILED', 'The encrypted copy does not hold every row; the plaintext database was kept.', { table, expected, found: null });
      }
    }
    report(n + 1);
    await tick();
    problems(db.pragma('quick_check') as unknown[]);
    done = total;
    report(n + 1);
  } catch (err) {
    throw err instanceof AppError ? err : unreadableCopy(err);
  } finally {
    db.close();
  }
}

/** A page of the copy that does not decrypt (or any other read error) fails the check like a bad page does. */
function unreadableCopy(err: unknown): AppError {
  return new AppError('DB_UPGRADE_FAILED', 'The encrypted copy could not be read back; the plaintext database was kept.', {
    problem: err instanceof Error ? err.message : String(err),
  });
}

/** Whether a folder holds a database from before encryption that a login should upgrade. */
export function isPlaintextFolder(dataDir: string, database: string): boolean {
  return isPlaintextDatabase(database) && !fs.existsSync(slotsPath(dataDir)) && !fs.existsSync(path.join(dataDir, UPGRADE_MARKER));
}

/** Bytes free where the folder is, or null where the platform does not say. */
function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** Where the free space of the data folder's disk is read from: tests stand a full disk in for it. */
export const diskSpace = { freeBytes };

/** Refuses before anything is written when the encrypted copy (a little larger than the database) would not fit. */
export function assertRoomForCopy(dataDir: string, database: string): void {
  const size = ['', '-wal'].reduce((a, s) => a + (fs.existsSync(`${database}${s}`) ? fs.statSync(`${database}${s}`).size : 0), 0);
  const free = diskSpace.freeBytes(dataDir);
  const needed = Math.ceil(size * 1.15) + 16 * 1024 * 1024;
  if (free !== null && free < needed) {
    const neededMb = Math.ceil(needed / 1048576);
    const freeMb = Math.floor(free / 1048576);
    throw new AppError(
      'DB_UPGRADE_NO_SPACE',
      `Encrypting the data needs about ${neededMb} MB free on the disk of the data folder (${dataDir}), and ${freeMb} MB are free: free up ${neededMb - freeMb} MB or more and log in again. Nothing was changed.`,
      { neededMb, freeMb, missingMb: neededMb - freeMb, dataDir },
    );
  }
}

export interface EncryptOptions {
  nativeBinding?: string | undefined;
  progress?: UpgradeProgress | undefined;
  /** The slots the encrypted database starts with (made by the caller, who knows the password). */
  slots: SlotFile;
  /** Closes every connection to the plaintext database; called after the copy is verified, before the commit. */
  closeSource: () => void;
}

/**
 * Steps 1–4 above. Returns once the encrypted database is in place; the plaintext leftovers are
 * removed by `removePlaintextLeftovers` when the caller is done with them.
 */
export async function encryptDatabase(dataDir: string, database: string, key: DatabaseKey, options: EncryptOptions): Promise<void> {
  const f = upgradeFiles(dataDir, database);
  rmWithSides(f.encrypting);
  fs.rmSync(f.stagedSlots, { force: true });
  assertRoomForCopy(dataDir, database);
  try {
    const copy = await writeEncryptedCopy(database, f.encrypting, key, options);
    options.progress?.({ done: 0, total: 1, stage: 'verify', table: 0, tables: 0 });
    await tick();
    fsyncFile(f.encrypting);
    await verifyEncryptedCopy(f.encrypting, key, copy, options);
    writeSlotFile(f.stagedSlots, options.slots);
  } catch (err) {
    rmWithSides(f.encrypting);
    fs.rmSync(f.stagedSlots, { force: true });
    throw err;
  }
  options.closeSource();
  if (fs.existsSync(`${database}-wal`) && fs.statSync(`${database}-wal`).size > 0) {
    // Someone still holds the plaintext database open: it may have changed after the copy.
    rmWithSides(f.encrypting);
    fs.rmSync(f.stagedSlots, { force: true });
    throw new AppError('DB_UPGRADE_FAILED', 'The plaintext database was still in use; it was kept and nothing was changed.');
  }
  writeMarker(f.marker);
  finishSwap(f);
}

/** The commit: a small file written whole (temporary name, flush, rename, flush the folder). */
function writeMarker(file: string): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify({ format: 'cadrecare-upgrade', version: 1, committedAt: new Date().toISOString() })}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/** Step 4, idempotent: run again after a power cut it leaves the folder as one run would. */
function finishSwap(f: UpgradeFiles): void {
  if (fs.existsSync(f.encrypting)) {
    if (fs.existsSync(f.database)) {
      // Its WAL was checkpointed and removed before the commit; a shared-memory file may remain.
      for (const s of SIDE_FILES) fs.rmSync(`${f.database}${s}`, { force: true });
      rmWithSides(f.oldPlaintext);
      fs.renameSync(f.database, f.oldPlaintext);
    }
    fs.renameSync(f.encrypting, f.database);
    privateFile(f.database);
  }
  if (fs.existsSync(f.stagedSlots)) fs.renameSync(f.stagedSlots, f.slots);
  fsyncDir(path.dirname(f.database));
}

/** Step 5: the plaintext database aside, its side files, and every plaintext backup; then the marker. */
export function removePlaintextLeftovers(dataDir: string, database: string): string[] {
  const f = upgradeFiles(dataDir, database);
  const removed: string[] = [];
  if (fs.existsSync(f.oldPlaintext)) removed.push(f.oldPlaintext);
  rmWithSides(f.oldPlaintext);
  const dir = backupDir(dataDir);
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (!name.endsWith('.sqlite') || !isPlaintextDatabase(file)) continue;
      rmWithSides(file);
      removed.push(file);
    }
  }
  fsyncDir(path.dirname(database));
  fs.rmSync(f.marker, { force: true });
  return removed;
}

/**
 * At every start, before the folder's database is opened: an upgrade cut short is rolled back (no
 * marker: the plaintext database is still the office's) or finished (marker: the verified encrypted
 * copy becomes it). Needs no key. Answers what it did.
 */
export function recoverUpgrade(dataDir: string, database: string): 'none' | 'rolledBack' | 'finished' {
  const f = upgradeFiles(dataDir, database);
  fs.rmSync(`${f.marker}.tmp`, { force: true });
  if (fs.existsSync(f.marker)) {
    finishSwap(f);
    if (!isPlaintextDatabase(database)) {
      removePlaintextLeftovers(dataDir, database);
      return 'finished';
    }
    // A marker without an encrypted copy (removed by hand): the plaintext database is still the office's.
    fs.rmSync(f.marker, { force: true });
  }
  const leftovers = [f.encrypting, f.stagedSlots].filter((file) => fs.existsSync(file));
  rmWithSides(f.encrypting);
  fs.rmSync(f.stagedSlots, { force: true });
  return leftovers.length > 0 ? 'rolledBack' : 'none';
}
