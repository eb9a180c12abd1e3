/**
 * Backups: a consistent copy while the app keeps running, encrypted under the database's key (with the
 * key slots beside it); SQLite's online backup API for a database not encrypted yet.
 * Files live in <data folder>/backups/ and are named by time and reason, so the folder itself is
 * the list of backups and a person can copy one to a USB stick by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { AppContext } from '../context';
import { backupDir } from '../paths';
import { AppError } from '../../shared/errors';
import { DAY_MS } from '../../shared/calendar';
import { BACKUP_REASONS, type BackupInfo, type BackupReason } from '../../shared/schemas/backup';
import { latestVersion, loadMigrations } from './migrate';
import { openDatabase, openKeyed } from './connection';
import { applyKey, isPlaintextDatabase, type DatabaseKey } from './cipher';
import { keyMatches, readSlotFile, slotsPath, writeSlotFile } from './keySlots';
import { storageError } from './storageErrors';
import { privateDir, privateFile } from './privacy';
import { writeAudit, SYSTEM_ACTOR, type Actor } from './audit';
import { getSettings } from '../services/settings/settings';
import { getOffice } from '../services/app/office';
import { everyAndOnOpen } from '../tasks';
import { backgroundWorker, hasBackgroundWorker, stopBackgroundWorker, workerUnavailable } from '../background/client';
import { holdFileSnapshot, makeStandalone } from '../background/backupCopy';

/** How long one step of an online backup should hold the main thread, ms. */
const STEP_MS = 5;
/** Pages copied (4 KiB each) between two background syncs of a backup being written. */
const SYNC_PAGES = 2048;

const NAME_PATTERN = /^cadrecare-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})-([a-z-]+)\.sqlite$/;

export function backupFileName(at: Date, reason: BackupReason): string {
  const iso = at.toISOString(); // 2026-11-27T18:10:02.123Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}-${iso.slice(20, 23)}`;
  return `cadrecare-${stamp}-${reason}.sqlite`;
}

export function parseBackupName(name: string): { createdAt: string; reason: BackupReason } | null {
  const m = NAME_PATTERN.exec(name);
  if (!m) return null;
  const reason = m[8] as BackupReason;
  if (!BACKUP_REASONS.includes(reason)) return null;
  return { createdAt: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`, reason };
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = path.join(dir, name);
    out.push({ name, path: file, reason: parsed.reason, createdAt: parsed.createdAt, sizeBytes: fs.statSync(file).size });
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Partial files of backups under way in this process, which cleaning must leave alone. */
const partialsInProgress = new Set<string>();

/**
 * Removes what a backup killed half-way left behind: its `.partial` file (as large as the
 * database) and the journal beside it. Run when the data folder is opened and before each backup.
 */
export function removeStalePartialBackups(dataDir: string): string[] {
  const dir = backupDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const stale = /\.sqlite\.partial(-journal|-wal|-shm)?$/.test(name);
    const file = path.join(dir, name);
    if (!stale || partialsInProgress.has(file.replace(/-(journal|wal|shm)$/, ''))) continue;
    try {
      fs.rmSync(file, { force: true });
      removed.push(name);
    } catch {
      // Left for the next try: a stale file must not stop the app from opening or backing up.
    }
  }
  return removed;
}

export interface ProgressSink {
  progress?: ((done: number, total: number, stage: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface BackgroundOption {
  /**
   * The slow part runs on the background worker's thread (main/background), off the requests' path:
   * for scheduled work in the desktop app and browser mode. Without it (or when the worker cannot
   * start) it runs here, in steps.
   */
  inWorker?: boolean | undefined;
}

/** Copies the open database into a new backup file; written beside its final name, then renamed into place. */
export async function createBackup(app: AppContext, reason: BackupReason, sink: ProgressSink = {}, actor: Actor = SYSTEM_ACTOR, options: BackgroundOption = {}): Promise<BackupInfo> {
  const dir = backupDir(app.dataDir);
  privateDir(dir);
  let at = app.clock();
  let name = backupFileName(at, reason);
  // Two backups in the same millisecond (a restore right after a backup): step the name on.
  while (fs.existsSync(path.join(dir, name))) {
    at = new Date(at.getTime() + 1);
    name = backupFileName(at, reason);
  }
  const finalPath = path.join(dir, name);
  const partial = `${finalPath}.partial`;
  removeStalePartialBackups(app.dataDir);
  partialsInProgress.add(partial);
  try {
    const key = app.key;
    if (options.inWorker && (await copyInWorker(app, partial))) {
      // Copied, made standalone and synced on the worker's thread.
    } else if (key) {
      await copyEncrypted(app, key, partial, sink);
    } else {
      await onlineBackup(app, partial, sink);
    }
    fs.renameSync(partial, finalPath);
    // The slots travel with the backup: a password valid when it was made opens it on another machine.
    if (key && fs.existsSync(slotsPath(app.dataDir))) {
      fs.copyFileSync(slotsPath(app.dataDir), backupSlotsPath(finalPath));
      privateFile(backupSlotsPath(finalPath));
    }
  } catch (err) {
    fs.rmSync(partial, { force: true });
    if (err instanceof AppError) throw err;
    throw storageError(err, app.dataDir) ?? new AppError('INTERNAL', `Backup failed: ${(err as Error).message}`);
  } finally {
    partialsInProgress.delete(partial);
  }
  app.db.transaction(() => {
    writeAudit(app.db, actor, app.clock().toISOString(), { entity: 'backup', entityId: name, action: 'backup', changes: { reason } });
  })();
  const size = fs.statSync(finalPath).size;
  sink.progress?.(1, 1, 'progress.backup');
  return { name, path: finalPath, reason, createdAt: at.toISOString(), sizeBytes: size };
}

/** Has the background worker copy the database into `partial`; false when there is no worker to do it. */
async function copyInWorker(app: AppContext, partial: string): Promise<boolean> {
  const worker = backgroundWorker(app);
  if (!worker) return false;
  try {
    await worker.run({ kind: 'backupCopy', partial });
    return true;
  } catch (err) {
    if (workerUnavailable(err) && app.isOpen) return false;
    throw err;
  }
}

/** The key slots that travel with a backup file. */
export function backupSlotsPath(backupFile: string): string {
  return `${backupFile}.keys.json`;
}

/**
 * An encrypted backup is a copy of the database file under the same key (SQLite's backup API would
 * write a plain copy, which the cipher refuses). The WAL is checkpointed into the file whole first,
 * then a second connection holds a read snapshot on the file alone while it is copied off the main
 * thread: no checkpoint may write into the file while such a reader is there, so the copy is one
 * moment's database while the app goes on writing to the WAL (holdFileSnapshot, as the worker's copy).
 */
async function copyEncrypted(app: AppContext, key: DatabaseKey, partial: string, sink: ProgressSink): Promise<void> {
  sink.progress?.(0, 1, 'progress.backup');
  // A long import's pages may still be going into the file on the background worker: its checkpoint
  // holds SQLite's checkpoint lock, and a copy made meanwhile would lack them.
  await app.writeGate.checkpointed();
  const snap = openKeyed(app.dbPath, key, { readonly: true, fileMustExist: true, nativeBinding: app.nativeBinding });
  try {
    snap.pragma('busy_timeout = 5000');
    await holdFileSnapshot(app.db, snap, { dbPath: app.dbPath, key, nativeBinding: app.nativeBinding, stopping: () => false });
    if (sink.signal?.aborted) throw new AppError('CANCELLED', 'The backup was cancelled.');
    await fs.promises.copyFile(app.dbPath, partial);
    snap.exec('COMMIT');
  } finally {
    snap.close();
  }
  privateFile(partial);
  await makeStandalone(partial, key, app.nativeBinding);
}

async function onlineBackup(app: AppContext, partial: string, sink: ProgressSink): Promise<void> {
  // Made private before SQLite writes into it; the rename keeps the mode.
  fs.writeFileSync(partial, '', { mode: 0o600 });
  // Each step copies `pages` while nothing else runs: the step size follows how long the last
  // one took, so a slow or busy disk makes the steps smaller instead of making the app wait.
  let pages = 64;
  let stepStarted = performance.now();
  // SQLite syncs the finished copy to disk inside its last step; what earlier steps wrote is
  // synced meanwhile on libuv's threads, so that last step finds little left to wait for.
  const file = await fs.promises.open(partial, 'r+');
  let syncing: Promise<void> | null = null;
  let unsynced = 0;
  try {
    await app.db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        if (sink.signal?.aborted) throw new AppError('CANCELLED', 'The backup was cancelled.');
        sink.progress?.(totalPages - remainingPages, totalPages, 'progress.backup');
        unsynced += pages;
        if (unsynced >= SYNC_PAGES && !syncing) {
          unsynced = 0;
          syncing = file
            .datasync()
            .catch(() => undefined)
            .finally(() => (syncing = null));
        }
        const took = performance.now() - stepStarted;
        pages = took > STEP_MS * 2 ? Math.max(8, pages >> 1) : took < STEP_MS / 2 ? Math.min(1024, pages * 2) : pages;
        // better-sqlite3 queues the next step with setImmediate right after this returns: an
        // immediate queued now runs just before it, so `took` is the copying alone, not the gap.
        setImmediate(() => (stepStarted = performance.now()));
        return pages;
      },
    });
  } finally {
    await syncing;
    await file.close();
  }
  const copy = new Database(partial, app.nativeBinding ? { nativeBinding: app.nativeBinding } : {});
  copy.pragma('journal_mode = DELETE');
  copy.close();
}

export interface BackupCheck {
  schemaVersion: number;
  officeName: string | null;
}

/** Is this file a whole, readable CadreCare database this app can open? Nothing is changed by asking. */
export function checkBackupFile(file: string, nativeBinding?: string, key?: DatabaseKey | null): BackupCheck {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (err) {
    throw new AppError('BACKUP_INVALID', `The backup cannot be opened: ${(err as Error).message}`, { file: path.basename(file) });
  }
  if (key && !isPlaintextDatabase(file)) {
    try {
      applyKey(db, key, file);
    } catch {
      db.close();
      // Ours but damaged when the slots beside it are of our key; whole pages no key of ours opens are
      // another office's database; anything else is no database at all.
      const size = fs.statSync(file).size;
      if (size < 1024 || size % 1024 !== 0 || slotsOfKey(backupSlotsPath(file), key) === true) {
        throw new AppError('BACKUP_INVALID', 'The backup is damaged or not a CadreCare database.', { file: path.basename(file) });
      }
      throw new AppError('BACKUP_OTHER_OFFICE', 'This backup is not encrypted with this office\'s key: it is from another office (or not a CadreCare backup). Nothing was changed.', {
        file: path.basename(file),
      });
    }
  }
  try {
    let integrity: string;
    let version: number;
    try {
      integrity = String(db.pragma('integrity_check', { simple: true }));
      version = db.pragma('user_version', { simple: true }) as number;
    } catch (err) {
      throw new AppError('BACKUP_INVALID', `The backup is not a database: ${(err as Error).message}`, { file: path.basename(file) });
    }
    if (integrity !== 'ok') throw new AppError('BACKUP_INVALID', `The backup is damaged: ${integrity}`, { file: path.basename(file) });
    const latest = latestVersion(loadMigrations());
    if (version > latest) {
      throw new AppError('BACKUP_FROM_NEWER_VERSION', `The backup comes from a newer version of the app (schema ${version}).`, {
        backupVersion: version,
        appVersion: latest,
      });
    }
    const hasOffice = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'office'").get();
    if (version < 1 || !hasOffice) throw new AppError('BACKUP_INVALID', 'The file is not a CadreCare database.', { file: path.basename(file) });
    const office = db.prepare('SELECT name FROM office').get() as { name: string } | undefined;
    return { schemaVersion: version, officeName: office?.name ?? null };
  } finally {
    db.close();
  }
}

/**
 * Replaces the database with a backup: checks it first, keeps a safety backup of the current data,
 * swaps the files, reopens (migrating an older backup forward) and ends every login.
 */
export async function restoreBackup(app: AppContext, file: string, sink: ProgressSink = {}, actor: Actor = SYSTEM_ACTOR): Promise<{ safetyBackup: BackupInfo }> {
  if (!fs.existsSync(file)) throw new AppError('BACKUP_NOT_FOUND', `No backup at ${file}.`, { file: path.basename(file) });
  checkBackupFile(file, app.nativeBinding, app.key);
  sink.progress?.(0, 3, 'progress.restoreCheck');
  const safetyBackup = await createBackup(app, 'before-restore', { signal: sink.signal }, actor);
  sink.progress?.(1, 3, 'progress.restoreCopy');
  if (sink.signal?.aborted) throw new AppError('CANCELLED', 'The restore was cancelled.');
  const staged = `${app.dbPath}.restoring`;
  fs.copyFileSync(file, staged);
  privateFile(staged);
  // The background worker's connection must not write into the file being replaced. An import's
  // checkpoint or a scheduled job may start a new worker while the last one stops: stop that too, and
  // close with no await after the last look, so none starts in between.
  do {
    await stopBackgroundWorker(app);
  } while (hasBackgroundWorker(app));
  app.db.close();
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${app.dbPath}${suffix}`, { force: true });
  fs.renameSync(staged, app.dbPath);
  const keyed = app.key ? { key: app.key, slots: { cost: app.passwordCost } } : {};
  // The backup's users come back with it: their slots (from the backup) join this folder's before the
  // open reconciles them, so exactly the restored users' passwords open the database.
  if (app.key) mergeBackupSlots(app.dataDir, file);
  try {
    app.db = openDatabase(app.dbPath, { nativeBinding: app.nativeBinding, ...keyed });
  } catch (err) {
    // Put the data back as it was before the restore began.
    fs.copyFileSync(safetyBackup.path, app.dbPath);
    app.db = openDatabase(app.dbPath, { nativeBinding: app.nativeBinding, ...keyed });
    throw err;
  }
  sink.progress?.(2, 3, 'progress.restoreReopen');
  app.db.transaction(() => {
    writeAudit(app.db, actor, app.clock().toISOString(), {
      entity: 'backup',
      entityId: path.basename(file),
      action: 'restore_backup',
      changes: { safetyBackup: safetyBackup.name },
    });
  })();
  app.sessions.logoutAll();
  sink.progress?.(3, 3, 'progress.restoreReopen');
  return { safetyBackup };
}

/** Whether a slot file is of this key (null: no readable slot file). */
function slotsOfKey(file: string, key: DatabaseKey): boolean | null {
  try {
    return keyMatches(readSlotFile(file), key);
  } catch {
    return null;
  }
}

function mergeBackupSlots(dataDir: string, backupFile: string): void {
  const theirs = backupSlotsPath(backupFile);
  const ours = slotsPath(dataDir);
  if (!fs.existsSync(theirs) || !fs.existsSync(ours)) return;
  try {
    const mine = readSlotFile(ours);
    const other = readSlotFile(theirs);
    if (other.databaseId !== mine.databaseId) return;
    const known = new Set(mine.slots.map((s) => s.data));
    writeSlotFile(ours, { ...mine, slots: [...mine.slots, ...other.slots.filter((s) => !known.has(s.data))] });
  } catch {
    // A damaged copy of the slots: the current ones stay, and users without a slot get one at their next login.
  }
}

/** Deletes the oldest daily backups beyond `keep`. Manual and safety backups are the admin's to delete. */
export function pruneDailyBackups(dataDir: string, keep: number): string[] {
  const daily = listBackups(dataDir).filter((b) => b.reason === 'daily');
  const removed = daily.slice(keep);
  for (const b of removed) removeBackupFile(b.path);
  return removed.map((b) => b.name);
}

function removeBackupFile(file: string): void {
  fs.rmSync(file, { force: true });
  fs.rmSync(backupSlotsPath(file), { force: true });
}

/** Deletes the oldest backups made for `reason` beyond `keep` (the safety copies of packet imports). */
export function pruneBackups(dataDir: string, reason: BackupReason, keep: number): string[] {
  const removed = listBackups(dataDir)
    .filter((b) => b.reason === reason)
    .slice(keep);
  for (const b of removed) removeBackupFile(b.path);
  return removed.map((b) => b.name);
}

/** Makes the daily backup when the last one is a day old (or there is none) and the office is set up, then prunes. */
export async function runDailyBackupIfDue(app: AppContext, options: BackgroundOption = {}): Promise<BackupInfo | null> {
  // Not in the middle of a long import: its rows are not committed yet.
  await app.writeGate.whenFree();
  // Nobody is logged in: the database is closed and its key unknown; the tick after the next login makes it.
  if (!app.isOpen) return null;
  // Before setup the database is empty: a backup of it would only push a real one out later.
  if (getOffice(app.db) === null) return null;
  const settings = getSettings(app.db);
  if (!settings.dailyBackup) return null;
  const last = listBackups(app.dataDir).find((b) => b.reason === 'daily');
  const now = app.clock().getTime();
  if (last && now - Date.parse(last.createdAt) < DAY_MS) return null;
  let made: BackupInfo;
  try {
    made = await createBackup(app, 'daily', {}, SYSTEM_ACTOR, options);
  } catch (err) {
    // The database was locked meanwhile (the last session ended): the tick after the next login makes it.
    if (err instanceof AppError && err.code === 'CANCELLED' && !app.isOpen) return null;
    throw err;
  }
  pruneDailyBackups(app.dataDir, settings.backupKeep);
  return made;
}

/** Checks at start, after each login that opens the database and every hour whether the daily backup is due; returns a stop function. */
export function scheduleDailyBackups(app: AppContext, onError: (err: unknown) => void = () => undefined, options: BackgroundOption = {}): () => void {
  return everyAndOnOpen(app, 60 * 60 * 1000, () => {
    runDailyBackupIfDue(app, options).catch(onError);
  });
}
