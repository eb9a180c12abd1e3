import fs from 'node:fs';
import { openDatabase, type Db } from './db/connection';
import { databasePath } from './paths';
import { SessionRegistry } from './auth/session';
import { PASSWORD_COST, type PasswordCost } from './auth/password';
import { TaskRegistry } from './tasks';
import { WriteGate } from './db/writeGate';
import { APP_VERSION } from './version';
import { acquireDataDirLock } from './db/lock';
import { removeStalePartialBackups } from './db/backup';
import { storageError } from './db/storageErrors';
import { makeDataDirPrivate, privateDir, privateFile } from './db/privacy';
import { openFileLog, type FileLog, type FileLogOptions } from './log';
import { dropKey, isPlaintextDatabase, type DatabaseKey } from './db/cipher';
import { slotsPath } from './db/keySlots';
import { forgetSealKey, rememberSealKey } from './db/sealedFiles';
import { recoverUpgrade } from './db/upgrade';
import { AppError } from '../shared/errors';

export type Transport = 'electron' | 'browser' | 'direct';

/** Everything one running instance holds: its data folder, its open database, its sessions and tasks. */
export interface AppContext {
  readonly dataDir: string;
  readonly dbPath: string;
  readonly version: string;
  readonly transport: Transport;
  readonly nativeBinding: string | undefined;
  readonly sessions: SessionRegistry;
  readonly tasks: TaskRegistry;
  /** Held by a write transaction that stays open across awaits (a long import); others wait at it. */
  readonly writeGate: WriteGate;
  /**
   * Replaced when a backup is restored; always read it through the context. Reading it while the
   * database is closed (nobody logged in yet, main/services/auth/unlock.ts) throws DATABASE_LOCKED.
   */
  db: Db;
  /** The database is open: someone is logged in, or the caller came with the key. */
  readonly isOpen: boolean;
  /** The database key while the database is open (null for a plaintext database before its upgrade). */
  readonly key: DatabaseKey | null;
  /** Keeps the database open when the last session ends (the CLI and tests); the desktop app and browser mode close it. */
  readonly keepOpen: boolean;
  clock: () => Date;
  /** Errors and warnings, to logs/cadrecare.log of the data folder (and the console). */
  readonly log: FileLog;
  /** scrypt cost of the passwords this instance sets. */
  readonly passwordCost: PasswordCost;
  /** Releases the data folder for other processes. */
  readonly releaseLock: () => void;
  /**
   * Asks where to save a file the person takes out of the app (a backup copy): the desktop app's
   * save dialog, set by main/electron. Without it (browser mode) such a file is downloaded instead.
   */
  saveAs?: (defaultName: string) => Promise<string | null>;
}

export interface OpenAppOptions {
  dataDir: string;
  transport?: Transport;
  nativeBinding?: string | undefined;
  clock?: () => Date;
  /** How the log file is written (where it echoes, when it turns over); the defaults otherwise. */
  log?: FileLogOptions;
  /** Only tests lower it (their many logins would be slow at the real cost); every entry point leaves the default. */
  passwordCost?: PasswordCost;
  /**
   * The database key when the caller already has it (the CLI after --password-file or
   * --recovery-key-file, tests with their fixed key): the database opens (or is created encrypted)
   * at once. Without it the app starts closed and the database opens at the first login or at setup.
   */
  key?: DatabaseKey | undefined;
  /** Opens a database that is not encrypted yet, without a key (benches' plaintext baseline, the upgrade's source). */
  plaintext?: boolean;
  /** Keeps the database open when nobody is logged in; set with `key` by the CLI and tests. */
  keepOpen?: boolean;
}

export function openApp(options: OpenAppOptions): AppContext {
  const dbPath = databasePath(options.dataDir);
  let releaseLock: () => void;
  try {
    privateDir(options.dataDir);
    releaseLock = acquireDataDirLock(options.dataDir);
  } catch (err) {
    throw storageError(err, options.dataDir) ?? err;
  }
  const passwordCost = options.passwordCost ?? PASSWORD_COST;
  let db: Db | null = null;
  let key: DatabaseKey | null = null;
  try {
    // With the folder ours, nothing else is writing a backup or a restore: a partial copy was left by a killed process.
    removeStalePartialBackups(options.dataDir);
    fs.rmSync(`${dbPath}.restoring`, { force: true });
    // An upgrade to encryption cut short: rolled back before its commit, finished after it.
    recoverUpgrade(options.dataDir, dbPath);
    // A database from before encryption opens as it is, until the first login upgrades it.
    const legacy = !options.key && isPlaintextDatabase(dbPath) && !fs.existsSync(slotsPath(options.dataDir));
    if (options.key || options.plaintext || legacy) {
      key = options.key ? Buffer.from(options.key) : null;
      db = openOfficeDatabase(dbPath, key, passwordCost, options.nativeBinding);
      if (key) rememberSealKey(options.dataDir, key);
    }
    // Tightening modes needs no key: a folder an older version left open is made private at start, even while locked.
    makeDataDirPrivate(options.dataDir, dbPath);
    privateFile(slotsPath(options.dataDir));
  } catch (err) {
    dropKey(key);
    releaseLock();
    throw storageError(err, options.dataDir) ?? err;
  }
  const tasks = new TaskRegistry();
  const app: AppContext = {
    releaseLock,
    dataDir: options.dataDir,
    dbPath,
    version: APP_VERSION,
    transport: options.transport ?? 'direct',
    nativeBinding: options.nativeBinding,
    sessions: new SessionRegistry(),
    tasks,
    writeGate: new WriteGate(tasks),
    get db(): Db {
      if (!db?.open) throw new AppError('DATABASE_LOCKED', 'Please log in.');
      return db;
    },
    set db(next: Db) {
      db = next;
    },
    get isOpen() {
      return db?.open === true;
    },
    get key() {
      return key;
    },
    keepOpen: options.keepOpen === true || options.key !== undefined || options.plaintext === true,
    clock: options.clock ?? (() => new Date()),
    log: openFileLog(options.dataDir, options.log),
    passwordCost,
  };
  openers.set(app, {
    open(next) {
      if (db?.open) return;
      db = openOfficeDatabase(dbPath, next, passwordCost, options.nativeBinding);
      key = next;
      if (next) rememberSealKey(options.dataDir, next);
      makeDataDirPrivate(options.dataDir, dbPath);
    },
    close() {
      const hooks = closeHooks.get(app) ?? [];
      closeHooks.delete(app);
      for (const hook of hooks) hook();
      if (db?.open) db.close();
      db = null;
      forgetSealKey(options.dataDir);
      dropKey(key);
      key = null;
    },
  });
  return app;
}

interface Opener {
  open(key: DatabaseKey | null): void;
  close(): void;
}

const openers = new WeakMap<AppContext, Opener>();
const closeHooks = new WeakMap<AppContext, (() => void)[]>();

/**
 * Runs `hook` when the database next closes (before it does): what holds a connection or the key of
 * its own (the background worker) lets go with it. Each hook runs once.
 */
export function onDatabaseClose(app: AppContext, hook: () => void): void {
  closeHooks.set(app, [...(closeHooks.get(app) ?? []), hook]);
}

function openOfficeDatabase(dbPath: string, key: DatabaseKey | null, cost: PasswordCost, nativeBinding: string | undefined): Db {
  return openDatabase(dbPath, { nativeBinding, ...(key ? { key, slots: { cost } } : {}) });
}

/** Opens the database with a key just unwrapped (a login, setup, the recovery key); null opens a plaintext one. */
export function openAppDatabase(app: AppContext, key: DatabaseKey | null): void {
  openers.get(app)?.open(key);
}

/** Closes the database and forgets its key: nobody is logged in any more. */
export function closeAppDatabase(app: AppContext): void {
  openers.get(app)?.close();
}

export function closeApp(app: AppContext): void {
  closeAppDatabase(app);
  app.releaseLock();
}
