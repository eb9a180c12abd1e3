/**
 * Files of the data folder that hold secrets besides the database (the office's age identity and
 * Ed25519 signing key, keys/*.json) are sealed under the database key: AES-256-GCM with a key
 * derived from it (HKDF), so they are inside the same boundary as the database and open only while
 * it is open. The key of a data folder is known here from its opening to its closing (context.ts).
 * A plain file from before encryption is read once and written back sealed (`migrateIfPlain`).
 */
import path from 'node:path';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { DatabaseKey } from './cipher';

const MAGIC = 'cadrecare-sealed-v1:';

const keys = new Map<string, Buffer>();

function fileKey(dbKey: DatabaseKey): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), 'cadrecare sealed files', 32));
}

/** The data folder's database is open with this key: its sealed files can be read and written. */
export function rememberSealKey(dataDir: string, dbKey: DatabaseKey): void {
  keys.set(path.resolve(dataDir), fileKey(dbKey));
}

/** The database closed: its sealed files are closed too. */
export function forgetSealKey(dataDir: string): void {
  const dir = path.resolve(dataDir);
  keys.get(dir)?.fill(0);
  keys.delete(dir);
}

function keyOf(dataDir: string): Buffer | undefined {
  return keys.get(path.resolve(dataDir));
}

export function isSealed(text: string): boolean {
  return text.startsWith(MAGIC);
}

/** The text sealed when the folder has a key (an encrypted database), else as it is (a database not encrypted yet). */
export function seal(dataDir: string, plain: string): string {
  const key = keyOf(dataDir);
  if (!key) return plain;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${MAGIC}${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}\n`;
}

/** The plain text of a file as read, sealed or not. */
export function unseal(dataDir: string, text: string, file: string): string {
  if (!isSealed(text)) return text;
  const key = keyOf(dataDir);
  if (!key) throw new AppError('DATABASE_LOCKED', 'Please log in.');
  try {
    const raw = Buffer.from(text.slice(MAGIC.length).trim(), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError('INTERNAL', `The key file ${path.basename(file)} is not sealed with this office's key.`, { file: path.basename(file) });
  }
}

/** Whether a plain file read now should be written back sealed (the folder has a key). */
export function shouldSeal(dataDir: string, text: string): boolean {
  return !isSealed(text) && keyOf(dataDir) !== undefined;
}
