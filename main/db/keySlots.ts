/**
 * Key slots: the database key, wrapped once per user with a key derived from that user's password
 * (scrypt, then AES-256-GCM), in a small file beside the database. Logging in unwraps a slot, opens
 * the database with the key and then logs in as before, the slot having proven the password
 * (`SlotOpened`). The file also holds what the login screen shows before anything is open (the
 * office's name) and the wrong-password counts of a login made while the database is closed, so
 * lockout works before the key is known.
 *
 * Slots follow the users table: `putSlot` adds a user's slot when their password is set, inside the
 * same call (the file is written before the transaction commits), and `reconcileSlots` removes, after
 * the commit and at every open, each slot whose user is gone, disabled, or whose password changed
 * (a slot names the password hash it was made with). A power cut between the two leaves an extra
 * slot at most, never a user without one: the old password still matches the database until the
 * commit, the new one after it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import type { PasswordCost } from '../auth/password';
import { DATABASE_KEY_BYTES, type DatabaseKey } from './cipher';

export const KEY_SLOTS_FILE = 'cadrecare.keys.json';
const FORMAT = 'cadrecare-key-slots';
const MAX_MEMORY = 64 * 1024 * 1024;

export interface SlotOffice {
  id: string;
  name: string;
  areaCode: string;
  mode: string;
  createdAt: string;
}

export interface KeySlot {
  userId: string;
  /** SHA-256 of the user name, so the file names no one. */
  user: string;
  /** Names the password hash the slot was made with (a hash of it). */
  stamp: string;
  kdf: { N: number; r: number; p: number; salt: string };
  iv: string;
  data: string;
  tag: string;
  failed: number;
  lockedUntil: string | null;
  /**
   * A slot written by the upgrade of a plaintext folder for a user who was not the one logging in:
   * their password was not known, so the key is wrapped under their stored password hash (`kdf` is
   * that hash's cost and salt, `length` its bytes). Typing the password recomputes the hash and opens
   * it; that login replaces it with an ordinary slot.
   */
  pending?: { length: number };
}

export interface SlotFile {
  format: typeof FORMAT;
  version: 1;
  /** Random, made with the key: backups and slot files of another office are told apart by it. */
  databaseId: string;
  /** HMAC of a fixed text under the key: proves a recovery key without opening anything. */
  check: string;
  office: SlotOffice | null;
  slots: KeySlot[];
  /** Set by the upgrade of a plaintext folder: its new key has no printed recovery sheet yet. */
  recoveryKeyDue?: boolean;
}

export function slotsPath(dataDir: string): string {
  return path.join(dataDir, KEY_SLOTS_FILE);
}

export function keyCheck(key: DatabaseKey): string {
  return createHmac('sha256', key).update('cadrecare database key').digest('hex');
}

export function newSlotFile(key: DatabaseKey): SlotFile {
  return { format: FORMAT, version: 1, databaseId: randomUUID(), check: keyCheck(key), office: null, slots: [] };
}

export function keyMatches(file: SlotFile, key: DatabaseKey): boolean {
  const a = Buffer.from(file.check, 'hex');
  const b = Buffer.from(keyCheck(key), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The slot file, or KEY_SLOTS_MISSING / KEY_SLOTS_DAMAGED; nothing is changed either way. */
export function readSlotFile(file: string): SlotFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('KEY_SLOTS_MISSING', 'The key file beside the database is missing; log in with the recovery key, or restore the data folder from a backup.', {
        file,
      });
    }
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw damaged(file);
  }
  if (!isSlotFile(parsed)) throw damaged(file);
  return parsed;
}

function damaged(file: string): AppError {
  return new AppError('KEY_SLOTS_DAMAGED', 'The key file beside the database is damaged; log in with the recovery key, or restore the data folder from a backup.', {
    file,
  });
}

function isSlotFile(v: unknown): v is SlotFile {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Partial<SlotFile>;
  return (
    f.format === FORMAT &&
    f.version === 1 &&
    typeof f.databaseId === 'string' &&
    typeof f.check === 'string' &&
    /^[0-9a-f]{64}$/.test(f.check) &&
    Array.isArray(f.slots) &&
    f.slots.every(
      (s) =>
        typeof s === 'object' &&
        s !== null &&
        typeof s.userId === 'string' &&
        typeof s.user === 'string' &&
        typeof s.data === 'string' &&
        typeof s.iv === 'string' &&
        typeof s.tag === 'string' &&
        typeof s.kdf === 'object' &&
        s.kdf !== null &&
        typeof s.failed === 'number',
    )
  );
}

/** Written to a temporary file, flushed and renamed over the old one: a power cut leaves one or the other whole. */
export function writeSlotFile(file: string, content: SlotFile): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(content, null, 1)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  try {
    const dir = fs.openSync(path.dirname(file), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  } catch {
    // Windows cannot open a folder to flush it; its rename is durable enough.
  }
}

export function userHash(username: string): string {
  return createHash('sha256').update(username.normalize('NFC')).digest('hex');
}

export function passwordStamp(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('hex').slice(0, 32);
}

function kek(password: string, kdf: KeySlot['kdf']): Buffer {
  return scryptSync(password.normalize('NFC'), Buffer.from(kdf.salt, 'hex'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: MAX_MEMORY });
}

export function wrapKey(
  file: Pick<SlotFile, 'databaseId'>,
  key: DatabaseKey,
  user: { id: string; username: string; passwordHash: string },
  password: string,
  cost: PasswordCost,
): KeySlot {
  const kdf = { N: cost.N, r: cost.r, p: cost.p, salt: randomBytes(16).toString('hex') };
  return sealSlot(file, key, user, kdf, kek(password, kdf));
}

/** The key wrapped (AES-256-GCM, bound to the database and the user) under `wrapping`, which is zeroed after. */
function sealSlot(
  file: Pick<SlotFile, 'databaseId'>,
  key: DatabaseKey,
  user: { id: string; username: string; passwordHash: string },
  kdf: KeySlot['kdf'],
  wrapping: Buffer,
): KeySlot {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrapping, iv);
  cipher.setAAD(Buffer.from(`${file.databaseId}/${user.id}`));
  const data = Buffer.concat([cipher.update(key), cipher.final()]);
  wrapping.fill(0);
  return {
    userId: user.id,
    user: userHash(user.username),
    stamp: passwordStamp(user.passwordHash),
    kdf,
    iv: iv.toString('hex'),
    data: data.toString('hex'),
    tag: cipher.getAuthTag().toString('hex'),
    failed: 0,
    lockedUntil: null,
  };
}

/** The wrapping key of a pending slot: HKDF of the password hash's bytes, so the hash itself (or its stamp) is not it. */
function pendingKek(hashBytes: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', hashBytes, Buffer.alloc(0), 'cadrecare pending key slot', 32));
}

/**
 * A pending slot for a user whose password is not known now but whose scrypt hash is
 * ("scrypt$N$r$p$<hex>" with its salt, main/auth/password.ts). Guessing the password from it costs
 * what guessing from an ordinary slot costs; see `pending` on KeySlot.
 */
export function wrapKeyPending(
  file: Pick<SlotFile, 'databaseId'>,
  key: DatabaseKey,
  user: { id: string; username: string; passwordHash: string; passwordSalt: string },
): KeySlot | null {
  const [scheme, n, r, p, hex] = user.passwordHash.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !hex || !/^[0-9a-f]+$/.test(hex) || !/^[0-9a-f]+$/.test(user.passwordSalt)) return null;
  const hashBytes = Buffer.from(hex, 'hex');
  const kdf = { N: Number(n), r: Number(r), p: Number(p), salt: user.passwordSalt };
  return { ...sealSlot(file, key, user, kdf, pendingKek(hashBytes)), pending: { length: hashBytes.length } };
}

/**
 * The slot a password opened at a login or unlock while the database was closed: the user and the
 * password hash it was made with. When that hash is still the user's, the password is proven (a
 * slot is only ever wrapped with the password that hash was made from, or under the hash itself for
 * a pending one), so checking the hash again would only run scrypt a second time.
 */
export interface SlotOpened {
  userId: string;
  stamp: string;
}

/** The database key, or null when the password is not this slot's. */
export function unwrapKey(file: Pick<SlotFile, 'databaseId'>, slot: KeySlot, password: string): DatabaseKey | null {
  let wrapping: Buffer;
  if (slot.pending) {
    const length = slot.pending.length;
    if (!Number.isInteger(length) || length < 16 || length > 128) return null;
    const hashBytes = scryptSync(password.normalize('NFC'), Buffer.from(slot.kdf.salt, 'hex'), length, {
      N: slot.kdf.N,
      r: slot.kdf.r,
      p: slot.kdf.p,
      maxmem: MAX_MEMORY,
    });
    wrapping = pendingKek(hashBytes);
    hashBytes.fill(0);
  } else {
    wrapping = kek(password, slot.kdf);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrapping, Buffer.from(slot.iv, 'hex'));
    decipher.setAAD(Buffer.from(`${file.databaseId}/${slot.userId}`));
    decipher.setAuthTag(Buffer.from(slot.tag, 'hex'));
    const key = Buffer.concat([decipher.update(Buffer.from(slot.data, 'hex')), decipher.final()]);
    return key.length === DATABASE_KEY_BYTES ? key : null;
  } catch {
    return null;
  } finally {
    wrapping.fill(0);
  }
}

/** What a connection opened with a key knows to keep the slots in step: the key and where the file is. */
export interface Keyring {
  key: DatabaseKey;
  file: string;
  cost: PasswordCost;
  /** What the users and office looked like at the last reconcile, so an unrelated write costs one query. */
  seen?: string;
}

const keyrings = new WeakMap<Database.Database, Keyring>();

export function attachKeyring(db: Database.Database, keyring: Keyring): void {
  keyrings.set(db, keyring);
}

export function keyringOf(db: Database.Database): Keyring | undefined {
  return keyrings.get(db);
}

/** The slot file of this key, made when missing (a database opened with its key before any user had a slot). */
function slotFileFor(keyring: Keyring): SlotFile {
  if (!fs.existsSync(keyring.file)) return newSlotFile(keyring.key);
  const file = readSlotFile(keyring.file);
  if (!keyMatches(file, keyring.key)) {
    throw new AppError('KEY_SLOTS_OTHER_OFFICE', 'The key file beside the database belongs to another database; nothing was changed.', {
      file: keyring.file,
    });
  }
  return file;
}

/**
 * Adds a slot for the user's new password (their other slots stay until `reconcileSlots` runs after
 * the commit). A database without a keyring (a plaintext one before its upgrade) has no slots.
 */
export function putSlot(db: Database.Database, user: { id: string; username: string; passwordHash: string }, password: string): void {
  const keyring = keyringOf(db);
  if (!keyring) return;
  const file = slotFileFor(keyring);
  file.slots.push(wrapKey(file, keyring.key, user, password, keyring.cost));
  writeSlotFile(keyring.file, file);
  delete keyring.seen;
}

interface UserStamp {
  id: string;
  password_hash: string;
  disabled: 0 | 1;
}

/**
 * Keeps exactly the slots of enabled users whose password is still the one they were made with,
 * and the office's name for the login screen. Writes only when something changed.
 */
export function reconcileSlots(db: Database.Database): void {
  const keyring = keyringOf(db);
  if (!keyring) return;
  const seen = (
    db
      .prepare("SELECT (SELECT group_concat(id || password_hash || disabled, ',') FROM users) || '|' || (SELECT group_concat(id || name, ',') FROM office) AS s")
      .get() as { s: string | null }
  ).s ?? '';
  if (keyring.seen === seen && fs.existsSync(keyring.file)) return;
  const file = slotFileFor(keyring);
  const users = new Map((db.prepare('SELECT id, password_hash, disabled FROM users').all() as UserStamp[]).map((u) => [u.id, u]));
  const kept = file.slots.filter((s) => {
    const u = users.get(s.userId);
    return u !== undefined && u.disabled === 0 && passwordStamp(u.password_hash) === s.stamp;
  });
  // A pending slot has done its work once its user has an ordinary one.
  const ordinary = new Set(kept.filter((s) => !s.pending).map((s) => s.userId));
  const settled = kept.filter((s) => !s.pending || !ordinary.has(s.userId));
  const row = db.prepare('SELECT id, name, area_code AS areaCode, mode, created_at AS createdAt FROM office').get() as SlotOffice | undefined;
  const office = row ? { id: row.id, name: row.name, areaCode: row.areaCode, mode: row.mode, createdAt: row.createdAt } : null;
  const changed = settled.length !== file.slots.length || JSON.stringify(office) !== JSON.stringify(file.office) || !fs.existsSync(keyring.file);
  if (changed) writeSlotFile(keyring.file, { ...file, office, slots: settled });
  keyring.seen = seen;
}

/**
 * Whether the user has an ordinary slot (a user without one, or with only a pending one, gets it at
 * their next login, which knows the password).
 */
export function hasSlot(db: Database.Database, userId: string): boolean {
  const keyring = keyringOf(db);
  if (!keyring) return true;
  return slotFileFor(keyring).slots.some((s) => s.userId === userId && !s.pending);
}
