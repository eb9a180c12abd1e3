/**
 * Plaintext copies of bench databases, for the sides that cannot read the cipher: the plaintext
 * baseline of the encryption bench and the sqlite3 CLI floors of the packets bench.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { keyPragmas } from '../../main/db/cipher';
import { BENCH_DB_KEY } from './dbKey';

/** A copy of an encrypted database file made plaintext in place, page for page. */
export function decryptInPlace(file: string): void {
  const db = new Database(file);
  try {
    for (const p of keyPragmas(BENCH_DB_KEY)) db.pragma(p);
    db.pragma('wal_checkpoint(TRUNCATE)');
    // The cipher rewrites every page under the new key; it does so with a rollback journal only.
    db.pragma('journal_mode = DELETE');
    db.pragma("rekey = ''");
  } finally {
    db.close();
  }
}
