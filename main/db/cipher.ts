/**
 * The office database is encrypted in SQLCipher's format under a random 256-bit key (a raw key: no
 * passphrase, so no key derivation on every open). SQLCipher 3 settings (`legacy=3`) are used on
 * purpose: Debian's `sqlcipher` 3.4.1 then opens a copy with nothing but the key from the recovery
 * sheet (README, disaster recovery). WAL and temporary files are encrypted with the database.
 *
 * The one departure from SQLCipher 3's defaults is the page size: 4096 bytes, as SQLite's own, not
 * SQLCipher 3's 1024. Every page is encrypted and authenticated on its own, so small pages cost four
 * times the cipher work (and deeper trees) for the same rows: writes took twice as long and scans
 * three times as long as with 4096-byte pages. Debian's tool is told the size with one more pragma.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';

export const DATABASE_KEY_BYTES = 32;

/** The database key; zeroed when the last session ends (`dropKey`). */
export type DatabaseKey = Buffer;

export function newDatabaseKey(): DatabaseKey {
  return randomBytes(DATABASE_KEY_BYTES);
}

export function dropKey(key: DatabaseKey | null | undefined): void {
  key?.fill(0);
}

export const PAGE_SIZE = 4096;

/** The statements that key a connection. */
export function keyPragmas(key: DatabaseKey): string[] {
  if (key.length !== DATABASE_KEY_BYTES) throw new AppError('INTERNAL', 'A database key has 32 bytes.');
  return ["cipher = 'sqlcipher'", 'legacy = 3', `legacy_page_size = ${PAGE_SIZE}`, `key = "x'${key.toString('hex')}'"`];
}

/**
 * What Debian's `sqlcipher` 3.4.1 is given to open a copy (README, disaster recovery): the raw key
 * as 64 hex digits (the recovery key as printed, without its dashes) and the page size. The rest of SQLCipher
 * 3's settings are that tool's defaults.
 */
export function sqlcipherCliPragmas(key: DatabaseKey): string[] {
  return [`PRAGMA key = "x'${key.toString('hex').toUpperCase()}'";`, `PRAGMA cipher_page_size = ${PAGE_SIZE};`];
}

/**
 * Keys a fresh connection and proves the key by reading the schema: a wrong key (or a file that is
 * not a database of this office) answers DB_KEY_WRONG, a plaintext file DB_NOT_ENCRYPTED.
 */
export function applyKey(db: Database.Database, key: DatabaseKey, file: string): void {
  for (const pragma of keyPragmas(key)) db.pragma(pragma);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    if (isPlaintextDatabase(file)) {
      throw new AppError('DB_NOT_ENCRYPTED', 'The database is not encrypted yet; log in with the app to encrypt it.', { file });
    }
    throw new AppError('DB_KEY_WRONG', 'No key of this office opens this database (wrong recovery key, or a database of another office).', {
      file,
      reason: (err as Error).message,
    });
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A database file as SQLite writes it without encryption (its first 16 bytes are the plain header). */
export function isPlaintextDatabase(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    return n === 16 && head.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/** The recovery key as printed: the database key in 16 groups of 4 hex digits, upper case. */
export function formatRecoveryKey(key: DatabaseKey): string {
  return (key.toString('hex').toUpperCase().match(/.{4}/g) ?? []).join('-');
}

/** A recovery key as typed or scanned: spaces, dashes and case do not matter; anything else is refused. */
export function parseRecoveryKey(text: string): DatabaseKey {
  const hex = text.replace(/^\uFEFF/, '').replace(/[\s-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new AppError('RECOVERY_KEY_INVALID', 'A recovery key has 64 characters 0-9 and A-F (16 groups of 4).');
  }
  return Buffer.from(hex, 'hex');
}
