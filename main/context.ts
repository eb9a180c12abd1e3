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
import { makeDataDirPrivate, privateDir } from './db/privacy';
import { openFileLog, type FileLog, type FileLogOptions } from './log';

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
  /** Replaced when a backup is restored; always read it through the context. */
  db: Db;
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
  let db: Db;
  try {
    // With the folder ours, nothing else is writing a backup or a restore: a partial copy was left by a killed process.
    removeStalePartialBackups(options.dataDir);
    fs.rmSync(`${dbPath}.restoring`, { force: true });
    db = openDatabase(dbPath, { nativeBinding: options.nativeBinding });
    makeDataDirPrivate(options.dataDir, dbPath);
  } catch (err) {
    releaseLock();
    throw storageError(err, options.dataDir) ?? err;
  }
  const tasks = new TaskRegistry();
  return {
    releaseLock,
    dataDir: options.dataDir,
    dbPath,
    version: APP_VERSION,
    transport: options.transport ?? 'direct',
    nativeBinding: options.nativeBinding,
    sessions: new SessionRegistry(),
    tasks,
    writeGate: new WriteGate(tasks),
    db,
    clock: options.clock ?? (() => new Date()),
    log: openFileLog(options.dataDir, options.log),
    passwordCost: options.passwordCost ?? PASSWORD_COST,
  };
}

export function closeApp(app: AppContext): void {
  if (app.db.open) app.db.close();
  app.releaseLock();
}
