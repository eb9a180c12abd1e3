import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { assertNotFromFuture, loadMigrations, migrate, type Migration } from './migrate';
import { registerFunctions } from './functions';

export interface OpenOptions {
  /**
   * Path of a better_sqlite3.node built for another runtime. Electron passes its own build here so
   * the copy in node_modules stays built for Node (tests, CLI, browser mode).
   */
  nativeBinding?: string | undefined;
  migrations?: Migration[] | undefined;
  readonly?: boolean;
}

export type Db = Database.Database;

/** Opens (creating if needed) and migrates the office database with the pragmas every connection needs. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Made empty and private before SQLite opens it: its WAL and shared-memory files take its mode.
  if (!options.readonly && !fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  let db: Db;
  try {
    db = new Database(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
    });
  } catch (err) {
    throw new AppError('DB_OPEN_FAILED', `Cannot open the database ${file}: ${(err as Error).message}`, { file });
  }
  try {
    const migrations = options.migrations ?? loadMigrations();
    // Refuse a newer database before anything, even a pragma, touches the file.
    assertNotFromFuture(db, migrations);
    applyPragmas(db, options.readonly === true);
    if (!options.readonly) migrate(db, migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export function applyPragmas(db: Db, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  registerFunctions(db);
}
