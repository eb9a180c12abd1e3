import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import { assertNotFromFuture, loadMigrations, migrate, type Migration } from './migrate';
import { applyKey, type DatabaseKey } from './cipher';
import { attachKeyring, reconcileSlots, slotsPath } from './keySlots';
import type { PasswordCost } from '../auth/password';
import { registerFunctions } from './functions';

export interface OpenOptions {
  /**
   * Path of a better_sqlite3.node built for another runtime. Electron passes its own build here so
   * the copy in node_modules stays built for Node (tests, CLI, browser mode).
   */
  nativeBinding?: string | undefined;
  migrations?: Migration[] | undefined;
  readonly?: boolean;
  /**
   * The database key (SQLCipher, main/db/cipher.ts). Without one the file is plain SQLite: only a
   * database before its upgrade, test fixtures about migrations, and scratch files opened elsewhere.
   */
  key?: DatabaseKey | undefined;
  /**
   * Keeps the key slots beside the database (main/db/keySlots.ts) in step with its users, wrapping
   * new slots at this scrypt cost. Only the office database has slots; a backup opened to be read does not.
   */
  slots?: { cost: PasswordCost } | undefined;
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
    if (options.key) applyKey(db, options.key, file);
    const migrations = options.migrations ?? loadMigrations();
    // Refuse a newer database before anything, even a pragma, touches the file.
    assertNotFromFuture(db, migrations);
    applyPragmas(db, options.readonly === true);
    if (!options.readonly) migrate(db, migrations);
    if (options.key && options.slots) {
      attachKeyring(db, { key: options.key, file: slotsPath(path.dirname(file)), cost: options.slots.cost });
      if (!options.readonly) reconcileSlots(db);
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** A connection to a database file, keyed when a key is given, without pragmas or migrations (snapshots, scratch files). */
export function openKeyed(file: string, key: DatabaseKey | undefined, options: Database.Options & { nativeBinding?: string | undefined } = {}): Db {
  const { nativeBinding, ...rest } = options;
  const db = new Database(file, { ...rest, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    if (key) applyKey(db, key, file);
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
  // Temporary data in memory, as on every keyed connection (cipher.ts: the cipher does not cover
  // temporary files); a database not encrypted yet does the same, so the two cost the same.
  db.pragma('temp_store = MEMORY');
  // 128 MiB of page cache (taken only as pages are read, so an office's small file never fills it):
  // an encrypted page read again from the OS is decrypted again. What search reads at 100k persons
  // (the persons rows, the trigram index, the name, character and reading indexes) is about 110 MB:
  // with 64 MiB it kept falling out and search cost up to 1.5× its plaintext CPU time (p95), with
  // 96 MiB and more 1.0–1.1× (bench/search.bench.ts, side by side); SQLite's 2 MiB default, 1.5–2.5×.
  db.pragma('cache_size = -131072');
  registerFunctions(db);
}
