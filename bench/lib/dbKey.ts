import fs from 'node:fs';
import { formatRecoveryKey } from '../../main/db/cipher';

/**
 * The database key of every bench office: benches measure the app's real, encrypted store (SQLCipher),
 * opened with the key as the CLI opens it after unlocking.
 */
export const BENCH_DB_KEY: Buffer = Buffer.alloc(32, 0x42);

/** A bench office's recovery key in a private file beside its data folder: the CLI opens the encrypted database with it (no scrypt). */
export function recoveryKeyFile(dataDir: string): string {
  const file = `${dataDir}.recovery-key`;
  fs.writeFileSync(file, `${formatRecoveryKey(BENCH_DB_KEY)}\n`, { mode: 0o600 });
  return file;
}
