/**
 * The office database is encrypted in SQLCipher's format under a random 256-bit key (a raw key: no
 * passphrase, so no key derivation on every open). SQLCipher 3 settings (`legacy=3`) are used on
 * purpose: Debian's `sqlcipher` 3.4.1 then opens a copy with nothing but the key from the recovery
 * sheet (README, disaster recovery). The WAL and journals are encrypted with the database; SQLite's
 * temporary files are not, so an encrypted connection keeps its temporary data in memory (applyKey).
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
import { parseRecoveryKeyText } from '../../shared/recoveryKey';

export const DATABASE_KEY_BYTES = 32;

/**
 * The database key; zeroed when the last session ends (`dropKey`). It is a Buffer, and is never
 * turned into a string on its way to SQLite (`applyKey`): a JS string cannot be overwritten and
 * stays in the heap until the garbage collector reuses its memory, while a Buffer's bytes can be.
 */
export type DatabaseKey = Buffer;

export function newDatabaseKey(): DatabaseKey {
  return randomBytes(DATABASE_KEY_BYTES);
}

/** Overwrites the key's bytes: what was derived from it (SQLite's copy) goes when the connection closes. */
export function dropKey(key: DatabaseKey | null | undefined): void {
  key?.fill(0);
}

export const PAGE_SIZE = 4096;

/**
 * The statements that key a connection by SQL, for scripts and benches that open a database by hand.
 * The app's own connections are keyed by `applyKey`, which puts the key in no string.
 */
export function keyPragmas(key: DatabaseKey): string[] {
  if (key.length !== DATABASE_KEY_BYTES) throw new AppError('INTERNAL', 'A database key has 32 bytes.');
  return [...CIPHER_PRAGMAS, `key = "x'${key.toString('hex')}'"`];
}

/** The cipher settings a connection gets before its key. */
export const CIPHER_PRAGMAS: readonly string[] = ["cipher = 'sqlcipher'", 'legacy = 3', `legacy_page_size = ${PAGE_SIZE}`];

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * The raw key as SQLCipher takes it, `x'<64 hex digits>'`, written byte by byte into a Buffer (no
 * string holds it, see DatabaseKey): for `db.key()` and as the blob of `ATTACH … KEY ?`. The caller
 * zeroes it once the connection has it.
 */
export function rawKeyText(key: DatabaseKey): Buffer {
  if (key.length !== DATABASE_KEY_BYTES) throw new AppError('INTERNAL', 'A database key has 32 bytes.');
  const text = Buffer.alloc(key.length * 2 + 3);
  text[0] = 0x78; // x
  text[1] = 0x27; // '
  for (let i = 0; i < key.length; i++) {
    const byte = key[i] as number;
    text[2 + i * 2] = HEX_DIGITS[byte >> 4] as number;
    text[3 + i * 2] = HEX_DIGITS[byte & 15] as number;
  }
  text[text.length - 1] = 0x27;
  return text;
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
  for (const pragma of CIPHER_PRAGMAS) db.pragma(pragma);
  const text = rawKeyText(key);
  try {
    db.key(text);
  } finally {
    text.fill(0);
  }
  // Temporary tables, and the b-trees and sort runs of a sort, a DISTINCT or a new index too large
  // for memory, stay in memory: the cipher covers the database, its WAL and journals, not SQLite's
  // temporary files, which this build writes to disk (/var/tmp) with what was sorted in the clear.
  db.pragma('temp_store = MEMORY');
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

/**
 * A recovery key as typed or scanned (shared/recoveryKey.ts): the 16 groups of the key, with or
 * without the sheet's check group; spaces, dashes and case do not matter.
 */
export function parseRecoveryKey(text: string): DatabaseKey {
  const parsed = parseRecoveryKeyText(text);
  if (parsed.ok) return Buffer.from(parsed.hex, 'hex');
  if (parsed.reason === 'typo') {
    throw new AppError('RECOVERY_KEY_TYPO', 'The recovery key has a typing mistake (its check group does not match); compare it group by group with the sheet.');
  }
  throw new AppError('RECOVERY_KEY_INVALID', 'A recovery key has 64 characters 0-9 and A-F (16 groups of 4), and on the sheet a 17th check group.', {
    reason: parsed.reason,
    ...(parsed.reason === 'length' ? { count: parsed.count } : {}),
    ...(parsed.reason === 'badChar' ? { char: parsed.char } : {}),
  });
}
